"""Every key of the reader, pressed through Pilot, checked against the state it changes."""

from __future__ import annotations

import json
import tomllib
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest
from reader_support import SEARCH_TERM, figures_of, reader_screen, report
from textual.command import CommandInput, CommandList, CommandPalette
from textual.pilot import Pilot
from textual.widgets import Input, Static

from parsers.figure_export import figure_line, figures_tsv
from parsers.keywords import find_terms
from parsers.model import Document, Figure
from tui import clipboard, locations
from tui.app import ReaderApp
from tui.screens.bookmarks_screen import BookmarksScreen
from tui.screens.help_screen import HelpScreen
from tui.screens.keyword_list import KeywordListScreen
from tui.screens.keyword_summary import KeywordSummaryScreen
from tui.screens.reader_screen import ReaderScreen
from tui.state import load_state

SIZE = (120, 40)


@pytest.fixture(scope="module")
def doc() -> Document:
    return report()


@pytest.fixture(scope="module")
def figures(doc: Document) -> list[Figure]:
    return figures_of(doc)


@pytest.fixture
def copied(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What reached the system clipboard tool (none is run: the tests stay hermetic)."""
    sent: list[str] = []

    def fake_copy(text: str) -> bool:
        sent.append(text)
        return True

    monkeypatch.setattr(clipboard, "copy_native", fake_copy)
    return sent


@pytest.fixture
async def pilot(
    doc: Document, figures: list[Figure], copied: list[str], notes: list[str]
) -> AsyncIterator[Pilot[None]]:
    app = ReaderApp(doc, figures)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        yield pilot


def reader_app(pilot: Pilot[None]) -> ReaderScreen:
    return reader_screen(pilot.app)


async def go_to_chapter(pilot: Pilot[None], number: int) -> ReaderScreen:
    screen = reader_app(pilot)
    await pilot.press(str(number))
    await pilot.pause()
    assert screen.reader.page.number == number
    return screen


async def go_to_section(pilot: Pilot[None], chapter: int) -> ReaderScreen:
    """The first （一） section of ``chapter``, reached with ``]``."""
    screen = await go_to_chapter(pilot, chapter)
    sections = {n.start for n in screen.document.walk() if n.kind == "section"}
    while screen.position not in sections:
        await pilot.press("]")
    await pilot.pause()
    return screen


def config_text() -> str:
    return locations.config_file().read_text(encoding="utf-8")


async def settle(pilot: Pilot[None], done: Callable[[], bool]) -> None:
    """Let the screen process messages until ``done``; the palette searches in the background."""
    for _ in range(200):
        if done():
            return
        await pilot.pause()
    raise AssertionError("the screen did not get there")


async def run_palette(pilot: Pilot[None], *queries: str) -> None:
    """Enter each query in the (next) command palette and take its first hit."""
    await pilot.press("ctrl+p")
    for query in queries:
        await settle(pilot, lambda: isinstance(pilot.app.screen, CommandPalette))
        palette = pilot.app.screen
        palette.query_one(CommandInput).value = query
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert palette.query_one(CommandList).option_count > 0
        await pilot.press("enter")
        await settle(pilot, lambda shown=palette: pilot.app.screen is not shown)


# -- scrolling ---------------------------------------------------------------


async def test_line_keys_scroll_one_line_and_move_the_position(pilot: Pilot[None]) -> None:
    screen = await go_to_chapter(pilot, 1)
    reader = screen.reader
    await pilot.press("j", "down", "j")
    assert reader.scroll_offset.y == 3
    assert screen.position == reader.lines[3].start
    await pilot.press("k")
    assert reader.scroll_offset.y == 2
    await pilot.press("up")
    assert reader.scroll_offset.y == 1
    assert screen.position == reader.lines[1].start


async def test_space_and_b_page_and_turn_chapters_at_the_ends(pilot: Pilot[None]) -> None:
    screen = await go_to_chapter(pilot, 1)
    reader = screen.reader
    page = reader.scrollable_content_region.height - 1
    await pilot.press("space")
    assert reader.scroll_offset.y == page
    await pilot.press("b")
    assert reader.scroll_offset.y == 0
    await pilot.press("G", "space")
    assert reader.page.number == 2
    assert reader.scroll_offset.y == 0
    await pilot.press("b")
    assert reader.page.number == 1
    assert reader.scroll_offset.y == reader.max_scroll_y > 0


async def test_g_and_shift_g_go_to_the_top_and_bottom_of_the_chapter(pilot: Pilot[None]) -> None:
    screen = await go_to_chapter(pilot, 2)
    reader = screen.reader
    await pilot.press("G")
    assert reader.scroll_offset.y == reader.max_scroll_y > 0
    assert reader.page.number == 2
    await pilot.press("g")
    assert reader.scroll_offset.y == 0
    assert screen.position == reader.page.start


# -- sections and chapters -----------------------------------------------------


async def test_brackets_step_through_every_heading_and_the_tree_follows(
    doc: Document, pilot: Pilot[None]
) -> None:
    screen = await go_to_chapter(pilot, 1)
    headings = sorted(node.start for node in doc.walk())
    first = headings.index(screen.position)
    for expected in headings[first + 1 : first + 5]:
        await pilot.press("]")
        await pilot.pause()
        assert screen.position == expected
        assert screen.chapter_tree.cursor_node is not None
        assert screen.chapter_tree.cursor_node.data == expected
    await pilot.press("[")
    await pilot.pause()
    assert screen.position == headings[first + 3]


async def test_bracket_continues_past_a_short_last_section(pilot: Pilot[None]) -> None:
    """The last heading of a chapter cannot scroll to the top; ``]`` still moves on."""
    screen = await go_to_chapter(pilot, 1)
    next_chapter = screen.reader.pages[screen.reader.page_index + 1].start
    for _ in range(20):
        await pilot.press("]")
        if screen.position == next_chapter:
            break
    assert screen.reader.page.number == 2


async def test_braces_go_to_next_and_previous_chapter(pilot: Pilot[None]) -> None:
    screen = await go_to_chapter(pilot, 1)
    await pilot.press("right_curly_bracket")
    assert screen.reader.page.number == 2
    await pilot.press("right_curly_bracket")
    assert screen.reader.page.number == 3
    await pilot.press("left_curly_bracket")
    assert screen.reader.page.number == 2
    assert screen.position == screen.reader.page.start


async def test_digits_jump_to_that_chapter(pilot: Pilot[None]) -> None:
    for number in (3, 1, 2):
        screen = await go_to_chapter(pilot, number)
        assert screen.position == screen.reader.page.start
        assert screen.reader.visible_text().startswith(screen.reader.page.title)


async def test_digit_beyond_the_last_chapter_stays_and_says_so(
    pilot: Pilot[None], notes: list[str]
) -> None:
    screen = await go_to_chapter(pilot, 2)
    await pilot.press("9")
    assert screen.reader.page.number == 2
    assert any("no chapter 9" in note for note in notes)


async def test_tab_cycles_focus_tree_text_figures(pilot: Pilot[None]) -> None:
    screen = reader_app(pilot)
    assert screen.focused is screen.reader
    await pilot.press("tab")
    assert screen.focused is screen.figures_panel
    await pilot.press("tab")
    assert screen.focused is screen.chapter_tree
    await pilot.press("tab")
    assert screen.focused is screen.reader
    await pilot.press("shift+tab")
    assert screen.focused is screen.chapter_tree


async def test_tree_keys_move_and_enter_jumps_to_that_heading(pilot: Pilot[None]) -> None:
    screen = reader_app(pilot)
    tree = screen.chapter_tree
    await pilot.press("shift+tab", "G")
    assert tree.cursor_line == tree.last_line > 0
    await pilot.press("k", "k", "j")
    assert tree.cursor_line == tree.last_line - 1
    chosen = tree.cursor_node
    assert chosen is not None and chosen.data is not None
    await pilot.press("enter")
    await pilot.pause()
    assert screen.position == chosen.data
    assert screen.reader.page.number == 3
    await pilot.press("g")
    assert tree.cursor_line == 0


# -- figures and copying -------------------------------------------------------


async def test_figures_panel_lists_the_section_and_selects_its_first_figure(
    pilot: Pilot[None], figures: list[Figure]
) -> None:
    screen = await go_to_section(pilot, 2)
    start, end, _ = screen.current_section()
    expected = [f for f in figures if start <= f.start < end]
    assert expected
    assert list(screen.figures_panel.figures) == expected
    assert screen.figures_panel.selected == expected[0]


async def test_moving_in_the_panel_marks_the_figure_and_enter_jumps_there(
    pilot: Pilot[None],
) -> None:
    screen = await go_to_section(pilot, 1)
    await pilot.press("tab", "j")
    chosen = screen.figures_panel.selected
    assert chosen is not None and chosen == screen.figures_panel.figures[1]
    assert screen.reader.selected_figure == chosen
    await pilot.press("enter")
    await pilot.pause()
    assert screen.position == chosen.start
    assert screen.figures_panel.selected == chosen


async def test_c_copies_the_selected_figure_as_one_line(
    pilot: Pilot[None], copied: list[str], notes: list[str]
) -> None:
    screen = await go_to_section(pilot, 1)
    figure = screen.figures_panel.selected
    assert figure is not None
    await pilot.press("c")
    assert pilot.app.clipboard == figure_line(figure)
    assert figure.surface in pilot.app.clipboard
    assert copied == [pilot.app.clipboard]
    assert any(figure.surface in note for note in notes)


async def test_shift_c_copies_the_section_as_tsv(pilot: Pilot[None], copied: list[str]) -> None:
    screen = await go_to_section(pilot, 1)
    section = screen.section_figures()
    await pilot.press("C")
    assert pilot.app.clipboard == figures_tsv(section)
    rows = pilot.app.clipboard.rstrip("\n").split("\n")
    assert len(rows) == len(section) + 1
    assert "\t" in rows[0]
    assert copied == [pilot.app.clipboard]


async def test_y_copies_the_sentence_of_the_selected_figure(pilot: Pilot[None]) -> None:
    screen = await go_to_section(pilot, 1)
    figure = screen.figures_panel.selected
    assert figure is not None
    await pilot.press("y")
    assert pilot.app.clipboard == figure.sentence
    assert figure.surface in pilot.app.clipboard


async def test_copy_without_a_system_tool_says_so(
    pilot: Pilot[None], monkeypatch: pytest.MonkeyPatch, notes: list[str]
) -> None:
    monkeypatch.setattr(clipboard, "copy_native", lambda text: False)
    await go_to_section(pilot, 1)
    await pilot.press("c")
    assert pilot.app.clipboard
    assert any("no system clipboard" in note for note in notes)


async def test_f_switches_the_panel_to_the_whole_report_and_is_saved(
    pilot: Pilot[None], figures: list[Figure]
) -> None:
    screen = await go_to_chapter(pilot, 2)
    await pilot.press("f")
    assert list(screen.figures_panel.figures) == figures
    assert 'figures_scope = "report"' in config_text()
    await pilot.press("f")
    assert len(screen.figures_panel.figures) < len(figures)


# -- search ----------------------------------------------------------------------


async def test_slash_searches_across_chapters_incrementally(
    doc: Document, pilot: Pilot[None]
) -> None:
    screen = await go_to_chapter(pilot, 1)
    await pilot.press("slash", *SEARCH_TERM[:2])
    partial = doc.text.count(SEARCH_TERM[:2])
    assert len(screen.search.hits) == partial
    await pilot.press(*SEARCH_TERM[2:])
    assert len(screen.search.hits) == doc.text.count(SEARCH_TERM) == len(doc.children)
    chapters = {screen.reader.pages[i].number for i in range(len(screen.reader.pages))}
    assert len(chapters) > 2
    assert str(screen.query_one("#search-count", Static).content) == f"1/{len(screen.search.hits)}"
    assert screen.position == screen.search.hits[0][0]


async def test_n_and_shift_n_visit_hits_in_other_chapters(pilot: Pilot[None]) -> None:
    screen = await go_to_chapter(pilot, 1)
    await pilot.press("slash", *SEARCH_TERM, "enter")
    assert screen.focused is screen.reader
    assert screen.reader.page.number == 1
    await pilot.press("n")
    assert screen.search.index == 1
    assert screen.reader.page.number == 2
    assert screen.position == screen.search.hits[1][0]
    await pilot.press("N", "N")
    assert screen.search.index == len(screen.search.hits) - 1
    assert screen.reader.page.number == len(screen.reader.pages) - 1


async def test_escape_clears_the_search(pilot: Pilot[None]) -> None:
    screen = reader_app(pilot)
    await pilot.press("slash", *SEARCH_TERM)
    assert screen.search.hits
    await pilot.press("escape")
    assert screen.search.hits == []
    assert not screen.query_one("#search").display
    assert screen.focused is screen.reader


# -- keywords ---------------------------------------------------------------------


async def test_h_toggles_keyword_highlighting_and_saves_it(pilot: Pilot[None]) -> None:
    screen = await go_to_chapter(pilot, 1)
    assert screen.reader.keyword_marks
    await pilot.press("h")
    assert not screen.reader.keyword_marks
    assert tomllib.loads(config_text())["highlight"] is False
    await pilot.press("h")
    assert screen.reader.keyword_marks
    assert tomllib.loads(config_text())["highlight"] is True


async def test_shift_k_adds_and_removes_user_keywords(pilot: Pilot[None]) -> None:
    screen = await go_to_chapter(pilot, 1)
    await pilot.press("K")
    assert isinstance(pilot.app.screen, KeywordListScreen)
    await pilot.press(*"口岸", "enter", *"示例市", "enter", "escape")
    assert screen.config.keywords == ("口岸", "示例市")
    assert tomllib.loads(config_text())["keywords"] == ["口岸", "示例市"]
    page = screen.reader.page
    text = screen.document.text[page.start : page.end]
    user_hits = [h for h in find_terms(text, screen.keyword_groups()) if h.group == "user"]
    assert user_hits
    marks = [
        (start, end) for start, end, style in screen.reader.keyword_marks if style == "kw-user"
    ]
    assert marks == [(h.start + page.start, h.end + page.start) for h in user_hits]
    await pilot.press("K", "tab", "delete", "escape")
    assert screen.config.keywords == ("示例市",)
    assert tomllib.loads(config_text())["keywords"] == ["示例市"]


async def test_s_shows_the_keyword_summary(doc: Document, pilot: Pilot[None]) -> None:
    await pilot.press("s")
    summary = pilot.app.screen
    assert isinstance(summary, KeywordSummaryScreen)
    counts = {term.term: term for term in summary.summary.terms}
    assert counts["高质量发展"].total == doc.text.count("高质量发展")
    assert sum(counts["高质量发展"].by_chapter) == doc.text.count("高质量发展")
    await pilot.press("escape")
    assert not isinstance(pilot.app.screen, KeywordSummaryScreen)


# -- bookmarks, theme, help, quit -------------------------------------------------


async def test_m_bookmarks_and_apostrophe_jumps_back(pilot: Pilot[None]) -> None:
    screen = await go_to_chapter(pilot, 2)
    await pilot.press("]", "j")
    marked = screen.position
    await pilot.press("m")
    state, warning = load_state()
    assert warning is None
    assert [b.offset for b in state.bookmarks_for(screen.document_key)] == [marked]
    await pilot.press("1", "apostrophe")
    assert isinstance(pilot.app.screen, BookmarksScreen)
    await pilot.press("enter")
    await pilot.pause()
    assert screen.position == marked


async def test_bookmark_can_be_deleted_from_the_list(pilot: Pilot[None]) -> None:
    screen = await go_to_chapter(pilot, 2)
    await pilot.press("m", "apostrophe", "d", "escape")
    state, _ = load_state()
    assert state.bookmarks_for(screen.document_key) == []


async def test_t_switches_theme_and_remembers_it(pilot: Pilot[None]) -> None:
    assert pilot.app.theme == "gwr-dark"
    await pilot.press("t")
    assert pilot.app.theme == "gwr-light"
    assert tomllib.loads(config_text())["theme"] == "gwr-light"
    await pilot.press("t")
    assert pilot.app.theme == "gwr-red"
    assert tomllib.loads(config_text())["theme"] == "gwr-red"


async def test_question_mark_opens_help_and_escape_closes_it(pilot: Pilot[None]) -> None:
    await pilot.press("question_mark")
    assert isinstance(pilot.app.screen, HelpScreen)
    await pilot.press("c")
    assert pilot.app.clipboard == ""
    await pilot.press("escape")
    assert not isinstance(pilot.app.screen, HelpScreen)


async def test_q_quits_and_remembers_the_position(pilot: Pilot[None]) -> None:
    screen = await go_to_chapter(pilot, 3)
    await pilot.press("j", "j")
    position = screen.position
    await pilot.press("q")
    await pilot.pause()
    assert not pilot.app.is_running
    state, _ = load_state()
    assert state.position_for(screen.document_key) == position


# -- command palette ---------------------------------------------------------------


async def test_palette_go_to_section(doc: Document, pilot: Pilot[None]) -> None:
    screen = reader_app(pilot)
    target = doc.children[2]
    await run_palette(pilot, "Go to section", target.heading)
    await pilot.pause()
    assert screen.position == target.start


async def test_palette_go_to_figure_selects_it(pilot: Pilot[None], figures: list[Figure]) -> None:
    screen = reader_app(pilot)
    target = figures[-2]
    assert [f.surface for f in figures].count(target.surface) == 1
    await run_palette(pilot, "Go to figure", target.surface)
    await pilot.pause()
    assert screen.position == target.start
    assert screen.figures_panel.selected == target


async def test_palette_copy_section_figures(pilot: Pilot[None]) -> None:
    screen = await go_to_section(pilot, 1)
    await run_palette(pilot, "Copy figures")
    assert pilot.app.clipboard == figures_tsv(screen.section_figures())


async def test_palette_export_writes_the_typed_path(
    pilot: Pilot[None], figures: list[Figure], tmp_path: Path
) -> None:
    target = tmp_path / "figures.json"
    await run_palette(pilot, "Export")
    await settle(pilot, lambda: pilot.app.screen is not pilot.app.screen_stack[0])
    pilot.app.screen.query_one(Input).value = str(target)
    await pilot.press("enter")
    await settle(pilot, lambda: target.exists())
    exported = json.loads(target.read_text(encoding="utf-8"))
    assert len(exported) == len(figures)
    assert exported[0]["surface"] == figures[0].surface
    assert pilot.app.screen is pilot.app.screen_stack[0]


async def test_palette_export_refuses_an_unknown_extension(
    pilot: Pilot[None], tmp_path: Path
) -> None:
    await run_palette(pilot, "Export")
    await settle(pilot, lambda: pilot.app.screen is not pilot.app.screen_stack[0])
    pilot.app.screen.query_one(Input).value = str(tmp_path / "figures.xls")
    await pilot.press("enter")
    assert pilot.app.screen is not pilot.app.screen_stack[0]
    assert "must end in" in str(pilot.app.screen.query_one("#export-error", Static).content)
    assert list(tmp_path.iterdir()) == []


async def test_palette_switch_theme_is_remembered(pilot: Pilot[None]) -> None:
    await run_palette(pilot, "Switch theme", "gwr-red")
    assert pilot.app.theme == "gwr-red"
    assert tomllib.loads(config_text())["theme"] == "gwr-red"
