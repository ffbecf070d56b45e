"""Ingest on real inputs: the seed article byte for byte, an HTML page with boilerplate, record
files, directories, a local HTTP server, and every kind of broken input a batch must survive."""

from __future__ import annotations

import codecs
import hashlib
import json
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

from provenance.errors import InputError
from provenance.fetch import UNREACHABLE
from provenance.ingest import article_from_text, read_inputs, read_one
from provenance.models import Article

SEED = Path(__file__).resolve().parents[1] / "data" / "seed_putin_report.txt"

PAGE = """<!DOCTYPE html>
<html lang="en"><head><title>Putin weighs islands deal | Example News</title>
<meta name="author" content="Jane Reporter">
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2019-01-15">
<link rel="canonical" href="https://news.example.com/2019/putin-islands">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/subscribe">Subscribe now</a></li></ul></nav>
<div class="cookie-banner">We use cookies to improve your experience. Accept all cookies.</div>
<article>
<h1>Putin weighs islands deal</h1>
<p>Russian President Vladimir Putin has no intention to discuss the transfer of Etorofu and
Kunashiri, a Russian government official said, according to a report obtained by Shukan
Bunshun.</p>
<p>“The individual compiled the report based on detailed interviews with officials,” said Takeo
Harada, a former Foreign Ministry official who now heads a research institute in Tokyo.</p>
<p>Prime Minister Shinzo Abe and Putin will hold a summit meeting later this month, officials
in both capitals said on Tuesday.</p>
</article>
<footer><p>© 2019 Example News. All rights reserved.</p><a href="/privacy">Privacy policy</a>
</footer></body></html>
"""

NO_BODY = """<!DOCTYPE html><html><head><title>Menu</title></head><body>
<nav><a href="/">Home</a> <a href="/about">About</a></nav><footer>© 2024</footer></body></html>
"""


def _split(results: list[Article | InputError]) -> tuple[list[Article], list[InputError]]:
    articles = [r for r in results if isinstance(r, Article)]
    errors = [r for r in results if isinstance(r, InputError)]
    assert len(articles) + len(errors) == len(results)
    return articles, errors


def _only_error(source: str | Path, **kwargs: object) -> InputError:
    """The single result for ``source``, which must be an InputError naming it in one line."""
    results = list(read_inputs([source], **kwargs))  # type: ignore[arg-type]
    assert len(results) == 1, results
    (err,) = results
    assert isinstance(err, InputError), err
    assert str(source) in str(err)
    assert "\n" not in str(err)
    return err


# --- plain text -------------------------------------------------------------------------------


def test_seed_text_is_kept_exactly_as_read() -> None:
    (article,) = read_one(SEED)
    raw = SEED.read_bytes().decode("utf-8")
    assert article.text == raw
    assert article.id == "seed_putin_report"
    assert article.origin == str(SEED)
    start = raw.index("Shukan Bunshun")
    assert article.text[start : start + len("Shukan Bunshun")] == "Shukan Bunshun"
    assert "Japan’s loyalty" in article.text and "“Russian President" in article.text


def test_text_keeps_nbsp_and_crlf_but_drops_a_bom(tmp_path: Path) -> None:
    body = "Tokyo\u00a0— officials said on Tuesday.\r\nSecond line, “quoted”.\r\n"
    path = tmp_path / "story.txt"
    path.write_bytes(codecs.BOM_UTF8 + body.encode("utf-8"))
    (article,) = read_one(path)
    assert article.text == body
    markdown = tmp_path / "notes.md"
    markdown.write_text("# Heading\n\nSome *markdown* text.\n", encoding="utf-8")
    assert read_one(markdown)[0].text == "# Heading\n\nSome *markdown* text.\n"


