"""The reader's entries in the command palette (``ctrl+p``).

"Go to section…" and "Go to figure…" open a second palette listing every
heading or figure, so a long report is searchable by what it says rather
than by scrolling. Those entries are report text, and Textual's own simple
provider reads names and help as markup, so ``ReportChoices`` builds them as
plain ``Content`` instead.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING, NamedTuple, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider, SimpleProvider
from textual.content import Content
from textual.fuzzy import Matcher
from textual.screen import Screen

from parsers.model import Document, Figure
from tui.report_parse import figure_start

if TYPE_CHECKING:
    from tui.screens.reader_screen import ReaderScreen

PALETTE_FIGURES = 2000
"""Most figures listed by "Go to figure…": the palette matches every entry on each key."""
KIND_LABEL = {"part": "部分", "chapter": "章", "section": "节", "item": "条", "appendix": "附件"}


class ReaderCommands(Provider):
    """Navigation, copying, theme and export, each one palette entry of the reader screen."""

    def _commands(self) -> list[tuple[str, Callable[[], object], str]]:
        reader = cast("ReaderScreen", self.screen)
        return [
            (
                "Go to section…",
                reader.action_go_to_section,
                "Pick a chapter or section by its title",
            ),
            (
                "Go to figure…",
                reader.action_go_to_figure,
                "Pick a figure of the report by indicator",
            ),
            (
                "Copy figures of this section",
                reader.action_copy_section_figures,
                "Copy every figure of the current section as TSV with a header row",
            ),
            (
                "Switch theme",
                reader.action_choose_theme,
                "Choose a theme; the choice is remembered",
            ),
            (
                "Export figures…",
                reader.action_export,
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


class Choice(NamedTuple):
    """One entry of a ``ReportChoices`` palette: ``name`` and ``detail`` come from the report."""

    name: str
    callback: Callable[[], object]
    detail: str = ""


class ReportChoices(SimpleProvider):
    """A palette of report headings or figures, shown as plain text.

    A ``SimpleProvider`` so the palette accepts an instance (it keeps the
    match style the same way); only the hits are built differently.
    """

    def __init__(self, screen: Screen[object], choices: Sequence[Choice]) -> None:
        super().__init__(screen, [])
        self._choices = list(choices)

    def _prompt(self, choice: Choice, matcher: Matcher | None) -> Content:
        name = Content(choice.name)
        if matcher is not None:
            _, offsets = matcher.fuzzy_search.match(matcher.query, choice.name)
            for offset in offsets:
                name = name.stylize(matcher.match_style, offset, offset + 1)
        if not choice.detail:
            return name
        return Content.assemble(name, "\n", (choice.detail, "dim"))

    async def discover(self) -> Hits:
        for choice in self._choices:
            yield DiscoveryHit(self._prompt(choice, None), choice.callback, text=choice.name)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for choice in self._choices:
            score = matcher.match(choice.name)
            if score > 0:
                yield Hit(score, self._prompt(choice, matcher), choice.callback, text=choice.name)


def section_choices(document: Document, go_to: Callable[[int], object]) -> list[Choice]:
    """Every heading of ``document``, each going to its place."""
    return [
        Choice(" ".join(node.heading.split()), partial(go_to, node.start), KIND_LABEL[node.kind])
        for node in document.walk()
    ]


def figure_choices(
    figures: Sequence[Figure], position: int, chapter_end: int, show: Callable[[Figure], object]
) -> tuple[list[Choice], str]:
    """The figures to offer, and the palette's placeholder saying which they are.

    Every figure of a report; of a huge one, the ``PALETTE_FIGURES`` that
    follow ``position`` in its chapter (ending at ``chapter_end``).
    """
    from tui.clipboard import preview

    placeholder = "Go to figure…"
    if len(figures) > PALETTE_FIGURES:
        first = bisect_left(figures, position, key=figure_start)
        end = bisect_left(figures, chapter_end, key=figure_start)
        figures = figures[first : min(end, first + PALETTE_FIGURES)]
        placeholder = f"Go to figure (the next {len(figures)} in this chapter)…"
    choices = [
        Choice(
            preview(f"{f.indicator} · {f.surface}", 60), partial(show, f), preview(f.sentence, 80)
        )
        for f in figures
    ]
    return choices, placeholder
