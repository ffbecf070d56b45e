"""What every cue rule may read about the sentence it is looking at."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from spacy.tokens import Span

from provenance.attribution.discourse import Discourse
from provenance.attribution.geometry import Quotes
from provenance.attribution.resolution import Resolver

if TYPE_CHECKING:
    from provenance.cues import CueModel


class Sentence(NamedTuple):
    """One sentence being read, with what its cue rules need besides the token."""

    sent: Span
    offset: int  # the paragraph's character offset in the article
    quotes: Quotes
    resolver: Resolver
    discourse: Discourse
    model: CueModel | None  # the learned cue model, when one is shipped
