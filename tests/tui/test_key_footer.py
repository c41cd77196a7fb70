"""The key footer keeps its key widgets while the keys it shows stay the same."""

from __future__ import annotations

from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.widget import Widget
from textual.widgets import Static
from textual.widgets._footer import FooterKey

from tui.widgets.key_footer import KeyFooter


class Pane(Static, can_focus=True):
    """A focusable pane with no keys of its own."""


class ZoomPane(Pane):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("z", "zoom", "Zoom")]


class Panes(App[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Pane("one", id="one")
        yield Pane("two", id="two")
        yield ZoomPane("zoom", id="zoom")
        yield KeyFooter()


def key_widgets(app: App[None]) -> list[Widget]:
    return list(app.query(FooterKey))


async def test_moving_focus_between_panes_with_the_same_keys_keeps_the_key_widgets() -> None:
    app = Panes()
    async with app.run_test() as pilot:
        app.query_one("#one").focus()
        await pilot.pause()
        before = key_widgets(app)
        app.query_one("#two").focus()
        await pilot.pause()
        assert [key.key for key in before] == ["q", "ctrl+p"]
        assert key_widgets(app) == before


async def test_a_pane_bringing_its_own_key_rebuilds_the_footer_with_it() -> None:
    app = Panes()
    async with app.run_test() as pilot:
        app.query_one("#one").focus()
        await pilot.pause()
        app.query_one("#zoom").focus()
        await pilot.pause()
        assert [key.key for key in key_widgets(app)] == ["z", "q", "ctrl+p"]
        app.query_one("#two").focus()
        await pilot.pause()
        assert [key.key for key in key_widgets(app)] == ["q", "ctrl+p"]
