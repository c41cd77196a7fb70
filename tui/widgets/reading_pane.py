"""The reading pane: one page of the report, drawn line by line.

It is a Line API widget (``ScrollView``): only the lines on screen are turned
into strips. A page is cut into pieces (its text lines) that are wrapped only
when they come into view, so a chapter of seven million characters opens as
fast as a short one and a key costs the same anywhere in it. Report text goes
into ``Content`` as plain text with styles attached by offset, so nothing in a
report is ever read as markup.

The pane keeps a reading *anchor* (an offset into the text) apart from its
scroll position: a jump to a short last section cannot scroll it to the top,
but ``]`` must still continue from that section, and a resize must keep the
same sentence in view.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content, Span
from textual.events import Resize
from textual.geometry import Region
from textual.message import Message
from textual.strip import Strip
from textual.style import Style

from parsers.model import Document, Figure
from tui.widgets.lazy_scroll import LazyScrollView
from tui.widgets.line_index import LazyLines
from tui.widgets.page_layout import (
    HighlightLayer,
    Line,
    Mark,
    MarkView,
    Page,
    Piece,
    build_pages,
    estimate_lines,
    figure_mark,
    line_at,
    page_at,
    page_blocks,
    page_pieces,
    piece_lines,
    search_mark,
    structure_marks,
)

KEYWORD_GROUPS = ("economy", "innovation", "livelihood", "environment", "governance", "risk")
_UNPRINTABLE = {code: " " for code in (*range(0x20), 0x7F)}
WRAP_AT_ONCE = 32_768
"""A page up to this many characters is wrapped whole when shown: its scrollbar is exact."""
KEEP_STRIPS = 4096
KEPT_PAGES = 8
"""Pages whose layout is kept after leaving them: a chapter or two back and forth is free."""

KeywordFinder = Callable[[int, int], list[tuple[int, int, str]]]
"""Keyword hits ``(start, end, group)`` in the text between two offsets."""


@dataclass(slots=True)
class _PageParts:
    """What laying out one page costs in proportion to its length, kept for a return visit."""

    structure: HighlightLayer
    pieces: list[Piece]
    width: int = -1
    lines: LazyLines | None = None
    """The page's lines at ``width``, the width it was last laid out for."""


