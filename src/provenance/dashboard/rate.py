"""Rate page: one claim at a time on the rubric's own scale, agree with or override the
automatic grade, say why; previous/next so an article is rated in one pass. A rating is
committed to the database before the page says it is saved."""

from __future__ import annotations

from typing import Any

import streamlit as st

from provenance.dashboard import core, render
from provenance.dashboard.article import claim_label, show_ratings
from provenance.dashboard.render import md
from provenance.models import Claim, ClaimScore
from provenance.rubric import Rubric
from provenance.scoring import score
from provenance.storage import Rating


def _sync_analyst() -> None:
    name = st.session_state["analyst_input"].strip()
    st.session_state["analyst"] = name
    st.query_params["analyst"] = name


def analyst_name() -> str:
    """The analyst's name, remembered for the session and in the URL (``?analyst=``)."""
    remembered = st.query_params.get("analyst") or st.session_state.get("analyst", "")
    st.session_state["analyst"] = remembered
    st.session_state["analyst_input"] = remembered
    st.text_input(
        "Your name",
        key="analyst_input",
        on_change=_sync_analyst,
        placeholder="Ratings are signed with it",
    )
    if remembered:
        st.query_params["analyst"] = remembered
    return str(remembered)


def grade_of(rubric: Rubric, values: dict[str, str]) -> str:
    """The grade a set of rating values amounts to (``B2`` for the Admiralty rubric)."""
    if rubric.grades.code:
        return rubric.grades.code.format(**values)
    return values.get("grade", "")


def automatic_values(rubric: Rubric, result: ClaimScore) -> dict[str, str]:
    """The automatic grade expressed on the rating axes (the form's starting point)."""
    return {axis.name: result.axes.get(axis.name, result.grade) for axis in rubric.rating_axes()}


def _save(
    *,
    article_id: str,
    claim_id: str,
    rubric: Rubric,
    auto_grade: str,
    keys: dict[str, Any],
    next_claim: str | None,
) -> None:
    """Form callback: write the rating, then report it (and move on when asked)."""
    state = st.session_state
    values = {axis: str(state[key]) for axis, key in keys["axes"].items() if state[key] is not None}
    missing = [axis for axis in keys["axes"] if axis not in values]
    if missing:
        state["flash"] = ("error", f"Choose a value for {', '.join(missing)} before saving.")
        return
    agree = state[keys["agree"]] == "agree"
    try:
        rating = core.get_store().add_rating(
            article_id=article_id,
            claim_id=claim_id,
            analyst=state.get("analyst", ""),
            rubric_id=rubric.id,
            rubric_version=rubric.version,
            values=values,
            agree=agree,
            auto_grade=auto_grade,
            override_grade=None if agree else grade_of(rubric, values),
            rationale=state[keys["rationale"]],
            tags=state[keys["tags"]],
        )
    except ValueError as err:
        state["flash"] = ("error", str(err))
        return
    state["flash"] = ("success", _saved_message(rating))
    if next_claim is not None:
        core.choose("claim", next_claim)


def _saved_message(rating: Rating) -> str:
    when = rating.created_at.astimezone().strftime("%H:%M:%S")
    return (
        f"Saved rating #{rating.id} of claim {md(rating.claim_id)}: {md(rating.grade or '')} "
        f"by {md(rating.analyst)} at {when}."
    )


def _own_latest(article_id: str, claim_id: str, analyst: str, rubric: Rubric) -> Rating | None:
    for rating in reversed(core.get_store().latest_ratings(article_id)):
        if (rating.claim_id, rating.analyst, rating.rubric_id) == (claim_id, analyst, rubric.id):
            return rating
    return None


