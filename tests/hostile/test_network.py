"""Fetching URLs against a hostile server: a real HTTP server on loopback that drips, never ends,
redirects to private addresses and other schemes. The tests opt in to private addresses to reach
it (``allow_private_urls``), except those proving the default refuses it."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from typer.testing import CliRunner

from provenance.cli import app
from provenance.errors import InputError
from provenance.fetch import ALLOW_PRIVATE_ENV, UNREACHABLE, allowed_networks, fetch, is_public
from provenance.ingest import read_one

ARTICLE = (
    "<html><head><title>Dam inspection</title></head><body><article><h1>Dam inspection</h1>"
    "<p>The dam passed its inspection, the water board said in a statement on Tuesday.</p>"
    "<p>Engineers said the spillway needs repairs within two years, the report found.</p>"
    "<p>Requested as HOST.</p></article></body></html>"
)


class _Hostile(BaseHTTPRequestHandler):
    """Routes that behave as an attacker's server would."""

    def do_GET(self) -> None:
        port = self.server.server_address[1]
        redirects = {
            "/loop": "/loop",
            "/to-ftp": "ftp://127.0.0.1/pub/a.txt",
            "/to-file": "file:///etc/passwd",
            "/to-other-loopback": f"http://127.0.0.2:{port}/article",
            "/to-metadata": "http://169.254.169.254/latest/meta-data/",
            "/to-localhost": f"http://localhost:{port}/article",
        }
        if self.path in redirects:
            self._head(302, {"Location": redirects[self.path], "Content-Length": "0"})
        elif self.path == "/article":
            body = ARTICLE.replace("HOST", self.headers.get("Host", "?")).encode()
            self._head(200, {"Content-Type": "text/html", "Content-Length": str(len(body))})
            self.wfile.write(body)
        elif self.path == "/drip":  # a valid start, then one byte a second for ever
            self._head(200, {"Content-Type": "text/html"})
            self._drip(b"<html><body><p>" + b"x" * 10_000)
        elif self.path == "/drip-headers":  # the status line itself, one byte a second
            self._drip(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n" + b"X-Slow: y\r\n" * 999)
        elif self.path == "/endless":  # an endless body as fast as the socket takes it
            self._head(200, {"Content-Type": "text/plain"})
            try:
                while True:
                    self.wfile.write(b"word " * 10_000)
            except OSError:
                return
        else:
            self._head(404, {"Content-Length": "0"})

    def _head(self, status: int, headers: dict[str, str]) -> None:
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.flush()

    def _drip(self, data: bytes) -> None:
        try:
            for byte in data[:60]:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(1)
        except OSError:
            return

    def log_message(self, format: str, *args: object) -> None:
        """Keep the test output clean."""


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Hostile)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _refusal(url: str, **kwargs: object) -> str:
    with pytest.raises(InputError) as caught:
        read_one(url, **kwargs)  # type: ignore[arg-type]
    message = str(caught.value)
    assert "\n" not in message
    return message


def test_private_and_local_addresses_are_not_public() -> None:
    for address in ("127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254",
                    "100.64.0.1", "0.0.0.0", "224.0.0.1", "240.0.0.1", "255.255.255.255", "::1",
                    "::", "fe80::1", "fc00::1", "ff02::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1",
                    "2001:db8::1"):  # fmt: skip
        assert not is_public(address), address
    for address in ("93.184.216.34", "1.1.1.1", "2606:4700:4700::1111", "::ffff:8.8.8.8"):
        assert is_public(address), address


def test_loopback_is_refused_by_default_like_an_unreachable_host(server: str) -> None:
    """The default refuses loopback before connecting, with the message of a dead host: the
    answer does not tell a scanner whether anything listens there."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}/x"
    targets = [
        f"{server}/article",
        f"http://localhost:{server.rsplit(':', 1)[1]}/article",
        f"{server}/missing",  # would be HTTP 404 if it were fetched
        "http://[::1]/",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.1:8080/admin",
        "http://no-such-host.invalid/",
    ]
    for url in targets:
        assert _refusal(url) == f"{url}: {UNREACHABLE}"
    # the same words for a closed port even when private addresses are allowed
    assert _refusal(closed, allow_private_urls=True) == f"{closed}: {UNREACHABLE}"


def test_opting_in_fetches_with_the_host_name_kept(
    server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Connected to the checked address, the request still names the host (Host header)."""
    port = server.rsplit(":", 1)[1]
    (article,) = read_one(f"http://localhost:{port}/article", allow_private_urls=True)
    assert "Requested as localhost:" in article.text and "water board" in article.text
    monkeypatch.setenv(ALLOW_PRIVATE_ENV, "127.0.0.0/8")
    (by_env,) = read_one(f"{server}/to-localhost")
    assert by_env.text == article.text
    monkeypatch.setenv(ALLOW_PRIVATE_ENV, "10.0.0.0/8")
    assert _refusal(f"{server}/article").endswith(UNREACHABLE)
    monkeypatch.setenv(ALLOW_PRIVATE_ENV, "not-a-network")
    with pytest.raises(InputError, match=ALLOW_PRIVATE_ENV):
        allowed_networks()


