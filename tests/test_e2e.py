"""End to end in a real browser: ``streamlit run app.py`` (a team server: sign-in by account)
and Debian's headless Chromium driven by Playwright. Sign in (a URL parameter does not), add the
seed again (caught as a duplicate), rate a claim through the form's rules (a changed value is an
override, agreeing restores the automatic values, a second click keeps the value), restart the
server, find the rating, download the CSV; a hostile article shows as text and opens no dialog;
screenshots of every page go to docs/screenshots/. Skipped when /usr/bin/chromium or playwright
is not installed."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from dashboard_server import CHROMIUM, DashboardServer, chromium, wait_idle

from provenance import Analysis, analyze_many
from provenance.accounts import set_password
from provenance.dashboard import PAGES
from provenance.scoring import score
from provenance.storage import Store
from provenance.workspace import sample_inputs

expect = pytest.importorskip(
    "playwright.sync_api", reason="the playwright package is not installed"
).expect
if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)", allow_module_level=True)

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "seed_putin_report.txt"
SHOTS = ROOT / "docs" / "screenshots"
HOSTILE_TITLE = "Hostile <b>markup</b> $x$"
HOSTILE = (
    "Officials said <script>alert(1)</script> was planted, according to a report by "
    "<img src=x onerror=alert(1)> analysts who priced it at $x$.\n\n"
    '"It costs $5 and **more**," the minister said.'
)
ONE_MATCH = re.compile(r"^1 of [\d,]+ claims match")
ACCOUNT, PASSWORD = "E2E Analyst", "the e2e analyst's password"
SECOND, SECOND_PASSWORD = "Second Analyst", "the second analyst's password"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DashboardServer]:
    folder = tmp_path_factory.mktemp("e2e")
    url = f"sqlite:///{folder / 'provenance.db'}"
    accounts = Store(url)
    set_password(accounts, ACCOUNT, PASSWORD)
    set_password(accounts, SECOND, SECOND_PASSWORD)
    accounts.close()
    team = {"PROVENANCE_AUTH": "accounts"}
    with DashboardServer(ROOT / "app.py", url, log=folder / "streamlit.log", env=team) as running:
        yield running


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as launched:
        yield launched


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1440, "height": 900}, accept_downloads=True)
    opened = context.new_page()
    dialogs: list[str] = []

    def record(dialog: Any) -> None:  # an alert() that ran: noted, then closed
        dialogs.append(dialog.message)
        dialog.dismiss()

    opened.on("dialog", record)
    opened.dialogs = dialogs
    yield opened
    context.close()


def sign_in(page: Any, password: str = PASSWORD, name: str = ACCOUNT) -> None:
    page.get_by_role("textbox", name="Name").fill(name)
    page.get_by_role("textbox", name="Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    wait_idle(page)


def visit(page: Any, server: DashboardServer, path: str, second: bool = False) -> None:
    """Open ``path`` in a new session, which starts at the sign-in form; sign in (as the
    second analyst when ``second``)."""
    page.goto(f"{server.url}/{path}")
    wait_idle(page, timeout=120)
    sign_in(page, *((SECOND_PASSWORD, SECOND) if second else ()))
    page.get_by_text("Signed in as").wait_for(timeout=120_000)
    wait_idle(page, timeout=120)


def cells(page: Any) -> list[str]:
    """The text of every visible cell of the page's tables (their accessible grid)."""
    page.locator("[role='gridcell']").first.wait_for(state="attached")
    return [cell.text_content() or "" for cell in page.locator("[role='gridcell']").all()]


@pytest.fixture(scope="module")
def samples(nlp: Any) -> list[Analysis]:
    """The sample articles as the library analyses them (what the first start must show)."""
    found = list(analyze_many(sample_inputs(ROOT / "data"), nlp=nlp))
    assert all(isinstance(a, Analysis) for a in found)
    return found  # type: ignore[return-value]


