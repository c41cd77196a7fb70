"""Ask where to export the figures; the file's extension picks the format."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

EXPORT_FORMATS = {".csv": "csv", ".json": "json", ".md": "md"}


def export_format(path: str) -> str | None:
    """``csv``, ``json`` or ``md`` from the path's extension; ``None`` for anything else."""
    return EXPORT_FORMATS.get(Path(path).suffix.lower())


class ExportDialog(ModalScreen[str | None]):
    """Returns the path typed (``None`` when cancelled); refuses unknown extensions in place."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Cancel", show=False)
    ]

    def __init__(self, suggestion: str, count: int) -> None:
        super().__init__()
        self._suggestion = suggestion
        self._count = count

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box") as box:
            box.border_title = "导出数字 Export figures"
            yield Static(
                f"{self._count} figures. Write them to (.csv, .json or .md):", id="export-help"
            )
            yield Input(value=self._suggestion, id="export-path")
            yield Static("", id="export-error")

    @on(Input.Submitted, "#export-path")
    def _submitted(self, event: Input.Submitted) -> None:
        path = event.value.strip()
        if export_format(path) is None:
            self.query_one("#export-error", Static).update(
                "The file name must end in .csv, .json or .md"
            )
            return
        self.dismiss(path)
