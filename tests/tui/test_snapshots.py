"""What the reader looks like on the bundled sample report, as SVG snapshots.

Regenerate with ``pytest tests/tui/test_snapshots.py --snapshot-update`` after
a deliberate change, and look at the report pytest-textual-snapshot writes.
The tree builder and the figure extractor feed these screens, so a change in
either may legitimately change a snapshot too.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.pilot import Pilot

from parsers.report import open_report
from tui import clipboard
from tui.app import ReaderApp
from tui.cli import sample_path

SnapCompare = Callable[..., bool]
IN_CHAPTER_ONE = ("1", "]", "]")
"""Into the second lead paragraph: headings, bold leads, figures and keywords all show."""


@pytest.fixture(autouse=True)
def no_system_clipboard(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clipboard, "copy_native", lambda text: False)


def sample_app() -> ReaderApp:
    return ReaderApp(open_report(sample_path()))


class TestMainScreen:
    def test_120x40(self, snap_compare: SnapCompare) -> None:
        assert snap_compare(sample_app(), press=IN_CHAPTER_ONE, terminal_size=(120, 40))

    def test_80x24_collapses_the_side_panels(self, snap_compare: SnapCompare) -> None:
        assert snap_compare(sample_app(), press=IN_CHAPTER_ONE, terminal_size=(80, 24))

    def test_80x24_figures_open_over_the_text(self, snap_compare: SnapCompare) -> None:
        press = (*IN_CHAPTER_ONE, "tab")
        assert snap_compare(sample_app(), press=press, terminal_size=(80, 24))

    def test_120x40_light_theme(self, snap_compare: SnapCompare) -> None:
        async def light(pilot: Pilot[None]) -> None:
            pilot.app.theme = "gwr-light"

        assert snap_compare(
            sample_app(), press=IN_CHAPTER_ONE, terminal_size=(120, 40), run_before=light
        )

    def test_200x60_shows_all_three_panes(self, snap_compare: SnapCompare) -> None:
        assert snap_compare(sample_app(), press=IN_CHAPTER_ONE, terminal_size=(200, 60))


class TestScreens:
    def test_help(self, snap_compare: SnapCompare) -> None:
        assert snap_compare(sample_app(), press=("question_mark",), terminal_size=(120, 40))

    def test_keyword_summary(self, snap_compare: SnapCompare) -> None:
        assert snap_compare(sample_app(), press=("s",), terminal_size=(120, 40))