def test_analyse_rate_restart_find_and_export(
    server: DashboardServer, page: Any, samples: list[Analysis], tmp_path: Path
) -> None:
    # First start: the sample articles are there, analysed.
    visit(page, server, "")
    page.get_by_text(f"Analysed articles ({len(samples)})").wait_for()
    assert any(cell.startswith("Putin uses U.S. bases") for cell in cells(page))
    assert page.get_by_role("button", name="Deploy").count() == 0  # .streamlit/config.toml

    # The seed article again, under another file name: caught as the same text.
    page.get_by_role("tab", name="Upload files").click()
    copy = tmp_path / "copy_of_the_seed.txt"
    copy.write_bytes(SEED.read_bytes())
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(copy))
    page.get_by_role("button", name="Analyse the files").click()
    page.get_by_text("1 file, 1 article: 1 same text as another article").wait_for()
    stored = Store(server.db_url)
    assert "copy_of_the_seed" not in {s.id for s in stored.summaries()}  # not stored twice
    stored.close()

    # Rate the first quote (through an anonymous official and a secret report).
    seed = next(a for a in samples if a.article.id == "seed_putin_report")
    quote = min(
        (c for c in seed.claims if "no intention to discuss" in c.text), key=lambda c: len(c.text)
    )
    auto = next(r for r in score(seed, "admiralty") if r.claim_id == quote.id)
    visit(page, server, f"rate?article=seed_putin_report&claim={quote.id}")
    main = page.locator("[data-testid='stMain']")
    reliability = main.get_by_role("radiogroup", name="Reliability")
    agree = main.get_by_role("radio", name=f"Agree ({auto.grade})")
    override = main.get_by_role("radio", name="Override with my values")
    expect(agree).to_be_checked()
    expect(reliability.get_by_role("radio", name=auto.axes["reliability"])).to_be_checked()
    # Another value while "Agree" is chosen: the choice becomes "Override".
    reliability.get_by_role("radio", name="B").click()
    expect(override).to_be_checked(timeout=30_000)
    # A second click on the chosen value keeps it.
    wait_idle(page)
    reliability.get_by_role("radio", name="B").click()
    wait_idle(page)
    expect(reliability.get_by_role("radio", name="B")).to_be_checked()
    # Agreeing puts the automatic values back.
    main.get_by_text(f"Agree ({auto.grade})").click()
    expect(reliability.get_by_role("radio", name=auto.axes["reliability"])).to_be_checked(
        timeout=30_000
    )
    wait_idle(page)
    reliability.get_by_role("radio", name="B").click()
    wait_idle(page)
    main.get_by_role("radiogroup", name="Credibility").get_by_role("radio", name="2").click()
    wait_idle(page)
    expect(override).to_be_checked()
    main.get_by_label("Rationale").fill("=HYPERLINK(1) checked against the magazine")
    main.get_by_role("button", name="Save", exact=True).click()
    saved = page.get_by_text("Saved rating #1")
    saved.wait_for(timeout=30_000)
    assert quote.id in saved.inner_text() and "B2" in saved.inner_text()
    assert "e2e analyst" in saved.inner_text()

    server.restart()

    # The rating survived: the claim's ratings list it, and the form starts from it.
    visit(page, server, f"rate?article=seed_putin_report&claim={quote.id}")
    page.get_by_text("you rated 1").wait_for()
    assert "e2e analyst" in cells(page) and "B2" in cells(page)
    rationale = page.locator("[data-testid='stMain']").get_by_label("Rationale")
    assert rationale.input_value() == "=HYPERLINK(1) checked against the magazine"

    # The CSV report: one row per claim (one analyst), the rated row neutralised for Excel.
    visit(page, server, "export")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the CSV report").click()
    data = Path(download.value.path()).read_bytes().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(data)))
    assert len(rows) == sum(len(a.claims) for a in samples)
    assert {row["article_id"] for row in rows} == {a.article.id for a in samples}
    [rated] = [row for row in rows if row["analyst"]]
    assert (rated["claim_id"], rated["analyst"], rated["analyst_grade"]) == (
        quote.id, "e2e analyst", "B2",
    )  # fmt: skip
    assert rated["rationale"] == "'=HYPERLINK(1) checked against the magazine"
    assert rated["analyst_values"] == "reliability=B credibility=2"
    assert rated["chain"].startswith("Russian government official")

    assert page.dialogs == []


