"""The reading pane: one page of the report, drawn line by line.

It is a Line API widget (``ScrollView``): only the lines on screen are turned
into strips, and a page is laid out again only when it changes or the pane is
resized. Report text goes into ``Content`` as plain text with styles attached
by offset, so nothing in a report is ever read as markup.

The pane keeps a reading *anchor* (an offset into the text) apart from its
scroll position: a jump to a short last section cannot scroll it to the top,
but ``]`` must still continue from that section, and a resize must keep the
same sentence in view.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content, Span
from textual.events import Resize
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style

from parsers.model import Document, Figure
from tui.widgets.page_layout import (
    Block,
    HighlightLayer,
    Line,
    Page,
    build_pages,
    layout_lines,
    line_at,
    page_at,
    page_blocks,
    structure_marks,
)

KEYWORD_GROUPS = ("economy", "innovation", "livelihood", "environment", "governance", "risk")
_UNPRINTABLE = {code: " " for code in (*range(0x20), 0x7F)}


class ReadingPane(ScrollView, can_focus=True):
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
        self._figure_layer = HighlightLayer(
            [(f.start, f.end, "target" if f.status == "target" else "figure") for f in figures]
        )
        self._page_index = 0
        self._anchor = self.pages[0].start if self.pages else 0
        self._lines: list[Line] = []
        self._blocks: list[Block] = []
        self._layout_width = 0
        self._expected_scroll_y = 0
        self._structure = HighlightLayer([])
        self._keyword_layer = HighlightLayer([])
        self._search_layer = HighlightLayer([])
        self._current_hit: tuple[int, int] | None = None
        self._selected: Figure | None = None
        self._strips: dict[int, Strip] = {}
        self._styles: dict[str, Style] = {}

    # -- what the app reads -------------------------------------------------

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
        """The laid-out lines of the page on screen (empty until the pane has a width)."""
        return self._lines

    @property
    def keyword_marks(self) -> Sequence[tuple[int, int, str]]:
        """Keyword marks of the page on screen as ``(start, end, "kw-<group>")``."""
        return self._keyword_layer.marks

    @property
    def selected_figure(self) -> Figure | None:
        """The figure marked in the text (the figures panel's selection)."""
        return self._selected

    def visible_text(self) -> str:
        """The text of the lines on screen, one per line: what the reader sees, without styles."""
        top = round(self.scroll_offset.y)
        shown = self._lines[top : top + self.scrollable_content_region.height]
        return "\n".join(self.document.text[line.start : line.end] for line in shown)

    # -- what the app changes -----------------------------------------------

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
        self._scroll_to_anchor(context)
        self.post_message(self.Moved(self, self._anchor, page_changed))

    def set_keywords(self, hits: Sequence[tuple[int, int, str]]) -> None:
        """Keyword hits ``(start, end, group)`` to colour; empty to show none."""
        self._keyword_layer = HighlightLayer([(s, e, f"kw-{group}") for s, e, group in hits])
        self._redraw()

    def set_search(self, hits: Sequence[tuple[int, int]], current: int | None) -> None:
        """All search hits in the document and the index of the one being visited."""
        self._search_layer = HighlightLayer([(s, e, "search") for s, e in hits])
        self._current_hit = hits[current] if current is not None and hits else None
        self._redraw()

    def select_figure(self, figure: Figure | None) -> None:
        """Mark ``figure`` in the text (the figures panel's selection)."""
        self._selected = figure
        self._redraw()

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
            self._scroll_by(len(self._lines))
        else:
            self._scroll_by(-self._page_height())

    def action_top(self) -> None:
        self._scroll_by(-len(self._lines))

    def action_bottom(self) -> None:
        self._scroll_by(len(self._lines))

    def _page_height(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def _scroll_by(self, lines: int) -> None:
        if not self._lines:
            return
        top = min(max(round(self.scroll_offset.y) + lines, 0), self.max_scroll_y)
        self._set_scroll(top)
        self._anchor = self._lines[top].start
        self.post_message(self.Moved(self, self._anchor, False))

    def _scroll_to_anchor(self, context: int = 0) -> None:
        if self._lines:
            self._set_scroll(max(0, line_at(self._lines, self._anchor) - context))

    def _set_scroll(self, top: int) -> None:
        self._expected_scroll_y = min(top, self.max_scroll_y)
        self.scroll_to(y=self._expected_scroll_y, animate=False, immediate=True, force=True)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        """Scrolling by mouse wheel or scrollbar moves the reading position too."""
        super().watch_scroll_y(old_value, new_value)
        top = round(new_value)
        if top != self._expected_scroll_y and top < len(self._lines):
            self._expected_scroll_y = top
            self._anchor = self._lines[top].start
            self.post_message(self.Moved(self, self._anchor, False))

    # -- layout -------------------------------------------------------------

    def on_mount(self) -> None:
        self._load_page()

    def on_resize(self, event: Resize) -> None:
        """Wrap again for the new width and keep the same sentence at the top."""
        if self._wrap_width() != self._layout_width:
            self._layout()
            self._scroll_to_anchor()

    def _wrap_width(self) -> int:
        return self.scrollable_content_region.width

    def _load_page(self) -> None:
        blocks = page_blocks(self.document, self.page) if self.pages else []
        self._structure = HighlightLayer(structure_marks(blocks))
        self._blocks = blocks
        self._layout()

    def _layout(self) -> None:
        width = self._wrap_width()
        self._layout_width = width
        self._lines = layout_lines(self.document.text, self._blocks, width) if width > 0 else []
        self.virtual_size = Size(width, len(self._lines))
        self._redraw()

    def _redraw(self) -> None:
        self._strips.clear()
        self.refresh()

    def notify_style_update(self) -> None:
        """A theme switch changes every colour: styles and drawn lines are recomputed."""
        super().notify_style_update()
        self._styles.clear()
        self._strips.clear()

    # -- drawing ------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        index = round(self.scroll_offset.y) + y
        width = self.size.width
        base = self.visual_style
        if index >= len(self._lines):
            return Strip.blank(width, base.rich_style)
        strip = self._strips.get(index)
        if strip is None:
            strip = self._strips[index] = self._draw(self._lines[index], width, base)
        return strip

    def _draw(self, line: Line, width: int, base: Style) -> Strip:
        text = self.document.text[line.start : line.end].translate(_UNPRINTABLE)
        shift = line.indent - line.start
        spans = [
            Span(start + shift, end + shift, self._style(name))
            for start, end, name in self._marks(line.start, line.end)
        ]
        content = Content(" " * line.indent + text, spans)
        segments = content.render_segments(base)
        return Strip(segments).crop_extend(0, width, base.rich_style)

    def _marks(self, start: int, end: int) -> Iterator[tuple[int, int, str]]:
        """Every style mark crossing ``start:end``; later marks win where they overlap."""
        yield from self._structure.within(start, end)
        yield from self._figure_layer.within(start, end)
        yield from self._keyword_layer.within(start, end)
        yield from self._search_layer.within(start, end)
        hit, selected = self._current_hit, self._selected
        if hit is not None and hit[1] > start and hit[0] < end:
            yield max(hit[0], start), min(hit[1], end), "search-current"
        if selected is not None and selected.end > start and selected.start < end:
            yield max(selected.start, start), min(selected.end, end), "selected"

    def _style(self, name: str) -> Style:
        style = self._styles.get(name)
        if style is None:
            style = self._styles[name] = self.get_visual_style(
                f"reading-pane--{name}", partial=True
            )
        return style
