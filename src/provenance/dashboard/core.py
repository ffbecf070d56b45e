"""What every dashboard page shares: the database, the spaCy model, the rubric in use and the
frames built from them.

The model and the store are process-wide (``st.cache_resource``): one spaCy pipeline (the
pipeline takes ``NLP_LOCK`` itself, since Streamlit runs each session in its own thread) and one
engine per database URL. Scores are computed once per article and rubric and kept in the
database, so a page over ten thousand claims reads them instead of recomputing; frames are
cached by the database's revision, so a new analysis or rating shows at once.
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st
from spacy.language import Language

from provenance import nlp
from provenance.errors import InputError
from provenance.ingest import read_inputs
from provenance.models import Analysis, Article, ClaimScore
from provenance.pipeline import analyze_article
from provenance.rubric import Rubric, list_rubrics, rubric_files
from provenance.scoring import frame_columns, score_frame
from provenance.storage import Rating, Store, database_url

#: Sample articles analysed into an empty database on first start.
DATA_DIR = Path("data")
SAMPLE_PATTERNS = ("seed_*.txt", "samples")
DEFAULT_RUBRIC = "admiralty"
#: Articles scored per database write when scores are missing.
SCORE_BATCH = 50
RATING_COLUMNS = [
    "article_id",
    "claim_id",
    "analyst",
    "rubric_id",
    "rubric_version",
    "analyst_values",
    "agree",
    "auto_grade",
    "analyst_grade",
    "rationale",
    "tags",
    "rated_at",
]


#: The pages of the running app by module name, filled by :func:`provenance.dashboard.main`.
PAGES: dict[str, Any] = {}


# --- navigation ---------------------------------------------------------------------------


def link(page: str, label: str, icon: str | None = None, **params: str) -> None:
    """A link to another page, carrying ``params`` (article, claim) in its URL."""
    st.page_link(PAGES[page], label=label, icon=icon, query_params=params or None)


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


def analyse(article: Article, store: Store | None = None) -> tuple[Analysis, float]:
    """Analyse an article and commit it to the database; returns it with the seconds it took."""
    model = language()
    started = time.perf_counter()
    analysis = analyze_article(article, nlp=model)
    (store or get_store()).save_analysis(analysis)
    return analysis, time.perf_counter() - started


def sample_inputs(root: Path = DATA_DIR) -> list[Path]:
    """The seed article(s) and the ``samples/`` folder under ``root``, those that exist."""
    found: list[Path] = []
    for pattern in SAMPLE_PATTERNS:
        found.extend(sorted(root.glob(pattern)))
    return found


def seed(store: Store, root: Path = DATA_DIR) -> int:
    """Analyse the sample articles into ``store``; unreadable ones are reported, not fatal."""
    count = 0
    for result in read_inputs(sample_inputs(root)):
        if isinstance(result, InputError):
            print(f"provenance dashboard: {result}", file=sys.stderr)
            continue
        analyse(result, store)
        count += 1
    return count


@st.cache_resource(show_spinner="Opening the database; analysing the sample articles…")
def _open_store(url: str) -> Store:
    store = Store(url)
    if not store.summaries():
        seed(store)
    return store


def get_store() -> Store:
    """The store for ``$PROVENANCE_DB_URL`` (or ``data/provenance.db``), seeded if empty."""
    return _open_store(database_url())


# --- rubrics ------------------------------------------------------------------------------


@st.cache_resource(max_entries=4, show_spinner=False)
def _rubrics(files: tuple[tuple[str, float], ...]) -> dict[str, Rubric]:
    return {rubric.id: rubric for rubric in list_rubrics()}


def rubrics() -> dict[str, Rubric]:
    """Every valid rubric in the rubrics directory by id, re-read when a file changes."""
    return _rubrics(tuple((str(p), p.stat().st_mtime) for p in rubric_files()))


def rubric_label(rubric_id: str) -> str:
    """A rubric's title in pickers, with its id when another rubric has the same title."""
    known = rubrics()
    title = known[rubric_id].title if rubric_id in known else rubric_id
    twins = sum(r.title == title for r in known.values())
    return f"{title} ({rubric_id})" if twins > 1 else title


def current_rubric() -> Rubric:
    """The rubric picked in the sidebar (the Admiralty rubric until one is picked)."""
    known = rubrics()
    if not known:
        st.error("No valid rubric found in the rubrics directory.")
        st.stop()
    wanted = st.session_state.get("rubric", DEFAULT_RUBRIC)
    return known.get(wanted) or known.get(DEFAULT_RUBRIC) or next(iter(known.values()))


def rubric_picker() -> None:
    """The sidebar's rubric choice, shared by every page."""
    known = rubrics()
    if not known:
        return
    ids = list(known)
    if st.session_state.get("rubric") not in ids:
        st.session_state["rubric"] = DEFAULT_RUBRIC if DEFAULT_RUBRIC in ids else ids[0]
    st.sidebar.selectbox(
        "Rubric",
        ids,
        key="rubric",
        format_func=rubric_label,
        help="Scores, grades and the rating scale all follow this rubric.",
    )


