"""Analysts' reliability letters for sources (the source register's history): append-only."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from provenance.identity import fold
from provenance.models import SourceLetter
from provenance.schema import SourceLetterRow, now
from provenance.storage.base import StoreBase
from provenance.storage.engine import utc

LETTERS = "ABCDEF"


def _letter(row: SourceLetterRow) -> SourceLetter:
    return SourceLetter(
        key=row.source_key, source=row.source, letter=row.letter, analyst=row.analyst,
        note=row.note, at=utc(row.created_at),
    )  # fmt: skip


class SourceStore(StoreBase):
    """A new letter adds a row: every earlier letter stays, so the register shows the history."""

    def add_source_letter(
        self, *, key: str, source: str, letter: str, analyst: str, note: str = ""
    ) -> SourceLetter:
        """Append an analyst's letter (A-F) for the source with register key ``key``."""
        analyst, letter, source = fold(analyst), letter.strip().upper(), source.strip()
        if not analyst:
            raise ValueError("a source letter needs the analyst's name")
        if len(letter) != 1 or letter not in LETTERS:
            raise ValueError(f"{letter!r}: a reliability letter is one of A, B, C, D, E, F")
        if not source or not key:
            raise ValueError("a source letter needs the source's name")
        with self.writing() as session:
            row = SourceLetterRow(source_key=key, source=source, letter=letter,
                                  analyst=analyst, note=note.strip(), created_at=now())  # fmt: skip
            session.add(row)
            session.flush()
            return _letter(row)

    def source_letters(self) -> list[SourceLetter]:
        """Every analyst's letter, oldest first."""
        with Session(self.engine) as session:
            rows = session.scalars(select(SourceLetterRow).order_by(SourceLetterRow.id))
            return [_letter(row) for row in rows]

    def letters_revision(self) -> str:
        """Changes whenever a letter is added or the letters are replaced ("" when there are
        none): the part of a score cache key that analysts' letters decide."""
        with Session(self.engine) as session:
            count, latest = session.execute(
                select(func.count(SourceLetterRow.id), func.max(SourceLetterRow.id))
            ).one()
        return f"{count}.{latest}" if count else ""
