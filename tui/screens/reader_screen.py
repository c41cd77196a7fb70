"""The reader: chapter tree, reading pane and figures panel, wired together.

The widgets each own one job and talk in messages (``ReadingPane.Moved``,
``FiguresPanel.Chosen``, ...); this screen is where those messages meet the
user's settings and memory: it saves the reading position, runs the search
and does the copying. Keywords (``reader_keywords``) and bookmarks
(``reader_bookmarks``) are parts of their own, all on the report and memory
held by ``reader_base``. It is a screen, not an app, so the library opens a
report over itself and ``escape`` comes back to it as it was left;
``tui.app.ReaderApp`` shows one on its own.

A long report opens on a parse of its first part and is read to the end in
the background (``tui.report_parse``).
"""

from __future__ import annotations

import gc
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.command import CommandPalette
from textual.containers import Horizontal
from textual.content import Content
from textual.events import DescendantFocus
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Header, Static, Tree

from parsers.model import Document, Figure
from themes import ALL_THEMES
from tui.bindings import READER_BINDINGS
from tui.commands import Choice, ReaderCommands, ReportChoices, figure_choices, section_choices
from tui.config import FiguresScope
from tui.report_parse import PARSE_AT_ONCE, deliver_while
from tui.screens.reader_bookmarks import ReaderBookmarks
from tui.screens.reader_keywords import ReaderKeywords
from tui.sections import figures_between
from tui.widgets.chapter_tree import ChapterTree
from tui.widgets.figures_panel import NO_FIGURES, FiguresPanel
from tui.widgets.key_footer import KeyFooter
from tui.widgets.position_label import PositionLabel
from tui.widgets.reading_pane import ReadingPane
from tui.widgets.search_bar import SearchBar

JUMP_CONTEXT = 2
"""Lines kept above a search hit or figure jumped to, so it is seen in its sentence."""
PARSING = "正在解析… parsing"
EXTRACTING = "正在提取数字… extracting figures"


