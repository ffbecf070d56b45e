"""What the learned cue model sees of a word: its parse, its sense as the lexicon knows it, what
hangs on it. Shared by training (:mod:`provenance.cues.training`) and scoring at run time, so
that the two can never disagree; :data:`FEATURE_VERSION` and :data:`LEXICON_HASH` name them.
"""

from __future__ import annotations

import hashlib
import json
import zlib

from spacy.tokens import Token

from provenance import lexicon

#: Bumped whenever :func:`features` changes: a model trained on other features is stale.
FEATURE_VERSION = 3  # 2: verb class, complement type, object class; 3: sense of the word
_CHILD_DEPS = (
    "nsubj", "nsubjpass", "ccomp", "xcomp", "dobj", "prep", "advcl", "agent", "neg", "poss", "acl",
)  # fmt: skip
_SOURCE_DEPS = ("nsubj", "nsubjpass", "poss")


def _lexicon_hash() -> str:
    """A hash of the word lists the features read, and only those: a word added elsewhere in the
    lexicon leaves the model valid, one added here makes it stale."""
    used = {
        "cue_verbs": lexicon.CUE_VERBS,
        "action_verbs": lexicon.ACTION_VERBS,
        "pronouns_person": sorted(lexicon.PRONOUNS_PERSON),
        "person_nouns": sorted(lexicon.PERSON_NOUNS),
        "personish_suffixes": sorted(lexicon.PERSONISH_SUFFIXES),
        "group_nouns": sorted(lexicon.GROUP_NOUNS),
        "source_nouns": lexicon.SOURCE_TYPE_NOUNS,
        "generic_source_nouns": lexicon.GENERIC_SOURCE_NOUNS,
        "extra_source_nouns": sorted(lexicon.EXTRA_SOURCE_NOUNS),
    }
    text = json.dumps(used, sort_keys=True, ensure_ascii=True)
    return hashlib.sha256(text.encode("ascii")).hexdigest()[:12]


#: The lexicon as the features see it; recorded in the model's meta block.
LEXICON_HASH = _lexicon_hash()


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


def _agent(tok: Token) -> Token | None:
    """Who does or says it: the subject or possessor, through a relative pronoun to the noun
    it stands for ("a loudspeaker that broadcasts …"), else the subject of the verb it hangs
    from ("started to broadcast", "vowed to appeal")."""
    subj = next((c for c in tok.children if c.dep_ in _SOURCE_DEPS), None)
    if subj is None and tok.dep_ in ("xcomp", "conj") and tok.head is not tok:
        subj = next((c for c in tok.head.children if c.dep_ in _SOURCE_DEPS), None)
    if subj is not None and subj.tag_ in ("WDT", "WP") and tok.dep_ == "relcl":
        return tok.head
    return subj


def _sense(tok: Token, cls: str, comp: str) -> list[str]:
    """Features that tell a word's senses apart: speech has a source that can speak and content
    that can be said; doing has an agent of any kind and a thing done to ("North Korea fired
    artillery", "the report goes one step further", "Putin aims to drive a wedge")."""
    agent = _agent(tok)
    who = "none" if agent is None else "source" if lexicon.can_be_source(agent) else "thing"
    if agent is not None and agent.pos_ == "PRON":
        who = "person" if agent.lower_ in lexicon.PRONOUNS_PERSON else "thing"
    obj = next((c for c in tok.children if c.dep_ in ("dobj", "pobj")), None)
    what = "none" if obj is None else "source" if lexicon.can_be_source(obj) else "thing"
    inf = next((c for c in tok.children if c.dep_ == "xcomp"), None)
    inf_cls = verb_class(inf.lemma_.lower()) if inf is not None else "none"
    quoted = any(t.is_quote for t in tok.sent)
    lemma = tok.lemma_.lower()
    return [
        f"who={who}", f"{lemma}|who={who}", f"class|who={cls}|{who}",
        f"class|comp|who={cls}|{comp}|{who}", f"what={what}", f"{lemma}|what={what}",
        f"class|what={cls}|{what}", f"inf={inf_cls}", f"{lemma}|inf={inf_cls}",
        f"quoted={quoted}", f"class|quoted={cls}|{quoted}", f"{lemma}|quoted={quoted}",
    ]  # fmt: skip


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
    feats += _sense(tok, cls, comp)
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
