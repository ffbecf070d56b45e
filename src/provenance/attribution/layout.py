"""Attribution by layout rather than by a cue word: a transcript's speaker label ("WALLACE:"),
a signature after a quotation ("― Krystal Correa"), a paragraph that ends by introducing the
next one's quote ("Harada stated:"), and a headline's colon ("…: secret report")."""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc

from provenance import lexicon
from provenance.attribution.frames import SPEAKER, Draft, Frame
from provenance.attribution.geometry import Quotes, has_verb, in_quote, subject
from provenance.attribution.resolution import Resolver
from provenance.claims import Paragraph
from provenance.sources import mention_span

SPEAKER_LABEL = re.compile(r"^\s*[\"“]?([A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,2}):\s")
# a quotation signed after a dash, as in letters pages and vox pops: "“…” ― Krystal Correa"
SIGNATURE = re.compile(
    r"[”\"’]\s*(?P<dash>―|—|–|--?)\s*"
    r"(?P<name>[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|del|da|van|von|der|la|le|al|bin)){0,5})"
    r"\.?\s*$"
)


def layout_speaker(doc: Doc, offset: int, resolver: Resolver) -> tuple[Frame, int] | None:
    """A line that names its speaker by layout, and the token where its text ends: a
    transcript label ("WALLACE: If I may, sir, …") or a signature after the quotation
    ("“…” ― Krystal Correa")."""
    match = SPEAKER_LABEL.match(doc.text)
    if match is not None and match.group(1).strip(" .") not in lexicon.NOT_SPEAKERS:
        label = doc.char_span(match.start(1), match.end(1), alignment_mode="expand")
        if label is not None:
            return resolver.label(label, offset, (0, 0), label.end), len(doc)
    match = SIGNATURE.search(doc.text)
    if match is not None:
        end = match.end("name") - match.group("name").endswith(".")  # "― Steve Quinlan."
        label = doc.char_span(match.start("name"), end, alignment_mode="contract")
        dash = doc.char_span(match.start("dash"), match.end("dash"), alignment_mode="expand")
        if label is not None and dash is not None:
            return resolver.label(label, offset, (0, 0), label.start), dash.start
    return None


def introducer(
    doc: Doc, par: Paragraph, quotes: Quotes, resolver: Resolver
) -> tuple[tuple[Frame, ...], int] | None:
    """A paragraph that ends by introducing a quotation: "…, Harada stated," or "The
    minister was blunt:" (a colon after any clause whose subject can be a source)."""
    words = [t for t in doc if not t.is_space]
    if len(words) < 3 or words[-1].text not in (":", ",") or in_quote(words[-2], quotes):
        return None
    sent = words[-1].sent
    verbs = [t for t in sent if t.pos_ in ("VERB", "AUX") and not in_quote(t, quotes)]
    cue = next((v for v in reversed(verbs) if v.lemma_.lower() in lexicon.CUE_VERBS), None)
    if cue is None and words[-1].text == ":":
        cue = sent.root if sent.root.pos_ in ("VERB", "AUX") else None
    if cue is None or any(c.dep_ == "neg" for c in cue.children):
        return None
    subj = subject(cue, quotes)
    if subj is None:
        return None
    owner = next((c for c in subj.children if c.dep_ == "poss"), None)
    if owner is not None and subj.lemma_.lower() in lexicon.STATEMENT_NOUNS:
        subj = owner  # "Her message to the party was blunt:": hers
    frames = resolver.frame(cue, cue.text, subj, SPEAKER, (0, 0), frozenset(), par.start)
    return (tuple(frames), par.index) if frames else None


def headline(drafts: list[Draft], doc: Doc, offset: int, resolver: Resolver) -> list[Draft]:
    """Headlines attribute by layout too: "…: secret report" or "Minister: …". The headline
    is the one claim of its paragraph: when no cue attributes it, the layout's source is its
    source, and the outer hop of what a cue inside it attributes."""
    colon = next((t for t in doc if t.text == ":"), None)
    if not drafts or any(d.frames for d in drafts if not d.nested) or colon is None:
        return drafts
    tail, lead = doc[colon.i + 1 :], doc[: colon.i]
    if 1 <= sum(t.is_alpha for t in tail) <= 4 and not has_verb(tail):
        side = tail
    elif 1 <= sum(t.is_alpha for t in lead) <= 3 and not has_verb(lead):
        side = lead
    else:
        return drafts
    frame = resolver.label(mention_span(side.root), offset, (0, len(doc)), colon.i)
    return [replace(d, frames=(*d.frames, frame) if d.nested else (frame,)) for d in drafts]
