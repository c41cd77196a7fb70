"""Huge reports stay instant: only what is on screen is laid out, whatever the size.

Nothing here measures time. The tests count work instead (rows turned into
text, characters wrapped) and check that it is bounded by the screen, not by
the report, and that the lazily built screens match what a full layout gives.
"""

from __future__ import annotations

import random
import re
import threading
from bisect import bisect_right
from collections.abc import Iterator, Sequence

import pytest
from reader_support import (
    FILLER,
    FiguresPanelApp,
    figures_with_indicators,
    reader_screen,
    reading,
    wait_for_parse,
)

from parsers.load import load_bytes
from parsers.model import Document, Figure, LoadedText
from parsers.tree import build_document
from tui import clipboard, report_parse
from tui.app import GwrApp, ReaderApp
from tui.commands import PALETTE_FIGURES
from tui.memory import Memory
from tui.report_parse import FIRST_PART, PARSE_AT_ONCE
from tui.report_search import ReadableText
from tui.screens.reader_screen import ReaderScreen
from tui.state import document_key, load_state, save_state
from tui.widgets import page_layout
from tui.widgets.figures_panel import FiguresPanel
from tui.widgets.line_index import LazyLines, LineIndex
from tui.widgets.page_layout import layout_lines, page_blocks

MANY_FIGURES = 750_000
SIZE = (120, 40)


@pytest.fixture(autouse=True)
def no_system_clipboard(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clipboard, "copy_native", lambda text: False)


def one_chapter(paragraphs: int) -> str:
    """A report whose body is a single chapter of numbered paragraphs."""
    body = "".join(f"　　第{n}段。{FILLER}\n" for n in range(paragraphs))
    return f"某市政府工作报告\n各位代表：\n一、全部工作\n{body}　　全文完。\n"


def parse(text: str, name: str = "big.txt") -> Document:
    return build_document(load_bytes(text.encode("utf-8"), name))


@pytest.fixture(scope="module")
def huge_chapter() -> Document:
    """Two million characters in one chapter."""
    return parse(one_chapter(30_000))


