"""The source register on real inputs: the wire-style collection in data/corroboration/, short
wire-style articles written for these tests, the seed, and the dev set when it is there."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from spacy.language import Language

from provenance.corroboration import corroborate
from provenance.corroboration.collection import read_collection
from provenance.corroboration.register import build_register, find, rated, source_key
from provenance.models import Analysis, RegisterEntry, SourceLetter
from provenance.pipeline import analyze
from provenance.registry import load_registry, normalize
from provenance.rubric import load_rubric, rubric_files
from provenance.scoring import score

ROOT = Path(__file__).resolve().parents[1]
COLLECTION = ROOT / "data" / "corroboration"
WIRE = ROOT / "tests" / "data" / "wire"
RUBRICS = sorted(p.stem for p in rubric_files())

#: Two wire items on one story: the spokeswoman's role is given only in the first.
TOKYO = (
    "TOKYO (Reuters) - Japan will send a trade delegation to Jakarta next month, Foreign "
    "Ministry spokeswoman Yuki Tanaka said on Friday.\n\nThe delegation will be led by the "
    "trade minister, she said."
)
JAKARTA = (
    "JAKARTA (AP) - Talks on the nickel agreement will resume in Jakarta next week, Yuki Tanaka "
    "said on Saturday.\n\nThe agreement could be signed before the end of the year, a senior "
    "Indonesian diplomat told the Jakarta Post."
)


def _items(path: Path) -> list[tuple[str, Analysis]]:
    return [i for i in read_collection([str(path)]) if isinstance(i, tuple)]


@pytest.fixture(scope="module")
def collection(nlp: Language) -> list[tuple[str, Analysis]]:
    return _items(COLLECTION)


@pytest.fixture(scope="module")
def register(collection: list[tuple[str, Analysis]]) -> list[RegisterEntry]:
    return build_register(collection, corroborate(collection))


@pytest.fixture(scope="module")
def pair(nlp: Language) -> list[Analysis]:
    pair = []
    for article_id, text in (("tokyo", TOKYO), ("jakarta", JAKARTA)):
        analysis = analyze(text, nlp=nlp)
        article = analysis.article.model_copy(update={"id": article_id})
        pair.append(analysis.model_copy(update={"article": article}))
    return pair


def _letter(key: str, source: str, letter: str, day: int, note: str = "") -> SourceLetter:
    at = datetime(2026, 11, day, tzinfo=UTC)
    return SourceLetter(key=key, source=source, letter=letter, analyst="ana", note=note, at=at)


def test_one_entry_per_source_across_articles(register: list[RegisterEntry]) -> None:
    ft = find(register, "the Financial Times")
    assert ft is not None and ft.registry == "Financial Times"
    assert len(ft.articles) >= 4  # the scoop and the outlets that relay it
    entry = load_registry().lookup("Financial Times")
    assert entry is not None and ft.letter == entry.reliability
    assert ft.reason == "registry entry Financial Times"
    northvale = find(register, "Northvale")
    assert northvale is not None and {"Northvale", "Northvale Steel"} <= set(northvale.aliases)
    assert len({e.key for e in register}) == len(register)


def test_letters_from_evidence(register: list[RegisterEntry]) -> None:
    lopez = find(register, "Maria Lopez")
    assert lopez is not None and lopez.letter == "C"
    assert lopez.reason.startswith("named on the record, regional secretary")
    for entry in register:
        if entry.anonymous:
            assert entry.letter == "F" and "cannot be judged" in entry.reason
        elif not entry.roles and entry.registry_letter is None:
            assert entry.letter == "F", entry.name


def test_track_record_counts_independent_confirmations(register: list[RegisterEntry]) -> None:
    ft = find(register, "Financial Times")
    assert ft is not None
    # the scoop is confirmed by the union official and the people familiar (other lines)
    assert ft.track.confirmed >= 1 and ft.track.contradicted == 0
    for entry in register:
        track = entry.track
        assert track.confirmed + track.echoed + track.contradicted <= track.claims


def test_analysts_letters_come_first_with_their_history(
    collection: list[tuple[str, Analysis]],
) -> None:
    key = source_key("Maria Lopez")
    said = [
        _letter(key, "Maria Lopez", "D", 3, "two wrong figures in 2025"),
        _letter(key, "Lopez", "B", 1),
        _letter(source_key("Kenji Mori"), "Kenji Mori", "A", 2),
    ]
    entries = build_register(collection, letters=said)
    lopez = find(entries, "Maria Lopez")
    assert lopez is not None
    assert [s.letter for s in lopez.history] == ["B", "D"]  # oldest first
    assert lopez.letter == "D" and "ana rated it D on 2026-11-03" in lopez.reason
    assert "two wrong figures" in lopez.reason
    mori = find(entries, "Kenji Mori")  # rated in the database, not in the collection
    assert mori is not None and mori.letter == "A" and not mori.articles


def test_a_role_read_in_another_article_gives_c(pair: list[Analysis]) -> None:
    jakarta = pair[1]
    alone = {r.claim_id: r for r in score(jakarta, "admiralty")}
    claim = next(c for c in jakarta.claims if "resume" in c.text and c.parent is None)
    assert claim.chain[0].name == "Yuki Tanaka" and not claim.chain[0].role
    assert alone[claim.id].axes["reliability"] == "F"
    register = rated(build_register(pair))
    together = {r.claim_id: r for r in score(jakarta, "admiralty", register=register)}
    assert together[claim.id].axes["reliability"] == "C"
    crit = next(c for c in together[claim.id].criteria if c.signal == "hop_reliability")
    assert "named on the record, Foreign Ministry spokeswoman in tokyo" in crit.note
    assert together[claim.id].score > alone[claim.id].score


def test_an_analysts_letter_reaches_the_score(pair: list[Analysis]) -> None:
    said = [_letter(source_key("Yuki Tanaka"), "Yuki Tanaka", "E", 4, "misquoted twice")]
    register = rated(build_register(pair, letters=said))
    results = {r.claim_id: r for r in score(pair[1], "admiralty", register=register)}
    claim = next(c for c in pair[1].claims if "resume" in c.text and c.parent is None)
    assert results[claim.id].axes["reliability"] == "E"
    crit = next(c for c in results[claim.id].criteria if c.signal == "hop_reliability")
    assert "ana rated it E" in crit.note and "misquoted twice" in crit.note


@pytest.mark.parametrize("rubric", RUBRICS)
def test_named_outranks_relayed_anonymous_with_the_register(
    nlp: Language, pair: list[Analysis], rubric: str
) -> None:
    """Every claim of a named source whose register letter has a basis (a role, the registry)
    outranks every claim a media outlet relays from one anonymous source."""
    analyses = [a for _, a in _items(WIRE)] + pair
    register = rated(build_register(analyses, corroborate(analyses)))
    axes = bool(load_rubric(rubric).grades.axes)
    named, relayed = [], []  # (score, its claim) across the collection
    for analysis in analyses:
        results = {r.claim_id: r for r in score(analysis, rubric, register=register)}
        for c in (c for c in analysis.claims if c.parent is None and c.chain):
            first = c.chain[0]
            known = register.get(normalize(first.name))
            if len(c.chain) == 1 and not first.anonymous and known and known.letter in "ABC":
                named.append((results[c.id], c.text))
            elif len(c.chain) == 2 and first.anonymous and c.chain[1].type == "media":
                relayed.append((results[c.id], c.text))
    assert len(named) >= 4 and len(relayed) >= 3
    for high, a in named:
        for low, b in relayed:
            assert high.score > low.score, (a, b)
            if axes:
                assert high.axes["reliability"] < low.axes["reliability"]


def test_register_of_the_dev_set(eval_dir: Path, nlp: Language) -> None:
    analyses = [analyze(p, nlp=nlp) for p in sorted((eval_dir / "articles").glob("*.txt"))]
    entries = build_register(analyses)
    assert entries and len({e.key for e in entries}) == len(entries)
    for entry in entries:
        if entry.anonymous:
            assert entry.letter == "F"
        elif entry.registry_letter:
            assert entry.letter == entry.registry_letter
        elif entry.roles and entry.type in ("person", "organization", "media"):
            assert entry.letter in "BC", entry.name
    letters = rated(entries)
    for entry in entries:
        if entry.letter in "BC" and not entry.anonymous:
            assert letters[normalize(entry.name)].letter == entry.letter, entry.name
