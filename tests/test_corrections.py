"""Analysts' corrections of the engine on the real seed analysis: applied as a view (the
engine's output untouched), refused when they cannot apply, written as gold that
``provenance evaluate`` reads, and measured: the engine scores against the corrections
exactly as far as it agrees with them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from provenance.cli import app
from provenance.corrections import check, corrected, gold
from provenance.grades import automatic_values
from provenance.models import Analysis
from provenance.storage import Correction, Store
from provenance.workspace import Workspace

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "seed_putin_report.txt"
runner = CliRunner()


def _id(analysis: Analysis, name: str) -> str:
    return next(s.id for s in analysis.sources if s.name == name)


def _event(n: int, kind: str, payload: dict[str, object], claim_id: str = "") -> Correction:
    from datetime import UTC, datetime

    return Correction(n, "seed_putin_report", 1, "", claim_id, kind, payload, "", "ann",
                      datetime.now(UTC))  # fmt: skip


def test_corrections_apply_as_a_view_and_leave_the_engine_alone(seed_analysis: Analysis) -> None:
    before = seed_analysis.model_dump_json()
    harada, bunshun = _id(seed_analysis, "Takeo Harada"), _id(seed_analysis, "Shukan Bunshun")
    own_voice = next(c for c in seed_analysis.claims if not c.chain)
    chained = next(c for c in seed_analysis.claims if any(h.source_id == harada for h in c.chain))
    events = [
        _event(1, "chain", {"chain": [{"source": harada}, {"name": "Jane  Roe", "type": "person",
                                                          "anonymous": False}]}, own_voice.id),
        _event(2, "source_type", {"source": bunshun, "type": "organization"}),
        _event(3, "anonymity", {"source": harada, "anonymous": True}),
        _event(4, "merge_sources", {"source": bunshun, "into": harada}),
    ]  # fmt: skip
    view = corrected(seed_analysis, events)
    assert seed_analysis.model_dump_json() == before  # never overwritten
    claims = {c.id: c for c in view.claims}
    assert [(h.name, h.anonymous) for h in claims[own_voice.id].chain] == [
        ("Takeo Harada", True), ("Jane Roe", False)]  # fmt: skip
    assert claims[own_voice.id].chain[1].source_id == "A1"
    # Shukan Bunshun merged into Harada: one hop where the chain ran Harada -> Bunshun.
    names = [h.name for h in claims[chained.id].chain]
    assert "Shukan Bunshun" not in names and names.count("Takeo Harada") == 1
    assert bunshun not in {s.id for s in view.sources}
    merged = next(s for s in view.sources if s.id == harada)
    assert {"Shukan Bunshun"} <= {m.text for m in merged.mentions}
    # A later chain of the same claim replaces the earlier one.
    again = corrected(seed_analysis, [*events, _event(5, "chain", {"chain": []}, own_voice.id)])
    assert next(c for c in again.claims if c.id == own_voice.id).chain == []


@pytest.mark.parametrize(
    ("kind", "payload", "message"),
    [
        ("chain", {"chain": [{"source": "S999"}]}, "no source 'S999'"),
        ("chain", {"chain": [{"name": "X", "type": "alien", "anonymous": False}]}, "type is one"),
        ("chain", {"chain": "S1"}, "a chain is a list"),
        ("anonymity", {"source": "S1", "anonymous": "yes"}, "true or false"),
        ("merge_sources", {"source": "S1", "into": "S1"}, "into another source"),
        ("add_claim", {"text": "the", "chain": []}, "exactly once"),
    ],
)
def test_a_correction_that_cannot_apply_is_refused(
    seed_analysis: Analysis, kind: str, payload: dict[str, object], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        check(seed_analysis, kind, payload, "c1")


def test_gold_holds_only_what_analysts_checked(seed_analysis: Analysis) -> None:
    assert gold(seed_analysis, []) is None
    claim = next(c for c in seed_analysis.claims if len(c.chain) >= 2)
    text = seed_analysis.article.text
    added = "President Putin and Prime Minister Shinzo Abe will hold a summit"
    assert text.count(added) == 1
    events = [_event(1, "chain", {"chain": [{"source": h.source_id} for h in claim.chain]},
                     claim.id),
              _event(2, "add_claim", {"text": added, "chain": []})]  # fmt: skip
    annotation = gold(seed_analysis, events)
    assert annotation is not None
    assert [c["anchor"] for c in annotation["claims"]] == [claim.text, added]
    assert annotation["claims"][0]["chain"] == [h.source_id for h in claim.chain]
    assert set(annotation["sources"]) == {h.source_id for h in claim.chain}


def run(*args: object) -> str:
    result = runner.invoke(app, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_corrections_from_the_shell_then_evaluate_measures_the_engine_against_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'provenance.db'}"
    monkeypatch.setenv("PROVENANCE_DB_URL", url)
    run("db", "add", SEED)
    engine = Store(url).analysis("seed_putin_report")
    assert engine is not None
    report, harada = _id(engine, "top secret report"), _id(engine, "Takeo Harada")
    unsourced = next(c for c in engine.claims if not c.chain and "report" in c.text)
    agreed = next(c for c in engine.claims if len(c.chain) >= 2)
    fixed = [{"source": report}, {"source": harada}]
    said = run("db", "correct", "seed_putin_report", "chain", "--claim-text", unsourced.text,
               "--payload", json.dumps({"chain": fixed}), "--analyst", "Ann")  # fmt: skip
    assert said.startswith(f"correction #1: seed_putin_report {unsourced.id} chain by ann")
    same = [{"source": h.source_id} for h in agreed.chain]
    run("db", "correct", "seed_putin_report", "chain", "--claim-text", agreed.text,
        "--payload", json.dumps({"chain": same}), "--analyst", "bob")  # fmt: skip
    nope = '{"source": "nope", "anonymous": true}'
    bad = runner.invoke(app, ["db", "correct", "seed_putin_report", "anonymity", "--payload",
                              nope, "--analyst", "bob"])  # fmt: skip
    assert bad.exit_code == 1 and bad.stderr.count("\n") == 1 and "no source 'nope'" in bad.stderr
    assert [c.kind for c in Store(url).corrections()] == ["chain", "chain"]  # nothing stored
    assert Store(url).analysis("seed_putin_report") == engine  # the engine's output as it was
    view = Workspace(Store(url)).corrected_analysis("seed_putin_report")
    assert view is not None
    assert [h.source_id for h in next(c for c in view.claims if c.id == unsourced.id).chain] == [
        report, harada]  # fmt: skip

    out = tmp_path / "gold"
    run("db", "gold", out)
    assert (out / "articles" / "seed_putin_report.txt").read_bytes() == SEED.read_bytes()
    result = json.loads(run("evaluate", out, "--json"))
    counts = result["overall"]["counts"]
    # The engine agrees with bob (its own chain) and not with ann (it found no source).
    assert (counts["claims"], counts["attributed"], counts["exact"]) == (2, 2, 1)
    assert counts["speaker_fn"] == 1 and counts["link_fn"] == len(fixed)


def test_a_split_claim_is_its_passages_each_with_the_chain(seed_analysis: Analysis) -> None:
    claim = next(c for c in seed_analysis.claims if len(c.chain) >= 2 and len(c.text) > 80)
    first, second = claim.text[:30], claim.text[40:80]
    with pytest.raises(ValueError, match="exactly once in the claim"):
        check(seed_analysis, "split_claim", {"parts": [first, "not in it"]}, claim.id)
    check(seed_analysis, "split_claim", {"parts": [first, second]}, claim.id)
    view = corrected(seed_analysis, [_event(1, "split_claim", {"parts": [first, second]},
                                            claim.id)])  # fmt: skip
    parts = [c for c in view.claims if c.id.startswith(f"{claim.id}.")]
    assert [(c.id, c.text, c.chain) for c in parts] == [
        (f"{claim.id}.1", first, claim.chain), (f"{claim.id}.2", second, claim.chain)]  # fmt: skip
    text = seed_analysis.article.text
    assert all(text[c.start : c.end] == c.text for c in parts)
    assert claim.id not in {c.id for c in view.claims}


# --- the current view in a real database: scores, ratings, identity ---------------------------

ARTICLE = "seed_putin_report"


def _desk(db: str, seed_analysis: Analysis) -> Workspace:
    store = Store(db)
    store.save_analysis(seed_analysis)
    return Workspace(store)


def test_grades_read_the_corrected_chain_and_say_who_corrected_it(
    db: str, seed_analysis: Analysis
) -> None:
    from provenance.rubric import load_rubric

    here = _desk(db, seed_analysis)
    rubric = load_rubric("admiralty")
    unsourced = next(c for c in seed_analysis.claims if not c.chain and "report" in c.text)
    key = here.claim_key(ARTICLE, unsourced.id)
    before = here.scored_frame(rubric).set_index("claim_id")
    assert before.loc[unsourced.id, ["chain", "corrected_by"]].tolist() == ["", ""]
    anonymous = [{"name": "a senior official", "type": "person", "anonymous": True}]
    here.correct(ARTICLE, "chain", {"chain": anonymous}, "Ann", key)
    after = here.scored_frame(rubric).set_index("claim_id")
    assert after.loc[unsourced.id, "chain"] == "a senior official"
    assert after.loc[unsourced.id, "anonymous_hops"] == 1
    assert after.loc[unsourced.id, "corrected_by"] == "ann"
    assert after.loc[unsourced.id, "grade"] != before.loc[unsourced.id, "grade"]
    assert here.automatic(ARTICLE, unsourced.id, rubric).grade == after.loc[unsourced.id, "grade"]
    others = [c for c in before.index if c != unsourced.id]
    assert list(after.loc[others, "grade"]) == list(before.loc[others, "grade"])
    # A source's anonymity reaches every claim through it, credited to who changed it.
    harada = _id(seed_analysis, "Takeo Harada")
    through = {c.id for c in seed_analysis.claims if any(h.source_id == harada for h in c.chain)}
    here.correct(ARTICLE, "anonymity", {"source": harada, "anonymous": True}, "Bob")
    again = here.scored_frame(rubric).set_index("claim_id")
    assert set(again.index[again["corrected_by"] == "bob"]) == through
    assert all(again.loc[sorted(through), "anonymous_hops"] >= 1)
    assert Store(db).analysis(ARTICLE) == seed_analysis  # the engine's output as it was


def test_added_and_split_claims_are_rated_and_a_rating_never_lands_on_another_claim(
    db: str, seed_analysis: Analysis
) -> None:
    from provenance.rubric import load_rubric

    here = _desk(db, seed_analysis)
    rubric = load_rubric("admiralty")
    claim = next(c for c in seed_analysis.claims if len(c.chain) >= 2 and len(c.text) > 80)
    first, second = claim.text[:30], claim.text[40:80]
    missed = "President Putin and Prime Minister Shinzo Abe will hold a summit"
    here.correct(ARTICLE, "add_claim", {"text": missed, "chain": []}, "ann")
    here.correct(ARTICLE, "split_claim", {"parts": [first, second]}, "bob",
                 here.claim_key(ARTICLE, claim.id))  # fmt: skip
    stored = {c.claim_id: c for c in here.store.claims(ARTICLE)}
    assert (stored["a1"].text, stored[f"{claim.id}.2"].text) == (missed, second)
    assert len({c.key for c in stored.values()}) == len(stored)  # one key, one claim
    view = here.corrected_analysis(ARTICLE)
    assert view is not None
    assert {"a1", f"{claim.id}.1", f"{claim.id}.2"} <= {c.id for c in view.claims}
    # Each claim rated by its key; every rating carries the text of the claim it was given.
    made = {}
    for claim_id in ("a1", f"{claim.id}.2", f"{claim.id}.1"):
        auto = here.automatic(ARTICLE, claim_id, rubric)
        values = automatic_values(rubric, auto)
        made[claim_id] = here.rate(article_id=ARTICLE, claim_key=stored[claim_id].key,
                                   analyst="ann", rubric=rubric, values=values)  # fmt: skip
    for claim_id, rating in made.items():
        assert (rating.claim_id, rating.claim_text) == (claim_id, stored[claim_id].text)
    latest = {r.current_claim_id: r.claim_text for r in here.store.latest_ratings(ARTICLE)}
    assert latest == {i: stored[i].text for i in made}
    here.set_status(ARTICLE, stored["a1"].key, "verified", "bob")
    assert [(r.claim_id, r.status) for r in here.store.reviews()] == [("a1", "verified")]
    # An added claim's text equal to an engine claim's gets the next key of that text.
    other = next(c for c in seed_analysis.claims if seed_analysis.article.text.count(c.text) == 1)
    here.correct(ARTICLE, "add_claim", {"text": other.text, "chain": []}, "ann")
    keys = {c.claim_id: c.key for c in here.store.claims(ARTICLE)}
    assert keys["a2"].rsplit("-", 1) == [keys[other.id].rsplit("-", 1)[0], "1"]


def test_a_correction_made_on_a_stale_view_is_refused(db: str, seed_analysis: Analysis) -> None:
    here = _desk(db, seed_analysis)
    one = "President Putin and Prime Minister Shinzo Abe will hold a summit"
    here.correct(ARTICLE, "add_claim", {"text": one, "chain": []}, "ann")
    # Bob numbered his claim before Ann's was stored: it would take her claim's id.
    with pytest.raises(ValueError, match="meanwhile"):
        here.store.add_correction(article_id=ARTICLE, kind="add_claim", analyst="bob",
                                  payload={"text": "Putin", "chain": []}, after=0,
                                  claims=[("a1", "Putin")])  # fmt: skip
    with pytest.raises(ValueError, match="exists already"):
        here.store.add_correction(article_id=ARTICLE, kind="add_claim", analyst="bob",
                                  payload={"text": "Putin", "chain": []},
                                  claims=[("a1", "Putin")])  # fmt: skip
    assert [c.payload["text"] for c in here.store.corrections()] == [one]
    assert [c.text for c in here.store.claims(ARTICLE) if c.claim_id == "a1"] == [one]


def test_provenance_score_grades_the_corrected_chain_of_a_stored_article(
    db: str, seed_analysis: Analysis, tmp_path: Path
) -> None:
    import pandas as pd

    here = _desk(db, seed_analysis)
    unsourced = next(c for c in seed_analysis.claims if not c.chain and "report" in c.text)
    anonymous = [{"name": "a senior official", "type": "person", "anonymous": True}]
    here.correct(
        ARTICLE, "chain", {"chain": anonymous}, "ann", here.claim_key(ARTICLE, unsourced.id)
    )
    out = tmp_path / "scores.csv"
    run("score", SEED, "-r", "admiralty", "-o", out)
    rows = pd.read_csv(out, keep_default_na=False).set_index("claim_id")
    assert rows.loc[unsourced.id, "chain"] == "a senior official"
    assert rows.loc[unsourced.id, "anonymous_hops"] == 1
    other = tmp_path / "other.txt"  # another text: nothing of the database applies
    other.write_text(
        SEED.read_text(encoding="utf-8").replace("Putin", "Medvedev"), encoding="utf-8"
    )
    run("score", other, "-r", "admiralty", "-o", tmp_path / "other.csv")
    assert "a senior official" not in (tmp_path / "other.csv").read_text(encoding="utf-8")