class ReaderScreen(ReaderKeywords, ReaderBookmarks):
    """One government work report: its chapters, its text and its figures."""

    BINDINGS: ClassVar[list[BindingType]] = READER_BINDINGS
    COMMANDS = Screen.COMMANDS | {ReaderCommands}
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-narrow"), (100, "-wide")]
    BACK_ON_ESCAPE: ClassVar[bool] = False
    """Whether ``escape``, with nothing left to clear, closes the screen (back to the library)."""

    # -- layout -------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        with Horizontal(id="body"):
            reader = ReadingPane(self.document, self.figures, id="reader")
            yield ChapterTree(reader.pages, id="tree")
            yield reader
            yield FiguresPanel(id="figures")
        search = SearchBar(id="search")
        search.display = False
        yield search
        with Horizontal(id="status"):
            yield KeyFooter()
            progress = Static(Content(PARSING if self._loaded else EXTRACTING), id="parsing")
            progress.display = self.parsing
            yield progress
            yield PositionLabel(id="position")

    def on_mount(self) -> None:
        meta = self.document.meta
        self.title = " ".join((self.document.title or "政府工作报告").split())
        self.sub_title = " · ".join(
            part for part in (meta.region, f"{meta.year}年" if meta.year else None) if part
        )
        self._deliver = deliver_while(self.app, lambda: self.is_attached)
        reader = self.reader
        if self._open_at is not None:
            self.go_to_when_read(self._open_at, context=JUMP_CONTEXT)
        else:
            start = self.state.position_for(self.document_key)
            self.go_to_when_read(start if start is not None else 0)
        self._refresh_keywords()
        reader.focus()
        if self._open_at is not None and self._open_query:
            self.run_search(self._open_query)
        if self.parsing:
            self._opening.finish_in_background(self._deliver, self)
        elif len(self.document.text) > PARSE_AT_ONCE:
            # A long report parsed before the reader (or read from the parse cache) is
            # millions of objects that live as long as the reader: each full pass of the
            # cycle collector over them would stall a key, so they are left out of its
            # passes, as after a parse in the background.
            gc.freeze()

    def go_to_when_read(self, offset: int, context: int = 0) -> None:
        """Go to ``offset`` now, or as soon as the parse reaches it."""
        if self._loaded is not None and offset >= len(self.document.text):
            self._wanted = offset
            offset = 0
        pages = self.reader.pages
        self.reader.go_to(max(offset, pages[0].start) if pages else 0, context=context)

    # -- the rest of a long report, parsed in the background --------------------

    def document_ready(self, document: Document) -> None:
        """The whole report is parsed: show it where the reader is (or wanted to be)."""
        reader = self.reader
        self.document, self._loaded = document, None
        self._section = None
        wanted, self._wanted = self._wanted, None
        reader.set_document(document, self.figures)
        self.chapter_tree.set_pages(reader.pages)
        if wanted is not None and reader.position == (reader.pages[0].start if reader.pages else 0):
            reader.go_to(wanted)
        if self.search.query:
            # Not moved: the rest of the report arrived, nobody asked to jump.
            self.search.refind(document, self.position)
            self._show_search()
        self._show_progress()

    def figures_ready(self, document: Document, figures: list[Figure]) -> None:
        if document is not self.document:
            return
        self.figures, self._extracting = figures, False
        self.reader.set_figures(figures)
        self._update_figures(force=True)
        self._show_progress()

    def parse_failed(self, error: Exception) -> None:
        self._loaded, self._wanted, self._extracting = None, None, False
        self._show_progress()
        what = "This report could not be read to the end"
        self.notify(f"{what}: {error}", severity="error", markup=False, timeout=10)

    def _show_progress(self) -> None:
        progress = self.query_one("#parsing", Static)
        progress.update(Content(PARSING if self._loaded is not None else EXTRACTING))
        progress.display = self.parsing

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Reader keys stay quiet (and off the footer) while a dialog or the palette is open."""
        return self.app.screen is self

    # -- following the reading position ------------------------------------

    def reading_moved(self, event: ReadingPane.Moved) -> None:
        """The text moved: the tree, the figures and the position label follow it.

        Handed over by the app, which the pane tells directly (see ``GwrApp``).
        """
        reader = self.reader
        self.chapter_tree.follow(event.offset)
        self._update_figures()
        chapters = sum(1 for page in reader.pages if page.number is not None)
        at_end = reader.page_index == len(reader.pages) - 1 and reader.is_vertical_scroll_end
        length = len(self._loaded.text if self._loaded is not None else self.document.text)
        percent = 100 if at_end else 100 * event.offset // max(1, length)
        self.query_one("#position", PositionLabel).show(reader.page, chapters, percent)
        if event.page_changed:
            self.save_position()

    def _update_figures(self, force: bool = False) -> None:
        """Show the scope's figures; a new section selects its first figure.

        A figure the reader jumped to stays selected even though the jump
        moved into another section.
        """
        start, end, _ = self.current_section()
        if not force and self._section == (start, end) and self._prefer_figure is None:
            return
        self._section = (start, end)
        panel = self.figures_panel
        in_section = figures_between(self.figures, start, end)
        empty = EXTRACTING if self._extracting else NO_FIGURES
        if self.config.figures_scope == "report":
            panel.show_figures(self.figures, f"数字 · 全文 ({len(self.figures)})", empty)
        else:
            panel.show_figures(in_section, f"数字 · 本节 ({len(in_section)})", empty)
        wanted = self._prefer_figure
        self._prefer_figure = None
        if wanted is None or not start <= wanted.start < end:
            wanted = in_section[0] if in_section else None
        if wanted is not None:
            panel.select(wanted)

    # -- widget messages ---------------------------------------------------

    @on(Tree.NodeSelected, "#tree")
    def _tree_chose(self, event: Tree.NodeSelected[int]) -> None:
        if event.node.data is not None:
            self.reader.go_to(event.node.data)

    def figure_highlighted(self, event: FiguresPanel.Highlighted) -> None:
        """Handed over by the app, which the panel tells directly (see ``GwrApp``)."""
        self.reader.select_figure(event.figure)

    @on(FiguresPanel.Chosen)
    def _figure_chosen(self, event: FiguresPanel.Chosen) -> None:
        self.show_figure(event.figure)

    def show_figure(self, figure: Figure) -> None:
        """Scroll to ``figure`` and keep it selected in the panel."""
        self._prefer_figure = figure
        self.reader.go_to(figure.start, context=JUMP_CONTEXT)

    @on(DescendantFocus)
    def _focus_moved(self, event: DescendantFocus) -> None:
        """On a narrow screen a side panel shows over the text only while it has focus."""
        for panel in (self.chapter_tree, self.figures_panel):
            panel.set_class(panel is event.widget, "-open")

    # -- navigation ----------------------------------------------------------

    def action_next_section(self) -> None:
        offsets = self.chapter_tree.heading_offsets
        index = bisect_right(offsets, self.position)
        if index < len(offsets):
            self.reader.go_to(offsets[index])

    def action_previous_section(self) -> None:
        offsets = self.chapter_tree.heading_offsets
        index = bisect_left(offsets, self.position) - 1
        if index >= 0:
            self.reader.go_to(offsets[index])

    def action_next_chapter(self) -> None:
        reader = self.reader
        if reader.page_index + 1 < len(reader.pages):
            reader.go_to(reader.pages[reader.page_index + 1].start)

    def action_previous_chapter(self) -> None:
        reader = self.reader
        if reader.page_index > 0:
            reader.go_to(reader.pages[reader.page_index - 1].start)

    def action_chapter(self, number: int) -> None:
        for page in self.reader.pages:
            if page.number == number:
                self.reader.go_to(page.start)
                return
        if not self._still_parsing(f"Chapter {number}"):
            self.notify(f"This report has no chapter {number}", severity="warning")

    def action_cycle_focus(self, step: int) -> None:
        """Tree → text → figures and round again; panels hidden on a narrow screen open."""
        order: list[Widget] = [self.chapter_tree, self.reader, self.figures_panel]
        focused = self.focused
        index = order.index(focused) if focused in order else 1
        target = order[(index + step) % len(order)]
        target.add_class("-open")
        target.focus()

    def action_go_to_section(self) -> None:
        self._choose(section_choices(self.document, self.reader.go_to), "Go to section…")

    def action_go_to_figure(self) -> None:
        """Every figure of the report; of a huge one, those that follow in this chapter."""
        if self._still_parsing("Go to figure"):
            return
        page_end = self.reader.page.end
        choices, placeholder = figure_choices(
            self.figures, self.position, page_end, self.show_figure
        )
        self._choose(choices, placeholder)

    def _choose(self, choices: list[Choice], placeholder: str) -> None:
        # The palette takes a SimpleProvider instance where its annotation says class.
        providers = [ReportChoices(self, choices)]
        self.app.push_screen(CommandPalette(providers=providers, placeholder=placeholder))  # type: ignore[arg-type]

    # -- search -------------------------------------------------------------

    def action_search(self) -> None:
        self.query_one("#search", SearchBar).open()

    @on(SearchBar.QueryChanged)
    def _query_changed(self, event: SearchBar.QueryChanged) -> None:
        self.run_search(event.query)

    @on(SearchBar.Submitted)
    def _query_submitted(self, event: SearchBar.Submitted) -> None:
        self.reader.focus()

    @on(SearchBar.Cancelled)
    def _query_cancelled(self) -> None:
        self.action_clear_search()

    def run_search(self, query: str) -> None:
        """Find ``query`` everywhere a reader can see it and go to the first hit from here."""
        if self._wanted is not None:
            self.search.query = query  # going past the part parsed: searched once it is read
            return
        self.search.run(self.document, query, self.position)
        self._show_hit()

    def action_next_hit(self) -> None:
        self._step_hit(1)

    def action_previous_hit(self) -> None:
        self._step_hit(-1)

    def action_clear_search(self) -> None:
        """Drop the search; on a narrow screen, also close a side panel lying over the text.

        With nothing of the kind to clear, a reader opened from the library goes back to it.
        """
        if self.BACK_ON_ESCAPE and not self.search.hits and self.focused is self.reader:
            self.save_position()
            self.dismiss()
            return
        bar = self.query_one("#search", SearchBar)
        if bar.display or (self.has_class("-narrow") and self.focused is not self.reader):
            bar.close()
            self.reader.focus()
        self.search.clear()
        self.reader.set_search([], None)

    def _step_hit(self, step: int) -> None:
        if not self.search.hits:
            self.notify("No search: press / to search", severity="warning")
            return
        self.search.step(step)
        self._show_hit()

    def _show_hit(self) -> None:
        self._show_search()
        if (hit := self.search.current) is not None:
            self.reader.go_to(hit[0], context=JUMP_CONTEXT)

    def _show_search(self) -> None:
        search = self.search
        self.reader.set_search(search.hits, search.index)
        self.query_one("#search", SearchBar).show_count(search.index, len(search.hits))

    # -- figures and copying -------------------------------------------------

    def action_toggle_figures_scope(self) -> None:
        scope: FiguresScope = "report" if self.config.figures_scope == "section" else "section"
        self._change_config(replace(self.config, figures_scope=scope))
        self._update_figures(force=True)

    def action_copy_figure(self) -> None:
        from parsers.figure_export import figure_line

        self._copy_selected("figure", figure_line, "No figure here to copy")

    def action_copy_section_figures(self) -> None:
        from parsers.figure_export import figures_tsv

        figures = self.section_figures()
        if not figures:
            if not self._still_parsing("Copy figures"):
                self.notify("This section has no figures", severity="warning")
            return
        self.copy(figures_tsv(figures), f"{len(figures)} figures as TSV")

    def action_copy_sentence(self) -> None:
        self._copy_selected("sentence", _sentence, "No figure selected, so no sentence to copy")

    def _copy_selected(self, what: str, text_of: Callable[[Figure], str], missing: str) -> None:
        """Copy ``text_of`` the figure selected in the panel, or say why there is none."""
        figure = self.figures_panel.selected
        if figure is None:
            if not self._still_parsing(f"Copy {what}"):
                self.notify(missing, severity="warning")
            return
        self.copy(text_of(figure), what)

    def copy(self, text: str, what: str) -> None:
        """Copy through the terminal and a system tool, and say which reached."""
        from tui import clipboard

        clipboard.copy_and_notify(self.app, text, what)

    def action_export(self) -> None:
        if self._still_parsing("Export figures"):
            return
        from tui.screens.export_dialog import ExportDialog

        stem = Path(self.document.source).stem or "report"
        dialog = ExportDialog(f"{stem}-figures.csv", len(self.figures))
        self.app.push_screen(dialog, self._export_to)

    def _export_to(self, path: str | None) -> None:
        if not path:
            return
        from tui.figures_output import write_figures
        from tui.screens.export_dialog import export_format

        target = Path(path).expanduser()
        try:
            write_figures(self.figures, export_format(path) or "csv", target)
        except OSError as error:
            message = f"Could not write {target}: {error.strerror or error}"
            self.notify(message, severity="error", markup=False)
            return
        self.notify(f"Wrote {len(self.figures)} figures to {target}", markup=False)

    # -- theme and help -----------------------------------------------------------

    def action_switch_theme(self) -> None:
        app = self.app
        names = [theme.name for theme in ALL_THEMES]
        index = names.index(app.theme) if app.theme in names else -1
        app.theme = names[(index + 1) % len(names)]
        self.notify(f"Theme: {app.theme}")

    def action_choose_theme(self) -> None:
        self.app.search_themes()

    def action_help(self) -> None:
        from tui.screens.help_screen import HelpScreen

        self.app.push_screen(HelpScreen())


def _sentence(figure: Figure) -> str:
    return figure.sentence
