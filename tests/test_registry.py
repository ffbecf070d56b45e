"""The shipped media registry: real outlets are found however a text writes them, common words
and pronouns are not mistaken for outlets, and a broken registry file names its file and line."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from provenance.registry import (
    COLUMNS,
    REGISTRY_ENV,
    RELIABILITY,
    TYPES,
    Registry,
    RegistryError,
    load_registry,
    normalize,
)

SEED = Path(__file__).resolve().parents[1] / "data" / "seed_putin_report.txt"
HEADER = ",".join(COLUMNS)


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry()


def test_shipped_registry_is_large_valid_and_self_consistent(registry: Registry) -> None:
    assert len(registry) >= 250
    kinds = {entry.kind for entry in registry}
    assert {"wire", "newspaper", "magazine", "broadcaster", "state_media", "factchecker"} <= kinds
    for entry in registry:
        assert entry.type in TYPES
        assert entry.reliability in RELIABILITY
        assert entry.country == "" or (len(entry.country) == 2 and entry.country.isupper())
        for form in entry.forms:
            assert registry.lookup(form) is entry, (form, entry.name)
    assert load_registry() is registry


@pytest.mark.parametrize(
    ("mention", "name", "kind", "country"),
    [
        ("Associated Press", "Associated Press", "wire", "US"),
        ("AP", "Associated Press", "wire", "US"),
        ("Reuters", "Reuters", "wire", "GB"),
        ("AFP", "Agence France-Presse", "wire", "FR"),
        ("TASS", "TASS", "state_media", "RU"),
        ("Xinhua", "Xinhua News Agency", "state_media", "CN"),
        ("Yonhap", "Yonhap News Agency", "wire", "KR"),
        ("KCNA", "Korean Central News Agency", "state_media", "KP"),
        ("Kyodo", "Kyodo News", "wire", "JP"),
        ("NHK", "NHK", "broadcaster", "JP"),
        ("Asahi Shimbun", "The Asahi Shimbun", "newspaper", "JP"),
        ("Shukan Bunshun", "Shukan Bunshun", "magazine", "JP"),
        ("al-Masirah", "Al-Masirah", "partisan", "YE"),
        ("Al Jazeera", "Al Jazeera", "broadcaster", "QA"),
        ("Saudi Press Agency", "Saudi Press Agency", "state_media", "SA"),
        ("IRNA", "Islamic Republic News Agency", "state_media", "IR"),
        ("BBC", "BBC", "broadcaster", "GB"),
        ("PolitiFact", "PolitiFact", "factchecker", "US"),
    ],
)
def test_real_outlets(registry: Registry, mention: str, name: str, kind: str, country: str) -> None:
    entry = registry.lookup(mention)
    assert entry is not None, mention
    assert (entry.name, entry.kind, entry.country, entry.type) == (name, kind, country, "media")


@pytest.mark.parametrize(
    ("mention", "name"),
    [
        ("the Associated Press's", "Associated Press"),
        ("the AP’s", "Associated Press"),
        ("REUTERS", "Reuters"),
        ("Reuters'", "Reuters"),
        ("Xinhua’s", "Xinhua News Agency"),
        ("the new york times", "The New York Times"),
        ("New York Times", "The New York Times"),
        ("U.N.", "United Nations"),
        ("the UN", "United Nations"),
        ("Al-Jazeera", "Al Jazeera"),
        ("Sueddeutsche Zeitung", "Süddeutsche Zeitung"),
        ("the Kyodo news agency", "Kyodo News"),
        ("Japan's Kyodo News", "Kyodo News"),
        ("state-run TASS", "TASS"),
        ("Houthi-run al-Masirah TV", "Al-Masirah"),
        ("Russia's state news agency RIA Novosti", "RIA Novosti"),
        ("“Shukan Bunshun,”", "Shukan Bunshun"),
        ("WHO", "World Health Organization"),
        ("the Kremlin", "The Kremlin"),
    ],
)
def test_lookup_tolerates_case_the_possessives_and_wrappers(
    registry: Registry, mention: str, name: str
) -> None:
    entry = registry.lookup(mention)
    assert entry is not None and entry.name == name, mention


@pytest.mark.parametrize(
    "mention",
    ["who", "un", "ap", "Takeo Harada", "a Russian government official", "the report", "", "  "],
)
def test_lookup_misses_people_pronouns_and_lowercase_acronyms(
    registry: Registry, mention: str
) -> None:
    assert registry.lookup(mention) is None


def test_organizations_are_typed_as_organizations(registry: Registry) -> None:
    for mention in ("United Nations", "World Health Organization", "NATO", "Human Rights Watch"):
        entry = registry.lookup(mention)
        assert entry is not None and entry.type == "organization", mention


def test_normalize_is_the_shared_key() -> None:
    assert normalize("The AP’s") == normalize("ap") == "ap"
    assert normalize("Al-Jazeera") == normalize("al jazeera")
    assert normalize("Mail & Guardian") == normalize("Mail and Guardian")


def test_find_in_seed_article(registry: Registry) -> None:
    text = SEED.read_text(encoding="utf-8")
    found = registry.find_in(text)
    names = [entry.name for _, _, entry in found]
    assert "Shukan Bunshun" in names
    for start, end, entry in found:
        assert registry.lookup(text[start:end]) is entry
    start = text.index("Shukan Bunshun")
    assert (start, start + len("Shukan Bunshun")) in [(s, e) for s, e, _ in found]


def test_find_in_is_case_aware_and_skips_common_words(registry: Registry) -> None:
    text = (
        "Time will tell, said the WHO, who cited The Times and Reuters’s report, the U.N. and "
        "AFP. The National Guard met in Times Square; the Economist and Houthi-run al-Masirah "
        "TV disagreed with the New York Times. The Atlantic coast and the Australian population "
        "heard the House committee on Foreign Affairs."
    )
    spans = [(text[s:e], entry.name) for s, e, entry in registry.find_in(text)]
    assert spans == [
        ("WHO", "World Health Organization"),
        ("The Times", "The Times"),
        ("Reuters", "Reuters"),
        ("U.N.", "United Nations"),
        ("AFP", "Agence France-Presse"),
        ("the Economist", "The Economist"),
        ("al-Masirah TV", "Al-Masirah"),
        ("the New York Times", "The New York Times"),
    ]


# --- user-edited files ------------------------------------------------------------------------


def _write(path: Path, *rows: str) -> Path:
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_user_file_with_comments_and_extra_columns(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "mine.csv",
        "# my outlets",
        HEADER + ",notes",
        "",
        "Local Gazette,Gazette|LG,media,newspaper,us,b,our town paper",
        "# a comment between rows",
        "City Radio,,media,broadcaster,,,",
    )
    registry = load_registry(path)
    assert len(registry) == 2
    gazette = registry.lookup("the Gazette's")
    assert gazette is not None and (gazette.country, gazette.reliability) == ("US", "B")
    radio = registry.lookup("City Radio")
    assert radio is not None and radio.reliability == "F"
    assert registry.lookup("Reuters") is None


@pytest.mark.parametrize(
    ("rows", "line", "message"),
    [
        (["Paper,,media,newspaper,US,B"], 1, "missing column(s) name, aliases"),
        ([HEADER, "# note", "Paper,,media,newspaper,US,Z"], 3, "reliability 'Z' is not"),
        ([HEADER, "Paper,,outlet,newspaper,US,B"], 2, "type 'outlet' is not one of"),
        ([HEADER, "Paper,,media,newspaper,USA,B"], 2, "country 'USA' is not a 2-letter"),
        ([HEADER, "Paper,,media,newspaper,US"], 2, "5 cells, the header has 6"),
        ([HEADER, ",,media,newspaper,US,B"], 2, "empty name"),
        ([HEADER, "Paper,,media,News Paper,US,B"], 2, "kind 'News Paper'"),
        ([HEADER, "Paper,,media,newspaper,US,B", "Paper,,media,newspaper,GB,B"], 3, "already"),
        (
            [HEADER, "Daily Paper,DP,media,newspaper,US,B", "Other,dp,media,newspaper,GB,C"],
            3,
            "'dp' of 'Other' is already used by 'Daily Paper' (line 2)",
        ),
    ],
)
def test_broken_registry_names_file_and_line(
    tmp_path: Path, rows: list[str], line: int, message: str
) -> None:
    path = _write(tmp_path / "broken.csv", *rows)
    with pytest.raises(RegistryError) as info:
        load_registry(path)
    text = str(info.value)
    assert text.startswith(f"{path}:{line}: ")
    assert message in text
    assert "\n" not in text


def test_missing_and_non_utf8_registry_files(tmp_path: Path) -> None:
    with pytest.raises(RegistryError, match="No such file"):
        load_registry(tmp_path / "absent.csv")
    latin = tmp_path / "latin.csv"
    latin.write_bytes((HEADER + "\nCafé Times,,media,newspaper,FR,B\n").encode("latin-1"))
    with pytest.raises(RegistryError, match="not UTF-8"):
        load_registry(latin)


def test_env_override_and_edits_are_picked_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _write(tmp_path / "env.csv", HEADER, "First Post,,media,newspaper,GB,B")
    monkeypatch.setenv(REGISTRY_ENV, str(path))
    assert [e.name for e in load_registry()] == ["First Post"]
    _write(path, HEADER, "First Post,,media,newspaper,GB,B", "Second Wire,,media,wire,FR,C")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert [e.name for e in load_registry()] == ["First Post", "Second Wire"]
