"""Claims page: every claim across articles, filtered, sorted and shown a page at a time, so
ten thousand claims stay quick (only the visible page is sent to the browser)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import pandas as pd
import streamlit as st

from provenance.agreement import rated
from provenance.dashboard import core, render, signin
from provenance.dashboard.agreement import side_by_side
from provenance.dashboard.render import md
from provenance.review import STATUS_LABELS, STATUSES
from provenance.rubric import Rubric

PAGE_SIZE = 50
ANONYMITY = {
    "any": "Any sourcing",
    "anonymous": "Some source anonymous",
    "named": "Sources all named",
    "none": "No source (the article's voice)",
}
RATED = {"all": "Rated or not", "rated": "Rated", "unrated": "Not rated"}
DISAGREE = {
    "all": "Agreement or not",
    "any": "Any disagreement",
    "analysts": "Analysts disagree",
    "automatic": "Differs from automatic",
}
#: In this order at 1440 px the claim, its grade, text and chain show without scrolling; the
#: review columns and the (long) article id follow.
SHOWN = [
    "claim_id",
    "grade",
    "percent",
    "text",
    "chain",
    "corrected_by",
    "kind",
    "hops",
    "anonymous_hops",
    "needs_review",
    "rated_by",
    "analyst_grades",
    "disagreement",
    "status",
    "assignee",
    "comments",
    "article_id",
]
SORTABLE = {
    "percent": "Points (share)",
    "grade": "Grade",
    "hops": "Hops",
    "anonymous_hops": "Anonymous hops",
    "article_id": "Article",
    "kind": "Kind",
    "ratings": "Ratings",
    "spread": "Disagreement (steps)",
}


@dataclass(frozen=True)
class Filters:
    """What the analyst asked for; applied by :func:`apply`."""

    grades: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    anonymity: str = "any"
    hops: tuple[int, int] = (0, 99)
    source: str = ""
    text: str = ""
    rated: str = "all"
    disagreement: str = "all"
    statuses: tuple[str, ...] = ()
    assignee: str | None = None
    articles: tuple[str, ...] | None = None
    sort: str = "percent"
    descending: bool = False


def apply(frame: pd.DataFrame, f: Filters) -> pd.DataFrame:
    """The rows of ``frame`` that pass the filters, sorted (stable, so ties keep text order)."""
    keep = pd.Series(True, index=frame.index)
    if f.grades:
        keep &= frame["grade"].isin(f.grades)
    if f.kinds:
        keep &= frame["kind"].isin(f.kinds)
    if f.anonymity == "anonymous":
        keep &= frame["anonymous_hops"] > 0
    elif f.anonymity == "named":
        keep &= (frame["hops"] > 0) & (frame["anonymous_hops"] == 0)
    elif f.anonymity == "none":
        keep &= frame["hops"] == 0
    keep &= frame["hops"].between(*f.hops)
    if f.source.strip():
        keep &= frame["chain"].str.contains(f.source.strip(), case=False, regex=False)
    if f.text.strip():
        keep &= frame["text"].str.contains(f.text.strip(), case=False, regex=False)
    if f.rated == "rated":
        keep &= frame["ratings"] > 0
    elif f.rated == "unrated":
        keep &= frame["ratings"] == 0
    if f.disagreement == "analysts":
        keep &= frame["analysts_differ"]
    elif f.disagreement == "automatic":
        keep &= frame["differs_from_automatic"]
    elif f.disagreement == "any":
        keep &= frame["analysts_differ"] | frame["differs_from_automatic"]
    if f.statuses:
        keep &= frame["status"].isin(f.statuses)
    if f.assignee is not None:
        keep &= frame["assignee"] == f.assignee
    if f.articles is not None:
        keep &= frame["article_id"].isin(f.articles)
    return frame[keep].sort_values(f.sort, ascending=not f.descending, kind="stable")


def _case_to_url() -> None:
    """The case filter lives in the URL (links from the Cases page, reloads)."""
    if case := st.session_state["f_case"]:
        st.query_params["case"] = case
    else:
        st.query_params.pop("case", None)


def _filters(frame: pd.DataFrame) -> Filters:
    top = int(frame["hops"].max()) if len(frame) else 0
    row1 = st.columns([2, 2, 2, 2, 2])
    grades = row1[0].multiselect("Grade", sorted(frame["grade"].dropna().unique()), key="f_grade")
    kinds = row1[1].multiselect("Kind", sorted(frame["kind"].dropna().unique()), key="f_kind")
    anonymity = row1[2].selectbox(
        "Sourcing", list(ANONYMITY), format_func=ANONYMITY.__getitem__, key="f_anon"
    )
    rated = row1[3].selectbox("Rated", list(RATED), format_func=RATED.__getitem__, key="f_rated")
    disagreement = row1[4].selectbox(
        "Disagreement", list(DISAGREE), format_func=DISAGREE.__getitem__, key="f_disagree"
    )
    row3 = st.columns([4, 2, 4])
    statuses = row3[0].multiselect(
        "Review status", STATUSES, format_func=STATUS_LABELS.__getitem__, key="f_status"
    )
    mine = row3[1].toggle("My queue", key="f_mine", help="Claims assigned to me")
    cases = {c.name: c.article_ids for c in core.get_store().collections()}
    st.session_state["f_case"] = st.query_params.get("case", "") if st.query_params.get(
        "case") in cases else ""  # fmt: skip
    case = row3[2].selectbox("Case", ["", *cases], key="f_case", on_change=_case_to_url,
                             format_func=lambda n: n or "All articles")  # fmt: skip
    row2 = st.columns([2, 2, 2, 1, 1])
    source = row2[0].text_input("Source in the chain", key="f_source")
    text = row2[1].text_input("Words in the claim", key="f_text")
    hops = row2[2].slider("Hops", 0, max(top, 1), (0, max(top, 1)), key="f_hops")
    sort = row2[3].selectbox(
        "Sort by", list(SORTABLE), format_func=SORTABLE.__getitem__, key="f_sort"
    )
    descending = row2[4].toggle("Descending", key="f_desc")
    return Filters(
        grades=tuple(grades),
        kinds=tuple(kinds),
        anonymity=anonymity or "any",
        hops=(int(hops[0]), int(hops[1])),
        source=source,
        text=text,
        rated=rated or "all",
        disagreement=disagreement or "all",
        statuses=tuple(statuses),
        assignee=signin.analyst() if mine else None,
        articles=cases[case] if case else None,
        sort=sort or "percent",
        descending=descending,
    )


def flag(row: pd.Series) -> str:
    """Who disagrees on a claim, in words (empty when nobody does)."""
    said = ["analysts differ"] if row["analysts_differ"] else []
    if row["differs_from_automatic"]:
        said.append("≠ automatic")
    return " · ".join(said)


def rationales(row: pd.Series, rubric: Rubric) -> None:
    """The analysts' ratings of the selected claim, values and rationales side by side."""
    latest = rated(core.latest_ratings(), rubric)
    group = latest[
        (latest["article_id"] == row["article_id"]) & (latest["claim_id"] == row["claim_id"])
    ]
    if group.empty:
        return
    st.markdown(f"**Ratings** (automatic: {md(str(row['grade']))})")
    side_by_side(group, rubric)


