"""The reader as a whole: memory across runs, layout by terminal size, wrapping, safety."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from reader_support import figures_of, reader_screen, reading, report
from textual.binding import Binding
from textual.command import CommandInput, CommandList, CommandPalette

from parsers.load import load_bytes
from parsers.model import Document
from parsers.report import open_report
from parsers.tree import build_document
from tui import clipboard, locations
from tui.app import ReaderApp
from tui.bindings import HELP, READER_BINDINGS
from tui.cli import sample_path
from tui.widgets.page_layout import build_pages, layout_lines, line_at, page_blocks
from tui.wrap import CLOSING

LINE_START_FORBIDDEN = frozenset("，。、；：？！）」』》〉】”’,.;:!?)")


@pytest.fixture(autouse=True)
def no_system_clipboard(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test may run a real clipboard tool."""
    monkeypatch.setattr(clipboard, "copy_native", lambda text: False)


@pytest.fixture(scope="module")
def sample() -> Document:
    return open_report(sample_path())


@pytest.fixture(scope="module")
def doc() -> Document:
    return report()


def corpus_files() -> Iterator[Path]:
    corpus = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus"
    yield from sorted(p for p in corpus.rglob("*") if p.suffix in (".txt", ".html"))


async def test_reading_position_survives_a_restart(doc: Document) -> None:
    first = ReaderApp(doc, figures_of(doc))
    async with first.run_test(size=(120, 40)) as pilot:
        screen = reader_screen(first)
        await pilot.press("3", "]", "]", "j")
        position = screen.position
        assert position > screen.reader.page.start
        await pilot.press("q")
    async with reading(ReaderApp(report(), figures_of(doc))) as (pilot, screen):
        assert screen.position == position
        assert screen.reader.page.number == 3
        assert screen.reader.visible_text()


async def test_position_is_saved_when_the_chapter_changes(doc: Document) -> None:
    from tui.state import load_state

    async with reading(ReaderApp(doc, figures_of(doc)), "2") as (_pilot, screen):
        state, _ = load_state()
        assert state.position_for(screen.document_key) == screen.reader.pages[2].start


async def test_header_and_position_label(sample: Document) -> None:
    app = ReaderApp(sample)
    async with reading(app, "1") as (_pilot, screen):
        assert screen.title == sample.title
        assert sample.meta.region and sample.meta.region in screen.sub_title
        assert str(sample.meta.year) in screen.sub_title
        label = str(app.query_one("#position").content)  # type: ignore[attr-defined]
        chapters = len(sample.children)
        expected = 100 * sample.children[0].start // len(sample.text)
        assert label == f"第1/{chapters}章 · {expected}%"


async def test_figures_are_extracted_when_not_given(sample: Document) -> None:
    async with reading(ReaderApp(sample), "1", "]") as (_pilot, screen):
        assert screen.figures
        assert screen.figures_panel.figures
        assert screen.figures_panel.selected == screen.section_figures()[0]


async def test_a_chapter_opening_lists_its_own_figures_not_its_sections(
    doc: Document,
) -> None:
    app = ReaderApp(doc, figures_of(doc))
    async with reading(app, "1") as (pilot, screen):
        start, end, _ = screen.current_section()
        assert (start, end) == (doc.children[0].start, doc.children[0].children[1].start)
        assert list(screen.figures_panel.figures) == []
        assert screen.figures_panel.selected is None
        await pilot.press("c")
        assert app.clipboard == ""


@pytest.mark.parametrize("size", [(80, 24), (200, 60)])
async def test_layout_adapts_to_the_terminal(doc: Document, size: tuple[int, int]) -> None:
    app = ReaderApp(doc, figures_of(doc))
    async with reading(app, size=size) as (pilot, screen):
        reader, tree, panel = screen.reader, screen.chapter_tree, screen.figures_panel
        if size[0] >= 100:
            assert tree.region.width > 0 and panel.region.width > 0
            assert reader.region.width >= 100
            return
        assert not tree.display and not panel.display
        assert reader.region.width == size[0]
        await pilot.press("shift+tab")
        assert app.focused is tree
        assert tree.display and tree.region.width > 0
        assert reader.region.width == size[0]  # the tree lies over the text
        await pilot.press("tab")
        assert not tree.display
        await pilot.press("tab")
        assert panel.display and panel.region.width > 0
        await pilot.press("tab")
        assert not panel.display and app.focused is tree


async def test_resize_wraps_again_and_keeps_the_sentence_in_view(doc: Document) -> None:
    app = ReaderApp(doc, figures_of(doc))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = reader_screen(app)
        await pilot.press("2", "space", "j")
        position = screen.position
        narrow_lines = len(screen.reader.lines)
        await pilot.resize_terminal(200, 40)
        await pilot.pause()
        assert len(screen.reader.lines) < narrow_lines
        assert screen.position == position
        shown = screen.reader.visible_text()
        assert screen.document.text[position : position + 8] in shown


async def test_report_text_is_never_read_as_markup(doc: Document) -> None:
    app = ReaderApp(doc, figures_of(doc))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = reader_screen(app)
        marked = doc.text.index("[red]")
        screen.reader.go_to(marked)
        await pilot.pause()
        reader = screen.reader
        row = line_at(reader.lines, marked) - round(reader.scroll_offset.y)
        assert 0 <= row < reader.scrollable_content_region.height
        assert "[red]这不是标记[/red]" in reader.render_line(row).text


