"""Huge reports stay instant: only what is on screen is laid out, whatever the size.

Nothing here measures time. The tests count work instead (rows turned into
text, characters wrapped) and check that it is bounded by the screen, not by
the report, and that the lazily built screens match what a full layout gives.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from decimal import Decimal

import pytest
from textual.app import App, ComposeResult

from parsers.model import Figure
from themes import highlight_defaults
from tui.widgets.figures_panel import FiguresPanel
from tui.widgets.line_index import LazyLines, LineIndex

MANY_FIGURES = 750_000


# -- the line index ----------------------------------------------------------------


def brute_locate(heights: Sequence[int], line: int) -> tuple[int, int]:
    for item, height in enumerate(heights):
        if line < height:
            return item, line
        line -= height
    return len(heights) - 1, heights[-1] - 1


@pytest.mark.parametrize("seed", range(5))
def test_line_index_agrees_with_counting_line_by_line(seed: int) -> None:
    rng = random.Random(seed)
    heights = [rng.randint(1, 4) for _ in range(rng.randint(1, 300))]
    index = LineIndex(heights)
    for _ in range(100):
        item = rng.randrange(len(heights))
        heights[item] = rng.randint(1, 9)
        index.set_height(item, heights[item])
    assert index.total == sum(heights)
    for item in range(len(heights)):
        assert index.start(item) == sum(heights[:item])
    for line in range(-2, sum(heights) + 3):
        assert index.locate(line) == (brute_locate(heights, line) if line >= 0 else (0, 0))


def test_lazy_lines_measure_only_what_is_asked_for_and_read_as_a_full_layout() -> None:
    measured: list[int] = []

    def measure(item: int) -> list[str]:
        measured.append(item)
        return [f"{item}.{row}" for row in range(item % 3 + 1)]

    lines = LazyLines([2] * 1000, measure)
    line = lines.settle(500, 0, above=4, below=6)
    assert sorted(measured) == [497, 498, 499, 500, 501, 502]
    assert lines[line - 4 : line + 6] == [
        *("497.2", "498.0", "499.0", "499.1"),
        *("500.0", "500.1", "500.2", "501.0", "502.0", "502.1"),
    ]
    assert len(measured) == 6
    everything = [f"{item}.{row}" for item in range(1000) for row in range(item % 3 + 1)]
    assert list(lines) == everything
    assert len(lines) == len(everything)


# -- the figures panel -------------------------------------------------------------


def many_figures(count: int) -> list[Figure]:
    value = Decimal("5.5")
    return [
        Figure(
            start=10 * n,
            end=10 * n + 4,
            surface="5.5%",
            sentence="增长5.5%。",
            section_path=(),
            value=value,
            unit="%",
            kind="growth",
            indicator=f"指标{n}",
        )
        for n in range(count)
    ]


@pytest.fixture(scope="module")
def figures() -> list[Figure]:
    return many_figures(MANY_FIGURES)


class PanelApp(App[None]):
    """The figures panel alone, styled as in the reader."""

    CSS_PATH = "../../tui/app.tcss"

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return {**super().get_theme_variable_defaults(), **highlight_defaults(True)}

    def compose(self) -> ComposeResult:
        yield FiguresPanel(id="figures")


def shown(panel: FiguresPanel) -> str:
    return "\n".join(panel.render_line(y).text for y in range(panel.size.height))


async def test_a_panel_of_750k_figures_draws_a_screenful_of_rows(figures: list[Figure]) -> None:
    app = PanelApp()
    async with app.run_test(size=(60, 30)) as pilot:
        panel = app.query_one(FiguresPanel)
        panel.focus()
        panel.show_figures(figures, "全文")
        await pilot.pause()
        height = panel.scrollable_content_region.height
        assert panel.rows_drawn <= 2 * height + 2
        assert panel.selected is figures[0]
        assert "指标0 · 5.5%" in shown(panel)
        await pilot.press("G")
        await pilot.pause()
        assert panel.selected is figures[-1]
        assert f"指标{MANY_FIGURES - 1} · 5.5%" in shown(panel)
        await pilot.press("k", "k")
        assert panel.selected is figures[-3]
        middle = figures[MANY_FIGURES // 2]
        panel.select(middle)
        await pilot.pause()
        assert panel.selected is middle
        assert f"指标{MANY_FIGURES // 2} · 5.5%" in shown(panel)
        assert panel.rows_drawn <= 6 * height + 6
