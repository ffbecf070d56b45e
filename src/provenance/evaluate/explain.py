"""One article's evaluation in words: each gold claim, what was predicted, what went wrong."""

from __future__ import annotations

from provenance.evaluate.counts import claim_results, score_article, source_judgements
from provenance.evaluate.gold import GoldArticle
from provenance.evaluate.matching import (
    MATCH_NAMES,
    ClaimResult,
    FlatResult,
    HopMatch,
    boilerplate_claims,
    normalise,
)
from provenance.evaluate.report import fmt
from provenance.models import Analysis, Claim


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
        f"{key} {fmt(value).strip()}" for key, value in score.counts.metrics(gold.scheme).items()
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
    return "\n".join(lines + _source_errors(gold, analysis)).rstrip() + "\n"


def _source_errors(gold: GoldArticle, analysis: Analysis) -> list[str]:
    """The predicted sources whose type or anonymity differs from the gold source they match."""
    lines = []
    for judgement in source_judgements(gold, analysis):
        source, hop = gold.sources[judgement.gold_id], judgement.hop
        wrong = []
        if judgement.type_ok is False:
            wrong.append(f"type {hop.type}, gold {source.type}")
        if judgement.anonymity_ok is False:
            wrong.append(f"anonymous {hop.anonymous}, gold {source.anonymous}")
        if wrong:
            label = f"{_clip(hop.name, 60)!r} = {_gold_label(gold, judgement.gold_id)}"
            lines.append(f"   {label}: {'; '.join(wrong)}")
    if not lines:
        return []
    return ["", f"Sources typed or marked wrongly ({len(lines)}):", *lines]
