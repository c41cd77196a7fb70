"""The console script as a user meets it: exit codes, one-line errors, outline and figures."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tui.cli import main, sample_path

SCRIPT = [sys.executable, "-c", "import sys; from tui.cli import main; sys.exit(main())"]


def run_cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*SCRIPT, *args],
        input=stdin.decode() if stdin else None,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_outline_of_the_sample_lists_its_chapter(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["outline", str(sample_path())]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "一、2024年工作回顾" in lines
    # Site chrome of the scrape is never part of the outline.
    assert not any("导航菜单" in line or "验证码" in line for line in lines)


def test_outline_json_has_exactly_the_document_fields(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["outline", "--json", str(sample_path())]) == 0
    document = json.loads(capsys.readouterr().out)
    assert set(document) == {"title", "meta", "front", "children", "appendices", "dropped"}
    assert set(document["meta"]) == {"region", "level", "year", "date", "speaker", "meeting"}
    chapter = document["children"][0]
    assert {"kind", "number", "heading", "title", "paragraphs", "children", "start", "end"} <= set(
        chapter
    )
    assert chapter["number"] == "一"
    assert any("导航菜单" in entry["text"] for entry in document["dropped"])


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["/no/such/report.txt"], "report.txt"),
        (["outline", "/no/such/report.txt"], "report.txt"),
        (["figures", "/"], "/"),
    ],
)
def test_bad_paths_end_in_one_line_and_status_2(args: list[str], fragment: str) -> None:
    result = run_cli(*args)
    assert result.returncode == 2
    assert result.stdout == ""
    error_lines = result.stderr.splitlines()
    assert len(error_lines) == 1
    assert error_lines[0].startswith("gwr-tui: ")
    assert fragment in error_lines[0]
    assert "Traceback" not in result.stderr


def test_empty_standard_input_is_refused() -> None:
    result = run_cli("outline", "-", stdin=b"")
    assert result.returncode == 2
    assert result.stderr.startswith("gwr-tui: <stdin>")


def test_outline_reads_standard_input() -> None:
    result = run_cli("outline", "-", stdin=sample_path().read_bytes())
    assert result.returncode == 0
    assert "一、2024年工作回顾" in result.stdout.splitlines()


def test_figures_json_is_a_list_of_numbers_in_text_order(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["figures", "--format", "json", str(sample_path())]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert len(figures) > 50
    starts = [f["start"] for f in figures]
    assert starts == sorted(starts)
    gdp = next(f for f in figures if f["surface"] == "1200亿元")
    assert gdp["value"] == 1200
    assert gdp["base_value"] == 1.2e11
    assert gdp["status"] == "estimate"


def test_figures_status_filter_keeps_only_that_status(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["figures", "--format", "json", "--status", "estimate", str(sample_path())]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures
    assert {f["status"] for f in figures} == {"estimate"}


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_figures_spreadsheet_formats_have_a_header_and_a_row_per_figure(
    fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["figures", "--format", "json", str(sample_path())])
    count = len(json.loads(capsys.readouterr().out))
    assert main(["figures", "--format", fmt, str(sample_path())]) == 0
    rows = list(
        csv.reader(io.StringIO(capsys.readouterr().out), delimiter="," if fmt == "csv" else "\t")
    )
    assert len(rows) == count + 1
    assert "indicator" in rows[0]
    assert len({len(row) for row in rows}) == 1


def test_figures_markdown_is_a_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["figures", "--format", "md", str(sample_path())]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("| ") and lines[1].startswith("|---")
    assert all(line.startswith("|") and line.endswith("|") for line in lines)


def test_figures_table_shows_indicators_and_values(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["figures", str(sample_path())]) == 0
    out = capsys.readouterr().out
    assert "地区生产总值" in out
    assert "1200亿元" in out


def test_markup_and_escapes_in_a_report_print_literally(tmp_path: Path) -> None:
    report = tmp_path / "evil.txt"
    report.write_text(
        "一、[red]工作回顾[/red]\n地区生产总值增长5%。\x1b]52;c;ZXZpbA==\x07[link=http://x]点我[/link]\n"
        "二、\x1b[31m今年安排\n全年粮食产量1.3万亿斤。\n",
        encoding="utf-8",
    )
    for args in (["outline", str(report)], ["figures", str(report)]):
        result = run_cli(*args)
        assert result.returncode == 0, result.stderr
        assert "\x1b" not in result.stdout
        assert "\x07" not in result.stdout
    assert "[red]工作回顾[/red]" in run_cli("outline", str(report)).stdout


def test_a_file_named_like_a_subcommand_needs_a_path(tmp_path: Path) -> None:
    # "outline" is a subcommand; any other first word is a file to read.
    result = run_cli(str(tmp_path / "absent.txt"))
    assert result.returncode == 2


def test_outline_of_a_text_without_headings_shows_one_titled_chapter(tmp_path: Path) -> None:
    report = tmp_path / "flat.txt"
    report.write_text("今年全区经济平稳运行。\n就业形势总体稳定。\n", encoding="utf-8")
    result = run_cli("outline", str(report))
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines == ["全文"]
