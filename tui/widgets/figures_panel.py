"""The figures panel: the numbers of the current section (or the whole report), one per row.

There is always a selected figure while the scope holds any, so the copy keys
work from whichever pane has focus; a new section resets the selection to
its first figure, as the reader expects after turning a page.

A report can hold hundreds of thousands of figures, so the panel is a Line
API list: a row is turned into text and wrapped only when it is drawn, and
moving the selection costs the same for ten rows as for a million.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.geometry import Region
from textual.message import Message
from textual.strip import Strip
from textual.style import Style
from textual.visual import Visual

from parsers.model import Figure
from tui.widgets.lazy_scroll import LazyScrollView
from tui.widgets.line_index import LazyLines

STATUS_LABEL = {"actual": "实际", "estimate": "预计", "target": "目标"}
BOUND_LABEL = {"=": "", ">": ">", ">=": "≥", "<": "<", "<=": "≤", "~": "约", "~<": "近"}
TARGET_MARK = "◎"
NO_FIGURES = "本节没有数字 · f 看全文"
ROW_ESTIMATE = 2
"""Lines a row is assumed to take before it is drawn (rows wrap at the panel's width)."""
ESTIMATE_EACH = 64
"""Lists up to this many rows get an estimate per row from its text: a scrollbar about right."""
KEEP_ROWS = 256
"""Drawn rows kept for when a section is shown again."""


def figure_row(figure: Figure) -> Content:
    """``indicator · value unit · change · status`` as plain text with styles, never markup."""
    target = figure.status == "target"
    parts: list[str | tuple[str, str]] = [
        (f"{TARGET_MARK} " if target else "  ", "bold $target-mark" if target else ""),
        (_one_line(figure.indicator) or "—", "bold"),
        " · ",
        (BOUND_LABEL.get(figure.bound, figure.bound) + _one_line(figure.surface), "underline"),
    ]
    if figure.change:
        parts += [" · ", _one_line(figure.change)]
    label = STATUS_LABEL.get(figure.status, figure.status)
    parts += [" · ", (label, "$target-mark" if target else "dim")]
    return Content.assemble(*parts)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _start(figure: Figure) -> int:
    return figure.start


def _lines_for(cells: int, width: int) -> int:
    """The lines a row of ``cells`` takes at ``width`` if no word moves to the next line whole."""
    return max(1, -(-cells // width))


def _same(first: Sequence[Figure], second: Sequence[Figure]) -> bool:
    return first is second or (
        len(first) == len(second) and all(a == b for a, b in zip(first, second, strict=True))
    )


class FiguresPanel(LazyScrollView[Strip], can_focus=True):
    """Figures of one scope; moving highlights the figure in the text, ``enter`` jumps to it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor_down", "Down", show=False),
        Binding("up,k", "cursor_up", "Up", show=False),
        Binding("home,g", "first", "First", show=False),
        Binding("end,G", "last", "Last", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("enter", "choose", "Show", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "figures-panel--row",
        "figures-panel--selected",
        "figures-panel--hover",
        "figures-panel--empty",
    }

    class Highlighted(Message):
        """The selected figure changed (``None`` when the scope has no figures)."""

        def __init__(self, panel: FiguresPanel, figure: Figure | None) -> None:
            super().__init__()
            self.panel = panel
            self.figure = figure

        @property
        def control(self) -> FiguresPanel:
            return self.panel

    class Chosen(Message):
        """The reader asked to see ``figure`` in the text."""

        def __init__(self, panel: FiguresPanel, figure: Figure) -> None:
            super().__init__()
            self.panel = panel
            self.figure = figure

        @property
        def control(self) -> FiguresPanel:
            return self.panel

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._figures: Sequence[Figure] = []
        self._empty = NO_FIGURES
        self._index: int | None = None
        self._hover: int | None = None
        self._strips: dict[tuple[int, int, Style], tuple[Figure, list[Strip]]] = {}
        self._cells: list[int] | None = None
        self._width = 0

    @property
    def figures(self) -> Sequence[Figure]:
        """The figures listed, in text order."""
        return self._figures

    @property
    def selected(self) -> Figure | None:
        """The highlighted figure, which the copy keys act on."""
        return None if self._index is None else self._figures[self._index]

    @property
    def rows_drawn(self) -> int:
        """How many rows have been turned into text so far (the rest are estimates)."""
        return self._lines.measured

    def row_content(self, index: int) -> Content:
        """What row ``index`` shows: the figure's text with styles attached, never markup."""
        return figure_row(self._figures[index])

    def show_figures(self, figures: Sequence[Figure], title: str, empty: str = NO_FIGURES) -> None:
        """List ``figures`` and select the first; ``title`` names the scope in the border.

        ``empty`` is what an empty list says. The sequence is kept, not
        copied: the report's whole list may be long.
        """
        self.border_title = title
        if empty != self._empty:
            self._empty = empty
            self.refresh()
        if _same(figures, self._figures):
            return
        self._figures = figures
        self._cells = None
        self._index = 0 if figures else None
        self._hover = None
        self._relayout()
        self._announce_selection()

    def select(self, figure: Figure) -> None:
        """Move the selection to ``figure`` if it is listed."""
        index = bisect_left(self._figures, figure.start, key=_start)
        while index < len(self._figures) and self._figures[index].start == figure.start:
            if self._figures[index] == figure:
                self._move_to(index)
                return
            index += 1

    # -- moving --------------------------------------------------------------

    def action_cursor_down(self) -> None:
        self._step(1)

    def action_cursor_up(self) -> None:
        self._step(-1)

    def action_first(self) -> None:
        if self._figures:
            self._move_to(0)

    def action_last(self) -> None:
        if self._figures:
            self._move_to(len(self._figures) - 1)

    def action_page_down(self) -> None:
        self._page(1)

    def action_page_up(self) -> None:
        self._page(-1)

    def action_choose(self) -> None:
        figure = self.selected
        if figure is not None:
            self.post_message(self.Chosen(self, figure))

    def _step(self, step: int) -> None:
        if self._index is not None:
            self._move_to(min(max(self._index + step, 0), len(self._figures) - 1))

    def _page(self, direction: int) -> None:
        """About a screen of lines further, landing on the row found there."""
        if self._index is None:
            return
        height = self._screen_height()
        line = self._settle(
            self._index, 0, height * max(0, -direction), height * max(0, direction) + height
        )
        item, _ = self._lines.locate(line + direction * height)
        self._move_to(item)

    def _announce_selection(self) -> None:
        """Tell the reader screen, through the app, which figure is selected, so the text marks it.

        Posted to the app itself, not bubbled: on the way up through the
        screen, the screen would paint this panel before it marked the figure
        in the text, and paint again after: two frames for one key.
        """
        self.app.post_message(self.Highlighted(self, self.selected))

    def _move_to(self, index: int) -> None:
        if index == self._index:
            return
        self._index = index
        self._scroll_to_selection()
        self.refresh()
        self._announce_selection()

    def _scroll_to_selection(self) -> None:
        """Bring the selected row into view without moving the rows already on screen."""
        if self._index is None or not self._lines.items:
            return
        height = self._screen_height()
        top_item, top_row = self._lines.locate(self._top_line())
        line = self._settle(self._index, 0, height, height)
        top = self._lines.line_number(top_item, top_row)
        bottom = line + self._lines.heights.height(self._index)
        if line < top:
            top = line
        elif bottom > top + height:
            top = bottom - height
        self._set_scroll(top)

    # -- the mouse -------------------------------------------------------------

    async def _on_click(self, event: events.Click) -> None:
        index = event.style.meta.get("figure")
        if index is not None and 0 <= index < len(self._figures):
            self._move_to(index)
            self.action_choose()

    def _on_mouse_move(self, event: events.MouseMove) -> None:
        index = event.style.meta.get("figure")
        if index != self._hover:
            self._hover = index
            self.refresh()

    def _on_leave(self, event: events.Leave) -> None:
        if self._hover is not None:
            self._hover = None
            self.refresh()

    # -- layout and drawing ----------------------------------------------------

    def on_mount(self) -> None:
        self._relayout()

    def render_lines(self, crop: Region) -> list[Strip]:
        """Rows wrap to the width left beside the scrollbar, which comes and goes with them."""
        if self._wrap_width() != self._width:
            self._relayout()
        return super().render_lines(crop)

    def notify_style_update(self) -> None:
        """A theme or focus change recolours the rows; their heights stay."""
        super().notify_style_update()
        self._strips.clear()

    def _relayout(self) -> None:
        """Start over: rows are drawn as they are shown, at the current width.

        Rows already drawn at this width are kept (a section read again
        shows the same figures), and only a screenful is drawn now. A short
        list gets an estimate per row from its text, so its scrollbar is right
        from the start; a long one assumes ``ROW_ESTIMATE`` lines a row.
        """
        width = self._wrap_width()
        if width != self._width:
            self._strips.clear()
        self._width = width
        count = len(self._figures) if width > 0 else 0
        if count > ESTIMATE_EACH:
            estimates = [ROW_ESTIMATE] * count
        elif count:
            estimates = [_lines_for(cells, width) for cells in self._row_cells()]
        else:
            estimates = []
        self._lines = LazyLines(estimates, self._measure)
        self._sync_size()
        self._set_scroll(0)
        self._scroll_to_selection()
        self.refresh()

    def _wrap_width(self) -> int:
        """The width rows wrap to, leaving room for the scrollbar the rows are expected to bring.

        Wrapping at the right width at once saves wrapping the rows again
        when the scrollbar comes or goes: more rows than the panel is high
        are sure to bring it; fewer bring it if their estimated lines do.
        """
        region = self.scrollable_content_region
        if self.styles.overflow_y != "auto":
            return region.width
        bar = self.styles.scrollbar_size_vertical
        full = region.width + (bar if self.show_vertical_scrollbar else 0)
        narrow = max(0, full - bar)
        count = len(self._figures)
        if count > region.height or (
            count <= ESTIMATE_EACH
            and narrow > 0
            and sum(_lines_for(cells, narrow) for cells in self._row_cells()) > region.height
        ):
            return narrow
        return full

    def _row_cells(self) -> list[int]:
        """Cells of each row of a short list on one line, worked out once per list."""
        if self._cells is None:
            self._cells = [
                self.row_content(index).cell_length for index in range(len(self._figures))
            ]
        return self._cells

    def _measure(self, index: int) -> list[Strip]:
        return self._row_strips(index, self._row_style(index))

    def _row_style(self, index: int) -> Style:
        if index == self._index:
            return self.get_visual_style("figures-panel--row", "figures-panel--selected")
        if index == self._hover:
            return self.get_visual_style("figures-panel--row", "figures-panel--hover")
        return self.get_visual_style("figures-panel--row")

    def _row_strips(self, index: int, style: Style) -> list[Strip]:
        """A row's drawn lines, kept by figure (held too, so its id stays its own)."""
        figure = self._figures[index]
        kept = self._strips.get((index, id(figure), style))
        if kept is not None and kept[0] is figure:
            return kept[1]
        if len(self._strips) > KEEP_ROWS:
            self._strips.clear()
        strips = self._wrap_row(self.row_content(index), style, {"figure": index})
        self._strips[index, id(figure), style] = (figure, strips)
        return strips

    def _wrap_row(self, content: Content, style: Style, meta: dict[str, int]) -> list[Strip]:
        width = self._width
        strips = Visual.to_strips(self, content, width, None, style)
        fill = style.rich_style
        return [strip.extend_cell_length(width, fill).apply_meta(meta) for strip in strips]

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        line = self._top_line() + y
        if width <= 0:
            return Strip.blank(0)
        if not self._figures:
            style = self.get_visual_style("figures-panel--row", "figures-panel--empty")
            message = self._wrap_row(Content.styled(self._empty, "dim italic"), style, {})
            return message[y] if y < len(message) else Strip.blank(width, style.rich_style)
        if line >= len(self._lines):
            return Strip.blank(width, self.get_visual_style("figures-panel--row").rich_style)
        index, row = self._lines.locate(line)
        self._lines.item_lines(index)
        strips = self._row_strips(index, self._row_style(index))
        return strips[row] if row < len(strips) else Strip.blank(width)
