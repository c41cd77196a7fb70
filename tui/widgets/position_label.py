"""The reading position beside the key hints: chapter n/N and how far into the report."""

from __future__ import annotations

from tui.widgets.fitted_label import FittedLabel
from tui.widgets.page_layout import Page


def position_text(page: Page, chapters: int, percent: int) -> str:
    """``第2/8章 · 37%``, or the page's own name outside the numbered chapters."""
    where = f"第{page.number}/{chapters}章" if page.number is not None else page.title
    return f"{where} · {percent}%"


class PositionLabel(FittedLabel):
    """A page title comes from the report: it is shown as plain text, never markup."""

    def show(self, page: Page, chapters: int, percent: int) -> None:
        self.show_text(position_text(page, chapters, percent))
