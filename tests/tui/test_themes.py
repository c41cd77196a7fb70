"""The shipped themes: they register, define every highlight role, and stay readable."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.color import Color
from textual.content import Content
from textual.theme import Theme
from textual.widgets import Static

from themes import (
    ALL_THEMES,
    DEFAULT_THEME,
    HIGHLIGHT_VARIABLES,
    highlight_defaults,
    register_themes,
    theme_variable_defaults,
    use_themes,
)

THEMES = {theme.name: theme for theme in ALL_THEMES}


class ThemedApp(App[None]):
    """The way the reader wires themes: register all, fall back for foreign themes."""

    CSS = "#kw { color: $kw-user; background: $kw-search; }"

    def __init__(self) -> None:
        super().__init__()
        register_themes(self)
        self.theme = DEFAULT_THEME

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return highlight_defaults(self.current_theme.dark)

    def compose(self) -> ComposeResult:
        yield Static("城市更新", id="kw")


def contrast(first: str, second: str) -> float:
    """WCAG 2 contrast ratio: 4.5 is the floor for body text."""

    def luminance(colour: str) -> float:
        def channel(value: int) -> float:
            v = value / 255
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        r, g, b = Color.parse(colour).rgb
        return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)

    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_three_distinct_themes_with_the_dark_one_as_default() -> None:
    assert {"gwr-dark", "gwr-light", "gwr-red"} <= set(THEMES)
    assert len(THEMES) == len(ALL_THEMES)
    assert DEFAULT_THEME == "gwr-dark" and THEMES[DEFAULT_THEME].dark


@pytest.mark.parametrize("theme", ALL_THEMES, ids=lambda t: t.name)
def test_every_highlight_role_is_a_colour(theme: Theme) -> None:
    for name in HIGHLIGHT_VARIABLES:
        Color.parse(theme.variables[name])


@pytest.mark.parametrize("theme", ALL_THEMES, ids=lambda t: t.name)
def test_text_and_highlights_are_readable(theme: Theme) -> None:
    assert theme.foreground and theme.background and theme.surface
    assert contrast(theme.foreground, theme.background) >= 7
    for name in HIGHLIGHT_VARIABLES:
        colour = theme.variables[name]
        if name == "kw-search":
            assert contrast(theme.foreground, colour) >= 4.5, name
        else:
            assert contrast(colour, theme.background) >= 4.5, name
            assert contrast(colour, theme.surface) >= 4.5, name


@pytest.mark.parametrize("name", ["gwr-light", "gwr-red"])
def test_light_themes_put_dark_text_on_a_light_page(name: str) -> None:
    theme = THEMES[name]
    assert theme.dark is False
    assert theme.background and theme.foreground
    assert Color.parse(theme.background).brightness > 0.9
    assert Color.parse(theme.foreground).brightness < 0.2


def test_keyword_colours_can_be_told_apart() -> None:
    for theme in ALL_THEMES:
        colours = [theme.variables[f"kw-{g}"] for g in ("economy", "innovation", "risk")]
        colours.append(theme.variables["kw-user"])
        assert len({c.lower() for c in colours}) == len(colours), theme.name


async def test_all_themes_register_and_apply_their_variables_to_css() -> None:
    app = ThemedApp()
    async with app.run_test() as pilot:
        kw = app.query_one("#kw", Static)
        for theme in ALL_THEMES:
            app.theme = theme.name
            await pilot.pause()
            assert app.current_theme is theme
            assert kw.styles.color == Color.parse(theme.variables["kw-user"])
            assert kw.styles.background == Color.parse(theme.variables["kw-search"])


async def test_highlight_variables_resolve_in_content_styles() -> None:
    app = ThemedApp()
    async with app.run_test() as pilot:
        app.theme = "gwr-red"
        await pilot.pause()
        content = Content("要扩大内需。").stylize("$kw-economy", 1, 5)
        styled = {text: style for text, style in content.render() if style is not None}
        economy = THEMES["gwr-red"].variables["kw-economy"]
        assert styled["扩大内需"].foreground == Color.parse(economy)


@pytest.mark.parametrize("builtin", ["textual-dark", "textual-light"])
async def test_builtin_themes_still_work_through_the_defaults(builtin: str) -> None:
    app = ThemedApp()
    async with app.run_test() as pilot:
        app.theme = builtin
        await pilot.pause()
        expected = highlight_defaults(app.current_theme.dark)["kw-user"]
        assert app.query_one("#kw").styles.color == Color.parse(expected)


async def test_an_unknown_theme_name_falls_back_to_the_default() -> None:
    app = App[None]()
    async with app.run_test():
        use_themes(app, "no-such-theme")
        assert app.theme == DEFAULT_THEME
        use_themes(app, "gwr-red")
        assert app.theme == "gwr-red"
        assert theme_variable_defaults(app) == highlight_defaults(dark=False)
