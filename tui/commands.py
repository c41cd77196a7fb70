"""The reader's entries in the command palette (``ctrl+p``).

"Go to section…" and "Go to figure…" open a second palette listing every
heading or figure, so a long report is searchable by what it says rather
than by scrolling.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from tui.app import ReaderApp


class ReaderCommands(Provider):
    """Navigation, copying, theme and export, each one palette entry."""

    def _commands(self) -> list[tuple[str, Callable[[], object], str]]:
        app = cast("ReaderApp", self.app)
        return [
            ("Go to section…", app.action_go_to_section, "Pick a chapter or section by its title"),
            ("Go to figure…", app.action_go_to_figure, "Pick a figure of the report by indicator"),
            (
                "Copy figures of this section",
                app.action_copy_section_figures,
                "Copy every figure of the current section as TSV with a header row",
            ),
            ("Switch theme", app.action_choose_theme, "Choose a theme; the choice is remembered"),
            (
                "Export figures…",
                app.action_export,
                "Write every figure to a .csv, .json or .md file",
            ),
        ]

    async def discover(self) -> Hits:
        for name, callback, help_text in self._commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, callback, help_text in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
