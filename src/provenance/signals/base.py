"""What a signal is: a named, documented fact about a claim or a hop, and its reading."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from provenance.models import Claim

if TYPE_CHECKING:
    from provenance.signals.context import SignalContext

Value = str | int | bool
#: Source types and cue stances, as the models spell them.
SOURCE_TYPES = ("person", "organization", "document", "media", "group")
STANCES = ("neutral", "distancing", "endorsing", "belief", "evidence", "denial")


@dataclass(frozen=True)
class Reading:
    """One signal's value for a claim or hop, the article words behind it, and a short why."""

    value: Value
    evidence: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class Signal:
    """A named signal: what it means, which values it takes, and how it is computed.

    ``values`` lists every value a categorical signal can take (a rubric's scale must map each);
    ``None`` marks a count (0, 1, 2, ...) that a rubric reads with open-ended steps.
    """

    name: str
    level: Literal["claim", "hop"]
    description: str
    values: tuple[str, ...] | None
    compute: Callable[..., Reading] = field(repr=False)

    def read_claim(self, ctx: SignalContext, claim: Claim) -> Reading:
        """The value of a claim signal (only for ``level == 'claim'``)."""
        return self.compute(ctx, claim)

    def read_hops(self, ctx: SignalContext, claim: Claim) -> list[Reading]:
        """One reading per hop, origin first (only for ``level == 'hop'``)."""
        return [self.compute(ctx, hop) for hop in claim.chain]


def value_key(value: Value) -> str:
    """The spelling of a value in a rubric's scale: booleans as true/false, numbers as digits."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
