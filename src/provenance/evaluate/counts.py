"""Additive counts per article and the figures computed from them."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields

from provenance.evaluate.gold import GoldArticle, Scheme
from provenance.evaluate.matching import (
    ClaimResult,
    FlatResult,
    SourceMatcher,
    boilerplate_claims,
    find_claim,
    score_claim,
    score_flat_claim,
)
from provenance.models import Analysis, Hop

#: The project's targets on the dev set (the figures ``format_table`` compares against).
TARGETS: dict[str, float] = {
    "claim_recall": 0.95,
    "boilerplate": 0,
    "speaker_f1": 0.85,
    "link_f1": 0.80,
    "exact_chains": 0.60,
    "type_accuracy": 0.90,
    "anonymity_accuracy": 0.90,
    "speaker_recall": 0.75,
}


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


@dataclass
class Counts:
    """Additive counts behind every figure; summing them over articles gives micro-averages."""

    claims: int = 0  # gold claims scored (not ambiguous)
    claims_matched: int = 0
    boilerplate: int = 0
    attributed: int = 0  # scored gold claims with a non-empty chain
    exact: int = 0
    speaker_tp: int = 0
    speaker_fp: int = 0
    speaker_fn: int = 0
    link_tp: int = 0
    link_fp: int = 0
    link_fn: int = 0
    typed: int = 0
    type_correct: int = 0
    anon_judged: int = 0
    anon_correct: int = 0
    flat_claims: int = 0
    flat_hits: int = 0
    flat_named: int = 0
    flat_named_hits: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            **{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)}
        )

    @property
    def claim_recall(self) -> float | None:
        return _ratio(self.claims_matched, self.claims)

    @property
    def speaker_precision(self) -> float | None:
        return _ratio(self.speaker_tp, self.speaker_tp + self.speaker_fp)

    @property
    def speaker_recall(self) -> float | None:
        return _ratio(self.speaker_tp, self.speaker_tp + self.speaker_fn)

    @property
    def speaker_f1(self) -> float | None:
        return _ratio(2 * self.speaker_tp, 2 * self.speaker_tp + self.speaker_fp + self.speaker_fn)

    @property
    def link_precision(self) -> float | None:
        return _ratio(self.link_tp, self.link_tp + self.link_fp)

    @property
    def link_recall(self) -> float | None:
        return _ratio(self.link_tp, self.link_tp + self.link_fn)

    @property
    def link_f1(self) -> float | None:
        return _ratio(2 * self.link_tp, 2 * self.link_tp + self.link_fp + self.link_fn)

    @property
    def exact_chains(self) -> float | None:
        return _ratio(self.exact, self.attributed)

    @property
    def type_accuracy(self) -> float | None:
        return _ratio(self.type_correct, self.typed)

    @property
    def anonymity_accuracy(self) -> float | None:
        return _ratio(self.anon_correct, self.anon_judged)

    @property
    def flat_speaker_recall(self) -> float | None:
        return _ratio(self.flat_hits, self.flat_claims)

    @property
    def flat_speaker_recall_named(self) -> float | None:
        return _ratio(self.flat_named_hits, self.flat_named)

    def metrics(self, scheme: Scheme) -> dict[str, float | int | None]:
        """The figures of this scheme, by name (the JSON keys)."""
        common: dict[str, float | int | None] = {
            "claim_recall": self.claim_recall,
            "boilerplate": self.boilerplate,
        }
        if scheme == "flat":
            return {
                **common,
                "speaker_recall": self.flat_speaker_recall,
                "speaker_recall_named": self.flat_speaker_recall_named,
            }
        return {
            **common,
            "speaker_precision": self.speaker_precision,
            "speaker_recall": self.speaker_recall,
            "speaker_f1": self.speaker_f1,
            "link_precision": self.link_precision,
            "link_recall": self.link_recall,
            "link_f1": self.link_f1,
            "exact_chains": self.exact_chains,
            "type_accuracy": self.type_accuracy,
            "anonymity_accuracy": self.anonymity_accuracy,
        }


@dataclass
class ArticleScore:
    """The counts of one article, and why it may have no analysis."""

    name: str
    scheme: Scheme
    counts: Counts
    error: str | None = None  # set when the article could not be analysed

    def to_dict(self) -> dict[str, object]:
        return {
            "article": self.name,
            "scheme": self.scheme,
            "error": self.error,
            **self.counts.metrics(self.scheme),
            "counts": asdict(self.counts),
        }


@dataclass(frozen=True)
class SourceJudgement:
    """One predicted source judged against the gold source it matches."""

    hop: Hop
    gold_id: str
    type_ok: bool | None  # None: the gold gives no type (or the source is an authored document)
    anonymity_ok: bool | None


def source_judgements(gold: GoldArticle, analysis: Analysis) -> list[SourceJudgement]:
    """Type and anonymity of each predicted source, once per (source, gold source) pair."""
    matcher = SourceMatcher(gold)
    judged: set[tuple[str, str]] = set()
    out = []
    for claim in analysis.claims:
        for hop in claim.chain:
            match = matcher.resolve(hop)
            if match.source_id is None or (hop.source_id, match.source_id) in judged:
                continue
            judged.add((hop.source_id, match.source_id))
            source = gold.sources[match.source_id]
            if source.author is not None:
                continue
            type_ok = None if source.type is None else hop.type == source.type
            anon_ok = None if source.anonymous is None else hop.anonymous == source.anonymous
            out.append(SourceJudgement(hop, match.source_id, type_ok, anon_ok))
    return out


def _type_counts(gold: GoldArticle, analysis: Analysis) -> Counts:
    """Type and anonymity accuracy over the predicted sources that match a gold source."""
    counts = Counts()
    for judgement in source_judgements(gold, analysis):
        if judgement.type_ok is not None:
            counts.typed += 1
            counts.type_correct += judgement.type_ok
        if judgement.anonymity_ok is not None:
            counts.anon_judged += 1
            counts.anon_correct += judgement.anonymity_ok
    return counts


def claim_results(gold: GoldArticle, analysis: Analysis) -> list[ClaimResult | FlatResult]:
    """The outcome of every scored gold claim, in gold order."""
    matcher = SourceMatcher(gold)
    results: list[ClaimResult | FlatResult] = []
    for gold_claim in gold.scored_claims:
        predicted = find_claim(analysis.claims, gold.text, gold_claim.anchor)
        if gold.scheme == "flat":
            results.append(score_flat_claim(gold_claim, predicted, gold))
        else:
            results.append(score_claim(gold_claim, predicted, matcher))
    return results


def score_article(gold: GoldArticle, analysis: Analysis) -> ArticleScore:
    """All counts of one article."""
    counts = _type_counts(gold, analysis)
    counts.boilerplate = len(boilerplate_claims(gold, analysis.claims))
    for result in claim_results(gold, analysis):
        counts.claims += 1
        counts.claims_matched += result.predicted is not None
        if isinstance(result, FlatResult):
            counts.flat_claims += 1
            counts.flat_hits += result.hit
            if not result.source.pronoun:
                counts.flat_named += 1
                counts.flat_named_hits += result.hit
            continue
        counts.attributed += bool(result.required)
        counts.exact += result.exact
        counts.speaker_tp += result.speaker == "tp"
        counts.speaker_fp += result.speaker in ("fp", "wrong")
        counts.speaker_fn += result.speaker in ("fn", "wrong")
        counts.link_tp += result.link_tp
        counts.link_fp += result.link_fp
        counts.link_fn += result.link_fn
    return ArticleScore(gold.name, gold.scheme, counts)