def rating_form(
    article_id: str,
    claim: Claim,
    result: ClaimScore,
    rubric: Rubric,
    analyst: str,
    next_claim: str | None,
) -> None:
    """The rating widgets for one claim, prefilled with the analyst's last rating of it (or the
    automatic grade), and the two save buttons."""
    own = _own_latest(article_id, claim.id, analyst, rubric) if analyst else None
    start = own.values if own else automatic_values(rubric, result)
    suffix = f"{article_id}|{claim.id}|{rubric.id}"
    keys: dict[str, Any] = {
        "axes": {axis.name: f"axis|{axis.name}|{suffix}" for axis in rubric.rating_axes()},
        "agree": f"agree|{suffix}",
        "rationale": f"why|{suffix}",
        "tags": f"tags|{suffix}",
    }
    known_tags = sorted(
        {t.strip() for cell in core.latest_ratings()["tags"] for t in cell.split(",") if t.strip()}
    )
    with st.form(f"rate|{suffix}", border=True):
        for axis in rubric.rating_axes():
            default = start.get(axis.name)
            st.segmented_control(
                md(axis.name.replace("_", " ").capitalize()),
                axis.values,
                default=default if default in axis.values else None,
                format_func=md,  # option labels are Markdown; rubric values are text
                key=keys["axes"][axis.name],
            )
        st.radio(
            "Automatic grade",
            ["agree", "override"],
            horizontal=True,
            key=keys["agree"],
            index=0 if own is None or own.agree else 1,
            format_func=lambda o: (
                f"Agree ({md(result.grade)})" if o == "agree" else "Override with my values"
            ),
        )
        st.text_area(
            "Rationale",
            value=own.rationale if own else "",
            key=keys["rationale"],
            placeholder="Why this rating: what you checked, what is missing",
        )
        st.multiselect(
            "Tags",
            sorted({*known_tags, *(own.tags if own else [])}),
            default=own.tags if own else [],
            accept_new_options=True,
            key=keys["tags"],
        )
        save, save_next = st.columns(2)
        common = {
            "article_id": article_id,
            "claim_id": claim.id,
            "rubric": rubric,
            "auto_grade": result.grade,
            "keys": keys,
        }
        save.form_submit_button(
            "Save",
            type="primary",
            disabled=not analyst,
            on_click=_save,
            kwargs={**common, "next_claim": None},
        )
        save_next.form_submit_button(
            "Save and next",
            disabled=not analyst or next_claim is None,
            on_click=_save,
            kwargs={**common, "next_claim": next_claim},
        )


def page() -> None:
    st.title("Rate claims")
    rubric = core.current_rubric()
    name_col, article_col = st.columns([1, 3])
    with name_col:
        analyst = analyst_name()
    with article_col:
        article_id = core.pick_article()
    if not analyst:
        st.info("Enter your name to rate: every rating is signed and kept.")
    if article_id is None:
        return
    analysis = core.get_store().analysis(article_id)
    if analysis is None or not analysis.claims:
        st.info("This article has no claims to rate.")
        return
    results = {r.claim_id: r for r in score(analysis, rubric)}
    by_id = {c.id: c for c in analysis.claims}
    ids = list(by_id)
    claim_col, left, middle, right = st.columns([6, 1.5, 2, 1.2], vertical_alignment="bottom")
    with claim_col:
        claim_id = core.pick(
            "claim", ids, "Claim", lambda i: claim_label(ids.index(i) + 1, by_id[i], results[i])
        )
    position = ids.index(claim_id)
    previous = ids[position - 1] if position > 0 else None
    following = ids[position + 1] if position + 1 < len(ids) else None
    left.button(
        "Previous",
        icon=":material/arrow_back:",
        disabled=previous is None,
        on_click=core.choose,
        args=("claim", previous),
    )
    rated = {
        r.claim_id for r in core.get_store().latest_ratings(article_id) if r.analyst == analyst
    }
    middle.progress(
        len(rated) / len(ids), text=f"Claim {position + 1} of {len(ids)} · you rated {len(rated)}"
    )
    right.button(
        "Next",
        icon=":material/arrow_forward:",
        disabled=following is None,
        on_click=core.choose,
        args=("claim", following),
    )
    flash = st.session_state.pop("flash", None)
    if flash:
        (st.success if flash[0] == "success" else st.error)(flash[1])
    claim, result = by_id[claim_id], results[claim_id]
    text_col, form_col = st.columns([3, 2], gap="large")
    with text_col:
        st.html(
            '<blockquote style="border-left:4px solid #999;margin:0;padding:0.4em 1em;'
            f'white-space:pre-wrap">{render.esc(claim.text)}</blockquote>'
        )
        st.caption(md(f"{claim.kind} · chain: {claim.rendered_chain or 'no source (article)'}"))
        st.graphviz_chart(render.chain_dot(claim))
        st.markdown(
            f"Automatic grade: **{md(result.grade)}** ({result.percent:.0f}%)"
            + (" · needs review" if result.needs_review else "")
        )
        for note in result.notes:
            st.caption(md(note))
    with form_col:
        rating_form(article_id, claim, result, rubric, analyst, following)
        st.subheader("Ratings of this claim")
        show_ratings(article_id, claim_id)


if __name__ == "__main__":
    page()