def test_every_bound_key_is_on_the_help_screen() -> None:
    shown = {key for _, rows in HELP for keys, _ in rows for key in keys.split()}
    names = {"question_mark": "?", "slash": "/", "apostrophe": "'"}
    names |= {"right_square_bracket": "]", "left_square_bracket": "["}
    names |= {"right_curly_bracket": "}", "left_curly_bracket": "{"}
    for binding in READER_BINDINGS:
        assert isinstance(binding, Binding)
        key = "1" if binding.key.isdigit() else binding.key
        assert names.get(key, key) in shown, binding.key


async def test_a_broken_config_warns_and_is_left_alone(doc: Document) -> None:
    config = locations.config_file()
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text("theme = [broken", encoding="utf-8")
    notes: list[str] = []
    app = ReaderApp(doc, figures_of(doc))
    app.notify = lambda message, **_: notes.append(message)  # type: ignore[method-assign]
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.theme == "gwr-dark"
        assert any("config.toml" in note for note in notes)
    assert config.read_text(encoding="utf-8") == "theme = [broken"


def test_a_chapter_lays_out_the_same_whatever_the_report_size() -> None:
    """A page is laid out from its own blocks: 30 more chapters change nothing in chapter 1."""
    small, large = report(3), report(9)
    for doc in (small, large):
        page = build_pages(doc)[1]
        lines = layout_lines(doc.text, page_blocks(doc, page), 60)
        assert all(page.start <= line.start <= line.end <= page.end for line in lines)
    small_page, large_page = build_pages(small)[1], build_pages(large)[1]
    small_lines = layout_lines(small.text, page_blocks(small, small_page), 60)
    large_lines = layout_lines(large.text, page_blocks(large, large_page), 60)
    assert [(ln.start, ln.end) for ln in small_lines] == [(ln.start, ln.end) for ln in large_lines]


@pytest.mark.parametrize("width", [20, 37, 58, 121])
def test_wrapped_lines_obey_chinese_line_breaking(sample: Document, width: int) -> None:
    figures = [(m, m + len(s)) for s in ("1200亿元", "10.1%", "88.3亿元") for m in _all(sample, s)]
    for page in build_pages(sample):
        lines = layout_lines(sample.text, page_blocks(sample, page), width)
        block_starts = {b.start for b in page_blocks(sample, page)}
        for line in lines:
            text = sample.text[line.start : line.end]
            if line.start not in block_starts and text:
                assert text[0] not in LINE_START_FORBIDDEN | CLOSING, (width, text)
        breaks = {line.end for line in lines if line.end > line.start}
        assert not any(start < cut < end for start, end in figures for cut in breaks)


def _all(doc: Document, surface: str) -> list[int]:
    found, position = [], 0
    while (index := doc.text.find(surface, position)) >= 0:
        found.append(index)
        position = index + 1
    return found


@pytest.mark.parametrize("path", list(corpus_files()), ids=lambda p: p.name)
async def test_every_corpus_report_reads(path: Path) -> None:
    """Every page of every real report lays out, draws, searches and copies."""
    app = ReaderApp(open_report(path))
    async with reading(app, size=(100, 30)) as (pilot, screen):
        reader = screen.reader
        for page in reader.pages:
            reader.go_to(page.start)
            reader.action_bottom()
            assert reader.lines and reader.visible_text()
            for row in range(reader.scrollable_content_region.height):
                assert reader.render_line(row).cell_length == reader.size.width
        screen.run_search("发展")
        assert screen.search.hits and screen.search.index is not None
        first = screen.search.index
        screen.action_next_hit()
        assert screen.search.index == (first + 1) % len(screen.search.hits)
        screen.action_chapter(1)
        screen.action_next_section()
        await pilot.pause()
        assert screen.figures, "every real report states figures"
        screen.reader.go_to(screen.figures[0].start)
        await pilot.pause()
        screen.action_copy_figure()
        assert screen.figures_panel.figures
        assert app.clipboard


def test_corpus_is_found_or_skipped(corpus_dir: Path) -> None:
    """Guards the corpus lookup above: where the corpus exists, it is not silently empty."""
    assert list(corpus_files())


async def test_mouse_clicks_on_the_tree_and_the_figures_jump(doc: Document) -> None:
    async with reading(ReaderApp(doc, figures_of(doc))) as (pilot, screen):
        tree = screen.chapter_tree
        chapter_two = doc.children[1]
        line = next(
            y
            for y in range(tree.last_line + 1)
            if (node := tree.get_node_at_line(y)) and node.data == chapter_two.start
        )
        await pilot.click(tree, offset=(4, line))
        await pilot.pause()
        assert screen.position == chapter_two.start
        await pilot.press("]", "]")
        await pilot.pause()
        second = screen.figures_panel.figures[1]
        await pilot.click(screen.figures_panel, offset=(6, 2))
        await pilot.pause()
        assert screen.figures_panel.selected == second
        assert screen.position == second.start
        screen.reader.scroll_relative(y=5, animate=False)  # what the wheel and the scrollbar do
        await pilot.pause()
        top = round(screen.reader.scroll_offset.y)
        assert screen.position == screen.reader.lines[top].start != second.start


async def test_palette_shows_report_headings_literally() -> None:
    text = "一、[bold]总体[/bold]要求\n　　坚持稳中求进。\n二、第二部分\n　　正文。\n"
    doc = build_document(load_bytes(text.encode("utf-8"), "markup.txt"))
    app = ReaderApp(doc, [])
    async with reading(app) as (pilot, screen):
        screen.action_go_to_section()
        await pilot.pause()
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        palette.query_one(CommandInput).value = "总体"
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        options = palette.query_one(CommandList)
        shown = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert any("一、[bold]总体[/bold]要求" in prompt for prompt in shown), shown
