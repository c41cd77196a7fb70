"""Every key of the reader, pressed through Pilot, checked against the state it changes."""

from __future__ import annotations

import json
import tomllib
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest
from reader_support import SEARCH_TERM, figures_of, report
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


def reader_app(pilot: Pilot[None]) -> ReaderApp:
    assert isinstance(pilot.app, ReaderApp)
    return pilot.app


async def go_to_chapter(pilot: Pilot[None], number: int) -> ReaderApp:
    app = reader_app(pilot)
    await pilot.press(str(number))
    await pilot.pause()
    assert app.reader.page.number == number
    return app


async def go_to_section(pilot: Pilot[None], chapter: int) -> ReaderApp:
    """The first （一） section of ``chapter``, reached with ``]``."""
    app = await go_to_chapter(pilot, chapter)
    sections = {n.start for n in app.document.walk() if n.kind == "section"}
    while app.position not in sections:
        await pilot.press("]")
    await pilot.pause()
    return app


def config_text() -> str:
    return locations.config_file().read_text(encoding="utf-8")


async def settle(pilot: Pilot[None], done: Callable[[], bool]) -> None:
    """Let the app process messages until ``done``; the palette searches in the background."""
    for _ in range(200):
        if done():
            return
        await pilot.pause()
    raise AssertionError("the app did not get there")


async def run_palette(pilot: Pilot[None], *queries: str) -> None:
    """Enter each query in the (next) command palette and take its first hit."""
    app = reader_app(pilot)
    await pilot.press("ctrl+p")
    for query in queries:
        await settle(pilot, lambda: isinstance(app.screen, CommandPalette))
        palette = app.screen
        palette.query_one(CommandInput).value = query
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert palette.query_one(CommandList).option_count > 0
        await pilot.press("enter")
        await settle(pilot, lambda screen=palette: app.screen is not screen)


# -- scrolling ---------------------------------------------------------------


async def test_line_keys_scroll_one_line_and_move_the_position(pilot: Pilot[None]) -> None:
    app = await go_to_chapter(pilot, 1)
    reader = app.reader
    await pilot.press("j", "down", "j")
    assert reader.scroll_offset.y == 3
    assert app.position == reader.lines[3].start
    await pilot.press("k")
    assert reader.scroll_offset.y == 2
    await pilot.press("up")
    assert reader.scroll_offset.y == 1
    assert app.position == reader.lines[1].start


async def test_space_and_b_page_and_turn_chapters_at_the_ends(pilot: Pilot[None]) -> None:
    app = await go_to_chapter(pilot, 1)
    reader = app.reader
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
    app = await go_to_chapter(pilot, 2)
    reader = app.reader
    await pilot.press("G")
    assert reader.scroll_offset.y == reader.max_scroll_y > 0
    assert reader.page.number == 2
    await pilot.press("g")
    assert reader.scroll_offset.y == 0
    assert app.position == reader.page.start


# -- sections and chapters -----------------------------------------------------


async def test_brackets_step_through_every_heading_and_the_tree_follows(
    doc: Document, pilot: Pilot[None]
) -> None:
    app = await go_to_chapter(pilot, 1)
    headings = sorted(node.start for node in doc.walk())
    first = headings.index(app.position)
    for expected in headings[first + 1 : first + 5]:
        await pilot.press("]")
        await pilot.pause()
        assert app.position == expected
        assert app.chapter_tree.cursor_node is not None
        assert app.chapter_tree.cursor_node.data == expected
    await pilot.press("[")
    await pilot.pause()
    assert app.position == headings[first + 3]


async def test_bracket_continues_past_a_short_last_section(pilot: Pilot[None]) -> None:
    """The last heading of a chapter cannot scroll to the top; ``]`` still moves on."""
    app = await go_to_chapter(pilot, 1)
    next_chapter = app.reader.pages[app.reader.page_index + 1].start
    for _ in range(20):
        await pilot.press("]")
        if app.position == next_chapter:
            break
    assert app.reader.page.number == 2


async def test_braces_go_to_next_and_previous_chapter(pilot: Pilot[None]) -> None:
    app = await go_to_chapter(pilot, 1)
    await pilot.press("right_curly_bracket")
    assert app.reader.page.number == 2
    await pilot.press("right_curly_bracket")
    assert app.reader.page.number == 3
    await pilot.press("left_curly_bracket")
    assert app.reader.page.number == 2
    assert app.position == app.reader.page.start


