"""The application layer: what an analyst does with the database, for the dashboard and the CLI
alike. Add articles (analysed, versioned, duplicates caught), seed the samples, rate a claim
(found by key or by its text; the rating checked against the rubric), read scores kept per
rubric, and build the tables pages and exports show.
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from spacy.language import Language

from provenance import nlp as nlp_module
from provenance.agreement import AGREEMENT_COLUMNS, ITEM, Level, agreement, disagreements, rated
from provenance.corroboration import Rated
from provenance.corroboration.settings import Settings as CorroborationSettings
from provenance.errors import InputError
from provenance.identity import fold
from provenance.ingest import read_inputs
from provenance.models import (
    Analysis,
    Article,
    ClaimScore,
    Corroboration,
    RegisterEntry,
    SourceLetter,
)  # fmt: skip
from provenance.packaged import packaged
from provenance.pipeline import analyze_article
from provenance.review import ReviewDesk
from provenance.rubric import Rubric
from provenance.scoring import frame_columns, score, score_frame
from provenance.storage import ArticleSummary, Rating, Saved, Store, StoredClaim

#: Sample articles analysed into an empty database on first start (shipped in the package).
DATA_DIR = packaged("data")
SAMPLE_PATTERNS = ("seed_*.txt", "samples")
#: Articles scored per database write when scores are missing.
SCORE_BATCH = 50
RATING_COLUMNS = [
    "article_id", "claim_id", "analyst", "rubric_id", "rubric_version", "analyst_values", "agree",
    "auto_grade", "analyst_grade", "rationale", "tags", "rated_at", "status", "claim_text",
    "rated_version", "rating_id",
]  # fmt: skip
ARTICLE_COLUMNS = ["title", "claims", "anonymous_share", "weakest_grade", "needs_review",
                   "rated_claims", "article_id"]  # fmt: skip
Progress = Callable[[float], None]


@dataclass(frozen=True)
class Added:
    """What adding one article did (see :data:`provenance.storage.SaveStatus`)."""

    saved: Saved
    analysis: Analysis | None
    seconds: float


def sample_inputs(root: Path = DATA_DIR) -> list[Path]:
    """The seed article(s) and the ``samples/`` folder under ``root``, those that exist."""
    found: list[Path] = []
    for pattern in SAMPLE_PATTERNS:
        found.extend(sorted(root.glob(pattern)))
    return found


def rubric_key(rubric: Rubric) -> str:
    """Identifies a rubric's content: an edited rubric saved under the same id is a new key."""
    digest = hashlib.sha1(rubric.model_dump_json().encode(), usedforsecurity=False).hexdigest()
    return f"{rubric.id}@{rubric.version}#{digest[:12]}"


def grade_of(rubric: Rubric, values: dict[str, str]) -> str:
    """The grade a set of rating values amounts to (``B2`` for the Admiralty rubric)."""
    if rubric.grades.code:
        return rubric.grades.code.format(**values)
    return values.get("grade", "")


def automatic_values(rubric: Rubric, result: ClaimScore) -> dict[str, str]:
    """The automatic grade expressed on the rating axes (what agreeing means)."""
    return {axis.name: result.axes.get(axis.name, result.grade) for axis in rubric.rating_axes()}


def check_values(rubric: Rubric, values: dict[str, str]) -> None:
    """Refuse values off the rubric's rating axes, with the accepted ones."""
    axes = {axis.name: axis.values for axis in rubric.rating_axes()}
    for name, value in values.items():
        if name not in axes:
            raise ValueError(f"{rubric.id} has no rating axis {name!r} (it has {', '.join(axes)})")
        if value not in axes[name]:
            raise ValueError(f"{name}={value!r} is not on {rubric.id}'s scale "
                             f"({', '.join(axes[name])})")  # fmt: skip
    missing = [name for name in axes if name not in values]
    if missing:
        raise ValueError(f"choose a value for {', '.join(missing)}")


def _values_text(values: dict[str, str]) -> str:
    return " ".join(f"{axis}={value}" for axis, value in values.items())