def top(page: Any, heading: str) -> None:
    """Scroll the page so that this heading is at the top of the window."""
    found = page.locator("[data-testid='stMain']").get_by_role("heading", name=heading).first
    found.evaluate("element => element.scrollIntoView({block: 'start'})")


def only_row(page: Any, claim_id: str) -> None:
    """The Claims table shows one row, this claim's (the grid redraws after the caption)."""
    grid = page.locator("[data-testid='stMain'] [role='grid']").first
    expect(grid.locator("[role='row']")).to_have_count(2, timeout=30_000)  # header and one
    cell = grid.locator("[role='gridcell']").filter(has_text=re.compile(f"^{re.escape(claim_id)}$"))
    expect(cell).to_have_count(1)


def choose(page: Any, label: str, option: str) -> None:
    """Pick ``option`` in the select box labelled ``label`` (Streamlit's combobox)."""
    box = page.locator("[data-testid='stMain']").get_by_role("combobox", name=label)
    wait_idle(page)
    box.click()
    box.fill(option)  # the box filters its options as one types
    page.get_by_role("option", name=option, exact=True).click()
    wait_idle(page)


def click(page: Any, name: str, then: str) -> None:
    """Click a button and wait for the text the page says once it is done."""
    page.locator("[data-testid='stMain']").get_by_role("button", name=name, exact=True).click()
    page.get_by_text(then).first.wait_for(timeout=60_000)
    wait_idle(page)


def download(page: Any, name: str) -> str:
    with page.expect_download() as started:
        page.get_by_role("button", name=name).click()
    return Path(started.value.path()).read_bytes().decode("utf-8-sig")


