"""The registry of known media outlets and often-cited organizations (shipped as
``provenance/data/registry.csv``).

Source typing needs more than spaCy's entity label (it tags magazines as PERSON), so every
candidate source mention is looked up here; :meth:`Registry.lookup` is therefore one dict probe
on a normalised key (case, a leading "the", possessives, dots, hyphens and accents do not
matter), with a few cheap fallbacks for descriptive wrappers ("Japan's Kyodo news agency").

The file is meant to be edited: one outlet per line, ``#`` lines are comments, extra columns
(for notes) are ignored. ``reliability`` is a rough prior on the Admiralty (NATO) A-F scale,
F meaning "cannot be judged"; see the file header. ``$PROVENANCE_REGISTRY`` points to another
file.
"""

from __future__ import annotations

import csv
import os
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal, cast

from provenance.errors import ProvenanceError
from provenance.packaged import packaged

REGISTRY_ENV = "PROVENANCE_REGISTRY"
DEFAULT_PATH = packaged("data", "registry.csv")
COLUMNS = ("name", "aliases", "type", "kind", "country", "reliability")
TYPES = ("media", "organization")
RELIABILITY = "ABCDEF"

EntryType = Literal["media", "organization"]

#: Single words that are outlet names but also ordinary English: ``find_in`` only takes them
#: after "the" ("the Sun", "the Times"), never alone ("time will tell").
COMMON_WORDS = frozenset({
    "time", "times", "sun", "star", "mirror", "express", "post", "mail", "nation", "guardian",
    "observer", "independent", "telegraph", "economist", "atlantic", "hill", "spectator",
    "fortune", "vice", "mint", "slate", "salon", "wired", "reason", "nature", "science", "dawn",
    "stuff", "metro", "focus", "stern", "friday", "world", "globe", "herald", "tribune",
    "standard", "age", "australian", "national", "hindu", "wire", "paper", "intercept",
    "federalist", "blaze", "insider", "life", "sky", "tempo", "punch", "vanguard", "scroll",
    "inquirer", "amnesty",
})  # fmt: skip
#: Single-word names that read as ordinary words even after "the" ("the Australian population",
#: "the Atlantic coast", "the Hill"): ``find_in`` leaves them out; ``lookup`` still knows them.
AMBIGUOUS_WORDS = frozenset({
    "australian", "national", "hindu", "atlantic", "hill", "age", "nation", "star", "wire",
    "paper",
})  # fmt: skip
#: Lower-case particles allowed inside a capitalised name in running text ("Al-Masirah",
#: "the Voice of America").
_PARTICLES = frozenset({
    "al", "el", "ad", "ar", "as", "ash", "at", "az", "de", "der", "des", "di", "du", "la", "le",
    "of", "the", "and", "for", "von",
})  # fmt: skip
_PUNCT = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "‐": "-", "‑": "-", "–": "-"})
_EDGE = " \t\r\n.,;:!?\"'()[]{}«»“”"
_EDGE_BUT_APOSTROPHE = _EDGE.replace("'", "")
_SEPARATORS = re.compile(r"[-_/\s]+")
_SPACES = re.compile(r"\s+")
_THE_OR_POSSESSIVE = re.compile(r"^the\s+|'s$", re.IGNORECASE)
#: Lookups remembered per registry; mentions repeat ("officials", "Reuters") across a batch.
_MEMO_SIZE = 100_000
_TRAILING = re.compile(
    r"(?:\s+(?:news agency|news service|newswire|wire service|agency|newspaper|daily|weekly"
    r"|magazine|tabloid|tv|television|channel|network|radio|broadcaster|website|outlet))+$",
    re.IGNORECASE,
)
_LEADING = re.compile(
    r"^(?:the\s+)?(?:(?:[\w.-]+(?:'s|s')|[\w-]+-(?:run|owned|controlled|backed|affiliated"
    r"|funded|linked|aligned|based)|state|official|semi-official|pro-[\w-]+|independent"
    r"|news agency|newspaper|daily|weekly|magazine|tabloid|broadcaster|tv|television|channel"
    r"|network|radio|website|outlet|media|news)\s+)+",
    re.IGNORECASE,
)
_TOKEN = re.compile(r"[^\W_]+(?:[.&'’][^\W_]+)*\.?|&")
_GAP = re.compile(r"[ \t]*\n?[ \t]*|[-/]")


class RegistryError(ProvenanceError):
    """A registry file that cannot be used; ``origin`` is ``file:line``."""


@dataclass(frozen=True, slots=True)
class RegistryEntry:
    """One known outlet or organization; ``name`` is its key (``Source.registry``)."""

    name: str
    aliases: tuple[str, ...]
    type: EntryType
    kind: str
    country: str
    reliability: str

    @property
    def key(self) -> str:
        return self.name

    @property
    def forms(self) -> tuple[str, ...]:
        """Every way of writing it the registry knows: the name, then the aliases."""
        return (self.name, *self.aliases)