def ratings_frame(ratings: Sequence[Rating]) -> pd.DataFrame:
    """Rating events as a table (one row each), values shown as ``axis=value`` pairs; the
    claim id is the claim's id in the current version (empty when orphaned)."""
    rows = [
        {
            "article_id": r.article_id, "claim_id": r.current_claim_id or "",
            "analyst": r.analyst, "rubric_id": r.rubric_id, "rubric_version": r.rubric_version,
            "analyst_values": _values_text(r.values), "agree": r.agree,
            "auto_grade": r.auto_grade or "", "analyst_grade": r.grade or "",
            "rationale": r.rationale, "tags": ", ".join(r.tags),
            "rated_at": r.created_at.isoformat(timespec="seconds"), "status": r.status,
            "claim_text": r.claim_text, "rated_version": r.version, "rating_id": r.id,
        }
        for r in ratings
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=RATING_COLUMNS)


class Workspace(ReviewDesk):
    """One database and the language model (loaded on first analysis)."""

    def __init__(self, store: Store, language: Callable[[], Language] = nlp_module.load) -> None:
        self.store = store
        self._language = language

    @classmethod
    def open(cls, store: Store, language: Callable[[], Language] = nlp_module.load) -> Workspace:
        """The workspace of ``store``, with the sample articles analysed into it when it is
        empty (a first start shows something to look at)."""
        opened = cls(store, language)
        if not store.summaries():
            opened.seed()
        return opened

    # Articles ---------------------------------------------------------------------------

    def add_article(self, article: Article, *, new_version: bool = False) -> Added:
        """Analyse and store an article. Text already stored (any id) is not analysed again;
        an id with another current version is kept as it is unless ``new_version``."""
        started = time.perf_counter()
        current = self.store.current_version(article.id)
        holder = self.store.find_text(article.text)
        if holder is not None and not (new_version and holder == (article.id, current)):
            saved = (Saved("unchanged", article.id, holder[1]) if holder == (article.id, current)
                     else Saved("duplicate", article.id, 0, holder))  # fmt: skip
            return Added(saved, None, time.perf_counter() - started)
        if current is not None and not new_version:
            return Added(Saved("exists", article.id, current), None, time.perf_counter() - started)
        analysis = analyze_article(article, nlp=self._language())
        saved = self.store.save_analysis(analysis, new_version=new_version)
        return Added(saved, analysis, time.perf_counter() - started)

    def add_inputs(
        self,
        inputs: Iterable[str | Path],
        *,
        new_version: bool = False,
        on_result: Callable[[Added | InputError], None] = lambda _: None,
    ) -> list[Added | InputError]:
        """Read, analyse and store every article of ``inputs``; a broken input is returned as
        its error and the others go on."""
        results: list[Added | InputError] = []
        for item in read_inputs(list(inputs)):
            result = item if isinstance(item, InputError) else self.add_article(
                item, new_version=new_version
            )  # fmt: skip
            on_result(result)
            results.append(result)
        return results

    def seed(self, root: Path = DATA_DIR) -> int:
        """Analyse the sample articles into the store; unreadable ones are reported, not fatal."""
        count = 0
        for result in self.add_inputs(sample_inputs(root)):
            if isinstance(result, InputError):
                print(f"provenance: {result}", file=sys.stderr)
            else:
                count += 1
        return count

    def analyses_json(self, article_ids: Sequence[str] | None = None) -> bytes:
        """Current analyses as a JSON array (UTF-8), for programs rather than spreadsheets."""
        analyses = self.store.analyses(article_ids)
        return ("[" + ",\n".join(a.model_dump_json() for a in analyses) + "]\n").encode()

    # Claims and ratings ------------------------------------------------------------------

    def find_claim(self, article_id: str, text: str) -> StoredClaim:
        """The claim of the article's current version with this text (compared normalised):
        the one equal to it, else the only one containing it."""
        claims = self.store.claims(article_id)
        if not claims:
            raise ValueError(f"{article_id}: no such article, or it has no claims")
        wanted = fold(text)
        for matches in ([c for c in claims if fold(c.text) == wanted],
                        [c for c in claims if wanted in fold(c.text)]):  # fmt: skip
            if len(matches) == 1:
                return matches[0]
            if len(matches) > 1:
                listed = "; ".join(f"{c.claim_id}: {c.text[:60]}" for c in matches[:5])
                raise ValueError(f"{article_id}: {len(matches)} claims contain {text!r} "
                                 f"(give more of the text): {listed}")  # fmt: skip
        raise ValueError(f"{article_id}: no claim contains {text!r}")

    def claim_key(self, article_id: str, claim_id: str) -> str:
        """The stable key of a claim of the current version, by its ordinal id."""
        for claim in self.store.claims(article_id):
            if claim.claim_id == claim_id:
                return claim.key
        raise ValueError(f"{article_id}: no claim {claim_id} in the current version")

    def automatic(self, article_id: str, claim_id: str, rubric: Rubric) -> ClaimScore:
        """The automatic score of a claim of an article's current version."""
        analysis = self.store.analysis(article_id)
        results = {r.claim_id: r for r in self.scores(analysis, rubric)} if analysis else {}
        if claim_id not in results:
            raise ValueError(f"{article_id}: no claim {claim_id}")
        return results[claim_id]

    def rate(
        self,
        *,
        article_id: str,
        claim_key: str,
        analyst: str,
        rubric: Rubric,
        values: dict[str, str],
        agree: bool | None = None,
        rationale: str = "",
        tags: Sequence[str] = (),
    ) -> Rating:
        """Store an analyst's rating. Agreeing means the automatic values (``agree=None``:
        agree exactly when the values are the automatic ones); other values are an override,
        graded from them. A contradiction is refused."""
        claim = next((c for c in self.store.claims(article_id) if c.key == claim_key), None)
        if claim is None:
            raise ValueError(f"{article_id}: no claim {claim_key} in the current version")
        result = self.automatic(article_id, claim.claim_id, rubric)
        automatic = automatic_values(rubric, result)
        check_values(rubric, values)
        if agree is None:
            agree = values == automatic
        elif agree and values != automatic:
            raise ValueError(f"agreeing with {result.grade} means its values "
                             f"({_values_text(automatic)}); change them to override")  # fmt: skip
        return self.store.add_rating(
            article_id=article_id, claim_key=claim_key, analyst=analyst, rubric_id=rubric.id,
            rubric_version=rubric.version, values=values, agree=agree, auto_grade=result.grade,
            override_grade=None if agree else grade_of(rubric, values), rationale=rationale,
            tags=tags,
        )  # fmt: skip

    # Scores and tables -------------------------------------------------------------------

    def scores_key(self, rubric: Rubric) -> str:
        """What stored scores under ``rubric`` depend on: the rubric's content and the analysts'
        source letters (a new letter rescores, since Admiralty's reliability reads it)."""
        letters = self.store.letters_revision()
        return f"{rubric_key(rubric)}+letters:{letters}" if letters else rubric_key(rubric)

    def scores(self, analysis: Analysis, rubric: Rubric) -> list[ClaimScore]:
        """An analysis's claims scored with the analysts' source letters (what pages show and
        what a rating's automatic grade is)."""
        return score(analysis, rubric, register=_letters([analysis], self.store.source_letters()))

    def ensure_scores(self, rubric: Rubric, progress: Progress | None = None) -> None:
        """Score, under ``rubric``, every stored article that has no stored scores yet."""
        key = self.scores_key(rubric)
        missing = self.store.unscored(key)
        letters = self.store.source_letters() if missing else []
        for start in range(0, len(missing), SCORE_BATCH):
            analyses = self.store.analyses(missing[start : start + SCORE_BATCH])
            self.store.save_scores(key, {
                a.article.id: score_frame(a, rubric, register=_letters([a], letters))
                .to_json(orient="records")
                for a in analyses
            })  # fmt: skip
            if progress is not None:
                progress(min(1.0, (start + SCORE_BATCH) / len(missing)))

    def scored_frame(self, rubric: Rubric) -> pd.DataFrame:
        """One row per claim of every current article version, scored under ``rubric``."""
        self.ensure_scores(rubric)
        records = [
            row for rows in self.store.scores(self.scores_key(rubric)) for row in json.loads(rows)
        ]
        return pd.DataFrame.from_records(records, columns=frame_columns(rubric))

    # Source register ------------------------------------------------------------------------

    def corroboration(self, settings: CorroborationSettings | None = None) -> Corroboration:
        """The stored articles' claims (current versions) grouped across articles: independent
        lines, echoes and contradictions (:func:`provenance.corroboration.corroborate`)."""
        from provenance.corroboration.engine import corroborate

        return corroborate(self.store.analyses(), settings)

    def source_register(self, analyses: Sequence[Analysis] = ()) -> list[RegisterEntry]:
        """Every source of the stored articles (current versions) and of ``analyses``, with the
        analysts' letters and each source's track record across all of them."""
        from provenance.corroboration.register import collection_register

        return collection_register([*self.store.analyses(), *analyses], self.store)

    def rate_source(self, name: str, letter: str, analyst: str, note: str = "") -> SourceLetter:
        """Add an analyst's reliability letter for a source; earlier letters are kept."""
        from provenance.corroboration.register import source_key

        return self.store.add_source_letter(
            key=source_key(name), source=name, letter=letter, analyst=analyst, note=note
        )


