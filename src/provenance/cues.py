"""A learned cue detector: which verbs attribute, beyond the hand-made lexicon.

Attribution in news is broader than speech ("called for", "vowed", "is pushing", "mocked"). A
logistic regression trained with scikit-learn on the PolNeAR training split
(``scripts/train_cues.py``) scores each verb from its parse; the weights ship as JSON in
``provenance/cue_model.json`` so that scoring at run time is a dictionary lookup per feature,
with no scikit-learn import and no pickle.
"""

from __future__ import annotations

import json
import math
import zlib
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Token

from provenance import lexicon

MODEL_PATH = Path(__file__).with_name("cue_model.json")
#: Bumped whenever :func:`features` changes: a model trained on other features is stale.
FEATURE_VERSION = 2  # 2: verb class, complement type, object class
_CHILD_DEPS = (
    "nsubj", "nsubjpass", "ccomp", "xcomp", "dobj", "prep", "advcl", "agent", "neg", "poss", "acl",
)  # fmt: skip
_SOURCE_DEPS = ("nsubj", "nsubjpass", "poss")


def candidate(tok: Token) -> bool:
    """Tokens the model judges: verbs but "be", and nouns with a possessor ("his theory", "Trump's
    claim"), whose possessor would be the source."""
    if tok.pos_ in ("VERB", "AUX"):
        return tok.lemma_ != "be"  # a copula asserts nothing on its subject's behalf
    return tok.pos_ == "NOUN" and any(c.dep_ == "poss" for c in tok.children)


def _source_class(tok: Token) -> str:
    """What kind of thing a subject or possessor is, as the lexicon sees it."""
    if tok.pos_ == "PRON":
        return "pron_person" if tok.lower_ in lexicon.PRONOUNS_PERSON else "pron_other"
    if tok.ent_type_:
        return f"ent_{tok.ent_type_}"
    lemma = tok.lemma_.lower()
    if lemma in lexicon.PERSON_NOUNS or lemma.endswith(lexicon.PERSONISH_SUFFIXES):
        return "person_noun"
    if lemma in lexicon.GROUP_NOUNS:
        return "group"
    if lemma in lexicon.SOURCE_TYPE_NOUNS:
        return f"noun_{lexicon.SOURCE_TYPE_NOUNS[lemma]}"
    return "source" if lexicon.can_be_source(tok) else "other"


def verb_class(lemma: str) -> str:
    """The lexicon's prior on a word's sense: a cue stance, a kind of doing, or neither."""
    if lemma in lexicon.CUE_VERBS:
        return f"cue_{lexicon.CUE_VERBS[lemma]}"
    if lemma in lexicon.ACTION_VERBS:
        return f"action_{lexicon.ACTION_VERBS[lemma]}"
    return "other"


def complement(tok: Token) -> str:
    """What the word takes, the best clue to its sense: a clause ("said that …"), an infinitive
    ("vowed to …"), a quotation beside it, an object, a preposition, or nothing."""
    deps = {c.dep_ for c in tok.children}
    if "ccomp" in deps or any(c.dep_ == "mark" and c.lower_ == "that" for c in tok.subtree):
        return "clause"
    if "xcomp" in deps:
        return "inf"
    doc = tok.doc
    if any(t.is_quote for t in doc[max(0, tok.i - 3) : tok.i + 4]):
        return "quote"
    if "dobj" in deps:
        return "np"
    if "prep" in deps:
        return "prep"
    return "none"


def features(tok: Token) -> list[str]:
    """Binary features of a verb or noun that say whether it attributes something to its
    subject (or possessor): the word, its parse, what hangs on it and its neighbours."""
    lemma = tok.lemma_.lower()
    doc = tok.doc
    feats = [
        f"pos={tok.pos_}", f"lemma={lemma}", f"dep={tok.dep_}", f"tag={tok.tag_}",
        f"head={tok.head.lemma_}", f"head_dep={tok.head.dep_}", f"{lemma}|dep={tok.dep_}",
        f"{lemma}|tag={tok.tag_}", f"lexicon={lemma in lexicon.CUE_VERBS}",
    ]  # fmt: skip
    cls, comp = verb_class(lemma), complement(tok)
    feats += [f"class={cls}", f"comp={comp}", f"class|comp={cls}|{comp}", f"{lemma}|comp={comp}"]
    obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
    if obj is not None:
        objcls = _source_class(obj)
        feats += [f"objcls={objcls}", f"{lemma}|objcls={objcls}", f"class|obj={cls}|{objcls}"]
    if tok.i > 0:
        feats.append(f"prev={doc[tok.i - 1].lower_}")
    if tok.i + 1 < len(doc):
        after = doc[tok.i + 1].lower_
        feats.extend((f"next={after}", f"{lemma}|next={after}"))
    for child in tok.children:
        if child.dep_ in ("dobj", "xcomp", "ccomp", "attr", "acomp"):
            feats.append(f"{lemma}|{child.dep_}={child.lemma_.lower()}")
        if child.dep_ not in _CHILD_DEPS:
            continue
        feats.append(f"child={child.dep_}")
        feats.append(f"{lemma}|{child.dep_}")
        if child.dep_ == "prep":
            feats.append(f"{lemma}|prep={child.lower_}")
            pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if pobj is not None:
                feats.append(f"{lemma}|{child.lower_}={pobj.lemma_.lower()}")
        if child.dep_ in _SOURCE_DEPS:
            kind = child.ent_type_ or child.pos_
            source = _source_class(child)
            feats.extend((f"subj={kind}", f"{lemma}|subj={kind}"))
            feats.extend((f"subjcls={source}", f"{lemma}|subjcls={source}"))
            if child.pos_ == "PRON":
                feats.append(f"subj_pron={child.lower_}")
    return feats


def fold_of(name: str, folds: int) -> int:
    """The cross-validation fold of an article, by a stable hash of its name."""
    return zlib.crc32(name.encode("utf-8")) % folds


class CueModel:
    """Weights of a logistic regression over :func:`features`."""

    def __init__(self, weights: dict[str, float], bias: float, threshold: float) -> None:
        self.weights = weights
        self.bias = bias
        self.threshold = threshold

    def probability(self, tok: Token) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in features(tok))
        return 1.0 / (1.0 + math.exp(-z))


@lru_cache(maxsize=1)
def load_model(path: Path = MODEL_PATH) -> CueModel | None:
    """The shipped model, or None when it has not been trained (the lexicon still works)."""
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return CueModel(data["weights"], data["bias"], data["threshold"])
