"""What one analysis shares between its claims' signals: sources by id, windows of text
around mentions, article-wide readings, the registry and the collection's corroboration."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Mapping
from functools import cached_property
from typing import TYPE_CHECKING

from provenance.models import Analysis, Hop, Source
from provenance.registry import Registry, load_registry
from provenance.signals.base import Reading
from provenance.signals.words import REPLY, SENTENCE_END, find_all

if TYPE_CHECKING:
    from provenance.corroboration import ClaimView, Rated


class SignalContext:
    """Per-analysis caches (sources by id, article-level readings, the registry)."""

    def __init__(
        self,
        analysis: Analysis,
        registry: Registry | None = None,
        corroboration: Mapping[str, ClaimView] | None = None,
        register: Mapping[str, Rated] | None = None,
    ) -> None:
        self.analysis = analysis
        #: what other articles say about each claim (by claim id), when scored as a collection
        self.corroboration: Mapping[str, ClaimView] = corroboration or {}
        #: reliability letters by source (normalised name), from the source register
        self.register: Mapping[str, Rated] = register or {}
        self.text = analysis.article.text
        self.sources: dict[str, Source] = {src.id: src for src in analysis.sources}
        self._registry = registry
        self._windows: dict[str, str] = {}
        self.memo: dict[tuple[str, str], Reading] = {}

    @cached_property
    def registry(self) -> Registry:
        """The source registry (``provenance.registry``), loaded on first use (it is cached)."""
        if self._registry is not None:
            return self._registry
        return load_registry()

    @cached_property
    def right_of_reply(self) -> Reading:
        """Whether the article says anyone was asked to respond (article-wide)."""
        words = find_all(REPLY, self.text)
        if words:
            return Reading("sought", tuple(words), "the article reports asking for a response")
        return Reading("not_mentioned", (), "no request for comment is mentioned")

    @cached_property
    def _sentence_ends(self) -> list[int]:
        return [m.end() for m in SENTENCE_END.finditer(self.text)]

    def sentence(self, start: int, end: int) -> str:
        """The sentence(s) of the article that hold ``start:end``."""
        ends = self._sentence_ends
        before = bisect_right(ends, start) - 1
        after = bisect_left(ends, end + 1)
        left = ends[before] if before >= 0 else 0
        right = ends[after] if after < len(ends) else len(self.text)
        return self.text[left:right]

    def _around(self, start: int, end: int, before: int, after: int, cut: bool = True) -> str:
        """Text near a mention, by default cut at sentence ends to stay in its sentence."""
        head = self.text[max(0, start - before) : start]
        tail = self.text[end : end + after]
        if cut:
            head = SENTENCE_END.split(head)[-1]
            tail = SENTENCE_END.split(tail)[0]
        return f"{head} {self.text[start:end]} {tail}"

    def description(self, hop: Hop) -> str:
        """How the text describes the hop's source: mention, role, and every other mention."""
        src = self.sources.get(hop.source_id)
        parts = [hop.text, hop.name, hop.role or ""]
        if src is not None:
            parts += [src.role or "", *(m.text for m in src.mentions)]
        return " | ".join(p for p in parts if p)

    def window(self, hop: Hop, before: int = 40, after: int = 70, cut: bool = True) -> str:
        """The description plus the words just around each mention of the hop's source."""
        key = f"{hop.source_id}:{hop.start}:{before}:{after}:{cut}"
        if key not in self._windows:
            spans = [(hop.start, hop.end)] if hop.start is not None and hop.end is not None else []
            src = self.sources.get(hop.source_id)
            if src is not None:
                spans += [(m.start, m.end) for m in src.mentions]
            around = [self._around(s, e, before, after, cut) for s, e in dict.fromkeys(spans)]
            self._windows[key] = " | ".join([self.description(hop), *around])
        return self._windows[key]
