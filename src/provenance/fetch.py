"""Fetching a web page for analysis, safely: a URL typed by a user must not reach the server's
own network, hang the run, or tell an attacker which internal ports are open.

* Only http and https, on the first request and on every redirect (at most ``MAX_REDIRECTS``).
* The host is resolved once and checked: loopback, private, link-local, multicast, reserved and
  unspecified addresses are refused unless explicitly allowed (``allow_private=True``,
  ``--allow-private-urls``, ``$PROVENANCE_ALLOW_PRIVATE_URLS=1`` or a list of networks there).
  The connection then goes to the very address that was checked (no second lookup, so no DNS
  rebinding between check and connect) while the Host header and TLS SNI keep the host name.
* Every refused or unreachable target gets the same message (:data:`UNREACHABLE`), so the
  answers cannot be used to map a network.
* One deadline covers everything (DNS, connect, TLS, headers, body): reads are bounded by the
  time left, and a watchdog closes the socket when the deadline passes, whatever the server
  sends (one byte a second, an endless body, headers that never end).
"""

from __future__ import annotations

import contextlib
import http.client
import ipaddress
import os
import socket
import ssl
import threading
import time
import urllib.parse
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from email.message import Message

from provenance.errors import InputError
from provenance.limits import human_size

ALLOW_PRIVATE_ENV = "PROVENANCE_ALLOW_PRIVATE_URLS"
MAX_REDIRECTS = 5
#: The one answer for a refused address, a failed lookup, a refused or timed-out connection and a
#: TLS failure alike: telling them apart would let a user scan the server's network.
UNREACHABLE = (
    "cannot fetch: the address is unreachable or not allowed "
    "(private and local addresses need --allow-private-urls)"
)
USER_AGENT = "Provenance/0.1 (news attribution analysis; +https://pypi.org/project/provenance)"
_READ = 64 * 1024
_URL_SAFE = "".join(map(chr, range(33, 127)))  # printable ASCII stays as written
_DNS = ThreadPoolExecutor(max_workers=4, thread_name_prefix="provenance-dns")


@dataclass(frozen=True)
class Page:
    """A fetched body with what the server said about it."""

    data: bytes
    content_type: str
    charset: str | None


#: What may be fetched besides the public internet: True (everything, an intranet), a list of
#: networks such as ``["10.1.0.0/16"]``, or None (``$PROVENANCE_ALLOW_PRIVATE_URLS`` decides).
PrivateUrls = bool | Sequence[str] | None
_ANYWHERE = (ipaddress.ip_network("0.0.0.0/0"), ipaddress.ip_network("::/0"))
Networks = tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]


def allowed_networks(allow_private: PrivateUrls = None) -> Networks:
    """The non-public networks that may be fetched: none by default; all for True or for
    ``$PROVENANCE_ALLOW_PRIVATE_URLS=1`` (or true, yes); else the networks listed there,
    comma-separated (``10.1.0.0/16,192.168.7.0/24``)."""
    if allow_private is None:
        value = os.environ.get(ALLOW_PRIVATE_ENV, "").strip()
        if value.lower() in ("", "0", "false", "no"):
            return ()
        if value.lower() in ("1", "true", "yes"):
            return _ANYWHERE
        allow_private = [part for part in value.split(",") if part.strip()]
    if isinstance(allow_private, bool):
        return _ANYWHERE if allow_private else ()
    try:
        return tuple(ipaddress.ip_network(net.strip(), strict=False) for net in allow_private)
    except ValueError as err:
        raise InputError(f"not a network: {err}", ALLOW_PRIVATE_ENV) from None


def is_public(address: str) -> bool:
    """True for an address on the public internet (IPv4-mapped IPv6 judged as its IPv4)."""
    ip = _ip(address)
    return ip.is_global and not (
        ip.is_multicast or ip.is_reserved or ip.is_loopback or ip.is_link_local or ip.is_private
    )


