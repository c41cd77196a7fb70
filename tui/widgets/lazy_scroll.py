"""Scroll views whose scrollable size changes without laying the screen out again.

Measuring an item above the top of the screen changes the line number of
everything below it. ``LazyScrollView`` therefore holds its place as an item
and a row: after each measurement it scrolls to where that line went, so the
reader sees nothing move while the estimates above turn into real heights.

Setting a widget's ``virtual_size`` asks for a layout of the whole screen,
and the scrollbars that layout touches are painted one frame after it: a key
that shows another page, another list of figures or opens a tree branch
would take two frames. A view sized by the stylesheet, not by its content,
moves nothing else when its content grows, so ``SizedInPlace`` updates only
its own scrollbars; a scrollbar that comes or goes still gets its layout.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Generic, Self, TypeVar

from textual.geometry import Region, Size
from textual.scroll_view import ScrollView

from tui.widgets.line_index import LazyLines

T = TypeVar("T")


class SizedInPlace(ScrollView):
    """A scroll view that changes its scrollable size in place, inside ``_sizing_in_place``.

    Mixed into a Textual widget, it goes after it (``Tree[int], SizedInPlace``):
    Textual inherits styles and component classes along the first base only.
    """

    _in_place = False

    @contextmanager
    def _sizing_in_place(self) -> Iterator[None]:
        """Changes of ``virtual_size`` made inside repaint the view and its scrollbars only.

        Until the first layout there are no scrollbars to update, and that
        layout sizes the view anyway.
        """
        if self._in_place or not self.container_size or self.styles.auto_dimensions:
            yield
            return
        size = self.virtual_size
        self._in_place = True
        try:
            yield
        finally:
            self._in_place = False
        if self.virtual_size != size:
            self._scroll_update(self.virtual_size)  # toggling a scrollbar lays out, as it must
            self.refresh()

    def refresh(
        self,
        *regions: Region,
        repaint: bool = True,
        layout: bool = False,
        recompose: bool = False,
    ) -> Self:
        return super().refresh(
            *regions, repaint=repaint, layout=layout and not self._in_place, recompose=recompose
        )


class LazyScrollView(Generic[T], SizedInPlace):
    """Subclasses set ``_lines`` and call ``_sync_size`` after changing it."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._lines: LazyLines[T] = LazyLines([], lambda item: [])
        self._expected_scroll_y = 0
        self._resizing = False

    def _screen_height(self) -> int:
        return max(1, self.scrollable_content_region.height)

    def _sync_size(self) -> None:
        """Make the scrollable height match the lines as measured and estimated so far."""
        size = Size(self.scrollable_content_region.width, len(self._lines))
        if size != self.virtual_size:
            self._resizing = True  # a shorter area may clamp the scroll: that is no user scroll
            try:
                with self._sizing_in_place():
                    self.virtual_size = size
            finally:
                self._resizing = False

    def _settle(self, item: int, row: int, above: int, below: int) -> int:
        """Measure around ``(item, row)``, resize the scroll area, and return its line number."""
        line = self._lines.settle(item, row, above, below)
        self._sync_size()
        return line

    def _set_scroll(self, top: int) -> None:
        self._expected_scroll_y = max(0, min(top, self.max_scroll_y))
        self.scroll_to(y=self._expected_scroll_y, animate=False, immediate=True, force=True)

    def _top_line(self) -> int:
        return round(self.scroll_offset.y)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        """A scroll the view did not ask for (wheel, scrollbar): measure what it shows."""
        super().watch_scroll_y(old_value, new_value)
        top = round(new_value)
        if self._resizing or top == self._expected_scroll_y or not self._lines.items:
            return
        height = self._screen_height()
        item, row = self._lines.locate(top)
        line = self._settle(item, row, height, height)
        if line == top:
            self._expected_scroll_y = top
        else:
            self._set_scroll(line)
        self._scrolled_to(self._expected_scroll_y)

    def _scrolled_to(self, top: int) -> None:
        """Called after a scroll the view did not ask for settled at line ``top``."""
