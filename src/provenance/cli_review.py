"""``provenance db`` commands of the review workflow: ``status``, ``assign``, ``comment``,
``collection``, ``audit``, ``claimreview``, ``correct``, ``gold``. Thin over
:mod:`provenance.review`; added to ``db`` by :func:`provenance.cli_db.register`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from provenance.accounts import local_analyst
from provenance.cli_db import _fail, _workspace, db, write_frame

ClaimText = Annotated[
    str, typer.Option("--claim-text", help="Text of the claim (all of it, or enough to find it).")
]
Analyst = Annotated[str, typer.Option("--analyst", help="Who does it (stored normalised).")]


def _step(article_id: str, claim_text: str, act: str, **args: str) -> None:
    here = _workspace()
    try:
        claim = here.find_claim(article_id, claim_text)
        step = getattr(here, act)(article_id, claim.key, **args)
    except ValueError as err:
        raise _fail(err) from None
    said = {"status": step.value, "assign": f"assigned to {step.value or 'nobody'}",
            "comment": "comment added"}[step.kind]  # fmt: skip
    typer.echo(f"#{step.id}: {article_id} {step.claim_id} {said} by {step.analyst}")


@db.command("status")
def status(
    article_id: Annotated[str, typer.Argument(help="The article's id.")],
    claim_text: ClaimText,
    value: Annotated[
        str,
        typer.Option("--set", help="unstarted, in_progress, verified, false or inconclusive."),
    ],
    analyst: Analyst,
    note: Annotated[str, typer.Option("--note", help="Why (kept with the status).")] = "",
) -> None:
    """Set a claim's review status (the earlier ones stay in its history)."""
    _step(article_id, claim_text, "set_status", status=value, analyst=analyst, note=note)


@db.command("assign")
def assign(
    article_id: Annotated[str, typer.Argument(help="The article's id.")],
    claim_text: ClaimText,
    to: Annotated[str, typer.Option("--to", help="The analyst it goes to ('' for nobody).")],
    analyst: Analyst,
) -> None:
    """Put a claim on an analyst's queue."""
    _step(article_id, claim_text, "assign", assignee=to, analyst=analyst)


@db.command("comment")
def comment(
    article_id: Annotated[str, typer.Argument(help="The article's id.")],
    claim_text: ClaimText,
    text: Annotated[str, typer.Option("--text", help="The comment.")],
    analyst: Analyst,
) -> None:
    """Add a comment to a claim's thread."""
    _step(article_id, claim_text, "comment", analyst=analyst, text=text)


@db.command("collection")
def collection(
    name: Annotated[str, typer.Argument(help="The collection (case), created when new.")],
    article_ids: Annotated[
        list[str] | None, typer.Argument(help="Article ids to add (or remove).")
    ] = None,
    analyst: Annotated[
        str, typer.Option("--analyst", help="Who files them (default: this computer's user).")
    ] = "",
    remove: Annotated[bool, typer.Option("--remove", help="Take the articles out.")] = False,
) -> None:
    """File articles in a collection, or list what it holds."""
    here = _workspace()
    who = analyst if analyst.strip() else local_analyst()  # as the dashboard's local mode
    try:
        found = (here.file_articles(name, list(article_ids), who, remove=remove)
                 if article_ids else here.collection(name))  # fmt: skip
    except ValueError as err:
        raise _fail(err) from None
    typer.echo(f"{found.name}: {len(found.article_ids)} articles")
    for article_id in found.article_ids:
        typer.echo(f"  {article_id}")


@db.command("audit")
def audit(
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="A .csv or .jsonl file (default: CSV on stdout)."),
    ] = None,
) -> None:
    """The audit log: every rating, status, assignment, comment, collection change and
    correction, who made it and when (UTC), oldest first."""
    write_frame(_workspace().audit_frame(), out, "entries")


@db.command("claimreview")
def claimreview(
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="A .jsonld file (default: stdout).")
    ] = None,
    rubric: Annotated[
        list[str] | None, typer.Option("--rubric", "-r", help="Only this rubric (repeatable).")
    ] = None,
    history: Annotated[
        bool,
        typer.Option("--history", help="Each review carries everything done to its claim "
                     "(ratings, status, assignment, comments, corrections)."),
    ] = False,
) -> None:  # fmt: skip
    """The analysts' latest ratings as schema.org ClaimReview (JSON-LD), one per analyst,
    claim and rubric: what fact-checkers publish and search engines read."""
    from provenance.claimreview import stored_reviews, to_jsonld

    reviews = stored_reviews(_workspace(), rubric or (), history=history)
    text = to_jsonld(reviews) + "\n"
    if out is None:
        typer.echo(text, nl=False)
        return
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as err:
        raise _fail(f"{out}: {err.strerror or err}") from None
    typer.echo(f"{len(reviews)} claim reviews -> {out}", err=True)


@db.command("correct")
def correct(
    article_id: Annotated[str, typer.Argument(help="The article's id.")],
    kind: Annotated[
        str,
        typer.Argument(help="chain, source_type, anonymity, merge_sources or add_claim."),
    ],
    payload: Annotated[
        str, typer.Option("--payload", help='The corrected value as JSON: {"chain": [...]}.')
    ],
    analyst: Analyst,
    claim_text: Annotated[
        str, typer.Option("--claim-text", help="The claim (for a chain correction).")
    ] = "",
    note: Annotated[str, typer.Option("--note", help="Why.")] = "",
) -> None:
    """Correct the engine: a claim's chain, a source's type or anonymity, two sources as one,
    a claim it missed (kept beside its output, never over it; see provenance.corrections)."""
    here = _workspace()
    try:
        value = json.loads(payload)
        if not isinstance(value, dict):
            raise ValueError("--payload is a JSON object")
        key = here.find_claim(article_id, claim_text).key if claim_text else ""
        made = here.correct(article_id, kind, value, analyst, claim_key=key, note=note)
    except json.JSONDecodeError as err:
        raise _fail(f"--payload: not JSON ({err.msg})") from None
    except ValueError as err:
        raise _fail(err) from None
    where = f" {made.claim_id}" if made.claim_id else ""
    typer.echo(f"correction #{made.id}: {article_id}{where} {kind} by {made.analyst}")


@db.command("gold")
def gold(
    folder: Annotated[Path, typer.Argument(help="Where to write articles/ and gold/.")],
) -> None:
    """The analysts' checked claims (chains they set or confirmed, claims they added, the
    sources' types) as gold annotations: `provenance evaluate FOLDER` then measures the engine
    against them."""
    try:
        written = _workspace().write_gold(folder)
    except OSError as err:
        raise _fail(f"{folder}: {err.strerror or err}") from None
    if not written:
        raise _fail("no corrected claims yet: nothing to write")
    typer.echo(f"{len(written)} articles -> {folder} (provenance evaluate {folder})", err=True)
