"""Report text never talks to the terminal through gwr-tui's printed output.

A report from the web may carry CSI and OSC sequences (colours, screen
clears, OSC 52 clipboard writes, OSC 8 links), 8-bit C1 controls, bidi
overrides and Rich markup. Every command that prints report text must show
markup literally and let no control character through, both into a pipe and
onto a colour terminal, where the only escapes allowed are gwr-tui's own
colours (SGR).
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from tui.cli import main

HOSTILE = Path(__file__).resolve().parent / "fixtures" / "hostile"
# C0 except \t \n \r (ESC and BEL included), DEL, C1, bidi embedding/override/isolate/marks.
DANGEROUS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)
SGR = re.compile("\x1b\\[[0-9;]*m")

# Markup, CSI, OSC 52/8, C1 and bidi controls in one report (shared with the reader tests).
EVIL_REPORT = (
    (Path(__file__).resolve().parent / "fixtures" / "hostile" / "markup_and_escapes.txt")
    .read_bytes()
    .decode("utf-8")
)
MARKUP = ("[red]", "[link=http://evil.example]", "[@click=app.quit]", "[/@click]", "[b]")

COMMANDS = [
    ["outline"],
    ["outline", "--json"],
    ["figures"],
    ["figures", "--format", "csv"],
    ["figures", "--format", "tsv"],
    ["figures", "--format", "md"],
    ["figures", "--format", "json"],
]


@pytest.fixture
def evil_report(tmp_path: Path) -> Path:
    path = tmp_path / "evil.txt"
    path.write_text(EVIL_REPORT, encoding="utf-8", newline="")
    return path


@pytest.fixture(params=["pipe", "colour terminal"])
def terminal(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Print into a pipe, or make Rich believe it writes to a wide colour terminal."""
    monkeypatch.setenv("COLUMNS", "250")
    monkeypatch.delenv("NO_COLOR", raising=False)
    if request.param == "colour terminal":
        monkeypatch.setenv("FORCE_COLOR", "1")
        monkeypatch.setenv("TERM", "xterm-256color")
        monkeypatch.setenv("COLORTERM", "truecolor")
    else:
        monkeypatch.delenv("FORCE_COLOR", raising=False)
    return str(request.param)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(list(args)) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    return captured.out


def assert_inert(output: str, terminal: str) -> str:
    """``output`` without gwr-tui's own colours; it must hold no other control character."""
    if terminal == "pipe":
        assert "\x1b" not in output
    plain = SGR.sub("", output)
    found = DANGEROUS.search(plain)
    assert found is None, repr(plain[max(0, found.start() - 20) : found.end() + 20])
    return plain


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_output_holds_no_control_characters(
    capsys: pytest.CaptureFixture[str], evil_report: Path, terminal: str, command: list[str]
) -> None:
    output = run(capsys, *command, str(evil_report))
    assert_inert(output, terminal)
    assert "\x1b]8;" not in output, "a hyperlink reached the terminal"


def test_outline_shows_markup_literally(
    capsys: pytest.CaptureFixture[str], evil_report: Path, terminal: str
) -> None:
    lines = assert_inert(run(capsys, "outline", str(evil_report)), terminal).splitlines()
    assert lines == [
        "[red]示例市[/red]政府工作报告",
        "一、[red]工作回顾[/red]\ufffd[31m",
        "  （一）[link=http://evil.example]点我[/link]\ufffd反转",
        "二、今年安排\ufffd\ufffd",
    ]


def test_figures_table_shows_markup_literally(
    capsys: pytest.CaptureFixture[str], evil_report: Path, terminal: str
) -> None:
    output = run(capsys, "figures", str(evil_report))
    # On a colour terminal the table has colours of its own, so escapes were possible.
    assert (SGR.search(output) is not None) == (terminal == "colour terminal")
    table = assert_inert(output, terminal)
    assert "[@click=app.quit]地区生产总值[/@click]" in table
    assert "[link=http://ev" in table  # the section column is cut to 16 cells
    assert "[bold magenta]预期目标[/]" in table


def test_figures_data_formats_keep_report_text_as_written(
    capsys: pytest.CaptureFixture[str], evil_report: Path
) -> None:
    figures = json.loads(run(capsys, "figures", "--format", "json", str(evil_report)))
    rows = list(
        csv.DictReader(io.StringIO(run(capsys, "figures", "--format", "csv", str(evil_report))))
    )
    assert len(rows) == len(figures) >= 4
    for figure, row in zip(figures, rows, strict=True):
        assert row["indicator"] == figure["indicator"]
        assert row["sentence"] == figure["sentence"]
        assert EVIL_REPORT.replace("\x1b", "\ufffd").count(figure["surface"]) >= 1
    shown = " ".join(figure["sentence"] + " ".join(figure["section_path"]) for figure in figures)
    for markup in MARKUP:
        assert markup in shown
    assert figures[0]["section_path"] == [
        "[red]工作回顾[/red]\ufffd[31m",
        "[link=http://evil.example]点我[/link]\ufffd反转",
    ]


def test_the_escapes_fixture_prints_inert(
    capsys: pytest.CaptureFixture[str], terminal: str
) -> None:
    for command in COMMANDS:
        assert_inert(run(capsys, *command, str(HOSTILE / "escapes.txt")), terminal)


def test_a_hostile_file_name_does_not_reach_the_terminal(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "\x1b]52;c;ZXZpbA==\x07[red]\u202e\x9b2J.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    assert main(["figures", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert DANGEROUS.search(captured.err) is None
    shown_name = f"{tmp_path}/]52;c;ZXZpbA==[red]2J.txt"
    message = f"gwr-tui: {shown_name}: is not a text or HTML file: open a .txt or .html report\n"
    assert captured.err == message
