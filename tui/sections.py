"""What the figures panel calls "this section": the stretch of text being read, and its figures."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

from parsers.model import Document, Figure
from tui.report_parse import figure_start
from tui.widgets.page_layout import Page

SECTION_KINDS = frozenset({"part", "chapter", "section", "appendix"})
"""Headings that start a section of their own; items (lead sentences) are too small to count."""


def section_around(document: Document, position: int, page: Page) -> tuple[int, int, str]:
    """``(start, end, title)`` of the section being read at ``position``, on ``page``.

    It is the innermost chapter or section being read, without the
    subsections it holds: reading a chapter's opening paragraphs shows
    their figures, not the whole chapter's. Outside any heading the page
    itself counts.
    """
    nodes = [node for node in document.path_at(position) if node.kind in SECTION_KINDS]
    if not nodes:
        return page.start, page.end, page.title
    node = nodes[-1]
    start, end = node.start, node.end
    for child in node.children:
        if child.kind not in SECTION_KINDS:
            continue
        if child.end <= position:
            start = child.end
        elif child.start > position:
            end = child.start
            break
    return start, end, node.title or node.heading


def figures_between(figures: Sequence[Figure], start: int, end: int) -> list[Figure]:
    """The figures (in text order) that start between two offsets."""
    first = bisect_left(figures, start, key=figure_start)
    return list(figures[first : bisect_left(figures, end, key=figure_start)])
