"""The evaluation rules of the dev set's GUIDELINES.md, one hand-made case per rule, then the
real dev set scored against itself."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from provenance.errors import InputError
from provenance.evaluate import (
    CONTAINS,
    EQUAL,
    NO_MATCH,
    SHARED_WORDS,
    GoldArticle,
    SourceMatcher,
    evaluate,
    explain,
    load_gold,
    match_strength,
    normalise,
    run,
    score_article,
)
from provenance.models import Analysis, Article, Claim, Hop

SHARED_EVAL = Path(__file__).resolve().parents[1].parent / "shared" / "eval"

TEXT = (
    "print PRINT\n\n"
    "Islands deal is off: secret report\n\n"
    "“No transfer of Etorofu is planned,” said a Russian official, according to a top secret "
    "report Shukan Bunshun obtained through Takeo Harada. Harada said the report is genuine. "
    "The summit will be held this month. The Foreign Ministry’s spokesman declined to comment, "
    "but the ministry said talks continue.\n\n"
    "Trending Japan"
)

SOURCES: dict[str, Any] = {
    "S1": {"aliases": ["a Russian official"], "type": "person", "anonymous": True},
    "S2": {"aliases": ["a top secret report", "the report"], "type": "document", "anonymous": True},
    "S3": {"aliases": ["Takeo Harada", "Harada"], "type": "person", "anonymous": False},
    "S4": {"aliases": ["Shukan Bunshun"], "type": "media", "anonymous": False},
    "S5": {"aliases": ["The Foreign Ministry"], "type": "organization", "anonymous": False},
}


def gold_article(claims: list[dict[str, Any]], **extra: Any) -> GoldArticle:
    data = {"sources": SOURCES, "claims": claims, "not_claims": ["print PRINT", "Trending Japan"]}
    return GoldArticle.model_validate({"name": "mini", "text": TEXT, **data, **extra})


def hop(text: str, name: str | None = None, **fields: Any) -> Hop:
    defaults: dict[str, Any] = {"type": "person", "anonymous": False}
    return Hop(source_id=name or text, text=text, name=name or text, **{**defaults, **fields})


def claim(fragment: str, *hops: Hop, text: str = TEXT) -> Claim:
    start = text.index(fragment)
    end = start + len(fragment)
    return Claim(id=f"c{start}", text=fragment, start=start, end=end, kind="assertion", chain=hops)


def analysis(*claims: Claim, text: str = TEXT) -> Analysis:
    return Analysis(article=Article(id="mini", text=text), claims=list(claims))


ORIGIN = "No transfer of Etorofu is planned"
QUOTE_SENTENCE = TEXT[TEXT.index("“No") : TEXT.index("Harada.") + len("Harada.")]
FULL_CHAIN = ["S1", "S2", "S3", "S4"]


# --- normalisation and source matching ---------------------------------------------------------


def test_normalise_lowercases_straightens_drops_possessive_punctuation_and_article() -> None:
    assert normalise("The Foreign Ministry’s") == "foreign ministry"
    assert normalise("BBC's Jonathan Marcus") == "bbc jonathan marcus"
    assert normalise("U.S. officials") == normalise("US officials") == "us officials"
    assert (
        normalise("the 1956 Japan-Soviet Joint Declaration")
        == "1956 japan soviet joint declaration"
    )
    assert normalise("a\u00a0top secret report") == "top secret report"
    assert normalise("An official, (retired)") == "official retired"
    assert normalise("Theodore") == "theodore"  # only a whole leading article goes


def test_hop_matches_alias_after_normalisation() -> None:
    matcher = SourceMatcher(gold_article([]))
    match = matcher.resolve(hop("the Foreign Ministry’s"))
    assert (match.source_id, match.strength) == ("S5", EQUAL)


def test_containment_needs_whole_words_and_three_characters_each_side() -> None:
    assert match_strength("harada", "takeo harada") == CONTAINS
    assert match_strength("takeo harada", "harada") == CONTAINS
    assert match_strength("rendell", "ed rendell former governor") == CONTAINS
    # "ed" is whole words of the longer name but shorter than 3 characters
    assert match_strength("ed", "ed rendell former governor") == NO_MATCH
    # "ren" is inside "rendell" but not a whole word
    assert match_strength("ren", "ed rendell") == NO_MATCH


def test_shared_words_need_half_the_content_words_of_each_side() -> None:
    # {foreign, ministry, spokesman} vs {spokesman, ministry}: 2 of 3 and 2 of 2
    assert match_strength("foreign ministry spokesman", "spokesman for ministry") == SHARED_WORDS
    # {white, house, press, secretary} vs {house, speaker}: 1 of 4 is less than half
    assert match_strength("white house press secretary", "house speaker") == NO_MATCH
    # function words alone are no evidence
    assert match_strength("he", "it") == NO_MATCH
    assert match_strength("of the", "in the") == NO_MATCH


def test_strongest_match_wins_then_alias_closest_in_length() -> None:
    sources = {
        "S1": {"aliases": ["Ministry"], "type": "organization"},
        "S2": {"aliases": ["Foreign Ministry"], "type": "organization"},
        "S3": {"aliases": ["former Foreign Ministry official Takeo Harada"], "type": "person"},
        "S4": {"aliases": ["Takeo Harada Jr."], "type": "person"},
    }
    gold = GoldArticle.model_validate({"name": "m", "text": TEXT, "sources": sources, "claims": []})
    matcher = SourceMatcher(gold)
    # equal to S2 beats containing S1, though S1 comes first
    assert matcher.resolve(hop("the Foreign Ministry")).source_id == "S2"
    # contained in both S3 and S4: the alias closest in length wins
    assert matcher.resolve(hop("Takeo Harada")).source_id == "S4"
    # the text is a pronoun, the resolved name decides
    assert matcher.resolve(hop("he", "Foreign Ministry")).source_id == "S2"
    assert matcher.resolve(hop("he", "Nobody Known")).source_id is None


# --- claims --------------------------------------------------------------------------------------


def test_shortest_covering_claim_counts_and_may_match_several_gold_claims() -> None:
    gold = gold_article(
        [
            {"anchor": ORIGIN, "chain": ["S1"]},
            {"anchor": "Shukan Bunshun obtained", "chain": []},
            {"anchor": "The summit will be held", "chain": []},
        ]
    )
    long_claim = claim(QUOTE_SENTENCE + " Harada said", hop("Takeo Harada"))
    short_claim = claim(QUOTE_SENTENCE, hop("a Russian official"))
    score = score_article(gold, analysis(long_claim, short_claim))
    assert score.counts.claims_matched == 2 and score.counts.claim_recall == pytest.approx(2 / 3)
    # the short claim is the one scored for both anchors: the Russian official is right for the
    # first and a spurious chain for the second
    assert (score.counts.speaker_tp, score.counts.speaker_fp, score.counts.speaker_fn) == (1, 1, 0)


def test_claim_matches_by_text_when_its_span_is_off() -> None:
    gold = gold_article([{"anchor": "The summit will be held", "chain": []}])
    moved = claim("The summit will be held this month.").model_copy(update={"start": 0, "end": 5})
    assert score_article(gold, analysis(moved)).counts.claims_matched == 1


def test_ambiguous_claims_are_not_scored() -> None:
    gold = gold_article([{"anchor": ORIGIN, "chain": ["S1"], "ambiguous": True}])
    score = score_article(gold, analysis(claim(QUOTE_SENTENCE, hop("Harada"))))
    assert score.counts.claims == 0 and score.counts.speaker_fp == 0 and score.counts.link_fp == 0


def test_unmatched_attributed_gold_claim_is_speaker_and_link_false_negative() -> None:
    gold = gold_article([{"anchor": ORIGIN, "chain": FULL_CHAIN}])
    counts = score_article(gold, analysis()).counts
    assert (counts.claims_matched, counts.speaker_fn, counts.link_fn, counts.exact) == (0, 1, 4, 0)


def test_boilerplate_claims_overlap_a_not_claims_string() -> None:
    gold = gold_article([])
    spanning = claim("PRINT\n\nIslands deal is off")
    partial = claim("Trending")
    clean = claim("The summit will be held this month.")
    assert score_article(gold, analysis(spanning, partial, clean)).counts.boilerplate == 2


# --- chains --------------------------------------------------------------------------------------


def test_exact_chain_in_order_scores_every_metric() -> None:
    gold = gold_article([{"anchor": ORIGIN, "chain": FULL_CHAIN}])
    hops = [hop("a Russian official"), hop("a top secret report"), hop("Takeo Harada"),
            hop("Shukan Bunshun")]  # fmt: skip
    counts = score_article(gold, analysis(claim(QUOTE_SENTENCE, *hops))).counts
    assert (counts.speaker_tp, counts.link_tp, counts.link_fp, counts.exact) == (1, 4, 0, 1)
    shuffled = [hops[0], hops[2], hops[1], hops[3]]
    counts = score_article(gold, analysis(claim(QUOTE_SENTENCE, *shuffled))).counts
    # order is ignored for links, not for exact chains
    assert (counts.speaker_tp, counts.link_tp, counts.link_fp, counts.exact) == (1, 4, 0, 0)


def test_wrong_speaker_is_both_false_positive_and_false_negative() -> None:
    gold = gold_article([{"anchor": ORIGIN, "chain": ["S1"]}])
    counts = score_article(gold, analysis(claim(QUOTE_SENTENCE, hop("Harada")))).counts
    assert (counts.speaker_tp, counts.speaker_fp, counts.speaker_fn) == (0, 1, 1)
    assert (counts.link_tp, counts.link_fp, counts.link_fn) == (0, 1, 1)
    assert counts.speaker_f1 == 0.0


def test_hop_matching_no_gold_source_is_a_wrong_speaker_and_a_false_link() -> None:
    gold = gold_article([{"anchor": ORIGIN, "chain": ["S1"]}])
    counts = score_article(gold, analysis(claim(QUOTE_SENTENCE, hop("Vladimir Putin")))).counts
    assert (counts.speaker_fp, counts.speaker_fn, counts.link_fp, counts.link_fn) == (1, 1, 1, 1)


def test_chain_for_articles_own_voice_is_a_false_positive() -> None:
    gold = gold_article([{"anchor": "The summit will be held", "chain": []}])
    counts = score_article(gold, analysis(claim("The summit will be held", hop("Harada")))).counts
    assert (counts.speaker_fp, counts.speaker_fn, counts.link_fp, counts.attributed) == (1, 0, 1, 0)
    counts = score_article(gold, analysis(claim("The summit will be held"))).counts
    assert (counts.speaker_fp, counts.speaker_fn, counts.link_fp) == (0, 0, 0)


def test_empty_prediction_for_attributed_claim_is_a_false_negative() -> None:
    gold = gold_article([{"anchor": ORIGIN, "chain": ["S1", "S2"]}])
    counts = score_article(gold, analysis(claim(QUOTE_SENTENCE))).counts
    assert (counts.speaker_fp, counts.speaker_fn, counts.link_fn, counts.exact) == (0, 1, 2, 0)


def test_consecutive_repeats_of_one_source_collapse() -> None:
    gold = gold_article([{"anchor": "the report is genuine", "chain": ["S3"]}])
    repeated = claim("Harada said the report is genuine", hop("Harada"), hop("he", "Takeo Harada"))
    counts = score_article(gold, analysis(repeated)).counts
    assert (counts.speaker_tp, counts.link_tp, counts.link_fp, counts.exact) == (1, 1, 0, 1)
    # not consecutive: no collapse, so the chain is not the gold one
    gold = gold_article([{"anchor": ORIGIN, "chain": ["S3", "S2"]}])
    apart = claim(QUOTE_SENTENCE, hop("Harada"), hop("the report"), hop("Takeo Harada"))
    counts = score_article(gold, analysis(apart)).counts
    assert (counts.speaker_tp, counts.link_tp, counts.link_fp, counts.exact) == (1, 2, 0, 0)


def test_optional_hops_are_left_out_on_both_sides() -> None:
    gold = gold_article([{"anchor": ORIGIN, "chain": ["S2"], "optional": ["S3", "S4"]}])
    with_optional = claim(QUOTE_SENTENCE, hop("Harada"), hop("the report"), hop("Shukan Bunshun"))
    without = claim(QUOTE_SENTENCE, hop("the report"))
    for predicted in (with_optional, without):
        counts = score_article(gold, analysis(predicted)).counts
        # the optional Harada first is skipped: the speaker is the report
        assert (counts.speaker_tp, counts.link_tp, counts.link_fp, counts.exact) == (1, 1, 0, 1)
    only_optional = claim(QUOTE_SENTENCE, hop("Harada"))
    counts = score_article(gold, analysis(only_optional)).counts
    assert (counts.speaker_fn, counts.speaker_fp, counts.link_fp, counts.link_fn) == (1, 0, 0, 1)


def test_document_with_author_counts_as_its_author() -> None:
    sources = {
        "S1": {"aliases": ["Mike Pompeo"], "type": "person", "anonymous": False},
        "S2": {"aliases": ["a message on Twitter"], "type": "document", "author": "S1"},
    }
    text = "Mike Pompeo posted a message on Twitter blaming Iran for the attacks."
    gold = GoldArticle.model_validate(
        {
            "name": "tweet",
            "text": text,
            "sources": sources,
            "claims": [
                {"anchor": "blaming Iran", "chain": ["S1"], "optional": ["S2"]},
                {"anchor": "for the attacks", "chain": ["S2"]},
            ],
        }
    )
    by_document = claim("blaming Iran", hop("a message on Twitter", type="person"), text=text)
    by_person = claim("for the attacks", hop("Mike Pompeo"), text=text)
    counts = score_article(gold, analysis(by_document, by_person, text=text)).counts
    assert (counts.speaker_tp, counts.link_tp, counts.link_fp, counts.exact) == (2, 2, 0, 2)
    # the authored document is not typed (its hop says "person"), its author is
    assert (counts.typed, counts.type_correct) == (1, 1)


def test_type_and_anonymity_accuracy_count_each_predicted_source_once() -> None:
    gold = gold_article(
        [
            {"anchor": ORIGIN, "chain": ["S1", "S2"]},
            {"anchor": "the report is genuine", "chain": ["S3"]},
        ]
    )
    official = hop("a Russian official", "official", type="group", anonymous=True)
    harada = hop("Harada", type="person", anonymous=True)
    predicted = analysis(
        claim(QUOTE_SENTENCE, official, hop("the report", type="document", anonymous=True)),
        claim("Harada said the report is genuine", harada),
        claim("The summit will be held", harada),
    )
    counts = score_article(gold, predicted).counts
    assert (counts.typed, counts.type_correct) == (3, 2)
    assert (counts.anon_judged, counts.anon_correct) == (3, 2)


# --- flat scheme ---------------------------------------------------------------------------------


FLAT_TEXT = "He said taxes will rise. The Post reported the deal collapsed. Critics say it failed."


def test_flat_scheme_measures_speaker_recall_with_and_without_pronouns() -> None:
    gold = GoldArticle.model_validate(
        {
            "name": "flat",
            "text": FLAT_TEXT,
            "scheme": "flat",
            "sources": {
                "T1": {"aliases": ["He"], "type": None, "anonymous": None, "pronoun": True},
                "T2": {"aliases": ["The New York Post"], "pronoun": False},
                "T3": {"aliases": ["Critics"], "pronoun": False},
            },
            "claims": [
                {"anchor": "taxes will rise", "chain": ["T1"]},
                {"anchor": "the deal collapsed", "chain": ["T2"]},
                {"anchor": "it failed", "chain": ["T3"]},
            ],
        }
    )
    predicted = analysis(
        claim("He said taxes will rise.", hop("He", "Donald Trump"), text=FLAT_TEXT),
        claim("The Post reported the deal collapsed.", hop("The Post"), text=FLAT_TEXT),
        claim("Critics say it failed.", text=FLAT_TEXT),
        text=FLAT_TEXT,
    )
    report = evaluate([gold], {"flat": predicted})
    counts = report.overall
    assert counts.flat_speaker_recall == pytest.approx(2 / 3)
    assert counts.flat_speaker_recall_named == pytest.approx(1 / 2)
    assert counts.speaker_tp == counts.speaker_fn == 0  # no P/R/F1 on flat files
    last = report.format_table().splitlines()[-3:]
    assert any(line.startswith("speaker_recall ") and "0.67" in line for line in last)
    assert any(line.startswith("speaker_recall_named") and "0.50" in line for line in last)


# --- reports, loading, running -------------------------------------------------------------------


def test_report_ends_with_overall_figures_and_targets() -> None:
    gold = gold_article([{"anchor": ORIGIN, "chain": ["S1"]}])
    report = evaluate([gold], {"mini": analysis(claim(QUOTE_SENTENCE, hop("a Russian official")))})
    tail = report.format_table().splitlines()[-12:]
    assert "speaker F1            1.00  (target >= 0.85)" in tail
    assert any(line.startswith("link F1") and "target >= 0.80" in line for line in tail)
    assert any(line.startswith("exact chains") and "(1/1)" in line for line in tail)
    data = json.loads(report.to_json())
    assert data["overall"]["speaker_f1"] == 1.0
    assert data["articles"][0]["article"] == "mini"


def test_missing_or_failed_analysis_scores_as_empty() -> None:
    gold = gold_article([{"anchor": ORIGIN, "chain": ["S1"]}])
    report = evaluate([gold], {"mini": InputError("analysis failed: boom", origin="mini")})
    assert report.articles[0].error == "mini: analysis failed: boom"
    assert (report.overall.claims_matched, report.overall.speaker_fn) == (0, 1)
    assert "analysis failed: boom" in report.format_table()
    assert evaluate([gold], {}).articles[0].error == "no analysis"


def write_gold_dir(root: Path, gold: dict[str, Any], text: str, name: str = "one") -> None:
    (root / "articles").mkdir(parents=True, exist_ok=True)
    (root / "gold").mkdir(exist_ok=True)
    (root / "articles" / f"{name}.txt").write_bytes(text.encode("utf-8"))
    (root / "gold" / f"{name}.json").write_text(json.dumps(gold), encoding="utf-8")


def test_load_gold_reports_bad_files_by_name_and_goes_on(tmp_path: Path) -> None:
    good = {"sources": SOURCES, "claims": [{"anchor": ORIGIN, "chain": ["S1"]}]}
    write_gold_dir(tmp_path, good, TEXT, "good")
    write_gold_dir(
        tmp_path, {**good, "claims": [{"anchor": "not in it", "chain": []}]}, TEXT, "bad"
    )
    write_gold_dir(tmp_path, {**good, "claims": [{"anchor": ORIGIN, "chain": ["S9"]}]}, TEXT, "ids")
    write_gold_dir(tmp_path, good, TEXT, "broken")
    (tmp_path / "gold" / "broken.json").write_text("{", encoding="utf-8")
    write_gold_dir(tmp_path, good, TEXT, "textless")
    (tmp_path / "articles" / "textless.txt").unlink()
    with pytest.raises(InputError, match=r"bad\.json: invalid gold: .*anchor not in the article"):
        load_gold(tmp_path)
    errors: list[InputError] = []
    golds = load_gold(tmp_path, errors)
    assert [gold.name for gold in golds] == ["good"]
    assert sorted(Path(err.origin or "").name for err in errors) == [
        "bad.json", "broken.json", "ids.json", "textless.txt",
    ]  # fmt: skip
    assert "unknown sources ['S9']" in str(next(e for e in errors if "ids" in str(e)))
    with pytest.raises(InputError, match="no gold"):
        load_gold(tmp_path / "nowhere")


def test_run_reads_text_exactly_and_keys_by_file_stem(tmp_path: Path) -> None:
    text = TEXT.replace("\n", "\r\n")  # offsets must survive: no newline translation
    write_gold_dir(
        tmp_path, {"sources": SOURCES, "claims": [{"anchor": ORIGIN, "chain": ["S1"]}]}, text
    )
    seen: list[Article] = []

    def analyze_fn(articles: list[Article]) -> list[Analysis]:
        seen.extend(articles)
        return [analysis(claim(QUOTE_SENTENCE, hop("a Russian official"), text=text), text=text)]

    report = run(tmp_path, analyze_fn)
    assert [(a.id, a.text) for a in seen] == [("one", text)]
    assert report.overall.speaker_f1 == 1.0


def test_explain_names_each_error() -> None:
    gold = gold_article(
        [
            {"anchor": ORIGIN, "chain": ["S1", "S2"]},
            {"anchor": "the report is genuine", "chain": ["S3"]},
            {"anchor": "The summit will be held", "chain": []},
            {"anchor": "declined to comment", "chain": ["S5"], "ambiguous": True},
            {"anchor": "talks continue", "chain": ["S5"]},
        ]
    )
    predicted = analysis(
        claim(QUOTE_SENTENCE, hop("a Russian official")),
        claim("Harada said the report is genuine", hop("the report")),
        claim("The summit will be held", hop("Shukan Bunshun")),
        claim("Trending Japan"),
    )
    text = explain(gold, predicted)
    assert "missing link (FN): S2 'a top secret report'" in text
    assert "WRONG SPEAKER (speaker FP+FN): predicted S2 'a top secret report', gold S3" in text
    assert "SPURIOUS CHAIN (speaker FP)" in text
    assert "not scored (ambiguous)" in text
    assert "MISSED CLAIM" in text
    assert "Boilerplate predicted as claims (1)" in text
    assert text.count("=> ok") == 0  # every scored claim above has an error
    right = analysis(claim("talks continue", hop("the ministry", "The Foreign Ministry")))
    assert "=> ok" in explain(gold, right)
    only_errors = explain(gold, right, errors_only=True)
    assert "talks continue" not in only_errors and "not scored" not in only_errors
    assert "#1 anchor" in only_errors and "MISSED CLAIM" in only_errors


def test_explain_lists_sources_typed_or_marked_wrongly() -> None:
    gold = gold_article([{"anchor": ORIGIN, "chain": ["S1", "S2"]}])
    official = hop("a Russian official", "official", type="group", anonymous=True)
    report = hop("the report", type="document", anonymous=True)
    text = explain(gold, analysis(claim(QUOTE_SENTENCE, official, report)))
    assert "Sources typed or marked wrongly (1):" in text
    assert "'official' = S1 'a Russian official': type group, gold person" in text
    assert "'the report'" not in text.split("Sources typed")[1]  # right type and anonymity
    right = hop("a Russian official", type="person", anonymous=True)
    assert "Sources typed" not in explain(gold, analysis(claim(QUOTE_SENTENCE, right, report)))


# --- the real dev set ----------------------------------------------------------------------------


def perfect_hop(gold: GoldArticle, sid: str) -> Hop:
    """A hop for a gold source: the text says its last alias, the name its first."""
    source = gold.sources[sid]
    return Hop(
        source_id=sid,
        text=source.aliases[-1],
        name=source.aliases[0],
        type=source.type or "person",
        anonymous=bool(source.anonymous),
    )


def perfect_analysis(gold: GoldArticle) -> Analysis:
    """The gold as a prediction: each anchor a claim with its gold chain."""
    claims = []
    for number, gold_claim in enumerate(gold.claims):
        start = gold.text.index(gold_claim.anchor)
        fields = {"text": gold_claim.anchor, "start": start, "end": start + len(gold_claim.anchor)}
        chain = [perfect_hop(gold, sid) for sid in gold_claim.chain]
        claims.append(Claim(id=f"c{number}", kind="assertion", chain=chain, **fields))
    return Analysis(article=Article(id=gold.name, text=gold.text), claims=claims)


def dev_gold(sub: str = "") -> list[GoldArticle]:
    gold_dir = SHARED_EVAL / sub
    if not (gold_dir / "gold").is_dir():
        pytest.skip(f"{gold_dir} is not here (only the developers have the dev set)")
    return load_gold(gold_dir)


def test_dev_set_gold_predicted_perfectly_scores_one_everywhere() -> None:
    golds = dev_gold()
    report = evaluate(golds, {gold.name: perfect_analysis(gold) for gold in golds})
    overall = report.overall
    assert overall.claims > 200 and overall.attributed > 100 and overall.typed > 50
    for name, value in overall.metrics("chains").items():
        assert value == (0 if name == "boilerplate" else 1.0), name
    for article in report.articles:
        assert article.counts.speaker_f1 == 1.0 and article.counts.exact_chains == 1.0, article.name


def test_dev_set_without_chains_loses_every_speaker() -> None:
    golds = dev_gold()
    bare = {}
    for gold in golds:
        perfect = perfect_analysis(gold)
        claims = [c.model_copy(update={"chain": []}) for c in perfect.claims]
        bare[gold.name] = perfect.model_copy(update={"claims": claims})
    overall = evaluate(golds, bare).overall
    assert overall.claim_recall == 1.0
    assert overall.speaker_recall == overall.link_recall == overall.exact_chains == 0.0
    assert overall.speaker_fn == overall.attributed


def test_polnear_gold_predicted_perfectly_has_full_speaker_recall() -> None:
    golds = dev_gold("polnear-dev")
    report = evaluate(golds, {gold.name: perfect_analysis(gold) for gold in golds})
    assert report.scheme == "flat"
    assert (
        report.overall.flat_claims > 1000 and report.overall.flat_named < report.overall.flat_claims
    )
    assert report.overall.flat_speaker_recall == report.overall.flat_speaker_recall_named == 1.0