def test_pasted_text_gets_a_stable_id_and_its_title_first() -> None:
    one = article_from_text("Officials said the talks failed.")
    two = article_from_text("Officials said the talks failed.")
    assert one.id == two.id == hashlib.sha1(b"Officials said the talks failed.").hexdigest()[:12]
    assert article_from_text("Other text.").id != one.id
    titled = article_from_text("Officials said the talks failed.", title="Talks fail")
    assert titled.text == "Talks fail\n\nOfficials said the talks failed."
    assert titled.title == "Talks fail"
    already = article_from_text("Talks fail\n\nOfficials said so.", title="Talks fail")
    assert already.text == "Talks fail\n\nOfficials said so."
    with pytest.raises(InputError, match="empty text"):
        article_from_text(" \n\t ")


# --- HTML -------------------------------------------------------------------------------------


def test_html_page_gives_title_body_and_metadata_without_boilerplate(tmp_path: Path) -> None:
    path = tmp_path / "islands.html"
    path.write_text(PAGE, encoding="utf-8")
    (article,) = read_one(path)
    assert article.id == "islands"
    assert article.title == "Putin weighs islands deal"
    assert article.text.startswith("Putin weighs islands deal\n\nRussian President Vladimir Putin")
    paragraphs = article.text.split("\n\n")
    assert len(paragraphs) == 4
    assert paragraphs[2].startswith("“The individual compiled the report")
    for boilerplate in ("Subscribe now", "cookies", "All rights reserved", "Privacy policy"):
        assert boilerplate not in article.text
    assert article.author == "Jane Reporter"
    assert article.publisher == "Example News"
    assert article.published == "2019-01-15"
    assert article.url == "https://news.example.com/2019/putin-islands"


def test_html_without_article_text_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "menu.html"
    path.write_text(NO_BODY, encoding="utf-8")
    assert "no article text" in str(_only_error(path))


# --- records ----------------------------------------------------------------------------------


def test_json_single_record_and_list(tmp_path: Path) -> None:
    single = tmp_path / "one.json"
    single.write_text(
        json.dumps(
            {
                "id": "a-17",
                "title": "Summit planned",
                "text": "Leaders will meet, officials said.",
                "url": "https://example.org/a17",
                "publisher": "Kyodo News",
                "published": "2019-01-20",
                "extra": "ignored",
            }
        ),
        encoding="utf-8",
    )
    (article,) = read_one(single)
    assert article.id == "a-17"
    assert article.text == "Summit planned\n\nLeaders will meet, officials said."
    assert (article.url, article.publisher, article.published) == (
        "https://example.org/a17",
        "Kyodo News",
        "2019-01-20",
    )
    many = tmp_path / "batch.json"
    many.write_text(
        json.dumps([{"text": "First story."}, {"text": "Second story.", "id": 42}]),
        encoding="utf-8",
    )
    first, second = read_one(many)
    assert (first.id, first.text) == ("batch-1", "First story.")
    assert (second.id, second.text) == ("42", "Second story.")


