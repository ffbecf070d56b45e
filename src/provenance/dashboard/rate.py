"""Rate page: one claim at a time on the rubric's own scale, agree with or override the
automatic grade, say why; previous/next so an article is rated in one pass. A rating is
committed to the database before the page says it is saved, signed with the signed-in
analyst's name."""

from __future__ import annotations

from typing import Any

import streamlit as st

from provenance.dashboard import core, correct, render, review, signin
from provenance.dashboard.article import View, claim_label, corrected_note, show_ratings
from provenance.dashboard.render import md
from provenance.grades import automatic_values
from provenance.models import Claim, ClaimScore
from provenance.rubric import Rubric
from provenance.storage import Rating


def _keys(article_id: str, claim_id: str, rubric: Rubric) -> dict[str, Any]:
    suffix = f"{article_id}|{claim_id}|{rubric.id}"
    return {
        "axes": {axis.name: f"axis|{axis.name}|{suffix}" for axis in rubric.rating_axes()},
        "agree": f"agree|{suffix}",
        "rationale": f"why|{suffix}",
        "tags": f"tags|{suffix}",
    }


def _on_value(keys: dict[str, Any], automatic: dict[str, str]) -> None:
    """A value changed: values other than the automatic ones are an override."""
    state = st.session_state
    values = {axis: state[key] for axis, key in keys["axes"].items()}
    if values != automatic:
        state[keys["agree"]] = "override"


def _on_agree(keys: dict[str, Any], automatic: dict[str, str]) -> None:
    """Agreeing puts the automatic values back (and keeps them while agreeing)."""
    state = st.session_state
    if state[keys["agree"]] == "agree":
        for axis, key in keys["axes"].items():
            state[key] = automatic[axis]


