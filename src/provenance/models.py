"""The data models every stage passes to the next: one place, pydantic v2.

An article becomes an :class:`Analysis`: its :class:`Source` nodes (each found once, with every
mention), the :class:`Edge` list between them (who passed what to whom) and its :class:`Claim`
spans, each with a chain of :class:`Hop` ordered from the origin (index 0) to the outermost
reporter named in the text. Offsets are always character offsets into ``Article.text`` as read.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

if TYPE_CHECKING:
    import pandas as pd

SourceType = Literal["person", "organization", "document", "media", "group"]
ClaimKind = Literal["headline", "direct_quote", "indirect", "assertion"]
Stance = Literal["neutral", "distancing", "endorsing", "belief", "evidence", "denial"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Article(_Model):
    """One input document; ``text`` is kept exactly as read so offsets stay valid."""

    id: str
    title: str | None = None
    text: str
    url: str | None = None
    publisher: str | None = None
    published: str | None = None
    author: str | None = None
    origin: str | None = Field(default=None, description="file path or URL it was read from")


class Mention(_Model):
    """A place in the text where a source is named or referred to."""

    text: str
    start: int
    end: int


class Source(_Model):
    """One source of the article (a node of the attribution graph), however often mentioned."""

    id: str
    name: str
    type: SourceType
    anonymous: bool
    role: str | None = None
    anonymity_reason: str | None = None
    registry: str | None = Field(default=None, description="key of the matched registry entry")
    mentions: list[Mention] = Field(default_factory=list)


class Edge(_Model):
    """``source`` passed information to ``target`` (origin side to reporter side)."""

    source: str
    target: str
    cue: str


class Hop(_Model):
    """One element of a claim's chain: the source as mentioned at this attribution."""

    source_id: str
    text: str = Field(description="the mention where the attribution is made; may be a pronoun")
    name: str = Field(description="the resolved name of the source")
    type: SourceType
    anonymous: bool
    role: str | None = None
    cue: str | None = Field(default=None, description="the words that make the attribution")
    stance: Stance | None = None
    start: int | None = None
    end: int | None = None
    confidence: float | None = Field(
        default=None,
        description="how sure the learned cue model is that the cue attributes (0-1); "
        "None where a hand-made rule found the attribution",
    )


class Suggestion(Hop):
    """A hop only the learned cue model found, below the confidence the user set: shown as a
    guess beside the chain, never in it."""

    position: int = Field(description="where in the chain it would stand, origin = 0")


class Claim(_Model):
    """A statement the article presents as information, with its chain of attribution."""

    id: str
    text: str
    start: int
    end: int
    kind: ClaimKind
    chain: list[Hop] = Field(default_factory=list)
    suggested: list[Suggestion] = Field(
        default_factory=list,
        description="learned hops below the minimum confidence: guesses, not the chain",
    )
    hedges: list[str] = Field(default_factory=list)
    vague: bool = Field(
        default=False, description="hedged as reported but no source named ('reportedly')"
    )
    question: bool = Field(
        default=False,
        description="a question someone is quoted asking: not true or false, but who asked it "
        "is provenance too",
    )
    paragraph: int = 0
    parent: str | None = Field(
        default=None,
        description="id of the claim this one sits in: what a cue inside a sentence governs "
        "('Republicans approved [a bill designed to …]')",
    )

    @property
    def rendered_chain(self) -> str:
        """The chain as analysts read it: origin first, arrows outward."""
        return " → ".join(hop.name for hop in self.chain)


class Analysis(_Model):
    """Everything Provenance found in one article."""

    article: Article
    sources: list[Source] = Field(default_factory=list)
    edges: list[Edge] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    model: str = ""
    version: str = ""

    def source(self, source_id: str) -> Source:
        """The source with this id (KeyError when absent)."""
        for src in self.sources:
            if src.id == source_id:
                return src
        raise KeyError(source_id)

    def to_frame(self) -> pd.DataFrame:
        """One row per claim (:func:`claim_rows`), for pandas users."""
        import pandas as pd

        return pd.DataFrame(claim_rows(self), columns=CLAIM_COLUMNS)


#: The columns of a claim row, in order: what ``to_frame``, the claims CSV and every scored row
#: start with.
CLAIM_COLUMNS = [
    "article_id", "claim_id", "text", "start", "end", "kind", "chain", "hops", "anonymous_hops",
    "origin", "origin_type", "origin_anonymous", "cue", "cue_confidence", "hedges", "vague",
    "question", "parent", "title", "publisher", "url",
]  # fmt: skip


def _hop_label(hop: Hop, confidence: bool) -> str:
    return (
        f"{hop.name} ({hop.confidence:.0%})"
        if confidence and hop.confidence is not None
        else hop.name
    )


def claim_rows(analysis: Analysis, *, confidence: bool = False) -> list[dict[str, Any]]:
    """The one flattening of claims into rows (``CLAIM_COLUMNS``): the chain rendered origin
    first and counted, the origin's type and cue, the article's title, publisher and url.
    ``confidence`` shows the learned model's probability after the hops only it found."""
    article = analysis.article
    rows = []
    for claim in analysis.claims:
        origin = claim.chain[0] if claim.chain else None
        chain = " → ".join(_hop_label(hop, confidence) for hop in claim.chain)
        cells = (
            article.id, claim.id, claim.text, claim.start, claim.end, claim.kind, chain,
            len(claim.chain), sum(hop.anonymous for hop in claim.chain),
            origin.name if origin else "", origin.type if origin else "",
            origin.anonymous if origin else False, origin.cue if origin and origin.cue else "",
            origin.confidence if origin else None, "; ".join(claim.hedges), claim.vague,
            claim.question, claim.parent or "", article.title or "", article.publisher or "",
            article.url or "",
        )  # fmt: skip
        rows.append(dict(zip(CLAIM_COLUMNS, cells, strict=True)))
    return rows