def test_two_analysts_assign_rate_disagree_comment_correct_and_export(
    server: DashboardServer, browser: Any, samples: list[Analysis]
) -> None:
    """The review workflow in the browser, two analysts in two sessions; then a screenshot of
    every page with their data."""
    seed = next(a for a in samples if a.article.id == "seed_putin_report")
    quote = min((c for c in seed.claims if "no intention to discuss" in c.text),
                key=lambda c: len(c.text))  # fmt: skip
    unsourced = next(c for c in seed.claims if not c.chain and "report" in c.text)
    sizes = {"viewport": {"width": 1440, "height": 900}, "accept_downloads": True}
    first, second = (browser.new_context(**sizes).new_page() for _ in range(2))
    rate = f"rate?article=seed_putin_report&claim={quote.id}"

    # The first analyst takes the claim up, gives it to the second, comments and rates it.
    visit(first, server, rate)
    choose(first, "Status", "In progress")
    first.get_by_label("Note (kept with the status)").fill("asking the magazine")
    click(first, "Set status", "Status set to In progress")
    choose(first, "Assigned to", "second analyst")
    click(first, "Assign", "Assigned to second analyst")
    first.get_by_label("Add a comment").fill("<b>Harada</b> runs an institute: =1+1")
    click(first, "Comment", "Comment added")
    main = first.locator("[data-testid='stMain']")
    main.get_by_role("radiogroup", name="Reliability").get_by_role("radio", name="C").click()
    wait_idle(first)
    main.get_by_role("radiogroup", name="Credibility").get_by_role("radio", name="3").click()
    wait_idle(first)
    main.get_by_label("Rationale").fill("the magazine names its source")
    click(first, "Save", "Saved rating")
    # ... and corrects the chain of a claim the engine left unsourced.
    visit(first, server, f"rate?article=seed_putin_report&claim={unsourced.id}")
    chain = first.locator("[data-testid='stMain']").get_by_role(
        "combobox", name="Chain, origin first (pick in order; type a name the engine missed)"
    )
    for name in ("top secret report", "Takeo Harada", "Shukan Bunshun"):
        chain.click()
        chain.fill(name)
        first.keyboard.press("Enter")
        wait_idle(first)
    first.keyboard.press("Escape")
    click(first, "Save the chain", "stored (chain)")
    expect(first.get_by_text("Chain as corrected by", exact=False).first).to_be_visible()

    # The second analyst finds it in their queue, rates it otherwise, comments, closes it.
    visit(second, server, "claims", second=True)
    second.get_by_text("My queue").click()
    wait_idle(second)
    second.get_by_text(ONE_MATCH).wait_for(timeout=90_000)
    only_row(second, quote.id)
    visit(second, server, rate, second=True)
    main = second.locator("[data-testid='stMain']")
    main.get_by_role("radiogroup", name="Reliability").get_by_role("radio", name="E").click()
    wait_idle(second)
    main.get_by_label("Rationale").fill("<script>alert(1)</script> nothing confirms it")
    click(second, "Save", "Saved rating")
    second.get_by_label("Add a comment").fill("Checked the 2019 issue: no second source.")
    click(second, "Comment", "Comment added")
    choose(second, "Status", "Inconclusive")
    click(second, "Set status", "Status set to Inconclusive")
    expect(second.get_by_text("<b>Harada</b> runs an institute: =1+1")).to_be_visible()

    # They disagree: the Claims page flags it.
    visit(second, server, "claims", second=True)
    choose(second, "Disagreement", "Analysts disagree")
    second.get_by_text(ONE_MATCH).wait_for(timeout=90_000)
    only_row(second, quote.id)

    # A case with the seed article in it.
    visit(first, server, "cases")
    first.get_by_label("Name").fill("Kuril islands")
    first.get_by_role("button", name="Create the case").click()
    first.get_by_text("Created the case").wait_for()
    wait_idle(first)
    adding = first.locator("[data-testid='stMain']").get_by_role("combobox", name="Add articles")
    adding.click()
    adding.fill("Putin uses")
    first.keyboard.press("Enter")
    wait_idle(first)
    first.keyboard.press("Escape")
    click(first, "Add to the case", "Added 1 article(s)")

    # Exports: ClaimReview with both analysts' ratings, and the audit log.
    visit(first, server, "export")
    reviews = json.loads(download(first, "Download ClaimReview (JSON-LD)"))
    mine = [r for r in reviews if quote.text.split()[1] in r["claimReviewed"]]
    assert {r["author"]["name"] for r in mine} == {"e2e analyst", "second analyst"}
    bodies = {r["author"]["name"]: r.get("reviewBody") for r in mine}
    assert bodies["second analyst"] == "<script>alert(1)</script> nothing confirms it"
    audit = list(csv.DictReader(io.StringIO(download(first, "Download the audit log (CSV)"))))
    actions = [row["action"] for row in audit]
    for action in ("status", "assign", "comment", "rate", "correct chain", "create collection"):
        assert action in actions, action
    assert "<b>Harada</b> runs an institute: =1+1" in [row["detail"] for row in audit]

    # Screenshots of every page, at 1440x900, with both analysts' data, for the README.
    SHOTS.mkdir(parents=True, exist_ok=True)
    views = {
        "articles": "",
        "article": f"article?article=seed_putin_report&claim={unsourced.id}",  # corrected
        "claims": "claims",
        "rate": rate,
        "cases": "cases",
        "agreement": "agreement",
        "rubrics": "rubrics",
        "register": "register",
        "corroboration": "corroboration",
        "export": "export",
    }
    assert set(views) == {name for name, _, _ in PAGES}
    for name, path in views.items():
        visit(first, server, path)
        first.wait_for_timeout(1500)  # let charts and tables draw
        first.screenshot(path=str(SHOTS / f"{name}.png"))
        if name == "article":  # the analysts' view: the chain as corrected, and by whom
            expect(
                first.get_by_text("Chain as corrected by e2e analyst", exact=False)
            ).to_be_visible()
    visit(first, server, rate)  # the review and the corrections, further down the Rate page
    top(first, "Review")
    first.wait_for_timeout(1000)
    first.screenshot(path=str(SHOTS / "rate-review.png"))
    visit(first, server, f"rate?article=seed_putin_report&claim={unsourced.id}")
    top(first, "Correct the engine")
    first.wait_for_timeout(1000)
    first.screenshot(path=str(SHOTS / "rate-correct.png"))
    visit(second, server, "claims", second=True)
    choose(second, "Disagreement", "Any disagreement")
    second.wait_for_timeout(1000)
    second.screenshot(path=str(SHOTS / "claims-disagreement.png"))


