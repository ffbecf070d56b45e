"""Training the cue model on PolNeAR (``provenance train-cues``), reproducibly.

Each verb of each article, and each noun with a possessor ("his theory"), is a sample: positive
when it lies inside an annotated Cue span. Articles are segmented and parsed exactly as the
pipeline does it, so the features match. Articles fall into folds by a hash of their name
(:func:`~provenance.cues.features.fold_of`): cross-validation measures the model on articles it
did not see, and one model per fold lets the pipeline be measured the same way. Training is
deterministic (sorted files, one lbfgs fit on rows in a fixed order, rounded weights, sorted
JSON): the same corpus and code give the same bytes.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import sklearn
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, precision_recall_fscore_support
from spacy import about
from spacy.language import Language
from spacy.tokens import Doc, DocBin

from provenance import lexicon
from provenance.claims import nlp_text, segment
from provenance.console import progress
from provenance.cues.features import FEATURE_VERSION, LEXICON_HASH, candidate, features, fold_of
from provenance.cues.model import pipeline_id

_SPAN = re.compile(r"^T\d+\tCue ([\d ;]+)\t")
#: An article: its name, its parsed paragraphs with their offsets, its cue spans.
Article = tuple[str, list[tuple[int, Doc]], list[tuple[int, int]]]
#: One article's samples: its name, each candidate's features, lemma and label.
Rows = tuple[str, list[list[str]], list[str], list[int]]


@dataclass(frozen=True)
class Settings:
    """The hyperparameters, all recorded in the model's meta block."""

    c: float = 0.25  # inverse L2 regularisation
    # the probability from which the pipeline takes a word as a cue is chosen by
    # cross-validation: the one of highest F-beta on held-out words beyond the lexicon (recall
    # weighs beta times precision: learned.py's checks on the frame drop false alarms after the
    # model, a cue it misses is lost); ``threshold`` fixes it instead
    beta: float = 2.0
    threshold: float | None = None
    min_weight: float = 0.05  # smaller weights are dropped from the file
    folds: int = 5
    max_iter: int = 3000


def cue_spans(ann_files: list[Path]) -> list[tuple[int, int]]:
    """The character spans of the Cue annotations of one article's BRAT files."""
    spans: list[tuple[int, int]] = []
    for ann in ann_files:
        for line in ann.read_text(encoding="utf-8").splitlines():
            match = _SPAN.match(line)
            if match:
                for frag in match.group(1).split(";"):
                    start, end = frag.split()
                    spans.append((int(start), int(end)))
    return spans


def _files(corpus: Path, limit: int | None) -> list[tuple[Path, list[Path]]]:
    texts = sorted((corpus / "text").glob("*.txt"))[:limit]
    return [(t, sorted((corpus / "attributions").glob(f"{t.stem}_*.ann"))) for t in texts]