def _letters(analyses: Sequence[Analysis], letters: Sequence[SourceLetter]) -> dict[str, Rated]:
    """The analysts' letters as scoring reads them, for these articles' spellings."""
    from provenance.corroboration.register import analysts_register

    return analysts_register(analyses, letters)


def claims_table(scored: pd.DataFrame, latest: pd.DataFrame, rubric: Rubric) -> pd.DataFrame:
    """The scored claims with, per claim, who has rated it under ``rubric`` (their latest
    rating, orphans left out), the grades they gave, and whether analysts disagree with each
    other (``analysts_differ``) or with the automatic grade (``differs_from_automatic``)."""
    ratings = latest[(latest["rubric_id"] == rubric.id) & (latest["status"] == "current")]
    empty = {"rated_by": "", "analyst_grades": "", "ratings": 0, "analysts_differ": False,
             "differs_from_automatic": False, "spread": 0}  # fmt: skip
    if ratings.empty:
        return scored.assign(**empty)
    per_claim = ratings.groupby(ITEM, sort=False).agg(
        rated_by=("analyst", ", ".join),
        analyst_grades=("analyst_grade", lambda grades: ", ".join(g for g in grades if g)),
        ratings=("analyst", "size"),
    )
    axes = [axis.name for axis in rubric.rating_axes()]
    flags = disagreements(rated(ratings, rubric), rubric, scored[[*ITEM, *axes]])
    flags = flags.set_index(ITEM)[["between_analysts", "with_automatic", "spread"]].rename(
        columns={"between_analysts": "analysts_differ", "with_automatic": "differs_from_automatic"}
    )
    merged = scored.join(per_claim, on=ITEM).join(flags, on=ITEM)
    return merged.fillna(empty).astype(
        {"ratings": int, "analysts_differ": bool, "differs_from_automatic": bool, "spread": int}
    )


