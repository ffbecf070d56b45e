"""The sidebar's settings, shared by every page and kept in the URL so a link or a reload
shows the same view: the rubric (``?rubric=newsroom``) and the confidence below which hops
that only the learned cue model found are hidden (``?min_confidence=0.5``)."""

from __future__ import annotations

import streamlit as st

from provenance.dashboard import core

#: Session keys of the settings (``rubric`` is also what ``core.current_rubric`` reads).
RUBRIC = "rubric"
MIN_CONFIDENCE = "min_confidence"


def _sync(name: str) -> None:
    st.query_params[name] = str(st.session_state[name])


def rubric_picker() -> None:
    """The rubric choice: the URL wins (links, reloads), then the session, then the default."""
    known = core.rubrics()
    if not known:
        return
    ids = list(known)
    wanted = st.query_params.get(RUBRIC)
    if wanted in ids:
        st.session_state[RUBRIC] = wanted
    elif st.session_state.get(RUBRIC) not in ids:
        st.session_state[RUBRIC] = core.DEFAULT_RUBRIC if core.DEFAULT_RUBRIC in ids else ids[0]
    st.sidebar.selectbox(
        "Rubric",
        ids,
        key=RUBRIC,
        format_func=core.rubric_label,
        on_change=_sync,
        args=(RUBRIC,),
        help="Scores, grades and the rating scale all follow this rubric.",
    )
    st.query_params[RUBRIC] = st.session_state[RUBRIC]


def _confidence_from_url() -> float | None:
    try:
        value = float(st.query_params.get(MIN_CONFIDENCE, ""))
    except ValueError:
        return None
    return value if 0.0 <= value <= 1.0 else None


def confidence_setting() -> None:
    """Hide hops the learned cue model found with less than this probability (0: show all)."""
    from_url = _confidence_from_url()
    if from_url is not None:
        st.session_state[MIN_CONFIDENCE] = from_url
    st.session_state.setdefault(MIN_CONFIDENCE, 0.0)
    st.sidebar.slider(
        "Hide learned hops below",
        min_value=0.0,
        max_value=1.0,
        step=0.05,
        key=MIN_CONFIDENCE,
        format="percent",
        on_change=_sync,
        args=(MIN_CONFIDENCE,),
        help="Hops that only the learned cue model found carry its probability; hide those "
        "it was less sure of than this from the chains shown. Scores still count every hop.",
    )
    if st.session_state[MIN_CONFIDENCE] > 0:
        st.query_params[MIN_CONFIDENCE] = str(st.session_state[MIN_CONFIDENCE])


def min_confidence() -> float:
    """The confidence below which learned hops are hidden (0.0: none hidden)."""
    return float(st.session_state.get(MIN_CONFIDENCE, 0.0))


def sidebar() -> None:
    """Every setting, in the sidebar under the page list."""
    rubric_picker()
    confidence_setting()
