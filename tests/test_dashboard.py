"""The dashboard's page flows through ``streamlit.testing.v1.AppTest`` (the real app.py, the real
spaCy model, a real SQLite file per test), and its HTML/DOT builders on hostile text."""

from __future__ import annotations

import html
import http.server
import os
import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language
from streamlit.testing.v1 import AppTest

from provenance.accounts import local_analyst, set_password
from provenance.dashboard import claims as claims_page
from provenance.dashboard import core, render
from provenance.fetch import ALLOW_PRIVATE_ENV
from provenance.limits import MAX_INPUT_BYTES
from provenance.models import Analysis, ClaimScore
from provenance.rubric import load_rubric, validate_rubric_text
from provenance.scoring import score, score_frame
from provenance.storage import Store
from provenance.workspace import Workspace

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app.py"
PAGES = Path(core.__file__).parent
HOSTILE = (
    "Officials said <script>alert(1)</script> was planted, according to a report by "
    "<img src=x onerror=alert(1)> analysts who priced it at $x$.\n\n"
    '"It costs $5 and **more**," the minister said.'
)
TIMEOUT = 120


def page_path(name: str) -> str:
    """A page module's path as AppTest.switch_page wants it: relative to app.py."""
    return os.path.relpath(PAGES / f"{name}.py", APP.parent)


