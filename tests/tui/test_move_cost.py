"""A move through the report repaints what changed and lays the screen out only when needed.

A layout of the whole screen costs more than the rest of a keypress, so the
widgets that follow the reading position must not ask for one on every move.
"""

from __future__ import annotations

import pytest
from reader_support import figures_of, report
from textual.app import App, ComposeResult

from tui.app import ReaderApp
from tui.widgets.page_layout import Page
from tui.widgets.position_label import PositionLabel


async def test_the_tree_follows_into_an_open_branch_at_once_without_rebuilding(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    doc = report()
    app = ReaderApp(doc, figures_of(doc))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        tree = app.chapter_tree
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
    app = ReaderApp(doc, figures_of(doc))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        tree = app.chapter_tree
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
    def compose(self) -> ComposeResult:
        yield PositionLabel(id="position")


def chapter(number: int) -> Page:
    return Page(f"第{number}章", 0, 10, None, number)


async def test_the_position_label_asks_for_a_layout_only_when_its_width_changes(
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
