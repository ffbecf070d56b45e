"""Analysts' corrections of the engine: checked, applied as the current view, written as gold.

A correction is an event (:mod:`provenance.storage.review`): the engine's analysis is never
changed. :func:`corrected` gives the analysis as the analysts left it (every correction of its
version, in order; a later chain of a claim replaces an earlier one), and :func:`gold` writes
what the analysts checked in the annotation format of the evaluation guidelines, so that
``provenance evaluate`` measures the engine against them.

Payloads (``source`` is a source id of the analysis, ``S3``; a hop names a known source by id
or a source the engine missed by ``name``, ``type`` and ``anonymous``)::

    chain          {"chain": [{"source": "S1"}, {"name": "Jane Roe", "type": "person",
                                                 "anonymous": false}]}
    source_type    {"source": "S2", "type": "media"}
    anonymity      {"source": "S2", "anonymous": true}
    merge_sources  {"source": "S4", "into": "S1"}
    add_claim      {"text": "an exact passage of the article", "chain": [...]}
    split_claim    {"parts": ["a passage of the claim", "another"]}   (each keeps its chain)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, get_args

from provenance.identity import fold
from provenance.models import Analysis, Claim, Hop, Source, SourceType
from provenance.storage import Correction

SOURCE_TYPES: tuple[str, ...] = get_args(SourceType)
#: Id prefix of a source an analyst added (the engine's are S1, S2, ...).
ADDED_SOURCE = "A"
#: Id prefix of a claim an analyst added.
ADDED_CLAIM = "a"


def _check_hop(hop: Any, known: set[str]) -> None:
    if not isinstance(hop, dict):
        raise ValueError("a hop is an object: {'source': id} or {'name', 'type', 'anonymous'}")
    if "source" in hop:
        if hop["source"] not in known:
            raise ValueError(f"no source {hop['source']!r} in this article")
        return
    if not str(hop.get("name", "")).strip():
        raise ValueError("a new source needs a name")
    if hop.get("type") not in SOURCE_TYPES:
        raise ValueError(f"a source's type is one of {', '.join(SOURCE_TYPES)}")
    if not isinstance(hop.get("anonymous"), bool):
        raise ValueError("say whether the new source is anonymous (true or false)")


def check(analysis: Analysis, kind: str, payload: dict[str, Any], claim_id: str = "") -> None:
    """Refuse (ValueError, one line) a correction that cannot apply to ``analysis``."""
    known = {s.id for s in analysis.sources}
    if kind in ("chain", "add_claim"):
        chain = payload.get("chain")
        if not isinstance(chain, list):
            raise ValueError("a chain is a list of hops, origin first (empty: the article's voice)")
        for hop in chain:
            _check_hop(hop, known)
    if kind == "chain" and claim_id not in {c.id for c in analysis.claims}:
        raise ValueError("a chain correction names a claim of the current view")
    if kind in ("source_type", "anonymity", "merge_sources") and payload.get("source") not in known:
        raise ValueError(f"no source {payload.get('source')!r} in this article")
    if kind == "source_type" and payload.get("type") not in SOURCE_TYPES:
        raise ValueError(f"a source's type is one of {', '.join(SOURCE_TYPES)}")
    if kind == "anonymity" and not isinstance(payload.get("anonymous"), bool):
        raise ValueError("anonymous is true or false")
    if kind == "merge_sources" and (
        payload.get("into") not in known or payload.get("into") == payload.get("source")
    ):
        raise ValueError("merge a source into another source of this article")
    if kind == "split_claim":
        claim = next((c for c in analysis.claims if c.id == claim_id), None)
        parts = payload.get("parts")
        if claim is None or not isinstance(parts, list) or len(parts) < 2:
            raise ValueError("a split names its claim and two passages of it or more")
        if any(not str(p).strip() or claim.text.count(str(p)) != 1 for p in parts):
            raise ValueError("each part is a passage found exactly once in the claim")
    if kind == "add_claim":
        text = str(payload.get("text", ""))
        if not text.strip() or analysis.article.text.count(text) != 1:
            raise ValueError("a new claim is a passage found exactly once in the article")


class _View:
    """The analysis being corrected: its sources by id and its claims, changed in place."""

    def __init__(self, analysis: Analysis) -> None:
        self.sources = {s.id: s.model_copy(deep=True) for s in analysis.sources}
        self.claims = [c.model_copy(deep=True) for c in analysis.claims]
        self.merged: dict[str, str] = {}
        #: Who changed what: analysts by claim id, and by source id (a source's type, a merge).
        self.claim_by: dict[str, list[str]] = {}
        self.source_by: dict[str, list[str]] = {}

    def credit(self, to: dict[str, list[str]], key: str, analyst: str) -> None:
        if analyst not in to.setdefault(key, []):
            to[key].append(analyst)

    def by(self, claim: Claim) -> list[str]:
        """The analysts who changed this claim or a source of its chain, first change first."""
        found = list(self.claim_by.get(claim.id, []))
        for hop in claim.chain:
            found.extend(a for a in self.source_by.get(hop.source_id, []) if a not in found)
        return found

    def resolve(self, source_id: str) -> str:
        while source_id in self.merged:
            source_id = self.merged[source_id]
        return source_id

    def source_for(self, hop: dict[str, Any]) -> Source:
        if "source" in hop:
            return self.sources[self.resolve(hop["source"])]
        wanted = fold(hop["name"])
        for source in self.sources.values():
            if fold(source.name) == wanted:
                return source
        number = sum(i.startswith(ADDED_SOURCE) for i in self.sources) + 1
        added = Source(id=f"{ADDED_SOURCE}{number}", name=" ".join(hop["name"].split()),
                       type=hop["type"], anonymous=hop["anonymous"])  # fmt: skip
        self.sources[added.id] = added
        return added

    def chain(self, hops: list[dict[str, Any]]) -> list[Hop]:
        sources = [self.source_for(hop) for hop in hops]
        return [Hop(source_id=s.id, text=s.name, name=s.name, type=s.type, anonymous=s.anonymous,
                    role=s.role) for s in sources]  # fmt: skip

    def retype(self, source_id: str, **changes: Any) -> None:
        """A source's new type or anonymity, on the source and on every hop through it."""
        source_id = self.resolve(source_id)
        self.sources[source_id] = self.sources[source_id].model_copy(update=changes)
        for claim in self.claims:
            claim.chain = [h.model_copy(update=changes) if h.source_id == source_id else h
                           for h in claim.chain]  # fmt: skip

    def merge(self, source_id: str, into: str) -> None:
        gone, kept = self.resolve(source_id), self.resolve(into)
        if gone == kept:
            return
        target = self.sources[kept]
        absorbed = self.sources.pop(gone)
        self.sources[kept] = target.model_copy(
            update={"mentions": [*target.mentions, *absorbed.mentions]}
        )
        self.merged[gone] = kept
        for claim in self.claims:
            claim.chain = _collapse([
                h.model_copy(update={"source_id": kept, "name": target.name, "type": target.type,
                                     "anonymous": target.anonymous})
                if h.source_id == gone else h for h in claim.chain
            ])  # fmt: skip


