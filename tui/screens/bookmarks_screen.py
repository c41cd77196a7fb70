"""The ``'`` list: bookmarks of this report in reading order; ``enter`` jumps, ``d`` deletes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.state import Bookmark


class BookmarksScreen(ModalScreen[int | None]):
    """Returns the offset of the chosen bookmark, or ``None``."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,apostrophe", "dismiss(None)", "Close", show=False),
        Binding("d,delete", "delete", "Delete", show=False),
        Binding("j", "move(1)", show=False),
        Binding("k", "move(-1)", show=False),
    ]

    class Deleted(Message):
        """The reader removed ``bookmark``; the reader screen drops it from the saved state."""

        def __init__(self, bookmark: Bookmark) -> None:
            super().__init__()
            self.bookmark = bookmark

    def __init__(self, bookmarks: Sequence[Bookmark]) -> None:
        super().__init__()
        self._bookmarks = list(bookmarks)

    def compose(self) -> ComposeResult:
        options = OptionList(*(Option(Content(b.label)) for b in self._bookmarks), id="bookmarks")
        options.border_title = "书签 Bookmarks"
        options.border_subtitle = "enter 跳转 · d 删除 · escape 关闭"
        yield options
        yield Static(
            Content("No bookmarks yet: press m while reading to add one."),
            id="bookmarks-empty",
        )

    def on_mount(self) -> None:
        self.query_one("#bookmarks-empty").display = not self._bookmarks

    @on(OptionList.OptionSelected, "#bookmarks")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self._bookmarks[event.option_index].offset)

    def action_move(self, step: int) -> None:
        options = self.query_one("#bookmarks", OptionList)
        if step > 0:
            options.action_cursor_down()
        else:
            options.action_cursor_up()

    def action_delete(self) -> None:
        options = self.query_one("#bookmarks", OptionList)
        index = options.highlighted
        if index is None:
            return
        # To the screen that opened the list (the reader), which keeps the bookmarks.
        self.app.screen_stack[-2].post_message(self.Deleted(self._bookmarks.pop(index)))
        options.remove_option_at_index(index)
        self.query_one("#bookmarks-empty").display = not self._bookmarks
