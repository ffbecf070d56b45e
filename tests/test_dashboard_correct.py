"""Correcting the engine on the Rate page through AppTest (the real app, spaCy model and a
SQLite file per test): a chain (known sources in order and one the engine missed), a source's
type and anonymity, a merge; each stored before the page says so, shown as the current view,
the engine's analysis untouched; a refused correction stores nothing and keeps the input."""

from __future__ import annotations

from test_dashboard import button, go, no_errors, start

from provenance.models import Analysis
from provenance.storage import Store
from provenance.workspace import Workspace

ARTICLE = "seed_putin_report"


def test_correct_a_chain_and_a_source_on_the_rate_page(db: str, seed_analysis: Analysis) -> None:
    claim = next(c for c in seed_analysis.claims if not c.chain and "report" in c.text)
    at = go(start(), "rate", article=ARTICLE, claim=claim.id)
    no_errors(at)
    store = Store(db)
    engine = store.analysis(ARTICLE)
    assert engine is not None
    ids = {s.name: s.id for s in engine.sources}
    key = (
        f"correct|{ARTICLE}|{next(c.key for c in store.claims(ARTICLE) if c.claim_id == claim.id)}"
    )
    assert at.multiselect(key=f"{key}|chain").value == []  # the engine's chain: none
    at.multiselect(key=f"{key}|chain").set_value(
        [ids["top secret report"], ids["Takeo Harada"], "<b>Jane</b> Roe"]
    )
    at.selectbox(key=f"{key}|new_type").set_value("person")
    at.text_input(key=f"{key}|note").input("the report is the origin")
    button(at, "Save the chain").click().run()
    no_errors(at)
    assert at.success[0].value.startswith("Correction #1 stored (chain)")
    [made] = store.corrections()
    assert made.payload == {"chain": [
        {"source": ids["top secret report"]}, {"source": ids["Takeo Harada"]},
        {"name": "<b>Jane</b> Roe", "type": "person", "anonymous": False}]}  # fmt: skip
    assert made.note == "the report is the origin" and made.claim_id == claim.id
    # The current view: the corrected chain, the engine's named beside it.
    assert any("Chain as corrected by" in c.value for c in at.caption)
    assert "Jane" in str(at.get("graphviz_chart")[0].proto.spec)
    assert "<b>" not in " ".join(c.value for c in at.caption)
    assert store.analysis(ARTICLE) == engine  # never overwritten
    # A source's type and anonymity, only what changed.
    at.selectbox(key=f"{key}|source").set_value(ids["Shukan Bunshun"]).run()
    assert at.selectbox(key=f"{key}|type").value == "media"
    button(at, "Save the source").click().run()
    assert "already so" in at.error[0].value and len(store.corrections()) == 1
    at.checkbox(key=f"{key}|anonymous").check()
    button(at, "Save the source").click().run()
    no_errors(at)
    assert [c.kind for c in store.corrections()] == ["chain", "anonymity"]
    assert at.checkbox(key=f"{key}|anonymous").value is True
    # A merge of a source into itself is refused; into another, stored.
    at.selectbox(key=f"{key}|merge").set_value(ids["Putin"])
    at.selectbox(key=f"{key}|into").set_value(ids["Putin"])
    button(at, "Merge the sources").click().run()
    assert "into another source" in at.error[0].value
    other = next(s.id for s in engine.sources if s.id != ids["Putin"])
    at.selectbox(key=f"{key}|into").set_value(other)
    button(at, "Merge the sources").click().run()
    no_errors(at)
    assert [c.kind for c in store.corrections()] == ["chain", "anonymity", "merge_sources"]
    history = next(d.value for d in at.dataframe if "what" in d.value.columns and "claim" in
                   d.value.columns)  # fmt: skip
    assert list(history["what"]) == ["merge sources", "anonymity", "chain"]


def test_add_a_missed_claim_and_split_one(db: str, seed_analysis: Analysis) -> None:
    claim = next(c for c in seed_analysis.claims if len(c.chain) >= 2 and len(c.text) > 80)
    at = go(start(), "rate", article=ARTICLE, claim=claim.id)
    store = Store(db)
    key = (
        f"correct|{ARTICLE}|{next(c.key for c in store.claims(ARTICLE) if c.claim_id == claim.id)}"
    )
    at.text_area(key=f"{key}|missed").input("not a passage of this article")
    button(at, "Add the claim").click().run()
    assert "exactly once in the article" in at.error[0].value
    assert at.text_area(key=f"{key}|missed").value == "not a passage of this article"  # kept
    missed = "President Putin and Prime Minister Shinzo Abe will hold a summit"
    at.text_area(key=f"{key}|missed").input(missed)
    button(at, "Add the claim").click().run()
    no_errors(at)
    at.text_area(key=f"{key}|parts").input(f"{claim.text[:30]}\n\n{claim.text[40:80]}\n")
    button(at, "Split the claim").click().run()
    no_errors(at)
    added, split = store.corrections()
    assert (added.kind, added.payload["text"]) == ("add_claim", missed)
    assert [h["source"] for h in added.payload["chain"]] == [h.source_id for h in claim.chain]
    assert (split.kind, split.claim_id, split.payload["parts"]) == (
        "split_claim", claim.id, [claim.text[:30], claim.text[40:80]])  # fmt: skip


def test_pages_show_the_corrected_view_and_an_added_claim_is_rated(
    db: str, seed_analysis: Analysis
) -> None:
    at = start()
    here = Workspace(Store(db))
    unsourced = next(c for c in seed_analysis.claims if not c.chain and "report" in c.text)
    harada = next(s.id for s in seed_analysis.sources if s.name == "Takeo Harada")
    here.correct(ARTICLE, "chain", {"chain": [{"source": harada}]}, "ann",
                 here.claim_key(ARTICLE, unsourced.id))  # fmt: skip
    missed = "President Putin and Prime Minister Shinzo Abe will hold a summit"
    here.correct(ARTICLE, "add_claim", {"text": missed, "chain": [{"source": harada}]}, "bob")
    # Article page: the corrected chain, who corrected it, the engine's beside it.
    at = go(at, "article", article=ARTICLE, claim=unsourced.id)
    no_errors(at)
    notes = " ".join(c.value for c in at.caption).replace("\\", "")  # Markdown escapes
    assert "Chain as corrected by ann; the engine's: no source" in notes
    assert "Takeo Harada" in str(at.get("graphviz_chart")[0].proto.spec)
    # Claims page: the corrected chain and who corrected it, the added claim among the claims.
    at = go(at, "claims")
    no_errors(at)
    at.text_input(key="f_source").input("Takeo Harada").run()
    table = at.dataframe[0].value
    table = table[table["article_id"] == ARTICLE].set_index("claim_id")
    assert table.loc[unsourced.id, ["chain", "corrected_by"]].tolist() == ["Takeo Harada", "ann"]
    assert table.loc["a1", ["text", "corrected_by"]].tolist() == [missed, "bob"]
    at.text_input(key="f_source").input("").run()
    # Rate page: the added claim is rated like any other, and the rating is on it.
    at = go(at, "rate", article=ARTICLE, claim="a1")
    no_errors(at)
    notes = " ".join(c.value for c in at.caption).replace("\\", "")
    assert "Claim made by an analyst (bob); the engine did not find it" in notes
    button(at, "Save").click().run()
    no_errors(at)
    [rating] = Store(db).latest_ratings(ARTICLE)
    assert (rating.claim_id, rating.claim_text, rating.current_claim_id) == ("a1", missed, "a1")
    assert rating.claim_key == here.claim_key(ARTICLE, "a1")
