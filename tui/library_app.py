"""``gwr-tui DIR`` (several files, or nothing): the library, and the reader opened from it.

The library app indexes the reports in a worker thread while its screen
shows a progress bar, then lists them; ``/`` searches them all, two marked
reports are compared on a screen of their own.

``enter`` opens a report on a reader screen over the library screen, and
the reader's ``escape`` closes it: the library is underneath as it was left
(filter, sort, cursor and marks), all in one app.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import CSSPathType
from textual.binding import Binding, BindingType

from parsers.errors import ReportError
from parsers.parse_cache import parse_with_cache
from tui import locations
from tui.app import GwrApp
from tui.library_index import LibraryEntry, LibraryIndex, SearchHit, Skipped, report_files
from tui.screens.compare_screen import CompareScreen
from tui.screens.library_screen import LibraryScreen
from tui.screens.library_search import LibrarySearchScreen
from tui.screens.reader_screen import ReaderScreen
from tui.state import load_state


class _AppClosed(Exception):
    """Raised in the indexing thread to stop it once the app has quit."""


class LibraryReaderScreen(ReaderScreen):
    """A report opened from the library: ``escape`` returns to it when nothing is left to clear."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "clear_search", "Library")]
    BACK_ON_ESCAPE = True


class LibraryApp(GwrApp):
    """The library of reports, and a reader over it for the report the user opens."""

    CSS_PATH: ClassVar[CSSPathType | None] = ["app.tcss", "library.tcss"]
    TITLE = "gwr-tui · 报告库 Library"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("q", "quit", "Quit")]

    def __init__(
        self,
        files: Sequence[Path],
        index: LibraryIndex | None = None,
        first: Path | None = None,
    ) -> None:
        """List ``files``; ``first`` opens straight away, with the library behind it."""
        super().__init__()
        self.files = list(files)
        self.index = index or LibraryIndex()
        self.entries: list[LibraryEntry] = []
        self._first = first
        self._indexer: threading.Thread | None = None
        self.index_ready = asyncio.Event()
        """Set once the rows are listed: tests and anything else that needs them wait here."""

    @property
    def library(self) -> LibraryScreen:
        screen = self.get_screen("library")
        assert isinstance(screen, LibraryScreen)
        return screen

    def on_mount(self) -> None:
        super().on_mount()
        self.install_screen(LibraryScreen(), "library")
        self.push_screen("library")
        if self._first is not None:
            self.read(str(self._first))
        else:
            self._start_indexing()

    @on(LibraryScreen.Shown)
    def _library_shown(self) -> None:
        """A report opened first is read without indexing the rest competing for the CPU."""
        if self.screen is self.library:
            self._start_indexing()

    def _start_indexing(self) -> None:
        """Index in a daemon thread, so quitting never waits for a long report to be parsed."""
        if self._indexer is None:
            self._indexer = threading.Thread(
                target=self._build_index, name="gwr-index", daemon=True
            )
            self._indexer.start()

    def _build_index(self) -> None:
        """The screen hears about progress through the event loop while this runs."""
        library = self.library

        def progress(done: int, total: int, path: str) -> None:
            if not self.is_running:
                raise _AppClosed
            self.call_from_thread(library.set_progress, done, total, path)

        try:
            entries, skipped = self.index.update(self.files, progress)
            if self.is_running:
                self.call_from_thread(self._indexed, entries, skipped)
        except (_AppClosed, RuntimeError):
            return  # the app closed while indexing: nobody is waiting for the rows
        except Exception as error:  # a broken index or disk: say so, keep the app
            with contextlib.suppress(RuntimeError):
                self.call_from_thread(self._index_failed, error)

    def _index_failed(self, error: Exception) -> None:
        self.notify(f"The library could not be indexed: {error}", severity="error", markup=False)
        self.index_ready.set()

    def _indexed(self, entries: list[LibraryEntry], skipped: list[Skipped]) -> None:
        self.entries = entries
        self.library.show_entries(entries, skipped)
        self.index_ready.set()

    # -- what the library screen asks for ------------------------------------------

    def read(self, path: str, start: int | None = None, query: str | None = None) -> None:
        """Open the report at ``path`` over the library; a report that cannot be read says why.

        ``start`` and ``query``: the search hit it opens at, highlighted.
        """
        from parsers.load import load_path

        try:
            report = load_path(path)
        except ReportError as error:
            self.notify(str(error), severity="error", markup=False, timeout=10)
            return
        self.push_screen(LibraryReaderScreen(report, self.memory, start=start, query=query))

    @on(LibraryScreen.Opened)
    def _open(self, event: LibraryScreen.Opened) -> None:
        self.read(event.entry.path)

    @on(LibraryScreen.SearchRequested)
    def _search(self) -> None:
        def search(query: str) -> list[SearchHit]:
            return self.index.search(query, self.library.entries)

        self.push_screen(LibrarySearchScreen(search), self._search_chosen)

    def _search_chosen(self, choice: tuple[SearchHit, str] | None) -> None:
        if choice is not None:
            hit, query = choice
            self.read(hit.entry.path, hit.offset, query)

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


def library_files(paths: Sequence[Path]) -> list[Path]:
    """The reports to list: those named, or the recent ones and the bundled sample."""
    if paths:
        return report_files(paths)
    from tui.cli import sample_path

    state, _ = load_state()
    recent = [Path(entry.path) for entry in state.recent if Path(entry.path).is_file()]
    return report_files([*recent, sample_path()])


def run_library(paths: Sequence[Path], first: Path | None = None) -> int:
    """Run the library on ``paths`` (or the recent reports), ``first`` open over it."""
    LibraryApp(library_files(paths), first=first).run()
    return 0