def _ip(address: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    return ip


def _allowed(address: str, networks: Networks) -> bool:
    ip = _ip(address)
    return is_public(address) or any(ip.version == net.version and ip in net for net in networks)


def fetch(url: str, *, max_bytes: int, timeout: float, allow_private: PrivateUrls = None) -> Page:
    """GET ``url`` (following redirects) within ``timeout`` seconds overall and ``max_bytes``.

    Raises :class:`InputError` naming ``url`` with a one-line problem.
    """
    deadline = time.monotonic() + timeout
    allow = allowed_networks(allow_private)
    current = url
    for _ in range(MAX_REDIRECTS + 1):
        try:
            location, page = _get(current, deadline, max_bytes, allow, timeout)
        except InputError as err:
            raise InputError(err.message, url) from None
        if location is None:
            assert page is not None
            return page
        current = urllib.parse.urljoin(current, location)
    raise InputError(f"too many redirects (more than {MAX_REDIRECTS})", url)


def _target(url: str) -> tuple[str, str, int, str]:
    """Scheme, host, port and request path of an http(s) URL; anything else is refused."""
    try:
        parts = urllib.parse.urlsplit(url)
        port = parts.port
    except ValueError:
        raise InputError("not a valid URL") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        raise InputError(UNREACHABLE)
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    # spaces, control characters and non-ASCII percent-encoded: a request line is ASCII
    path = urllib.parse.quote(path, safe=_URL_SAFE)
    return scheme, parts.hostname, port or (443 if scheme == "https" else 80), path


def _resolve(host: str, port: int, deadline: float, allow: Networks) -> str:
    """The address to connect to: the first one resolved that the policy allows."""
    future = _DNS.submit(socket.getaddrinfo, host, port, type=socket.SOCK_STREAM)
    try:
        infos = future.result(timeout=max(0.0, deadline - time.monotonic()))
    except (OSError, FutureTimeout, UnicodeError):
        raise InputError(UNREACHABLE) from None
    for _family, _type, _proto, _name, sockaddr in infos:
        address = str(sockaddr[0])
        if _allowed(address, allow):
            return address
    raise InputError(UNREACHABLE)


class _PinnedHTTP(http.client.HTTPConnection):
    """Connects to an address already checked; the Host header still names the host."""

    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self.address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self.address, self.port), self.timeout)


class _PinnedHTTPS(http.client.HTTPSConnection):
    """Like :class:`_PinnedHTTP`, with TLS verified against the host name (SNI included)."""

    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        self.tls = ssl.create_default_context()
        super().__init__(host, port, timeout=timeout, context=self.tls)
        self.address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self.address, self.port), self.timeout)
        # the watchdog can close the plain socket while the handshake is still dragging on
        self.sock = self.tls.wrap_socket(self.sock, server_hostname=self.host)


def _watchdog(conn: http.client.HTTPConnection, deadline: float) -> threading.Timer:
    """Close the connection's socket at the deadline, ending any read the server drags out."""

    def expire() -> None:
        sock = conn.sock
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    timer = threading.Timer(max(0.0, deadline - time.monotonic()), expire)
    timer.daemon = True
    timer.start()
    return timer


def _get(
    url: str, deadline: float, max_bytes: int, allow: Networks, timeout: float
) -> tuple[str | None, Page | None]:
    """One request: (the redirect's location, None) or (None, the page)."""
    scheme, host, port, path = _target(url)
    address = _resolve(host, port, deadline, allow)
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise InputError(f"no complete response within {timeout:g} s")
    pinned: Callable[[str, int, str, float], http.client.HTTPConnection]
    pinned = _PinnedHTTPS if scheme == "https" else _PinnedHTTP
    conn = pinned(host, port, address, remaining)
    timer = _watchdog(conn, deadline)
    try:
        try:
            conn.connect()
        except OSError:  # refused, timed out, TLS failure: all the same to the user
            raise InputError(UNREACHABLE) from None
        try:
            conn.request(
                "GET",
                path,
                headers={
                    "User-Agent": USER_AGENT,
                    "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1",
                    "Accept-Encoding": "identity",
                },
            )
            response = conn.getresponse()
            if response.status in (301, 302, 303, 307, 308):
                location = response.getheader("Location")
                if not location:
                    raise InputError(f"HTTP {response.status} redirect without a Location")
                return location.strip(), None
            if response.status >= 400:
                reason = " ".join(str(response.reason).split())[:80]
                raise InputError(f"HTTP {response.status} {reason}".rstrip())
            data = _body(response, conn, deadline, max_bytes, timeout)
        except (OSError, http.client.HTTPException) as err:
            if time.monotonic() >= deadline:
                raise InputError(f"no complete response within {timeout:g} s") from None
            problem = " ".join(str(err).split())[:120] or type(err).__name__
            raise InputError(f"download failed ({problem})") from None
    finally:
        timer.cancel()
        conn.close()
    headers: Message = response.headers
    page = Page(data, headers.get_content_type(), headers.get_content_charset())
    return None, page


def _body(
    response: http.client.HTTPResponse,
    conn: http.client.HTTPConnection,
    deadline: float,
    max_bytes: int,
    timeout: float,
) -> bytes:
    """The body, read as it arrives (``read1``), stopped by the byte cap or the deadline."""
    length = response.getheader("Content-Length", "")
    if length.isdigit() and int(length) > max_bytes:
        raise InputError(f"download is over the {human_size(max_bytes)} limit")
    chunks: list[bytes] = []
    total = 0
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise InputError(f"no complete response within {timeout:g} s")
        if conn.sock is not None:
            conn.sock.settimeout(remaining)
        chunk = response.read1(_READ)
        if not chunk:
            return b"".join(chunks)
        total += len(chunk)
        if total > max_bytes:
            raise InputError(f"download is over the {human_size(max_bytes)} limit")
        chunks.append(chunk)
