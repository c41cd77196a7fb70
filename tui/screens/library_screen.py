"""The library: one row per report, filtered as you type, sorted by any column.

Typing anywhere on the table goes to the filter (the keys bound to commands
excepted), so finding 湖北 2026 among 32 reports is a matter of typing it.
``space`` marks reports, ``c`` compares the two marked ones, ``/`` searches
every report at once. The screen only shows rows and says what the user
asked for, in messages; the app opens reports and runs comparisons.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, ProgressBar, Static
from textual.widgets.data_table import ColumnKey

from tui.library_index import LibraryEntry, Skipped

LEVEL_ORDER = {"national": 0, "province": 1, "city": 2, "district": 3, "county": 4}
"""Sorting by level puts the national report first, then provinces, down to counties."""
TITLE_CHARS = 24


@dataclass(frozen=True, slots=True)
class Column:
    """A column of the table: its heading, its cell and its sort order."""

    name: str
    cell: Callable[[LibraryEntry], str]
    order: Callable[[LibraryEntry], tuple[object, ...]]


def _short(title: str) -> str:
    """Long page titles (…人民政府工作报告(2025年1月8日)) would push the numbers off screen."""
    return title if len(title) <= TITLE_CHARS else title[: TITLE_CHARS - 1] + "…"


def _level(entry: LibraryEntry) -> tuple[object, ...]:
    return (LEVEL_ORDER.get(entry.level or "", len(LEVEL_ORDER)), entry.level or "")


COLUMNS: tuple[Column, ...] = (
    Column("region", lambda e: e.region or "—", lambda e: (e.region is None, e.region or "")),
    Column("level", lambda e: e.level or "—", _level),
    Column("year", lambda e: str(e.year or "—"), lambda e: (e.year is None, e.year or 0)),
    Column("title", lambda e: _short(e.title), lambda e: (e.title,)),
    Column("chapters", lambda e: str(e.chapters), lambda e: (e.chapters,)),
    Column("figures", lambda e: str(e.figures), lambda e: (e.figures,)),
    Column("file", lambda e: Path(e.path).name, lambda e: (Path(e.path).name,)),
)
MARK = "✓"


@dataclass
class LibraryView:
    """What the user has done to the library: kept when they read a report and come back."""

    filter: str = ""
    sort: int = 0
    reverse: bool = False
    marked: list[str] = field(default_factory=list)
    cursor: str | None = None


def matches(entry: LibraryEntry, query: str) -> bool:
    """Every word of ``query`` appears in the row's region, level, year, title or file name."""
    words = (entry.region, entry.level, str(entry.year or ""), entry.title, Path(entry.path).name)
    haystack = " ".join(word or "" for word in words).casefold()
    return all(word in haystack for word in query.casefold().split())


