"""``gwr-tui DIR`` (several files, or nothing): the library, and the reader opened from it.

The library app indexes the reports in a worker thread while its screen
shows a progress bar, then lists them; ``/`` searches them all, two marked
reports are compared on a screen of their own.

The reader is ``tui.app.ReaderApp``, an App and not a Screen, and one Textual
app cannot run inside another. So ``enter`` ends the library app with the
report to open, ``run_library`` runs the reader on it, and the reader's
``escape`` (``LibraryReader``) ends it with a request to come back; the
library then starts again where the user left it (filter, sort, cursor and
marks live in a ``LibraryView`` that outlasts both apps).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import App
from textual.binding import Binding, BindingType

from parsers.errors import ReportError
from parsers.model import Document, LoadedText
from parsers.parse_cache import parse_with_cache
from themes import theme_variable_defaults, use_themes
from tui import locations
from tui.app import JUMP_CONTEXT, ReaderApp
from tui.config import load_config
from tui.library_index import LibraryEntry, LibraryIndex, SearchHit, Skipped, report_files
from tui.screens.compare_screen import CompareScreen
from tui.screens.library_screen import LibraryScreen, LibraryView
from tui.screens.library_search import LibrarySearchScreen
from tui.state import load_state


@dataclass(frozen=True, slots=True)
class OpenRequest:
    """What the library app ends with: a report to read, where, and the search that led there."""

    path: str
    offset: int | None = None
    query: str | None = None


class LibraryApp(App[OpenRequest | None]):
    """The library of reports; ends with the report the user chose, or ``None`` to quit."""

    CSS_PATH = "library.tcss"
    TITLE = "gwr-tui · 报告库 Library"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("q", "quit", "Quit")]

    def __init__(
        self,
        files: Sequence[Path],
        index: LibraryIndex | None = None,
        view: LibraryView | None = None,
        message: str | None = None,
    ) -> None:
        super().__init__()
        self.files = list(files)
        self.index = index or LibraryIndex()
        self.view = view or LibraryView()
        self.entries: list[LibraryEntry] = []
        self._message = message
        use_themes(self, load_config()[0].theme)

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return {**super().get_theme_variable_defaults(), **theme_variable_defaults(self)}

    @property
    def library(self) -> LibraryScreen:
        screen = self.get_screen("library")
        assert isinstance(screen, LibraryScreen)
        return screen

    def on_mount(self) -> None:
        self.install_screen(LibraryScreen(self.view), "library")
        self.push_screen("library")
        if self._message:
            self.notify(self._message, severity="error", markup=False, timeout=10)
        self._build_index()

    @work(thread=True, exclusive=True, group="index")
    def _build_index(self) -> None:
        """Index in a thread; the screen hears about progress through the event loop."""
        library = self.library

        def progress(done: int, total: int, path: str) -> None:
            self.call_from_thread(library.set_progress, done, total, path)

        entries, skipped = self.index.update(self.files, progress)
        self.call_from_thread(self._indexed, entries, skipped)

    def _indexed(self, entries: list[LibraryEntry], skipped: list[Skipped]) -> None:
        self.entries = entries
        self.library.show_entries(entries, skipped)

    # -- what the library screen asks for ------------------------------------------

    @on(LibraryScreen.Opened)
    def _open(self, event: LibraryScreen.Opened) -> None:
        self.exit(OpenRequest(event.entry.path))

    @on(LibraryScreen.SearchRequested)
    def _search(self) -> None:
        def search(query: str) -> list[SearchHit]:
            return self.index.search(query, self.library.entries)

        self.push_screen(LibrarySearchScreen(search), self._search_chosen)

    def _search_chosen(self, choice: tuple[SearchHit, str] | None) -> None:
        if choice is not None:
            hit, query = choice
            self.exit(OpenRequest(hit.entry.path, hit.offset, query))

    @on(LibraryScreen.CompareRequested)
    def _compare(self, event: LibraryScreen.CompareRequested) -> None:
        self.notify(
            f"Comparing {Path(event.old.path).name} with {Path(event.new.path).name}…",
            markup=False,
        )
        self._run_comparison(event.old, event.new)

    @work(thread=True, exclusive=True, group="compare")
    def _run_comparison(self, old: LibraryEntry, new: LibraryEntry) -> None:
        from parsers.compare import compare_reports
        from parsers.load import load_path

        try:
            before, after = load_path(old.path), load_path(new.path)
        except ReportError as error:
            self.call_from_thread(self.notify, str(error), severity="error", markup=False)
            return
        cache = locations.cache_dir()
        comparison = compare_reports(
            *parse_with_cache(before, cache), *parse_with_cache(after, cache)
        )
        self.call_from_thread(self.push_screen, CompareScreen(comparison))


class LibraryReader(ReaderApp):
    """The reader opened from the library: ``escape`` goes back to it, ``q`` still quits.

    It opens at ``start`` (a search hit) when given, with the search that
    found it highlighted.
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "back", "Library")]

    def __init__(
        self,
        report: Document | LoadedText,
        start: int | None = None,
        query: str | None = None,
    ) -> None:
        super().__init__(report)
        self.start = start
        self.search_query = query
        self.back = False

    def on_mount(self) -> None:
        super().on_mount()
        if self.start is not None:
            self.go_to_when_read(self.start, context=JUMP_CONTEXT)
            if self.search_query:
                self.run_search(self.search_query)

    async def action_back(self) -> None:
        """Clear a search or leave a side panel first; otherwise return to the library."""
        if self.search_hits or self.focused is not self.reader:
            self.action_clear_search()
            return
        self.back = True
        await self.action_quit()


def library_files(paths: Sequence[Path]) -> list[Path]:
    """The reports to list: those named, or the recent ones and the bundled sample."""
    if paths:
        return report_files(paths)
    from tui.cli import sample_path

    state, _ = load_state()
    recent = [Path(entry.path) for entry in state.recent if Path(entry.path).is_file()]
    return report_files([*recent, sample_path()])


def run_library(
    paths: Sequence[Path],
    index: LibraryIndex | None = None,
    first: OpenRequest | None = None,
) -> int:
    """Alternate between the library and the reader until the user quits.

    ``first`` opens a report straight away (the bundled sample when gwr-tui
    starts with no argument); ``escape`` in it then shows the library behind.
    """
    from parsers.load import load_path

    files = library_files(paths)
    view = LibraryView()
    message: str | None = None
    request = first
    while True:
        if request is None:
            request = LibraryApp(files, index, view, message).run()
        message = None
        if request is None:
            return 0
        try:
            report = load_path(request.path)
        except ReportError as error:
            message, request = str(error), None
            continue
        reader = LibraryReader(report, request.offset, request.query)
        request = None
        reader.run()
        if not reader.back:
            return 0
