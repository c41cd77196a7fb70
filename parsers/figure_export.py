"""Figures as data for other tools: JSON objects, table rows, a TSV block, one copyable line.

``Figure.value`` is an exact ``Decimal``; the edge to JSON, spreadsheets and the
clipboard is here, so numbers become plain numbers (1200, 88.3) and never
``Decimal('88.3')`` or ``1.2E+11`` strings.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from parsers.model import Figure

FIGURE_COLUMNS: tuple[str, ...] = (
    "section",
    "indicator",
    "value",
    "value_hi",
    "unit",
    "bound",
    "kind",
    "change",
    "change_kind",
    "direction",
    "qualifiers",
    "status",
    "period",
    "base_value",
    "base_unit",
    "ratio_to",
    "surface",
    "sentence",
    "start",
    "end",
)
"""Column names of ``figure_row``, in order (csv, tsv and Markdown headers)."""

_SECTION_SEP = " › "
_QUALIFIER_SEP = "、"
_STATUS_WORDS = {"estimate": "预计", "target": "目标"}
# How a bound reads in the copy line when the surface does not already say it.
_BOUND_BEFORE = {">": "超", "~<": "近", "<": "不到"}
_BOUND_AFTER = {"~": "左右", ">=": "以上", "<=": "以内"}
_CELL_BREAKS = str.maketrans({"\t": " ", "\n": " ", "\r": " "})


def number(value: Decimal | None) -> int | float | None:
    """A Decimal as a JSON number: an int when whole (1200), else a float (88.3)."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def plain(value: Decimal | None) -> str:
    """A Decimal written in full, no exponent or trailing zeros: 1.2E+11 → 120000000000."""
    if value is None:
        return ""
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f")


def figure_to_dict(f: Figure) -> dict[str, Any]:
    """A JSON-ready object with the field names of the figures schema."""
    return {
        "start": f.start,
        "end": f.end,
        "surface": f.surface,
        "sentence": f.sentence,
        "section_path": list(f.section_path),
        "value": number(f.value),
        "value_hi": number(f.value_hi),
        "unit": f.unit,
        "base_value": number(f.base_value),
        "base_unit": f.base_unit,
        "ratio_to": number(f.ratio_to),
        "indicator": f.indicator,
        "kind": f.kind,
        "change": f.change,
        "change_kind": f.change_kind,
        "direction": f.direction,
        "bound": f.bound,
        "qualifiers": list(f.qualifiers),
        "status": f.status,
        "period": f.period,
    }


def figure_row(f: Figure) -> list[str]:
    """One row of strings in ``FIGURE_COLUMNS`` order, for csv, tsv and Markdown."""
    cells = {
        "section": _SECTION_SEP.join(f.section_path),
        "indicator": f.indicator,
        "value": plain(f.value),
        "value_hi": plain(f.value_hi),
        "unit": f.unit,
        "bound": f.bound,
        "kind": f.kind,
        "change": f.change or "",
        "change_kind": f.change_kind or "",
        "direction": f.direction or "",
        "qualifiers": _QUALIFIER_SEP.join(f.qualifiers),
        "status": f.status,
        "period": f.period or "",
        "base_value": plain(f.base_value),
        "base_unit": f.base_unit or "",
        "ratio_to": plain(f.ratio_to),
        "surface": f.surface,
        "sentence": f.sentence,
        "start": str(f.start),
        "end": str(f.end),
    }
    return [cells[name] for name in FIGURE_COLUMNS]


def figure_line(f: Figure) -> str:
    """The figure as one line to paste into notes: ``国内生产总值：增长5%左右（目标，2024）``."""
    written = f.surface
    if f.bound in _BOUND_BEFORE and not any(mark in written for mark in "余多"):
        written = _BOUND_BEFORE[f.bound] + written
    written += _BOUND_AFTER.get(f.bound, "")
    notes = [_STATUS_WORDS[f.status]] if f.status in _STATUS_WORDS else []
    if f.period:
        notes.append(f.period)
    line = f"{f.indicator or '—'}：{f.change or ''}{written}"
    if notes:
        line += f"（{'，'.join(notes)}）"
    return line.translate(_CELL_BREAKS)


def figures_tsv(figures: Iterable[Figure]) -> str:
    """A tab-separated block with a header row, ready to paste into a spreadsheet."""
    rows = [list(FIGURE_COLUMNS), *(figure_row(f) for f in figures)]
    return "".join("\t".join(cell.translate(_CELL_BREAKS) for cell in row) + "\n" for row in rows)