def test_jsonl_bad_line_is_reported_and_the_rest_continue(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_bytes(
        b'{"id": "r1", "text": "One."}\n'
        b"{not json\n"
        b"\n"
        b'{"text": "Four, no id."}\n'
        b'{"text": "Bad \xff byte."}\n'
        b'{"title": "no text field"}\n'
        b'["a list"]\n'
        b'{"text": "Eight."}\n'
    )
    articles, errors = _split(list(read_inputs([path])))
    assert [a.id for a in articles] == ["r1", "feed-4", "feed-8"]
    assert [a.text for a in articles] == ["One.", "Four, no id.", "Eight."]
    messages = [str(e) for e in errors]
    assert messages[0].startswith(f"{path}:2: invalid JSON")
    assert messages[1].startswith(f"{path}:5: invalid UTF-8 at byte 14 of the line")
    assert messages[2] == f"{path}:6: no 'text' field (fields: title)"
    assert messages[3].startswith(f"{path}:7: record is a JSON list")
    with pytest.raises(InputError, match=":2: invalid JSON"):
        read_one(path)


def test_csv_text_column_metadata_and_multiline_cells(tmp_path: Path) -> None:
    path = tmp_path / "sheet.csv"
    path.write_text(
        "id,headline,body,publisher,url\n"
        's1,Deal near,"Officials said a deal was near.\n\nA second paragraph.",AP,\n'
        "s2,,,Reuters,https://example.org/s2\n"
        ",,No id here.,,\n",
        encoding="utf-8",
    )
    err = _only_error(path)
    assert "no 'text' column (columns: 'id', 'headline', 'body', 'publisher', 'url')" in str(err)
    articles, errors = _split(list(read_inputs([path], text_column="body")))
    assert [a.id for a in articles] == ["s1", "sheet-3"]
    assert articles[0].text == "Officials said a deal was near.\n\nA second paragraph."
    assert articles[0].publisher == "AP" and articles[0].url is None
    assert [str(e) for e in errors] == [f"{path}:2: empty text"]


# --- directories and batches ------------------------------------------------------------------


def test_directory_is_read_recursively_in_order_skipping_hidden_and_binary(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    (root / "b" / "deeper").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / "a.txt").write_text("Alpha story.", encoding="utf-8")
    (root / "b" / "c.md").write_text("Charlie story.", encoding="utf-8")
    (root / "b" / "deeper" / "d.txt").write_text("Delta story.", encoding="utf-8")
    (root / "b" / "notes").write_text("Extensionless but text.", encoding="utf-8")
    (root / "b" / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00")
    (root / ".hidden.txt").write_text("Hidden.", encoding="utf-8")
    (root / ".git" / "config.txt").write_text("Hidden dir.", encoding="utf-8")
    articles, errors = _split(list(read_inputs([root])))
    assert errors == []
    assert [a.text for a in articles] == [
        "Alpha story.",
        "Charlie story.",
        "Extensionless but text.",
        "Delta story.",
    ]
    empty = tmp_path / "empty_dir"
    empty.mkdir()
    assert "no readable files" in str(_only_error(empty))


def test_batch_keeps_going_past_broken_inputs_and_ids_stay_unique(tmp_path: Path) -> None:
    (tmp_path / "x").mkdir()
    (tmp_path / "y").mkdir()
    good_one = tmp_path / "x" / "story.txt"
    good_two = tmp_path / "y" / "story.txt"
    good_one.write_text("First good story.", encoding="utf-8")
    good_two.write_text("Second good story.", encoding="utf-8")
    broken = tmp_path / "broken.txt"
    broken.write_bytes(b"\x00\x01\x02binary")
    missing = tmp_path / "missing.txt"
    results = list(read_inputs([good_one, broken, missing, good_two, str(SEED)]))
    assert [type(r).__name__ for r in results] == [
        "Article",
        "InputError",
        "InputError",
        "Article",
        "Article",
    ]
    assert [r.id for r in results if isinstance(r, Article)] == [
        "story",
        "story-2",
        "seed_putin_report",
    ]
    assert str(results[1]) == f"{broken}: binary file (contains NUL bytes), not text"
    assert str(results[2]) == f"{missing}: no such file or directory"


# --- hostile files ----------------------------------------------------------------------------


def test_empty_and_whitespace_files(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    blank = tmp_path / "blank.txt"
    blank.write_text(" \n\n\t\n", encoding="utf-8")
    assert str(_only_error(empty)).endswith("empty file")
    assert "only whitespace" in str(_only_error(blank))
    for name in ("empty.jsonl", "empty.csv", "empty.html"):
        (tmp_path / name).write_bytes(b"")
        assert "empty file" in str(_only_error(tmp_path / name))


def test_binary_utf16_and_invalid_utf8(tmp_path: Path) -> None:
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert "binary file" in str(_only_error(binary))
    utf16 = tmp_path / "wide.txt"
    utf16.write_bytes("Officials said.".encode("utf-16"))
    assert "UTF-16" in str(_only_error(utf16))
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("First line.\nCafé au lait.".encode("latin-1"))
    err = _only_error(latin1)
    assert "invalid UTF-8 at byte offset 15 (line 2)" in str(err)
    csv_path = tmp_path / "latin1.csv"
    csv_path.write_bytes(b"text\n" + "Caf\xe9 story.".encode("latin-1") + b"\n")
    assert "invalid UTF-8 at byte offset 8" in str(_only_error(csv_path))


def test_oversized_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        for _ in range(20):
            handle.write(b"word " * 200_000)
    err = _only_error(path)
    assert "file is 20.0 MB, over the 5.0 MB limit" in str(err)
    record = tmp_path / "huge.jsonl"
    record.write_text(json.dumps({"text": "x" * 2_000}) + "\n", encoding="utf-8")
    assert "over the 1.0 kB limit" in str(_only_error(record, max_bytes=1_000))


def test_nonexistent_path_and_unsupported_schemes(tmp_path: Path) -> None:
    assert "no such file or directory" in str(_only_error(tmp_path / "nope.txt"))
    for url in ("ftp://example.org/a.txt", "file:///etc/passwd", "gopher://x"):
        assert "unsupported URL scheme" in str(_only_error(url))
    with pytest.raises(InputError, match="no such file"):
        read_one(tmp_path / "nope.txt")


# --- URLs -------------------------------------------------------------------------------------


class _Handler(BaseHTTPRequestHandler):
    routes: ClassVar[dict[str, tuple[int, str, bytes, dict[str, str]]]] = {
        "/article": (200, "text/html; charset=utf-8", PAGE.encode("utf-8"), {}),
        "/plain": (200, "text/plain; charset=utf-8", "Plain “text” story.".encode(), {}),
        "/menu": (200, "text/html", NO_BODY.encode("utf-8"), {}),
        "/big": (200, "text/html", b"<p>" + b"x" * 50_000 + b"</p>", {}),
        "/image": (200, "image/png", b"\x89PNG\r\n\x1a\n\x00\x00", {}),
        "/to-file": (302, "text/plain", b"", {"Location": "file:///etc/passwd"}),
        "/to-ftp": (302, "text/plain", b"", {"Location": "ftp://127.0.0.1/pub/a.txt"}),
        "/to-article": (301, "text/plain", b"", {"Location": "/article"}),
    }

    def do_GET(self) -> None:
        status, content_type, body, headers = self.routes.get(
            self.path, (404, "text/plain", b"not found", {})
        )
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in headers.items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Keep the test output clean."""


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_url_is_fetched_and_extracted(server: str) -> None:
    url = f"{server}/article"
    (article,) = read_one(url, allow_private_urls=True)
    assert article.id == hashlib.sha1(url.encode()).hexdigest()[:12]
    assert read_one(url, allow_private_urls=True)[0].id == article.id
    assert article.origin == article.url == url
    assert article.title == "Putin weighs islands deal"
    assert "Takeo Harada" in article.text and "Subscribe now" not in article.text
    assert article.publisher == "Example News"
    (redirected,) = read_one(f"{server}/to-article", allow_private_urls=True)
    assert redirected.text == article.text
    (plain,) = read_one(f"{server}/plain", allow_private_urls=True)
    assert plain.text == "Plain “text” story."


def test_url_failures_are_input_errors(server: str) -> None:
    def failure(path: str, **kwargs: object) -> str:
        return str(_only_error(f"{server}{path}", allow_private_urls=True, **kwargs))

    assert "HTTP 404" in failure("/missing")
    assert "no article text" in failure("/menu")
    assert "over the 10.0 kB limit" in failure("/big", max_bytes=10_000)
    assert "not a web page" in failure("/image")
    # a redirect to another scheme is refused like any target that may not be fetched
    assert failure("/to-file").endswith(UNREACHABLE)
    assert failure("/to-ftp").endswith(UNREACHABLE)


def test_unreachable_and_silent_servers(tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{closed_port}/x"
    assert str(_only_error(url, timeout=5, allow_private_urls=True)) == f"{url}: {UNREACHABLE}"
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        url = f"http://127.0.0.1:{silent.getsockname()[1]}/x"
        err = _only_error(url, timeout=0.5, allow_private_urls=True)
    assert str(err) == f"{url}: no complete response within 0.5 s"
