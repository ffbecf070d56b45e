"""Article page: the text with claims marked by grade and sources underlined; the chosen
claim's chain as a graph, its score breakdown and its ratings; the article's source graph.
What is shown is the analysts' corrected view (the engine's chain named beside a corrected
one, with who corrected it); the engine's output is kept as it was."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from provenance.dashboard import core, render, settings
from provenance.dashboard.render import md
from provenance.models import Analysis, Claim, ClaimScore
from provenance.rubric import Rubric
from provenance.tables import ratings_frame


def claim_label(number: int, claim: Claim, result: ClaimScore | None) -> str:
    """How a claim is named in pickers: number, grade, kind and the start of its text."""
    grade = f" · {result.grade}" if result else ""
    text = " ".join(claim.text.split())
    return f"{number}{grade} · {claim.kind} · {text[:90]}{'…' if len(text) > 90 else ''}"


def show_score(result: ClaimScore, rubric: Rubric) -> None:
    """The grade as the rubric reports it (each axis of a two-axis code; points only where the
    rubric grades on them), its notes and review flag, and every criterion explained."""
    st.html(render.grade_summary(result, rubric))
    for note in result.notes:
        st.warning(md(note))
    st.html(render.criteria_table(result))


def show_chain(claim: Claim, min_confidence: float, engine: Claim | None = None,
               by: Sequence[str] = ()) -> None:  # fmt: skip
    """The chain as words and as a graph, less the learned hops below the sidebar's setting;
    when analysts corrected it, who did and what the engine had found."""
    hops = render.shown_hops(claim, min_confidence)
    words = " → ".join(hop.name for hop in hops) or "the article's own voice: no source named"
    st.caption(md(words))
    if hidden := len(claim.chain) - len(hops):
        st.caption(
            f"{hidden} learned hop{'s' if hidden > 1 else ''} below {min_confidence:.0%} "
            "hidden (the score counts every hop)."
        )
    st.graphviz_chart(render.chain_dot(claim, min_confidence=min_confidence))
    if by:
        st.caption(md(corrected_note(claim, engine, by)))


def corrected_note(claim: Claim, engine: Claim | None, by: Sequence[str]) -> str:
    """Who corrected a claim and what the engine had (the grade is the corrected view's)."""
    if engine is None:
        return f"Claim made by an analyst ({', '.join(by)}); the engine did not find it."
    had = engine.rendered_chain or "no source"
    if engine.chain == claim.chain:
        return f"Corrected by {', '.join(by)} (a source of its chain); the engine's chain: {had}"
    return f"Chain as corrected by {', '.join(by)}; the engine's: {had}"


def show_ratings(article_id: str, claim_id: str) -> None:
    """The latest rating of each analyst under each rubric, and every rating ever made, of one
    claim (wherever its text was rated, in this version or an earlier one)."""
    store = core.get_store()
    key = core.workspace().claim_key(article_id, claim_id)
    latest = store.latest_ratings(article_id, key)
    if not latest:
        st.caption("Not rated yet.")
        return
    columns = [
        "analyst",
        "analyst_grade",
        "analyst_values",
        "agree",
        "rationale",
        "tags",
        "rated_at",
        "rubric_id",
    ]
    st.dataframe(ratings_frame(latest)[columns], hide_index=True)
    with st.expander("History of ratings"):
        st.dataframe(ratings_frame(store.history(article_id, key))[columns], hide_index=True)


def show_header(analysis: Analysis) -> None:
    """The article's title and what is known of it."""
    article = analysis.article
    st.header(md(article.title or article.id))
    meta = [
        f"{k}: {v}"
        for k in ("publisher", "author", "published", "url", "origin")
        if (v := getattr(article, k))
    ]
    st.caption(md(" · ".join([f"id {article.id}", *meta])))


def show_claim(view: View, claim_id: str, rubric: Rubric) -> None:
    """The picked claim: its chain (corrected, with the engine's beside it), its score, its
    ratings and a link to rate it."""
    claim = view.claims[claim_id]
    st.subheader("Chain of attribution")
    show_chain(claim, settings.min_confidence(), view.engine.get(claim_id),
               view.by.get(claim_id, []))  # fmt: skip
    show_score(view.results[claim_id], rubric)
    st.subheader("Ratings")
    show_ratings(view.analysis.article.id, claim_id)
    core.link("rate", "Rate this claim", ":material/rate_review:",
              article=view.analysis.article.id, claim=claim_id)  # fmt: skip


def show_sources(analysis: Analysis, selected: Claim | None) -> None:
    """The article's source graph (the selected claim's chain drawn through it) and table."""
    st.subheader("Source graph: who passed what to whom")
    chain_sources = [hop.source_id for hop in selected.chain] if selected else []
    graph_col, table_col = st.columns([3, 2], gap="large")
    with graph_col:
        if analysis.sources:
            st.graphviz_chart(render.source_graph_dot(analysis, chain_sources))
        else:
            st.caption("No sources were found.")
    columns = ["source", "type", "anonymous", "role", "mentions", "why anonymous"]
    rows = [[s.name, s.type, s.anonymous, s.role or "", len(s.mentions),
             s.anonymity_reason or ""] for s in analysis.sources]  # fmt: skip
    table_col.dataframe(pd.DataFrame(rows, columns=columns), hide_index=True)


@dataclass(frozen=True)
class View:
    """An article as the page shows it: the analysts' corrected view, its scores, the engine's
    claims (to show what a correction changed) and who corrected each claim."""

    analysis: Analysis
    claims: dict[str, Claim]
    results: dict[str, ClaimScore]
    engine: dict[str, Claim]
    by: dict[str, list[str]]

    @classmethod
    def of(cls, article_id: str, rubric: Rubric) -> View | None:
        here = core.workspace()
        analysis, engine = here.corrected_analysis(article_id), here.store.analysis(article_id)
        if analysis is None or engine is None:
            return None
        return cls(analysis, {c.id: c for c in analysis.claims},
                   {r.claim_id: r for r in here.scores(analysis, rubric)},
                   {c.id: c for c in engine.claims}, here.corrected_claims(article_id))  # fmt: skip


def show_article(view: View, rubric: Rubric) -> None:
    """The article as the analysts corrected it: the text with its claims, the picked claim,
    the sources."""
    analysis, results = view.analysis, view.results
    numbers = {c.id: n for n, c in enumerate(analysis.claims, start=1)}
    show_header(analysis)
    text_col, side_col = st.columns([3, 2], gap="large")
    selected: Claim | None = None
    with side_col:
        if view.claims:
            claim_id = core.pick("claim", list(view.claims), "Claim", lambda i: claim_label(
                numbers[i], view.claims[i], results.get(i)))  # fmt: skip
            selected = view.claims[claim_id]
            show_claim(view, claim_id, rubric)
        else:
            st.info("No claims were found in this article.")
    with text_col:
        st.html(render.legend())
        st.html(render.highlight(
            analysis, grades={i: r.grade for i, r in results.items()},
            badness={i: core.badness(r, rubric) for i, r in results.items()},
            selected=selected.id if selected else None,
        ))  # fmt: skip
    show_sources(analysis, selected)


def show_versions_and_orphans(article_id: str) -> None:
    """The article's stored versions, and the ratings whose claim text the current version no
    longer has (kept, with the text they were made on)."""
    store = core.get_store()
    versions = store.versions(article_id)
    orphans = [r for r in store.latest_ratings(article_id) if r.status == "orphaned"]
    if len(versions) > 1:
        with st.expander(f"Versions ({len(versions)}; the current one is shown)"):
            st.dataframe(
                pd.DataFrame(
                    [{"version": v.version, "current": v.current, "claims": v.claims,
                      "added": v.added_at.isoformat(timespec="seconds"),
                      "engine": v.engine_version, "model": v.model} for v in versions]
                ),
                hide_index=True,
            )  # fmt: skip
    if orphans:
        with st.expander(f"Orphaned ratings ({len(orphans)}): their claim is not in this version"):
            columns = ["claim_text", "rated_version", "analyst", "rubric_id", "analyst_grade",
                       "rationale", "rated_at"]  # fmt: skip
            st.dataframe(ratings_frame(orphans)[columns], hide_index=True)


def page() -> None:
    article_id = core.pick_article()
    if article_id is None:
        return
    rubric = core.current_rubric()
    view = View.of(article_id, rubric)
    if view is None:
        st.error("This article has no analysis.")
        return
    show_article(view, rubric)
    show_versions_and_orphans(article_id)


if __name__ == "__main__":
    page()
