"""The reader: chapter tree, reading pane and figures panel, wired together.

The widgets each own one job and talk in messages (``ReadingPane.Moved``,
``FiguresPanel.Chosen``, ...); this module is where those messages meet the
user's settings and memory: it saves the reading position, the theme and
the keywords, runs the search and does the copying.

Start it with ``ReaderApp(document).run()``; ``python -m tui.app [FILE]``
opens a file (the bundled sample report by default) for a quick look.

A long report (``LoadedText`` over ``PARSE_AT_ONCE`` characters) opens at
once on a parse of its first part; the whole text is parsed and its figures
extracted in a background thread, then swapped in where the reader is.
Loaded text is parsed once: the result is kept in the parse cache
(``parsers.parse_cache``), and a report found there opens whole at once,
without loading the tree builder or the extractor at all.
"""

from __future__ import annotations

import gc
import re
import sys
import threading
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import App, ComposeResult
from textual.command import CommandPalette
from textual.containers import Horizontal
from textual.content import Content
from textual.events import DescendantFocus
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Header, Static, Tree

from parsers.keywords import KeywordSummary, find_terms, keyword_summary, load_lexicon
from parsers.model import Document, Figure, LoadedText
from parsers.parse_cache import load_parsed, store_parsed
from themes import ALL_THEMES, theme_variable_defaults, use_themes
from tui.bindings import APP_BINDINGS, READER_ACTIONS
from tui.commands import Choice, ReaderCommands, ReportChoices
from tui.config import Config, FiguresScope, load_config, save_config
from tui.locations import cache_dir
from tui.state import document_key, load_state, save_state
from tui.widgets.chapter_tree import ChapterTree
from tui.widgets.figures_panel import NO_FIGURES, FiguresPanel
from tui.widgets.key_footer import KeyFooter
from tui.widgets.position_label import PositionLabel
from tui.widgets.reading_pane import ReadingPane
from tui.widgets.search_bar import SearchBar

if TYPE_CHECKING:
    from tui.screens.bookmarks_screen import BookmarksScreen

JUMP_CONTEXT = 2
"""Lines kept above a search hit or figure jumped to, so it is seen in its sentence."""
PARSE_AT_ONCE = 200_000
"""Reports up to this many characters (every real one) are parsed before the first screen."""
FIRST_PART = 150_000
"""Characters parsed up front for the first screens of a longer report."""
PALETTE_FIGURES = 2000
"""Most figures listed by "Go to figure…": the palette matches every entry on each key."""
GIL_HANDOVER = 0.0005
"""Seconds the parse thread may hold the interpreter while the reader waits for it."""
PARSING = "正在解析… parsing"
EXTRACTING = "正在提取数字… extracting figures"
_SECTION_KINDS = frozenset({"part", "chapter", "section", "appendix"})
KIND_LABEL = {"part": "部分", "chapter": "章", "section": "节", "item": "条", "appendix": "附件"}


