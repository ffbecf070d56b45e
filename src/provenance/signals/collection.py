"""Collection signals: what other articles of a collection say about the claim (when scored
with a corroboration)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from provenance.models import Claim
from provenance.signals.base import Reading, Signal
from provenance.signals.context import SignalContext

if TYPE_CHECKING:
    from provenance.corroboration import ClaimView


def _view(ctx: SignalContext, claim: Claim) -> ClaimView | None:
    """The claim's corroboration, or that of the sentence it sits in (a nested claim)."""
    view = ctx.corroboration.get(claim.id)
    if view is None and claim.parent is not None:
        return ctx.corroboration.get(claim.parent)
    return view


def _corroboration(ctx: SignalContext, claim: Claim) -> Reading:
    view = _view(ctx, claim)
    if view is None:
        return Reading("single", (), "not found in other articles of the collection")
    if view.contradicts:
        return Reading("denies", (), f"contradicts group {view.group} of the collection")
    if view.confirmations:
        lines = "; ".join(view.confirmations)
        return Reading("confirmed", view.confirmations, f"confirmed by independent lines: {lines}")
    if view.contradictions:
        words = tuple(f"{c.article_id}: {c.text[:80]}" for c in view.contradictions)
        return Reading("contradicted", words, "denied elsewhere, not independently confirmed")
    if view.echoes:
        return Reading("echoed", (view.shared_ancestor,),
                       f"repeated only by echoes of {view.shared_ancestor}")  # fmt: skip
    return Reading("single", (), "one line of reporting only")


def _confirmations(ctx: SignalContext, claim: Claim) -> Reading:
    view = _view(ctx, claim)
    found = view.confirmations if view else ()
    return Reading(len(found), found, "independent lines besides this claim's own")


def _echoes(ctx: SignalContext, claim: Claim) -> Reading:
    view = _view(ctx, claim)
    if view is None or not view.echoes:
        return Reading(0)
    ids = tuple(dict.fromkeys(e.article_id for e in view.echoes))
    return Reading(len(ids), ids, f"articles repeating it from {view.shared_ancestor}")


def _contradictions(ctx: SignalContext, claim: Claim) -> Reading:
    view = _view(ctx, claim)
    found = view.contradictions if view else ()
    return Reading(len(found), tuple(c.article_id for c in found), "claims denying it")


#: The collection signals, in catalogue order.
COLLECTION_SIGNALS: tuple[Signal, ...] = (
    Signal("corroboration", "claim", "What other articles of the collection say (scored "
           "with a corroboration): confirmed by an independent line, echoed only (copies "
           "of one report), contradicted (denied, not confirmed), denies (this claim is "
           "the denial), single.",
           ("confirmed", "echoed", "contradicted", "denies", "single"), _corroboration),
    Signal("confirmations", "claim", "Independent lines of reporting confirming the claim "
           "besides its own (chains with no shared origin or intermediary).", None,
           _confirmations),
    Signal("echoes", "claim", "Other articles repeating the claim through the same line "
           "(sharing its origin or an intermediary).", None, _echoes),
    Signal("contradictions", "claim", "Claims of other articles that deny this one.", None,
           _contradictions),
)  # fmt: skip
