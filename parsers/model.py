"""The data every part of gwr-tui agrees on.

Parsers produce these objects and the reader only renders them, so the shapes
live in one small module with no behaviour beyond navigation helpers. Offsets
are code-point positions into ``Document.text`` (the decoded input), which lets
the reader highlight and jump without copying or re-parsing text.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

NodeKind = Literal["part", "chapter", "section", "item", "appendix"]
Status = Literal["actual", "estimate", "target"]


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the decoded text, kept by offset so nothing is copied twice."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class LoadedText:
    """What a loader hands to the tree builder.

    ``chrome`` marks spans of ``text`` that are site furniture (navigation,
    toolbars, footers) found while extracting HTML: the tree builder moves them
    to ``Document.dropped`` instead of guessing again.
    """

    text: str
    source: str
    encoding: str
    media: Literal["text", "html"]
    chrome: tuple[Span, ...] = ()
    title_hint: str | None = None


@dataclass(frozen=True, slots=True)
class Meta:
    """Facts about the report, each ``None`` when the text does not state it."""

    region: str | None = None
    level: str | None = None
    year: int | None = None
    date: str | None = None
    speaker: str | None = None
    meeting: str | None = None


@dataclass(slots=True)
class Node:
    """One heading of the section tree with the text it owns.

    ``start``/``end`` cover the heading and everything under it, children
    included, so a position in the text maps to exactly one innermost node.
    """

    kind: NodeKind
    number: str | None
    heading: str
    title: str
    start: int
    end: int
    heading_span: Span
    paragraphs: list[Span] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)

    def walk(self) -> Iterator[Node]:
        """Yield this node and its descendants in reading order."""
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(slots=True)
class Document:
    """A parsed report: front matter, the body tree, appendices and dropped chrome."""

    text: str
    source: str
    encoding: str
    title: str | None
    meta: Meta
    front: list[Span]
    children: list[Node]
    appendices: list[Node]
    dropped: list[Span]

    def walk(self) -> Iterator[Node]:
        """Every node of the body and the appendices in reading order."""
        for node in (*self.children, *self.appendices):
            yield from node.walk()

    def path_at(self, offset: int) -> list[Node]:
        """The chain of nodes from the outermost down to the one holding ``offset``."""
        path: list[Node] = []
        level: list[Node] = [*self.children, *self.appendices]
        while True:
            # Siblings are in text order and do not overlap: bisect, so a report
            # with thousands of items still answers in a few steps.
            index = bisect_right(level, offset, key=lambda node: node.start) - 1
            if index < 0 or not level[index].start <= offset < level[index].end:
                return path
            hit = level[index]
            path.append(hit)
            level = hit.children


@dataclass(frozen=True, slots=True)
class Figure:
    """One number as the report states it, with what it measures.

    ``value`` is exact (``Decimal``) so 88.3 never becomes 88.29999; the JSON
    and table writers turn it into a number at the edge.
    """

    start: int
    end: int
    surface: str
    sentence: str
    section_path: tuple[str, ...]
    value: Decimal
    unit: str
    kind: str
    indicator: str
    bound: str = "="
    status: Status = "actual"
    value_hi: Decimal | None = None
    base_value: Decimal | None = None
    base_unit: str | None = None
    change: str | None = None
    change_kind: str | None = None
    direction: str | None = None
    qualifiers: tuple[str, ...] = ()
    period: str | None = None
    ratio_to: Decimal | None = None
    sentence_start: int = 0