class ReadingPane(LazyScrollView[Line], can_focus=True):
    """The text of the current chapter, with headings, figures and keywords styled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "line_down", "Down", show=False),
        Binding("k,up", "line_up", "Up", show=False),
        Binding("space,pagedown", "page_down", "Page", show=False),
        Binding("b,pageup", "page_up", "Page up", show=False),
        Binding("g,home", "top", "Top", show=False),
        Binding("G,end", "bottom", "Bottom", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "reading-pane--title",
        "reading-pane--chapter",
        "reading-pane--section",
        "reading-pane--item",
        "reading-pane--figure",
        "reading-pane--target",
        "reading-pane--selected",
        "reading-pane--search",
        "reading-pane--search-current",
        "reading-pane--kw-user",
        *(f"reading-pane--kw-{group}" for group in KEYWORD_GROUPS),
    }

    class Moved(Message):
        """The reading position changed; ``page_changed`` when a new page is shown."""

        def __init__(self, pane: ReadingPane, offset: int, page_changed: bool) -> None:
            super().__init__()
            self.pane = pane
            self.offset = offset
            self.page_changed = page_changed

        @property
        def control(self) -> ReadingPane:
            return self.pane

    def __init__(
        self,
        document: Document,
        figures: Sequence[Figure],
        *,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.document = document
        self.pages: list[Page] = build_pages(document)
        self._figure_layer = HighlightLayer(MarkView(figures, figure_mark), in_order=True)
        self._page_index = 0
        self._anchor = self.pages[0].start if self.pages else 0
        self._pieces: list[Piece] = []
        self._piece_starts: list[int] = []
        self._layout_width = 0
        self._structure = HighlightLayer([])
        self._find_keywords: KeywordFinder | None = None
        self._keywords: dict[int, list[Mark]] = {}
        self._search_layer = HighlightLayer([])
        self._hits: Sequence[tuple[int, int]] = []
        self._current_hit: tuple[int, int] | None = None
        self._selected: Figure | None = None
        self._strips: dict[tuple[int, int], Strip] = {}
        self._kept_pages: dict[int, _PageParts] = {}
        """The layouts of the pages read last, oldest first: going back to one costs nothing."""
        self._styles: dict[str, Style] = {}

    # -- what the screen reads ----------------------------------------------

    @property
    def page(self) -> Page:
        """The page on screen."""
        return self.pages[self._page_index]

    @property
    def page_index(self) -> int:
        return self._page_index

    @property
    def position(self) -> int:
        """The reading position: an offset into the document text."""
        return self._anchor

    @property
    def lines(self) -> Sequence[Line]:
        """The display lines of the page on screen (empty until the pane has a width).

        Reading a line wraps the part of the page it is in, if that has not
        happened yet; going through all of them wraps the whole page.
        """
        return self._lines

    @property
    def lines_wrapped(self) -> int:
        """How many pieces (text lines) of the page have been wrapped so far."""
        return self._lines.measured

    @property
    def keyword_marks(self) -> Sequence[Mark]:
        """Keyword marks ``(start, end, "kw-<group>")`` of the page's wrapped lines."""
        return [
            mark
            for item in range(len(self._pieces))
            if self._lines.is_measured(item)
            for mark in self._piece_keywords(item)
        ]

    @property
    def selected_figure(self) -> Figure | None:
        """The figure marked in the text (the figures panel's selection)."""
        return self._selected

    def visible_text(self) -> str:
        """The text of the lines on screen, one per line: what the reader sees, without styles."""
        top = self._top_line()
        bottom = min(len(self._lines), top + self.scrollable_content_region.height)
        shown = (self._lines[index] for index in range(top, bottom))
        return "\n".join(self.document.text[line.start : line.end] for line in shown)

    # -- what the screen changes --------------------------------------------

    def go_to(self, offset: int, *, context: int = 0) -> None:
        """Show the page holding ``offset`` with its line near the top.

        ``context`` lines stay visible above it, so a search hit or a figure is
        seen in its sentence rather than on the first row.
        """
        if not self.pages:
            return
        index = page_at(self.pages, offset)
        page_changed = index != self._page_index
        self._page_index = index
        self._anchor = min(max(offset, self.page.start), max(self.page.start, self.page.end - 1))
        if page_changed:
            self._load_page()
        self._show_offset(self._anchor, context)
        self._announce_move(page_changed)

    def set_document(self, document: Document, figures: Sequence[Figure]) -> None:
        """Show a fuller parse of the same text, with the same line at the top.

        The reader may have moved while the full parse ran: where they are is
        an offset, and offsets are the same in every parse of one text.
        """
        top = self._lines[self._top_line()].start if len(self._lines) else self._anchor
        self.document = document
        self.pages = build_pages(document)
        self._kept_pages.clear()
        self._figure_layer = HighlightLayer(MarkView(figures, figure_mark), in_order=True)
        if not self.pages:
            return
        self._page_index = page_at(self.pages, self._anchor)
        self._load_page()
        self._show_offset(top, 0)
        self._announce_move(True)

    def set_figures(self, figures: Sequence[Figure]) -> None:
        """Underline these figures (sorted by offset) from now on."""
        self._figure_layer = HighlightLayer(MarkView(figures, figure_mark), in_order=True)
        self._redraw()

    def set_keywords(self, find: KeywordFinder | None) -> None:
        """How to find keywords in a stretch of text; ``None`` to show none.

        Keywords are looked for only in the lines that are drawn, so turning
        highlighting on costs the same on a huge chapter as on a short one.
        """
        self._find_keywords = find
        self._keywords.clear()
        self._redraw()

    def set_search(self, hits: Sequence[tuple[int, int]], current: int | None) -> None:
        """All search hits in the document (in text order) and the index of the one visited.

        Going to another hit of the same search (``n``, ``N``) redraws only
        the lines of the hit left and the hit reached.
        """
        hit = hits[current] if current is not None and hits else None
        if hits is self._hits:
            previous, self._current_hit = self._current_hit, hit
            self._redraw_spans(previous, hit)
            return
        self._hits = hits
        self._search_layer = HighlightLayer(MarkView(hits, search_mark), in_order=True)
        self._current_hit = hit
        self._redraw()

    def select_figure(self, figure: Figure | None) -> None:
        """Mark ``figure`` in the text (the figures panel's selection), redrawing only its lines."""
        previous, self._selected = self._selected, figure
        if figure is not previous:
            self._redraw_spans(
                *((marked.start, marked.end) for marked in (previous, figure) if marked is not None)
            )

    # -- scrolling ----------------------------------------------------------

    def action_line_down(self) -> None:
        self._scroll_by(1)

    def action_line_up(self) -> None:
        self._scroll_by(-1)

    def action_page_down(self) -> None:
        """A screen further; at the end of a chapter, the start of the next one."""
        if self.scroll_offset.y >= self.max_scroll_y and self._page_index + 1 < len(self.pages):
            self.go_to(self.pages[self._page_index + 1].start)
        else:
            self._scroll_by(self._page_height())

    def action_page_up(self) -> None:
        """A screen back; at the top of a chapter, the end of the previous one."""
        if self.scroll_offset.y <= 0 and self._page_index > 0:
            self.go_to(self.pages[self._page_index - 1].start)
            self.action_bottom()
        else:
            self._scroll_by(-self._page_height())

    def action_top(self) -> None:
        if self._lines.items:
            self._scroll_from(0, 0, 0)

    def action_bottom(self) -> None:
        if self._lines.items:
            last = self._lines.items - 1
            self._scroll_from(last, len(self._lines.item_lines(last)) - 1, 0)

    def _page_height(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def _scroll_by(self, lines: int) -> None:
        if self._lines.items:
            item, row = self._lines.locate(self._top_line())
            self._scroll_from(item, row, lines)

    def _scroll_from(self, item: int, row: int, lines: int) -> None:
        """Put the line ``lines`` away from ``(item, row)`` at the top; it is the new position."""
        height = self._screen_height()
        line = self._settle(item, row, height + max(0, -lines), height + max(0, lines))
        self._set_scroll(line + lines)
        self._anchor = self._lines[self._expected_scroll_y].start
        self._announce_move(False)

    def _show_offset(self, offset: int, context: int) -> None:
        """Scroll so the line showing ``offset`` is ``context`` lines below the top."""
        if not self._lines.items:
            return
        item = max(0, bisect_right(self._piece_starts, offset) - 1)
        row = line_at(self._lines.item_lines(item), offset)
        height = self._screen_height()
        line = self._settle(item, row, height + context, height)
        self._set_scroll(line - context)

    def _scrolled_to(self, top: int) -> None:
        """Scrolling by mouse wheel or scrollbar moves the reading position too."""
        self._anchor = self._lines[top].start
        self._announce_move(False)

    def _announce_move(self, page_changed: bool) -> None:
        """Tell the reader screen, through the app, that the reading position changed.

        Posted to the app itself, not bubbled: on its way up through the body
        and the screen the screen would paint the moved text first, and paint
        again once it had moved the tree, the figures and the position label:
        two frames for one key instead of one.
        """
        self.app.post_message(self.Moved(self, self._anchor, page_changed))

    # -- layout -------------------------------------------------------------

    def on_mount(self) -> None:
        self._load_page()

    def on_resize(self, event: Resize) -> None:
        """Wrap again for the new width and keep the same sentence at the top."""
        if self._wrap_width() != self._layout_width:
            self._layout()
            self._show_offset(self._anchor, 0)

    def _wrap_width(self) -> int:
        return self.scrollable_content_region.width

    def _load_page(self) -> None:
        """Show the current page, from its kept layout when the reader has been there lately."""
        kept = self._kept_pages.pop(self._page_index, None)
        if kept is None:
            blocks = page_blocks(self.document, self.page) if self.pages else []
            pieces = page_pieces(self.document.text, blocks)
            kept = _PageParts(HighlightLayer(structure_marks(blocks)), pieces)
        self._kept_pages[self._page_index] = kept
        while len(self._kept_pages) > KEPT_PAGES:
            del self._kept_pages[next(iter(self._kept_pages))]
        self._structure, self._pieces = kept.structure, kept.pieces
        self._piece_starts = [piece.start for piece in self._pieces]
        self._keywords.clear()
        self._layout()

    def _layout(self) -> None:
        """Lay the page out at the current width: pieces are wrapped as they are shown.

        A page left lately keeps its lines for the width it was read at, wrapped
        as far as it was read.
        """
        width = self._wrap_width()
        self._layout_width = width
        kept = self._kept_pages.get(self._page_index)
        lines = kept.lines if kept is not None and kept.width == width else None
        if lines is None:
            text, pieces = self.document.text, self._pieces if width > 0 else []
            estimates = [estimate_lines(text, piece, width) for piece in pieces]
            lines = LazyLines(estimates, lambda item: piece_lines(text, pieces[item], width))
            if pieces and pieces[-1].end - pieces[0].start <= WRAP_AT_ONCE:
                lines.measure_all()
            if kept is not None:
                kept.width, kept.lines = width, lines
        self._lines = lines
        self._sync_size()
        self._redraw()

    def _redraw(self) -> None:
        self._strips.clear()
        self.refresh()

    def _redraw_spans(self, *spans: tuple[int, int] | None) -> None:
        """Draw again the lines showing any of ``spans``, on screen or kept for later."""
        top, height, width = self._top_line(), self.size.height, self.size.width
        for start, end in (span for span in spans if span is not None):
            item = max(0, bisect_right(self._piece_starts, start) - 1)
            while item < len(self._pieces) and self._pieces[item].start < end:
                if self._lines.is_measured(item):
                    for row, line in enumerate(self._lines.item_lines(item)):
                        if line.start < end and start < line.end:
                            self._strips.pop((item, row), None)
                            y = self._lines.line_number(item, row) - top
                            if 0 <= y < height:
                                self.refresh(Region(0, y, width, 1))
                item += 1

    def notify_style_update(self) -> None:
        """A theme switch changes every colour: styles and drawn lines are recomputed."""
        super().notify_style_update()
        self._styles.clear()
        self._strips.clear()

    # -- drawing ------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        index = self._top_line() + y
        width = self.size.width
        base = self.visual_style
        if index >= len(self._lines):
            return Strip.blank(width, base.rich_style)
        item, row = self._lines.locate(index)
        strip = self._strips.get((item, row))
        if strip is None:
            if len(self._strips) >= KEEP_STRIPS:
                self._strips.clear()
            line = self._lines.item_lines(item)[row]
            strip = self._strips[item, row] = self._draw(line, item, width, base)
        return strip

    def _draw(self, line: Line, item: int, width: int, base: Style) -> Strip:
        text = self.document.text[line.start : line.end].translate(_UNPRINTABLE)
        shift = line.indent - line.start
        spans = [
            Span(start + shift, end + shift, self._style(name))
            for start, end, name in self._marks(line.start, line.end, item)
        ]
        content = Content(" " * line.indent + text, spans)
        segments = content.render_segments(base)
        return Strip(segments).crop_extend(0, width, base.rich_style)

    def _marks(self, start: int, end: int, item: int) -> Iterator[Mark]:
        """Every style mark crossing ``start:end``; later marks win where they overlap."""
        yield from self._structure.within(start, end)
        yield from self._figure_layer.within(start, end)
        for mark_start, mark_end, name in self._piece_keywords(item):
            if mark_end > start and mark_start < end:
                yield max(mark_start, start), min(mark_end, end), name
        yield from self._search_layer.within(start, end)
        hit, selected = self._current_hit, self._selected
        if hit is not None and hit[1] > start and hit[0] < end:
            yield max(hit[0], start), min(hit[1], end), "search-current"
        if selected is not None and selected.end > start and selected.start < end:
            yield max(selected.start, start), min(selected.end, end), "selected"

    def _piece_keywords(self, item: int) -> list[Mark]:
        """Keyword marks of one piece, found the first time one of its lines is drawn."""
        marks = self._keywords.get(item)
        if marks is None:
            piece, find = self._pieces[item], self._find_keywords
            hits = find(piece.start, piece.end) if find is not None else []
            marks = self._keywords[item] = [(s, e, f"kw-{group}") for s, e, group in hits]
        return marks

    def _style(self, name: str) -> Style:
        style = self._styles.get(name)
        if style is None:
            style = self._styles[name] = self.get_visual_style(
                f"reading-pane--{name}", partial=True
            )
        return style
