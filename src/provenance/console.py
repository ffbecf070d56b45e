"""What the command line shows a person: progress on stderr (only on a terminal), errors, and
the options several commands share."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import Annotated, TypeVar

import typer
from tqdm import tqdm

from provenance.errors import one_line

T = TypeVar("T")

#: ``--allow-private-urls`` of the commands that read inputs (see :mod:`provenance.fetch`).
AllowPrivateUrls = Annotated[
    bool,
    typer.Option(
        "--allow-private-urls",
        help="Also fetch URLs on loopback, private and link-local addresses (an intranet); "
        "refused by default. Same as PROVENANCE_ALLOW_PRIVATE_URLS=1.",
    ),
]


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
    """One line on stderr (control characters escaped), without breaking a progress bar."""
    tqdm.write(f"error: {one_line(str(message))}", file=sys.stderr)