def table(visible: pd.DataFrame, rubric: Rubric) -> Any:
    """One page of claims as a selectable table; the selection event."""
    score_title, score_help = render.score_column(rubric)
    text = st.column_config.TextColumn
    return st.dataframe(
        visible[SHOWN],
        hide_index=True,
        on_select="rerun",
        selection_mode="single-row",
        key="claims_table",
        column_config={
            "article_id": text("Article", width=160),
            "claim_id": text("Claim", width=58),
            "grade": text("Grade", width=58),
            "percent": st.column_config.NumberColumn(score_title, help=score_help, format="%.0f",
                                                     width=70),
            "text": text("Claim text", width=330),
            "chain": text("Chain (origin → reporter)", width=250),
            "corrected_by": text("Corrected by", width=100, help="Analysts who corrected the "
                                 "chain, a source of it, or made the claim (the chain shown is "
                                 "theirs)"),
            "kind": text("Kind", width=95),
            "hops": st.column_config.NumberColumn("Hops", width=50),
            "anonymous_hops": st.column_config.NumberColumn("Anonymous", width=85,
                                                            help="Anonymous hops in the chain"),
            "needs_review": st.column_config.CheckboxColumn("Review", width=60),
            "rated_by": text("Rated by", width=110),
            "analyst_grades": text("Analyst grades", width=110),
            "status": text("Status", width=95),
            "assignee": text("Assigned to", width=100),
            "comments": st.column_config.NumberColumn("Comments", width=80),
            "disagreement": text(
                "Disagreement", width=150,
                help="Analysts give different values, or depart from the automatic grade",
            ),
        },
    )  # fmt: skip


def selected(row: pd.Series, rubric: Rubric) -> None:
    """Links to open the selected claim in its article or rate it, and its ratings."""
    where = {"article": str(row["article_id"]), "claim": str(row["claim_id"])}
    left, right = st.columns(2)
    with left:
        core.link("article", "Show in the article", ":material/article:", **where)
    with right:
        core.link("rate", "Rate this claim", ":material/rate_review:", **where)
    rationales(row, rubric)


def page() -> None:
    st.title("Claims")
    rubric = core.current_rubric()
    frame = core.claims_table(rubric)
    if frame.empty:
        st.info("No claims yet: add an article on the Articles page.")
        return
    filters = _filters(frame)
    shown = apply(frame, filters)
    pages = max(1, math.ceil(len(shown) / PAGE_SIZE))
    st.caption(f"{len(shown):,} of {len(frame):,} claims match · {rubric.title}")
    # Keyed by the filters and the page count: new filters start again at page one.
    number = st.pagination(pages, key=f"claims_page|{hash((filters, pages))}", max_visible_pages=9)
    start = (number - 1) * PAGE_SIZE
    visible = shown.iloc[start : start + PAGE_SIZE]
    visible = visible.assign(disagreement=visible.apply(flag, axis=1) if len(visible) else "")
    event = table(visible, rubric)
    st.caption(f"Page {number} of {pages} · {PAGE_SIZE} claims a page")
    rows = event.selection.rows if event else []
    if rows:
        selected(visible.iloc[rows[0]], rubric)
    else:
        st.caption("Select a row to open the claim in its article or to rate it.")


if __name__ == "__main__":
    page()
