"""The library screen with Pilot: filter by typing, sort, marks, enter, search across reports."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, ProgressBar

from parsers.report import open_report
from tui import clipboard
from tui.cli import sample_path
from tui.library_app import LibraryApp, library_files
from tui.library_index import LibraryEntry, LibraryIndex, Progress, Skipped, report_files
from tui.screens.compare_screen import CompareScreen
from tui.screens.library_screen import LibraryScreen
from tui.screens.library_search import LibrarySearchScreen
from tui.screens.reader_screen import ReaderScreen
from tui.state import load_state, save_state
from tui.widgets.key_footer import shown_keys

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "compare"
SnapCompare = Callable[..., bool]


@pytest.fixture(autouse=True)
def no_system_clipboard(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clipboard, "copy_native", lambda text: False)


@pytest.fixture
def shelf(tmp_path: Path) -> Path:
    """Three reports: national 2025, 海拉尔区 2018 and 石景山区 2025 (the bundled sample)."""
    root = tmp_path / "shelf"
    root.mkdir()
    shutil.copy(FIXTURES / "national_2025_excerpt.txt", root / "national_2025.txt")
    shutil.copy(FIXTURES / "hailar_district_2018_gbk.txt", root / "hailar_2018.txt")
    shutil.copy(sample_path(), root / "shijingshan_2025.txt")
    return root


def library(shelf: Path, tmp_path: Path, first: Path | None = None) -> LibraryApp:
    return LibraryApp(report_files([shelf]), LibraryIndex(tmp_path / "index.sqlite3"), first)


async def indexed(app: LibraryApp, pilot: Pilot[object]) -> LibraryScreen:
    await app.index_ready.wait()
    await pilot.pause()
    return app.library


def years(screen: LibraryScreen) -> list[int | None]:
    return [entry.year for entry in screen.shown]


def reading(app: LibraryApp) -> ReaderScreen:
    """The reader screen the library opened, on top."""
    assert isinstance(app.screen, ReaderScreen), app.screen
    return app.screen


async def test_rows_appear_once_indexed(shelf: Path, tmp_path: Path) -> None:
    app = library(shelf, tmp_path)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await indexed(app, pilot)
        assert sorted((e.region, e.year) for e in screen.shown) == [
            ("北京市石景山区", 2025),
            ("国务院", 2025),
            ("海拉尔区", 2018),
        ]
        assert screen.table.row_count == 3
        assert not screen.query_one("#indexing", ProgressBar).display
        assert screen.sub_title == "3 of 3 reports"


async def test_the_progress_bar_shows_while_indexing(shelf: Path, tmp_path: Path) -> None:
    app = library(shelf, tmp_path)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await indexed(app, pilot)
        screen.set_progress(1, 3, str(shelf / "national_2025.txt"))
        await pilot.pause()
        bar = screen.query_one("#indexing", ProgressBar)
        assert bar.display and (bar.progress, bar.total) == (1, 3)
        assert "national_2025.txt" in str(screen.query_one("#library-status").render())
        screen.set_progress(3, 3, "")
        assert not bar.display


async def test_typing_filters_and_escape_clears(shelf: Path, tmp_path: Path) -> None:
    app = library(shelf, tmp_path)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await indexed(app, pilot)
        await pilot.press("2", "0", "1", "8")
        assert screen.query_one("#filter", Input).value == "2018"
        assert [e.region for e in screen.shown] == ["海拉尔区"]
        await pilot.press("escape")
        assert screen.query_one("#filter", Input).value == ""
        assert len(screen.shown) == 3
        await pilot.press("国", "务")
        assert [e.region for e in screen.shown] == ["国务院"]


async def test_sort_cycles_columns_and_reverses(shelf: Path, tmp_path: Path) -> None:
    app = library(shelf, tmp_path)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await indexed(app, pilot)
        await pilot.press("s")  # level: national first, districts after
        assert [e.level for e in screen.shown] == ["national", "district", "district"]
        await pilot.press("s")  # year
        assert years(screen) == [2018, 2025, 2025]
        await pilot.press("S")
        assert years(screen) == [2025, 2025, 2018]
        assert str(screen.table.ordered_columns[3].label) == "year ▼"


async def test_enter_opens_the_report_under_the_cursor(shelf: Path, tmp_path: Path) -> None:
    app = library(shelf, tmp_path)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await indexed(app, pilot)
        await pilot.press("down", "enter")
        chosen = screen.shown[1]
        await pilot.pause()
        assert reading(app).document.source == chosen.path
        assert app.screen_stack[-2] is screen


async def test_enter_in_the_filter_opens_the_only_match(shelf: Path, tmp_path: Path) -> None:
    app = library(shelf, tmp_path)
    async with app.run_test(size=(120, 30)) as pilot:
        await indexed(app, pilot)
        await pilot.press("海", "enter")
        await pilot.pause()
        assert reading(app).document.source == str((shelf / "hailar_2018.txt").absolute())


async def test_slash_searches_every_report_and_opens_at_the_hit(
    shelf: Path, tmp_path: Path
) -> None:
    app = library(shelf, tmp_path)
    async with app.run_test(size=(120, 30)) as pilot:
        await indexed(app, pilot)
        await pilot.press("slash")
        assert isinstance(app.screen, LibrarySearchScreen)
        await pilot.press(*"城镇新增就业")
        found = {hit.entry.path for hit in app.screen._hits}
        assert found == {
            entry.path
            for entry in app.library.entries
            if "城镇新增就业" in open_report(entry.path).text
        }
        assert len(found) >= 2
        await pilot.press("enter", "enter")
        await pilot.pause()
        reader = reading(app)
        assert reader.search.index is not None
        start, end = reader.search.hits[reader.search.index]
        assert reader.document.text[start:end] == "城镇新增就业"
        assert reader.reader.page.start <= start < reader.reader.page.end
        await pilot.press("escape")  # first the search goes
        assert reading(app) is reader and not reader.search.hits
        await pilot.press("escape")
        assert app.screen is app.library


async def test_escape_leaves_the_search(shelf: Path, tmp_path: Path) -> None:
    app = library(shelf, tmp_path)
    async with app.run_test(size=(120, 30)) as pilot:
        await indexed(app, pilot)
        await pilot.press("slash", "escape")
        assert isinstance(app.screen, LibraryScreen)


async def test_two_marked_reports_are_compared_oldest_first(shelf: Path, tmp_path: Path) -> None:
    app = library(shelf, tmp_path)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await indexed(app, pilot)
        await pilot.press("c")
        assert not isinstance(app.screen, CompareScreen)  # nothing marked: a hint, no screen
        await pilot.press("s", "s")  # by year: 2018 first; the cursor stays on its report
        await pilot.press("up", "up", "space", "space")
        assert screen.view.marked == [screen.shown[0].path, screen.shown[1].path]
        await pilot.press("c")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
        assert app.screen.comparison.old_label == "海拉尔区 2018"
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)


async def test_file_names_with_markup_are_shown_literally(shelf: Path, tmp_path: Path) -> None:
    (shelf / "national_2025.txt").rename(shelf / "[@click=app.quit]a[bold]b.txt")
    app = library(shelf, tmp_path)
    async with app.run_test(size=(120, 30), notifications=True) as pilot:
        screen = await indexed(app, pilot)
        await pilot.press("s", "s", "up", "up", "space", "space", "c")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
        toasts = " ".join(str(toast.render()) for toast in app.screen.query("Toast"))
        assert "[@click=app.quit]a[bold]b.txt" in toasts
        assert screen.view.marked


async def test_the_library_is_as_it_was_left_after_reading_and_q_quits(
    shelf: Path, tmp_path: Path
) -> None:
    """Library → enter → reader → escape → library (same view) → enter another → q."""
    app = library(shelf, tmp_path)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await indexed(app, pilot)
        await pilot.press("s", "s", "space", "2", "0", "2", "5", "down", "enter")
        view = (screen.view.filter, screen.view.sort, list(screen.view.marked))
        chosen = screen.current
        assert chosen is not None and view[0] == "2025" and view[2]
        reader = reading(app)
        assert reader.document.source == chosen.path
        await pilot.press("escape")
        assert app.screen is screen
        assert (screen.view.filter, screen.view.sort, screen.view.marked) == view
        assert screen.query_one("#filter", Input).value == "2025"
        assert screen.current == chosen
        await pilot.press("up", "enter")
        other = reading(app)
        assert other is not reader and other.document.source != chosen.path
        await pilot.press("j", "q")
        await pilot.pause()
        position = other.position
        key = other.document_key
    assert not app.is_running
    state, _ = load_state()
    assert state.position_for(key) == position


async def test_a_report_that_cannot_be_opened_is_a_message_in_the_library(
    shelf: Path, tmp_path: Path
) -> None:
    toasts: list[str] = []
    app = library(shelf, tmp_path)
    async with app.run_test(size=(120, 30)) as pilot:
        await indexed(app, pilot)
        app.notify = lambda message, **_: toasts.append(message)  # type: ignore[method-assign]
        app.read(str(shelf / "gone.txt"))
        await pilot.pause()
        assert app.screen is app.library
        assert len(toasts) == 1 and "gone.txt" in toasts[0]


async def test_a_first_report_opens_over_the_library(shelf: Path, tmp_path: Path) -> None:
    """What ``gwr-tui`` with no argument does with the bundled sample."""
    app = library(shelf, tmp_path, first=sample_path())
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        assert reading(app).document.source == str(sample_path())
        shown = {key: description for key, _, description, _, _ in shown_keys(app.screen)}
        assert shown["escape"] == "Library"
        await pilot.press("escape")
        screen = await indexed(app, pilot)
        assert app.screen is screen
        assert len(screen.shown) == 3


class SlowIndex(LibraryIndex):
    """An index whose update waits until the test lets it go, as a huge report would."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.started = threading.Event()
        self.release = threading.Event()

    def update(
        self, files: Sequence[Path], progress: Progress | None = None
    ) -> tuple[list[LibraryEntry], list[Skipped]]:
        self.started.set()
        self.release.wait(timeout=30)
        return super().update(files, progress)


