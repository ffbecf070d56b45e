"""Sources page: the source register. Every source of the stored articles, the reliability letter
the Admiralty rubric gives it and why (an analyst's letter, the registry, a role read in some
article, a track record of independent confirmations), and a form to give a source a letter;
earlier letters stay in its history."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from provenance.dashboard import core, signin
from provenance.dashboard.render import md
from provenance.models import RegisterEntry

LETTERS = ("A", "B", "C", "D", "E", "F")
MEANINGS = {
    "A": "completely reliable", "B": "usually reliable", "C": "fairly reliable",
    "D": "not usually reliable", "E": "unreliable", "F": "reliability cannot be judged",
}  # fmt: skip


@st.cache_data(max_entries=4, show_spinner="Building the source register…")
def _register(url: str, revision: tuple[int, str], letters: int) -> list[RegisterEntry]:
    """The register, rebuilt when an article or a letter is added (cache key)."""
    return core._open_workspace(url).source_register()


#: At 1440 px the letter, the source, its type and why it has its letter show first.
REGISTER_ORDER = ["letter", "source", "type", "why", "anonymous", "articles", "claims",
                  "confirmed", "echoed", "contradicted", "analysts' letters"]  # fmt: skip
REGISTER_COLUMNS: dict[str, Any] = {
    "letter": st.column_config.TextColumn("Letter", width=55),
    "source": st.column_config.TextColumn("Source", width=170),
    "type": st.column_config.TextColumn("Type", width=95),
    "why": st.column_config.TextColumn("Why this letter", width=300),
    "anonymous": st.column_config.CheckboxColumn("Anonymous", width=85),
    **{name: st.column_config.NumberColumn(name.capitalize(), width=75)
       for name in ("articles", "claims", "confirmed", "echoed", "contradicted")},
    "analysts' letters": st.column_config.NumberColumn("Analysts' letters", width=110),
}  # fmt: skip


def _table(entries: list[RegisterEntry]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "letter": e.letter, "source": e.name, "type": e.type,
                "anonymous": e.anonymous, "articles": len(e.articles),
                "claims": e.track.claims, "confirmed": e.track.confirmed,
                "echoed": e.track.echoed, "contradicted": e.track.contradicted,
                "analysts' letters": len(e.history), "why": e.reason,
            }
            for e in entries
        ]
    )  # fmt: skip


def _details(entry: RegisterEntry) -> None:
    st.markdown(
        f"**{md(entry.name)}**: **{entry.letter}** ({MEANINGS.get(entry.letter, '')}), "
        f"{md(entry.reason)}"
    )
    track = entry.track
    facts = {
        "Spellings": "; ".join(entry.aliases) or "-",
        "Roles": "; ".join(entry.roles) or "-",
        "Articles": ", ".join(entry.articles) or "-",
        "Registry": f"{entry.registry} ({entry.registry_letter})" if entry.registry else "-",
        "Track record": f"{track.claims} claims it originates: {track.confirmed} confirmed by "
        f"independent lines (in {track.confirmed_in} articles), {track.echoed} only echoed, "
        f"{track.contradicted} contradicted",
    }
    st.dataframe(pd.DataFrame({"": list(facts), "value": list(facts.values())}), hide_index=True)
    if entry.history:
        st.markdown("**Analysts' letters**, oldest first")
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        "when": s.at.strftime("%Y-%m-%d %H:%M"),
                        "analyst": s.analyst,
                        "letter": s.letter,
                        "note": s.note,
                        "as written": s.source,
                    }
                    for s in entry.history
                ]
            ),
            hide_index=True,
        )


def _rate(entry: RegisterEntry) -> None:
    analyst = signin.analyst()
    if entry.anonymous or analyst is None:
        st.caption("An anonymous source cannot be told from another: it keeps F.")
        return
    with st.form("rate_source", clear_on_submit=True):
        st.markdown(f"**Your letter for {md(entry.name)}** (as {md(analyst)})")
        letter = st.radio(
            "Reliability", LETTERS, index=LETTERS.index(entry.letter), horizontal=True,
            format_func=lambda x: f"{x}: {MEANINGS[x]}",
        )  # fmt: skip
        note = st.text_area("Why (the track record you know)", max_chars=2000)
        if st.form_submit_button("Save the letter", type="primary"):
            try:
                said = core.workspace().rate_source(entry.name, letter, analyst, note)
            except ValueError as err:
                st.error(str(err))
                return
            st.session_state["register_flash"] = f"{said.analyst} rated {said.source} {said.letter}"
            st.rerun()


def page() -> None:
    st.title("Sources")
    st.caption(
        "Every source of the stored articles, one entry however it is spelled. The letter is the "
        "one the Admiralty rubric reads: the newest analyst's letter, else the registry's, else "
        "B for claims confirmed by independent lines in two articles or more and none "
        "contradicted, C for a named source with a role, F when nothing is known."
    )
    if flash := st.session_state.pop("register_flash", None):
        st.success(md(flash))
    store = core.get_store()
    entries = _register(store.url, store.revision(), len(store.source_letters()))
    cols = st.columns(4)
    cols[0].metric("Sources", len(entries))
    cols[1].metric("Named", sum(not e.anonymous for e in entries))
    cols[2].metric("Rated by analysts", sum(bool(e.history) for e in entries))
    cols[3].metric("Cannot be judged (F)", sum(e.letter == "F" for e in entries))
    left, middle, right = st.columns([2, 2, 1])
    wanted = left.text_input("Find a source", key="register_find").strip().casefold()
    letters = middle.multiselect("Letters", LETTERS, default=list(LETTERS), key="register_letters")
    named = right.checkbox("Named only", value=True, key="register_named")
    shown = [
        e for e in entries
        if e.letter in letters and not (named and e.anonymous)
        and (not wanted or any(wanted in a.casefold() for a in (e.name, *e.aliases)))
    ]  # fmt: skip
    st.dataframe(_table(shown), hide_index=True, column_order=REGISTER_ORDER,
                 column_config=REGISTER_COLUMNS)  # fmt: skip
    if not shown:
        st.info("No source matches.")
        return
    choice = st.selectbox(
        "Source", range(len(shown)), format_func=lambda i: f"{shown[i].name} ({shown[i].letter})",
        key="register_source",
    )  # fmt: skip
    entry = shown[choice or 0]
    _details(entry)
    _rate(entry)


if __name__ == "__main__":
    page()
