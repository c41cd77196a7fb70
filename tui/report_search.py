"""A reader's search: over what a reader sees of a report, fast enough for 20 MB."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from parsers.model import Document

Hit = tuple[int, int]
"""``(start, end)`` of a hit in the document text."""


class ReportSearch:
    """One reader's search: its query, its hits in text order and the one being visited.

    Only the bookkeeping: the reader screen shows it. The readable text of
    a document is worked out once, and again for the full parse of a long
    report.
    """

    def __init__(self) -> None:
        self.query = ""
        self.hits: list[Hit] = []
        self.index: int | None = None
        self._readable: ReadableText | None = None

    @property
    def current(self) -> Hit | None:
        """The hit being visited."""
        return self.hits[self.index] if self.index is not None else None

    def run(self, document: Document, query: str, position: int) -> None:
        """Find ``query`` and visit the first hit from ``position`` on (or the first of all)."""
        self.query = query
        self.hits = self._text(document).find(query)
        self.index = None
        if self.hits:
            index = bisect_left(self.hits, (position,))
            self.index = index if index < len(self.hits) else 0

    def step(self, step: int) -> None:
        """Visit the next (``1``) or previous (``-1``) hit, round the ends; there must be hits."""
        index = -1 if self.index is None and step < 0 else (self.index or 0)
        if self.index is not None:
            index += step
        self.index = index % len(self.hits)

    def refind(self, document: Document, position: int) -> None:
        """The query over a fuller parse: at the hit it was visiting, or the next one from here."""
        current = self.current
        self.hits = self._text(document).find(self.query)
        index = bisect_left(self.hits, current or (position, position))
        found = index < len(self.hits)
        if current is not None and found:
            found = self.hits[index] == current
        self.index = index if found else None

    def clear(self) -> None:
        self.query, self.hits, self.index = "", [], None

    def _text(self, document: Document) -> ReadableText:
        if self._readable is None or self._readable.document is not document:
            self._readable = ReadableText(document)
        return self._readable


class ReadableText:
    """Search over the stretches of a report a reader sees: front matter, headings, paragraphs.

    A hit counts only inside one of them (site chrome the parser dropped is
    in the text, not on screen). Between them there is nearly always nothing
    but blank text, which a query without blanks cannot match: then matches
    are taken as they come, not checked one by one, so a term found 300 000
    times in 20 MB costs one pass of the regex engine.
    """

    def __init__(self, document: Document) -> None:
        self.document = document
        text = document.text
        spans = [(span.start, span.end) for span in document.front]
        for node in document.walk():
            spans.append((node.heading_span.start, node.heading_span.end))
            spans.extend((paragraph.start, paragraph.end) for paragraph in node.paragraphs)
        spans.sort()
        self._spans = spans
        self._starts = [start for start, _ in spans]
        self._blank_between = _only_blank_outside(text, spans)

    def find(self, query: str) -> list[Hit]:
        """Every readable hit of ``query``, ignoring case, in text order."""
        if not query:
            return []
        matches = re.compile(re.escape(query), re.IGNORECASE).finditer(self.document.text)
        if self._blank_between and not any(char.isspace() for char in query):
            return [match.span() for match in matches]
        spans, starts = self._spans, self._starts
        hits = []
        for match in matches:
            index = bisect_right(starts, match.start()) - 1
            if index >= 0 and match.end() <= spans[index][1]:
                hits.append(match.span())
        return hits


def _only_blank_outside(text: str, spans: Sequence[tuple[int, int]]) -> bool:
    """Whether ``text`` holds only blanks outside ``spans`` (sorted by start, maybe nested)."""
    covered = 0
    for start, end in spans:
        if start > covered and text[covered:start].strip():
            return False
        covered = max(covered, end)
    return not text[covered:].strip()
