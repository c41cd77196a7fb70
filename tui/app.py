"""The apps: what the reader and the library share, and the reader on one report.

Everything a reader does lives on ``tui.screens.reader_screen.ReaderScreen``;
an app holds what outlasts a screen: the themes, the user's settings and
reading state (``tui.memory.Memory``, loaded once, its warnings said once),
and quitting, which remembers where every open report was left.

Start it with ``ReaderApp(document).run()``; ``python -m tui.app [FILE]``
opens a file (the bundled sample report by default) for a quick look.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from textual.app import App
from textual.screen import Screen

from parsers.model import Document, Figure, LoadedText
from themes import theme_variable_defaults, use_themes
from tui.memory import Memory
from tui.screens.reader_screen import ReaderScreen
from tui.widgets.figures_panel import FiguresPanel
from tui.widgets.reading_pane import ReadingPane


class GwrApp(App[None]):
    """Themes, memory and quitting, for the reader on its own and for the library."""

    CSS_PATH = "app.tcss"
    TITLE = "gwr-tui"

    def __init__(self) -> None:
        super().__init__()
        self.memory = Memory()
        use_themes(self, self.memory.config.theme)

    def on_mount(self) -> None:
        for warning in self.memory.warnings:
            self.notify(warning, severity="warning", markup=False, timeout=8)

    def get_theme_variable_defaults(self) -> dict[str, str]:
        """Highlight colours for themes that do not define them (Textual's own)."""
        return {**super().get_theme_variable_defaults(), **theme_variable_defaults(self)}

    def watch_theme(self, theme: str) -> None:
        """Any theme change the user makes (``t`` or the palette) is remembered."""
        if self.is_running and theme != self.memory.config.theme:
            problem = self.memory.change_config(replace(self.memory.config, theme=theme))
            if problem:
                self.notify(problem, severity="error", markup=False)

    def on_reading_pane_moved(self, event: ReadingPane.Moved) -> None:
        """The reading pane tells the app itself rather than bubbling up through its screen.

        On the way up, or even in the screen's own queue, the screen would
        paint the moved text first, and paint again once the tree, the
        figures and the position label had followed: two frames for one key.
        Handled here, the reader screen updates them all before its next paint.
        """
        if event.pane.is_attached and isinstance(screen := event.pane.screen, ReaderScreen):
            screen.reading_moved(event)

    def on_figures_panel_highlighted(self, event: FiguresPanel.Highlighted) -> None:
        """As for ``ReadingPane.Moved``: one frame shows the panel and the figure marked."""
        if event.panel.is_attached and isinstance(screen := event.panel.screen, ReaderScreen):
            screen.figure_highlighted(event)

    async def action_quit(self) -> None:
        """Remember where reading stopped, then leave."""
        for screen in self.screen_stack:
            if isinstance(screen, ReaderScreen):
                screen.save_position()
        self.exit()


class ReaderApp(GwrApp):
    """A terminal reader for one government work report."""

    def __init__(self, report: Document | LoadedText, figures: list[Figure] | None = None) -> None:
        """Read ``report``; see ``ReaderScreen`` for ``figures`` and long reports.

        The report is parsed here, before the app runs, so its first frame is
        the whole reader.
        """
        super().__init__()
        self.reader_screen = ReaderScreen(report, self.memory, figures)
        """The report's reader: the app's only screen under its dialogs, nothing to go back to."""

    def get_default_screen(self) -> Screen[None]:
        return self.reader_screen


def main(argv: Sequence[str] | None = None) -> None:
    """Open a report for a quick look without the full command line."""
    from parsers.load import load_path

    args = list(sys.argv[1:] if argv is None else argv)
    if args:
        path = Path(args[0])
    else:
        from tui.cli import sample_path

        path = sample_path()
    ReaderApp(load_path(path)).run()


if __name__ == "__main__":
    main()
