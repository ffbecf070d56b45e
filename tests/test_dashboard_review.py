"""The review workflow in the dashboard through ``streamlit.testing.v1.AppTest`` (the real
app.py, spaCy model and a SQLite file per test): a claim's status with history, assignment,
comments (stored before the page confirms; escaped), and the Claims page's review columns,
status filter and "My queue"."""

from __future__ import annotations

import csv
import io
import json

import pytest
from test_dashboard import button, go, no_errors, sign_in, start
from test_dashboard import team as team  # the fixture: ann and bob have accounts

from provenance.accounts import local_analyst
from provenance.dashboard import export as export_page
from provenance.dashboard.render import md
from provenance.models import Analysis
from provenance.storage import Store
from provenance.workspace import Workspace

ARTICLE = "seed_putin_report"


def _keys(store: Store, claim_id: str) -> dict[str, str]:
    key = next(c.key for c in store.claims(ARTICLE) if c.claim_id == claim_id)
    return {n: f"{n}|{ARTICLE}|{key}" for n in ("status", "note", "assignee", "comment")}


@pytest.mark.usefixtures("team")
def test_review_panel_status_assignment_comments_then_claims_queue(
    db: str, seed_analysis: Analysis
) -> None:
    claim = seed_analysis.claims[0].id
    at = sign_in(start(), "ann", "ann's long password")  # first start: the samples
    keys = _keys(Store(db), claim)
    at = go(at, "rate", article=ARTICLE, claim=claim)
    no_errors(at)
    assert at.selectbox(key=keys["status"]).value == "unstarted"
    at.selectbox(key=keys["status"]).set_value("in_progress")
    at.text_input(key=keys["note"]).input("checking the <b>report</b>")
    button(at, "Set status").click().run()
    no_errors(at)
    assert at.success[0].value.startswith("Status set to In progress (#1")
    at.selectbox(key=keys["assignee"]).set_value("bob")
    button(at, "Assign").click().run()
    assert at.success[0].value.startswith("Assigned to bob")
    at.text_area(key=keys["comment"]).input('=HYPERLINK("x") <script>alert(1)</script>')
    button(at, "Comment").click().run()
    no_errors(at)
    assert at.text_area(key=keys["comment"]).value == ""  # stored, so cleared
    shown = " ".join(str(h.proto.body) for h in at.get("html"))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in shown and "<script>" not in shown
    button(at, "Comment").click().run()  # an empty comment: an error, nothing stored
    assert "empty comment" in at.error[0].value
    steps = Store(db).steps(ARTICLE)
    assert [(s.kind, s.analyst, s.value) for s in steps] == [
        ("status", "ann", "in_progress"), ("assign", "ann", "bob"), ("comment", "ann", ""),
    ]  # fmt: skip
    assert steps[0].body == "checking the <b>report</b>"
    summary = next(m.value for m in at.markdown if m.value.startswith("Status:"))
    assert "In progress" in summary and "bob" in summary and "1 comment" in summary
    history = next(d.value for d in at.dataframe if "what" in d.value.columns)
    assert list(history["what"]) == ["assignment", "status"]  # newest first

    # bob sees it in his queue on the Claims page, with its status and one comment.
    other = go(sign_in(start(), "bob", "bob's long password"), "claims")
    no_errors(other)
    table = other.dataframe[0].value
    row = table[table["claim_id"] == claim].iloc[0]
    assert (row["status"], row["assignee"], row["comments"]) == ("in_progress", "bob", 1)
    other.toggle(key="f_mine").set_value(True).run()
    assert list(other.dataframe[0].value["claim_id"]) == [claim]
    other.toggle(key="f_mine").set_value(False).run()
    other.multiselect(key="f_status").set_value(["unstarted"]).run()
    assert claim not in set(other.dataframe[0].value["claim_id"])
    assert len(other.dataframe[0].value) > 0


def test_status_and_assignee_pickers_follow_the_store(db: str, seed_analysis: Analysis) -> None:
    claim = seed_analysis.claims[1].id
    at = go(start(), "rate", article=ARTICLE, claim=claim)
    keys = _keys(Store(db), claim)
    at.selectbox(key=keys["status"]).set_value("in_progress")
    button(at, "Set status").click().run()
    assert at.selectbox(key=keys["status"]).value == "in_progress"
    at.selectbox(key=keys["status"]).set_value("false").run()  # chosen, not saved yet
    assert at.selectbox(key=keys["status"]).value == "false"  # kept across reruns
    # Another analyst (or the CLI) changes the status and the assignment meanwhile.
    here = Workspace(Store(db))
    key = here.claim_key(ARTICLE, claim)
    here.set_status(ARTICLE, key, "verified", "bob", "two sources")
    here.assign(ARTICLE, key, "bob", "bob")
    at.run()
    no_errors(at)
    assert at.selectbox(key=keys["status"]).value == "verified"
    assert at.selectbox(key=keys["assignee"]).value == "bob"
    summary = next(m.value for m in at.markdown if m.value.startswith("Status:"))
    assert "Verified" in summary and "bob" in summary


