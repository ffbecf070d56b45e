"""Export page: the CSV report (claims, automatic scores with every criterion, chains, latest
analyst ratings and rationales; spreadsheet-safe) and the full analyses as JSON."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from provenance.dashboard import core
from provenance.dashboard.render import md
from provenance.export import safe_csv_bytes
from provenance.workspace import ratings_frame


@st.cache_data(max_entries=4, show_spinner="Building the CSV…")
def _csv(
    url: str, revision: tuple[int, str], ratings: int, rubric_key: str, _frame: pd.DataFrame
) -> bytes:
    """The CSV bytes, cached by what they are built from (streamlit#7308)."""
    return safe_csv_bytes(_frame)


def page() -> None:
    st.title("Export")
    rubric = core.current_rubric()
    store = core.get_store()
    frame = core.export_frame(rubric)
    claims = frame.drop_duplicates(["article_id", "claim_id"])
    rated = frame["analyst"].notna()
    cols = st.columns(4)
    cols[0].metric("Articles", claims["article_id"].nunique())
    cols[1].metric("Claims", len(claims))
    cols[2].metric(
        "Rated claims", frame.loc[rated, ["article_id", "claim_id"]].drop_duplicates().shape[0]
    )
    cols[3].metric("Rows in the CSV", len(frame))
    st.markdown(
        f"**CSV report** under *{md(rubric.title)}*: one row per claim and analyst (claims nobody "
        "rated appear once), with the automatic grade and score, every criterion's points, "
        "value and evidence, the chain, and each analyst's latest rating and rationale. Cells "
        "that a spreadsheet would run as a formula start with a single quote."
    )
    key = core.workspace().scores_key(rubric)
    data = _csv(store.url, store.revision(), store.ratings_revision(), key, frame)
    st.download_button(
        "Download the CSV report",
        data=data,
        file_name=f"provenance-{rubric.id}.csv",
        mime="text/csv",
        type="primary",
        icon=":material/download:",
        on_click="ignore",
        key="download_csv",
    )
    st.markdown("**JSON**: the full analyses (articles, sources, edges, claims with chains).")
    st.download_button(
        "Download the analyses (JSON)",
        data=core.workspace().analyses_json,
        file_name="provenance.json",
        mime="application/json",
        icon=":material/data_object:",
        on_click="ignore",
        key="download_json",
    )
    st.markdown(
        "**Rating history**: every rating event, every rubric, with the claim's text as rated "
        "and its status (*current*, or *orphaned* when a later version of the article no "
        "longer has that text)."
    )
    st.download_button(
        "Download the rating history (CSV)",
        data=_history_csv,
        file_name="provenance-ratings-history.csv",
        mime="text/csv",
        icon=":material/history:",
        on_click="ignore",
        key="download_history",
    )
    st.subheader("Preview")
    st.dataframe(frame.head(50), hide_index=True)


def _history_csv() -> bytes:
    """Every rating event as spreadsheet-safe CSV (built when the button is clicked)."""
    return safe_csv_bytes(ratings_frame(core.get_store().history()))


if __name__ == "__main__":
    page()
