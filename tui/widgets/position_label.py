"""The reading position beside the key hints: chapter n/N and how far into the report."""

from __future__ import annotations

from rich.cells import cell_len
from textual.content import Content
from textual.widgets import Static

from tui.widgets.page_layout import Page


def position_text(page: Page, chapters: int, percent: int) -> str:
    """``第2/8章 · 37%``, or the page's own name outside the numbered chapters."""
    where = f"第{page.number}/{chapters}章" if page.number is not None else page.title
    return f"{where} · {percent}%"


class PositionLabel(Static):
    """Plain text only: a page title comes from the report and is never markup."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._text = ""

    def show(self, page: Page, chapters: int, percent: int) -> None:
        """Show where the reader is; the screen is laid out again only when the text needs room.

        A layout of the whole screen costs more than the rest of a keypress,
        and one that resizes this label resizes the key hints beside it too,
        which takes another. Most moves change a digit or nothing at all; a
        shorter text is drawn in the room the longer one had.
        """
        text = position_text(page, chapters, percent)
        if text != self._text:
            self._text = text
            self.update(Content(text), layout=cell_len(text) > self.content_size.width)
