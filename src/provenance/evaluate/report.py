"""An evaluation run: every gold article scored, printed as tables or JSON."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from provenance.errors import InputError, ProvenanceError
from provenance.evaluate.counts import TARGETS, ArticleScore, Counts, score_article
from provenance.evaluate.gold import GoldArticle, Scheme, load_gold
from provenance.models import Analysis, Article
from provenance.pipeline import analyze_articles


def _empty_analysis(gold: GoldArticle) -> Analysis:
    return Analysis(article=Article(id=gold.name, text=gold.text))


@dataclass
class EvalReport:
    """Per-article and overall figures of one evaluation, printable and serialisable."""

    articles: list[ArticleScore]
    skipped: list[str] = field(default_factory=list)  # gold files that could not be read

    @property
    def overall(self) -> Counts:
        """Counts summed over articles: every figure micro-averaged over claims and pairs."""
        return sum((article.counts for article in self.articles), Counts())

    @property
    def scheme(self) -> Scheme:
        """``flat`` when every article is annotated flat, else ``chains``."""
        flat = self.articles and all(article.scheme == "flat" for article in self.articles)
        return "flat" if flat else "chains"

    def to_json(self) -> str:
        """The report as JSON: overall figures and counts, then each article."""
        overall = self.overall
        return json.dumps(
            {
                "scheme": self.scheme,
                "overall": {**overall.metrics(self.scheme), "counts": asdict(overall)},
                "targets": TARGETS,
                "articles": [article.to_dict() for article in self.articles],
                "skipped": self.skipped,
            },
            indent=2,
        )

    def format_table(self) -> str:
        """A per-article table, then the overall figures against the targets (last lines)."""
        lines = [f"skipped: {reason}" for reason in self.skipped]
        lines += _article_table(self.articles, self.scheme)
        lines += _overall_block(self.overall, self.scheme, len(self.articles))
        return "\n".join(lines)


def evaluate(
    golds: Sequence[GoldArticle], analyses: Mapping[str, Analysis | ProvenanceError]
) -> EvalReport:
    """Score each gold article against its analysis (keyed by article name).

    An article without an analysis, or whose analysis failed (an error in ``analyses``), is
    scored as if nothing had been found, and the reason is kept in its score.
    """
    scores = []
    for gold in golds:
        analysis = analyses.get(gold.name)
        if isinstance(analysis, Analysis):
            scores.append(score_article(gold, analysis))
            continue
        score = score_article(gold, _empty_analysis(gold))
        score.error = str(analysis) if analysis is not None else "no analysis"
        scores.append(score)
    return EvalReport(scores)


AnalyzeFn = Callable[[list[Article]], Iterable[Analysis | ProvenanceError]]


def run(gold_dir: Path, analyze_fn: AnalyzeFn = analyze_articles) -> EvalReport:
    """Load the gold of ``gold_dir``, analyse every article text, and score the analyses.

    ``analyze_fn`` takes the articles (id = file stem, text exactly as read) and yields one
    Analysis or error per article, in order; by default the engine's
    :func:`provenance.pipeline.analyze_articles`.
    """
    errors: list[InputError] = []
    golds = load_gold(Path(gold_dir), errors)
    articles = [Article(id=gold.name, text=gold.text) for gold in golds]
    results = list(analyze_fn(articles))
    if len(results) != len(articles):
        raise ProvenanceError(
            f"analysis returned {len(results)} results for {len(articles)} articles"
        )
    report = evaluate(
        golds, {article.id: result for article, result in zip(articles, results, strict=True)}
    )
    report.skipped = [str(err) for err in errors]
    return report


def fmt(value: float | int | None, width: int = 5) -> str:
    if value is None:
        return "-".rjust(width)
    if isinstance(value, int):
        return str(value).rjust(width)
    return f"{value:.2f}".rjust(width)


_CHAIN_COLUMNS = (
    ("claims", "claims"),
    ("recall", "claim_recall"),
    ("boiler", "boilerplate"),
    ("spk P", "speaker_precision"),
    ("spk R", "speaker_recall"),
    ("spk F1", "speaker_f1"),
    ("link P", "link_precision"),
    ("link R", "link_recall"),
    ("link F1", "link_f1"),
    ("exact", "exact_chains"),
    ("type", "type_accuracy"),
    ("anon", "anonymity_accuracy"),
)
_FLAT_COLUMNS = (
    ("claims", "claims"),
    ("recall", "claim_recall"),
    ("boiler", "boilerplate"),
    ("spk R", "speaker_recall"),
    ("named R", "speaker_recall_named"),
)


def _article_table(articles: Sequence[ArticleScore], scheme: Scheme) -> list[str]:
    columns = _FLAT_COLUMNS if scheme == "flat" else _CHAIN_COLUMNS
    width = max([len("article"), *(len(article.name) for article in articles)])
    header = "article".ljust(width) + "".join(f"  {title:>7}" for title, _ in columns)
    lines = [header, "-" * len(header)]
    for article in articles:
        values = {"claims": article.counts.claims, **article.counts.metrics(scheme)}
        row = article.name.ljust(width) + "".join(f"  {fmt(values[key], 7)}" for _, key in columns)
        lines.append(row + (f"  ({article.error})" if article.error else ""))
    return lines


def _target(key: str, value: float | int | None) -> str:
    goal = TARGETS[key]
    met = value is not None and value >= goal
    return f"(target >= {goal:.2f}){'' if met else '  BELOW'}"


def _overall_block(c: Counts, scheme: Scheme, n_articles: int) -> list[str]:
    head = f"OVERALL  {n_articles} articles, {c.claims} gold claims scored"
    recall = f"claim recall         {fmt(c.claim_recall)}  ({c.claims_matched}/{c.claims})"
    if scheme == "flat":
        return [
            "",
            head,
            f"{recall}  boilerplate {c.boilerplate}",
            f"speaker_recall       {fmt(c.flat_speaker_recall)}  ({c.flat_hits}/{c.flat_claims})  "
            + _target("speaker_recall", c.flat_speaker_recall),
            f"speaker_recall_named {fmt(c.flat_speaker_recall_named)}  "
            f"({c.flat_named_hits}/{c.flat_named}, pronoun sources left out)",
        ]
    return [
        "",
        f"{head} ({c.attributed} attributed)",
        f"{recall}  {_target('claim_recall', c.claim_recall)}",
        f"boilerplate claims   {fmt(c.boilerplate)}  (target {TARGETS['boilerplate']})",
        f"speaker P / R        {fmt(c.speaker_precision)} / {fmt(c.speaker_recall)}"
        f"  (tp {c.speaker_tp}, fp {c.speaker_fp}, fn {c.speaker_fn})",
        f"speaker F1           {fmt(c.speaker_f1)}  {_target('speaker_f1', c.speaker_f1)}",
        f"link P / R           {fmt(c.link_precision)} / {fmt(c.link_recall)}"
        f"  (tp {c.link_tp}, fp {c.link_fp}, fn {c.link_fn})",
        f"link F1              {fmt(c.link_f1)}  {_target('link_f1', c.link_f1)}",
        f"exact chains         {fmt(c.exact_chains)}  ({c.exact}/{c.attributed})  "
        + _target("exact_chains", c.exact_chains),
        f"type accuracy        {fmt(c.type_accuracy)}  ({c.type_correct}/{c.typed})  "
        + _target("type_accuracy", c.type_accuracy),
        f"anonymity accuracy   {fmt(c.anonymity_accuracy)}  ({c.anon_correct}/{c.anon_judged})  "
        + _target("anonymity_accuracy", c.anonymity_accuracy),
    ]