def test_every_redirect_is_checked(server: str) -> None:
    """Allowed to reach 127.0.0.1 only: redirects to another loopback address, to the cloud
    metadata address, or to another scheme are refused like the first request would be."""
    only_server = ["127.0.0.1/32"]
    for path in ("/to-other-loopback", "/to-metadata", "/to-ftp", "/to-file"):
        url = f"{server}{path}"
        assert _refusal(url, allow_private_urls=only_server) == f"{url}: {UNREACHABLE}"
    loop = f"{server}/loop"
    assert _refusal(loop, allow_private_urls=True) == f"{loop}: too many redirects (more than 5)"


@pytest.mark.parametrize("path", ["/drip", "/drip-headers"])
def test_a_dripping_server_cannot_hold_the_fetch(server: str, path: str) -> None:
    """One byte a second, in the body or in the headers: the overall deadline still holds."""
    started = time.monotonic()
    message = _refusal(f"{server}{path}", timeout=2, allow_private_urls=True)
    elapsed = time.monotonic() - started
    assert message.endswith("no complete response within 2 s")
    assert elapsed < 2 + 2, f"the deadline of 2 s held for {elapsed:.1f} s"


def test_an_endless_body_stops_at_the_size_cap(server: str) -> None:
    message = _refusal(f"{server}/endless", max_bytes=1_000_000, allow_private_urls=True)
    assert message.endswith("download is over the 1.0 MB limit")
    page = fetch(f"{server}/article", max_bytes=10_000, timeout=5, allow_private=True)
    assert page.content_type == "text/html" and b"water board" in page.data


def test_the_cli_refuses_loopback_unless_asked(server: str) -> None:
    runner = CliRunner()
    url = f"{server}/article"
    refused = runner.invoke(app, ["analyze", url, "--format", "table"])
    assert refused.exit_code == 1
    assert f"error: {url}: {UNREACHABLE}" in refused.stderr.splitlines()
    allowed = runner.invoke(app, ["analyze", url, "--format", "table", "--allow-private-urls"])
    assert allowed.exit_code == 0, allowed.stderr
    assert "Dam inspection" in allowed.stdout


def test_odd_urls_are_one_line_errors(server: str) -> None:
    """Non-ASCII, spaces and control characters in the path are percent-encoded; a bad port
    is a bad URL; nothing raises anything but an InputError."""
    odd = f"{server}/ü x\x07?q=é"
    assert _refusal(odd, allow_private_urls=True).endswith("HTTP 404 Not Found")
    assert _refusal("http://example.org:99999/").endswith("not a valid URL")
    assert _refusal("http:///no-host").endswith(UNREACHABLE)


def test_a_dripping_tls_handshake_cannot_hold_the_fetch() -> None:
    """A server that accepts the connection, then answers the TLS hello one byte a second."""
    listener = socket.create_server(("127.0.0.1", 0))

    def drip() -> None:
        conn, _ = listener.accept()
        with conn:
            try:
                conn.sendall(b"\x16\x03\x03\x40\x00")  # a handshake record of 16 kB...
                for _ in range(60):  # ...that arrives one byte a second
                    conn.sendall(b"\x02")
                    time.sleep(1)
            except OSError:
                return

    threading.Thread(target=drip, daemon=True).start()
    url = f"https://127.0.0.1:{listener.getsockname()[1]}/"
    started = time.monotonic()
    assert _refusal(url, timeout=2, allow_private_urls=True) == f"{url}: {UNREACHABLE}"
    elapsed = time.monotonic() - started
    listener.close()
    assert elapsed < 2 + 2, f"the deadline of 2 s held for {elapsed:.1f} s"
