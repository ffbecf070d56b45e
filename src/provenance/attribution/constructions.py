"""Cue rules for constructions beyond the plain cue verb: a source named in a phrase ("per X",
"by his own account"), a light verb whose object is the cue ("released a statement saying"), a
cue clause opened by "as" ("As X told Y, …"), a fact checked with someone ("confirmed with X"),
a participle's agent ("figures given to reporters by officials"). Each rule has the contract of
:mod:`.cue_rules`: None when its construction is absent, else the frames it found.
"""

from __future__ import annotations

from spacy.tokens import Token

from provenance import lexicon
from provenance.attribution.context import Sentence
from provenance.attribution.frames import INNER, OUTER, SPEAKER, Frame
from provenance.attribution.geometry import SUBJECT_DEPS, content, cover, subject
from provenance.attribution.outlets import outlets
from provenance.sources import mention_span

#: Entity types of a name that "per" may cite ("per CTV News"), unlike a named rule.
_NAMED_SOURCES = frozenset({"PERSON", "ORG", "NORP", "GPE"})


def phrase_source(tok: Token, source: Token, cue: str, ctx: Sentence) -> list[Frame]:
    """The source of a phrase headed by ``tok`` is outside the clause the phrase hangs on."""
    sent = ctx.sent
    gov = tok.head
    while gov.dep_ not in ("ROOT",) and gov.pos_ not in ("VERB", "AUX") and gov.head is not gov:
        gov = gov.head
    covered = cover(gov, sent) if gov.pos_ in ("VERB", "AUX") else (sent.start, sent.end)
    if _closes_sentence(tok) or _conjunct_of_a_relative(tok, gov):
        # "A stood at 200,000 and has since exploded, according to X."
        covered = (sent.start, sent.end)
    attributed = frozenset(t.i for t in sent if t.i not in {x.i for x in tok.subtree})
    frames = ctx.resolver.frame(tok, cue, source, OUTER, covered, attributed, ctx.offset)
    named = {source.i} | {c.i for c in source.children if c.dep_ == "appos"}
    for cited in (t for t in source.subtree if t.dep_ == "relcl" and t.head.i in named):
        # "according to TASS, which cited the defence ministry": the ministry is TASS's source
        obj = next((c for c in cited.children if c.dep_ == "dobj"), None)
        if (
            frames
            and obj is not None
            and cited.lemma_.lower() in lexicon.CITING_VERBS
            and lexicon.can_be_source(obj)
        ):
            # the phrase's own token is the cue: the hop belongs to the claim it attributes
            frames += ctx.resolver.frame(tok, cited.text, obj, INNER, covered, frozenset(),
                                         ctx.offset)  # fmt: skip
    return frames


def _conjunct_of_a_relative(tok: Token, gov: Token) -> bool:
    """ "A, according to a report Reuters said it had seen.": the relative clause parsed as a
    conjunct that the phrase opens (no "and" before it, unlike "A, and according to X, B")."""
    return (
        gov.dep_ == "conj"
        and gov.left_edge.i == tok.i
        and tok.i > 0
        and tok.doc[tok.i - 1].dep_ != "cc"
    )


def _closes_sentence(tok: Token) -> bool:
    """A phrase set off by a comma at the end of its sentence: it attributes all before it,
    however the parser hung it."""
    doc, sent = tok.doc, tok.sent
    return (
        tok.i > sent.start
        and doc[tok.i - 1].text == ","
        and all(t.is_punct for t in doc[tok.right_edge.i + 1 : sent.end])
    )


def per(tok: Token, ctx: Sentence) -> list[Frame] | None:
    """Rule: "per X" naming a source ("…, per CTV News", "per the budget office"), never a
    rate ("$5 per gallon", "per person": no name, no determiner)."""
    if tok.lower_ != "per" or tok.dep_ != "prep":
        return None
    pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
    if pobj is None or pobj.like_num or not lexicon.names_a_source(pobj):
        return []
    if pobj.pos_ == "PROPN" and pobj.ent_type_ not in _NAMED_SOURCES:
        return []  # "per the WHO's Monitored Emergency Use … framework": a rule followed
    if pobj.pos_ != "PROPN" and not any(c.dep_ in ("det", "poss") for c in pobj.children):
        return []
    return phrase_source(tok, pobj, "per", ctx)


