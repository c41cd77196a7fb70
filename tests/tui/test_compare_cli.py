"""``gwr-tui compare OLD NEW``: every format, notes on stderr, real consecutive reports."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from parsers.compare import VERDICTS
from tui.cli import main
from tui.compare_output import COLUMNS

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "compare"
HAILAR_2018 = str(FIXTURES / "hailar_district_2018_gbk.txt")
NATIONAL_2025 = str(FIXTURES / "national_2025_excerpt.txt")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[str, str]:
    assert main(["compare", *args]) == 0
    captured = capsys.readouterr()
    return captured.out, captured.err


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_spreadsheet_formats_have_the_columns(capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    out, err = run(capsys, HAILAR_2018, NATIONAL_2025, "--format", fmt)
    rows = list(csv.reader(io.StringIO(out), delimiter="," if fmt == "csv" else "\t"))
    assert rows[0] == list(COLUMNS)
    assert len(rows) > 20 and all(len(row) == len(COLUMNS) for row in rows)
    assert {row[-1] for row in rows[1:]} <= set(VERDICTS)
    # Not one place, not consecutive: both said on stderr, the table still printed.
    assert "different places" in err and "7 years apart" in err


def test_json_has_labels_notes_and_both_figures(capsys: pytest.CaptureFixture[str]) -> None:
    out, _ = run(capsys, HAILAR_2018, NATIONAL_2025, "--format", "json")
    data = json.loads(out)
    assert (data["old"], data["new"]) == ("海拉尔区 2018", "国务院 2025")
    assert len(data["notes"]) == 2
    for row in data["rows"]:
        assert row["verdict"] in VERDICTS
        assert (row["old"] is None) == (row["verdict"] == "new")
        if row["old"] and row["new"]:
            assert isinstance(row["difference"], int | float)


def test_markdown_and_table(capsys: pytest.CaptureFixture[str]) -> None:
    markdown, _ = run(capsys, HAILAR_2018, NATIONAL_2025, "--format", "md")
    lines = markdown.splitlines()
    assert lines[0] == "**海拉尔区 2018 → 国务院 2025**"
    assert lines[2] == "| " + " | ".join(COLUMNS) + " |"
    table, _ = run(capsys, HAILAR_2018, NATIONAL_2025)
    assert "海拉尔区 2018 → 国务院 2025" in table and "verdict" in table


def test_a_missing_report_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", HAILAR_2018, "/no/such/2019.txt"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("gwr-tui: /no/such/2019.txt") and err.count("\n") == 1


def verdicts(out: str) -> dict[tuple[str, str], str]:
    """Verdicts of last year's targets by (indicator, target as written)."""
    rows = csv.DictReader(io.StringIO(out))
    return {
        (row["indicator"], row["old"]): row["verdict"]
        for row in rows
        if row["old_status"] == "target" and row["new_status"] == "actual"
    }


def test_national_2024_against_2025(capsys: pytest.CaptureFixture[str], corpus_dir: Path) -> None:
    out, err = run(capsys, str(corpus_dir / "national_2024.txt"), NATIONAL_2025, "--format", "csv")
    assert err == ""
    found = verdicts(out)
    assert found[("国内生产总值", "~ 增长5%")] == "met"
    assert found[("城镇新增就业", ">= 1200万人")] == "met"
    assert found[("城镇调查失业率", "~ 5.5%")] == "met"
    assert found[("居民消费价格", "~ 涨幅3%")] == "met"


def test_hailar_2017_against_2018(capsys: pytest.CaptureFixture[str], corpus_dir: Path) -> None:
    old = str(corpus_dir / "hailar_district_2017_gbk.txt")
    out, _ = run(capsys, old, HAILAR_2018, "--format", "csv")
    found = verdicts(out)
    assert found[("社会消费品零售总额", "增长10%")] == "missed"
    assert found[("社会消费品零售总额", "164.1亿元")] == "missed"
