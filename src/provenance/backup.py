"""A lossless backup of the database as JSON Lines: every article, every version (text and
analysis exactly as stored), every rating event in order, every account (its password hash),
every analyst's source letter, and the review: claim steps (status, assignment, comment),
collections and what was filed in them, corrections of the engine.

The first line names the format; then one object per line: ``{"article": ...}``,
``{"version": ...}``, ``{"rating": ...}``, ``{"account": ...}``, ``{"source_letter": ...}``,
``{"claim_step": ...}``, ``{"collection": ...}``, ``{"collection_event": ...}`` (naming its
collection, since ids are numbered anew), ``{"correction": ...}``.
Restoring into an empty database and backing it up again gives the same file. Restoring into a
database that already holds some of it adds what is missing and refuses (changing nothing) when
an article or version differs.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from provenance.corrections import corrected
from provenance.export import atomic_path
from provenance.models import Analysis
from provenance.schema import (
    AccountRow,
    ArticleRow,
    ClaimEvent,
    ClaimRow,
    CollectionEvent,
    CollectionRow,
    CorrectionEvent,
    RatingEvent,
    SourceLetterRow,
    VersionRow,
)
from provenance.storage import Correction, Store, claim_rows
from provenance.storage.records import record_from

FORMAT = "provenance-backup"
FORMAT_VERSION = 1
#: Columns of each kind of record, in file order (the rows' own ids are left out: restored
#: rating events are numbered anew, in the same order).
_COLUMNS: dict[str, tuple[type[Any], tuple[str, ...]]] = {
    "article": (ArticleRow, ("id", "current_version", "added_at")),
    "version": (VersionRow, ("article_id", "version", "title", "text", "url", "publisher",
                             "published", "author", "origin", "content_hash", "analysis",
                             "claims", "model", "engine_version", "added_at")),
    "rating": (RatingEvent, ("article_id", "version", "claim_key", "claim_id", "claim_text",
                             "analyst", "rubric_id", "rubric_version", "values", "agree",
                             "auto_grade", "override_grade", "rationale", "tags", "created_at")),
    "account": (AccountRow, ("name", "password_hash", "created_at")),
    "source_letter": (SourceLetterRow, ("source_key", "source", "letter", "analyst", "note",
                                        "created_at")),
    "claim_step": (ClaimEvent, ("article_id", "version", "claim_key", "claim_id", "claim_text",
                                "kind", "value", "body", "analyst", "created_at")),
    "collection": (CollectionRow, ("name", "description", "created_by", "created_at")),
    "collection_event": (CollectionEvent, ("collection", "article_id", "action", "analyst",
                                           "created_at")),
    "correction": (CorrectionEvent, ("article_id", "version", "claim_key", "claim_id", "kind",
                                     "payload", "note", "analyst", "created_at")),
}  # fmt: skip
#: What makes an event the same as one stored already (with its moment, ``created_at``).
_SAME: dict[str, tuple[str, ...]] = {
    "rating": ("article_id", "claim_key", "analyst", "rubric_id"),
    "source_letter": ("source_key", "analyst"),
    "claim_step": ("article_id", "claim_key", "kind", "analyst"),
    "collection_event": ("collection_id", "article_id", "analyst"),
    "correction": ("article_id", "kind", "analyst"),
}
_ORDER = {
    "article": (ArticleRow.id,),
    "version": (VersionRow.article_id, VersionRow.version),
    "rating": (RatingEvent.id,),
    "account": (AccountRow.name,),
    "source_letter": (SourceLetterRow.id,),
    "claim_step": (ClaimEvent.id,),
    "collection": (CollectionRow.name,),
    "collection_event": (CollectionEvent.id,),
    "correction": (CorrectionEvent.id,),
}
_MOMENTS = {"added_at", "created_at"}


class BackupError(ValueError):
    """A backup file that cannot be restored (the message names the line)."""


def _plain(name: str, value: Any) -> Any:
    if name in _MOMENTS:
        moment: datetime = value if value.tzinfo else value.replace(tzinfo=UTC)
        return moment.isoformat()
    return value


HEADER = {"format": FORMAT, "version": FORMAT_VERSION}


def records(store: Store) -> Iterator[tuple[str, dict[str, Any]]]:
    """The backup's records (after the header), as (kind, fields)."""
    with Session(store.engine) as session:
        names = {c.id: c.name for c in session.scalars(select(CollectionRow))}
        for kind, (table, columns) in _COLUMNS.items():
            for row in session.scalars(select(table).order_by(*_ORDER[kind])):
                yield kind, {
                    name: names[row.collection_id] if name == "collection"
                    else _plain(name, getattr(row, name))
                    for name in columns
                }  # fmt: skip