def by_account(tok: Token, ctx: Sentence) -> list[Frame] | None:
    """Rule: "by his own account", "by the Pentagon's count", "by some reports": the
    possessor, else the reports themselves."""
    if tok.lower_ != "by" or tok.dep_ != "prep" or tok.head.pos_ not in ("VERB", "AUX"):
        return None
    pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
    if pobj is None or pobj.lemma_.lower() not in lexicon.ACCOUNT_NOUNS:
        return None
    owner = next((c for c in pobj.children if c.dep_ == "poss"), pobj)
    return phrase_source(tok, owner, f"by {pobj.text}", ctx)


def _light_object(verb: Token) -> Token | None:
    """The statement or view a light verb makes: "released [a statement]", "reached [the
    view]"."""
    if verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() not in lexicon.LIGHT_VERBS:
        return None
    nouns = lexicon.STATEMENT_NOUNS | lexicon.VIEW_NOUNS
    return next((c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in nouns), None)


def _that_clause(tok: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in tok.children)


def _light_content(verb: Token, obj: Token, ctx: Sentence) -> frozenset[int]:
    """What a statement says: its cue's content ("a statement saying …"), its that-clause ("the
    view that …"), or the light verb's ("issued a statement on Monday that …")."""
    tokens: set[int] = set()
    for c in obj.children:
        if c.dep_ in ("acl", "relcl") and c.lemma_.lower() in lexicon.CUE_VERBS:
            tokens |= content(c, ctx.sent, ctx.quotes)
        elif c.dep_ in ("acl", "ccomp") and _that_clause(c):
            tokens |= {t.i for t in c.subtree}
    for c in verb.children:
        if c.dep_ == "ccomp":
            tokens |= {t.i for t in c.subtree}
    return frozenset(tokens)


def light_verb(tok: Token, ctx: Sentence) -> list[Frame] | None:
    """Rule: "released a statement saying …", "reached the view that …": the light verb's
    subject is the source of what its statement or view says; the statement's own cue
    ("saying") is part of that one frame."""
    obj = tok.head if tok.dep_ in ("acl", "relcl") and tok.head.dep_ == "dobj" else None
    if obj is not None and _light_object(obj.head) == obj:
        return [] if _light_content(obj.head, obj, ctx) else None
    obj = _light_object(tok)
    attributed = _light_content(tok, obj, ctx) if obj is not None else frozenset()
    if obj is None or not attributed or any(c.dep_ == "neg" for c in tok.children):
        return None
    subj = subject(tok, ctx.quotes)
    if subj is None:
        return None
    covered = cover(tok, ctx.sent)
    cue = f"{tok.text} {obj.text}"
    frames = ctx.resolver.frame(tok, cue, subj, SPEAKER, covered, attributed, ctx.offset)
    return frames + outlets(tok, covered, attributed, ctx) if frames else []


def as_clause(tok: Token, ctx: Sentence) -> list[Frame] | None:
    """Rule: "As Clinton told the New York Daily News, …", "…, as Clyburn noted.", "As
    reported by The Washington Post, …": a cue clause opened by "as", with its own source,
    attributes the clause it hangs on."""
    if (
        tok.pos_ not in ("VERB", "AUX")
        or tok.dep_ != "advcl"
        or tok.lemma_.lower() not in lexicon.CUE_VERBS
        or not any(c.lower_ == "as" and c.dep_ in ("mark", "advmod") for c in tok.children)
        or any(c.dep_ in ("ccomp", "xcomp", "neg") for c in tok.children)
        or any(_acted_on(tok, c) for c in tok.children)
    ):
        return None  # "even as he rarely mentioned Rubio by name": "as" while, not like
    by = next((c for c in tok.children if c.dep_ == "agent"), None)
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None) or (
        next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
    )
    if subj is None:
        return None  # "as explained at the beginning": the latest speaker (cue_verb)
    sent, head = ctx.sent, tok.head
    covered = (sent.start, sent.end) if head.dep_ == "ROOT" else cover(head, sent)
    own = {t.i for t in tok.subtree}
    attributed = frozenset(t.i for t in head.subtree if t.i not in own and not t.is_punct)
    cue = f"as {tok.text}"
    frames = ctx.resolver.frame(tok, cue, subj, SPEAKER, covered, attributed, ctx.offset)
    return frames + outlets(tok, covered, attributed, ctx) if frames else []


