"""Scores of the current view: each article as the analysts corrected it, scored with their
source letters, kept in the database per rubric so pages over thousands of claims read them
instead of recomputing; a claim's automatic grade (what a rating agrees with or overrides).
"""

from __future__ import annotations

import json
from collections.abc import Callable

import pandas as pd

from provenance.grades import rubric_key
from provenance.models import Analysis, ClaimScore
from provenance.register_desk import letters_register
from provenance.review import ReviewDesk, with_review
from provenance.rubric import Rubric
from provenance.scoring import frame_columns, score, score_frame
from provenance.tables import claims_table, export_frame, ratings_frame

#: Articles scored per database write when scores are missing.
SCORE_BATCH = 50
Progress = Callable[[float], None]


class ScoreDesk(ReviewDesk):
    """Scoring steps over the workspace's store (mixed into the Workspace)."""

    def scores_key(self, rubric: Rubric) -> str:
        """What stored scores under ``rubric`` depend on: the rubric's content and the analysts'
        source letters (a new letter rescores, since Admiralty's reliability reads it). A
        correction drops its article's stored scores (:meth:`Store.add_correction`)."""
        letters = self.store.letters_revision()
        return f"{rubric_key(rubric)}+letters:{letters}" if letters else rubric_key(rubric)

    def scores(self, analysis: Analysis, rubric: Rubric) -> list[ClaimScore]:
        """An analysis's claims scored with the analysts' source letters (give it the current
        view, :meth:`corrected_analysis`, for what pages show and ratings agree with)."""
        letters = self.store.source_letters()
        return score(analysis, rubric, register=letters_register([analysis], letters))

    def automatic(self, article_id: str, claim_id: str, rubric: Rubric) -> ClaimScore:
        """The automatic score of a claim of an article's current view (corrections applied,
        claims analysts added or split off included)."""
        analysis = self.corrected_analysis(article_id)
        results = {r.claim_id: r for r in self.scores(analysis, rubric)} if analysis else {}
        if claim_id not in results:
            raise ValueError(f"{article_id}: no claim {claim_id}")
        return results[claim_id]

    def ensure_scores(self, rubric: Rubric, progress: Progress | None = None) -> None:
        """Score, under ``rubric``, every stored article that has no stored scores yet, as the
        analysts corrected it."""
        key = self.scores_key(rubric)
        missing = self.store.unscored(key)
        letters = self.store.source_letters() if missing else []
        for start in range(0, len(missing), SCORE_BATCH):
            analyses = self.current_analyses(missing[start : start + SCORE_BATCH])
            self.store.save_scores(key, {
                a.article.id: score_frame(a, rubric, register=letters_register([a], letters))
                .to_json(orient="records")
                for a in analyses
            })  # fmt: skip
            if progress is not None:
                progress(min(1.0, (start + SCORE_BATCH) / len(missing)))

    def scored_frame(self, rubric: Rubric) -> pd.DataFrame:
        """One row per claim of every current view, scored under ``rubric``, with who corrected
        the claim (``corrected_by``, empty when nobody did)."""
        self.ensure_scores(rubric)
        records = [
            row for rows in self.store.scores(self.scores_key(rubric)) for row in json.loads(rows)
        ]
        frame = pd.DataFrame.from_records(records, columns=frame_columns(rubric))
        by = self.corrected_by()
        return frame.assign(corrected_by=[
            ", ".join(by.get((a, c), [])) for a, c in zip(frame["article_id"], frame["claim_id"],
                                                          strict=True)
        ])  # fmt: skip

    # The tables pages and exports show ------------------------------------------------------

    def ratings_table(self, *, history: bool = False) -> pd.DataFrame:
        """The newest rating per analyst, claim and rubric (with ``history``, every rating
        event) as rows (:func:`provenance.tables.ratings_frame`)."""
        return ratings_frame(self.store.history() if history else self.store.latest_ratings())

    def claims_frame(self, rubric: Rubric) -> pd.DataFrame:
        """Every claim of the current views scored under ``rubric``, with who rated it, where
        analysts disagree, and its review (status, assignee, comments)."""
        table = claims_table(self.scored_frame(rubric), self.ratings_table(), rubric)
        return with_review(table, self.review_frame())

    def report_frame(self, rubric: Rubric, *, history: bool = False) -> pd.DataFrame:
        """The report: every claim joined to each analyst's latest rating under ``rubric``
        (with ``history``, to every rating event) (:func:`provenance.tables.export_frame`)."""
        return export_frame(self.scored_frame(rubric), self.ratings_table(history=history), rubric)
