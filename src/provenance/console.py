"""What the command line shows a person: progress on stderr (only on a terminal), errors, and
the options several commands share."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer
from tqdm import tqdm

from provenance.errors import one_line

if TYPE_CHECKING:
    from provenance.output import Failures

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


#: ``--workers`` of the batch commands (``provenance.batch``).
Workers = Annotated[
    int | None,
    typer.Option(
        min=1,
        help="Worker processes, each running the whole analysis with its own model "
        "(default: all cores; one for up to 8 articles).",
        show_default=False,
    ),
]
#: ``--scheduler`` of the batch commands: a Dask cluster instead of local processes.
Scheduler = Annotated[
    str | None,
    typer.Option(
        metavar="ADDRESS",
        help="Run on the Dask distributed cluster at ADDRESS (tcp://host:8786) instead of "
        "local processes; needs provenance-news[dask].",
    ),
]
#: ``--failures`` of the batch commands.
FailuresFile = Annotated[
    Path | None,
    typer.Option(
        "--failures",
        metavar="FILE",
        help="Also write one row per input that failed (input, id, error) to FILE: .csv or "
        ".jsonl, replaced at each run, written as the run goes.",
        dir_okay=False,
    ),
]
#: ``--quiet`` of the batch commands.
Quiet = Annotated[
    bool,
    typer.Option("--quiet", "-q", help="No progress bar and no summary; errors still on stderr."),
]


def progress(
    items: Iterable[T], desc: str, total: int | None = None, quiet: bool = False
) -> tqdm[T]:
    """A progress bar on stderr (with total and ETA when ``total`` is known), shown only to a
    person watching a terminal."""
    return tqdm(
        items,
        desc=desc,
        total=total,
        unit="article",
        file=sys.stderr,
        disable=quiet or not sys.stderr.isatty(),
        leave=False,
        dynamic_ncols=True,
    )


class Tally:
    """A batch's counts (done, skipped, failed, claims) behind one progress bar, and the
    closing summary line with the rate."""

    def __init__(
        self, desc: str, total: int | None, quiet: bool, failures: Failures | None = None
    ) -> None:
        self.bar = progress([], desc, total, quiet)
        self.quiet, self.file = quiet, failures
        self.done = self.skipped = self.claims = 0
        self.failures: list[str] = []
        self.started = time.perf_counter()

    def ok(self, claims: int) -> None:
        self.done += 1
        self.claims += claims
        self.bar.update()

    def skip(self) -> None:
        self.skipped += 1
        self.bar.update()

    def fail(self, err: BaseException) -> None:
        error(err)
        self.failures.append(one_line(str(err)))
        if self.file is not None:
            self.file.add(err)
        self.bar.update()

    def close(self, verb: str, where: str = "") -> None:
        """Close the bar; print ``N articles VERB, M claims, S skipped (already done), F failed
        (R articles/s)`` and the failures."""
        self.bar.close()
        if self.quiet:
            return
        seconds = time.perf_counter() - self.started
        parts = [
            f"{plural(self.done, 'article')} {verb}",
            plural(self.claims, "claim"),
            f"{self.skipped} skipped (already done)",
            f"{len(self.failures)} failed",
        ]
        rate = self.done / seconds if seconds > 0 else 0.0
        typer.echo(f"{', '.join(parts)}{where} ({rate:.1f} articles/s)", err=True)
        if self.failures:
            listed = f" (also in {self.file.path})" if self.file is not None else ""
            typer.echo(f"{plural(len(self.failures), 'input')} failed{listed}:", err=True)
            for line in self.failures:
                typer.echo(f"  {line}", err=True)


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def error(message: object) -> None:
    """One line on stderr (control characters escaped), without breaking a progress bar."""
    tqdm.write(f"error: {one_line(str(message))}", file=sys.stderr)
