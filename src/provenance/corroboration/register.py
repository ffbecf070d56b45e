"""The source register: every source of a collection (and of the dashboard's database), with
what analysts said about it, its registry entry and its track record, and the Admiralty
reliability letter scoring gives it.

A source's letter, the first that applies (STANAG 2511 wording in quotes):

- the latest analyst's letter (every earlier one is kept, oldest first);
- the registry's letter (``data/registry.csv``);
- anonymous: F, "reliability cannot be judged";
- named, with a role, its claims confirmed by independent lines in at least :data:`TRACK_B`
  articles and none contradicted: B, "successful in the past";
- named person or organization on the record with a role anywhere in the collection ("Donald
  Trump" quoted bare in one article, "Republican candidate Donald Trump" in another): C,
  "some degree of confidence can be based" on it;
- else F.

Spellings are one source as in corroboration (:mod:`~provenance.corroboration.entities`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from provenance.corroboration import ClaimView, Rated, claim_view
from provenance.corroboration.entities import Resolver, collection_names, name_words
from provenance.models import (
    Analysis,
    Corroboration,
    RegisterEntry,
    SourceLetter,
    TrackRecord,
)
from provenance.registry import Registry, load_registry, normalize

if TYPE_CHECKING:
    from provenance.storage.sources import SourceStore

__all__ = [
    "TRACK_B", "analysts_register", "build_register", "collection_register", "find", "rated",
    "source_key", "stored_letters",
]  # fmt: skip

#: Articles with an independently confirmed claim (and none contradicted) that make a named
#: source with a role B.
TRACK_B = 2
LETTERS = "ABCDEF"


def source_key(name: str, registry: Registry | None = None) -> str:
    """The key an analyst's letter is kept under: the registry entry the name matches, else the
    name's identifying words ("the weekly magazine Shukan Bunshun" -> ``name:shukan bunshun``)."""
    entry = (registry or load_registry()).lookup(name)
    if entry is not None:
        return f"reg:{entry.name}"
    return "name:" + " ".join(name_words(name))


@dataclass
class _Source:
    """What the collection says about one source while the register is built."""

    anonymous: bool
    names: Counter[str] = field(default_factory=Counter)
    types: Counter[str] = field(default_factory=Counter)
    roles: dict[str, str] = field(default_factory=dict)  # role -> article where it was read
    articles: dict[str, None] = field(default_factory=dict)
    confirmed_in: set[str] = field(default_factory=set)
    claims: int = 0
    track: TrackRecord = field(default_factory=TrackRecord)


def _record(item: _Source, article_id: str, view: ClaimView | None) -> None:
    track = item.track
    if view is None or view.contradicts:
        return
    if view.confirmations:
        track.confirmed += 1
        item.confirmed_in.add(article_id)
        track.confirmed_in = len(item.confirmed_in)
    elif view.contradictions:
        track.contradicted += 1
    elif view.echoes:
        track.echoed += 1


def _collect(
    analyses: Sequence[tuple[str, Analysis]],
    corroboration: Corroboration | None,
    resolver: Resolver,
) -> dict[str, _Source]:
    views = claim_view(corroboration) if corroboration is not None else {}
    found: dict[str, _Source] = {}
    for article_id, analysis in analyses:
        keys: dict[str, str] = {}
        for src in analysis.sources:
            if src.anonymous:
                key = f"anon:{normalize(src.name)}@{article_id}"
            else:
                key = resolver.named(src.name)
            keys[src.id] = key
            item = found.setdefault(key, _Source(src.anonymous))
            item.names[src.name] += 1
            item.types[src.type] += 1
            item.articles[article_id] = None
            if src.role and not src.anonymous:
                item.roles.setdefault(src.role, article_id)
        for claim in analysis.claims:
            for key in {keys[h.source_id] for h in claim.chain if h.source_id in keys}:
                found[key].claims += 1
            if claim.chain and claim.chain[0].source_id in keys:
                origin = found[keys[claim.chain[0].source_id]]
                origin.track.claims += 1
                _record(origin, article_id, views.get((article_id, claim.id)))
    return found


def _letter(item: RegisterEntry) -> tuple[str, str]:
    """The letter scoring reads and its reason (see the module docstring for the order)."""
    if item.history:
        last = item.history[-1]
        note = f": {last.note}" if last.note else ""
        return last.letter, f"{last.analyst} rated it {last.letter} on {last.at:%Y-%m-%d}{note}"
    if item.registry_letter:
        return item.registry_letter, f"registry entry {item.registry}"
    if item.anonymous:
        return "F", "anonymous: reliability cannot be judged"
    track = item.track
    named = item.type in ("person", "organization", "media") and item.roles
    if named and track.confirmed_in >= TRACK_B and not track.contradicted:
        return "B", (
            f"usually reliable: {track.confirmed} of its claims confirmed by independent "
            f"lines in {track.confirmed_in} articles, none contradicted"
        )
    if named:
        where = f" in {item.articles[0]}" if len(item.articles) > 1 else ""
        return "C", f"named on the record, {item.roles[0]}{where}"
    return "F", "named, but no role or track record"


