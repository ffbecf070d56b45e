"""The values the attribution stages hand each other, all immutable and built with keywords.

A :class:`Frame` is one act of attribution (a cue, its source, what it covers and attributes);
a :class:`Unit` is a stretch of a sentence that becomes one claim; a :class:`Draft` is a claim
before its chain is built (the chain needs the whole article's source graph). A stage that
changes a frame makes a new one (``dataclasses.replace``), so a frame shared by two units or
carried to a later paragraph never changes under the other's feet.
"""

from __future__ import annotations

from dataclasses import dataclass

from provenance.models import ClaimKind, Stance
from provenance.sources import Node

#: Order of frames within one clause: inner hops ("citing X"), the speaker, outer hops
#: ("according to Y", "told Reuters").
INNER, SPEAKER, OUTER = 0, 1, 2


@dataclass(frozen=True, kw_only=True)
class Frame:
    """One act of attribution in a sentence (token indices are the paragraph doc's)."""

    cue: str
    lemma: str
    stance: Stance | None
    node: Node
    mention: str
    mention_start: int
    mention_end: int
    order: int
    cover: tuple[int, int]
    content: frozenset[int]
    cue_i: int
    depth: int = 0
    learned: bool = False  # found by the learned model: it governs only its own content
    confidence: float | None = None  # the learned model's probability; None for the rules


@dataclass(frozen=True, kw_only=True)
class Unit:
    """A stretch of a sentence that becomes one claim."""

    start: int  # token index, inclusive
    end: int  # token index, exclusive
    frames: tuple[Frame, ...] = ()
    nested: bool = False  # inside a larger claim: what a cue governs, a sentence of a quotation


@dataclass(frozen=True, kw_only=True)
class Draft:
    """A claim as read, before the article's source graph is complete: its chain is built from
    ``frames`` at the end (:func:`provenance.attribution.chains.claims`)."""

    text: str
    start: int  # character offset into the article
    end: int
    kind: ClaimKind
    paragraph: int
    hedges: tuple[str, ...]
    vague: bool
    question: bool
    frames: tuple[Frame, ...]
    nested: bool
