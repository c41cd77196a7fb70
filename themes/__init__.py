"""Textual themes shipped with gwr-tui, registered by the app at start-up."""

from __future__ import annotations

from typing import Any, Protocol

from textual.app import App
from textual.theme import Theme

from themes.dark import GWR_DARK
from themes.highlights import HIGHLIGHT_VARIABLES, LEXICON_GROUPS
from themes.light import GWR_LIGHT
from themes.official import GWR_RED

DEFAULT_THEME = GWR_DARK.name
ALL_THEMES: tuple[Theme, ...] = (GWR_DARK, GWR_LIGHT, GWR_RED)

__all__ = [
    "ALL_THEMES",
    "DEFAULT_THEME",
    "HIGHLIGHT_VARIABLES",
    "LEXICON_GROUPS",
    "highlight_defaults",
    "register_themes",
    "theme_variable_defaults",
    "use_themes",
]


class _ThemeRegistry(Protocol):
    def register_theme(self, theme: Theme) -> None: ...


def register_themes(app: _ThemeRegistry) -> None:
    """Make every gwr theme selectable by name (``app.theme = "gwr-red"``)."""
    for theme in ALL_THEMES:
        app.register_theme(theme)


def highlight_defaults(dark: bool) -> dict[str, str]:
    """Highlight colours for a theme that does not define them (a Textual built-in).

    Borrowed from our own dark or light theme so keywords stay readable, and so
    CSS that names ``$kw-user`` still parses under any theme.
    """
    source = GWR_DARK if dark else GWR_LIGHT
    return {name: source.variables[name] for name in HIGHLIGHT_VARIABLES}


def use_themes(app: App[Any], name: str) -> None:
    """Register every gwr theme and select ``name``, or the default when it is unknown.

    A config file may name a theme from an older or newer release; starting
    in the default beats refusing to start.
    """
    register_themes(app)
    app.theme = name if app.get_theme(name) else DEFAULT_THEME


def theme_variable_defaults(app: App[Any]) -> dict[str, str]:
    """The highlight variables for ``app``'s current theme, dark or light as it is."""
    theme = app.get_theme(app.theme)
    return highlight_defaults(theme.dark if theme is not None else True)