async def test_digits_jump_to_that_chapter(pilot: Pilot[None]) -> None:
    for number in (3, 1, 2):
        app = await go_to_chapter(pilot, number)
        assert app.position == app.reader.page.start
        assert app.reader.visible_text().startswith(app.reader.page.title)


async def test_digit_beyond_the_last_chapter_stays_and_says_so(
    pilot: Pilot[None], notes: list[str]
) -> None:
    app = await go_to_chapter(pilot, 2)
    await pilot.press("9")
    assert app.reader.page.number == 2
    assert any("no chapter 9" in note for note in notes)


async def test_tab_cycles_focus_tree_text_figures(pilot: Pilot[None]) -> None:
    app = reader_app(pilot)
    assert app.focused is app.reader
    await pilot.press("tab")
    assert app.focused is app.figures_panel
    await pilot.press("tab")
    assert app.focused is app.chapter_tree
    await pilot.press("tab")
    assert app.focused is app.reader
    await pilot.press("shift+tab")
    assert app.focused is app.chapter_tree


async def test_tree_keys_move_and_enter_jumps_to_that_heading(pilot: Pilot[None]) -> None:
    app = reader_app(pilot)
    tree = app.chapter_tree
    await pilot.press("shift+tab", "G")
    assert tree.cursor_line == tree.last_line > 0
    await pilot.press("k", "k", "j")
    assert tree.cursor_line == tree.last_line - 1
    chosen = tree.cursor_node
    assert chosen is not None and chosen.data is not None
    await pilot.press("enter")
    await pilot.pause()
    assert app.position == chosen.data
    assert app.reader.page.number == 3
    await pilot.press("g")
    assert tree.cursor_line == 0


# -- figures and copying -------------------------------------------------------


async def test_figures_panel_lists_the_section_and_selects_its_first_figure(
    pilot: Pilot[None], figures: list[Figure]
) -> None:
    app = await go_to_section(pilot, 2)
    start, end, _ = app.current_section()
    expected = [f for f in figures if start <= f.start < end]
    assert expected
    assert list(app.figures_panel.figures) == expected
    assert app.figures_panel.selected == expected[0]


async def test_moving_in_the_panel_marks_the_figure_and_enter_jumps_there(
    pilot: Pilot[None],
) -> None:
    app = await go_to_section(pilot, 1)
    await pilot.press("tab", "j")
    chosen = app.figures_panel.selected
    assert chosen is not None and chosen == app.figures_panel.figures[1]
    assert app.reader.selected_figure == chosen
    await pilot.press("enter")
    await pilot.pause()
    assert app.position == chosen.start
    assert app.figures_panel.selected == chosen


async def test_c_copies_the_selected_figure_as_one_line(
    pilot: Pilot[None], copied: list[str], notes: list[str]
) -> None:
    app = await go_to_section(pilot, 1)
    figure = app.figures_panel.selected
    assert figure is not None
    await pilot.press("c")
    assert app.clipboard == figure_line(figure)
    assert figure.surface in app.clipboard
    assert copied == [app.clipboard]
    assert any(figure.surface in note for note in notes)


async def test_shift_c_copies_the_section_as_tsv(pilot: Pilot[None], copied: list[str]) -> None:
    app = await go_to_section(pilot, 1)
    section = app.section_figures()
    await pilot.press("C")
    assert app.clipboard == figures_tsv(section)
    rows = app.clipboard.rstrip("\n").split("\n")
    assert len(rows) == len(section) + 1
    assert "\t" in rows[0]
    assert copied == [app.clipboard]


async def test_y_copies_the_sentence_of_the_selected_figure(pilot: Pilot[None]) -> None:
    app = await go_to_section(pilot, 1)
    figure = app.figures_panel.selected
    assert figure is not None
    await pilot.press("y")
    assert app.clipboard == figure.sentence
    assert figure.surface in app.clipboard


async def test_copy_without_a_system_tool_says_so(
    pilot: Pilot[None], monkeypatch: pytest.MonkeyPatch, notes: list[str]
) -> None:
    monkeypatch.setattr(clipboard, "copy_native", lambda text: False)
    app = await go_to_section(pilot, 1)
    await pilot.press("c")
    assert app.clipboard
    assert any("no system clipboard" in note for note in notes)


