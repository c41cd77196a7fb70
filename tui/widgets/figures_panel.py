"""The figures panel: the numbers of the current section (or the whole report), one per row.

There is always a selected figure while the scope holds any, so the copy keys
work from whichever pane has focus; a new section resets the selection to
its first figure, as the reader expects after turning a page.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from parsers.model import Figure

STATUS_LABEL = {"actual": "实际", "estimate": "预计", "target": "目标"}
BOUND_LABEL = {"=": "", ">": ">", ">=": "≥", "<": "<", "<=": "≤", "~": "约", "~<": "近"}
TARGET_MARK = "◎"
NO_FIGURES = "本节没有数字 · f 看全文"


def figure_row(figure: Figure) -> Content:
    """``indicator · value unit · change · status`` as plain text with styles, never markup."""
    target = figure.status == "target"
    parts: list[str | tuple[str, str]] = [
        (f"{TARGET_MARK} " if target else "  ", "bold $target-mark" if target else ""),
        (_one_line(figure.indicator) or "—", "bold"),
        " · ",
        (BOUND_LABEL.get(figure.bound, figure.bound) + _one_line(figure.surface), "underline"),
    ]
    if figure.change:
        parts += [" · ", _one_line(figure.change)]
    label = STATUS_LABEL.get(figure.status, figure.status)
    parts += [" · ", (label, "$target-mark" if target else "dim")]
    return Content.assemble(*parts)


def _one_line(text: str) -> str:
    return " ".join(text.split())


class FiguresPanel(OptionList):
    """Figures of one scope; moving highlights the figure in the text, ``enter`` jumps to it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g", "first", "First", show=False),
        Binding("G", "last", "Last", show=False),
    ]

    class Highlighted(Message):
        """The selected figure changed (``None`` when the scope has no figures)."""

        def __init__(self, panel: FiguresPanel, figure: Figure | None) -> None:
            super().__init__()
            self.panel = panel
            self.figure = figure

        @property
        def control(self) -> FiguresPanel:
            return self.panel

    class Chosen(Message):
        """The reader asked to see ``figure`` in the text."""

        def __init__(self, panel: FiguresPanel, figure: Figure) -> None:
            super().__init__()
            self.panel = panel
            self.figure = figure

        @property
        def control(self) -> FiguresPanel:
            return self.panel

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self._figures: list[Figure] = []

    @property
    def figures(self) -> Sequence[Figure]:
        """The figures listed, in text order."""
        return self._figures

    @property
    def selected(self) -> Figure | None:
        """The highlighted figure, which the copy keys act on."""
        index = self.highlighted
        if index is None or not 0 <= index < len(self._figures):
            return None
        return self._figures[index]

    def show_figures(self, figures: Sequence[Figure], title: str) -> None:
        """List ``figures`` and select the first; ``title`` names the scope in the border."""
        if list(figures) == self._figures:
            self.border_title = title
            return
        self._figures = list(figures)
        if self._figures:
            self.set_options(Option(figure_row(figure)) for figure in self._figures)
            self.highlighted = 0
        else:
            self.set_options([Option(Content.styled(NO_FIGURES, "dim italic"), disabled=True)])
            self.post_message(self.Highlighted(self, None))
        self.border_title = title

    def select(self, figure: Figure) -> None:
        """Move the selection to ``figure`` if it is listed."""
        if figure in self._figures:
            self.highlighted = self._figures.index(figure)

    def _on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self.post_message(self.Highlighted(self, self.selected))

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        figure = self.selected
        if figure is not None:
            self.post_message(self.Chosen(self, figure))
