"""Scoring analyses against hand-made gold annotations, by the rules of the dev set's GUIDELINES.md.

A gold directory holds ``articles/NAME.txt`` and ``gold/NAME.json``. Each gold claim is found in
the predictions by its anchor, each predicted hop is resolved to a gold source by its mention
text or its resolved name, and the counts are summed over articles (micro-averaged).

Readings of the guidelines where the wording leaves a choice, made explicit here:

- Gold claims that no predicted claim covers still count against recall: an attributed one is a
  speaker false negative and each of its required sources a link false negative (the prediction
  for it is, in effect, empty). Predicted claims that match no gold claim are scored only as
  boilerplate; the gold does not say who asserts them.
- Both chains are compared in one vocabulary: a document with an ``author`` is replaced by its
  author, optional sources (mapped the same way, minus any that are also required) are left out,
  then consecutive repeats collapse. A predicted hop that matches no gold source keeps its own
  key (its normalised name), so it is a false positive link and breaks an exact chain.
- Type and anonymity accuracy are judged on the hops, not on ``Analysis.sources``: the guidelines
  define "a predicted source" as the thing compared by its ``text`` (the mention at the
  attribution) and its ``name``, which is what a hop is, and a hop carries the type and anonymity
  the user sees in the chain. Each predicted source counts once per gold source it matches
  (keyed by ``Hop.source_id``), over the hops of all predicted claims; gold documents with an
  author and gold sources without a type (flat files) are not judged.
- Normalisation drops dots and apostrophes inside words ("U.S." -> "us") and turns other
  punctuation into spaces ("Japan-Soviet" -> "japan soviet"), so abbreviations and hyphenated
  names compare either way they are written.
- "Overlap a not_claims string" means the claim's span overlaps an occurrence of the string, or
  its text contains it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

from provenance.errors import InputError, ProvenanceError
from provenance.models import Analysis, Article, Claim, Hop, SourceType
from provenance.pipeline import analyze_articles

Scheme = Literal["chains", "flat"]

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

# --------------------------------------------------------------------------------------------
# Gold schema


class _Gold(BaseModel):
    # Tolerant of fields added by later annotation rounds; ids and anchors are checked below.
    model_config = ConfigDict(extra="ignore", frozen=True)


class GoldSource(_Gold):
    """One entity of the article, with every surface form that names it."""

    aliases: list[str]
    type: SourceType | None = None
    anonymous: bool | None = None
    role: str | None = None
    author: str | None = None
    pronoun: bool = False


class GoldClaim(_Gold):
    """A claim located by a unique anchor substring, with its chain origin-first."""

    anchor: str
    chain: list[str]
    optional: list[str] = []
    ambiguous: bool = False
    disputed: bool = False


class GoldArticle(_Gold):
    """One annotated article: its text as read and its annotation."""

    name: str
    text: str
    scheme: Scheme = "chains"
    sources: dict[str, GoldSource]
    claims: list[GoldClaim]
    not_claims: list[str] = []

    @model_validator(mode="after")
    def _check_references(self) -> GoldArticle:
        for sid, src in self.sources.items():
            if not src.aliases:
                raise ValueError(f"source {sid} has no alias")
            if src.author is not None and src.author not in self.sources:
                raise ValueError(f"source {sid} names unknown author {src.author}")
        for claim in self.claims:
            if claim.anchor not in self.text:
                raise ValueError(f"anchor not in the article text: {claim.anchor!r}")
            unknown = [s for s in [*claim.chain, *claim.optional] if s not in self.sources]
            if unknown:
                raise ValueError(f"claim {claim.anchor!r} names unknown sources {unknown}")
        return self

    @property
    def scored_claims(self) -> list[GoldClaim]:
        """The claims that count: all but the ambiguous ones."""
        return [claim for claim in self.claims if not claim.ambiguous]


def read_text(path: Path) -> str:
    """An article's text exactly as stored: no newline translation, so anchors and offsets agree."""
    with path.open(encoding="utf-8", newline="") as handle:
        return handle.read()