def build_register(
    analyses: Sequence[Analysis] | Sequence[tuple[str, Analysis]],
    corroboration: Corroboration | None = None,
    letters: Iterable[SourceLetter] = (),
    registry: Registry | None = None,
) -> list[RegisterEntry]:
    """Every source of the collection, and every source analysts rated (``letters``, from the
    database), most cited first."""
    registry = registry or load_registry()
    named = [a if isinstance(a, tuple) else (a.article.id, a) for a in analyses]
    said_all = list(letters)
    resolver = Resolver(registry)  # a letter for "Lopez" is one for "Maria Lopez"
    resolver.learn([*collection_names(named), *(s.source for s in said_all)])
    found = _collect(named, corroboration, resolver)
    history: dict[str, list[SourceLetter]] = {}
    for letter in said_all:
        history.setdefault(resolver.named(letter.source), []).append(letter)
    entries: list[RegisterEntry] = []
    for key, item in found.items():
        aliases = [n for n, _ in item.names.most_common()]
        reg = registry.lookup(aliases[0]) if not item.anonymous else None
        said = sorted(history.pop(key, []) if not item.anonymous else [], key=lambda s: s.at)
        roles = sorted(item.roles, key=lambda r: (item.roles[r], r))
        articles = list(item.articles)
        if roles:  # the article a role was read in comes first: the reason names it
            articles.sort(key=lambda a: a != item.roles[roles[0]])
        entry = RegisterEntry(
            key=key, name=reg.name if reg else aliases[0], type=item.types.most_common(1)[0][0],
            anonymous=item.anonymous, aliases=aliases, roles=roles, articles=articles,
            registry=reg.name if reg else None, registry_letter=_registry_letter(reg),
            track=item.track, history=said, letter="F", reason="",
        )  # fmt: skip
        entries.append(_with_letter(entry))
    for key, said in history.items():  # rated in the database, not cited in the collection
        name = said[-1].source
        reg = registry.lookup(name)
        entry = RegisterEntry(
            key=key, name=reg.name if reg else name, type=reg.type if reg else "person",
            anonymous=False, aliases=[name], registry=reg.name if reg else None,
            registry_letter=_registry_letter(reg), history=sorted(said, key=lambda s: s.at),
            letter="F", reason="",
        )  # fmt: skip
        entries.append(_with_letter(entry))
    entries.sort(key=lambda e: (-e.track.claims, -len(e.articles), e.name.lower()))
    return entries


def collection_register(
    analyses: Sequence[Analysis] | Sequence[tuple[str, Analysis]], store: SourceStore | None = None
) -> list[RegisterEntry]:
    """The register of a collection: corroborated (for track records) when it holds two
    articles or more, with the analysts' letters from ``store`` when given."""
    from provenance.corroboration.engine import corroborate

    result = corroborate(analyses) if len(analyses) > 1 else None
    return build_register(analyses, result, store.source_letters() if store else ())


def analysts_register(
    analyses: Sequence[Analysis] | Sequence[tuple[str, Analysis]], letters: Sequence[SourceLetter]
) -> dict[str, Rated]:
    """What scoring reads when articles are scored alone: only the analysts' letters, under
    every spelling these articles give the rated source (a letter for "Lopez" is one for "Maria
    Lopez"); everything else stays with the text of each article."""
    if not letters:
        return {}
    return rated(e for e in build_register(analyses, None, letters) if e.history)


def stored_letters(url: str | None = None) -> list[SourceLetter]:
    """The analysts' letters of the database (``$PROVENANCE_DB_URL``, else the app's SQLite
    file) when there is one: none, and no database made, when the file does not exist."""
    from sqlalchemy.engine import make_url

    from provenance.storage import Store, database_url

    url = url or database_url()
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and not Path(parsed.database or "").is_file():
        return []
    store = Store(url)
    try:
        return store.source_letters()
    finally:
        store.close()


def _registry_letter(entry: object) -> str | None:
    letter = getattr(entry, "reliability", None)
    return letter if isinstance(letter, str) and letter in LETTERS else None


def _with_letter(entry: RegisterEntry) -> RegisterEntry:
    letter, reason = _letter(entry)
    return entry.model_copy(update={"letter": letter, "reason": reason})


def rated(entries: Iterable[RegisterEntry]) -> dict[str, Rated]:
    """What scoring reads (``score(..., register=...)``): each spelling of every named source
    whose letter has a basis (an analyst, the registry, a role, a track record), by its
    normalised name. Sources with nothing known are left to the text of each article."""
    out: dict[str, Rated] = {}
    for entry in entries:
        if entry.anonymous or entry.reason.startswith("named, but"):
            continue
        for name in {entry.name, *entry.aliases}:
            out.setdefault(normalize(name), Rated(entry.letter, entry.reason))
    return out


def find(entries: Sequence[RegisterEntry], name: str) -> RegisterEntry | None:
    """The entry a name denotes: by key, by spelling, else by identifying words."""
    wanted = normalize(name)
    key = source_key(name)
    for entry in entries:
        if key == entry.key or wanted in {normalize(a) for a in (entry.name, *entry.aliases)}:
            return entry
    words = set(name_words(name))
    hits = [e for e in entries if not e.anonymous and words <= set(name_words(e.name))]
    return hits[0] if len(hits) == 1 else None
