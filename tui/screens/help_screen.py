"""The ``?`` screen: every key, grouped as a reader thinks of them."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.bindings import HELP


def help_content() -> Content:
    """The key table as styled plain text (no markup: ``[`` and ``]`` are keys here)."""
    width = max(len(keys) for _, rows in HELP for keys, _ in rows) + 2
    parts: list[str | tuple[str, str]] = []
    for number, (group, rows) in enumerate(HELP):
        if number:
            parts.append("\n\n")
        parts.append((group, "bold $accent"))
        for keys, text in rows:
            parts += ["\n", (keys.ljust(width), "bold $primary"), text]
    return Content.assemble(*parts)


class HelpScreen(ModalScreen[None]):
    """Closed by ``escape``, ``q`` or ``?``; scrolls when the terminal is short."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss", "Close", show=False),
        Binding("j,down", "scroll(1)", show=False),
        Binding("k,up", "scroll(-1)", show=False),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body") as body:
            body.border_title = "按键 Keys"
            body.border_subtitle = "escape 关闭"
            yield Static(help_content(), id="help-text")

    def action_scroll(self, lines: int) -> None:
        self.query_one("#help-body", VerticalScroll).scroll_relative(y=lines, animate=False)