# --- scoring results ---


class HopValue(_Model):
    """One hop's reading under a hop criterion: which source, the value, its credit."""

    source: str = Field(description="the hop's source, by name")
    value: str
    credit: float


class CriterionResult(_Model):
    """What one rubric criterion read, how much it gave, and the article words behind it."""

    criterion: str
    label: str = Field(default="", description="the rubric's name for the criterion")
    why: str = Field(default="", description="the rubric's reason for the criterion")
    signal: str
    value: str | int | float | bool
    meaning: str = Field(default="", description="the value in words")
    hops: list[HopValue] = Field(
        default_factory=list, description="per hop, origin first (hop criteria only)"
    )
    credit: float = Field(description="share of the weight earned, 0..1")
    points: float = Field(description="weight × credit: this criterion's part of the score")
    weight: float
    axis: str | None = None
    evidence: list[str] = Field(default_factory=list)
    note: str = ""


class ClaimScore(_Model):
    """One claim scored under one rubric; ``criteria`` explains every point of ``score``."""

    claim_id: str
    score: float = Field(description="sum of the criteria's points")
    percent: float = Field(default=0.0, description="score as a share of the rubric's weights")
    grade: str
    axes: dict[str, str] = Field(default_factory=dict, description="per-axis grade (two-axis)")
    needs_review: bool = False
    notes: list[str] = Field(default_factory=list, description="rubric rules that fired")
    rubric: str = ""
    rubric_version: str = ""
    criteria: list[CriterionResult] = Field(default_factory=list)

    def explain(self) -> str:
        """The breakdown as lines an analyst reads: criterion, value, points, words."""
        lines = [f"{self.claim_id}: {self.grade} ({self.score:.1f} points, {self.percent:.0f}%)"]
        lines += [f"  ! {note}" for note in self.notes]
        for res in self.criteria:
            words = "; ".join(f"“{w}”" for w in res.evidence)
            plain = str(res.value).lower() if isinstance(res.value, bool) else res.value
            # The value is the signal's, not the criterion's ("vague = false" under
            # "Attributed to someone"): say it in words and name the signal beside it.
            read = f"{res.signal} = {plain}"
            if res.hops:
                read = " · ".join(f"{h.source} {h.value}" for h in res.hops)
            shown = f"{res.meaning} ({read})" if res.meaning else read
            line = f"  {res.label or res.criterion}: {shown}: {res.points:.1f}/{res.weight:g}"
            line += f" {res.note}" if res.note else ""
            lines.append(line + (f" [{words}]" if words else ""))
        return "\n".join(lines)


# --- corroboration across articles ---


class ClaimRef(_Model):
    """A claim of one article in a collection (``article_id`` is the file stem)."""

    article_id: str
    claim_id: str
    text: str


class Line(_Model):
    """Claims whose chains share an origin or an intermediary: one line, however many copies."""

    id: str
    origin: str = Field(description="the shared ancestor: the source every echo goes back to")
    claims: list[ClaimRef] = Field(default_factory=list)


class ClaimGroup(_Model):
    """The same claim across articles: its independent lines and the claims that deny it."""

    id: str
    claim: str = Field(description="a representative text")
    independent_lines: int
    lines: list[Line] = Field(default_factory=list)
    contradictions: list[ClaimRef] = Field(default_factory=list)


class Corroboration(_Model):
    """What ``provenance corroborate`` writes: ``{"groups": [...]}``."""

    groups: list[ClaimGroup] = Field(default_factory=list)


class SourceLetter(_Model):
    """One analyst's reliability letter for a source at one moment: the register's history."""

    key: str = Field(description="the source's register key (see corroboration.register)")
    source: str = Field(description="the source's name as the analyst wrote it")
    letter: str
    analyst: str
    note: str = ""
    at: datetime


class TrackRecord(_Model):
    """What the collection shows of a source's claims (those it originates)."""

    claims: int = 0
    confirmed: int = Field(default=0, description="confirmed by an independent line")
    confirmed_in: int = Field(default=0, description="articles where any of them was confirmed")
    echoed: int = Field(default=0, description="repeated only by its own line")
    contradicted: int = Field(default=0, description="denied elsewhere in the collection")


class RegisterEntry(_Model):
    """One source across a collection and the database: its names, what analysts said about it,
    its registry entry, its track record, and the reliability letter scoring gives it."""

    key: str = Field(description="the identity every spelling of the source shares")
    name: str
    type: str
    anonymous: bool
    aliases: list[str] = Field(default_factory=list)
    roles: list[str] = Field(default_factory=list)
    articles: list[str] = Field(default_factory=list)
    registry: str | None = Field(default=None, description="the matched registry entry")
    registry_letter: str | None = None
    track: TrackRecord = Field(default_factory=TrackRecord)
    history: list[SourceLetter] = Field(default_factory=list, description="oldest first")
    letter: str = Field(description="Admiralty reliability A-F as scoring reads it")
    reason: str = Field(description="why that letter: analyst, registry, record or evidence")
