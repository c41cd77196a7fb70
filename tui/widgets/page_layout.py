"""How one chapter of a report becomes display lines, kept as offsets into the text.

The reading pane shows one page (a chapter, the front matter or an appendix)
at a time and only draws the lines on screen, so the cost of a keypress or a
resize depends on the chapter, never on the size of the report. Lines are
``(start, end)`` offsets into ``Document.text``: styling, search hits and
figure marks are applied by offset when a line is drawn, and the text itself
is never copied into markup.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from parsers.model import Document, Node
from tui.wrap import wrap_offsets

FRONT_TITLE = "卷首"
PARAGRAPH_INDENT = 4
"""Two full-width spaces, the indent a printed report gives each paragraph."""

BlockKind = Literal["title", "chapter", "section", "item", "paragraph"]
_HEADING_KIND: dict[str, BlockKind] = {
    "part": "chapter",
    "chapter": "chapter",
    "appendix": "chapter",
    "section": "section",
    "item": "item",
}
_LINE_RUNS = re.compile(r"[^\n]+")


@dataclass(frozen=True, slots=True)
class Page:
    """A stretch of the report the reading pane shows on its own.

    ``number`` is the chapter's place among the body chapters (what ``1``-``9``
    and "chapter n/N" count); the front matter and appendices have none.
    """

    title: str
    start: int
    end: int
    node: Node | None
    number: int | None


@dataclass(frozen=True, slots=True)
class Block:
    """A heading or paragraph; ``lead_end`` marks an inline heading (lead sentence) inside it."""

    start: int
    end: int
    kind: BlockKind
    lead_kind: BlockKind | None = None
    lead_end: int = 0


@dataclass(frozen=True, slots=True)
class Line:
    """One display line: the text ``start:end`` drawn after ``indent`` blank cells.

    A separator line between blocks has ``start == end`` at the next block.
    """

    start: int
    end: int
    indent: int


def build_pages(doc: Document) -> list[Page]:
    """The pages of ``doc`` in reading order: front matter, chapters, appendices."""
    pages: list[Page] = []
    if doc.front:
        first = doc.children[0].start if doc.children else doc.front[-1].end
        pages.append(
            Page(FRONT_TITLE, doc.front[0].start, max(first, doc.front[-1].end), None, None)
        )
    pages.extend(
        Page(node.heading.strip() or node.title, node.start, node.end, node, number)
        for number, node in enumerate(doc.children, start=1)
    )
    pages.extend(
        Page(node.heading.strip() or node.title, node.start, node.end, node, None)
        for node in doc.appendices
    )
    return pages


def page_at(pages: Sequence[Page], offset: int) -> int:
    """Index of the page holding ``offset`` (the nearest one before it between pages)."""
    starts = [page.start for page in pages]
    return max(0, bisect_right(starts, offset) - 1)


def page_blocks(doc: Document, page: Page) -> list[Block]:
    """The headings and paragraphs of ``page`` in text order.

    A heading that runs on into its paragraph on the same line (an inline
    section title such as （一）三大攻坚战强力突破。… or a lead sentence the
    tree made an item) becomes that paragraph's lead, drawn bold in place,
    so the paragraph reads as the report prints it.
    """
    if page.node is None:
        return [
            Block(span.start, span.end, "title" if span.text.strip() == doc.title else "paragraph")
            for span in doc.front
            if span.end > span.start
        ]
    entries: list[tuple[int, int, BlockKind, bool]] = []
    for node in page.node.walk():
        heading = node.heading_span
        if heading.end > heading.start:
            entries.append((heading.start, heading.end, _HEADING_KIND.get(node.kind, "item"), True))
        entries.extend((p.start, p.end, "paragraph", False) for p in node.paragraphs)
    entries.sort(key=lambda entry: entry[0])
    blocks: list[Block] = []
    index = 0
    while index < len(entries):
        start, end, kind, is_heading = entries[index]
        following = entries[index + 1] if index + 1 < len(entries) else None
        if (
            is_heading
            and following is not None
            and not following[3]
            and "\n" not in doc.text[end : following[0]]
        ):
            blocks.append(Block(start, following[1], "paragraph", kind, end))
            index += 2
            continue
        blocks.append(Block(start, end, kind))
        index += 1
    return blocks


def layout_lines(text: str, blocks: Sequence[Block], width: int) -> list[Line]:
    """Wrap ``blocks`` to ``width`` cells, a blank line between blocks.

    Wrapping is ``tui.wrap.wrap_offsets``, which knows CJK line-breaking rules;
    a block holding several text lines keeps its line breaks.
    """
    width = max(width, PARAGRAPH_INDENT + 2)
    lines: list[Line] = []
    for block in blocks:
        if lines:
            lines.append(Line(block.start, block.start, 0))
        for run in _LINE_RUNS.finditer(text, block.start, block.end):
            lines.extend(_wrap_run(text, run.start(), run.end(), width, block.kind))
    return lines


def _wrap_run(text: str, start: int, end: int, width: int, kind: BlockKind) -> Iterator[Line]:
    indent = PARAGRAPH_INDENT if kind == "paragraph" else 0
    for number, (line_start, line_end) in enumerate(
        wrap_offsets(text[start:end], width, first_indent=indent)
    ):
        yield Line(start + line_start, start + line_end, indent if number == 0 else 0)


def line_at(lines: Sequence[Line], offset: int) -> int:
    """Index of the display line showing ``offset`` (the last one starting at or before it)."""
    starts = [line.start for line in lines]
    return max(0, bisect_right(starts, offset) - 1)


class HighlightLayer:
    """Non-overlapping ``(start, end, style)`` marks, found per line by bisection.

    Each kind of mark (structure, figures, keywords, search hits) is its own
    layer, so a line asks each layer only for the few marks it crosses.
    """

    def __init__(self, marks: Sequence[tuple[int, int, str]]) -> None:
        self._marks = sorted(marks)
        self._ends = [end for _, end, _ in self._marks]

    @property
    def marks(self) -> Sequence[tuple[int, int, str]]:
        """Every mark, in text order."""
        return self._marks

    def within(self, start: int, end: int) -> Iterator[tuple[int, int, str]]:
        """Marks overlapping ``start:end``, clipped to it."""
        index = bisect_right(self._ends, start)
        while index < len(self._marks):
            mark_start, mark_end, style = self._marks[index]
            if mark_start >= end:
                return
            yield max(mark_start, start), min(mark_end, end), style
            index += 1


def structure_marks(blocks: Sequence[Block]) -> list[tuple[int, int, str]]:
    """Heading and lead-sentence styles of a page, named by the component they use."""
    marks: list[tuple[int, int, str]] = []
    for block in blocks:
        if block.lead_kind is not None:
            marks.append((block.start, block.lead_end, block.lead_kind))
        elif block.kind != "paragraph":
            marks.append((block.start, block.end, block.kind))
    return marks
