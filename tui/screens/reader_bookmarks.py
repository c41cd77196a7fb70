"""Bookmarks on the reader screen: ``m`` marks the place, ``'`` lists this report's marks.

A bookmark is an offset into the report with a label of its section and
first words; they live in the reading state (``tui.state``), saved at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.screens.reader_base import ReaderBase

if TYPE_CHECKING:
    from tui.screens.bookmarks_screen import BookmarksScreen


class ReaderBookmarks(ReaderBase):
    """Add, list, go to and delete the bookmarks of the report being read."""

    def action_bookmark(self) -> None:
        from tui.clipboard import preview

        offset = self.position
        _, _, title = self.current_section()
        snippet = self.document.text[offset : offset + 24]
        label = preview(f"{title} · {snippet}", 60)
        self.state.add_bookmark(self.document_key, offset, label)
        if self._save_state():
            self.notify(f"Bookmarked: {label}", markup=False)

    def action_bookmarks(self) -> None:
        from tui.screens.bookmarks_screen import BookmarksScreen

        screen = BookmarksScreen(self.state.bookmarks_for(self.document_key))
        self.app.push_screen(screen, self._bookmark_chosen)

    def _bookmark_chosen(self, offset: int | None) -> None:
        if offset is not None:
            self.reader.go_to(offset)

    def on_bookmarks_screen_deleted(self, event: BookmarksScreen.Deleted) -> None:
        """Named for the message rather than decorated, so the screen loads only when opened."""
        self.state.remove_bookmark(self.document_key, event.bookmark)
        self._save_state()
