"""The ``K`` screen: the reader's own keywords, highlighted in their own colour.

It returns the edited list and leaves saving to the reader screen, which writes the
config only when the list really changed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option


class KeywordListScreen(ModalScreen[tuple[str, ...]]):
    """Type a term and ``enter`` to add it; ``delete`` removes the highlighted one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "done", "Done", show=False),
        Binding("delete,ctrl+d", "remove", "Remove", show=False),
    ]

    def __init__(self, keywords: Sequence[str]) -> None:
        super().__init__()
        self.keywords: list[str] = list(keywords)

    def compose(self) -> ComposeResult:
        with Vertical(id="keywords-box") as box:
            box.border_title = "我的关键词 Your keywords"
            box.border_subtitle = "enter 添加 · delete 删除 · escape 完成"
            yield Input(placeholder="新关键词…", id="keyword-input")
            yield OptionList(*(Option(Content(k)) for k in self.keywords), id="keyword-list")
            yield Static("", id="keyword-note")

    @on(Input.Submitted, "#keyword-input")
    def _add(self, event: Input.Submitted) -> None:
        term = " ".join(event.value.split())
        event.input.value = ""
        if not term:
            return
        if term in self.keywords:
            self._note(f"{term} is already in the list")
            return
        self.keywords.append(term)
        self.query_one("#keyword-list", OptionList).add_option(Option(Content(term)))
        self._note(f"Added {term}")

    def action_remove(self) -> None:
        options = self.query_one("#keyword-list", OptionList)
        index = options.highlighted
        if index is None or not self.keywords:
            return
        term = self.keywords.pop(index)
        options.remove_option_at_index(index)
        self._note(f"Removed {term}")

    def action_done(self) -> None:
        self.dismiss(tuple(self.keywords))

    def _note(self, text: str) -> None:
        self.query_one("#keyword-note", Static).update(Content(text))
