"""The corroboration stage's word lists, read once from ``words.yaml`` beside this module."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

_PATH = Path(__file__).with_name("words.yaml")


@dataclass(frozen=True)
class Words:
    """Every list of ``words.yaml`` as a frozen set (``documents`` as word -> kind)."""

    negators: frozenset[str]
    denials: frozenset[str]
    attribution: frozenset[str]
    descriptors: frozenset[str]
    generic: frozenset[str]
    roles: frozenset[str]
    documents: dict[str, str]
    synonyms: dict[str, str]


@lru_cache(maxsize=1)
def words() -> Words:
    """The lists, loaded on first use."""
    data = yaml.safe_load(_PATH.read_text(encoding="utf-8"))
    kinds = {word: kind for kind, heads in data["documents"].items() for word in heads}
    return Words(
        negators=frozenset(data["negators"]),
        denials=frozenset(data["denials"]),
        attribution=frozenset(data["attribution"]),
        descriptors=frozenset(data["descriptors"]),
        generic=frozenset(data["generic"]),
        roles=frozenset(data["roles"]),
        documents=kinds,
        synonyms={w: base for base, alts in data["synonyms"].items() for w in alts},
    )