def _acted_on(verb: Token, child: Token) -> bool:
    """An object an "as" clause's cue acts on: one told ("As Heald told The Huffington Post")
    or "it" ("as he put it") leave the cue a parenthetical."""
    return (
        child.dep_ == "dobj"
        and child.lower_ != "it"
        and verb.lemma_.lower() not in lexicon.TELLING_VERBS
    )


def confirmed_with(tok: Token, ctx: Sentence) -> list[Frame] | None:
    """Rule: "a figure confirmed with the Treasury Department", "Wikinews confirmed with
    UpGuard that …": whom the article checked a fact with is its source (a speaker who
    "confirmed with" someone stays the speaker)."""
    if tok.pos_ != "VERB" or lexicon.CUE_VERBS.get(tok.lemma_.lower()) != "endorsing":
        return None
    prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "with"), None)
    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep else None
    if prep is None or pobj is None or not lexicon.names_a_source(pobj):
        return None
    subj = next((c for c in tok.children if c.dep_ in SUBJECT_DEPS), None)
    if subj is not None and subj.lower_ not in lexicon.SPEAKER_PRONOUNS:
        found = ctx.resolver.source(subj, ctx.offset)
        if found is None or not ctx.resolver.graph.is_publisher(found[0]):
            return None  # "Wikinews confirmed with UpGuard": the article checked a fact
    sent = ctx.sent
    covered = (sent.start, sent.end) if tok.dep_ in ("acl", "relcl") else cover(tok, sent)
    clause = next((c for c in tok.children if c.dep_ == "ccomp"), None)
    attributed = frozenset(
        {t.i for t in clause.subtree}
        if clause is not None
        else {t.i for t in sent if t.i not in {x.i for x in prep.subtree}}
    )
    cue = f"{tok.text} with"
    return ctx.resolver.frame(tok, cue, pobj, OUTER, covered, attributed, ctx.offset)


def given_by(tok: Token, ctx: Sentence) -> list[Frame] | None:
    """Rule: "The figures given to reporters by officials showed …": the agent of a
    participle that gives or says is the source of the clause its noun is the subject of."""
    if tok.dep_ != "acl" or tok.tag_ != "VBN" or tok.head.dep_ not in SUBJECT_DEPS:
        return None
    lemma = tok.lemma_.lower()
    if lemma not in lexicon.AGENT_CUES and lemma not in lexicon.LIGHT_VERBS:
        return None
    by = next((c for c in tok.children if c.dep_ == "agent"), None)
    pobj = next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
    if pobj is None or not lexicon.names_a_source(pobj):
        return None
    verb = tok.head.head
    own = {t.i for t in tok.subtree}
    attributed = frozenset(t.i for t in verb.subtree if t.i not in own and not t.is_punct)
    covered = cover(verb, ctx.sent)
    cue = f"{tok.text} by"
    return ctx.resolver.frame(tok, cue, pobj, SPEAKER, covered, attributed, ctx.offset)


