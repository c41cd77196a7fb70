"""A small report with several chapters, and its figures, for the reader's Pilot tests.

The bundled sample report has a single chapter, so chapter keys (``}``,
``3``, ...) need a longer text. It goes through the real loader and tree
builder; its figures are built here by locating their surface in the text,
so the panel tests do not depend on how well the extractor does.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from decimal import Decimal

from textual.app import App, ComposeResult
from textual.pilot import Pilot

from parsers.load import load_bytes
from parsers.model import Document, Figure
from parsers.tree import build_document
from themes import highlight_defaults
from tui.app import ReaderApp
from tui.screens.reader_screen import ReaderScreen
from tui.widgets.figures_panel import FiguresPanel

FILLER = (
    "我们坚持稳中求进工作总基调，完整、准确、全面贯彻新发展理念，推动高质量发展取得新成效，"
    "持续优化营商环境，扎实推进城市更新和乡村振兴，不断增进民生福祉。"
)
SEARCH_TERM = "示例口岸"
"""Occurs once in each chapter, so search hits span chapters."""


def reader_screen(app: App[object]) -> ReaderScreen:
    """The reader screen of ``app``: the topmost one, whatever dialog is open over it."""
    readers = [screen for screen in app.screen_stack if isinstance(screen, ReaderScreen)]
    assert readers, f"no reader screen in {app.screen_stack}"
    return readers[-1]


@asynccontextmanager
async def reading(
    app: ReaderApp, *keys: str, size: tuple[int, int] = (120, 40)
) -> AsyncIterator[tuple[Pilot[None], ReaderScreen]]:
    """``app`` running at ``size``, ``keys`` pressed and the screen settled after them."""
    async with app.run_test(size=size) as pilot:
        if keys:
            await pilot.press(*keys)
        await pilot.pause()
        yield pilot, reader_screen(app)


async def wait_for_parse(pilot: Pilot[None]) -> None:
    """Let a long report's background parse deliver everything (``ReaderScreen.parsing``)."""
    screen = reader_screen(pilot.app)
    for _ in range(600):
        if not screen.parsing:
            await pilot.pause()
            return
        await pilot.pause(0.05)
    raise AssertionError("the background parse never finished")


def report_text(chapters: int = 3) -> str:
    """A report of ``chapters`` chapters, each long enough to scroll at 120×40."""
    numerals = "一二三四五六七八九"
    lines = [
        "示例市政府工作报告",
        "——2025年1月10日在示例市第一届人民代表大会第一次会议上",
        "各位代表：",
        "现在，我代表示例市人民政府，向大会报告政府工作，请予审议。",
    ]
    for number in range(chapters):
        lines.append(f"{numerals[number]}、第{numerals[number]}部分工作")
        lines.append(f"本章总述。{SEARCH_TERM}建设有序推进。" + FILLER)
        for section in range(3):
            lines.append(f"（{numerals[section]}）第{section + 1}项重点任务。")
            lines.append(
                f"重大项目支撑加力。全市地区生产总值达到{1200 + 10 * number + section}亿元，"
                f"同比增长{section + 5}.5%。" + FILLER * 3
            )
            lines.append("消费市场焕发活力。" + FILLER * 4)
    lines.append("[red]这不是标记[/red]，报告原文照录。")
    return "\n".join(f"　　{line}" for line in lines) + "\n"


def report(chapters: int = 3) -> Document:
    """The text above through the real loader and tree builder."""
    return build_document(load_bytes(report_text(chapters).encode("utf-8"), "示例.txt"))


def figures_of(doc: Document) -> list[Figure]:
    """Every ``…亿元`` and ``…%`` figure of the synthetic report, in text order."""
    text = doc.text
    figures = []
    position = 0
    while (start := text.find("地区生产总值达到", position)) >= 0:
        amount_start = start + len("地区生产总值达到")
        amount_end = text.index("亿元", amount_start) + 2
        growth_start = text.index("增长", amount_end) + 2
        growth_end = text.index("%", growth_start) + 1
        status = "target" if doc.path_at(start)[0] is doc.children[-1] else "actual"
        figures.append(_figure(doc, amount_start, amount_end, "亿元", "level", status))
        figures.append(_figure(doc, growth_start, growth_end, "%", "growth", status))
        position = growth_end
    return figures


def _figure(doc: Document, start: int, end: int, unit: str, kind: str, status: str) -> Figure:
    text = doc.text
    sentence_start = text.rfind("。", 0, start) + 1
    sentence_end = text.index("。", end) + 1
    surface = text[start:end]
    return Figure(
        start=start,
        end=end,
        surface=surface,
        sentence=text[sentence_start:sentence_end],
        section_path=tuple(node.title for node in doc.path_at(start)),
        value=Decimal(surface.removesuffix(unit)),
        unit=unit,
        kind=kind,
        indicator="地区生产总值",
        status=status,  # type: ignore[arg-type]
        change="同比增长" if kind == "growth" else None,
        sentence_start=sentence_start,
    )


class FiguresPanelApp(App[None]):
    """The figures panel alone, styled as in the reader."""

    CSS_PATH = "../../tui/app.tcss"

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return {**super().get_theme_variable_defaults(), **highlight_defaults(True)}

    def compose(self) -> ComposeResult:
        yield FiguresPanel(id="figures")


def figures_with_indicators(indicators: list[str]) -> list[Figure]:
    """One 增长5.5% figure per indicator, ten characters apart: rows for the figures panel."""
    return [
        Figure(
            start=10 * n,
            end=10 * n + 4,
            surface="5.5%",
            sentence="增长5.5%。",
            section_path=(),
            value=Decimal("5.5"),
            unit="%",
            kind="growth",
            indicator=indicator,
        )
        for n, indicator in enumerate(indicators)
    ]