class ReaderApp(App[None]):
    """A terminal reader for one government work report."""

    CSS_PATH = "app.tcss"
    TITLE = "gwr-tui"
    BINDINGS = APP_BINDINGS
    COMMANDS = App.COMMANDS | {ReaderCommands}
    # Textual's own annotation makes this an instance variable to mypy, so no ClassVar here.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]  # noqa: RUF012

    def __init__(self, report: Document | LoadedText, figures: list[Figure] | None = None) -> None:
        """Read ``report``: a parsed Document, or loaded text (a long one is parsed while shown).

        ``figures`` ``None`` means "extract them": at once for a report up to
        ``PARSE_AT_ONCE`` characters, so its first screen is final; in the
        background for a longer one. Loaded text with no figures given is
        looked up in the parse cache first, and kept there once parsed.
        """
        super().__init__()
        loaded: LoadedText | None = None
        self._keep_as: LoadedText | None = None
        """The loaded text whose parse goes to the cache once it is complete."""
        if isinstance(report, Document):
            document = report
        elif figures is None and (cached := load_parsed(report, cache_dir())) is not None:
            document, figures = cached
        else:
            self._keep_as = report if figures is None else None
            if len(report.text) <= PARSE_AT_ONCE:
                document = build_document(report)
            else:
                document, loaded = first_part(report), report
        self.document: Document = document
        self._loaded = loaded
        """The whole text while only its first part is parsed."""
        if figures is None and loaded is None and len(self.document.text) <= PARSE_AT_ONCE:
            from parsers.figures import extract_figures

            figures = extract_figures(self.document)
            self._keep(self.document, figures)
        self._extracting = figures is None
        self.figures: list[Figure] = sorted(figures or [], key=_start)
        self.config, config_warning = load_config()
        self.state, state_warning = load_state()
        self._warnings = [w for w in (config_warning, state_warning) if w]
        self.document_key = document_key(loaded.text if loaded is not None else self.document.text)
        use_themes(self, self.config.theme)
        self.search_hits: list[tuple[int, int]] = []
        self.search_index: int | None = None
        self._query = ""
        self._readable: ReadableText | None = None
        self._section: tuple[int, int] | None = None
        self._prefer_figure: Figure | None = None
        self._wanted: int | None = None
        """A position past the part parsed so far, to go to once the rest is read."""
        self._counting = False

    @property
    def parsing(self) -> bool:
        """Whether the full parse or the figure extraction is still running."""
        return self._loaded is not None or self._extracting

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
        for warning in self._warnings:
            self.notify(warning, severity="warning", markup=False, timeout=8)
        reader = self.reader
        start = self.state.position_for(self.document_key)
        self.go_to_when_read(start if start is not None else 0)
        self._refresh_keywords()
        reader.focus()
        if self.parsing:
            threading.Thread(target=self._parse_rest, name="gwr-parse", daemon=True).start()
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

    def _parse_rest(self) -> None:
        """Parse the whole text and extract its figures; runs in its own thread.

        A daemon thread, not a Textual worker: quitting during a long
        extraction must not wait for it. Whatever goes wrong becomes a
        notification, never a traceback over the reader.

        While it runs, the interpreter hands the GIL over every half
        millisecond instead of every five, so a key pressed meanwhile is not
        kept waiting, and the cyclic garbage collector rests: each of its
        full passes over the million objects being built would stall the
        reader for a quarter of a second. Those objects live as long as the
        reader, so they are then frozen out of its passes for good.
        """
        from parsers import figures as figure_parser

        interval = sys.getswitchinterval()
        sys.setswitchinterval(GIL_HANDOVER)
        collecting = gc.isenabled()
        gc.disable()
        try:
            document = self.document
            if self._loaded is not None:
                document = build_document(self._loaded)
                if not self._deliver(self._document_ready, document):
                    return
            if self._extracting:
                found = sorted(figure_parser.extract_figures(document), key=_start)
                self._deliver(self._figures_ready, document, found)
                self._keep(document, found)
        except Exception as error:  # whatever it is, the reader stays open and says so
            self._deliver(self._parse_failed, error)
        finally:
            sys.setswitchinterval(interval)
            gc.freeze()
            if collecting:
                gc.enable()

    def _keep(self, document: Document, figures: list[Figure]) -> None:
        """Put a complete parse of loaded text in the cache, so the next open skips parsing."""
        if self._keep_as is not None:
            store_parsed(self._keep_as, document, figures, cache_dir())

    def _deliver(self, callback: Callable[..., None], *args: Any) -> bool:
        """Run ``callback`` in the app's thread; ``False`` once the app has gone."""
        if not self.is_running:
            return False

        def if_running() -> None:
            if self.is_running:
                callback(*args)

        try:
            self.call_from_thread(if_running)
        except RuntimeError:
            return False
        return True

    def _document_ready(self, document: Document) -> None:
        """The whole report is parsed: show it where the reader is (or wanted to be)."""
        reader = self.reader
        self.document, self._loaded = document, None
        self._section = None
        wanted, self._wanted = self._wanted, None
        reader.set_document(document, self.figures)
        self.chapter_tree.set_pages(reader.pages)
        if wanted is not None and reader.position == (reader.pages[0].start if reader.pages else 0):
            reader.go_to(wanted)
        if self._query:
            self._find_again()
        self._show_progress()

    def _figures_ready(self, document: Document, figures: list[Figure]) -> None:
        if document is not self.document:
            return
        self.figures, self._extracting = figures, False
        self.reader.set_figures(figures)
        self._update_figures(force=True)
        self._show_progress()

    def _parse_failed(self, error: Exception) -> None:
        self._loaded, self._wanted, self._extracting = None, None, False
        self._show_progress()
        what = "This report could not be read to the end"
        self.notify(f"{what}: {error}", severity="error", markup=False, timeout=10)

    def _show_progress(self) -> None:
        progress = self.query_one("#parsing", Static)
        progress.update(Content(PARSING if self._loaded is not None else EXTRACTING))
        progress.display = self.parsing

    def _still_parsing(self, what: str) -> bool:
        """Say so when ``what`` needs the whole report and it is not read yet."""
        if self.parsing:
            self.notify(f"{what}: the report is still being read, try again in a moment")
        return self.parsing

    def get_theme_variable_defaults(self) -> dict[str, str]:
        """Highlight colours for themes that do not define them (Textual's own)."""
        return {**super().get_theme_variable_defaults(), **theme_variable_defaults(self)}

    @property
    def reader(self) -> ReadingPane:
        return self.query_one("#reader", ReadingPane)

    @property
    def chapter_tree(self) -> ChapterTree:
        return self.query_one("#tree", ChapterTree)

    @property
    def figures_panel(self) -> FiguresPanel:
        return self.query_one("#figures", FiguresPanel)

    @property
    def position(self) -> int:
        """The reading position as an offset into the document text."""
        return self.reader.position

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Reader keys stay quiet while a dialog or the palette is open."""
        return action not in READER_ACTIONS or not isinstance(self.screen, ModalScreen)

    # -- following the reading position ------------------------------------

    @on(ReadingPane.Moved)
    def _moved(self, event: ReadingPane.Moved) -> None:
        reader = self.reader
        self.chapter_tree.follow(event.offset)
        self._update_figures()
        chapters = sum(1 for page in reader.pages if page.number is not None)
        at_end = reader.page_index == len(reader.pages) - 1 and reader.is_vertical_scroll_end
        length = len(self._loaded.text if self._loaded is not None else self.document.text)
        percent = 100 if at_end else 100 * event.offset // max(1, length)
        self.query_one("#position", PositionLabel).show(reader.page, chapters, percent)
        if event.page_changed:
            self._save_position()

    def current_section(self) -> tuple[int, int, str]:
        """``(start, end, title)`` of the stretch of text the figures panel calls "this section".

        It is the innermost chapter or section being read, without the
        subsections it holds: reading a chapter's opening paragraphs shows
        their figures, not the whole chapter's. Items (lead sentences) are
        too small to count; outside any heading the page itself does.
        """
        path = self.document.path_at(self.position)
        nodes = [n for n in path if n.kind in _SECTION_KINDS]
        if not nodes:
            page = self.reader.page
            return page.start, page.end, page.title
        node = nodes[-1]
        start, end = node.start, node.end
        for child in node.children:
            if child.kind not in _SECTION_KINDS:
                continue
            if child.end <= self.position:
                start = child.end
            elif child.start > self.position:
                end = child.start
                break
        return start, end, node.title or node.heading

    def section_figures(self) -> list[Figure]:
        """The figures of the current section, in text order."""
        start, end, _ = self.current_section()
        figures = self.figures
        first, last = bisect_left(figures, start, key=_start), bisect_left(figures, end, key=_start)
        return figures[first:last]

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
        in_section = self.section_figures()
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

    @on(FiguresPanel.Highlighted)
    def _figure_highlighted(self, event: FiguresPanel.Highlighted) -> None:
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
        choices = [
            Choice(" ".join(node.heading.split()), _go(self, node.start), KIND_LABEL[node.kind])
            for node in self.document.walk()
        ]
        self._choose(choices, "Go to section…")

    def action_go_to_figure(self) -> None:
        """Every figure of the report; of a huge one, those that follow in this chapter."""
        if self._still_parsing("Go to figure"):
            return
        from tui.clipboard import preview

        figures: Sequence[Figure] = self.figures
        placeholder = "Go to figure…"
        if len(figures) > PALETTE_FIGURES:
            first = bisect_left(figures, self.position, key=_start)
            end = bisect_left(figures, self.reader.page.end, key=_start)
            figures = figures[first : min(end, first + PALETTE_FIGURES)]
            placeholder = f"Go to figure (the next {len(figures)} in this chapter)…"
        choices = [
            Choice(
                preview(f"{f.indicator} · {f.surface}", 60), _show(self, f), preview(f.sentence, 80)
            )
            for f in figures
        ]
        self._choose(choices, placeholder)

    def _choose(self, choices: list[Choice], placeholder: str) -> None:
        # The palette takes a SimpleProvider instance where its annotation says class.
        providers = [ReportChoices(self.screen, choices)]
        self.push_screen(CommandPalette(providers=providers, placeholder=placeholder))  # type: ignore[arg-type]

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
        self._query = query
        if self._wanted is not None:
            return  # going somewhere not parsed yet: the search runs when the rest is read
        self.search_hits = self._readable_text().find(query)
        self.search_index = None
        if self.search_hits:
            index = bisect_left(self.search_hits, (self.position,))
            self.search_index = index if index < len(self.search_hits) else 0
        self._show_hit()

    def action_next_hit(self) -> None:
        self._step_hit(1)

    def action_previous_hit(self) -> None:
        self._step_hit(-1)

    def action_clear_search(self) -> None:
        """Drop the search; on a narrow screen, also close a side panel lying over the text."""
        bar = self.query_one("#search", SearchBar)
        if bar.display or (self.screen.has_class("-narrow") and self.focused is not self.reader):
            bar.close()
            self.reader.focus()
        self.search_hits, self.search_index, self._query = [], None, ""
        self.reader.set_search([], None)

    def _step_hit(self, step: int) -> None:
        if not self.search_hits:
            self.notify("No search: press / to search", severity="warning")
            return
        index = -1 if self.search_index is None and step < 0 else (self.search_index or 0)
        if self.search_index is not None:
            index += step
        self.search_index = index % len(self.search_hits)
        self._show_hit()

    def _show_hit(self) -> None:
        self.reader.set_search(self.search_hits, self.search_index)
        self.query_one("#search", SearchBar).show_count(self.search_index, len(self.search_hits))
        if self.search_index is not None:
            self.reader.go_to(self.search_hits[self.search_index][0], context=JUMP_CONTEXT)

    def _find_again(self) -> None:
        """The search over a fuller parse: at the hit it was visiting, or the next one from here.

        The reader is not moved: the rest of the report arrived, nobody asked to jump.
        """
        current = self.search_hits[self.search_index] if self.search_index is not None else None
        self.search_hits = self._readable_text().find(self._query)
        index = bisect_left(self.search_hits, current or (self.position, self.position))
        found = index < len(self.search_hits)
        if current is not None and found:
            found = self.search_hits[index] == current
        self.search_index = index if found else None
        self.reader.set_search(self.search_hits, self.search_index)
        self.query_one("#search", SearchBar).show_count(self.search_index, len(self.search_hits))

    def _readable_text(self) -> ReadableText:
        if self._readable is None or self._readable.document is not self.document:
            self._readable = ReadableText(self.document)
        return self._readable

    # -- keywords -------------------------------------------------------------

    def keyword_groups(self) -> dict[str, tuple[str, ...]]:
        """The lexicon's groups plus the user's own keywords as group ``user``."""
        return {**load_lexicon(), "user": self.config.keywords}

    def _refresh_keywords(self) -> None:
        self.reader.set_keywords(self._find_keywords if self.config.highlight else None)

    def _find_keywords(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """Keyword hits between two offsets: the pane asks for the lines it draws."""
        hits = find_terms(self.document.text[start:end], self.keyword_groups())
        return [(hit.start + start, hit.end + start, hit.group) for hit in hits]

    def action_toggle_highlight(self) -> None:
        self._change_config(replace(self.config, highlight=not self.config.highlight))
        self._refresh_keywords()
        self.notify("Keyword highlighting " + ("on" if self.config.highlight else "off"))

    def action_keywords(self) -> None:
        from tui.screens.keyword_list import KeywordListScreen

        self.push_screen(KeywordListScreen(self.config.keywords), self._keywords_edited)

    def _keywords_edited(self, keywords: tuple[str, ...] | None) -> None:
        if keywords is None or keywords == self.config.keywords:
            return
        self._change_config(replace(self.config, keywords=keywords))
        self._refresh_keywords()

    def action_keyword_summary(self) -> None:
        """Count every term in the report; a long one is counted in the background."""
        if self._still_parsing("The keyword summary"):
            return
        if len(self.document.text) <= PARSE_AT_ONCE:
            self._show_summary(self._count_keywords())
            return
        if self._counting:
            return
        self._counting = True
        self.notify("Counting keywords in the whole report…")

        def count() -> None:
            self._deliver(self._show_summary, self._count_keywords())

        threading.Thread(target=count, name="gwr-keywords", daemon=True).start()

    def _count_keywords(self) -> KeywordSummary:
        hits = find_terms(self.document.text, self.keyword_groups())
        return keyword_summary(self.document, hits)

    def _show_summary(self, summary: KeywordSummary) -> None:
        from tui.screens.keyword_summary import KeywordSummaryScreen

        self._counting = False
        self.push_screen(KeywordSummaryScreen(summary))

    # -- figures and copying -------------------------------------------------

    def action_toggle_figures_scope(self) -> None:
        scope: FiguresScope = "report" if self.config.figures_scope == "section" else "section"
        self._change_config(replace(self.config, figures_scope=scope))
        self._update_figures(force=True)

    def action_copy_figure(self) -> None:
        from parsers.figure_export import figure_line

        figure = self.figures_panel.selected
        if figure is None:
            if not self._still_parsing("Copy figure"):
                self.notify("No figure here to copy", severity="warning")
            return
        self.copy(figure_line(figure), "figure")

    def action_copy_section_figures(self) -> None:
        from parsers.figure_export import figures_tsv

        figures = self.section_figures()
        if not figures:
            if not self._still_parsing("Copy figures"):
                self.notify("This section has no figures", severity="warning")
            return
        self.copy(figures_tsv(figures), f"{len(figures)} figures as TSV")

    def action_copy_sentence(self) -> None:
        figure = self.figures_panel.selected
        if figure is None:
            if not self._still_parsing("Copy sentence"):
                self.notify("No figure selected, so no sentence to copy", severity="warning")
            return
        self.copy(figure.sentence, "sentence")

    def copy(self, text: str, what: str) -> None:
        """Copy through the terminal and a system tool, and say which reached."""
        from tui import clipboard

        clipboard.copy_and_notify(self, text, what)

    def action_export(self) -> None:
        if self._still_parsing("Export figures"):
            return
        from tui.screens.export_dialog import ExportDialog

        stem = Path(self.document.source).stem or "report"
        self.push_screen(ExportDialog(f"{stem}-figures.csv", len(self.figures)), self._export_to)

    def _export_to(self, path: str | None) -> None:
        if not path:
            return
        from tui.figures_output import print_figures
        from tui.screens.export_dialog import export_format

        fmt = export_format(path)
        target = Path(path).expanduser()
        try:
            with target.open("w", encoding="utf-8", newline="") as out:
                print_figures(self.figures, fmt or "csv", out)
        except OSError as error:
            message = f"Could not write {target}: {error.strerror or error}"
            self.notify(message, severity="error", markup=False)
            return
        self.notify(f"Wrote {len(self.figures)} figures to {target}", markup=False)

    # -- bookmarks -------------------------------------------------------------

    def action_bookmark(self) -> None:
        from tui.clipboard import preview

        offset = self.position
        _, _, title = self.current_section()
        snippet = self.document.text[offset : offset + 24]
        label = preview(f"{title} · {snippet}", 60)
        self.state.add_bookmark(self.document_key, offset, label)
        if self._save_state():
            self.notify(f"Bookmarked: {label}", markup=False)

    def action_bookmarks(self) -> None:
        from tui.screens.bookmarks_screen import BookmarksScreen

        screen = BookmarksScreen(self.state.bookmarks_for(self.document_key))
        self.push_screen(screen, self._bookmark_chosen)

    def _bookmark_chosen(self, offset: int | None) -> None:
        if offset is not None:
            self.reader.go_to(offset)

    def on_bookmarks_screen_deleted(self, event: BookmarksScreen.Deleted) -> None:
        """Named for the message rather than decorated, so the screen loads only when opened."""
        self.state.remove_bookmark(self.document_key, event.bookmark)
        self._save_state()

    # -- theme, help, quit -------------------------------------------------------

    def action_switch_theme(self) -> None:
        names = [theme.name for theme in ALL_THEMES]
        index = names.index(self.theme) if self.theme in names else -1
        self.theme = names[(index + 1) % len(names)]
        self.notify(f"Theme: {self.theme}")

    def action_choose_theme(self) -> None:
        self.search_themes()

    def watch_theme(self, theme: str) -> None:
        """Any theme change the user makes (``t`` or the palette) is remembered."""
        if self.is_running and theme != self.config.theme:
            self._change_config(replace(self.config, theme=theme))

    def action_help(self) -> None:
        from tui.screens.help_screen import HelpScreen

        self.push_screen(HelpScreen())

    async def action_quit(self) -> None:
        """Remember where reading stopped, then leave."""
        self._save_position()
        self.exit()

    # -- memory ----------------------------------------------------------------

    def _change_config(self, config: Config) -> None:
        """Use ``config`` and write it: the file changes only when the user changes a setting."""
        self.config = config
        try:
            save_config(self.config)
        except OSError as error:
            self.notify(f"Could not save settings: {error}", severity="error", markup=False)

    def _save_position(self) -> None:
        self.state.remember_position(self.document_key, self.position)
        self.state.note_recent(self.document.source, self.title, self.document_key)
        self._save_state()

    def _save_state(self) -> bool:
        try:
            save_state(self.state)
        except OSError as error:
            self.notify(f"Could not save reading state: {error}", severity="error", markup=False)
            return False
        return True


class ReadableText:
    """Search over the stretches of a report a reader sees: front matter, headings, paragraphs.

    A hit counts only inside one of them (site chrome the parser dropped is
    in the text, not on screen). Between them there is nearly always nothing
    but blank text, which a query without blanks cannot match: then matches
    are taken as they come, not checked one by one, so a term found 300 000
    times in 20 MB costs one pass of the regex engine.
    """

    def __init__(self, document: Document) -> None:
        self.document = document
        text = document.text
        spans = [(span.start, span.end) for span in document.front]
        for node in document.walk():
            spans.append((node.heading_span.start, node.heading_span.end))
            spans.extend((paragraph.start, paragraph.end) for paragraph in node.paragraphs)
        spans.sort()
        self._spans = spans
        self._starts = [start for start, _ in spans]
        self._blank_between = _only_blank_outside(text, spans)

    def find(self, query: str) -> list[tuple[int, int]]:
        """Every readable hit of ``query``, ignoring case, in text order."""
        if not query:
            return []
        matches = re.compile(re.escape(query), re.IGNORECASE).finditer(self.document.text)
        if self._blank_between and not any(char.isspace() for char in query):
            return [match.span() for match in matches]
        spans, starts = self._spans, self._starts
        hits = []
        for match in matches:
            index = bisect_right(starts, match.start()) - 1
            if index >= 0 and match.end() <= spans[index][1]:
                hits.append(match.span())
        return hits


def _only_blank_outside(text: str, spans: Sequence[tuple[int, int]]) -> bool:
    """Whether ``text`` holds only blanks outside ``spans`` (sorted by start, maybe nested)."""
    covered = 0
    for start, end in spans:
        if start > covered and text[covered:start].strip():
            return False
        covered = max(covered, end)
    return not text[covered:].strip()


def first_part(loaded: LoadedText) -> Document:
    """The parse of the first ``FIRST_PART`` characters (cut after a line) of a long report.

    It is a Document of a prefix of the text, so every offset in it is the
    same as in the full parse that replaces it.
    """
    cut = loaded.text.rfind("\n", 0, FIRST_PART) + 1 or FIRST_PART
    chrome = tuple(span for span in loaded.chrome if span.end <= cut)
    return build_document(replace(loaded, text=loaded.text[:cut], chrome=chrome))


def build_document(loaded: LoadedText) -> Document:
    """The tree builder, imported on first use: a report found in the parse cache never needs it."""
    from parsers import tree

    return tree.build_document(loaded)


def _start(figure: Figure) -> int:
    return figure.start


def _go(app: ReaderApp, offset: int) -> Callable[[], None]:
    return lambda: app.reader.go_to(offset)


def _show(app: ReaderApp, figure: Figure) -> Callable[[], None]:
    return lambda: app.show_figure(figure)


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
