"""Rubrics page: read the rubrics, edit a copy with validation errors shown where you type,
preview how grades change on the stored articles, and save the copy to the rubrics folder."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from provenance.catalogue import RubricExists, copy_text, grade_changes, save_rubric
from provenance.dashboard import core
from provenance.dashboard.render import md
from provenance.errors import ProvenanceError, RubricError
from provenance.rubric import Rubric, rubrics_dir, validate_rubric_text

#: Claims previewed at most, so a preview stays quick on a large database.
PREVIEW_ARTICLES = 50


def preview(old: Rubric, new: Rubric) -> pd.DataFrame:
    """Claims of the first stored articles graded by both rubrics, those that change first."""
    store = core.get_store()
    ids = [s.id for s in store.summaries()[:PREVIEW_ARTICLES]]
    return grade_changes(store.analyses(ids), old, new)


def _editor(original: Rubric) -> None:
    st.subheader("Edit a copy")
    key = f"rubric_text|{original.id}"
    if key not in st.session_state:
        st.session_state[key] = copy_text(original)
    text = st.text_area("YAML of the copy (change the id to name it)", key=key, height=420)
    edited: Rubric | None = None
    try:
        edited = validate_rubric_text(text, origin="edited copy")
    except RubricError as err:
        st.error(md(str(err)), icon=":material/error:")
    else:
        st.success(f"Valid: {md(edited.title)} (id {md(edited.id)}, version {md(edited.version)})")
    check, save = st.columns(2)
    previewed = check.button("Preview the grades", type="primary", disabled=edited is None)
    saved = save.button("Save to the rubrics folder", disabled=edited is None)
    if edited is None:
        return
    if saved:
        _save(edited, text)
    if previewed:
        changes = preview(original, edited)
        changed = int(changes["changed"].sum()) if len(changes) else 0
        st.caption(
            f"{changed} of {len(changes)} claims change grade under the copy "
            f"(first {PREVIEW_ARTICLES} articles)."
        )
        st.dataframe(changes, hide_index=True)


def _save(rubric: Rubric, text: str) -> None:
    try:
        target = save_rubric(text)
    except RubricExists as err:
        st.error(
            f"A rubric named {md(rubric.id)} exists already ({md(err.origin or '')}): change "
            "the id in the copy to save it under a new name."
        )
        return
    except ProvenanceError as err:
        st.error(md(str(err)))
        return
    st.success(f"Saved {md(str(target))}; it is now in the rubric picker.")


def page() -> None:
    st.title("Rubrics")
    known = core.rubrics()
    if not known:
        st.error(f"No valid rubric in {md(rubrics_dir())}.")
        return
    rubric_id = st.selectbox(
        "Rubric", list(known), format_func=core.rubric_label, key="rubric_view"
    )
    rubric = known[rubric_id]
    st.caption(md(f"{rubric.id} · version {rubric.version} · {rubric.origin}"))
    if rubric.description:
        st.write(md(rubric.description))
    axes = ", ".join(f"{a.name}: {' '.join(a.values)}" for a in rubric.rating_axes())
    st.caption(md(f"Analysts rate on: {axes}"))
    with st.expander("YAML", expanded=False):
        st.code(rubric.text, language="yaml")
    _editor(rubric)


if __name__ == "__main__":
    page()
