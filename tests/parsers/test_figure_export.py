"""Figures as JSON objects, spreadsheet rows, a TSV block and a copyable line."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

from parsers.figure_export import (
    FIGURE_COLUMNS,
    figure_line,
    figure_row,
    figure_to_dict,
    figures_tsv,
    plain,
)
from parsers.model import Figure


def make(**changes: object) -> Figure:
    fields: dict[str, object] = {
        "start": 786,
        "end": 792,
        "surface": "1200亿元",
        "sentence": "预计全年地区生产总值突破1200亿元、同比增长5.5%左右;",
        "section_path": ("2024年工作回顾", "经济运行向优向好。"),
        "value": Decimal("1200"),
        "unit": "亿元",
        "kind": "level",
        "indicator": "地区生产总值",
        "bound": ">",
        "status": "estimate",
        "base_value": Decimal("1.2E+11"),
        "base_unit": "元",
        "qualifiers": ("预计", "突破"),
        "period": "2024",
    }
    fields.update(changes)
    return Figure(**fields)  # type: ignore[arg-type]


def test_dict_has_every_schema_field_with_plain_json_numbers() -> None:
    data = figure_to_dict(make(value=Decimal("88.3"), value_hi=None))
    assert set(data) >= {
        "start", "end", "surface", "sentence", "section_path", "value", "value_hi", "unit",
        "base_value", "base_unit", "indicator", "kind", "change", "change_kind", "direction",
        "bound", "qualifiers", "status", "period",
    }  # fmt: skip
    assert data["value"] == 88.3 and isinstance(data["value"], float)
    assert data["base_value"] == 120_000_000_000 and isinstance(data["base_value"], int)
    assert data["value_hi"] is None
    assert data["qualifiers"] == ["预计", "突破"]
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data


def test_row_follows_the_columns_and_writes_numbers_in_full() -> None:
    row = figure_row(make())
    assert len(row) == len(FIGURE_COLUMNS)
    cells = dict(zip(FIGURE_COLUMNS, row, strict=True))
    assert cells["value"] == "1200"
    assert cells["base_value"] == "120000000000"
    assert cells["section"] == "2024年工作回顾 › 经济运行向优向好。"
    assert cells["qualifiers"] == "预计、突破"
    assert cells["value_hi"] == "" and cells["change"] == ""


def test_plain_keeps_decimals_exact() -> None:
    assert [plain(Decimal(v)) for v in ("88.30", "0.3333", "1.2E+11", "5")] == [
        "88.3",
        "0.3333",
        "120000000000",
        "5",
    ]


def test_copy_line_says_indicator_bound_change_and_status() -> None:
    assert figure_line(make()) == "地区生产总值：超1200亿元（预计，2024）"
    growth = make(
        surface="5.5%",
        value=Decimal("5.5"),
        unit="%",
        bound="~",
        change="同比增长",
        status="actual",
        period=None,
    )
    assert figure_line(growth) == "地区生产总值：同比增长5.5%左右"
    vague = make(surface="1.7万余人", bound=">", status="target", period=None)
    assert figure_line(vague) == "地区生产总值：1.7万余人（目标）"


def test_tsv_has_a_header_and_one_clean_line_per_figure() -> None:
    text = figures_tsv([make(sentence="第一行\n第二行\t尾"), make(indicator="赤字规模")])
    lines = text.splitlines()
    assert lines[0].split("\t") == list(FIGURE_COLUMNS)
    rows = list(csv.reader(io.StringIO(text), delimiter="\t"))
    assert len(rows) == 3 and all(len(r) == len(FIGURE_COLUMNS) for r in rows)
    assert rows[1][FIGURE_COLUMNS.index("sentence")] == "第一行 第二行 尾"
    assert rows[2][FIGURE_COLUMNS.index("indicator")] == "赤字规模"
