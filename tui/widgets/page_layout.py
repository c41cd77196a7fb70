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
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Generic, Literal, TypeVar, overload

from parsers.model import Document, Figure, Node
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
T = TypeVar("T")
_LINE_RUNS = re.compile(r"[^\n]+")
PIECE_CHARS = 4096
"""Longest stretch wrapped in one go (a few milliseconds); report paragraphs are shorter."""
_PIECE_ENDS = ("。！？；", "，、：")


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


@dataclass(frozen=True, slots=True)
class Piece:
    """A stretch of a block wrapped on its own: one text line of it, or a part of a very long one.

    ``indent`` when it opens a text line of a paragraph (drawn indented);
    ``gap`` when a blank line separates it from the block before.
    """

    start: int
    end: int
    indent: bool
    gap: bool


def page_pieces(text: str, blocks: Sequence[Block]) -> list[Piece]:
    """The pieces of a page in order; joined, their lines are the page's layout.

    A text line longer than ``PIECE_CHARS`` (a report pasted as one line) is
    cut after a sentence where possible, so no single piece is slow to wrap;
    each part starts a display line of its own.
    """
    pieces: list[Piece] = []
    for block in blocks:
        gap = bool(pieces)
        for run in _LINE_RUNS.finditer(text, block.start, block.end):
            start, end = run.span()
            indent = block.kind == "paragraph"
            while end - start > PIECE_CHARS:
                cut = _piece_cut(text, start)
                pieces.append(Piece(start, cut, indent, gap))
                start, indent, gap = cut, False, False
            pieces.append(Piece(start, end, indent, gap))
            gap = False
    return pieces


def _piece_cut(text: str, start: int) -> int:
    """Where to end a piece of a very long line: after a sentence, a clause, or anywhere."""
    low, high = start + PIECE_CHARS // 2, start + PIECE_CHARS
    for marks in _PIECE_ENDS:
        cut = max(text.rfind(mark, low, high) for mark in marks)
        if cut >= 0:
            return cut + 1
    return high


def piece_lines(text: str, piece: Piece, width: int) -> list[Line]:
    """The display lines of ``piece`` at ``width`` cells, after its blank line if it has one."""
    width = max(width, PARAGRAPH_INDENT + 2)
    indent = PARAGRAPH_INDENT if piece.indent else 0
    lines = [Line(piece.start, piece.start, 0)] if piece.gap else []
    start = piece.start
    for number, (line_start, line_end) in enumerate(
        wrap_offsets(text[start : piece.end], width, first_indent=indent)
    ):
        lines.append(Line(start + line_start, start + line_end, indent if number == 0 else 0))
    return lines


def estimate_lines(text: str, piece: Piece, width: int) -> int:
    """About how many lines ``piece`` takes, without wrapping it: CJK is two cells, ASCII one."""
    width = max(width, PARAGRAPH_INDENT + 2)
    length = piece.end - piece.start
    wide = (len(text[piece.start : piece.end].encode("utf-8")) - length) // 2
    cells = length + wide + (PARAGRAPH_INDENT if piece.indent else 0)
    return piece.gap + max(1, -(-cells // width))


def layout_lines(text: str, blocks: Sequence[Block], width: int) -> list[Line]:
    """Wrap ``blocks`` to ``width`` cells at once, a blank line between blocks.

    Wrapping is ``tui.wrap.wrap_offsets``, which knows CJK line-breaking rules;
    a block holding several text lines keeps its line breaks. The reading pane
    wraps the same pieces one at a time as they come into view.
    """
    return [line for piece in page_pieces(text, blocks) for line in piece_lines(text, piece, width)]


def line_at(lines: Sequence[Line], offset: int) -> int:
    """Index of the display line showing ``offset`` (the last one starting at or before it)."""
    return max(0, bisect_right(lines, offset, key=_line_start) - 1)


def _line_start(line: Line) -> int:
    return line.start


Mark = tuple[int, int, str]


class HighlightLayer:
    """Non-overlapping ``(start, end, style)`` marks, found per line by bisection.

    Each kind of mark (structure, figures, keywords, search hits) is its own
    layer, so a line asks each layer only for the few marks it crosses.
    Marks already in text order (``in_order``) are used as given, not copied:
    a report's figures may number hundreds of thousands.
    """

    def __init__(self, marks: Sequence[Mark], *, in_order: bool = False) -> None:
        self._marks = marks if in_order else sorted(marks)

    @property
    def marks(self) -> Sequence[Mark]:
        """Every mark, in text order."""
        return self._marks

    def within(self, start: int, end: int) -> Iterator[Mark]:
        """Marks overlapping ``start:end``, clipped to it."""
        index = bisect_right(self._marks, start, key=_mark_end)
        while index < len(self._marks):
            mark_start, mark_end, style = self._marks[index]
            if mark_start >= end:
                return
            yield max(mark_start, start), min(mark_end, end), style
            index += 1


def _mark_end(mark: Mark) -> int:
    return mark[1]


class MarkView(Sequence[Mark], Generic[T]):
    """Items seen as marks, each made only when a line asks for it: nothing is copied up front.

    A report's figures or a search's hits may number hundreds of thousands.
    """

    def __init__(self, items: Sequence[T], mark: Callable[[T], Mark]) -> None:
        self._items = items
        self._mark = mark

    def __len__(self) -> int:
        return len(self._items)

    @overload
    def __getitem__(self, index: int) -> Mark: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Mark]: ...

    def __getitem__(self, index: int | slice) -> Mark | Sequence[Mark]:
        if isinstance(index, slice):
            return [self._mark(item) for item in self._items[index]]
        return self._mark(self._items[index])


def figure_mark(figure: Figure) -> Mark:
    return figure.start, figure.end, "target" if figure.status == "target" else "figure"


def search_mark(hit: tuple[int, int]) -> Mark:
    return hit[0], hit[1], "search"


def structure_marks(blocks: Sequence[Block]) -> list[tuple[int, int, str]]:
    """Heading and lead-sentence styles of a page, named by the component they use."""
    marks: list[tuple[int, int, str]] = []
    for block in blocks:
        if block.lead_kind is not None:
            marks.append((block.start, block.lead_end, block.lead_kind))
        elif block.kind != "paragraph":
            marks.append((block.start, block.end, block.kind))
    return marks
