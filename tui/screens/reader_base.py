"""What every part of the reader screen stands on: the report, the user's memory, the widgets.

``tui.screens.reader_screen.ReaderScreen`` is put together from parts, one
job each (``reader_keywords``, ``reader_bookmarks``); they all reach the
report being read, the settings and reading state it writes back, and the
panes, through this one class rather than through each other.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.screen import Screen

from parsers.model import Document, Figure, LoadedText
from tui.config import Config
from tui.memory import Memory
from tui.report_parse import Deliver, opening_parse
from tui.report_search import ReportSearch
from tui.sections import figures_between, section_around
from tui.state import State, document_key
from tui.widgets.chapter_tree import ChapterTree
from tui.widgets.figures_panel import FiguresPanel
from tui.widgets.reading_pane import ReadingPane


class ReaderBase(Screen[None]):
    """One report, the memory it is read with and where the reader is; the layout is elsewhere."""

    def __init__(
        self,
        report: Document | LoadedText,
        memory: Memory,
        figures: list[Figure] | None = None,
        *,
        start: int | None = None,
        query: str | None = None,
    ) -> None:
        """Read ``report``: a parsed Document, or loaded text (a long one is parsed while shown).

        ``figures`` ``None`` means "extract them" (``tui.report_parse.opening_parse``).
        ``start`` opens at a search hit rather than where reading stopped, with
        ``query`` highlighted.
        """
        super().__init__()
        self.memory = memory
        self._opening = opening_parse(report, figures)
        self.document: Document = self._opening.document
        self._loaded = self._opening.rest
        """The whole text while only its first part is parsed."""
        self._extracting = self._opening.figures is None
        self.figures: list[Figure] = self._opening.figures or []
        loaded = self._loaded
        self.document_key = document_key(loaded.text if loaded is not None else self.document.text)
        self._open_at = start
        self._open_query = query
        self.search = ReportSearch()
        self._section: tuple[int, int] | None = None
        self._prefer_figure: Figure | None = None
        self._wanted: int | None = None
        """A position past the part parsed so far, to go to once the rest is read."""
        self._deliver: Deliver = _nowhere
        """Runs a callback from another thread in the app's, while this screen is shown."""

    @property
    def config(self) -> Config:
        return self.memory.config

    @property
    def state(self) -> State:
        return self.memory.state

    @property
    def parsing(self) -> bool:
        """Whether the full parse or the figure extraction is still running."""
        return self._loaded is not None or self._extracting

    def _still_parsing(self, what: str) -> bool:
        """Say so when ``what`` needs the whole report and it is not read yet."""
        if self.parsing:
            self.notify(f"{what}: the report is still being read, try again in a moment")
        return self.parsing

    @property
    def reader(self) -> ReadingPane:
        return self.query_one("#reader", ReadingPane)

    @property
    def chapter_tree(self) -> ChapterTree:
        return self.query_one("#tree", ChapterTree)

    @property
    def figures_panel(self) -> FiguresPanel:
        return self.query_one("#figures", FiguresPanel)

    @property
    def position(self) -> int:
        """The reading position as an offset into the document text."""
        return self.reader.position

    def current_section(self) -> tuple[int, int, str]:
        """``(start, end, title)`` of what the figures panel calls "this section"."""
        return section_around(self.document, self.position, self.reader.page)

    def section_figures(self) -> list[Figure]:
        """The figures of the current section, in text order."""
        start, end, _ = self.current_section()
        return figures_between(self.figures, start, end)

    # -- memory ----------------------------------------------------------------

    def _change_config(self, config: Config) -> None:
        """Use ``config`` and write it: the file changes only when the user changes a setting."""
        problem = self.memory.change_config(config)
        if problem:
            self.notify(problem, severity="error", markup=False)

    def save_position(self) -> None:
        """Remember where reading stopped in this report, and the report among the recent ones."""
        self.state.remember_position(self.document_key, self.position)
        self.state.note_recent(self.document.source, self.title or "", self.document_key)
        self._save_state()

    def _save_state(self) -> bool:
        problem = self.memory.save_state()
        if problem:
            self.notify(problem, severity="error", markup=False)
        return problem is None


def _nowhere(callback: Callable[..., None], *args: Any) -> bool:
    """The ``Deliver`` of a screen not shown yet: nothing arrives."""
    return False
