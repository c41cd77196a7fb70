"""``/`` in the library: search every report at once, results as you type.

Each result names the report and the section and shows the sentence with
the hit highlighted; ``enter`` on a result opens the report there. The
search itself is a function handed in by the app, so the screen never
touches the index.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from tui.library_index import SearchHit

SHOWN = 300
"""Results listed at most; the count above says how many there are in all."""
CONTEXT = 60
"""Characters of a long sentence kept on each side of the hit."""

Search = Callable[[str], Sequence[SearchHit]]


def hit_prompt(hit: SearchHit) -> Content:
    """``region year · section`` over the sentence, the hit in the search colour.

    ``Content`` never parses markup, so a sentence with ``[red]`` in it shows as written.
    """
    entry = hit.entry
    where = " ".join(str(part) for part in (entry.region, entry.year) if part) or entry.title
    section = " › ".join(hit.section[-2:])
    start = max(0, hit.match_start - CONTEXT)
    end = min(len(hit.sentence), hit.match_end + CONTEXT)
    before = ("…" if start else "") + hit.sentence[start : hit.match_start]
    after = hit.sentence[hit.match_end : end] + ("…" if end < len(hit.sentence) else "")
    return Content.assemble(
        (where, "bold"),
        (f" · {section}" if section else "", "dim"),
        "\n",
        before,
        (hit.sentence[hit.match_start : hit.match_end], "reverse bold"),
        after,
    )


class LibrarySearchScreen(Screen[tuple[SearchHit, str] | None]):
    """Returns the chosen hit and the query, or ``None`` on ``escape``."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Back to the library"),
        Binding("down", "results", "Results", show=False),
    ]

    def __init__(self, search: Search, query: str = "") -> None:
        super().__init__()
        self._search = search
        self._query = query
        self._hits: list[SearchHit] = []

    def compose(self) -> ComposeResult:
        yield Input(self._query, placeholder="Search every report…", id="query")
        yield Static(id="hit-count")
        yield OptionList(id="hits")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#query", Input).focus()
        self._run(self._query)

    @on(Input.Changed, "#query")
    def _changed(self, event: Input.Changed) -> None:
        self._run(event.value)

    @on(Input.Submitted, "#query")
    def _submitted(self) -> None:
        self.action_results()

    def _run(self, query: str) -> None:
        self._query = query
        self._hits = list(self._search(query)) if query.strip() else []
        options = self.query_one("#hits", OptionList)
        options.clear_options()
        options.add_options(Option(hit_prompt(hit)) for hit in self._hits[:SHOWN])
        reports = len({hit.entry.path for hit in self._hits})
        if not query.strip():
            count = "Type to search the sentences of every report"
        elif self._hits:
            shown = f" (first {SHOWN} shown)" if len(self._hits) > SHOWN else ""
            count = f"{len(self._hits)} sentences in {reports} reports{shown}"
        else:
            count = "No sentence contains it"
        self.query_one("#hit-count", Static).update(Content(count))

    def action_results(self) -> None:
        options = self.query_one("#hits", OptionList)
        if self._hits:
            options.focus()
            options.highlighted = options.highlighted or 0

    @on(OptionList.OptionSelected, "#hits")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss((self._hits[event.option_index], self._query))
