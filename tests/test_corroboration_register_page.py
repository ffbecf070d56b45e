"""The dashboard's Sources page (the source register) through AppTest: the real app, the real
spaCy model, a real SQLite file per test, the seed article stored on first start."""

from __future__ import annotations

import re

from test_dashboard import button, go, no_errors, start

from provenance.storage import Store

HOSTILE_NOTE = '<img src=x onerror=alert(1)> =cmd|"/c calc"!A1 $x$ **bold**'


def _row(at: object, name: str) -> dict[str, object]:
    frame = at.dataframe[0].value  # type: ignore[attr-defined]
    return dict(frame[frame["source"] == name].iloc[0])


def test_the_register_lists_the_seeds_sources_with_their_letters(db: str) -> None:
    at = go(start(), "register")
    no_errors(at)
    assert at.title[0].value == "Sources"
    harada = _row(at, "Takeo Harada")
    assert harada["letter"] == "C" and str(harada["why"]).startswith("named on the record")
    frame = at.dataframe[0].value
    assert not frame["anonymous"].any()  # named only, by default
    at.checkbox(key="register_named").uncheck().run()
    frame = at.dataframe[0].value
    assert (frame.loc[frame["anonymous"], "letter"] == "F").all() and frame["anonymous"].any()


def test_an_analysts_letter_is_saved_kept_and_read(db: str) -> None:
    at = go(start(), "register")
    at.text_input(key="register_find").input("Harada").run()
    assert at.selectbox(key="register_source").value == 0
    at.radio[0].set_value("B")
    at.text_area[0].input(HOSTILE_NOTE)
    button(at, "Save the letter").click().run()
    no_errors(at)
    assert at.success and "rated Takeo Harada B" in at.success[0].value
    letters = Store(db).source_letters()
    assert [(s.source, s.letter, s.note) for s in letters] == [("Takeo Harada", "B", HOSTILE_NOTE)]
    harada = _row(at, "Takeo Harada")
    assert harada["letter"] == "B" and harada["analysts' letters"] == 1
    assert HOSTILE_NOTE in str(harada["why"])  # shown as data in the table, never as markup
    details = next(m.value for m in at.markdown if "Takeo Harada" in m.value)
    assert "\\<img" in details and not re.search(r"(?<!\\)<img|(?<!\\)\*\*bold", details)


def _harada_grades(at: object) -> dict[str, str]:
    """Grade by claim of the seed's claims whose chain names Harada (the Claims page's filter)."""
    at.text_input(key="f_source").input("Harada").run()  # type: ignore[attr-defined]
    table = at.dataframe[0].value  # type: ignore[attr-defined]
    return {f"{row.claim_id} {row.chain}": row.grade for row in table.itertuples()}


def test_a_letter_saved_on_the_page_changes_the_claims_grades(db: str) -> None:
    before = _harada_grades(go(start(), "claims"))
    alone = {k for k in before if k.split(" ", 1)[1] == "Takeo Harada → Shukan Bunshun"}
    assert alone and {before[k] for k in alone} == {"C2"}
    at = go(start(), "register")
    at.text_input(key="register_find").input("Harada").run()
    at.radio[0].set_value("E")
    button(at, "Save the letter").click().run()
    no_errors(at)
    after = _harada_grades(go(at, "claims"))
    no_errors(at)
    assert {after[k] for k in alone} == {"E2"}
    # E (unreliable) is below F (cannot be judged): every chain through Harada now reads E,
    # and the credibility digit stays
    assert after.keys() == before.keys()
    assert all(after[k] == "E" + before[k][1:] for k in before)