async def test_quitting_does_not_wait_for_indexing(shelf: Path, tmp_path: Path) -> None:
    index = SlowIndex(tmp_path / "index.sqlite3")
    app = LibraryApp(report_files([shelf]), index)
    try:
        async with app.run_test(size=(120, 30)) as pilot:
            assert index.started.wait(timeout=10)
            await pilot.press("escape", "q")
        assert not app.is_running
        assert not index.release.is_set()
    finally:
        index.release.set()


async def test_a_first_report_is_read_before_the_library_is_indexed(
    shelf: Path, tmp_path: Path
) -> None:
    index = SlowIndex(tmp_path / "index.sqlite3")
    index.release.set()
    app = LibraryApp(report_files([shelf]), index, first=sample_path())
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause(0.2)
        assert isinstance(app.screen, ReaderScreen)
        assert not index.started.is_set()
        await pilot.press("escape")
        await app.index_ready.wait()
        assert index.started.is_set()
        assert len(app.library.shown) == 3


def test_no_argument_lists_recent_reports_and_the_sample(shelf: Path) -> None:
    state, _ = load_state()
    state.note_recent(shelf / "hailar_2018.txt", "海拉尔", "k1", now=1)
    state.note_recent(shelf / "removed.txt", "gone", "k2", now=2)
    save_state(state)
    assert library_files([]) == [(shelf / "hailar_2018.txt").absolute(), sample_path()]


def test_a_library_screenshot(shelf: Path, tmp_path: Path, snap_compare: SnapCompare) -> None:
    async def ready(pilot: Pilot[object]) -> None:
        assert isinstance(pilot.app, LibraryApp)
        await pilot.app.index_ready.wait()
        await pilot.pause()

    app = library(shelf, tmp_path)
    assert snap_compare(app, press=["s", "space"], terminal_size=(100, 16), run_before=ready)