def normalize(name: str) -> str:
    """The lookup key: case, accents, a leading "the", possessives, dots and hyphens removed."""
    text = name.translate(_PUNCT)
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.casefold().strip(_EDGE_BUT_APOSTROPHE).removesuffix("'s").strip(_EDGE)
    text = text.replace("&", " and ").replace(".", "").replace("'", "")
    text = _SEPARATORS.sub(" ", text).strip()
    return text.removeprefix("the ")


class Registry:
    """Known outlets and organizations, indexed for constant-time lookup of any written form."""

    def __init__(
        self,
        entries: Sequence[RegistryEntry],
        origin: str = "<registry>",
        lines: Sequence[int] | None = None,
    ) -> None:
        self.entries = list(entries)
        self.origin = origin
        self._index: dict[str, RegistryEntry] = {}
        self._surface: dict[tuple[str, ...], list[tuple[tuple[str, ...], bool, RegistryEntry]]] = {}
        self._longest = 1
        #: the first word of every form (case-folded): most words of a text start none
        self._starts: set[str] = set()
        self._memo: dict[str, RegistryEntry | None] = {}
        #: keys written only as acronyms ("WHO"): a lower-case query ("who") is not them
        self._acronyms: set[str] = set()
        spelled: set[str] = set()
        line_of: dict[str, int] = {}
        for position, entry in enumerate(self.entries):
            line = lines[position] if lines else position + 1
            for form in entry.forms:
                key = normalize(form)
                other = self._index.get(key)
                if other is not None and other is not entry:
                    raise RegistryError(
                        f"'{form}' of '{entry.name}' is already used by '{other.name}' "
                        f"(line {line_of[other.name]})",
                        f"{origin}:{line}",
                    )
                self._index[key] = entry
                (self._acronyms if _is_acronym(form) else spelled).add(key)
                self._add_surface(form, entry)
            line_of[entry.name] = line
        self._acronyms -= spelled

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[RegistryEntry]:
        return iter(self.entries)

    def lookup(self, name: str) -> RegistryEntry | None:
        """The entry a mention names, or None: exact key first, then without wrapping words."""
        if name in self._memo:
            return self._memo[name]
        if len(self._memo) >= _MEMO_SIZE:
            self._memo.clear()
        hit = self._memo[name] = self._lookup(name)
        return hit

    def _lookup(self, name: str) -> RegistryEntry | None:
        tried: set[str] = set()
        for variant in _variants(name):
            if variant in tried:
                continue
            tried.add(variant)
            key = normalize(variant)
            hit = self._index.get(key)
            if hit is not None and (key not in self._acronyms or _is_acronym(variant)):
                return hit
        return None

    def find_in(self, text: str) -> list[tuple[int, int, RegistryEntry]]:
        """Registry names in running text, longest match first, as ``(start, end, entry)``.

        Matching is case-aware: acronyms must be upper case ("WHO", not "who"), other words
        capitalised (particles like "al" aside), and common words need "the" before them.
        """
        tokens = [_token(m) for m in _TOKEN.finditer(text)]
        folded = [tok[2].casefold() for tok in tokens]
        joined = [
            i + 1 < len(tokens) and bool(_GAP.fullmatch(text[tokens[i][1] : tokens[i + 1][0]]))
            for i in range(len(tokens))
        ]
        found: list[tuple[int, int, RegistryEntry]] = []
        i = 0
        while i < len(tokens):
            match = self._match_at(tokens, folded, joined, i) if folded[i] in self._starts else None
            if match is None:
                i += 1
                continue
            start, end, entry, length = match
            found.append((start, end, entry))
            i += length
        return found

    def _match_at(
        self,
        tokens: list[tuple[int, int, str]],
        folded: list[str],
        joined: list[bool],
        i: int,
    ) -> tuple[int, int, RegistryEntry, int] | None:
        """The longest registry form starting at token ``i``, with its span and token count."""
        for length in range(min(self._longest, len(tokens) - i), 0, -1):
            if not all(joined[i : i + length - 1]):
                continue
            candidates = self._surface.get(tuple(folded[i : i + length]))
            if not candidates:
                continue
            words = tuple(tok[2] for tok in tokens[i : i + length])
            for form_words, has_the, entry in candidates:
                if not all(_case_ok(w, f) for w, f in zip(words, form_words, strict=True)):
                    continue
                after_the = i > 0 and joined[i - 1] and folded[i - 1] == "the"
                needs_the = (
                    len(form_words) == 1
                    and not form_words[0].isupper()
                    and (has_the or form_words[0].casefold() in COMMON_WORDS)
                )
                if needs_the and (not after_the or _continues(tokens, joined, i + length - 1)):
                    continue
                start = tokens[i - 1][0] if has_the and after_the else tokens[i][0]
                return start, tokens[i + length - 1][1], entry, length
        return None

    def _add_surface(self, form: str, entry: RegistryEntry) -> None:
        words = tuple(_token(m)[2] for m in _TOKEN.finditer(form))
        has_the = len(words) > 1 and words[0].casefold() == "the"
        if has_the:
            words = words[1:]
        if not words or (len(words) == 1 and words[0].casefold() in AMBIGUOUS_WORDS):
            return
        self._surface.setdefault(_fold(words), []).append((words, has_the, entry))
        self._starts.add(words[0].casefold())
        self._longest = max(self._longest, len(words))