async def test_f_switches_the_panel_to_the_whole_report_and_is_saved(
    pilot: Pilot[None], figures: list[Figure]
) -> None:
    app = await go_to_chapter(pilot, 2)
    await pilot.press("f")
    assert list(app.figures_panel.figures) == figures
    assert 'figures_scope = "report"' in config_text()
    await pilot.press("f")
    assert len(app.figures_panel.figures) < len(figures)


# -- search ----------------------------------------------------------------------


async def test_slash_searches_across_chapters_incrementally(
    doc: Document, pilot: Pilot[None]
) -> None:
    app = await go_to_chapter(pilot, 1)
    await pilot.press("slash", *SEARCH_TERM[:2])
    partial = doc.text.count(SEARCH_TERM[:2])
    assert len(app.search_hits) == partial
    await pilot.press(*SEARCH_TERM[2:])
    assert len(app.search_hits) == doc.text.count(SEARCH_TERM) == len(doc.children)
    chapters = {app.reader.pages[i].number for i in range(len(app.reader.pages))}
    assert len(chapters) > 2
    assert str(app.query_one("#search-count", Static).content) == f"1/{len(app.search_hits)}"
    assert app.position == app.search_hits[0][0]


async def test_n_and_shift_n_visit_hits_in_other_chapters(pilot: Pilot[None]) -> None:
    app = await go_to_chapter(pilot, 1)
    await pilot.press("slash", *SEARCH_TERM, "enter")
    assert app.focused is app.reader
    assert app.reader.page.number == 1
    await pilot.press("n")
    assert app.search_index == 1
    assert app.reader.page.number == 2
    assert app.position == app.search_hits[1][0]
    await pilot.press("N", "N")
    assert app.search_index == len(app.search_hits) - 1
    assert app.reader.page.number == len(app.reader.pages) - 1


async def test_escape_clears_the_search(pilot: Pilot[None]) -> None:
    app = reader_app(pilot)
    await pilot.press("slash", *SEARCH_TERM)
    assert app.search_hits
    await pilot.press("escape")
    assert app.search_hits == []
    assert not app.query_one("#search").display
    assert app.focused is app.reader


# -- keywords ---------------------------------------------------------------------


async def test_h_toggles_keyword_highlighting_and_saves_it(pilot: Pilot[None]) -> None:
    app = await go_to_chapter(pilot, 1)
    assert app.reader.keyword_marks
    await pilot.press("h")
    assert not app.reader.keyword_marks
    assert tomllib.loads(config_text())["highlight"] is False
    await pilot.press("h")
    assert app.reader.keyword_marks
    assert tomllib.loads(config_text())["highlight"] is True


async def test_shift_k_adds_and_removes_user_keywords(pilot: Pilot[None]) -> None:
    app = await go_to_chapter(pilot, 1)
    await pilot.press("K")
    assert isinstance(app.screen, KeywordListScreen)
    await pilot.press(*"口岸", "enter", *"示例市", "enter", "escape")
    assert app.config.keywords == ("口岸", "示例市")
    assert tomllib.loads(config_text())["keywords"] == ["口岸", "示例市"]
    page = app.reader.page
    text = app.document.text[page.start : page.end]
    user_hits = [h for h in find_terms(text, app.keyword_groups()) if h.group == "user"]
    assert user_hits
    marks = [(start, end) for start, end, style in app.reader.keyword_marks if style == "kw-user"]
    assert marks == [(h.start + page.start, h.end + page.start) for h in user_hits]
    await pilot.press("K", "tab", "delete", "escape")
    assert app.config.keywords == ("示例市",)
    assert tomllib.loads(config_text())["keywords"] == ["示例市"]


async def test_s_shows_the_keyword_summary(doc: Document, pilot: Pilot[None]) -> None:
    app = reader_app(pilot)
    await pilot.press("s")
    screen = app.screen
    assert isinstance(screen, KeywordSummaryScreen)
    counts = {term.term: term for term in screen.summary.terms}
    assert counts["高质量发展"].total == doc.text.count("高质量发展")
    assert sum(counts["高质量发展"].by_chapter) == doc.text.count("高质量发展")
    await pilot.press("escape")
    assert not isinstance(app.screen, KeywordSummaryScreen)


# -- bookmarks, theme, help, quit -------------------------------------------------


