"""Export page: the CSV report (claims, automatic scores with every criterion, chains, latest
analyst ratings and rationales; spreadsheet-safe), the full analyses as JSON, the rating
history, the audit log (CSV) and the ratings as ClaimReview (JSON-LD); with history on request
(every rating event in the CSV, each article's and claim's steps in the JSON and ClaimReview).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from provenance.claimreview import stored_reviews, to_jsonld
from provenance.dashboard import core
from provenance.dashboard.render import md
from provenance.export import safe_csv_bytes


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
    history = st.toggle("With history", key="export_history", help="The CSV report has every "
                        "rating event, not only each analyst's latest; the JSON and ClaimReview "
                        "carry everything done to each article and claim (ratings, status, "
                        "assignment, comments, corrections).")  # fmt: skip
    frame = core.export_frame(rubric, history=history)
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
    data = _csv(store.url, store.revision(), store.ratings_revision(), f"{key}|{history}", frame)
    st.download_button(
        "Download the CSV report",
        data=data,
        file_name=f"provenance-{rubric.id}{'-history' if history else ''}.csv",
        mime="text/csv",
        type="primary",
        icon=":material/download:",
        on_click="ignore",
        key="download_csv",
    )
    st.markdown("**JSON**: the full analyses (articles, sources, edges, claims with chains).")
    _download(st, "Download the analyses (JSON)", partial(_analyses, history),
              "provenance.json", ":material/data_object:")  # fmt: skip
    st.markdown(
        "**Rating history**: every rating event, every rubric, with the claim's text as rated "
        "and its status (*current*, or *orphaned* when a later version of the article no "
        "longer has that text)."
    )
    _download(st, "Download the rating history (CSV)", _history_csv,
              "provenance-ratings-history.csv", ":material/history:")  # fmt: skip
    st.markdown(
        "**Review**: the audit log (every rating, status, assignment, comment, collection "
        "change and correction: who, what, when in UTC) as spreadsheet-safe CSV, and the "
        f"analysts' latest ratings under *{md(rubric.title)}* as schema.org **ClaimReview** "
        "(JSON-LD), the format fact-checkers publish."
    )
    left, right = st.columns(2)
    _download(left, "Download the audit log (CSV)", _audit_csv, "provenance-audit.csv",
              ":material/policy:")  # fmt: skip
    # Deferred data runs in another thread, without the session: the rubric is bound here.
    _download(right, "Download ClaimReview (JSON-LD)", partial(_claimreview, rubric.id, history),
              f"provenance-claimreview-{rubric.id}.jsonld", ":material/fact_check:")  # fmt: skip
    st.subheader("Preview")
    st.dataframe(frame.head(50), hide_index=True)


MIME = {".csv": "text/csv", ".json": "application/json", ".jsonld": "application/ld+json"}


def _download(where: Any, label: str, data: Callable[[], bytes], file_name: str, icon: str) -> None:
    """A download built when clicked (not on every run); its key is the file's kind."""
    suffix = Path(file_name).suffix
    where.download_button(label, data=data, file_name=file_name, mime=MIME[suffix], icon=icon,
                          on_click="ignore", key=f"download_{file_name}")  # fmt: skip


def _audit_csv() -> bytes:
    """The audit log as spreadsheet-safe CSV (built when the button is clicked)."""
    return safe_csv_bytes(core.workspace().audit_frame())


def _claimreview(rubric_id: str, history: bool = False) -> bytes:
    """ClaimReview JSON-LD of the ratings under one rubric (built when clicked)."""
    return to_jsonld(stored_reviews(core.workspace(), [rubric_id], history=history)).encode()


def _analyses(history: bool = False) -> bytes:
    """The current views as JSON, with each article's history on request (built when
    clicked)."""
    return core.workspace().analyses_json(history=history)


def _history_csv() -> bytes:
    """Every rating event as spreadsheet-safe CSV (built when the button is clicked)."""
    return safe_csv_bytes(core.workspace().ratings_table(history=True))


if __name__ == "__main__":
    page()