def _variants(name: str) -> Iterator[str]:
    """The mention, then without descriptive words after or before the name (lazily: most
    lookups end at the first)."""
    text = _SPACES.sub(" ", name.translate(_PUNCT)).strip(_EDGE_BUT_APOSTROPHE)
    yield text
    trailing = _TRAILING.sub("", text)
    yield trailing
    yield _LEADING.sub("", text)
    yield _LEADING.sub("", trailing)


def _token(match: re.Match[str]) -> tuple[int, int, str]:
    """A token's start, end and comparison word, without a possessive or a final dot.

    The span keeps the final dot of a dotted abbreviation ("U.N.") but not a sentence's.
    """
    word = re.sub(r"'s?$", "", match.group().translate(_PUNCT))
    if word.count(".") > 1:
        return match.start(), match.start() + len(word), word.rstrip(".")
    word = word.removesuffix(".")
    return match.start(), match.start() + len(word), word


def _continues(tokens: list[tuple[int, int, str]], joined: list[bool], last: int) -> bool:
    """True when a capitalised word follows: "the National" inside "the National Guard"."""
    return joined[last] and tokens[last + 1][2][:1].isupper()


def _fold(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(w.casefold() for w in words)


def _is_acronym(form: str) -> bool:
    """Upper-case letters only, possessive and a leading "the" aside ("WHO", "the AP's")."""
    core = _THE_OR_POSSESSIVE.sub("", form.translate(_PUNCT))
    return sum(ch.isalpha() for ch in core) > 1 and core.isupper()


def _case_ok(word: str, form: str) -> bool:
    """Accept running-text casing: acronyms exact, other words capitalised or particles."""
    if word == form:
        return True
    if _is_acronym(form):
        return False
    return word[:1].isupper() or word.casefold() in _PARTICLES


# --- loading ----------------------------------------------------------------------------------


def load_registry(path: str | Path | None = None) -> Registry:
    """The registry at ``path``, ``$PROVENANCE_REGISTRY`` or the shipped default (cached).

    The cache is keyed by the file's modification time, so edits are picked up without restart.
    """
    chosen = Path(path or os.environ.get(REGISTRY_ENV) or DEFAULT_PATH).expanduser()
    try:
        stat = chosen.stat()
    except OSError as err:
        raise RegistryError(err.strerror or "cannot read the registry", str(chosen)) from err
    return _load(str(chosen.resolve()), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=8)
def _load(path: str, mtime_ns: int, size: int) -> Registry:
    """Parse and validate; every problem names ``file:line``. (mtime/size key the cache.)"""
    try:
        content = Path(path).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as err:
        raise RegistryError(f"not UTF-8 (byte offset {err.start})", path) from err
    numbered = [
        (number, line)
        for number, line in enumerate(content.splitlines(), 1)
        if line.strip() and not line.lstrip().startswith("#")
    ]
    if not numbered:
        raise RegistryError("no header row", path)
    header_line, header_text = numbered[0]
    header = [cell.strip().lower() for cell in next(csv.reader([header_text]))]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise RegistryError(
            f"missing column(s) {', '.join(missing)} (header: {', '.join(header)})",
            f"{path}:{header_line}",
        )
    entries, lines = [], []
    names: dict[str, int] = {}
    for number, line in numbered[1:]:
        cells = next(csv.reader([line]))
        where = f"{path}:{number}"
        if len(cells) != len(header):
            raise RegistryError(f"{len(cells)} cells, the header has {len(header)}", where)
        entry = _entry(dict(zip(header, (c.strip() for c in cells), strict=True)), where)
        if entry.name in names:
            raise RegistryError(f"'{entry.name}' is already on line {names[entry.name]}", where)
        names[entry.name] = number
        entries.append(entry)
        lines.append(number)
    return Registry(entries, origin=path, lines=lines)


def _entry(row: dict[str, str], where: str) -> RegistryEntry:
    """One validated row."""
    if not row["name"]:
        raise RegistryError("empty name", where)
    if row["type"] not in TYPES:
        raise RegistryError(f"type '{row['type']}' is not one of {', '.join(TYPES)}", where)
    if not re.fullmatch(r"[a-z][a-z_]*", row["kind"]):
        raise RegistryError(f"kind '{row['kind']}' should be a lower-case word", where)
    country = row["country"].upper()
    if country and not re.fullmatch(r"[A-Z]{2}", country):
        raise RegistryError(f"country '{row['country']}' is not a 2-letter ISO code", where)
    reliability = row["reliability"].upper() or "F"
    if len(reliability) != 1 or reliability not in RELIABILITY:
        raise RegistryError(f"reliability '{row['reliability']}' is not a letter A-F", where)
    aliases = tuple(a.strip() for a in row["aliases"].split("|") if a.strip())
    return RegistryEntry(
        name=row["name"],
        aliases=aliases,
        type=cast(EntryType, row["type"]),
        kind=row["kind"],
        country=country,
        reliability=reliability,
    )
