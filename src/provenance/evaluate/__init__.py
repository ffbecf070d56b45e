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

Modules: ``gold`` (schema, loading), ``matching`` (hops to gold sources, claim outcomes),
``counts`` (figures), ``report`` (a run, tables, JSON), ``explain`` (one article in words).
"""

from provenance.evaluate.counts import TARGETS, ArticleScore, Counts, claim_results, score_article
from provenance.evaluate.explain import explain
from provenance.evaluate.gold import GoldArticle, GoldClaim, GoldSource, Scheme, load_gold
from provenance.evaluate.matching import (
    CONTAINS,
    EQUAL,
    NO_MATCH,
    SHARED_WORDS,
    SourceMatcher,
    match_strength,
    normalise,
)
from provenance.evaluate.report import EvalReport, evaluate, run

__all__ = [
    "CONTAINS",
    "EQUAL",
    "NO_MATCH",
    "SHARED_WORDS",
    "TARGETS",
    "ArticleScore",
    "Counts",
    "EvalReport",
    "GoldArticle",
    "GoldClaim",
    "GoldSource",
    "Scheme",
    "SourceMatcher",
    "claim_results",
    "evaluate",
    "explain",
    "load_gold",
    "match_strength",
    "normalise",
    "run",
    "score_article",
]
