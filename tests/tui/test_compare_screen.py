"""The comparison screen with Pilot: rows, the met/missed view, ``C`` copies TSV, snapshot."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from textual.app import App

from parsers.compare import Comparison, compare_figures
from parsers.model import Figure
from tui import clipboard, library_app
from tui.compare_output import COLUMNS
from tui.library_app import LibraryApp
from tui.screens.compare_screen import CompareScreen

SnapCompare = Callable[..., bool]


@pytest.fixture(autouse=True)
def no_system_clipboard(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clipboard, "copy_native", lambda text: False)


def figure(indicator: str, surface: str, unit: str, status: str, bound: str = "=") -> Figure:
    value = Decimal(surface.removesuffix(unit))
    return Figure(
        start=0,
        end=len(surface),
        surface=surface,
        sentence=f"{indicator}{surface}。",
        section_path=(),
        value=value,
        unit=unit,
        kind="growth" if unit == "%" else "count",
        indicator=indicator,
        bound=bound,
        status=status,  # type: ignore[arg-type]
        direction="up" if unit == "%" else None,
    )


def comparison() -> Comparison:
    """2024 targets and results of the national reports, plus one figure on each side alone."""
    old = [
        figure("国内生产总值", "5%", "%", "target", "~"),
        figure("居民消费价格", "3%", "%", "target", "~"),
        figure("城镇新增就业", "1200万人", "万人", "target", ">="),
        figure("[red]技术合同成交额[/red]", "28.6%", "%", "actual"),
    ]
    new = [
        figure("国内生产总值", "4.5%", "%", "actual"),
        figure("居民消费价格", "0.2%", "%", "actual"),
        figure("城镇新增就业", "1256万人", "万人", "actual"),
        figure("粮食产量", "1.4万亿斤", "万亿斤", "target", "~"),
    ]
    return Comparison("国务院 2024", "国务院 2025", tuple(compare_figures(old, new)), ("a note",))


class Host(App[None]):
    """The comparison screen alone, styled as the library app styles it."""

    CSS_PATH = Path(library_app.__file__).with_name("library.tcss")

    def __init__(self, shown: Comparison) -> None:
        super().__init__()
        self.shown = shown

    def on_mount(self) -> None:
        self.push_screen(CompareScreen(self.shown))


def tsv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text), delimiter="\t"))


async def test_rows_and_verdicts_are_shown() -> None:
    app = Host(comparison())
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        table = screen.query_one("#comparison")
        assert table.row_count == len(screen.comparison.rows) == 5
        assert screen.title == "国务院 2024 → 国务院 2025"
        assert screen.sub_title.startswith("2 met · 1 missed")


async def test_capital_c_copies_the_rows_as_tsv() -> None:
    app = Host(comparison())
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("C")
        rows = tsv_rows(app.clipboard)
        assert rows[0] == list(COLUMNS)
        assert len(rows) == 1 + 5
        gdp = next(row for row in rows if row[0] == "国内生产总值" and row[2] == "target")
        assert gdp[3:] == ["4.5%", "actual", "-0.5个百分点", "missed"]
        # Report text in a cell is copied as written, markup and all.
        assert any(row[0] == "[red]技术合同成交额[/red]" for row in rows)


async def test_v_narrows_to_met_and_missed_and_copy_follows() -> None:
    app = Host(comparison())
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("v", "C")
        verdicts = [row[-1] for row in tsv_rows(app.clipboard)[1:]]
        assert sorted(verdicts) == ["met", "met", "missed"]
        await pilot.press("v")
        assert app.screen.query_one("#comparison").row_count == 5


async def test_escape_goes_back(tmp_path: Path) -> None:
    app = LibraryApp([])
    async with app.run_test(size=(100, 24)) as pilot:
        await app.index_ready.wait()
        app.push_screen(CompareScreen(comparison()))
        await pilot.pause()
        await pilot.press("escape")
        assert app.screen is app.library


def test_a_comparison_screenshot(snap_compare: SnapCompare) -> None:
    assert snap_compare(Host(comparison()), terminal_size=(100, 16))