def _save(
    *, article_id: str, claim_key: str, rubric: Rubric, keys: dict[str, Any],
    next_claim: str | None,
) -> None:  # fmt: skip
    """Button callback: store the rating, then report it (and move on when asked)."""
    state = st.session_state
    values = {axis: str(state[key]) for axis, key in keys["axes"].items() if state[key] is not None}
    analyst = signin.analyst()
    if analyst is None:
        state["flash"] = ("error", "Sign in to rate.")
        return
    try:
        rating = core.workspace().rate(
            article_id=article_id,
            claim_key=claim_key,
            analyst=analyst,
            rubric=rubric,
            values=values,
            agree=state[keys["agree"]] == "agree",
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


def _own_latest(article_id: str, key: str, analyst: str, rubric: Rubric) -> Rating | None:
    for rating in reversed(core.get_store().latest_ratings(article_id, key)):
        if (rating.analyst, rating.rubric_id) == (analyst, rubric.id):
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
    """The rating widgets for one claim, starting from the analyst's last rating of it (or the
    automatic grade), and the two save buttons. Agreeing holds the automatic values; choosing
    another value switches to override; a chosen value cannot be unselected."""
    key = core.workspace().claim_key(article_id, claim.id)
    own = _own_latest(article_id, key, analyst, rubric)
    automatic = automatic_values(rubric, result)
    start = own.values if own else automatic
    keys = _keys(article_id, claim.id, rubric)
    state = st.session_state
    for axis in rubric.rating_axes():
        if keys["axes"][axis.name] not in state:
            value = start.get(axis.name)
            state[keys["axes"][axis.name]] = value if value in axis.values else axis.values[0]
    state.setdefault(keys["agree"], "agree" if own is None or own.agree else "override")
    state.setdefault(keys["rationale"], own.rationale if own else "")
    state.setdefault(keys["tags"], own.tags if own else [])
    known_tags = sorted(
        {t.strip() for cell in core.latest_ratings()["tags"] for t in cell.split(",") if t.strip()}
    )
    with st.container(border=True):
        for axis in rubric.rating_axes():
            st.segmented_control(
                md(axis.name.replace("_", " ").capitalize()),
                axis.values,
                required=True,
                format_func=md,  # option labels are Markdown; rubric values are text
                key=keys["axes"][axis.name],
                on_change=_on_value,
                args=(keys, automatic),
            )
        st.radio(
            "Automatic grade",
            ["agree", "override"],
            horizontal=True,
            key=keys["agree"],
            on_change=_on_agree,
            args=(keys, automatic),
            format_func=lambda o: (
                f"Agree ({md(result.grade)})" if o == "agree" else "Override with my values"
            ),
        )
        st.text_area(
            "Rationale",
            key=keys["rationale"],
            placeholder="Why this rating: what you checked, what is missing",
        )
        st.multiselect(
            "Tags",
            sorted({*known_tags, *state[keys["tags"]]}),
            accept_new_options=True,
            key=keys["tags"],
        )
        save, save_next = st.columns(2)
        common = {"article_id": article_id, "claim_key": key, "rubric": rubric, "keys": keys}
        save.button("Save", type="primary", on_click=_save,
                    kwargs={**common, "next_claim": None})  # fmt: skip
        save_next.button("Save and next", disabled=next_claim is None, on_click=_save,
                         kwargs={**common, "next_claim": next_claim})  # fmt: skip


def navigation(view: View, analyst: str, rubric: Rubric) -> tuple[str, str | None]:
    """The claim picker, previous/next and the analyst's progress; the picked claim's id and
    the one after it."""
    ids = list(view.claims)
    claim_col, left, middle, right = st.columns([6, 1.5, 2, 1.2], vertical_alignment="bottom")
    with claim_col:
        claim_id = core.pick("claim", ids, "Claim", lambda i: claim_label(
            ids.index(i) + 1, view.claims[i], view.results[i]))  # fmt: skip
    position = ids.index(claim_id)
    previous = ids[position - 1] if position > 0 else None
    following = ids[position + 1] if position + 1 < len(ids) else None
    left.button("Previous", icon=":material/arrow_back:", disabled=previous is None,
                on_click=core.choose, args=("claim", previous))  # fmt: skip
    keys = {core.workspace().claim_key(view.analysis.article.id, i) for i in ids}
    rated = {
        r.claim_key
        for r in core.get_store().latest_ratings(view.analysis.article.id)
        if (r.analyst, r.rubric_id, r.status) == (analyst, rubric.id, "current")
        and r.claim_key in keys
    }
    middle.progress(
        len(rated) / len(ids), text=f"Claim {position + 1} of {len(ids)} · you rated {len(rated)}"
    )
    right.button("Next", icon=":material/arrow_forward:", disabled=following is None,
                 on_click=core.choose, args=("claim", following))  # fmt: skip
    return claim_id, following


def show_claim(view: View, claim_id: str, rubric: Rubric) -> None:
    """The claim's text, its chain as the analysts left it (the engine's beside a corrected
    one) and why it has its automatic grade."""
    claim, result = view.claims[claim_id], view.results[claim_id]
    st.html(
        '<blockquote style="border-left:4px solid #999;margin:0;padding:0.4em 1em;'
        f'white-space:pre-wrap">{render.esc(claim.text)}</blockquote>'
    )
    st.caption(md(f"{claim.kind} · chain: {claim.rendered_chain or 'no source (article)'}"))
    st.graphviz_chart(render.chain_dot(claim))
    if by := view.by.get(claim_id):
        st.caption(md(corrected_note(claim, view.engine.get(claim_id), by)))
    st.markdown(
        f"Automatic grade: **{md(result.grade)}** {md(render.grade_detail(result, rubric))}"
        + (" · needs review" if result.needs_review else "")
    )
    for note in result.notes:
        st.caption(md(note))
    with st.expander("Why this grade: every criterion", expanded=False):
        st.html(render.criteria_table(result))


def page() -> None:
    st.title("Rate claims")
    rubric = core.current_rubric()
    analyst = signin.analyst()
    article_id = core.pick_article()
    if article_id is None or analyst is None:
        return
    view = View.of(article_id, rubric)
    if view is None or not view.claims:
        st.info("This article has no claims to rate.")
        return
    claim_id, following = navigation(view, analyst, rubric)
    flash = st.session_state.pop("flash", None)
    if flash:
        (st.success if flash[0] == "success" else st.error)(flash[1])
    claim = view.claims[claim_id]
    text_col, form_col = st.columns([3, 2], gap="large")
    with text_col:
        show_claim(view, claim_id, rubric)
        review.panel(article_id, claim_id)
        correct.panel(article_id, claim)
    with form_col:
        rating_form(article_id, claim, view.results[claim_id], rubric, analyst, following)
        st.subheader("Ratings of this claim")
        show_ratings(article_id, claim_id)


if __name__ == "__main__":
    page()
