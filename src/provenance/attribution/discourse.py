"""Discourse state: what the reader remembers from one sentence to the next, in one object.

Pronouns need antecedents ("she", "the report"), a quote with no cue of its own needs the
speaker of the quotation it continues or of the claim before it, and a paragraph ending
"Harada stated:" introduces the next one's quote. Every other stage is a function of the
sentence in front of it; this is the only memory, and it changes only through its methods.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from provenance.attribution.frames import SPEAKER, Frame
from provenance.sources import Node


def carried(frames: tuple[Frame, ...] | list[Frame]) -> tuple[Frame, ...]:
    """The frames a later quote inherits: the outermost speaker's, not the hops nested inside
    the sentence they came from ("X said Y had told him …": the next quote is X's)."""
    top = min((f.depth for f in frames), default=0)
    return tuple(f for f in frames if f.depth == top)


@dataclass
class Discourse:
    """The article so far, as later sentences need it."""

    recent: list[Node] = field(default_factory=list)  # antecedents, most recent last
    last_chain: tuple[Frame, ...] = ()  # speaker of the latest attributed claim
    last_chain_par: int = -10
    # latest known source as a subject: (node, paragraph, its token in the paragraph)
    last_subject: tuple[Node, int, int] | None = None
    prev_frames: tuple[Frame, ...] = ()  # frames of the previous sentence covering it whole
    # whose each quotation is, so that one continued in a new paragraph keeps its speaker
    quote_owner: dict[tuple[int, int], tuple[Frame, ...]] = field(default_factory=dict)
    # "X stated," or "X was blunt:" closing a paragraph: the speaker of the quote that opens
    # the next one, with the paragraph it was found in
    introducer: tuple[tuple[Frame, ...], int] | None = None

    def note(self, node: Node) -> None:
        """``node`` was just mentioned: the likeliest antecedent of the next pronoun."""
        if node in self.recent:
            self.recent.remove(node)
        self.recent.append(node)

    def spoke(self, frames: tuple[Frame, ...], paragraph: int) -> None:
        """A claim attributed to ``frames`` was read in ``paragraph``: its speakers are who an
        uncued quote nearby most likely belongs to."""
        speakers = tuple(f for f in frames if f.order == SPEAKER) or frames
        # a learned cue the model finds likelier not one is its content's source, not the
        # speaker of a quote that follows ("North Korea fired [artillery …]" (31%), then KCNA's)
        speakers = tuple(f for f in speakers if f.confidence is None or f.confidence >= 0.5)
        if not speakers:
            return
        self.last_chain = carried(speakers)
        self.last_chain_par = paragraph
        # a source named as the subject of another clause after this speaker's cue ("Russia
        # requests …, but the report goes one step further.") likelier owns a quote that follows
        named_after = self.last_subject is not None and (
            self.last_subject[1] == paragraph
            and all(
                f.cue_i < self.last_subject[2] and self.last_subject[2] not in f.content
                for f in speakers
            )
        )
        if not named_after:
            self.last_subject = None
        for f in speakers:
            self.note(f.node)

    def own_quote(self, region: tuple[int, int], frames: tuple[Frame, ...]) -> None:
        """The quotation at ``region`` is the speaker's of ``frames`` (the first owner stays)."""
        self.quote_owner.setdefault(region, carried(frames))

    def quote_speaker(self, paragraph: int, region: tuple[int, int] | None) -> tuple[Frame, ...]:
        """Frames for a quote with no cue of its own: the speaker of the quotation it continues
        (a quote runs on into a new paragraph), the speaker who introduced it at the end of
        the paragraph before ("Harada stated:"), the speaker of the latest attributed claim
        nearby, or a known source named as a subject since ("…, but the report goes one step
        further." then a quote: the report's)."""
        if region is not None and region in self.quote_owner:
            return self.quote_owner[region]
        if self.introducer is not None and self.introducer[1] == paragraph - 1:
            return self.introducer[0]
        if self.last_subject is not None and paragraph - self.last_subject[1] <= 1:
            node = self.last_subject[0]
            mention = node.mentions[-1] if node.mentions else None
            frame = Frame(
                cue="",
                lemma="",
                stance="neutral",
                node=node,
                mention=mention.text if mention else node.name,
                mention_start=mention.start if mention else 0,
                mention_end=mention.end if mention else 0,
                order=SPEAKER,
                cover=(0, 0),
                content=frozenset(),
                cue_i=-1,
            )
            return (frame,)
        if self.last_chain and paragraph - self.last_chain_par <= 2:
            return self.last_chain
        return ()
