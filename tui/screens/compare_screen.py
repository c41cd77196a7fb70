"""Two reports side by side: last year's targets against this year's results, and trends.

The table has the columns of ``gwr-tui compare``; ``C`` copies it as TSV
(to the terminal with OSC 52 and to a system clipboard tool where
there is one), ``v`` narrows it to the rows with a verdict (met or missed),
``escape`` goes back to the library.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from parsers.compare import Comparison, Row
from tui import clipboard
from tui.compare_output import VERDICT_STYLE, comparison_text, difference, written

HEADINGS = ("indicator", "old (status)", "new (status)", "difference", "verdict")
JUDGED = frozenset({"met", "missed"})


def _side(row: Row, old: bool) -> Text:
    figure = row.old if old else row.new
    if figure is None:
        return Text("—", style="dim")
    return Text.assemble(written(figure), (f" ({figure.status})", "dim"))


class CompareScreen(Screen[None]):
    """A ``Comparison`` as a table: the app builds it, the screen shows and copies it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "app.pop_screen", "Back"),
        Binding("C", "copy_tsv", "Copy TSV"),
        Binding("v", "toggle_judged", "Only met/missed"),
    ]

    def __init__(self, comparison: Comparison) -> None:
        super().__init__()
        self.comparison = comparison
        self.only_judged = False

    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        notes = "\n".join(f"Note: {note}" for note in self.comparison.notes)
        yield Static(Content(notes), id="compare-notes")
        yield DataTable(id="comparison", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.title = f"{self.comparison.old_label} → {self.comparison.new_label}"
        self.query_one("#compare-notes").display = bool(self.comparison.notes)
        table = self.query_one("#comparison", DataTable)
        table.add_columns(*HEADINGS)
        self._fill()
        table.focus()

    @property
    def rows(self) -> list[Row]:
        """The rows on screen."""
        rows = self.comparison.rows
        return [r for r in rows if r.verdict in JUDGED] if self.only_judged else list(rows)

    def _fill(self) -> None:
        table = self.query_one("#comparison", DataTable)
        table.clear()
        for row in self.rows:
            table.add_row(
                Text(row.indicator or "—"),
                _side(row, old=True),
                _side(row, old=False),
                Text(difference(row), justify="right"),
                Text(row.verdict, style=VERDICT_STYLE[row.verdict]),
            )
        met = sum(row.verdict == "met" for row in self.comparison.rows)
        missed = sum(row.verdict == "missed" for row in self.comparison.rows)
        self.sub_title = f"{met} met · {missed} missed · {len(self.rows)} rows"

    def action_toggle_judged(self) -> None:
        self.only_judged = not self.only_judged
        self._fill()

    def action_copy_tsv(self) -> None:
        """Copy the rows on screen as TSV with a header, ready for a spreadsheet."""
        shown = Comparison(self.comparison.old_label, self.comparison.new_label, tuple(self.rows))
        text = comparison_text(shown, "tsv")
        clipboard.copy_and_notify(self.app, text, f"{len(shown.rows)} rows as TSV")
