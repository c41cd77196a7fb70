"""Every key of the reader in one place: the reader screen's bindings and the help table.

The help screen is written from ``HELP`` rather than scraped from widgets so
related keys read as one line (``1``-``9``, ``j``/``k``); a test checks that
every bound key appears in it.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

READER_BINDINGS: list[BindingType] = [
    Binding("question_mark", "help", "Help"),
    Binding("slash", "search", "Search"),
    Binding("n", "next_hit", "Next hit", show=False),
    Binding("N", "previous_hit", "Previous hit", show=False),
    Binding("escape", "clear_search", "Clear search", show=False),
    Binding("right_square_bracket", "next_section", "Next §", show=False),
    Binding("left_square_bracket", "previous_section", "Previous §", show=False),
    Binding("right_curly_bracket", "next_chapter", "Next chapter", show=False),
    Binding("left_curly_bracket", "previous_chapter", "Previous chapter", show=False),
    *(Binding(str(n), f"chapter({n})", f"Chapter {n}", show=False) for n in range(1, 10)),
    Binding("c", "copy_figure", "Copy figure"),
    Binding("C", "copy_section_figures", "Copy all", show=False),
    Binding("y", "copy_sentence", "Copy sentence", show=False),
    Binding("f", "toggle_figures_scope", "Figures: section/report", show=False),
    Binding("h", "toggle_highlight", "Highlight", show=False),
    Binding("K", "keywords", "Keywords", show=False),
    Binding("s", "keyword_summary", "Keyword summary", show=False),
    Binding("m", "bookmark", "Bookmark", show=False),
    Binding("apostrophe", "bookmarks", "Bookmarks", show=False),
    Binding("t", "switch_theme", "Theme"),
    Binding("tab", "cycle_focus(1)", "Next pane", show=False, priority=True),
    Binding("shift+tab", "cycle_focus(-1)", "Previous pane", show=False, priority=True),
    Binding("q", "app.quit", "Quit"),
]

HELP: list[tuple[str, list[tuple[str, str]]]] = [
    (
        "阅读 Reading",
        [
            ("j / k / ↓ / ↑", "scroll a line (in the tree and figures: move)"),
            ("space / b", "next / previous screen; turns the chapter at its end"),
            ("g / G", "top / bottom of the chapter"),
            ("] / [", "next / previous section, any level"),
            ("} / {", "next / previous chapter"),
            ("1 – 9", "chapter N"),
            ("tab / shift+tab", "focus tree → text → figures"),
        ],
    ),
    (
        "数字 Figures",
        [
            ("enter", "in the figures panel: jump to the figure in the text"),
            ("c", "copy the selected figure as one line"),
            ("C", "copy the figures of this section as TSV with a header"),
            ("y", "copy the sentence of the selected figure"),
            ("f", "figures panel: this section / the whole report"),
        ],
    ),
    (
        "搜索与关键词 Search and keywords",
        [
            ("/", "search the whole report as you type"),
            ("n / N", "next / previous hit"),
            ("escape", "clear the search (narrow screen: close a side panel)"),
            ("h", "keyword highlighting on / off"),
            ("K", "your keywords: add and remove"),
            ("s", "keyword summary: counts per chapter"),
        ],
    ),
    (
        "其他 Other",
        [
            ("m", "bookmark this place"),
            ("'", "bookmarks: jump to one"),
            ("t", "next theme (remembered)"),
            ("ctrl+p", "command palette: go to section or figure, export…"),
            ("?", "this help"),
            ("q", "quit (the reading position is remembered)"),
        ],
    ),
]