def load_gold_article(json_path: Path, text_path: Path) -> GoldArticle:
    """One gold article; any problem is an :class:`InputError` naming the file."""
    try:
        text = read_text(text_path)
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(f"cannot read article text: {err}", origin=str(text_path)) from err
    try:
        raw = json.loads(json_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise InputError(f"cannot read gold JSON: {err}", origin=str(json_path)) from err
    if not isinstance(raw, dict):
        raise InputError("gold JSON is not an object", origin=str(json_path))
    try:
        return GoldArticle.model_validate({**raw, "name": json_path.stem, "text": text})
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        problem = f"{where}: {first['msg']}" if where else first["msg"]
        raise InputError(f"invalid gold: {problem}", origin=str(json_path)) from err


def load_gold(gold_dir: Path, errors: list[InputError] | None = None) -> list[GoldArticle]:
    """Every annotated article of ``gold_dir``, sorted by name.

    A bad file raises, unless ``errors`` is given: then it is recorded there and skipped, so one
    broken annotation does not stop an evaluation.
    """
    gold_dir = Path(gold_dir)
    json_paths = sorted((gold_dir / "gold").glob("*.json"))
    if not json_paths:
        raise InputError("no gold/*.json files", origin=str(gold_dir))
    golds = []
    for json_path in json_paths:
        try:
            golds.append(
                load_gold_article(json_path, gold_dir / "articles" / f"{json_path.stem}.txt")
            )
        except InputError as err:
            if errors is None:
                raise
            errors.append(err)
    return golds


# --------------------------------------------------------------------------------------------
# Source matching

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'"})
_POSSESSIVE = re.compile(r"'s\b")
_JOINING = re.compile(r"[.']")
_SEPARATING = re.compile(r"[^\w\s]|_")
_LEADING_ARTICLE = re.compile(r"^(?:a|an|the) ")

#: Words that carry no identity of a source; everything else is a content word.
#: ("us" is left out: in news it is the country far more often than the pronoun.)
FUNCTION_WORDS = frozenset(
    """a an the this that these those some any each every all both either neither no
    of in on at by for from to with without into onto over under about above below between among
    through during before after against within across along around near off out up down upon via
    per than as and or but nor so yet if then because while whereas
    i me my mine we our ours you your yours he him his she her hers it its they them their theirs
    one who whom whose which what
    is are was were be been being am has have had do does did will would shall should can could
    may might must not also very just only more most other another such own same""".split()
)

#: Strength of a match between two normalised strings, strongest first.
EQUAL, CONTAINS, SHARED_WORDS, NO_MATCH = 3, 2, 1, 0
MATCH_NAMES = {EQUAL: "equal", CONTAINS: "contains", SHARED_WORDS: "shared words", NO_MATCH: "none"}


def normalise(text: str) -> str:
    """The comparable form of a source string (see the module docstring)."""
    norm = _POSSESSIVE.sub("", text.lower().translate(_APOSTROPHES))
    norm = " ".join(_SEPARATING.sub(" ", _JOINING.sub("", norm)).split())
    return _LEADING_ARTICLE.sub("", norm)


def content_words(norm: str) -> frozenset[str]:
    """The words of a normalised string that are not function words."""
    return frozenset(word for word in norm.split() if word not in FUNCTION_WORDS)


def match_strength(a: str, b: str) -> int:
    """How strongly two normalised strings match (EQUAL, CONTAINS, SHARED_WORDS or NO_MATCH)."""
    if not a or not b:
        return NO_MATCH
    if a == b:
        return EQUAL
    if len(a) >= 3 and len(b) >= 3:
        short, long = sorted((a, b), key=len)
        if f" {short} " in f" {long} ":
            return CONTAINS
    words_a, words_b = content_words(a), content_words(b)
    shared = len(words_a & words_b)
    if shared and 2 * shared >= len(words_a) and 2 * shared >= len(words_b):
        return SHARED_WORDS
    return NO_MATCH


@dataclass(frozen=True)
class HopMatch:
    """A predicted hop resolved against the gold sources of its article."""

    hop: Hop
    source_id: str | None  # the gold source it matched, None when none did
    strength: int
    alias: str | None  # the gold alias that matched
    key: str  # what chains are compared on: the author-mapped gold id, else "?" + its name


class SourceMatcher:
    """Resolves predicted hops to the gold sources of one article."""

    def __init__(self, gold: GoldArticle) -> None:
        self.gold = gold
        self._aliases = [
            (sid, alias, normalise(alias))
            for sid, src in gold.sources.items()
            for alias in src.aliases
        ]

    def canonical(self, source_id: str) -> str:
        """The hop a gold source stands for: a document with an author counts as its author."""
        return self.gold.sources[source_id].author or source_id

    def resolve(self, hop: Hop) -> HopMatch:
        """The strongest-matching gold source, ties going to the alias closest in length."""
        forms = [(normalise(hop.text), 0), (normalise(hop.name), 1)]
        best: tuple[tuple[int, int, int], str, str] | None = None
        for sid, alias, alias_norm in self._aliases:
            for form, is_name in forms:
                strength = match_strength(form, alias_norm)
                if strength == NO_MATCH:
                    continue
                # Full ties (two sources sharing an alias) go to the resolved name.
                rank = (strength, -abs(len(alias_norm) - len(form)), is_name)
                if best is None or rank > best[0]:
                    best = (rank, sid, alias)
        if best is None:
            fallback = forms[1][0] or forms[0][0] or hop.source_id
            return HopMatch(hop, None, NO_MATCH, None, f"?{fallback}")
        (strength, _, _), sid, alias = best
        return HopMatch(hop, sid, strength, alias, self.canonical(sid))


def hop_matches_source(hop: Hop, source: GoldSource) -> bool:
    """Whether a hop's text or name matches any alias of this one source (flat scheme)."""
    forms = (normalise(hop.text), normalise(hop.name))
    return any(match_strength(form, normalise(alias)) for alias in source.aliases for form in forms)


def collapse(keys: Iterable[str]) -> list[str]:
    """Consecutive repeats of one source merged into one hop."""
    out: list[str] = []
    for key in keys:
        if not out or out[-1] != key:
            out.append(key)
    return out


# --------------------------------------------------------------------------------------------
# Claim matching and per-claim outcomes


def claim_covers(claim: Claim, text: str, anchor: str) -> bool:
    """A predicted claim covers an anchor when its span or its text contains it."""
    return anchor in text[claim.start : claim.end] or anchor in claim.text


def find_claim(claims: Sequence[Claim], text: str, anchor: str) -> Claim | None:
    """The shortest predicted claim that covers the anchor."""
    covering = [claim for claim in claims if claim_covers(claim, text, anchor)]
    return min(covering, key=lambda claim: claim.end - claim.start, default=None)


def boilerplate_claims(gold: GoldArticle, claims: Sequence[Claim]) -> list[Claim]:
    """Predicted claims that overlap a ``not_claims`` string of the gold."""
    spans = []
    for junk in gold.not_claims:
        start = gold.text.find(junk)
        while junk and start >= 0:
            spans.append((start, start + len(junk)))
            start = gold.text.find(junk, start + 1)
    return [
        claim
        for claim in claims
        if any(claim.start < end and start < claim.end for start, end in spans)
        or any(junk and junk in claim.text for junk in gold.not_claims)
    ]


SpeakerOutcome = Literal["tp", "fp", "fn", "wrong", "none"]


@dataclass
class ClaimResult:
    """How one gold claim (chain scheme) fared: the basis of both scores and explanations."""

    gold: GoldClaim
    predicted: Claim | None
    required: list[str]  # gold chain, author-mapped and collapsed
    optional: set[str]
    hops: list[HopMatch]  # every predicted hop, resolved
    kept: list[str]  # predicted chain keys, optional left out, collapsed
    speaker: SpeakerOutcome
    link_tp: int
    link_fp: int
    link_fn: int

    @property
    def exact(self) -> bool:
        """Whether the predicted chain is the gold chain in order (attributed claims only)."""
        return bool(self.required) and self.kept == self.required


def score_claim(
    gold_claim: GoldClaim, predicted: Claim | None, matcher: SourceMatcher
) -> ClaimResult:
    """Compare one gold claim with the predicted claim matched to it (None when none was)."""
    required = collapse(matcher.canonical(sid) for sid in gold_claim.chain)
    optional = {matcher.canonical(sid) for sid in gold_claim.optional} - set(required)
    hops = [matcher.resolve(hop) for hop in predicted.chain] if predicted else []
    kept = collapse(match.key for match in hops if match.key not in optional)
    speaker: SpeakerOutcome
    if not required:
        speaker = "fp" if kept else "none"
    elif not kept:
        speaker = "fn"
    else:
        speaker = "tp" if kept[0] == required[0] else "wrong"
    gold_set, pred_set = set(required), set(kept)
    return ClaimResult(
        gold=gold_claim,
        predicted=predicted,
        required=required,
        optional=optional,
        hops=hops,
        kept=kept,
        speaker=speaker,
        link_tp=len(gold_set & pred_set),
        link_fp=len(pred_set - gold_set),
        link_fn=len(gold_set - pred_set),
    )


@dataclass
class FlatResult:
    """How one gold claim of a flat file fared: does the predicted speaker match the annotation."""

    gold: GoldClaim
    predicted: Claim | None
    source: GoldSource
    hit: bool


def score_flat_claim(
    gold_claim: GoldClaim, predicted: Claim | None, gold: GoldArticle
) -> FlatResult:
    """Flat scheme: the predicted claim's chain[0] against the one annotated source."""
    source = gold.sources[gold_claim.chain[0]]
    hit = bool(predicted and predicted.chain and hop_matches_source(predicted.chain[0], source))
    return FlatResult(gold_claim, predicted, source, hit)


# --------------------------------------------------------------------------------------------
# Scores


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


def _type_counts(gold: GoldArticle, analysis: Analysis, matcher: SourceMatcher) -> Counts:
    """Type and anonymity of each predicted source (per gold source it matches)."""
    counts = Counts()
    judged: set[tuple[str, str]] = set()
    for claim in analysis.claims:
        for hop in claim.chain:
            match = matcher.resolve(hop)
            if match.source_id is None or (hop.source_id, match.source_id) in judged:
                continue
            judged.add((hop.source_id, match.source_id))
            source = gold.sources[match.source_id]
            if source.author is not None:
                continue
            if source.type is not None:
                counts.typed += 1
                counts.type_correct += hop.type == source.type
            if source.anonymous is not None:
                counts.anon_judged += 1
                counts.anon_correct += hop.anonymous == source.anonymous
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
    matcher = SourceMatcher(gold)
    counts = _type_counts(gold, analysis, matcher)
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


# --------------------------------------------------------------------------------------------
# Presentation


def _fmt(value: float | int | None, width: int = 5) -> str:
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
        row = article.name.ljust(width) + "".join(f"  {_fmt(values[key], 7)}" for _, key in columns)
        lines.append(row + (f"  ({article.error})" if article.error else ""))
    return lines


def _target(key: str, value: float | int | None) -> str:
    goal = TARGETS[key]
    met = value is not None and value >= goal
    return f"(target >= {goal:.2f}){'' if met else '  BELOW'}"


def _overall_block(c: Counts, scheme: Scheme, n_articles: int) -> list[str]:
    head = f"OVERALL  {n_articles} articles, {c.claims} gold claims scored"
    recall = f"claim recall         {_fmt(c.claim_recall)}  ({c.claims_matched}/{c.claims})"
    if scheme == "flat":
        return [
            "",
            head,
            f"{recall}  boilerplate {c.boilerplate}",
            f"speaker_recall       {_fmt(c.flat_speaker_recall)}  ({c.flat_hits}/{c.flat_claims})  "
            + _target("speaker_recall", c.flat_speaker_recall),
            f"speaker_recall_named {_fmt(c.flat_speaker_recall_named)}  "
            f"({c.flat_named_hits}/{c.flat_named}, pronoun sources left out)",
        ]
    return [
        "",
        f"{head} ({c.attributed} attributed)",
        f"{recall}  {_target('claim_recall', c.claim_recall)}",
        f"boilerplate claims   {_fmt(c.boilerplate)}  (target {TARGETS['boilerplate']})",
        f"speaker P / R        {_fmt(c.speaker_precision)} / {_fmt(c.speaker_recall)}"
        f"  (tp {c.speaker_tp}, fp {c.speaker_fp}, fn {c.speaker_fn})",
        f"speaker F1           {_fmt(c.speaker_f1)}  {_target('speaker_f1', c.speaker_f1)}",
        f"link P / R           {_fmt(c.link_precision)} / {_fmt(c.link_recall)}"
        f"  (tp {c.link_tp}, fp {c.link_fp}, fn {c.link_fn})",
        f"link F1              {_fmt(c.link_f1)}  {_target('link_f1', c.link_f1)}",
        f"exact chains         {_fmt(c.exact_chains)}  ({c.exact}/{c.attributed})  "
        + _target("exact_chains", c.exact_chains),
        f"type accuracy        {_fmt(c.type_accuracy)}  ({c.type_correct}/{c.typed})  "
        + _target("type_accuracy", c.type_accuracy),
        f"anonymity accuracy   {_fmt(c.anonymity_accuracy)}  ({c.anon_correct}/{c.anon_judged})  "
        + _target("anonymity_accuracy", c.anonymity_accuracy),
    ]


def _clip(text: str, limit: int = 150) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _gold_label(gold: GoldArticle, key: str) -> str:
    if key.startswith("?"):
        return f"<no gold source: {_clip(key[1:], 60)!r}>"
    return f"{key} {_clip(gold.sources[key].aliases[0], 60)!r}"


def _hop_label(match: HopMatch, optional: set[str]) -> str:
    said = repr(_clip(match.hop.text, 80))
    if normalise(match.hop.name) != normalise(match.hop.text):
        said += f" ({_clip(match.hop.name, 60)})"
    if match.source_id is None:
        return f"{said} -> no gold source"
    via = f" = author {match.key}" if match.key != match.source_id else ""
    extra = ", optional" if match.key in optional else ""
    alias = _clip(match.alias or "", 60)
    return f"{said} -> {match.source_id}{via} [{MATCH_NAMES[match.strength]} {alias!r}{extra}]"


def _claim_line(claim: Claim | None) -> str:
    if claim is None:
        return "predicted: none contains the anchor"
    return f"predicted {claim.id} [{claim.start}:{claim.end}] {_clip(claim.text)!r}"


def _chain_verdicts(result: ClaimResult, gold: GoldArticle) -> list[str]:
    """The errors of one chain-scheme claim, in words."""
    if result.predicted is None:
        return ["MISSED CLAIM (claim FN" + (", speaker FN, link FN)" if result.required else ")")]
    verdicts = []
    if result.speaker == "wrong":
        verdicts.append(
            f"WRONG SPEAKER (speaker FP+FN): predicted {_gold_label(gold, result.kept[0])}, "
            f"gold {_gold_label(gold, result.required[0])}"
        )
    elif result.speaker == "fn":
        verdicts.append(
            "MISSING SPEAKER (speaker FN): empty chain predicted for an attributed claim"
        )
    elif result.speaker == "fp":
        verdicts.append("SPURIOUS CHAIN (speaker FP): gold is the article's own voice")
    gold_set = set(result.required)
    verdicts += [
        f"missing link (FN): {_gold_label(gold, key)}"
        for key in result.required
        if key not in result.kept
    ]
    verdicts += [
        f"extra hop (FP): {_gold_label(gold, key)}" for key in result.kept if key not in gold_set
    ]
    if result.required and not result.exact and not verdicts:
        verdicts.append("CHAIN ORDER differs (not exact)")
    return verdicts or ["ok"]


def _explain_chain_claim(result: ClaimResult, gold: GoldArticle) -> list[str]:
    gold_chain = (
        " -> ".join(_gold_label(gold, key) for key in result.required) or "(article's voice)"
    )
    optional = ", ".join(sorted(result.optional))
    lines = [
        f"   {_claim_line(result.predicted)}",
        f"   gold chain: {gold_chain}" + (f"   optional: {optional}" if optional else ""),
    ]
    if result.predicted is not None:
        lines.append("   pred chain:" + ("" if result.hops else " (empty)"))
        lines += [f"      {_hop_label(match, result.optional)}" for match in result.hops]
    verdicts = _chain_verdicts(result, gold)
    lines.append(f"   => {verdicts[0]}")  # "   => ok" when there is no error
    lines += [f"      {verdict}" for verdict in verdicts[1:]]
    return lines


def _explain_flat_claim(result: FlatResult) -> list[str]:
    pronoun = " (pronoun)" if result.source.pronoun else ""
    lines = [
        f"   {_claim_line(result.predicted)}",
        f"   gold speaker: {result.source.aliases[0]!r}{pronoun}",
    ]
    if result.predicted is not None:
        first = result.predicted.chain[0] if result.predicted.chain else None
        said = f"{first.text!r} ({first.name})" if first else "(empty chain)"
        lines.append(f"   pred speaker: {said}")
    verdict = (
        "ok"
        if result.hit
        else "MISSED CLAIM"
        if result.predicted is None
        else "WRONG/MISSING SPEAKER"
    )
    return [*lines, f"   => {verdict}"]


def explain(gold: GoldArticle, analysis: Analysis, *, errors_only: bool = False) -> str:
    """A readable account of one article: each gold claim, what was predicted, what went wrong.

    ``errors_only`` leaves out the claims scored without error and the unscored ones.
    """
    score = score_article(gold, analysis)
    figures = ", ".join(
        f"{key} {_fmt(value).strip()}" for key, value in score.counts.metrics(gold.scheme).items()
    )
    lines = [f"== {gold.name} ({gold.scheme}): {figures}", ""]
    results = iter(claim_results(gold, analysis))
    matched_ids = set()
    for number, gold_claim in enumerate(gold.claims, 1):
        head = f"#{number} anchor {gold_claim.anchor!r}"
        if gold_claim.ambiguous:
            why = "disputed between annotators" if gold_claim.disputed else "ambiguous"
            lines += [] if errors_only else [head, f"   not scored ({why})", ""]
            continue
        result = next(results)
        if result.predicted is not None:
            matched_ids.add(result.predicted.id)
        if isinstance(result, FlatResult):
            block = _explain_flat_claim(result)
        else:
            block = _explain_chain_claim(result, gold)
        if not (errors_only and block[-1] == "   => ok"):  # the verdict closes each block
            lines += [head, *block, ""]
    junk = boilerplate_claims(gold, analysis.claims)
    if junk:
        lines.append(f"Boilerplate predicted as claims ({len(junk)}):")
        lines += [f"   {claim.id} {_clip(claim.text)!r}" for claim in junk]
    unmatched = [
        claim for claim in analysis.claims if claim.id not in matched_ids and claim not in junk
    ]
    if unmatched:
        lines.append(f"Predicted claims matching no gold claim, not scored ({len(unmatched)}):")
        for claim in unmatched:
            chain = " -> ".join(hop.name for hop in claim.chain) or "(no chain)"
            lines.append(f"   {claim.id} {_clip(claim.text, 100)!r}  chain: {chain}")
    return "\n".join(lines).rstrip() + "\n"
