"""A one-line label that lays the screen out again only when its text needs more room.

The status line's labels change on nearly every key (the reading position,
the search's hit count). ``Static.update`` asks for a layout of the whole
screen each time, and one that resizes a label resizes its neighbours too,
which takes another: together more than the rest of a keypress. Most
changes are a digit or two; a shorter text is drawn in the room the longer
one had.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.content import Content
from textual.widgets import Static


class FittedLabel(Static):
    """Plain text only: what it shows may come from the report and is never markup."""

    def __init__(self, text: str = "", *, id: str | None = None) -> None:
        super().__init__(Content(text), id=id)
        self._text = text

    def show_text(self, text: str) -> None:
        if text != self._text:
            self._text = text
            self.update(Content(text), layout=cell_len(text) > self.content_size.width)