async def test_m_bookmarks_and_apostrophe_jumps_back(pilot: Pilot[None]) -> None:
    app = await go_to_chapter(pilot, 2)
    await pilot.press("]", "j")
    marked = app.position
    await pilot.press("m")
    state, warning = load_state()
    assert warning is None
    assert [b.offset for b in state.bookmarks_for(app.document_key)] == [marked]
    await pilot.press("1", "apostrophe")
    assert isinstance(app.screen, BookmarksScreen)
    await pilot.press("enter")
    await pilot.pause()
    assert app.position == marked


async def test_bookmark_can_be_deleted_from_the_list(pilot: Pilot[None]) -> None:
    app = await go_to_chapter(pilot, 2)
    await pilot.press("m", "apostrophe", "d", "escape")
    state, _ = load_state()
    assert state.bookmarks_for(app.document_key) == []


async def test_t_switches_theme_and_remembers_it(pilot: Pilot[None]) -> None:
    app = reader_app(pilot)
    assert app.theme == "gwr-dark"
    await pilot.press("t")
    assert app.theme == "gwr-light"
    assert tomllib.loads(config_text())["theme"] == "gwr-light"
    await pilot.press("t")
    assert app.theme == "gwr-red"
    assert tomllib.loads(config_text())["theme"] == "gwr-red"


async def test_question_mark_opens_help_and_escape_closes_it(pilot: Pilot[None]) -> None:
    app = reader_app(pilot)
    await pilot.press("question_mark")
    assert isinstance(app.screen, HelpScreen)
    await pilot.press("c")
    assert app.clipboard == ""
    await pilot.press("escape")
    assert not isinstance(app.screen, HelpScreen)


async def test_q_quits_and_remembers_the_position(pilot: Pilot[None]) -> None:
    app = await go_to_chapter(pilot, 3)
    await pilot.press("j", "j")
    position = app.position
    await pilot.press("q")
    await pilot.pause()
    assert not app.is_running
    state, _ = load_state()
    assert state.position_for(app.document_key) == position


# -- command palette ---------------------------------------------------------------


async def test_palette_go_to_section(doc: Document, pilot: Pilot[None]) -> None:
    app = reader_app(pilot)
    target = doc.children[2]
    await run_palette(pilot, "Go to section", target.heading)
    await pilot.pause()
    assert app.position == target.start


async def test_palette_go_to_figure_selects_it(pilot: Pilot[None], figures: list[Figure]) -> None:
    app = reader_app(pilot)
    target = figures[-2]
    assert [f.surface for f in figures].count(target.surface) == 1
    await run_palette(pilot, "Go to figure", target.surface)
    await pilot.pause()
    assert app.position == target.start
    assert app.figures_panel.selected == target


async def test_palette_copy_section_figures(pilot: Pilot[None]) -> None:
    app = await go_to_section(pilot, 1)
    await run_palette(pilot, "Copy figures")
    assert app.clipboard == figures_tsv(app.section_figures())


async def test_palette_export_writes_the_typed_path(
    pilot: Pilot[None], figures: list[Figure], tmp_path: Path
) -> None:
    app = reader_app(pilot)
    target = tmp_path / "figures.json"
    await run_palette(pilot, "Export")
    await settle(pilot, lambda: app.screen is not app.screen_stack[0])
    app.screen.query_one(Input).value = str(target)
    await pilot.press("enter")
    await settle(pilot, lambda: target.exists())
    exported = json.loads(target.read_text(encoding="utf-8"))
    assert len(exported) == len(figures)
    assert exported[0]["surface"] == figures[0].surface
    assert app.screen is app.screen_stack[0]


async def test_palette_export_refuses_an_unknown_extension(
    pilot: Pilot[None], tmp_path: Path
) -> None:
    app = reader_app(pilot)
    await run_palette(pilot, "Export")
    await settle(pilot, lambda: app.screen is not app.screen_stack[0])
    app.screen.query_one(Input).value = str(tmp_path / "figures.xls")
    await pilot.press("enter")
    assert app.screen is not app.screen_stack[0]
    assert "must end in" in str(app.screen.query_one("#export-error", Static).content)
    assert list(tmp_path.iterdir()) == []


async def test_palette_switch_theme_is_remembered(pilot: Pilot[None]) -> None:
    app = reader_app(pilot)
    await run_palette(pilot, "Switch theme", "gwr-red")
    assert app.theme == "gwr-red"
    assert tomllib.loads(config_text())["theme"] == "gwr-red"
