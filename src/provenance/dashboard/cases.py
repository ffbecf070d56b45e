"""Cases page: collections of articles a team works on together (a story, an investigation),
with the review progress of each article's claims. Creating a case and filing or removing
articles are stored by button callbacks before the page says so; nothing is deleted (a
removal is an event, kept in the audit log)."""

from __future__ import annotations

import streamlit as st

from provenance.dashboard import core, signin
from provenance.dashboard.render import md
from provenance.review import case_table

FLASH = "cases_flash"


def _create() -> None:
    """Form callback: store the new case, then choose it."""
    state = st.session_state
    analyst = signin.analyst()
    try:
        if analyst is None:
            raise ValueError("sign in to create a case")
        made = core.get_store().create_collection(
            state.get("case_name", ""), analyst, state.get("case_description", "")
        )
    except ValueError as err:
        state[FLASH] = ("error", f"Not created: {err}.")
        return
    state["case_name"] = state["case_description"] = ""
    core.choose("case", made.name)
    state[FLASH] = ("success", f"Created the case {md(made.name)} (#{made.id}).")


def _file(name: str, key: str, remove: bool) -> None:
    """Button callback: add the chosen articles to the case (or take them out)."""
    state = st.session_state
    chosen = list(state.get(key, []))
    analyst = signin.analyst()
    if not chosen or analyst is None:
        return
    try:
        core.workspace().file_articles(name, chosen, analyst, remove=remove)
    except ValueError as err:
        state[FLASH] = ("error", f"Nothing changed: {err}.")
        return
    state[key] = []
    verb = "Removed" if remove else "Added"
    state[FLASH] = ("success", f"{verb} {len(chosen)} article(s) {'from' if remove else 'to'} "
                               f"{md(name)}.")  # fmt: skip


def _new_case_form() -> None:
    with st.form("new_case", clear_on_submit=False, border=True):
        st.subheader("New case")
        st.text_input("Name", key="case_name", max_chars=255)
        st.text_area("What it is about (optional)", key="case_description", height=90)
        st.form_submit_button("Create the case", type="primary", on_click=_create)


def _case(name: str) -> None:
    here = core.workspace()
    case = here.collection(name)
    titles = {s.id: s.title or s.id for s in here.store.summaries()}
    when = case.created_at.strftime("%Y-%m-%d %H:%M")
    count = len(case.article_ids)
    st.caption(md(f"Opened by {case.created_by} on {when} UTC · {count} article"
                  + ("" if count == 1 else "s")))  # fmt: skip
    if case.description:
        st.markdown(md(case.description))
    table = case_table(case, titles, core.claims_table(core.current_rubric()),
                       here.review_frame())  # fmt: skip
    if len(table):
        totals = table[["claims", "open", "verified", "false", "inconclusive"]].sum()
        cols = st.columns(5)
        for col, (label, value) in zip(cols, totals.items(), strict=True):
            col.metric(label.capitalize(), int(value),
                       help="Unstarted or in progress" if label == "open" else None)  # fmt: skip
        # Pixel widths: every column shows at 1440 px beside the new-case form.
        counts = {"open": 50, "verified": 65, "false": 50, "inconclusive": 90}
        st.dataframe(table, hide_index=True, key="case_articles", column_config={
            "article_id": st.column_config.TextColumn("Id", width=130),
            "title": st.column_config.TextColumn("Title", width=170),
            "claims": st.column_config.NumberColumn("Claims", width=55),
            **{k: st.column_config.NumberColumn(k.capitalize(), width=w)
               for k, w in counts.items()},
            "reviewed": st.column_config.ProgressColumn("Reviewed", min_value=0.0, width=85,
                                                        max_value=1.0, format="percent"),
        })  # fmt: skip
        core.link("claims", "Its claims on the Claims page", ":material/table_rows:", case=name)
    else:
        st.info("No article in this case yet: add some below.")
    add, remove = st.columns(2)
    others = [a for a in titles if a not in case.article_ids]
    add_key, remove_key = f"case_add|{case.id}", f"case_remove|{case.id}"
    add.multiselect("Add articles", others, key=add_key, format_func=lambda a: titles[a])
    add.button("Add to the case", on_click=_file, args=(name, add_key, False))
    remove.multiselect("Take articles out", list(case.article_ids), key=remove_key,
                       format_func=lambda a: titles.get(a, a))  # fmt: skip
    remove.button("Remove from the case", on_click=_file, args=(name, remove_key, True))


def page() -> None:
    st.title("Cases")
    if flash := st.session_state.pop(FLASH, None):
        (st.success if flash[0] == "success" else st.error)(flash[1])
    cases = core.get_store().collections()
    listed, creating = st.columns([3, 1], gap="large")
    with creating:
        _new_case_form()
    with listed:
        if not cases:
            st.info("No case yet: create one, then file articles in it.")
            return
        sizes = {c.name: len(c.article_ids) for c in cases}
        name = core.pick(
            "case",
            list(sizes),
            "Case",
            lambda n: f"{n} ({sizes[n]} article{'' if sizes[n] == 1 else 's'})",
        )
        _case(name)


if __name__ == "__main__":
    page()
