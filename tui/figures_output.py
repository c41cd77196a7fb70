"""``gwr-tui figures``: every figure in text order, as a table for people or data for tools."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from parsers.figure_export import FIGURE_COLUMNS, figure_row, figure_to_dict
from parsers.model import Figure

STATUS_STYLE = {"target": "bold magenta", "estimate": "yellow", "actual": "green"}


def _table(figures: Sequence[Figure]) -> Table:
    table = Table(header_style="bold", expand=False)
    table.add_column("section", no_wrap=True, overflow="ellipsis", max_width=16)
    table.add_column("indicator", ratio=3, overflow="fold")
    table.add_column("value", justify="right", no_wrap=True)
    table.add_column("change", no_wrap=True)
    table.add_column("status", no_wrap=True)
    for figure in figures:
        section = figure.section_path[-1].rstrip("。！") if figure.section_path else ""
        bound = "" if figure.bound == "=" else f"{figure.bound} "
        # Text() never parses markup, so a report containing "[red]" prints literally.
        table.add_row(
            Text(section),
            Text(figure.indicator),
            Text(f"{bound}{figure.surface}"),
            Text(figure.change or ""),
            Text(figure.status, style=STATUS_STYLE.get(figure.status, "")),
        )
    return table


def _markdown(figures: Sequence[Figure], stream: TextIO) -> None:
    def cell(value: str) -> str:
        return value.replace("|", "\\|").replace("\n", " ")

    stream.write("| " + " | ".join(FIGURE_COLUMNS) + " |\n")
    stream.write("|" + "---|" * len(FIGURE_COLUMNS) + "\n")
    for figure in figures:
        stream.write("| " + " | ".join(cell(v) for v in figure_row(figure)) + " |\n")


def print_figures(figures: Sequence[Figure], fmt: str, out: TextIO | None = None) -> None:
    """Write ``figures`` in ``fmt`` (table, json, csv, tsv or md) to ``out`` or stdout."""
    stream = out or sys.stdout
    if fmt == "json":
        json.dump([figure_to_dict(f) for f in figures], stream, ensure_ascii=False, indent=2)
        stream.write("\n")
    elif fmt in ("csv", "tsv"):
        writer = csv.writer(stream, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(FIGURE_COLUMNS)
        writer.writerows(figure_row(f) for f in figures)
    elif fmt == "md":
        _markdown(figures, stream)
    else:
        Console(file=stream, highlight=False, soft_wrap=False).print(_table(figures))


def write_figures(figures: Sequence[Figure], fmt: str, target: Path) -> None:
    """Write ``figures`` to the file ``target`` (the reader's export); raises ``OSError``."""
    with target.open("w", encoding="utf-8", newline="") as out:
        print_figures(figures, fmt, out)