@pytest.fixture
def wrapped(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The length of every stretch of text the reading pane wraps."""
    sizes: list[int] = []
    wrap = page_layout.wrap_offsets

    def counting(text: str, width: int, first_indent: int = 0) -> list[tuple[int, int]]:
        sizes.append(len(text))
        return wrap(text, width, first_indent)

    monkeypatch.setattr(page_layout, "wrap_offsets", counting)
    return sizes


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
    return figures_with_indicators([f"指标{n}" for n in range(count)])


@pytest.fixture(scope="module")
def figures() -> list[Figure]:
    return many_figures(MANY_FIGURES)


def shown(panel: FiguresPanel) -> str:
    return "\n".join(panel.render_line(y).text for y in range(panel.size.height))


async def test_a_panel_of_750k_figures_draws_a_screenful_of_rows(figures: list[Figure]) -> None:
    app = FiguresPanelApp()
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


# -- the reading pane ----------------------------------------------------------------


async def test_a_two_million_character_chapter_wraps_only_what_is_shown(
    huge_chapter: Document, wrapped: list[int]
) -> None:
    chapter = huge_chapter.children[0]
    async with reading(ReaderApp(huge_chapter, []), "1", size=SIZE) as (pilot, screen):
        reader = screen.reader
        assert reader.visible_text().startswith("一、全部工作")
        await pilot.press("G")
        await pilot.pause()
        assert reader.visible_text().rstrip().endswith("全文完。")
        await pilot.press("b", "k", "k")
        middle = huge_chapter.text.index("第15000段")
        reader.go_to(middle)
        await pilot.pause()
        assert reader.visible_text().startswith("第15000段。")
        assert screen.position == middle
        await pilot.press("g")
        assert reader.visible_text().startswith("一、全部工作")
        assert sum(wrapped) < (chapter.end - chapter.start) // 50
        assert reader.lines_wrapped < 200


async def test_lines_wrapped_on_demand_are_the_lines_of_a_full_layout(wrapped: list[int]) -> None:
    """Scrolling up from the end measures lines above the screen; nothing on screen moves."""
    doc = parse(one_chapter(3000))
    async with reading(ReaderApp(doc, []), "1", "G", size=SIZE) as (pilot, screen):
        reader = screen.reader
        width, height = reader.scrollable_content_region.size
        full = layout_lines(doc.text, page_blocks(doc, reader.page), width)
        wrapped_at_the_end = reader.lines_wrapped

        def lines_from(top: int) -> str:
            return "\n".join(doc.text[line.start : line.end] for line in full[top : top + height])

        assert reader.visible_text() == lines_from(len(full) - height)
        await pilot.press("b", "b", "k")
        assert reader.visible_text() == lines_from(len(full) - height - 2 * (height - 1) - 1)
        assert screen.position == full[len(full) - height - 2 * (height - 1) - 1].start
        assert wrapped_at_the_end < 100  # of 3000 paragraphs
        assert list(reader.lines) == full
        assert len(reader.lines) == len(full)


async def test_the_scrollbar_can_drop_the_reader_anywhere_in_a_huge_chapter(
    huge_chapter: Document, wrapped: list[int]
) -> None:
    async with reading(ReaderApp(huge_chapter, []), "1", size=SIZE) as (pilot, screen):
        reader = screen.reader
        reader.scroll_to(y=reader.max_scroll_y // 2, animate=False)
        await pilot.pause()
        top = round(reader.scroll_offset.y)
        assert screen.position == reader.lines[top].start
        assert reader.visible_text().startswith(
            huge_chapter.text[screen.position : screen.position + 8]
        )
        text = huge_chapter.text
        assert text.index("第14000段") < screen.position < text.index("第16000段")
        await pilot.press("j")
        assert screen.position == reader.lines[top + 1].start
        assert reader.lines_wrapped < 50


async def test_a_five_megabyte_line_opens_without_wrapping_it_whole(wrapped: list[int]) -> None:
    sentence = "全市地区生产总值增长5.5%，居民收入稳步增长，城乡面貌焕然一新。"
    line = sentence * (5 * 2**20 // len(sentence.encode("utf-8")))
    doc = parse(line + "全文完。")
    async with reading(ReaderApp(doc, []), size=SIZE) as (pilot, screen):
        reader = screen.reader
        assert reader.visible_text().startswith("全市地区生产总值增长5.5%")
        await pilot.press("G")
        await pilot.pause()
        assert reader.visible_text().rstrip().endswith("城乡面貌焕然一新。全文完。")
        assert max(wrapped) <= page_layout.PIECE_CHARS
        assert sum(wrapped) < len(doc.text) // 100


# -- a long report opens before it is parsed ---------------------------------------------


def many_chapters(chapters: int = 9, paragraphs: int = 150) -> str:
    """About 280 000 characters in ``chapters`` chapters: longer than what is parsed up front."""
    numerals = "一二三四五六七八九"
    lines = ["某市政府工作报告", "各位代表："]
    for number in range(chapters):
        lines.append(f"{numerals[number]}、第{numerals[number]}部分工作")
        lines.append(
            f"全市地区生产总值达到{1200 + number}亿元，同比增长5.5%。示例口岸建设有序推进。"
        )
        lines += [f"第{number + 1}章第{n}段。" + FILLER * 3 for n in range(paragraphs)]
    lines.append("全文完。")
    return "\n".join(f"　　{line}" for line in lines) + "\n"


@pytest.fixture(scope="module")
def long_report() -> LoadedText:
    loaded = load_bytes(many_chapters().encode("utf-8"), "long.txt")
    assert len(loaded.text) > PARSE_AT_ONCE and len(loaded.text) > 1.5 * FIRST_PART
    return loaded


class Gate:
    """Holds the full parse (not the quick one of the first part) until the test opens it."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, fail: bool = False) -> None:
        self.open = threading.Event()
        self.entered = threading.Event()
        self.fail = fail
        build = report_parse.build_document

        def gated(loaded: LoadedText) -> Document:
            if len(loaded.text) > FIRST_PART + 1:
                self.entered.set()
                assert self.open.wait(30), "the test never let the parse go on"
                if self.fail:
                    raise ValueError("the parser tripped")
            return build(loaded)

        monkeypatch.setattr(report_parse, "build_document", gated)


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[Gate]:
    held = Gate(monkeypatch)
    yield held
    held.open.set()


def test_short_reports_are_parsed_before_the_reader_starts(long_report: LoadedText) -> None:
    short = load_bytes(one_chapter(20).encode("utf-8"), "short.txt")
    assert not ReaderScreen(short, Memory()).parsing
    assert ReaderScreen(long_report, Memory()).parsing


async def test_the_first_screen_shows_before_the_full_parse_and_keys_work_meanwhile(
    long_report: LoadedText, gate: Gate, notes: list[str]
) -> None:
    app = ReaderApp(long_report)
    async with reading(app, size=SIZE) as (pilot, screen):
        assert gate.entered.wait(10)
        assert screen.parsing
        assert len(screen.document.text) <= FIRST_PART < len(long_report.text)
        assert app.query_one("#parsing").display
        reader = screen.reader
        assert reader.visible_text().startswith("某市政府工作报告")
        await pilot.press("1", "j", "]", "]", "space", "}", "G", "g", "c", "s", "9")
        await pilot.press("slash", *"示例口岸", "enter")
        partial_hits = len(screen.search.hits)
        assert 0 < partial_hits < 9
        assert notes[-1].startswith("Chapter 9: the report is still being read")
        assert any(note.startswith("Copy figure: the report is still") for note in notes)
        await pilot.press("}")
        position = screen.position
        top_line = reader.visible_text().splitlines()[0]

        gate.open.set()
        await wait_for_parse(pilot)
        assert screen.document.text == long_report.text
        assert not app.query_one("#parsing").display
        assert screen.position == position
        assert reader.visible_text().splitlines()[0] == top_line
        assert len(screen.search.hits) == 9 and screen.search.index is not None
        assert screen.search.hits[screen.search.index][0] <= position
        assert screen.figures and screen.figures_panel.figures
        assert len(screen.chapter_tree.heading_offsets) >= 10
        await pilot.press("9")
        assert reader.page.number == 9
        await pilot.press("G")
        assert reader.visible_text().rstrip().endswith("全文完。")


async def test_the_parse_runs_in_a_thread_that_never_holds_up_quitting(
    long_report: LoadedText, gate: Gate
) -> None:
    app = ReaderApp(long_report)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert gate.entered.wait(10)
        threads = [t for t in threading.enumerate() if t.name == "gwr-parse"]
        assert threads and all(t.daemon for t in threads)
        await pilot.press("q")
    assert app.return_code == 0


async def test_a_failing_parse_is_a_notification_and_the_first_part_stays_readable(
    long_report: LoadedText, monkeypatch: pytest.MonkeyPatch, notes: list[str]
) -> None:
    gate = Gate(monkeypatch, fail=True)
    gate.open.set()
    app = ReaderApp(long_report)
    async with app.run_test(size=SIZE) as pilot:
        screen = reader_screen(app)
        await wait_for_parse(pilot)
        assert any("could not be read to the end: the parser tripped" in n for n in notes)
        assert not app.query_one("#parsing").display
        await pilot.press("1", "]", "j")
        assert screen.reader.visible_text()
        assert app.is_running


async def test_a_position_past_the_first_part_is_reached_once_it_is_parsed(
    long_report: LoadedText, gate: Gate
) -> None:
    full = build_document(long_report)
    chapter_eight = full.children[7].start
    assert chapter_eight > FIRST_PART
    state, _ = load_state()
    state.remember_position(document_key(long_report.text), chapter_eight)
    save_state(state)
    async with reading(ReaderApp(long_report), size=SIZE) as (pilot, screen):
        assert screen.reader.page_index == 0
        gate.open.set()
        await wait_for_parse(pilot)
        assert screen.position == chapter_eight
        assert screen.reader.page.number == 8


async def test_the_library_opens_a_long_report_at_a_search_hit_past_the_first_part(
    long_report: LoadedText, gate: Gate
) -> None:
    hit = long_report.text.index("示例口岸", long_report.text.index("七、第七部分"))
    app = GwrApp()
    async with app.run_test(size=SIZE) as pilot:
        screen = ReaderScreen(long_report, app.memory, start=hit, query="示例口岸")
        await app.push_screen(screen)
        await pilot.pause()
        gate.open.set()
        await wait_for_parse(pilot)
        assert screen.reader.page.number == 7
        assert screen.search.index is not None
        assert screen.search.hits[screen.search.index] == (hit, hit + len("示例口岸"))


# -- search --------------------------------------------------------------------------


def checked_hits(doc: Document, query: str) -> list[tuple[int, int]]:
    """Every match, kept only when it lies inside one heading, paragraph or front line."""
    spans = sorted(
        [(s.start, s.end) for s in doc.front]
        + [(n.heading_span.start, n.heading_span.end) for n in doc.walk()]
        + [(p.start, p.end) for n in doc.walk() for p in n.paragraphs]
    )
    starts = [start for start, _ in spans]
    hits = []
    for match in re.finditer(re.escape(query), doc.text, re.IGNORECASE):
        index = bisect_right(starts, match.start()) - 1
        if index >= 0 and match.end() <= spans[index][1]:
            hits.append(match.span())
    return hits


def test_search_skips_dropped_site_chrome_and_matches_checking_every_hit() -> None:
    chrome = "下载\n打印\n全屏\n收藏\n【字号：\n加大\n还原\n减小\n】\n"
    doc = parse(chrome + one_chapter(5).replace("第3段。", "第3段。打印机与PM 2.5监测仪。"))
    assert "打印" in [span.text for span in doc.dropped], "the tree builder keeps page chrome"
    search = ReadableText(doc)
    printed = doc.text.index("打印机")
    assert search.find("打印") == [(printed, printed + 2)]
    for query in ("打印", "第3段", "pm 2.5", "　", "工作总基调", "段。\n"):
        assert search.find(query) == checked_hits(doc, query), query
    clean = parse(one_chapter(50))
    for query in ("第1", "发展", "段。我们"):
        assert ReadableText(clean).find(query) == checked_hits(clean, query), query


async def test_thirty_thousand_hits_in_a_huge_chapter_are_counted_and_visited(
    huge_chapter: Document, wrapped: list[int]
) -> None:
    app = ReaderApp(huge_chapter, [])
    async with app.run_test(size=SIZE) as pilot:
        screen = reader_screen(app)
        middle = huge_chapter.text.index("第15000段")
        screen.reader.go_to(middle)
        await pilot.press("slash", *"我们坚持", "enter")
        hits = screen.search.hits
        assert len(hits) == huge_chapter.text.count("我们坚持") == 30_000
        assert screen.search.index is not None
        assert hits[screen.search.index][0] == middle + len("第15000段。")
        await pilot.press("n", "n", "N")
        assert hits[screen.search.index][0] == huge_chapter.text.index("我们坚持", middle + 20)
        assert screen.position == hits[screen.search.index][0]
        assert sum(wrapped) < len(huge_chapter.text) // 50


# -- whole-report screens -------------------------------------------------------------


async def test_the_keyword_summary_of_a_long_report_is_counted_in_the_background(
    long_report: LoadedText, notes: list[str]
) -> None:
    from tui.screens.keyword_summary import KeywordSummaryScreen

    app = ReaderApp(build_document(long_report), [])
    async with app.run_test(size=SIZE) as pilot:
        screen = reader_screen(app)
        screen.action_keyword_summary()
        screen.action_keyword_summary()
        assert notes.count("Counting keywords in the whole report…") == 1
        for _ in range(200):
            if isinstance(app.screen, KeywordSummaryScreen):
                break
            await pilot.pause(0.05)
        assert isinstance(app.screen, KeywordSummaryScreen)
        await pilot.pause()
        assert len(app.screen_stack) == 2


async def test_go_to_figure_in_a_huge_report_lists_the_next_figures_of_the_chapter(
    huge_chapter: Document, monkeypatch: pytest.MonkeyPatch
) -> None:
    figures = many_figures(PALETTE_FIGURES * 3)
    offered: list[tuple[int, str]] = []
    monkeypatch.setattr(
        ReaderScreen, "_choose", lambda self, choices, text: offered.append((len(choices), text))
    )
    app = ReaderApp(huge_chapter, figures)
    async with app.run_test(size=SIZE) as pilot:
        screen = reader_screen(app)
        screen.reader.go_to(figures[100].start)
        await pilot.pause()
        screen.action_go_to_figure()
        assert offered == [(PALETTE_FIGURES, "Go to figure (the next 2000 in this chapter)…")]
