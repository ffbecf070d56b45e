"""Train the learned cue detector (provenance/cue_model.json) on the PolNeAR training split.

    python scripts/train_cues.py ../shared/corpus/polnear-train [--threshold 0.5]

Each verb of each article, and each noun with a possessor ("his theory"), is a sample: positive
when it lies inside an annotated Cue span. The
article is segmented and parsed exactly as the pipeline does it, so the features match. The
script prints precision and recall on a held-out fifth of the articles and writes the weights of
a scikit-learn logistic regression as JSON (no pickle; the texts are not shipped, only weights).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, precision_recall_fscore_support
from spacy.tokens import Doc, DocBin
from tqdm import tqdm

from provenance.claims import nlp_text, segment
from provenance.cues import MODEL_PATH, candidate, features
from provenance.nlp import load

_SPAN = re.compile(r"^T\d+\tCue ([\d ;]+)\t")


def cue_spans(ann_files: list[Path]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for ann in ann_files:
        for line in ann.read_text(encoding="utf-8").splitlines():
            match = _SPAN.match(line)
            if match:
                for frag in match.group(1).split(";"):
                    start, end = frag.split()
                    spans.append((int(start), int(end)))
    return spans


def parsed(
    corpus: Path, limit: int | None, cache: Path | None
) -> list[tuple[str, list[tuple[int, Doc]], list[tuple[int, int]]]]:
    """Each article's paragraphs parsed as the pipeline parses them, with its cue spans. The
    parse is the slow part (minutes): ``cache`` keeps it between runs that change features."""
    nlp = load()
    texts = sorted((corpus / "text").glob("*.txt"))[:limit]
    if cache is not None and cache.exists():
        bin_ = DocBin().from_disk(cache)
        docs = iter(bin_.get_docs(nlp.vocab))
        index = json.loads(cache.with_suffix(".json").read_text(encoding="utf-8"))
        return [
            (stem, [(start, next(docs)) for start in starts], [tuple(s) for s in spans])
            for stem, starts, spans in index
        ]  # type: ignore[misc]
    out = []
    for path in tqdm(texts, desc="parsing", file=sys.stderr):
        text = path.read_text(encoding="utf-8")
        spans = cue_spans(sorted((corpus / "attributions").glob(f"{path.stem}_*.ann")))
        pars = [p for p in segment(text) if not p.boilerplate]
        clean = nlp_text(text)
        docs = nlp.pipe(clean[p.start : p.end] for p in pars)
        out.append((path.stem, [(p.start, doc) for p, doc in zip(pars, docs, strict=True)], spans))
    if cache is not None:
        bin_ = DocBin(store_user_data=False)
        for _, docs_, _ in out:
            for _, doc in docs_:
                bin_.add(doc)
        bin_.to_disk(cache)
        index = [(stem, [start for start, _ in docs_], spans) for stem, docs_, spans in out]
        cache.with_suffix(".json").write_text(json.dumps(index), encoding="utf-8")
    return out


def samples(
    articles: list[tuple[str, list[tuple[int, Doc]], list[tuple[int, int]]]],
) -> list[tuple[str, list[list[str]], list[int]]]:
    out = []
    for stem, docs, spans in articles:
        feats, labels = [], []
        for start, doc in docs:
            for tok in doc:
                if not candidate(tok):
                    continue
                pos = start + tok.idx
                feats.append(features(tok))
                labels.append(int(any(s <= pos < e for s, e in spans)))
        out.append((stem, feats, labels))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--threshold", type=float, default=0.15)
    parser.add_argument("--limit", type=int, default=None, help="articles to use (all)")
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--cache", type=Path, help="keep the parse here (a .spacy file)")
    parser.add_argument("--min-weight", type=float, default=0.05, help="drop smaller weights")
    args = parser.parse_args()

    data = samples(parsed(args.corpus, args.limit, args.cache))
    split = len(data) * 4 // 5

    def flat(
        rows: list[tuple[str, list[list[str]], list[int]]],
    ) -> tuple[list[dict[str, int]], list[int]]:
        x = [dict.fromkeys(f, 1) for _, feats, _ in rows for f in feats]
        y = [label for _, _, labels in rows for label in labels]
        return x, y

    vec = DictVectorizer()
    x_train, y_train = flat(data[:split])
    x_test, y_test = flat(data[split:])
    clf = LogisticRegression(C=0.25, max_iter=3000)
    clf.fit(vec.fit_transform(x_train), y_train)
    probs = clf.predict_proba(vec.transform(x_test))[:, 1]
    pred = [int(p >= args.threshold) for p in probs]
    p, r, f, _ = precision_recall_fscore_support(y_test, pred, average="binary")
    ap = average_precision_score(y_test, probs)
    print(
        f"held-out candidates: {len(y_test)}, cues {sum(y_test)}; "
        f"P {p:.2f} R {r:.2f} F1 {f:.2f} (average precision {ap:.3f})"
    )

    # final model on everything
    x_all, y_all = flat(data)
    clf.fit(vec.fit_transform(x_all), y_all)
    weights = {
        name: round(float(w), 3)
        for name, w in zip(vec.get_feature_names_out(), clf.coef_[0], strict=True)
        if abs(w) >= args.min_weight
    }
    args.out.write_text(
        json.dumps(
            {
                "bias": float(clf.intercept_[0]),
                "threshold": args.threshold,
                "weights": weights,
                "trained_on": f"PolNeAR train, {len(data)} articles, {len(y_all)} candidates",
            },
            indent=0,
            sort_keys=True,
        ),
        encoding="utf-8",
    )
    print(f"wrote {args.out} ({len(weights)} weights)")


if __name__ == "__main__":
    main()