def corpus_hash(corpus: Path, limit: int | None = None) -> str:
    """A hash of the texts and annotations used, by name and content."""
    digest = hashlib.sha256()
    for text, anns in _files(corpus, limit):
        for path in (text, *anns):
            digest.update(path.name.encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def _cached(cache: Path | None, key: list[Any], nlp: Language) -> list[Doc] | None:
    """The cached parse, when it was made of the same corpus, segmentation and pipeline."""
    if cache is None or not cache.exists() or not cache.with_suffix(".json").exists():
        return None
    if json.loads(cache.with_suffix(".json").read_text(encoding="utf-8")) != key:
        return None
    return list(DocBin().from_disk(cache).get_docs(nlp.vocab))


def _store(cache: Path, key: list[Any], docs: list[Doc]) -> None:
    bin_ = DocBin(store_user_data=False)
    for doc in docs:
        bin_.add(doc)
    bin_.to_disk(cache)
    cache.with_suffix(".json").write_text(json.dumps(key), encoding="utf-8")


def parse_corpus(
    corpus: Path, nlp: Language, limit: int | None = None, cache: Path | None = None
) -> list[Article]:
    """Each article's paragraphs parsed as the pipeline parses them, with its cue spans. The
    parse is the slow part (minutes): ``cache`` (a .spacy file) keeps it for runs on the same
    corpus, segmentation and pipeline, and is remade when any of them changed."""
    files = _files(corpus, limit)
    texts = [text.read_text(encoding="utf-8") for text, _ in files]
    pars = [[p for p in segment(raw) if not p.boilerplate] for raw in texts]
    key = [corpus_hash(corpus, limit), pipeline_id(nlp), [[p.start for p in ps] for ps in pars]]
    docs = _cached(cache, key, nlp)
    if docs is None:
        docs = []
        for raw, ps in progress(zip(texts, pars, strict=True), "parsing", total=len(texts)):
            clean = nlp_text(raw)
            docs += nlp.pipe(clean[p.start : p.end] for p in ps)
        if cache is not None:
            _store(cache, key, docs)
    found = iter(docs)
    return [
        (text.stem, [(p.start, next(found)) for p in ps], cue_spans(anns))
        for (text, anns), ps in zip(files, pars, strict=True)
    ]


def samples(articles: list[Article]) -> list[Rows]:
    """The candidates of each article with their features and labels."""
    out = []
    for stem, docs, spans in articles:
        feats, lemmas, labels = [], [], []
        for start, doc in docs:
            for tok in doc:
                if not candidate(tok):
                    continue
                pos = start + tok.idx
                feats.append(features(tok))
                lemmas.append(tok.lemma_.lower())
                labels.append(int(any(s <= pos < e for s, e in spans)))
        out.append((stem, feats, lemmas, labels))
    return out


def _flat(rows: list[Rows]) -> tuple[list[dict[str, int]], list[int]]:
    x = [dict.fromkeys(f, 1) for _, feats, _, _ in rows for f in feats]
    y = [label for *_, labels in rows for label in labels]
    return x, y


def fit(rows: list[Rows], settings: Settings) -> tuple[DictVectorizer, LogisticRegression]:
    """One logistic regression; lbfgs on the same rows in the same order is deterministic."""
    vec = DictVectorizer()
    x, y = _flat(rows)
    clf = LogisticRegression(C=settings.c, max_iter=settings.max_iter, solver="lbfgs")
    clf.fit(vec.fit_transform(x), y)
    return vec, clf


def _scores(y_true: list[int], y_prob: list[float], threshold: float) -> dict[str, float | int]:
    pred = [int(p >= threshold) for p in y_prob]
    p, r, f, _ = precision_recall_fscore_support(y_true, pred, average="binary", zero_division=0)
    ap = average_precision_score(y_true, y_prob) if any(y_true) else 0.0
    return {
        "candidates": len(y_true),
        "cues": sum(y_true),
        "precision": round(float(p), 3),
        "recall": round(float(r), 3),
        "f1": round(float(f), 3),
        "average_precision": round(float(ap), 3),
    }


def best_threshold(y_true: list[int], y_prob: list[float], beta: float) -> float:
    """The threshold, to the hundredth, of highest F-beta on held-out words (the highest of
    equals): chosen on cross-validation, never by hand."""
    pairs = sorted(zip(y_prob, y_true, strict=True), reverse=True)
    positives = sum(y_true)
    best, chosen, tp, taken = -1.0, 0.5, 0, 0
    for cut in range(99, 0, -1):
        threshold = cut / 100
        while taken < len(pairs) and pairs[taken][0] >= threshold:
            tp += pairs[taken][1]
            taken += 1
        if not tp:
            continue
        precision, recall = tp / taken, tp / positives
        f = (1 + beta**2) * precision * recall / (beta**2 * precision + recall)
        if f > best:
            best, chosen = f, threshold
    return chosen


def split(data: list[Rows], fold: int, folds: int) -> tuple[list[Rows], list[Rows]]:
    """The articles to train on and the held-out articles of ``fold``."""
    train = [r for r in data if fold_of(r[0], folds) != fold]
    return train, [r for r in data if fold_of(r[0], folds) == fold]


def cross_validate(
    data: list[Rows], settings: Settings
) -> tuple[dict[str, Any], list[tuple[DictVectorizer, LogisticRegression]]]:
    """Figures on held-out folds (all candidates, and those outside the lexicon's cue verbs: the
    words the model decides alone), and the model of each fold trained without it."""
    y_true: list[int] = []
    y_prob: list[float] = []
    novel: list[bool] = []
    models = []
    for fold in range(settings.folds):
        train, test = split(data, fold, settings.folds)
        vec, clf = fit(train, settings)
        models.append((vec, clf))
        x_test, y_test = _flat(test)
        y_true += y_test
        y_prob += [float(p) for p in clf.predict_proba(vec.transform(x_test))[:, 1]]
        novel += [lemma not in lexicon.CUE_VERBS for _, _, lemmas, _ in test for lemma in lemmas]
    beyond = [(t, p) for t, p, n in zip(y_true, y_prob, novel, strict=True) if n]
    b_true, b_prob = [t for t, _ in beyond], [p for _, p in beyond]
    threshold = settings.threshold
    if threshold is None:
        threshold = best_threshold(b_true, b_prob, settings.beta)
    cv: dict[str, Any] = {"threshold": threshold, **_scores(y_true, y_prob, threshold)}
    cv["beyond_lexicon"] = _scores(b_true, b_prob, threshold)
    return cv, models


def model_json(
    vec: DictVectorizer,
    clf: LogisticRegression,
    settings: Settings,
    threshold: float,
    meta: dict[str, Any],
) -> str:
    """The model file: rounded weights, the threshold and the meta block, keys sorted."""
    weights = {
        name: round(float(w), 3)
        for name, w in zip(vec.get_feature_names_out(), clf.coef_[0], strict=True)
        if abs(w) >= settings.min_weight
    }
    data = {
        "bias": round(float(clf.intercept_[0]), 6),
        "threshold": threshold,
        "weights": weights,
        "meta": meta,
    }
    return json.dumps(data, indent=0, sort_keys=True) + "\n"


def train(
    corpus: Path,
    out: Path,
    nlp: Language,
    settings: Settings,
    *,
    limit: int | None = None,
    cache: Path | None = None,
    fold_dir: Path | None = None,
) -> dict[str, Any]:
    """Cross-validate, write the model trained on all articles to ``out`` (and each fold's to
    ``fold_dir``), and return the cross-validated figures."""
    data = samples(parse_corpus(corpus, nlp, limit, cache))
    meta: dict[str, Any] = {
        "feature_version": FEATURE_VERSION,
        "lexicon_hash": LEXICON_HASH,
        "spacy_model": pipeline_id(nlp),
        "spacy_version": about.__version__,
        "sklearn_version": sklearn.__version__,
        "hyperparameters": {"model": "LogisticRegression", "solver": "lbfgs", **asdict(settings)},
        "corpus": f"{corpus.name}, {len(data)} articles",
        "corpus_hash": corpus_hash(corpus, limit),
    }
    cv, models = cross_validate(data, settings)
    if fold_dir is not None:
        fold_dir.mkdir(parents=True, exist_ok=True)
        for fold, (vec, clf) in enumerate(models):
            held_out = {**meta, "held_out_fold": fold}
            (fold_dir / f"fold{fold}.json").write_text(
                model_json(vec, clf, settings, cv["threshold"], held_out), encoding="utf-8"
            )
    vec, clf = fit(data, settings)
    out.write_text(
        model_json(vec, clf, settings, cv["threshold"], {**meta, "cross_validation": cv}),
        encoding="utf-8",
    )
    return cv
