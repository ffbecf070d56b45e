"""HTML pages and URLs: the main text and metadata by trafilatura (precision over recall), and
URLs fetched safely by :mod:`provenance.fetch`, then read as a page or as text."""

from __future__ import annotations

import codecs

from provenance.errors import InputError
from provenance.fetch import fetch
from provenance.ingest.text import (
    Options,
    article_from_text,
    decode,
    reject_binary,
    short_sha1,
    with_title,
)
from provenance.models import Article

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
#: An extracted body needs one line this long to count as prose rather than a menu.
_MIN_PROSE_WORDS = 5


def article_from_html(
    html: bytes | str, *, id: str, origin: str, url: str | None = None
) -> Article:
    """Main text and metadata by trafilatura; paragraphs are separated by blank lines."""
    import trafilatura  # heavy import, only paid when HTML is read
    from trafilatura.settings import Document

    # Precision over recall: a navigation link taken for the article would become a "claim".
    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_images=False,
            favor_precision=True,
        )
    except Exception as err:  # a parser crash on one odd page must not end a batch
        raise InputError(f"HTML could not be parsed ({type(err).__name__}: {err})", origin) from err
    if not isinstance(doc, Document):  # None when nothing was found (a dict only if asked)
        raise InputError("no article text found in the HTML", origin)
    body_lines = [line for line in (doc.text or "").splitlines() if line.strip()]
    if not any(len(line.split()) >= _MIN_PROSE_WORDS for line in body_lines):
        raise InputError("no article text found in the HTML", origin)
    title = (doc.title or "").strip() or None
    return Article(
        id=id,
        title=title,
        text=with_title(title, "\n\n".join(body_lines)),
        url=url or doc.url or None,
        publisher=doc.sitename or None,
        published=doc.date or None,
        author=doc.author or None,
        origin=origin,
    )


def read_url(url: str, opts: Options) -> Article:
    """Fetch safely (:mod:`provenance.fetch`), then extract like an HTML file or keep the text."""
    page = fetch(
        url, max_bytes=opts.max_bytes, timeout=opts.timeout, allow_private=opts.allow_private
    )
    data, content_type, charset = page.data, page.content_type, page.charset
    if not data.strip():
        raise InputError("empty response", url)
    head = data[:1024].lower()
    if content_type in _HTML_TYPES or b"<html" in head or b"<!doctype html" in head:
        codec = _codec(charset)
        html = data.decode(codec, errors="replace") if codec else data
        return article_from_html(html, id=short_sha1(url), origin=url, url=url)
    if content_type.startswith("text/"):
        text = _decode_declared(data, charset, url)
        return article_from_text(text, id=short_sha1(url), url=url, origin=url)
    raise InputError(f"not a web page or text (Content-Type {content_type})", url)


def _decode_declared(data: bytes, charset: str | None, origin: str) -> str:
    """Text in the charset the server declared, strict UTF-8 when it declared none."""
    codec = _codec(charset)
    if codec in (None, "utf-8"):
        return decode(data, origin)
    reject_binary(data, origin)
    try:
        return data.decode(codec)
    except UnicodeDecodeError as err:
        raise InputError(f"invalid {charset} at byte offset {err.start}", origin) from err


def _codec(name: str | None) -> str | None:
    """The canonical codec name for a declared charset, None when absent or unknown."""
    try:
        return codecs.lookup(name).name if name else None
    except LookupError:
        return None
