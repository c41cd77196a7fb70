"""A move through the report repaints what changed and lays the screen out only when needed.

A layout of the whole screen costs more than the rest of a keypress, so the
widgets that follow the reading position must not ask for one on every move.
"""

from __future__ import annotations

import gc

import pytest
from reader_support import (
    FiguresPanelApp,
    figures_of,
    figures_with_indicators,
    reader_screen,
    reading,
    report,
    report_text,
)
from textual import messages
from textual.app import App, ComposeResult
from textual.content import Content
from textual.message import Message
from textual.strip import Strip
from textual.style import Style
from textual.widget import Widget

from parsers.load import load_bytes
from parsers.tree import build_document
from tui.app import ReaderApp
from tui.report_parse import PARSE_AT_ONCE
from tui.widgets.figures_panel import FiguresPanel
from tui.widgets.page_layout import Page
from tui.widgets.position_label import PositionLabel
from tui.widgets.reading_pane import ReadingPane


async def test_the_tree_follows_into_an_open_branch_at_once_without_rebuilding(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    doc = report()
    async with reading(ReaderApp(doc, figures_of(doc))) as (pilot, screen):
        tree = screen.chapter_tree
        chapter = doc.children[1]
        tree.follow(chapter.start)
        await pilot.pause()
        rebuilds: list[None] = []
        monkeypatch.setattr(tree, "_invalidate", lambda: rebuilds.append(None))
        section = chapter.children[1]
        tree.follow(section.start)
        assert tree.cursor_node is not None
        assert tree.cursor_node.data == section.start
        assert rebuilds == []


async def test_a_collapsed_branch_is_opened_and_the_cursor_lands_on_the_item() -> None:
    doc = report()
    async with reading(ReaderApp(doc, figures_of(doc))) as (pilot, screen):
        tree = screen.chapter_tree
        branch = next(node for node in tree.root.children if node.children)
        branch.collapse()
        await pilot.pause()
        target = branch.children[-1]
        assert target.data is not None
        tree.follow(target.data)
        await pilot.pause()
        assert branch.is_expanded
        assert tree.cursor_node is target


class Label(App[None]):
    CSS = "PositionLabel { width: auto; }"

    def compose(self) -> ComposeResult:
        yield PositionLabel(id="position")


def chapter(number: int) -> Page:
    return Page(f"第{number}章", 0, 10, None, number)


async def test_the_position_label_asks_for_a_layout_only_when_its_text_needs_room(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = Label()
    async with app.run_test() as pilot:
        label = app.query_one(PositionLabel)
        label.show(chapter(1), 8, 10)
        await pilot.pause()
        layouts: list[bool] = []
        refresh = label.refresh

        def spy(*regions: object, layout: bool = False, **kwargs: bool) -> PositionLabel:
            layouts.append(layout)
            return refresh(*regions, layout=layout, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(label, "refresh", spy)
        label.show(chapter(2), 8, 37)
        label.show(chapter(2), 8, 37)
        assert layouts == [False]
        label.show(chapter(2), 8, 100)
        assert layouts == [False, True]
        await pilot.pause()
        assert str(label.render()) == "第2/8章 · 100%"
        layouts.clear()  # the layout itself refreshes the label too
        label.show(chapter(2), 8, 5)
        assert layouts == [False]
        await pilot.pause()
        assert str(label.render()) == "第2/8章 · 5%"


async def test_a_new_section_draws_a_screenful_of_figures_and_its_scrollbar_holds() -> None:
    lengths = [2, 30, 9, 60, 4, 17] * 10  # rows of one to three lines at this width
    figures = figures_with_indicators(["指标" * (n // 2) for n in lengths])
    app = FiguresPanelApp()
    async with app.run_test(size=(60, 20)) as pilot:
        panel = app.query_one(FiguresPanel)
        panel.show_figures(figures, "本节")
        await pilot.pause()
        height = panel.virtual_size.height
        assert panel.rows_drawn < len(figures) // 2
        assert height > len(figures)
        panel.focus()
        await pilot.press("G", "g")
        assert panel.rows_drawn < len(figures)
        assert panel.virtual_size.height == height


async def test_a_section_shown_again_reuses_its_drawn_rows(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first = figures_with_indicators([f"第一节指标{n}" for n in range(10)])
    second = figures_with_indicators([f"第二节指标{n}" for n in range(10)])
    app = FiguresPanelApp()
    async with app.run_test(size=(60, 20)) as pilot:
        panel = app.query_one(FiguresPanel)
        panel.show_figures(first, "本节")
        await pilot.pause()
        panel.show_figures(second, "本节")
        await pilot.pause()
        drawn = rows_wrapped(panel, monkeypatch)
        panel.show_figures(first, "本节")
        await pilot.pause()
        assert "第一节指标0" in shown_text(panel)
        assert drawn == []
        panel.show_figures(figures_with_indicators(["第三节指标"]), "本节")
        await pilot.pause()
        assert len(drawn) == 1


def shown_text(panel: FiguresPanel) -> str:
    return "\n".join(panel.render_line(y).text for y in range(panel.size.height))


async def test_a_move_goes_straight_to_the_app_so_one_frame_shows_all_it_changes() -> None:
    """Bubbling up through the screen would let it paint the text before the tree and panels."""
    doc = report()
    app = ReaderApp(doc, figures_of(doc))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        passed_by: list[object] = []
        for node in (app.screen, app.query_one("#body")):
            node.message_signal.subscribe(app, passed_by.append, immediate=True)
        heard: list[object] = []
        app.message_signal.subscribe(app, heard.append, immediate=True)
        await pilot.press("]", "G")
        await pilot.pause()
        kinds = (ReadingPane.Moved, FiguresPanel.Highlighted)
        moves = [message for message in heard if isinstance(message, ReadingPane.Moved)]
        assert len(moves) == 2
        assert any(isinstance(message, FiguresPanel.Highlighted) for message in heard)
        assert not [message for message in passed_by if isinstance(message, kinds)]


def selected_text(reader: ReadingPane) -> str:
    """Text drawn on a background of its own, as on screen now: with no search, the selection."""
    base = reader.visual_style.rich_style.bgcolor
    return "".join(
        segment.text
        for y in range(reader.size.height)
        for segment in reader.render_line(y)
        if segment.style is not None and segment.style.bgcolor != base
    )


async def test_a_new_selection_redraws_the_lines_of_both_figures_even_off_screen() -> None:
    doc = report()
    figures = figures_of(doc)
    app = ReaderApp(doc, figures)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = reader_screen(app)
        reader = screen.reader
        await pilot.pause()
        chapter = doc.children[0]
        first, second = [f for f in figures if chapter.start <= f.start < chapter.end][:2]
        reader.go_to(first.start)
        await pilot.pause()
        reader.select_figure(first)
        await pilot.pause()
        assert selected_text(reader) == first.surface
        reader.select_figure(second)
        await pilot.pause()
        assert selected_text(reader) == second.surface
        await pilot.press("G")  # the first figure's line is kept, drawn, off screen
        reader.select_figure(first)
        await pilot.press("g")
        await pilot.pause()
        reader.go_to(first.start)
        await pilot.pause()
        assert selected_text(reader) == first.surface


async def test_a_long_report_parsed_beforehand_is_kept_out_of_the_collectors_passes() -> None:
    doc = build_document(load_bytes(report_text(9).encode() * 40, "long.txt"))
    assert len(doc.text) > PARSE_AT_ONCE
    gc.unfreeze()
    app = ReaderApp(doc, [])
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


async def test_rows_that_will_bring_the_scrollbar_are_drawn_once_at_its_side(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Fewer rows than the panel is high, but more lines: the scrollbar is foreseen."""
    app = FiguresPanelApp()
    async with app.run_test(size=(60, 20)) as pilot:
        panel = app.query_one(FiguresPanel)
        await pilot.pause()
        figures = figures_with_indicators(["指标" * 20 + str(n) for n in range(8)])
        assert len(figures) < panel.scrollable_content_region.height
        drawn = rows_wrapped(panel, monkeypatch)
        panel.show_figures(figures, "本节")
        await pilot.pause()
        assert panel.show_vertical_scrollbar
        assert len(drawn) == len(set(drawn))


def rows_wrapped(panel: FiguresPanel, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The text of each row ``panel`` wraps from now on."""
    drawn: list[str] = []
    wrap_row = panel._wrap_row

    def spy(content: Content, style: Style, meta: dict[str, int]) -> list[Strip]:
        drawn.append(content.plain)
        return wrap_row(content, style, meta)

    monkeypatch.setattr(panel, "_wrap_row", spy)
    return drawn


def layouts_asked_by(widget: Widget) -> list[Widget]:
    """``widget`` each time it asks its screen for a layout from now on."""
    asked: list[Widget] = []

    def heard(message: Message) -> None:
        if isinstance(message, messages.Layout) and message.widget is widget:
            asked.append(widget)

    widget.screen.message_signal.subscribe(widget, heard, immediate=True)
    return asked


async def test_a_new_page_resizes_the_text_and_its_scrollbar_without_a_layout() -> None:
    doc = report()
    app = ReaderApp(doc, figures_of(doc))
    async with app.run_test(size=(120, 8)) as pilot:
        reader = reader_screen(app).reader
        reader.go_to(reader.pages[1].start)
        await pilot.pause()
        assert reader.show_vertical_scrollbar
        height = reader.virtual_size.height
        asked = layouts_asked_by(reader)
        reader.go_to(reader.pages[-1].start)
        await pilot.pause()
        assert reader.virtual_size.height != height
        assert reader.vertical_scrollbar.window_virtual_size == reader.virtual_size.height
        assert asked == []


async def test_opening_a_branch_lengthens_the_tree_without_a_layout() -> None:
    doc = report()
    app = ReaderApp(doc, figures_of(doc))
    async with app.run_test(size=(120, 12)) as pilot:
        tree = reader_screen(app).chapter_tree
        branch = next(node for node in tree.root.children if node.children)
        branch.collapse()
        await pilot.pause()
        assert tree.show_vertical_scrollbar
        height = tree.virtual_size.height
        asked = layouts_asked_by(tree)
        target = branch.children[-1]
        assert target.data is not None
        tree.follow(target.data)
        await pilot.pause()
        assert tree.cursor_node is target
        assert tree.virtual_size.height == height + len(branch.children)
        assert tree.vertical_scrollbar.window_virtual_size == tree.virtual_size.height
        assert asked == []


async def test_a_page_read_lately_is_shown_again_without_laying_it_out(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Back and forth between two chapters lays each out once, at one width."""
    from tui.widgets import reading_pane

    doc = report()
    async with reading(ReaderApp(doc, figures_of(doc))) as (pilot, screen):
        laid_out: list[int] = []
        original = reading_pane.page_blocks

        def counted(document: object, page: Page) -> object:
            laid_out.append(page.start)
            return original(document, page)  # type: ignore[arg-type]

        monkeypatch.setattr(reading_pane, "page_blocks", counted)
        first, second = doc.children[0], doc.children[1]
        for _ in range(3):
            screen.reader.go_to(second.start)
            await pilot.pause()
            screen.reader.go_to(first.start)
            await pilot.pause()
        assert sorted(set(laid_out)) == sorted(laid_out)
        assert screen.reader.visible_text().strip()
        await pilot.resize_terminal(100, 40)
        await pilot.pause()
        screen.reader.go_to(second.start)
        await pilot.pause()
        assert second.heading.strip() in screen.reader.visible_text()
