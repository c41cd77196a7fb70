"""The ``/`` search line: a query box and the hit count, shown only while searching."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input, Static

from tui.widgets.fitted_label import FittedLabel


class SearchBar(Horizontal):
    """Reports every keystroke so the search is incremental; ``escape`` ends the search."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Clear search", show=False)
    ]

    class QueryChanged(Message):
        """The query text changed (possibly to empty)."""

        def __init__(self, query: str) -> None:
            super().__init__()
            self.query = query

    class Submitted(Message):
        """``enter``: keep the hits and go back to reading."""

        def __init__(self, query: str) -> None:
            super().__init__()
            self.query = query

    class Cancelled(Message):
        """``escape``: clear the search."""

    def compose(self) -> ComposeResult:
        yield Static("/", id="search-prompt")
        yield Input(placeholder="搜索全文…", id="search-input", compact=True)
        yield FittedLabel(id="search-count")

    @property
    def value(self) -> str:
        """The query as typed."""
        return self.query_one(Input).value

    def open(self) -> None:
        """Show the bar with an empty query and focus it."""
        self.display = True
        box = self.query_one(Input)
        box.value = ""
        box.focus()

    def close(self) -> None:
        self.display = False

    def show_count(self, current: int | None, total: int) -> None:
        """``3/17`` while visiting hit 3 of 17, or how many there are."""
        if total == 0:
            text = "无结果" if self.value else ""
        elif current is None:
            text = f"{total} 处"
        else:
            text = f"{current + 1}/{total}"
        self.query_one("#search-count", FittedLabel).show_text(text)

    @on(Input.Changed, "#search-input")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.QueryChanged(event.value))

    @on(Input.Submitted, "#search-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Submitted(event.value))

    def action_cancel(self) -> None:
        self.post_message(self.Cancelled())
