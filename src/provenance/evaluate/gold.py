"""The gold annotations of an evaluation directory: schema and loading."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

from provenance.errors import InputError
from provenance.models import SourceType

Scheme = Literal["chains", "flat"]


class _Gold(BaseModel):
    # Tolerant of fields added by later annotation rounds; ids and anchors are checked below.
    model_config = ConfigDict(extra="ignore", frozen=True)


class GoldSource(_Gold):
    """One entity of the article, with every surface form that names it."""

    aliases: list[str]
    type: SourceType | None = None
    anonymous: bool | None = None
    role: str | None = None
    author: str | None = None
    pronoun: bool = False


class GoldClaim(_Gold):
    """A claim located by a unique anchor substring, with its chain origin-first."""

    anchor: str
    chain: list[str]
    optional: list[str] = []
    ambiguous: bool = False
    disputed: bool = False


class GoldArticle(_Gold):
    """One annotated article: its text as read and its annotation."""

    name: str
    text: str
    scheme: Scheme = "chains"
    sources: dict[str, GoldSource]
    claims: list[GoldClaim]
    not_claims: list[str] = []

    @model_validator(mode="after")
    def _check_references(self) -> GoldArticle:
        for sid, src in self.sources.items():
            if not src.aliases:
                raise ValueError(f"source {sid} has no alias")
            if src.author is not None and src.author not in self.sources:
                raise ValueError(f"source {sid} names unknown author {src.author}")
        for claim in self.claims:
            if claim.anchor not in self.text:
                raise ValueError(f"anchor not in the article text: {claim.anchor!r}")
            unknown = [s for s in [*claim.chain, *claim.optional] if s not in self.sources]
            if unknown:
                raise ValueError(f"claim {claim.anchor!r} names unknown sources {unknown}")
        return self

    @property
    def scored_claims(self) -> list[GoldClaim]:
        """The claims that count: all but the ambiguous ones."""
        return [claim for claim in self.claims if not claim.ambiguous]


def read_text(path: Path) -> str:
    """An article's text exactly as stored: no newline translation, so anchors and offsets agree."""
    with path.open(encoding="utf-8", newline="") as handle:
        return handle.read()


def load_gold_article(json_path: Path, text_path: Path) -> GoldArticle:
    """One gold article; any problem is an :class:`InputError` naming the file."""
    try:
        text = read_text(text_path)
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(f"cannot read article text: {err}", origin=str(text_path)) from err
    try:
        raw = json.loads(json_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise InputError(f"cannot read gold JSON: {err}", origin=str(json_path)) from err
    if not isinstance(raw, dict):
        raise InputError("gold JSON is not an object", origin=str(json_path))
    try:
        return GoldArticle.model_validate({**raw, "name": json_path.stem, "text": text})
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        problem = f"{where}: {first['msg']}" if where else first["msg"]
        raise InputError(f"invalid gold: {problem}", origin=str(json_path)) from err


def load_gold(gold_dir: Path, errors: list[InputError] | None = None) -> list[GoldArticle]:
    """Every annotated article of ``gold_dir``, sorted by name.

    A bad file raises, unless ``errors`` is given: then it is recorded there and skipped, so one
    broken annotation does not stop an evaluation.
    """
    gold_dir = Path(gold_dir)
    json_paths = sorted((gold_dir / "gold").glob("*.json"))
    if not json_paths:
        raise InputError("no gold/*.json files", origin=str(gold_dir))
    golds = []
    for json_path in json_paths:
        try:
            golds.append(
                load_gold_article(json_path, gold_dir / "articles" / f"{json_path.stem}.txt")
            )
        except InputError as err:
            if errors is None:
                raise
            errors.append(err)
    return golds