def test_export_page_audit_log_is_spreadsheet_safe_and_claimreview_escaped(db: str) -> None:
    at = go(start(), "rate", article=ARTICLE)
    claim = at.selectbox(key="pick_claim").value
    keys = _keys(Store(db), claim)
    at.text_area(key=keys["comment"]).input('=HYPERLINK("http://x","y") +1 -2 @SUM(A1)')
    button(at, "Comment").click().run()
    suffix = f"{ARTICLE}|{claim}|admiralty"
    at.text_area(key=f"why|{suffix}").input("</script><script>alert(1)</script>")
    button(at, "Save").click().run()
    go(at, "export")
    no_errors(at)
    rows = list(csv.DictReader(io.StringIO(export_page._audit_csv().decode("utf-8-sig"))))
    assert [r["action"] for r in rows] == ["comment", "rate"]
    assert rows[0]["detail"] == '\'=HYPERLINK("http://x","y") +1 -2 @SUM(A1)'
    assert all(not v.startswith(("=", "+", "-", "@")) for r in rows for v in r.values())
    jsonld = export_page._claimreview("admiralty").decode()
    assert "<" not in jsonld and "alert(1)" in jsonld
    [review] = json.loads(jsonld)
    assert review["reviewBody"] == "</script><script>alert(1)</script>"
    assert review["author"]["name"] == local_analyst()


@pytest.mark.usefixtures("team")
def test_cases_page_create_file_progress_and_claims_filter(db: str) -> None:
    at = go(sign_in(start(), "ann", "ann's long password"), "cases")
    no_errors(at)
    assert "No case yet" in at.info[0].value
    at.text_input(key="case_name").input("  Kuril   <b>islands</b> ")
    at.text_area(key="case_description").input("Who said what about the **bases**")
    button(at, "Create the case").click().run()
    no_errors(at)
    name = "Kuril <b>islands</b>"
    assert at.success[0].value.startswith(f"Created the case {md(name)}")
    assert at.selectbox(key="pick_case").value == name
    assert at.text_input(key="case_name").value == ""  # stored, so cleared
    button(at, "Create the case").click().run()
    assert at.error[0].value == "Not created: a collection needs a name."
    at.text_input(key="case_name").input(name)
    button(at, "Create the case").click().run()  # the same name again: refused, kept
    assert "exists already" in at.error[0].value
    assert at.text_input(key="case_name").value == name
    store = Store(db)
    ids = [s.id for s in store.summaries()]
    at.multiselect(key="case_add|1").set_value(ids[:2])
    button(at, "Add to the case").click().run()
    no_errors(at)
    assert store.collections()[0].article_ids == tuple(ids[:2])
    here = Workspace(store)
    first = store.claims(ids[0])[0]
    here.set_status(ids[0], first.key, "verified", "bob")
    at.run()
    table = at.dataframe[0].value
    assert list(table["article_id"]) == ids[:2]
    row = table.iloc[0]
    assert (row["verified"], row["open"]) == (1, row["claims"] - 1)
    assert {m.label: m.value for m in at.metric}["Verified"] == "1"
    link = next(p for p in at.page_link if p.proto.label.startswith("Its claims"))
    assert "case=" in link.proto.query_string
    at.multiselect(key="case_remove|1").set_value([ids[1]])
    button(at, "Remove from the case").click().run()
    assert store.collections()[0].article_ids == (ids[0],)
    assert [e.action for e in store.audit() if "collection" in e.action] == [
        "create collection", "add to collection", "add to collection", "remove from collection"
    ]  # fmt: skip
    # The Claims page, from the link: only the case's claims.
    claims = go(at, "claims", case=name)
    no_errors(claims)
    assert set(claims.dataframe[0].value["article_id"]) == {ids[0]}
    claims.selectbox(key="f_case").set_value("").run()
    assert len(set(claims.dataframe[0].value["article_id"])) == len(ids)
