"""Attribution: cue frames in each sentence, claims split where attribution differs, chains.

A *frame* is one act of attribution found on the dependency parse: a cue ("said", "according
to", "citing", "told Reuters"), the mention of its source, the tokens it covers and its content.
Frames nest (a frame inside another's content is an inner hop) and order within a clause
("citing X" is inside the speaker, "according to Y" and "told <outlet>" outside). A claim's chain
is its frames from the innermost out, continued along the source graph's passing edges ("a
report Shukan Bunshun obtained through Harada"). Quotes without a frame of their own take the
frame of the quotation they belong to, or of the speaker of the paragraph before.

The stages, each a module: :mod:`.geometry` (clause geometry, pure functions over the parse),
:mod:`.cue_rules` and :mod:`.learned` (one rule per construction, in an ordered registry),
:mod:`.outlets`, :mod:`.resolution` (mentions to sources), :mod:`.discourse` (the one state
object), :mod:`.units` (claim units), :mod:`.layout` (attribution by layout, the headline pass),
:mod:`.chains` (drafts to claims) and :mod:`.reader`, the orchestrator.
"""

from provenance.attribution.frames import Draft, Frame, Unit
from provenance.attribution.reader import Reader

__all__ = ["Draft", "Frame", "Reader", "Unit"]
