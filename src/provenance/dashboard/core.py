"""What every dashboard page shares: the workspace (database and spaCy model), the rubric in
use, navigation, and the workspace's frames cached for Streamlit.

The model and the store are process-wide (``st.cache_resource``): one spaCy pipeline (the
pipeline takes ``NLP_LOCK`` itself, since Streamlit runs each session in its own thread) and one
engine per database URL. The work itself is :mod:`provenance.workspace`'s; here its frames are
only cached, by the database's revisions, so a new analysis, correction, rating or review step
shows at once.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd
import streamlit as st
from spacy.language import Language

from provenance import nlp
from provenance.catalogue import DEFAULT_RUBRIC as DEFAULT_RUBRIC  # the pages read them here
from provenance.catalogue import badness as badness
from provenance.catalogue import choose_rubric, rubric_catalogue
from provenance.catalogue import rubric_label as label_of
from provenance.rubric import Rubric, rubric_files
from provenance.storage import Store, database_url
from provenance.workspace import Workspace

#: The pages of the running app by module name, filled by :func:`provenance.dashboard.main`.
PAGES: dict[str, Any] = {}


# --- navigation ---------------------------------------------------------------------------


#: The sidebar's settings, carried by every link so the page it opens shows the same view.
CARRIED = ("rubric", "min_confidence")


def link(page: str, label: str, icon: str | None = None, **params: str) -> None:
    """A link to another page, carrying ``params`` (article, claim) and the settings in its
    URL."""
    carried = {k: st.query_params[k] for k in CARRIED if k in st.query_params}
    st.page_link(PAGES[page], label=label, icon=icon, query_params={**carried, **params} or None)


def _sync_choice(name: str) -> None:
    st.query_params[name] = st.session_state[f"pick_{name}"]


def pick(
    name: str, options: Sequence[str], label: str, format_func: Callable[[str], str] = str
) -> str:
    """A choice shared across pages and kept in the URL (``?article=...&claim=...``): the URL
    wins (links, reloads), then the session's last choice, then the first option."""
    wanted = st.query_params.get(name)
    current = wanted if wanted in options else st.session_state.get(f"current_{name}")
    if current not in options:
        current = options[0]
    st.session_state[f"pick_{name}"] = current
    value: str = st.selectbox(
        label,
        options,
        key=f"pick_{name}",
        format_func=format_func,
        on_change=_sync_choice,
        args=(name,),
    )
    st.session_state[f"current_{name}"] = value
    st.query_params[name] = value
    return value


def pick_article(label: str = "Article") -> str | None:
    """The article picker shared by the Article and Rate pages (None when there is none)."""
    summaries = get_store().summaries()
    if not summaries:
        st.info("No article yet: add one on the Articles page.")
        link("articles", "Add an article", ":material/add:")
        return None
    titles = {s.id: s.title or s.id for s in summaries}
    return pick("article", list(titles), label, lambda i: f"{titles[i]} ({i})")


def choose(name: str, value: str) -> None:
    """Make ``value`` the current choice of ``name`` (for next/previous buttons' callbacks)."""
    st.session_state[f"current_{name}"] = value
    st.query_params[name] = value


# --- model, store, samples ----------------------------------------------------------------


@st.cache_resource(show_spinner="Loading the language model…")
def language() -> Language:
    """The spaCy pipeline, loaded once per server process."""
    return nlp.load()


@st.cache_resource(show_spinner="Opening the database; analysing the sample articles…")
def _open_workspace(url: str) -> Workspace:
    return Workspace.open(Store(url), language)


def workspace() -> Workspace:
    """The workspace of ``$PROVENANCE_DB_URL`` (or ``data/provenance.db``), seeded if empty."""
    return _open_workspace(database_url())


def get_store() -> Store:
    """The workspace's store."""
    return workspace().store


# --- rubrics ------------------------------------------------------------------------------


@st.cache_resource(max_entries=4, show_spinner=False)
def _rubrics(files: tuple[tuple[str, float], ...]) -> dict[str, Rubric]:
    return rubric_catalogue()


def rubrics() -> dict[str, Rubric]:
    """Every valid rubric by id (:func:`catalogue.rubric_catalogue`), re-read when a file
    changes."""
    return _rubrics(tuple((str(p), p.stat().st_mtime) for p in rubric_files()))


def rubric_label(rubric_id: str) -> str:
    """A rubric's label in pickers (:func:`catalogue.rubric_label`)."""
    return label_of(rubrics(), rubric_id)


def current_rubric() -> Rubric:
    """The rubric picked in the sidebar (the Admiralty rubric until one is picked)."""
    chosen = choose_rubric(rubrics(), st.session_state.get("rubric"))
    if chosen is None:
        st.error("No valid rubric found in the rubrics directory.")
        st.stop()
    return chosen


# --- frames -------------------------------------------------------------------------------


def _revisions(rubric: Rubric) -> tuple[Any, ...]:
    """What the workspace's frames under ``rubric`` are built from: versions and corrections,
    ratings, review steps, the rubric and the letters (a cache key)."""
    store = get_store()
    return (store.url, store.revision(), store.ratings_revision(), store.steps_revision(),
            workspace().scores_key(rubric))  # fmt: skip


def _ensure_scores(rubric: Rubric) -> None:
    """Score what is not scored yet, with a progress bar when there is much to do."""
    here = workspace()
    missing = len(here.store.unscored(here.scores_key(rubric)))
    if missing:
        bar = st.progress(0.0, text="Scoring claims…") if missing > 50 else None
        here.ensure_scores(rubric, None if bar is None else lambda done: _advance(bar, done))
        if bar is not None:
            bar.empty()


def _advance(bar: Any, done: float) -> None:
    bar.progress(done, text="Scoring claims…")


@st.cache_data(max_entries=8, show_spinner=False)
def _frame(kind: str, revisions: tuple[Any, ...], _rubric: Rubric) -> pd.DataFrame:
    here = _open_workspace(revisions[0])
    if kind == "scored":
        return here.scored_frame(_rubric)
    if kind == "claims":
        return here.claims_frame(_rubric)
    return here.report_frame(_rubric, history=kind == "history")


def scored_frame(rubric: Rubric) -> pd.DataFrame:
    """One row per claim of every current view, scored under ``rubric`` (cached)."""
    _ensure_scores(rubric)
    return _frame("scored", _revisions(rubric), rubric)


def claims_table(rubric: Rubric) -> pd.DataFrame:
    """The claims with their ratings and review (:meth:`Workspace.claims_frame`, cached)."""
    _ensure_scores(rubric)
    return _frame("claims", _revisions(rubric), rubric)


def export_frame(rubric: Rubric, *, history: bool = False) -> pd.DataFrame:
    """The CSV report under ``rubric`` (:meth:`Workspace.report_frame`, cached)."""
    _ensure_scores(rubric)
    return _frame("history" if history else "report", _revisions(rubric), rubric)


@st.cache_data(max_entries=4, show_spinner=False)
def _latest_ratings(url: str, revision: int, versions: tuple[int, str]) -> pd.DataFrame:
    return _open_workspace(url).ratings_table()


def latest_ratings() -> pd.DataFrame:
    """The newest rating per analyst, claim and rubric, all articles (cached until a new
    rating or version)."""
    store = get_store()
    return _latest_ratings(store.url, store.ratings_revision(), store.revision())