def export(store: Store, path: Path) -> dict[str, int]:
    """Write the backup to ``path``; returns how many records of each kind. Written to a
    temporary file renamed into place: a failed or killed backup never leaves half a file,
    nor replaces an older backup with one."""
    counts = dict.fromkeys(_COLUMNS, 0)
    with atomic_path(path) as temp, temp.open("w", encoding="utf-8", newline="\n") as out:
        out.write(json.dumps(HEADER, sort_keys=True) + "\n")
        for kind, fields in records(store):
            out.write(json.dumps({kind: fields}, ensure_ascii=False, sort_keys=True) + "\n")
            counts[kind] += 1
    return counts


def _read(path: Path) -> Iterator[tuple[int, str, dict[str, Any]]]:
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            try:
                record = json.loads(line)
            except json.JSONDecodeError as err:
                raise BackupError(f"line {number}: not JSON ({err.msg})") from None
            if number == 1:
                if record != HEADER:
                    raise BackupError(f"line 1: not a {FORMAT} file (version {FORMAT_VERSION})")
                continue
            if (
                not isinstance(record, dict)
                or len(record) != 1
                or next(iter(record)) not in _COLUMNS
            ):
                raise BackupError(f"line {number}: expected one of {', '.join(_COLUMNS)}")
            kind, fields = next(iter(record.items()))
            if set(fields) != set(_COLUMNS[kind][1]):
                raise BackupError(f"line {number}: a {kind} needs exactly "
                                  f"{', '.join(_COLUMNS[kind][1])}")  # fmt: skip
            yield (
                number,
                kind,
                {
                    name: datetime.fromisoformat(v) if name in _MOMENTS else v
                    for name, v in fields.items()
                },
            )


def _primary(kind: str, fields: dict[str, Any]) -> tuple[Any, ...]:
    if kind == "article":
        return (fields["id"],)
    return (fields["article_id"], fields["version"])


def restore(store: Store, path: Path) -> dict[str, int]:
    """Add the backup's records the database does not hold, in one transaction; returns how
    many of each kind were added. An article or version stored with other content stops the
    restore with nothing changed."""
    added = dict.fromkeys(_COLUMNS, 0)
    with store.writing() as session:
        for number, kind, fields in _read(path):
            table = _COLUMNS[kind][0]
            if kind in ("article", "version"):
                existing = session.get(table, _primary(kind, fields))
                if existing is not None:
                    if kind == "version" and existing.content_hash != fields["content_hash"]:
                        where = f"{fields['article_id']} version {fields['version']}"
                        raise BackupError(f"line {number}: {where} is stored with another text")
                    continue
            elif kind == "collection_event":
                fields = _in_collection(session, number, fields)
            if (
                (kind in _SAME and _has(session, table, fields, _SAME[kind]))
                or (kind == "account" and session.get(AccountRow, fields["name"]) is not None)
                or (kind == "collection" and _collection_id(session, fields["name"]))
            ):
                continue
            session.add(table(**fields))
            session.flush()
            if kind == "version":
                analysis = Analysis.model_validate_json(fields["analysis"])
                session.add_all(claim_rows(analysis, fields["version"]))
            elif kind == "correction" and fields["kind"] in ("add_claim", "split_claim"):
                _made_claims(store, session, fields["article_id"], fields["version"])
            added[kind] += 1
    return added


def _made_claims(store: Store, session: Session, article_id: str, version: int) -> None:
    """The claim rows of the claims analysts made (added, split off), as storing the
    correction made them: in correction order, so each gets the key it had."""
    engine = session.get(VersionRow, (article_id, version))
    query = select(CorrectionEvent).where(CorrectionEvent.article_id == article_id,
                                          CorrectionEvent.version == version)  # fmt: skip
    made = [record_from(Correction, row) for row in session.scalars(query.order_by(
        CorrectionEvent.id))]  # fmt: skip
    if engine is None:
        return
    have = set(session.scalars(select(ClaimRow.claim_id).where(
        ClaimRow.article_id == article_id, ClaimRow.version == version)))  # fmt: skip
    view = corrected(Analysis.model_validate_json(engine.analysis), made)
    store.add_claim_rows(session, article_id, version,
                         [(c.id, c.text) for c in view.claims if c.id not in have])  # fmt: skip


def _has(session: Session, table: Any, fields: dict[str, Any], same: tuple[str, ...]) -> bool:
    """Whether an event like ``fields`` (the same ``same`` columns and moment) is stored."""
    found = session.scalars(
        select(table.created_at).where(*(getattr(table, n) == fields[n] for n in same))
    )
    wanted = fields["created_at"]
    return any((m if m.tzinfo else m.replace(tzinfo=UTC)) == wanted for m in found)


def _collection_id(session: Session, name: str) -> int | None:
    found: int | None = session.scalar(select(CollectionRow.id).where(CollectionRow.name == name))
    return found


def _in_collection(session: Session, number: int, fields: dict[str, Any]) -> dict[str, Any]:
    """A collection event as stored: its collection by id (named in the file)."""
    collection_id = _collection_id(session, fields["collection"])
    if collection_id is None:
        raise BackupError(f"line {number}: no collection named {fields['collection']!r} before")
    rest = {k: v for k, v in fields.items() if k != "collection"}
    return {**rest, "collection_id": collection_id}