def _collapse(chain: list[Hop]) -> list[Hop]:
    """Consecutive hops through one source are one hop (as the guidelines count them)."""
    return [h for i, h in enumerate(chain) if i == 0 or chain[i - 1].source_id != h.source_id]


def _split(claim: Claim, parts: list[str]) -> list[Claim]:
    """A claim as several, one per passage (ids ``c3.1``, ``c3.2``), each keeping its chain."""
    pieces = []
    for number, part in enumerate(parts, start=1):
        start = claim.start + claim.text.index(part)
        span = {"start": start, "end": start + len(part)}
        pieces.append(claim.model_copy(update={"id": f"{claim.id}.{number}", "text": part, **span}))
    return pieces


def _apply(view: _View, correction: Correction, text: str) -> None:
    payload, analyst = correction.payload, correction.analyst
    if correction.kind == "chain":
        for claim in view.claims:
            if claim.id == correction.claim_id:
                claim.chain = view.chain(payload["chain"])
                view.credit(view.claim_by, claim.id, analyst)
    elif correction.kind in ("source_type", "anonymity", "merge_sources"):
        if correction.kind == "merge_sources":
            view.merge(payload["source"], payload["into"])
        else:
            field = "type" if correction.kind == "source_type" else "anonymous"
            view.retype(payload["source"], **{field: payload[field]})
        view.credit(view.source_by, view.resolve(payload["source"]), analyst)
    elif correction.kind == "split_claim":
        parts = {c.id: _split(c, payload["parts"]) for c in view.claims
                 if c.id == correction.claim_id}  # fmt: skip
        view.claims = [part for c in view.claims for part in parts.get(c.id, [c])]
        for part in parts.get(correction.claim_id, []):
            view.claim_by[part.id] = list(view.claim_by.get(correction.claim_id, []))
            view.credit(view.claim_by, part.id, analyst)
    elif correction.kind == "add_claim":
        start = text.index(payload["text"])
        number = sum(c.id.startswith(ADDED_CLAIM) for c in view.claims) + 1
        end = start + len(payload["text"])
        view.claims.append(Claim(id=f"{ADDED_CLAIM}{number}", text=payload["text"],
                                 start=start, end=end, kind="assertion",
                                 chain=view.chain(payload["chain"])))  # fmt: skip
        view.credit(view.claim_by, view.claims[-1].id, analyst)


