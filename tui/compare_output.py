"""``gwr-tui compare`` output: a table for people, csv/tsv/json/md for spreadsheets and notes.

The comparison screen copies the same TSV, so a table pasted from the TUI
and one written by the command line have the same columns.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from typing import Any, TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from parsers.compare import Comparison, Row
from parsers.figure_export import figure_to_dict, number, plain
from parsers.model import Figure

FORMATS = ("table", "csv", "tsv", "json", "md")
COLUMNS = ("indicator", "old", "old_status", "new", "new_status", "difference", "verdict")
VERDICT_STYLE = {
    "met": "bold green",
    "missed": "bold red",
    "no target": "",
    "new": "cyan",
    "not reported": "yellow",
}
_CELL_BREAKS = str.maketrans({"\t": " ", "\n": " ", "\r": " "})


def written(figure: Figure | None) -> str:
    """A figure as its report states it, with its bound: ``~ 增长5%``, ``>= 1200万人``."""
    if figure is None:
        return ""
    bound = "" if figure.bound == "=" else f"{figure.bound} "
    return f"{bound}{figure.change or ''}{figure.surface}".translate(_CELL_BREAKS)


def difference(row: Row) -> str:
    """``+8.9万亿元``, ``-0.2个百分点``; empty when one side is missing."""
    if row.difference is None:
        return ""
    sign = "+" if row.difference > 0 else ""
    return f"{sign}{plain(row.difference)}{row.difference_unit}"


def row_cells(row: Row) -> list[str]:
    """One row in ``COLUMNS`` order."""
    cells = {
        "indicator": row.indicator.translate(_CELL_BREAKS),
        "old": written(row.old),
        "old_status": row.old.status if row.old else "",
        "new": written(row.new),
        "new_status": row.new.status if row.new else "",
        "difference": difference(row),
        "verdict": row.verdict,
    }
    return [cells[name] for name in COLUMNS]


def _side(figure: Figure | None) -> Text:
    if figure is None:
        return Text("—", style="dim")
    return Text.assemble(written(figure), (f" ({figure.status})", "dim"))


def comparison_table(comparison: Comparison) -> Table:
    """The comparison as a Rich table; ``Text`` cells, so report text is never markup."""
    table = Table(
        title=Text(f"{comparison.old_label} → {comparison.new_label}"),
        header_style="bold",
        expand=False,
    )
    for name in ("indicator", "old (status)", "new (status)", "difference", "verdict"):
        table.add_column(name, overflow="fold", justify="right" if name == "difference" else "left")
    for row in comparison.rows:
        table.add_row(
            Text(row.indicator or "—"),
            _side(row.old),
            _side(row.new),
            Text(difference(row)),
            Text(row.verdict, style=VERDICT_STYLE[row.verdict]),
        )
    return table


def _json(comparison: Comparison) -> dict[str, Any]:
    def side(figure: Figure | None) -> dict[str, Any] | None:
        return figure_to_dict(figure) if figure else None

    return {
        "old": comparison.old_label,
        "new": comparison.new_label,
        "notes": list(comparison.notes),
        "rows": [
            {
                "indicator": row.indicator,
                "relation": row.relation,
                "verdict": row.verdict,
                "difference": number(row.difference),
                "difference_unit": row.difference_unit if row.difference is not None else None,
                "similarity": round(row.similarity, 3),
                "old": side(row.old),
                "new": side(row.new),
            }
            for row in comparison.rows
        ],
    }


def write_comparison(comparison: Comparison, fmt: str, out: TextIO | None = None) -> None:
    """Write ``comparison`` in ``fmt`` (one of ``FORMATS``) to ``out`` or stdout."""
    stream = out or sys.stdout
    if fmt == "json":
        json.dump(_json(comparison), stream, ensure_ascii=False, indent=2)
        stream.write("\n")
    elif fmt in ("csv", "tsv"):
        writer = csv.writer(stream, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(COLUMNS)
        writer.writerows(row_cells(row) for row in comparison.rows)
    elif fmt == "md":
        stream.write(f"**{comparison.old_label} → {comparison.new_label}**\n\n")
        stream.write("| " + " | ".join(COLUMNS) + " |\n")
        stream.write("|" + "---|" * len(COLUMNS) + "\n")
        for row in comparison.rows:
            cells = (cell.replace("|", "\\|") for cell in row_cells(row))
            stream.write("| " + " | ".join(cells) + " |\n")
    else:
        Console(file=stream, highlight=False, soft_wrap=False).print(comparison_table(comparison))


def comparison_text(comparison: Comparison, fmt: str) -> str:
    """The output of ``write_comparison`` as a string, e.g. TSV for the clipboard."""
    buffer = io.StringIO()
    write_comparison(comparison, fmt, buffer)
    return buffer.getvalue()
