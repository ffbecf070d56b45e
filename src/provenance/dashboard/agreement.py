"""Agreement page: Krippendorff's alpha per rating criterion of the rubric in use, and the
claims where analysts disagree with each other or with the automatic grade, their values and
rationales side by side."""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st

from provenance.agreement import ITEM, Level, agreement, disagreements, rated
from provenance.dashboard import core, render
from provenance.dashboard.render import md
from provenance.rubric import Rubric

SHOW = {
    "any": "Any disagreement",
    "analysts": "Between analysts",
    "automatic": "With the automatic grade",
    "all": "Every rated claim",
}


def rated_now(rubric: Rubric) -> pd.DataFrame:
    """The latest ratings under ``rubric`` of claims in the current articles, one column per
    rating axis (ratings left on a claim that is no longer there are not compared)."""
    return rated(core.latest_ratings(), rubric)


def automatic(rubric: Rubric) -> pd.DataFrame:
    """The automatic grade of every claim on the rubric's rating axes."""
    scored = core.scored_frame(rubric)
    axes = [a.name for a in rubric.rating_axes()]
    return scored[[*ITEM, *axes]]


def _alpha_text(value: float) -> str:
    return "undefined" if math.isnan(value) else f"{value:.3f}"


def show_alpha(ratings: pd.DataFrame, rubric: Rubric) -> None:
    nominal = st.toggle("Nominal (unordered values)", key="alpha_nominal")
    level: Level = "nominal" if nominal else "ordinal"
    table = agreement(ratings, rubric, level=level)
    cols = st.columns(len(table) + 1)
    for col, row in zip(cols, table.itertuples(), strict=False):
        col.metric(
            f"α {row.criterion} ({row.level})",
            _alpha_text(float(row.alpha)),
            help=f"{row.items} claims rated by two analysts or more; {row.analysts} analysts; "
            f"{row.ratings} ratings",
        )
    cols[-1].metric("Claims compared", int(table["items"].max()) if len(table) else 0)
    st.caption(
        "Krippendorff's alpha: 1 is perfect agreement, 0 what chance would give; 0.8 is the "
        "usual bar for relying on a scale, 0.667 for tentative conclusions. Undefined when "
        "no claim has two ratings or every value is the same."
    )


def side_by_side(group: pd.DataFrame, rubric: Rubric) -> None:
    """Each analyst's values and rationale of one claim in a column of its own."""
    axes = [a.name for a in rubric.rating_axes()]
    cols = st.columns(max(1, len(group)))
    for col, row in zip(cols, group.to_dict("records"), strict=False):
        with col, st.container(border=True):
            values = " ".join(str(row[a]) for a in axes if a in row and pd.notna(row[a]))
            st.markdown(f"**{md(row['analyst'])}**: {md(row['analyst_grade'] or values)}")
            st.caption(
                md(f"{values} · {'agrees' if row['agree'] else 'overrides'} · {row['rated_at']}")
            )
            st.html(
                f'<div style="white-space:pre-wrap">{render.esc(row["rationale"] or "—")}</div>'
            )


def page() -> None:
    st.title("Agreement")
    rubric = core.current_rubric()
    ratings = rated_now(rubric)
    st.caption(md(f"{rubric.title}: latest rating of each analyst per claim"))
    if ratings.empty:
        st.info("No ratings under this rubric yet: rate claims on the Rate page.")
        return
    show_alpha(ratings, rubric)
    st.subheader("Disagreements")
    flags = disagreements(ratings, rubric, automatic(rubric))
    show = st.segmented_control(
        "Show", list(SHOW), default="any", format_func=SHOW.__getitem__, key="disagree_show"
    )
    keep = {
        "analysts": flags["between_analysts"],
        "automatic": flags["with_automatic"],
        "any": flags["between_analysts"] | flags["with_automatic"],
    }.get(show or "any", pd.Series(True, index=flags.index))
    shown = flags[keep].sort_values(["spread", "analysts"], ascending=False, kind="stable")
    texts = core.scored_frame(rubric).set_index(ITEM)["text"]
    shown = shown.assign(text=[texts.get(tuple(k), "") for k in shown[ITEM].to_numpy()])
    st.caption(f"{len(shown)} of {len(flags)} rated claims")
    event = st.dataframe(
        shown[[*ITEM, "values", "spread", "between_analysts", "with_automatic", "text"]],
        hide_index=True,
        on_select="rerun",
        selection_mode="single-row",
        key="disagreements",
        column_config={
            "article_id": st.column_config.TextColumn("Article"),
            "claim_id": st.column_config.TextColumn("Claim"),
            "values": st.column_config.TextColumn("Analysts' values", width="medium"),
            "spread": st.column_config.NumberColumn("Spread", help="Steps between values"),
            "between_analysts": st.column_config.CheckboxColumn("Analysts differ"),
            "with_automatic": st.column_config.CheckboxColumn("Differs from automatic"),
            "text": st.column_config.TextColumn("Claim text", width="large"),
        },
    )
    rows = event.selection.rows if event else []
    if not rows:
        st.caption("Select a claim to read the analysts' rationales side by side.")
        return
    article_id, claim_id = (str(v) for v in shown.iloc[rows[0]][ITEM])
    st.html(
        '<blockquote style="border-left:4px solid #999;margin:0;padding:0.4em 1em">'
        f"{render.esc(shown.iloc[rows[0]]['text'])}</blockquote>"
    )
    group = ratings[(ratings["article_id"] == article_id) & (ratings["claim_id"] == claim_id)]
    side_by_side(group, rubric)
    core.link(
        "rate", "Rate this claim", ":material/rate_review:", article=article_id, claim=claim_id
    )


if __name__ == "__main__":
    page()
