"""Train the learned cue detector (provenance/cue_model.json) on the PolNeAR training split.

    python scripts/train_cues.py ../shared/corpus/polnear-train --cache /tmp/train.spacy
        [--folds 5] [--fold-dir DIR]

Each verb of each article, and each noun with a possessor ("his theory"), is a sample: positive
when it lies inside an annotated Cue span. The article is segmented and parsed exactly as the
pipeline does it, so the features match. Articles are split into ``--folds`` folds by a hash of
their name (:func:`provenance.cues.fold_of`); the script prints the cross-validated precision and
recall, writes one model per fold trained without it (``--fold-dir``: the pipeline is measured on
PolNeAR train only with the model that did not see the article), and the final model trained on
all, with what made it (feature version, lexicon hash, spaCy model, scikit-learn version,
hyperparameters, CV figures). Training is deterministic: the same data give the same bytes.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import sklearn
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, precision_recall_fscore_support
from spacy.tokens import Doc, DocBin
from tqdm import tqdm

from provenance.claims import nlp_text, segment
from provenance.cues import FEATURE_VERSION, MODEL_PATH, candidate, features, fold_of
from provenance.lexicon import LEXICON_HASH
from provenance.nlp import load

_SPAN = re.compile(r"^T\d+\tCue ([\d ;]+)\t")
Article = tuple[str, list[tuple[int, Doc]], list[tuple[int, int]]]
Rows = list[tuple[str, list[list[str]], list[int]]]


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


def parsed(corpus: Path, limit: int | None, cache: Path | None) -> list[Article]:
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


def samples(articles: list[Article]) -> Rows:
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


def flat(rows: Rows) -> tuple[list[dict[str, int]], list[int]]:
    x = [dict.fromkeys(f, 1) for _, feats, _ in rows for f in feats]
    y = [label for _, _, labels in rows for label in labels]
    return x, y


def fit(rows: Rows, c: float) -> tuple[DictVectorizer, LogisticRegression]:
    vec = DictVectorizer()
    x, y = flat(rows)
    # lbfgs on the same rows in the same order is deterministic
    clf = LogisticRegression(C=c, max_iter=3000, solver="lbfgs")
    clf.fit(vec.fit_transform(x), y)
    return vec, clf


def as_json(
    vec: DictVectorizer, clf: LogisticRegression, args: argparse.Namespace, extra: dict[str, object]
) -> str:
    weights = {
        name: round(float(w), 3)
        for name, w in zip(vec.get_feature_names_out(), clf.coef_[0], strict=True)
        if abs(w) >= args.min_weight
    }
    nlp = load()
    data = {
        "bias": round(float(clf.intercept_[0]), 6),
        "threshold": args.threshold,
        "weights": weights,
        "feature_version": FEATURE_VERSION,
        "lexicon_hash": LEXICON_HASH,
        "spacy_model": f"{nlp.meta.get('name', '')}-{nlp.meta.get('version', '')}",
        "sklearn_version": sklearn.__version__,
        "hyperparameters": {
            "model": "LogisticRegression",
            "solver": "lbfgs",
            "C": args.c,
            "max_iter": 3000,
            "threshold": args.threshold,
            "min_weight": args.min_weight,
            "folds": args.folds,
        },
        **extra,
    }
    return json.dumps(data, indent=0, sort_keys=True) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--threshold", type=float, default=0.5)
    parser.add_argument("--c", type=float, default=0.25, help="inverse L2 regularisation")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--fold-dir", type=Path, help="write each fold's held-out model here")
    parser.add_argument("--limit", type=int, default=None, help="articles to use (all)")
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--cache", type=Path, help="keep the parse here (a .spacy file)")
    parser.add_argument("--min-weight", type=float, default=0.05, help="drop smaller weights")
    args = parser.parse_args()

    data = samples(parsed(args.corpus, args.limit, args.cache))
    y_true: list[int] = []
    y_prob: list[float] = []
    for fold in range(args.folds):
        train = [r for r in data if fold_of(r[0], args.folds) != fold]
        test = [r for r in data if fold_of(r[0], args.folds) == fold]
        vec, clf = fit(train, args.c)
        x_test, y_test = flat(test)
        y_true += y_test
        y_prob += [float(p) for p in clf.predict_proba(vec.transform(x_test))[:, 1]]
        if args.fold_dir is not None:
            args.fold_dir.mkdir(parents=True, exist_ok=True)
            extra = {"trained_on": f"PolNeAR train without fold {fold} of {args.folds}"}
            (args.fold_dir / f"fold{fold}.json").write_text(
                as_json(vec, clf, args, extra), encoding="utf-8"
            )
    pred = [int(p >= args.threshold) for p in y_prob]
    p, r, f, _ = precision_recall_fscore_support(y_true, pred, average="binary")
    ap = average_precision_score(y_true, y_prob)
    cv = {
        "candidates": len(y_true),
        "cues": sum(y_true),
        "precision": round(float(p), 3),
        "recall": round(float(r), 3),
        "f1": round(float(f), 3),
        "average_precision": round(float(ap), 3),
    }
    print(f"{args.folds}-fold CV by article: {cv}")
    vec, clf = fit(data, args.c)
    x_all, _ = flat(data)
    extra = {
        "trained_on": f"PolNeAR train, {len(data)} articles, {len(x_all)} candidates",
        "cross_validation": cv,
    }
    args.out.write_text(as_json(vec, clf, args, extra), encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