def test_sign_in_cannot_be_bypassed_by_a_url_parameter(server: DashboardServer, page: Any) -> None:
    page.goto(f"{server.url}/rate?article=seed_putin_report&analyst=e2e+analyst")
    wait_idle(page, timeout=120)
    main = page.locator("[data-testid='stMain']")
    expect(main.get_by_role("heading", name="Sign in")).to_be_visible()
    expect(main.get_by_role("heading", name="Rate claims")).to_have_count(0)
    expect(main.get_by_role("button", name="Save", exact=True)).to_have_count(0)
    sign_in(page, password="not the password")
    expect(main.get_by_text("Wrong name or password.")).to_be_visible()
    expect(main.get_by_role("heading", name="Rate claims")).to_have_count(0)
    sign_in(page)
    expect(main.get_by_role("heading", name="Rate claims")).to_be_visible(timeout=60_000)
    expect(page.get_by_text("Signed in as e2e analyst")).to_be_visible()


def test_hostile_article_is_shown_as_text(server: DashboardServer, page: Any) -> None:
    visit(page, server, "")
    page.get_by_label("Title (optional)").fill(HOSTILE_TITLE)
    page.get_by_label("Article text").fill(HOSTILE)
    page.get_by_role("button", name="Analyse", exact=True).click()
    page.get_by_text("server time").wait_for(timeout=60_000)
    page.get_by_role("link", name="Open it").click()
    wait_idle(page)
    page.get_by_text("the minister said").first.wait_for()
    page.wait_for_timeout(1000)
    body = page.locator("[data-testid='stMain']").inner_text()
    assert "<script>alert(1)</script>" in body
    assert "<img src=x onerror=alert(1)>" in body
    assert "$x$" in body and "**more**" in body
    assert HOSTILE_TITLE in body
    assert page.locator("[data-testid='stMain'] script").count() == 0
    assert page.locator("img[src='x']").count() == 0
    assert page.locator(".katex").count() == 0  # no $...$ taken as LaTeX
    assert page.locator("[data-testid='stMain'] b", has_text="markup").count() == 0
    assert page.dialogs == []


def test_the_browser_talks_only_to_the_dashboard(server: DashboardServer, page: Any) -> None:
    """No icon, font or script from an outside server: every request of every page goes to
    the dashboard itself (an analyst's browser must not tell a third party what it reads)."""
    outside: list[str] = []
    page.on(
        "request",
        lambda request: (
            None
            if request.url.startswith((server.url, "data:", "blob:"))
            else outside.append(request.url)
        ),
    )
    for index, (name, _title, _icon) in enumerate(PAGES):
        visit(page, server, "" if index == 0 else name)  # the first page lives at the root
        page.wait_for_timeout(500)  # the favicon and fonts load after the script run
    assert outside == []