class LibraryScreen(Screen[None]):
    """The reports of the library as a sortable, filterable table."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "search", "Search all"),
        Binding("space", "mark", "Mark"),
        Binding("c", "compare", "Compare marked"),
        Binding("s", "sort(1)", "Sort"),
        Binding("S", "reverse", "Reverse", show=False),
        Binding("escape", "clear", "Clear", show=False),
        Binding("down", "move(1)", show=False),
        Binding("up", "move(-1)", show=False),
    ]

    class Opened(Message):
        """The user chose ``entry`` to read."""

        def __init__(self, entry: LibraryEntry) -> None:
            super().__init__()
            self.entry = entry

    class CompareRequested(Message):
        """Compare ``old`` (the earlier report) with ``new``."""

        def __init__(self, old: LibraryEntry, new: LibraryEntry) -> None:
            super().__init__()
            self.old = old
            self.new = new

    class SearchRequested(Message):
        """Search every report of the library."""

    class Shown(Message):
        """The library is on screen (again): time to list what it holds."""

    def __init__(self, view: LibraryView | None = None) -> None:
        super().__init__()
        self.view = view or LibraryView()
        self.entries: list[LibraryEntry] = []
        self.shown: list[LibraryEntry] = []

    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        # Typing on the table moves here mid-word: selecting on focus would eat the first key.
        yield Input(
            self.view.filter,
            placeholder="Type to filter: region, year, title…",
            id="filter",
            select_on_focus=False,
        )
        yield DataTable(id="reports", cursor_type="row", zebra_stripes=True)
        yield ProgressBar(id="indexing", show_eta=False)
        yield Static(id="library-status")
        yield Footer()

    def on_screen_resume(self) -> None:
        self.post_message(self.Shown())

    def on_mount(self) -> None:
        table = self.table
        table.add_column(" ", key="mark", width=1)
        for column in COLUMNS:
            table.add_column(column.name, key=column.name)
        table.focus()

    @property
    def table(self) -> DataTable[Text]:
        return self.query_one("#reports", DataTable)

    @property
    def current(self) -> LibraryEntry | None:
        """The report under the cursor."""
        row = self.table.cursor_row
        return self.shown[row] if 0 <= row < len(self.shown) else None

    # -- what the app tells the screen ------------------------------------------

    def set_progress(self, done: int, total: int, path: str) -> None:
        """Show indexing progress; the bar goes away when everything is indexed."""
        bar = self.query_one("#indexing", ProgressBar)
        bar.display = done < total
        bar.update(total=total, progress=done)
        status = f"Indexing {Path(path).name}…" if done < total else ""
        self.query_one("#library-status", Static).update(Text(status))

    def show_entries(self, entries: Sequence[LibraryEntry], skipped: Sequence[Skipped]) -> None:
        """Fill the table with the indexed reports."""
        self.entries = list(entries)
        known = {entry.path for entry in entries}
        self.view.marked = [path for path in self.view.marked if path in known]
        self._refresh_rows()
        if skipped:
            self.notify(
                "\n".join(f"Skipped {s.reason}" for s in skipped[:5])
                + (f"\n… and {len(skipped) - 5} more" if len(skipped) > 5 else ""),
                title="Not reports",
                severity="warning",
                markup=False,
                timeout=8,
            )

    # -- rows ----------------------------------------------------------------------

    def _refresh_rows(self) -> None:
        """Rebuild the rows for the filter and sort, keeping the cursor on the same report."""
        table = self.table
        keep = self.current.path if self.current else self.view.cursor
        column = COLUMNS[self.view.sort]
        self.shown = sorted(
            (entry for entry in self.entries if matches(entry, self.view.filter)),
            key=column.order,
            reverse=self.view.reverse,
        )
        table.clear()
        arrow = "▼" if self.view.reverse else "▲"
        for index, each in enumerate(COLUMNS):
            label = f"{each.name} {arrow}" if index == self.view.sort else each.name
            table.columns[ColumnKey(each.name)].label = Text(label)
        for entry in self.shown:
            mark = MARK if entry.path in self.view.marked else ""
            table.add_row(Text(mark), *(Text(c.cell(entry)) for c in COLUMNS), key=entry.path)
        paths = [entry.path for entry in self.shown]
        if keep in paths:
            table.move_cursor(row=paths.index(keep))
        self._update_subtitle()

    def _update_subtitle(self) -> None:
        counted = f"{len(self.shown)} of {len(self.entries)} reports"
        marked = f" · {len(self.view.marked)} marked" if self.view.marked else ""
        self.sub_title = counted + marked

    @on(DataTable.RowHighlighted, "#reports")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        if self.current is not None:
            self.view.cursor = self.current.path

    @on(DataTable.RowSelected, "#reports")
    def _selected(self, event: DataTable.RowSelected) -> None:
        self._open_current()

    @on(DataTable.HeaderSelected, "#reports")
    def _header(self, event: DataTable.HeaderSelected) -> None:
        names = [column.name for column in COLUMNS]
        if event.column_key.value in names:
            index = names.index(str(event.column_key.value))
            self.view.reverse = not self.view.reverse if index == self.view.sort else False
            self.view.sort = index
            self._refresh_rows()

    def _open_current(self) -> None:
        if self.current is not None:
            self.post_message(self.Opened(self.current))

    # -- filtering ---------------------------------------------------------------------

    def on_key(self, event: events.Key) -> None:
        """A character typed on the table starts or extends the filter."""
        if self.focused is not self.table or not event.is_printable or not event.character:
            return
        if event.key in self.active_bindings:
            return
        event.stop()
        event.prevent_default()
        field_ = self.query_one("#filter", Input)
        field_.focus()
        field_.insert_text_at_cursor(event.character)

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.view.filter = event.value
        self._refresh_rows()

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self) -> None:
        self._open_current()

    # -- actions -------------------------------------------------------------------------

    def action_move(self, step: int) -> None:
        """Up and down move through the rows even while typing a filter."""
        table = self.table
        table.move_cursor(row=max(0, min(len(self.shown) - 1, table.cursor_row + step)))

    def action_clear(self) -> None:
        """``escape``: clear the filter, then the marks."""
        field_ = self.query_one("#filter", Input)
        if field_.value:
            field_.value = ""
        elif self.view.marked:
            self.view.marked.clear()
            self._refresh_rows()
        self.table.focus()

    def action_mark(self) -> None:
        entry = self.current
        if entry is None:
            return
        if entry.path in self.view.marked:
            self.view.marked.remove(entry.path)
        else:
            self.view.marked.append(entry.path)
        mark = Text(MARK if entry.path in self.view.marked else "")
        self.table.update_cell(entry.path, "mark", mark)
        self.action_move(1)
        self._update_subtitle()

    def action_compare(self) -> None:
        by_path = {entry.path: entry for entry in self.entries}
        marked = [by_path[path] for path in self.view.marked if path in by_path]
        if len(marked) != 2:
            self.notify(
                "Mark two reports with space (last year's and this year's), then press c",
                severity="warning",
            )
            return
        first, second = marked
        if first.year and second.year and first.year > second.year:
            first, second = second, first
        self.post_message(self.CompareRequested(first, second))

    def action_sort(self, step: int) -> None:
        self.view.sort = (self.view.sort + step) % len(COLUMNS)
        self._refresh_rows()

    def action_reverse(self) -> None:
        self.view.reverse = not self.view.reverse
        self._refresh_rows()

    def action_search(self) -> None:
        self.post_message(self.SearchRequested())