def rubric_key(rubric: Rubric) -> str:
    """Identifies a rubric's content: an edited rubric saved under the same id is a new key."""
    digest = hashlib.sha1(rubric.model_dump_json().encode(), usedforsecurity=False).hexdigest()
    return f"{rubric.id}@{rubric.version}#{digest[:12]}"


def badness(result: ClaimScore, rubric: Rubric) -> float:
    """Where a claim's grade sits between the rubric's best (0) and worst (1), averaged over the
    axes: colours claims the same way under one-axis and two-axis rubrics."""
    places = []
    for axis in rubric.rating_axes():
        value = result.axes.get(axis.name, result.grade)
        if value in axis.values and len(axis.values) > 1:
            places.append(axis.values.index(value) / (len(axis.values) - 1))
    return sum(places) / len(places) if places else 0.5


# --- frames -------------------------------------------------------------------------------


def ensure_scores(store: Store, rubric: Rubric) -> None:
    """Score, under ``rubric``, every stored article that has no stored scores yet."""
    key = rubric_key(rubric)
    missing = store.unscored(key)
    bar = st.progress(0.0, text="Scoring claims…") if len(missing) > SCORE_BATCH else None
    for start in range(0, len(missing), SCORE_BATCH):
        analyses = store.analyses(missing[start : start + SCORE_BATCH])
        store.save_scores(
            key,
            {a.article.id: score_frame(a, rubric).to_json(orient="records") for a in analyses},
        )
        if bar is not None:
            bar.progress(min(1.0, (start + SCORE_BATCH) / len(missing)), text="Scoring claims…")
    if bar is not None:
        bar.empty()


@st.cache_data(max_entries=8, show_spinner=False)
def _scored_frame(
    url: str, revision: tuple[int, str], key: str, columns: Sequence[str]
) -> pd.DataFrame:
    records = [row for rows in _open_store(url).scores(key) for row in json.loads(rows)]
    return pd.DataFrame.from_records(records, columns=list(columns))


def scored_frame(rubric: Rubric) -> pd.DataFrame:
    """One row per claim of every stored article, scored under ``rubric`` (score_frame's
    columns). Cached until an analysis is added or replaced."""
    store = get_store()
    ensure_scores(store, rubric)
    revision = store.revision()
    return _scored_frame(store.url, revision, rubric_key(rubric), tuple(frame_columns(rubric)))


def _values_text(values: dict[str, str]) -> str:
    return " ".join(f"{axis}={value}" for axis, value in values.items())


def ratings_frame(ratings: Sequence[Rating]) -> pd.DataFrame:
    """Rating events as a table (one row each), values shown as ``axis=value`` pairs."""
    rows = [
        {
            "article_id": r.article_id,
            "claim_id": r.claim_id,
            "analyst": r.analyst,
            "rubric_id": r.rubric_id,
            "rubric_version": r.rubric_version,
            "analyst_values": _values_text(r.values),
            "agree": r.agree,
            "auto_grade": r.auto_grade or "",
            "analyst_grade": r.grade or "",
            "rationale": r.rationale,
            "tags": ", ".join(r.tags),
            "rated_at": r.created_at.isoformat(timespec="seconds"),
        }
        for r in ratings
    ]
    return pd.DataFrame(rows, columns=RATING_COLUMNS)


@st.cache_data(max_entries=4, show_spinner=False)
def _latest_ratings(url: str, revision: int) -> pd.DataFrame:
    return ratings_frame(_open_store(url).latest_ratings())


def latest_ratings() -> pd.DataFrame:
    """The newest rating per analyst and claim, all articles (cached until a new rating)."""
    store = get_store()
    return _latest_ratings(store.url, store.ratings_revision())


def claims_table(rubric: Rubric) -> pd.DataFrame:
    """The scored claims with, per claim, who has rated it and the grades they gave."""
    frame = scored_frame(rubric)
    ratings = latest_ratings()
    if ratings.empty:
        return frame.assign(rated_by="", analyst_grades="", ratings=0)
    per_claim = ratings.groupby(["article_id", "claim_id"], sort=False).agg(
        rated_by=("analyst", ", ".join),
        analyst_grades=("analyst_grade", lambda grades: ", ".join(g for g in grades if g)),
        ratings=("analyst", "size"),
    )
    merged = frame.join(per_claim, on=["article_id", "claim_id"])
    return merged.fillna({"rated_by": "", "analyst_grades": "", "ratings": 0}).astype(
        {"ratings": int}
    )


def export_frame(rubric: Rubric) -> pd.DataFrame:
    """The report: every claim with its automatic score, criteria and chain, joined to the
    latest rating of each analyst (one row per claim and analyst; unrated claims once)."""
    frame = scored_frame(rubric)
    ratings = latest_ratings().rename(
        columns={"rubric_id": "rated_rubric", "rubric_version": "rated_rubric_version"}
    )
    return frame.merge(ratings, on=["article_id", "claim_id"], how="left")


def analyses_json(article_ids: Sequence[str] | None = None) -> bytes:
    """Full analyses as a JSON array (UTF-8), for programs rather than spreadsheets."""
    analyses = get_store().analyses(article_ids)
    return ("[" + ",\n".join(a.model_dump_json() for a in analyses) + "]\n").encode()