def quoted_as_saying(tok: Token, ctx: Sentence) -> list[Frame] | None:
    """Rule: "Peskov was quoted by Interfax as saying …", "…, Peskov was quoted as saying by
    the Interfax news agency": the one quoted is the speaker, the one quoting a relay."""
    if tok.lemma_.lower() != "quote" or tok.pos_ != "VERB":
        return None
    speaker = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
    as_ = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "as"), None)
    saying = next((c for c in as_.children if c.dep_ == "pcomp"), None) if as_ else None
    if speaker is None or saying is None:
        return None
    clauses = [c for v in (tok, saying) for c in v.children if c.dep_ == "ccomp"]
    sent = ctx.sent
    attributed = frozenset(t.i for c in clauses for t in c.subtree) or content(
        tok, sent, ctx.quotes
    )
    if not attributed:
        return None
    covered = cover(tok, sent)
    frames = ctx.resolver.frame(tok, f"{tok.text} as saying", speaker, SPEAKER, covered,
                                attributed, ctx.offset)  # fmt: skip
    for by in (c for v in (tok, saying) for c in v.children if c.lower_ == "by"):
        relay = next((c for c in by.children if c.dep_ == "pobj"), None)
        if frames and relay is not None:
            frames += ctx.resolver.frame(tok, f"{tok.text} by", relay, OUTER, covered,
                                         attributed, ctx.offset)  # fmt: skip
    return frames


def _hung_clause(tok: Token) -> Token | None:
    """A that-clause the parser hung below the cue, on its statement ("said in a letter to X
    that …") or its citing ("reported on Monday citing sources that …"), with no other verb
    between."""
    for t in tok.subtree:
        if t.i <= tok.i or t.pos_ not in ("VERB", "AUX") or not _that_clause(t):
            continue
        up = t.head
        while up.i != tok.i and (
            up.pos_ not in ("VERB", "AUX") or up.lemma_.lower() in lexicon.CITING_VERBS
        ):
            up = up.head
        if up.i == tok.i and t.head.i != tok.i:
            return t
    return None


def said_in_statement(tok: Token, ctx: Sentence) -> list[Frame] | None:
    """Rule: "The minister said in a letter to The New York Times that …", "The Wall Street
    Journal reported on Monday citing unnamed sources that …": the that-clause the parser hung
    on the statement or the citing is what the cue says (with the outlet it was sent to)."""
    if tok.pos_ != "VERB" or tok.lemma_.lower() not in lexicon.CUE_VERBS:
        return None
    clause = _hung_clause(tok)
    if clause is None or content(tok, ctx.sent, ctx.quotes):
        return None
    subj = subject(tok, ctx.quotes)
    if subj is None or any(c.dep_ == "neg" for c in tok.children):
        return None
    attributed = frozenset(t.i for t in clause.subtree)
    covered = cover(tok, ctx.sent)
    frames = ctx.resolver.frame(tok, tok.text, subj, SPEAKER, covered, attributed, ctx.offset)
    return frames + outlets(tok, covered, attributed, ctx) if frames else []


def seen_by(tok: Token, ctx: Sentence) -> list[Frame] | None:
    """Rule: "according to a report Reuters said it had seen": a cue whose whole content is
    that its subject saw (obtained, reviewed) the document named just before it is no frame;
    it passes the document to its subject, an outer hop of the document's chain."""
    if tok.pos_ != "VERB" or tok.lemma_.lower() not in lexicon.CUE_VERBS:
        return None
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    seen = next((c for c in tok.children if c.dep_ == "ccomp"), None)
    if (
        subj is None
        or seen is None
        or seen.lemma_.lower() not in lexicon.PASSING_VERBS
        or any(c.dep_ in ("dobj", "ccomp") for c in seen.children)
        or subj.left_edge.i == 0
    ):
        return None
    document = tok.doc[subj.left_edge.i - 1]
    if lexicon.SOURCE_TYPE_NOUNS.get(document.lemma_.lower()) != "document":
        return None
    graph = ctx.resolver.graph
    holder = graph.resolve(mention_span(subj), ctx.offset)
    cue = tok.doc[tok.i : seen.i + 1].text  # "said it had seen"
    graph.add_edge(graph.resolve(mention_span(document), ctx.offset), holder, cue)
    return []
