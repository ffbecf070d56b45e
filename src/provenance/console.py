"""What the command line shows a person: progress on stderr (only on a terminal), errors."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import TypeVar

from tqdm import tqdm

T = TypeVar("T")


def progress(items: Iterable[T], desc: str, total: int | None = None) -> tqdm[T]:
    """A progress bar on stderr, shown only to a person watching a terminal."""
    return tqdm(
        items,
        desc=desc,
        total=total,
        unit="article",
        file=sys.stderr,
        disable=not sys.stderr.isatty(),
        leave=False,
    )


def error(message: object) -> None:
    """One line on stderr, without breaking a progress bar."""
    tqdm.write(f"error: {message}", file=sys.stderr)
