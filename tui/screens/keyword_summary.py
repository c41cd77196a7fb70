"""The ``s`` screen: which policy terms the report uses, how often, and where.

Left, every term found with its count in the report as a bar; right, the
highlighted term's count in each chapter, also as bars, so a reader sees at
a glance that 城市更新 lives in chapter 三 while 高质量发展 runs through all.
"""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from parsers.keywords import KeywordSummary, TermCount

_EIGHTHS = " ▏▎▍▌▋▊▉"


def bar(count: int, largest: int, width: int) -> str:
    """A horizontal bar ``count/largest`` of ``width`` cells, in eighths of a cell."""
    if largest <= 0 or count <= 0:
        return ""
    eighths = max(1, round(count * width * 8 / largest))
    full, rest = divmod(eighths, 8)
    return "█" * full + (_EIGHTHS[rest] if rest else "")


def term_row(term: TermCount, largest: int, name_width: int) -> Content:
    """``term  count  bar`` in the colour of the term's group."""
    return Content.assemble(
        term.term + " " * max(1, name_width - cell_len(term.term)),
        (f"{term.total:>4} ", "bold"),
        (bar(term.total, largest, 16), f"$kw-{term.group}"),
    )


def chapter_bars(summary: KeywordSummary, term: TermCount) -> Content:
    """The term's count in each chapter, one line per chapter."""
    largest = max(term.by_chapter, default=0)
    parts: list[str | tuple[str, str]] = [(f"{term.term}", f"bold $kw-{term.group}")]
    parts.append(f"  全文 {term.total} 次\n")
    for heading, count in zip(summary.chapters, term.by_chapter, strict=True):
        label = " ".join(heading.split())
        label = label if len(label) <= 14 else label[:13] + "…"
        parts += ["\n", (label, "bold"), "\n", (f"{count:>4} ", "dim")]
        parts.append((bar(count, largest, 24), f"$kw-{term.group}"))
    return Content.assemble(*parts)


class KeywordSummaryScreen(ModalScreen[None]):
    """Closed with ``escape``, ``q`` or ``s``; ``j``/``k`` move through the terms."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,s", "dismiss", "Close", show=False),
        Binding("j", "move(1)", show=False),
        Binding("k", "move(-1)", show=False),
    ]

    def __init__(self, summary: KeywordSummary) -> None:
        super().__init__()
        self.summary = summary

    def compose(self) -> ComposeResult:
        terms = self.summary.terms
        largest = max((t.total for t in terms), default=0)
        name_width = max((cell_len(t.term) for t in terms), default=0) + 1
        with Horizontal(id="summary-box") as box:
            box.border_title = "关键词统计 Keyword summary"
            box.border_subtitle = "escape 关闭"
            yield OptionList(
                *(Option(term_row(t, largest, name_width)) for t in terms),
                id="summary-terms",
                markup=False,
            )
            yield Static(
                Content("No lexicon terms or keywords of yours occur in this report."),
                id="summary-chapters",
            )

    def on_mount(self) -> None:
        self.query_one("#summary-terms", OptionList).focus()

    @on(OptionList.OptionHighlighted, "#summary-terms")
    def _show_term(self, event: OptionList.OptionHighlighted) -> None:
        term = self.summary.terms[event.option_index]
        self.query_one("#summary-chapters", Static).update(chapter_bars(self.summary, term))

    def action_move(self, step: int) -> None:
        terms = self.query_one("#summary-terms", OptionList)
        if step > 0:
            terms.action_cursor_down()
        else:
            terms.action_cursor_up()
