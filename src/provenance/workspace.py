"""The application layer: what an analyst does with the database, for the dashboard and the CLI
alike. Add articles (analysed, versioned, duplicates caught), seed the samples, rate a claim
(found by key or by its text; the rating checked against the rubric). The Workspace gathers
the desks by concern: review and corrections (:mod:`provenance.review`), scores of the current
view (:mod:`provenance.scored`), the source register (:mod:`provenance.register_desk`); the
tables pages and exports show are :mod:`provenance.tables`.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language

from provenance import nlp as nlp_module
from provenance.errors import InputError
from provenance.grades import automatic_values, check_values, grade_of, values_text
from provenance.identity import fold
from provenance.ingest import read_inputs
from provenance.models import Analysis, Article
from provenance.packaged import packaged
from provenance.pipeline import analyze_article
from provenance.register_desk import SourceDesk
from provenance.rubric import Rubric
from provenance.scored import ScoreDesk
from provenance.storage import Rating, Saved, Store, StoredClaim

#: Sample articles analysed into an empty database on first start (shipped in the package).
DATA_DIR = packaged("data")
SAMPLE_PATTERNS = ("seed_*.txt", "samples")


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


class Workspace(ScoreDesk, SourceDesk):
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

    def analyses_json(self, article_ids: Sequence[str] | None = None, *,
                      history: bool = False) -> bytes:  # fmt: skip
        """The current views (analyses as the analysts corrected them) as a JSON array (UTF-8),
        for programs rather than spreadsheets; with ``history``, each article's audit entries
        (ratings, review steps, corrections with their values; UTC) under ``history``."""
        items = [a.model_dump(mode="json") for a in self.current_analyses(article_ids)]
        if history:
            done: dict[str, list[dict[str, str]]] = {}
            for entry in self.store.audit():
                row = {**entry.__dict__, "at": entry.at.isoformat(timespec="seconds")}
                done.setdefault(entry.article_id, []).append(row)
            items = [{**item, "history": done.get(item["article"]["id"], [])} for item in items]
        return (json.dumps(items, ensure_ascii=False, indent=1) + "\n").encode()

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
                             f"({values_text(automatic)}); change them to override")  # fmt: skip
        return self.store.add_rating(
            article_id=article_id, claim_key=claim_key, analyst=analyst, rubric_id=rubric.id,
            rubric_version=rubric.version, values=values, agree=agree, auto_grade=result.grade,
            override_grade=None if agree else grade_of(rubric, values), rationale=rationale,
            tags=tags,
        )  # fmt: skip