def _view(analysis: Analysis, corrections: Sequence[Correction]) -> _View:
    view = _View(analysis)
    for correction in corrections:
        _apply(view, correction, analysis.article.text)
    return view


def corrected(analysis: Analysis, corrections: Sequence[Correction]) -> Analysis:
    """The analysis with ``corrections`` (of its article and version) applied in order; the
    engine's own output is left as it was."""
    view = _view(analysis, corrections)
    return analysis.model_copy(
        update={"sources": list(view.sources.values()), "claims": view.claims}
    )


def corrected_by(analysis: Analysis, corrections: Sequence[Correction]) -> dict[str, list[str]]:
    """Per claim of the corrected view, the analysts who changed it: its chain, a split, an
    added claim, or the type, anonymity or merge of a source of its chain (none: not there)."""
    view = _view(analysis, corrections)
    return {claim.id: by for claim in view.claims if (by := view.by(claim))}


def checked_claims(corrections: Sequence[Correction]) -> set[str]:
    """Ids of the claims whose chain an analyst set (corrected or confirmed) or added."""
    ids = {c.claim_id for c in corrections if c.kind == "chain"}
    added = [c for c in corrections if c.kind == "add_claim"]
    split = {f"{c.claim_id}.{n}" for c in corrections if c.kind == "split_claim"
             for n in range(1, len(c.payload["parts"]) + 1)}  # fmt: skip
    return ids | split | {f"{ADDED_CLAIM}{n}" for n in range(1, len(added) + 1)}


def gold(analysis: Analysis, corrections: Sequence[Correction]) -> dict[str, Any] | None:
    """The analysts' checked claims as a gold annotation (GUIDELINES.md schema): each claim
    whose chain an analyst set, anchored by its text, and the sources of those chains and of
    every source correction. None when the article has no checked claim."""
    view = corrected(analysis, corrections)
    wanted = checked_claims(corrections)
    text = analysis.article.text
    claims = [c for c in view.claims if c.id in wanted and text.count(c.text) == 1]
    if not claims:
        return None
    touched = {c.payload.get("source") for c in corrections} | {
        c.payload.get("into") for c in corrections
    }
    used = {h.source_id for c in claims for h in c.chain} | {s for s in touched if s}
    sources = {}
    for source in view.sources:
        if source.id in used:
            aliases = dict.fromkeys([source.name, *(m.text for m in source.mentions)])
            entry: dict[str, Any] = {"aliases": list(aliases), "type": source.type,
                                     "anonymous": source.anonymous}  # fmt: skip
            if source.role:
                entry["role"] = source.role
            sources[source.id] = entry
    return {
        "article": analysis.article.id,
        "sources": sources,
        "claims": [{"anchor": c.text, "chain": [h.source_id for h in c.chain]} for c in claims],
        "not_claims": [],
    }


def stored_corrections(url: str | None = None) -> Callable[[Analysis], Analysis]:
    """What ``provenance score`` applies to each analysis it scores: the database's analysts'
    corrections (``$PROVENANCE_DB_URL``, else the app's SQLite file) for an analysis that is
    the stored current version's (same article, text and engine), so the grades are those of
    the corrected chain. Others, and everything when there is no database, are left as given."""
    from sqlalchemy.engine import make_url

    from provenance.identity import content_hash
    from provenance.storage import Store, database_url

    url = url or database_url()
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and not Path(parsed.database or "").is_file():
        return lambda analysis: analysis
    store = Store(url)
    try:
        made: dict[str, list[Correction]] = {}
        for correction in store.corrections():
            if store.current_version(correction.article_id) == correction.version:
                made.setdefault(correction.article_id, []).append(correction)
        engines = {a.article.id: a for a in store.analyses(list(made))}
    finally:
        store.close()

    def apply(analysis: Analysis) -> Analysis:
        stored = engines.get(analysis.article.id)
        same = stored is not None and (stored.version, content_hash(stored.article.text)) == (
            analysis.version, content_hash(analysis.article.text))  # fmt: skip
        return corrected(analysis, made[analysis.article.id]) if same else analysis

    return apply