def agreement_report(
    latest: pd.DataFrame, rubrics: Sequence[Rubric], level: Level = "ordinal"
) -> pd.DataFrame:
    """Krippendorff's alpha per rating criterion of each rubric, over the latest ratings of
    current claims (``latest``: a :func:`ratings_frame` or the same read from a file)."""
    tables = [agreement(rated(latest, rubric), rubric, level) for rubric in rubrics]
    if not tables:
        return pd.DataFrame(columns=AGREEMENT_COLUMNS)
    return pd.concat(tables, ignore_index=True)


def export_frame(scored: pd.DataFrame, latest: pd.DataFrame, rubric: Rubric) -> pd.DataFrame:
    """The report: every claim with its automatic score, criteria and chain, joined to each
    analyst's latest rating of it under ``rubric`` (one row per claim and analyst; unrated
    claims once), with the claim text as rated. Orphaned ratings are in ``db ratings``."""
    ratings = latest[(latest["rubric_id"] == rubric.id) & (latest["status"] == "current")]
    ratings = ratings.rename(
        columns={"rubric_id": "rated_rubric", "rubric_version": "rated_rubric_version",
                 "claim_text": "rated_claim_text"}
    ).drop(columns=["status"])  # fmt: skip
    return scored.merge(ratings, on=["article_id", "claim_id"], how="left")


def articles_table(frame: pd.DataFrame, summaries: list[ArticleSummary]) -> pd.DataFrame:
    """Per article, newest first: claims, share resting on an anonymous source, weakest grade,
    claims needing review, rated claims (articles without claims too)."""
    table = pd.DataFrame(
        {"article_id": [s.id for s in summaries], "title": [s.title or s.id for s in summaries]}
    )
    stats = frame.groupby("article_id", sort=False).agg(
        claims=("claim_id", "size"),
        anonymous_share=("anonymous_hops", lambda hops: float((hops > 0).mean())),
        needs_review=("needs_review", "sum"),
        rated_claims=("ratings", lambda counts: int((counts > 0).sum())),
    )
    if len(frame):
        weakest = frame.loc[frame.groupby("article_id", sort=False)["score"].idxmin()]
        stats["weakest_grade"] = weakest.set_index("article_id")["grade"]
    table = table.join(stats, on="article_id")
    counts = {"claims": int, "needs_review": int, "rated_claims": int}
    table = table.fillna(dict.fromkeys(counts, 0)).astype(counts)
    return table.reindex(columns=ARTICLE_COLUMNS)