def start(query: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    return at.run()


def go(at: AppTest, name: str, **query: str) -> AppTest:
    for key, value in query.items():
        at.query_params[key] = value
    return at.switch_page(page_path(name)).run()


def button(at: AppTest, label: str) -> Any:
    """The button or form submit button with this label."""
    return next(b for b in [*at.button, *at.form_submit_button] if b.label == label)


def no_errors(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


# --- pages --------------------------------------------------------------------------------


def test_first_start_shows_the_seed_article_analysed(db: str, seed_analysis: Analysis) -> None:
    at = start()
    no_errors(at)
    table = at.dataframe[0].value
    row = table.loc[table["article_id"] == "seed_putin_report"].iloc[0]
    frame = score_frame(seed_analysis, load_rubric("admiralty"))
    assert row["claims"] == len(seed_analysis.claims)
    assert row["weakest_grade"] == frame.loc[frame["score"].idxmin(), "grade"]
    assert row["anonymous_share"] == pytest.approx((frame["anonymous_hops"] > 0).mean())
    assert row["rated_claims"] == 0


def test_add_article_by_pasting_text_then_read_it(db: str) -> None:
    at = start()
    samples = len(Store(db).summaries())
    at.text_input(key="paste_title").input("Harbour report")
    at.text_area(key="paste_text").input(
        "The harbour will close in May, the port authority said on Monday, citing a study it "
        "commissioned.\n\nA city official, who spoke on condition of anonymity, said the closure "
        "would cost 200 jobs."
    )
    button(at, "Analyse").click().run()
    no_errors(at)
    [done] = at.success
    stored = Store(db).summaries()
    assert len(stored) == samples + 1 and stored[0].title == "Harbour report"  # newest first
    pasted = stored[0]
    assert f"{pasted.claims} claims" in done.value and "server time" in done.value
    assert at.page_link[0].proto.query_string == f"rubric=admiralty&article={pasted.id}"
    go(at, "article", article=pasted.id)
    no_errors(at)
    body = next(h.value for h in at.html if "harbour will close" in h.value)
    assert body.count("<mark") >= pasted.claims
    assert "port authority" in body


def test_hostile_article_renders_as_text_everywhere(db: str) -> None:
    at = start()
    at.text_input(key="paste_title").input("<b>Bold</b> $x$ title")
    at.text_area(key="paste_text").input(HOSTILE)
    button(at, "Analyse").click().run()
    no_errors(at)
    article_id = next(s.id for s in Store(db).summaries() if (s.title or "").startswith("<b>"))
    for name in ("article", "rate", "claims"):
        go(at, name, article=article_id, analyst="ann")
        no_errors(at)
        for element in at.html:
            assert "<script" not in element.value and "<img" not in element.value
            assert "<b>" not in element.value
        for element in [*at.markdown, *at.caption, *at.header, *at.success]:
            assert "<script" not in element.value or "\\<script" in element.value
            assert re.search(r"(?<!\\)\$", element.value) is None, element.value
    go(at, "article", article=article_id)
    markup = next(h.value for h in at.html if "alert(1)" in h.value)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in markup and "&#36;x&#36;" in markup
    shown = _visible_text(markup)  # what the browser shows: the text itself
    assert "<script>alert(1)</script>" in shown and "<img src=x onerror=alert(1)>" in shown


def test_every_page_runs_and_links_carry_the_claim(db: str) -> None:
    at = start()
    titles = {
        "article": None,
        "claims": "Claims",
        "rate": "Rate claims",
        "rubrics": "Rubrics",
        "export": "Export",
    }
    for name, title in titles.items():
        go(at, name)
        no_errors(at)
        if title:
            assert at.title[0].value == title
    go(at, "article", article="seed_putin_report", claim="c2")
    assert at.selectbox(key="pick_claim").value == "c2"
    charts = at.get("graphviz_chart")
    assert len(charts) == 2  # the claim's chain and the article's source graph
    chain_dot = charts[0].proto.spec
    assert "Shukan Bunshun" in chain_dot and chain_dot.count("->") >= 2
    links = {link.proto.label: link.proto.query_string for link in at.page_link}
    assert links["Rate this claim"] == "rubric=admiralty&article=seed_putin_report&claim=c2"
    # Links carry the sidebar's settings: the page they open shows the same view.
    go(at, "article", rubric="newsroom", min_confidence="0.4")
    links = {link.proto.label: link.proto.query_string for link in at.page_link}
    assert links["Rate this claim"] == (
        "rubric=newsroom&min_confidence=0.4&article=seed_putin_report&claim=c2"
    )


@pytest.fixture
def team(db: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """A team server: sign-in by account; ann and bob have one."""
    monkeypatch.setenv("PROVENANCE_AUTH", "accounts")
    store = Store(db)
    set_password(store, "Ann", "ann's long password")
    set_password(store, "bob", "bob's long password")
    store.close()
    return db


def sign_in(at: AppTest, name: str, password: str) -> AppTest:
    at.text_input(key="signin_name").input(name)
    at.text_input(key="signin_password").input(password)
    return button(at, "Sign in").click().run()


def test_sign_in_cannot_be_bypassed_by_a_url_parameter(team: str) -> None:
    at = start({"analyst": "ann"})
    assert [t.value for t in at.title] == ["Sign in"]  # nothing else is shown
    at = go(at, "rate", article="seed_putin_report", analyst="ann")
    assert [t.value for t in at.title] == ["Sign in"]
    assert [b.label for b in at.button] == ["Sign in"]  # no Save
    sign_in(at, "ann", "wrong password")
    assert at.error[0].value == "Wrong name or password." and at.title[0].value == "Sign in"
    sign_in(at, "ANN\u200b", "ann's long password")  # the name is normalised
    no_errors(at)
    assert "Signed in as **ann**" in at.sidebar.caption[0].value
    go(at, "rate", article="seed_putin_report", analyst="bob")
    button(at, "Save").click().run()
    assert [r.analyst for r in Store(team).latest_ratings()] == ["ann"]  # not bob


def test_local_use_signs_as_the_os_user_whatever_the_url(db: str) -> None:
    at = go(start(), "rate", article="seed_putin_report", analyst="mallory")
    no_errors(at)
    assert "Name" not in [t.label for t in at.text_input]  # no name box to type another into
    button(at, "Save").click().run()
    assert [r.analyst for r in Store(db).latest_ratings()] == [local_analyst()]


def _form(at: AppTest, claim_id: str) -> dict[str, Any]:
    suffix = f"seed_putin_report|{claim_id}|admiralty"
    return {
        "reliability": at.segmented_control(key=f"axis|reliability|{suffix}"),
        "credibility": at.segmented_control(key=f"axis|credibility|{suffix}"),
        "agree": at.radio(key=f"agree|{suffix}"),
    }


def test_form_changing_a_value_switches_to_override(db: str, seed_analysis: Analysis) -> None:
    claim = seed_analysis.claims[0]
    auto = score(seed_analysis, load_rubric("admiralty"))[0]
    at = go(start(), "rate", article="seed_putin_report", claim=claim.id)
    form = _form(at, claim.id)
    assert (form["reliability"].value, form["agree"].value) == (auto.axes["reliability"], "agree")
    other = "A" if auto.axes["reliability"] != "A" else "B"
    form["reliability"].set_value(other).run()  # "Agree" left selected
    form = _form(at, claim.id)
    assert form["agree"].value == "override"
    button(at, "Save").click().run()
    [stored] = Store(db).latest_ratings()
    assert (stored.agree, stored.values["reliability"]) == (False, other)
    assert stored.grade == f"{other}{auto.axes['credibility']}" != auto.grade


def test_form_agreeing_puts_the_automatic_values_back(db: str, seed_analysis: Analysis) -> None:
    claim = seed_analysis.claims[0]
    auto = score(seed_analysis, load_rubric("admiralty"))[0]
    at = go(start(), "rate", article="seed_putin_report", claim=claim.id)
    _form(at, claim.id)["credibility"].set_value("1" if auto.axes["credibility"] != "1" else "2")
    at.run()
    _form(at, claim.id)["agree"].set_value("agree").run()
    form = _form(at, claim.id)
    assert (form["reliability"].value, form["credibility"].value) == (
        auto.axes["reliability"], auto.axes["credibility"],
    )  # fmt: skip
    button(at, "Save").click().run()
    [stored] = Store(db).latest_ratings()
    assert (stored.agree, stored.grade, stored.override_grade) == (True, auto.grade, None)
    assert stored.values == {k: auto.axes[k] for k in ("reliability", "credibility")}


def test_form_a_chosen_value_cannot_be_cleared(db: str, seed_analysis: Analysis) -> None:
    claim = seed_analysis.claims[0]
    at = go(start(), "rate", article="seed_putin_report", claim=claim.id)
    form = _form(at, claim.id)
    # Required: the browser ignores a click on the selected option (see test_e2e).
    assert form["reliability"].proto.required and form["credibility"].proto.required
    # A client that sends "nothing chosen" anyway gets a message, and nothing is stored.
    form["reliability"].set_value(None).run()
    button(at, "Save").click().run()
    assert "choose a value for reliability" in at.error[0].value
    assert Store(db).latest_ratings() == []


def test_rate_two_analysts_and_the_history(team: str, seed_analysis: Analysis) -> None:
    rubric = load_rubric("admiralty")
    first, second = seed_analysis.claims[0], seed_analysis.claims[1]
    auto = score(seed_analysis, rubric)[0]
    at = sign_in(start(), "ann", "ann's long password")
    at = go(at, "rate", article="seed_putin_report", claim=first.id)
    suffix = f"seed_putin_report|{first.id}|admiralty"
    # The form starts from the automatic grade, on the rubric's own scale.
    assert at.segmented_control(key=f"axis|reliability|{suffix}").value == auto.axes["reliability"]
    at.segmented_control(key=f"axis|reliability|{suffix}").set_value("B")
    at.segmented_control(key=f"axis|credibility|{suffix}").set_value("2")
    at.text_area(key=f"why|{suffix}").input('=HYPERLINK("x") named in the report')
    at.multiselect(key=f"tags|{suffix}").set_value(["checked"])
    button(at, "Save and next").click().run()
    no_errors(at)
    assert "Saved rating #1" in at.success[0].value
    assert at.selectbox(key="pick_claim").value == second.id  # moved on
    [stored] = Store(team).latest_ratings()
    assert (stored.analyst, stored.values, stored.agree, stored.grade, stored.tags) == (
        "ann",
        {"reliability": "B", "credibility": "2"},
        False,
        "B2",
        ["checked"],
    )
    assert stored.auto_grade == auto.grade and stored.rubric_version == rubric.version

    other = sign_in(start(), "bob", "bob's long password")
    go(other, "rate", article="seed_putin_report", claim=first.id)
    button(other, "Save").click().run()
    no_errors(other)
    latest = {r.analyst: r.grade for r in Store(team).latest_ratings()}
    assert latest == {"ann": "B2", "bob": auto.grade}

    # ann comes back: her own rating prefills the form; a new one adds to the history.
    again = sign_in(start(), "ann", "ann's long password")
    go(again, "rate", article="seed_putin_report", claim=first.id)
    assert again.segmented_control(key=f"axis|reliability|{suffix}").value == "B"
    assert again.radio(key=f"agree|{suffix}").value == "override"
    again.radio(key=f"agree|{suffix}").set_value("agree").run()
    button(again, "Save").click().run()
    store = Store(team)
    history = store.history("seed_putin_report", store.claims("seed_putin_report")[0].key)
    assert [(r.analyst, r.agree) for r in history] == [("ann", False), ("bob", True), ("ann", True)]
    tables = [d.value for d in again.dataframe if "analyst" in d.value.columns]
    assert [len(t) for t in tables] == [2, 3]  # latest per analyst, then the whole history


def test_a_new_text_under_a_stored_id_is_a_version_after_asking(db: str) -> None:
    at = start()
    seed = (ROOT / "data" / "seed_putin_report.txt").read_bytes()
    uploader = at.file_uploader(key="uploads")
    uploader.upload("copy_of_the_seed.txt", seed, "text/plain")  # same text, another name
    uploader.upload("seed_putin_report.txt", b"An editor's note, the desk said.\n\n" + seed,
                    "text/plain")  # fmt: skip
    uploader.run()
    button(at, "Analyse the files").click().run()
    no_errors(at)
    summary = at.success[0].value
    assert "2 files, 2 articles: 1 same text as another article, 1 id stored" in summary
    outcomes = next(d.value for d in at.dataframe if "outcome" in d.value.columns)
    assert list(outcomes["detail"]) == ["as seed_putin_report", ""]
    assert "already stored (version 1)" in at.warning[0].value
    store = Store(db)
    assert store.current_version("seed_putin_report") == 1
    assert store.current_version("copy_of_the_seed") is None
    button(at, "Make it the current version").click().run()
    no_errors(at)
    assert "as version 2" in at.success[0].value
    assert [(v.version, v.current) for v in store.versions("seed_putin_report")] == [
        (1, False), (2, True),
    ]  # fmt: skip
    go(at, "article", article="seed_putin_report")
    no_errors(at)
    assert any(e.label.startswith("Versions (2") for e in at.expander)


def test_orphaned_ratings_are_shown_with_their_text(db: str, seed_analysis: Analysis) -> None:
    at = go(start(), "rate", article="seed_putin_report", claim=seed_analysis.claims[1].id)
    button(at, "Save").click().run()
    edited = seed_analysis.article.model_copy(
        update={"text": seed_analysis.article.text.replace(seed_analysis.claims[1].text, "")}
    )
    store = Store(db)
    Workspace(store).add_article(edited, new_version=True)
    at = go(start(), "article", article="seed_putin_report")
    no_errors(at)
    [orphans] = [e for e in at.expander if e.label.startswith("Orphaned ratings (1)")]
    shown = orphans.dataframe[0].value
    assert list(shown["claim_text"]) == [seed_analysis.claims[1].text]
    assert list(shown["analyst"]) == [local_analyst()]


def test_export_page_builds_the_report_with_ratings(db: str) -> None:
    at = go(start(), "rate", article="seed_putin_report")
    claim_id = at.selectbox(key="pick_claim").value
    suffix = f"seed_putin_report|{claim_id}|admiralty"
    at.text_area(key=f"why|{suffix}").input("+1 seen in two outlets")
    button(at, "Save").click().run()
    go(at, "export")
    no_errors(at)
    metrics = {m.label: m.value for m in at.metric}
    stored = Store(db).summaries()
    claims = sum(s.claims for s in stored)
    assert metrics == {
        "Articles": str(len(stored)),
        "Claims": str(claims),
        "Rated claims": "1",
        "Rows in the CSV": str(claims),
    }
    assert {b.proto.label for b in at.download_button} == {
        "Download the CSV report",
        "Download the analyses (JSON)",
        "Download the rating history (CSV)",
        "Download the audit log (CSV)",
        "Download ClaimReview (JSON-LD)",
    }
    preview = at.dataframe[0].value
    rated = preview.loc[preview["analyst"] == local_analyst()].iloc[0]
    assert (rated["claim_id"], rated["rationale"]) == (claim_id, "+1 seen in two outlets")
    assert {"source_reliability", "source_reliability_evidence", "chain", "grade"} <= set(
        preview.columns
    )


def test_claims_page_filters_and_pages(db: str, seed_analysis: Analysis) -> None:
    store = Store(db)
    for n in range(3):  # more claims than one page holds; each copy its own text
        copy = seed_analysis.article.model_copy(
            update={"id": f"copy{n}", "text": f"{seed_analysis.article.text}\n\nCopy {n}."}
        )
        store.save_analysis(seed_analysis.model_copy(update={"article": copy}))
    at = go(start(), "claims")  # the database is not empty: no sample is added
    no_errors(at)
    total = 3 * len(seed_analysis.claims)
    assert at.caption[0].value.startswith(f"{total:,} of {total:,} claims")
    assert len(at.dataframe[0].value) == claims_page.PAGE_SIZE
    assert at.pagination[0].proto.num_pages == -(-total // claims_page.PAGE_SIZE)
    at.selectbox(key="f_anon").set_value("none").run()
    unsourced = sum(not c.chain for c in seed_analysis.claims) * 3
    assert at.caption[0].value.startswith(f"{unsourced:,} of {total:,}")
    assert set(at.dataframe[0].value["hops"]) <= {0}


def test_claims_page_flags_disagreement_with_rationales_side_by_side(
    db: str, seed_analysis: Analysis
) -> None:
    at = start()  # first start: samples
    rubric = load_rubric("admiralty")
    store = Store(db)
    here = Workspace(store)
    claims = store.claims("seed_putin_report")
    autos = {r.claim_id: r for r in score(seed_analysis, rubric)}
    first, second = claims[0], claims[1]
    for analyst in ("ann", "bob"):  # both agree on the first claim
        here.rate(article_id="seed_putin_report", claim_key=first.key, analyst=analyst,
                  rubric=rubric, values=dict(autos[first.claim_id].axes))  # fmt: skip
    auto = autos[second.claim_id].axes
    other = "A" if auto["reliability"] != "A" else "B"
    here.rate(article_id="seed_putin_report", claim_key=second.key, analyst="ann",
              rubric=rubric, values=dict(auto), rationale="<b>as graded</b>")  # fmt: skip
    here.rate(article_id="seed_putin_report", claim_key=second.key, analyst="bob",
              rubric=rubric, values={**auto, "reliability": other},
              rationale="the *minister* said so")  # fmt: skip
    go(at, "claims")
    at.selectbox(key="f_disagree").set_value("any").run()
    no_errors(at)
    table = at.dataframe[0].value
    assert list(table["claim_id"]) == [second.claim_id]
    assert table["disagreement"].iloc[0] == "analysts differ · ≠ automatic"
    at.selectbox(key="f_disagree").set_value("analysts").run()
    assert list(at.dataframe[0].value["claim_id"]) == [second.claim_id]
    at.selectbox(key="f_disagree").set_value("all").run()
    assert len(at.dataframe[0].value) > 1
    # Selecting the row shows both rationales, escaped, side by side.
    at.selectbox(key="f_disagree").set_value("any").run()
    at.session_state["claims_table"] = {"selection": {"rows": [0], "columns": []}}
    at.run()
    shown = " ".join(str(h.proto.body) for h in at.get("html"))
    assert "&lt;b&gt;as graded&lt;/b&gt;" in shown and "the *minister* said so" in shown
    frame = core.claims_table(rubric)
    chosen = claims_page.apply(frame, claims_page.Filters(disagreement="any"))
    assert list(chosen["claim_id"]) == [second.claim_id]
    assert bool(chosen["analysts_differ"].iloc[0]) and int(chosen["spread"].iloc[0]) >= 1
    agreed = frame[frame["claim_id"] == first.claim_id].iloc[0]
    assert not agreed["analysts_differ"] and not agreed["differs_from_automatic"]


def test_rate_page_explains_the_grade_without_a_headline_score(
    db: str, seed_analysis: Analysis
) -> None:
    rubric = load_rubric("admiralty")
    results = score(seed_analysis, rubric)
    chained = next(
        r for r, c in zip(results, seed_analysis.claims, strict=True) if len(c.chain) > 1
    )
    at = go(start(), "rate", article="seed_putin_report", claim=chained.claim_id)
    no_errors(at)
    line = next(m.value for m in at.markdown if m.value.startswith("Automatic grade"))
    assert "%" not in line  # the Admiralty rubric's points only sort claims
    for axis in rubric.grades.axes or []:
        assert f"{axis.title or axis.name} {chained.axes[axis.name]}" in line
    table = next(
        h.proto.body for h in at.get("html") if "Criterion and why it counts" in h.proto.body
    )
    for crit in chained.criteria:
        assert render.esc(crit.label) in table  # labels, not ids
        if crit.why:
            assert render.esc(crit.why)[:30] in table
        assert f"of {crit.weight:g}" in table  # the most it could earn
        for hop in crit.hops:  # each letter named by its source
            assert f"{render.esc(hop.source)} <strong>{hop.value}</strong>" in table
    assert ">False<" not in table and "attributed<" not in table
    assert "Total" in table
    newsroom = load_rubric("newsroom")
    assert "points" in render.grade_detail(score(seed_analysis, newsroom)[0], newsroom)
    assert render.score_column(rubric)[0] == "Sort key"


def test_claims_filters_apply(seed_analysis: Analysis) -> None:
    frame = score_frame(seed_analysis, "admiralty").assign(ratings=0)
    frame.loc[frame["claim_id"] == "c2", "ratings"] = 1
    apply = claims_page.apply
    named = apply(frame, claims_page.Filters(anonymity="named"))
    assert (named["hops"] > 0).all() and (named["anonymous_hops"] == 0).all()
    assert list(apply(frame, claims_page.Filters(rated="rated"))["claim_id"]) == ["c2"]
    harada = apply(frame, claims_page.Filters(source="harada"))
    assert len(harada) == frame["chain"].str.contains("Harada").sum() > 0
    ordered = apply(frame, claims_page.Filters(sort="percent", descending=True))["percent"]
    assert list(ordered) == sorted(frame["percent"], reverse=True)


def test_upload_files_and_the_size_cap(db: str) -> None:
    at = start()
    uploader = at.file_uploader(key="uploads")
    uploader.upload(
        "harbour.txt", b"The harbour will close, the mayor said on Monday.", "text/plain"
    )
    uploader.upload("huge.txt", b"x" * (MAX_INPUT_BYTES + 1), "text/plain")
    uploader.run()
    button(at, "Analyse the files").click().run()
    assert [s.id for s in Store(db).summaries()].count("harbour") == 1
    assert at.warning[0].value.startswith("2 files, 2 articles: 1 added, 1 not read")
    failed = next(d.value for d in at.dataframe if "outcome" in d.value.columns).iloc[
        1
    ]  # the CLI's cap, in its unit
    assert (failed["file"], failed["outcome"]) == ("huge.txt", "not read")
    assert failed["detail"] == "file is 5.0 MB, over the 5.0 MB limit; split the file"


@pytest.fixture
def article_server(tmp_path: Path) -> Iterator[str]:
    """A local web server with one HTML article (no outside network)."""
    (tmp_path / "story.html").write_text(
        "<html><head><title>Dam inspection</title></head><body><article><h1>Dam inspection"
        "</h1><p>The dam passed its inspection, the water board said in a statement on "
        "Tuesday.</p><p>Engineers said the spillway needs repairs within two years.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    handler = lambda *a: http.server.SimpleHTTPRequestHandler(*a, directory=str(tmp_path))  # noqa: E731
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_add_article_from_a_url_only_http(
    db: str, article_server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = start()
    at.text_input(key="url").input("file:///etc/passwd")
    button(at, "Fetch and analyse").click().run()
    assert "Only http" in at.error[0].value
    at.text_input(key="url").input(f"{article_server}/story.html")
    button(at, "Fetch and analyse").click().run()
    assert "unreachable or not allowed" in at.error[0].value  # loopback: refused by default
    assert all(s.title != "Dam inspection" for s in Store(db).summaries())
    monkeypatch.setenv(ALLOW_PRIVATE_ENV, "1")  # the server admin allows an intranet
    button(at, "Fetch and analyse").click().run()
    no_errors(at)
    assert "Analysed" in at.success[0].value
    assert any(s.title == "Dam inspection" for s in Store(db).summaries())


def test_rubric_editor_errors_in_place_preview_and_save(
    db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed_analysis: Analysis
) -> None:
    rubrics = tmp_path / "rubrics"
    shutil.copytree(ROOT / "rubrics", rubrics)
    monkeypatch.setenv("PROVENANCE_RUBRICS", str(rubrics))
    at = go(start(), "rubrics")
    no_errors(at)
    editor = at.text_area(key="rubric_text|admiralty")
    copy = editor.value or ""
    assert "id: admiralty-copy" in copy
    broken = copy.replace("weight: 50", "weight: heavy", 1)
    editor.input(broken).run()
    [error] = at.error
    assert "edited copy" in error.value and "weight" in error.value
    assert button(at, "Save to the rubrics folder").proto.disabled
    lenient = copy.replace('{label: "3", min: 50}', '{label: "3", min: 40}')
    at.text_area(key="rubric_text|admiralty").input(lenient).run()
    no_errors(at)
    button(at, "Preview the grades").click().run()
    changes = at.dataframe[-1].value
    edited = validate_rubric_text(lenient, "test")
    expected = [
        (a.claim_id, a.grade, b.grade)
        for a, b in zip(
            score(seed_analysis, "admiralty"), score(seed_analysis, edited), strict=True
        )
        if a.grade != b.grade
    ]
    assert expected  # the edit matters on the seed article
    moved = changes.loc[changes["changed"], ["claim_id", "before", "after"]]
    assert sorted(map(tuple, moved.to_numpy())) == sorted(expected)
    button(at, "Save to the rubrics folder").click().run()
    assert (rubrics / "admiralty-copy.yaml").read_text(encoding="utf-8") == lenient
    options = start().sidebar.selectbox(key="rubric").options
    assert any(option.endswith("(admiralty-copy)") for option in options)


# --- HTML and DOT builders ----------------------------------------------------------------


def _visible_text(markup: str) -> str:
    """What a browser shows of highlight()'s HTML, minus the claim tags."""
    return html.unescape(re.sub(r"<sup[^>]*>.*?</sup>|<[^>]+>", "", markup))


def test_highlight_keeps_every_character_and_escapes(nlp: Language) -> None:
    from provenance import analyze

    analysis = analyze(HOSTILE, nlp=nlp)
    results = score(analysis, "admiralty")
    markup = render.highlight(
        analysis,
        {r.claim_id: r.grade for r in results},
        {r.claim_id: 1.0 for r in results},
        selected=analysis.claims[0].id if analysis.claims else None,
    )
    assert _visible_text(markup) == analysis.article.text
    assert "<script" not in markup and "<img" not in markup and "$" not in markup
    tags = re.findall(r"<sup[^>]*>\[(.*?)\]</sup>", markup)
    assert sum(len(tag.split(" | ")) for tag in tags) == len(analysis.claims)
    assert render.GRADE_COLOURS[-1] in markup


def test_markdown_escape_leaves_no_markup() -> None:
    escaped = render.md("**bold** $x$ <b>:red[x]</b> [link](http://e.com)")
    assert re.search(r"(?<!\\)[*$<\[\]:]", escaped) is None


def test_dot_strings_cannot_break_out() -> None:
    nasty = 'Bob" ] ; evil [label="x\\" -> y'
    quoted = render.dot_string(nasty)
    assert re.fullmatch(r'"(?:[^"\\]|\\.)*"', quoted)
    assert quoted.replace("\\n", " ") == '"' + nasty.replace("\\", "\\\\").replace('"', '\\"') + '"'


def test_chain_graph_runs_from_origin_to_the_article(seed_analysis: Analysis) -> None:
    for claim in seed_analysis.claims:
        dot = render.chain_dot(claim)
        assert dot.count("->") == len(claim.chain)  # hop to hop, the last one to the article
        for hop in claim.chain:
            assert render.dot_string(render._hop_label(hop))[1:-1].split("\\n")[0] in dot
    assert "own voice" in render.chain_dot(next(c for c in seed_analysis.claims if not c.chain))


def test_source_graph_has_every_source_and_edge(seed_analysis: Analysis) -> None:
    dot = render.source_graph_dot(seed_analysis, highlighted=["S1"])
    for source in seed_analysis.sources:
        assert render.dot_string(source.id) in dot
    assert dot.count("->") == len(seed_analysis.edges)
    assert dot.count("penwidth=3") == 1


def test_colours_run_from_best_to_worst() -> None:
    assert render.colour_for(0.0) == render.GRADE_COLOURS[0]
    assert render.colour_for(1.0) == render.GRADE_COLOURS[-1]
    assert render.colour_for(None) == render.UNSCORED_COLOUR


def test_badness_places_grades_between_best_and_worst() -> None:
    admiralty, newsroom = load_rubric("admiralty"), load_rubric("newsroom")

    def result(grade: str, **axes: str) -> ClaimScore:
        return ClaimScore(claim_id="c1", score=0.0, grade=grade, axes=axes)

    assert core.badness(result("A1", reliability="A", credibility="1"), admiralty) == 0.0
    assert core.badness(result("F6", reliability="F", credibility="6"), admiralty) == 1.0
    assert core.badness(result("B3", reliability="B", credibility="3"), admiralty) == (
        pytest.approx(0.3)
    )
    worst = newsroom.grade_order()[-1]
    assert core.badness(result(worst), newsroom) == 1.0


def test_export_page_with_history_has_every_rating_event(db: str) -> None:
    at = start()
    here = Workspace(Store(db))
    rubric = load_rubric("admiralty")
    claim = Store(db).claims("seed_putin_report")[0]
    values = {"reliability": "F", "credibility": "6"}
    for why in ("first look", "second look"):
        here.rate(article_id="seed_putin_report", claim_key=claim.key, analyst="ann",
                  rubric=rubric, values=values, rationale=why)  # fmt: skip
    go(at, "export")
    no_errors(at)
    claims = sum(s.claims for s in Store(db).summaries())
    assert {m.label: m.value for m in at.metric}["Rows in the CSV"] == str(claims)
    at.toggle(key="export_history").set_value(True).run()
    no_errors(at)
    assert {m.label: m.value for m in at.metric}["Rows in the CSV"] == str(claims + 1)
    preview = at.dataframe[0].value
    assert list(preview.loc[preview["analyst"] == "ann", "rationale"]) == [
        "first look", "second look"]  # fmt: skip
