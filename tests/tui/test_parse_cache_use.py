"""Every way of opening a report goes through the parse cache, and a reopened report is the same."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest
from reader_support import FILLER, wait_for_parse

from parsers import figures as figure_module
from parsers import tree as tree_module
from parsers.load import load_bytes, load_path
from parsers.model import LoadedText
from parsers.parse_cache import load_parsed
from tui.app import ReaderApp
from tui.cli import main, sample_path
from tui.library_index import LibraryIndex
from tui.locations import cache_dir
from tui.report_parse import PARSE_AT_ONCE

ROOT = Path(__file__).resolve().parents[2]
SIZE = (120, 40)
COMPARE = ROOT / "tests" / "fixtures" / "compare"


def refuse_to_parse(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object) -> None:
        raise AssertionError("parsed although the parse was kept")

    monkeypatch.setattr(tree_module, "build_document", refuse)
    monkeypatch.setattr(figure_module, "extract_figures", refuse)


@pytest.fixture(scope="module")
def long_report() -> LoadedText:
    numerals = "一二三四五六七八九"
    lines = ["某市政府工作报告", "各位代表："]
    for number, numeral in enumerate(numerals):
        lines.append(f"{numeral}、第{numeral}部分工作")
        lines.append(f"全市地区生产总值达到{1200 + number}亿元，同比增长5.5%。")
        lines += [f"第{number + 1}章第{n}段。" + FILLER * 3 for n in range(150)]
    text = "\n".join(f"　　{line}" for line in lines) + "\n"
    loaded = load_bytes(text.encode("utf-8"), "long.txt")
    assert len(loaded.text) > PARSE_AT_ONCE
    return loaded


async def test_the_reader_opened_again_shows_the_same_figures_without_parsing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first = ReaderApp(load_path(sample_path()))
    async with first.run_test(size=SIZE) as pilot:
        middle = first.reader_screen.figures[len(first.reader_screen.figures) // 2].start
        first.reader_screen.reader.go_to(middle)
        await pilot.pause()
        shown = first.reader_screen.figures_panel.figures
    assert first.reader_screen.figures and shown
    refuse_to_parse(monkeypatch)
    again = ReaderApp(load_path(sample_path()))
    async with again.run_test(size=SIZE) as pilot:
        again.reader_screen.reader.go_to(middle)
        await pilot.pause()
        assert not again.reader_screen.parsing
        assert again.reader_screen.document == first.reader_screen.document
        assert again.reader_screen.figures == first.reader_screen.figures
        assert again.reader_screen.figures_panel.figures == shown


async def test_a_long_report_is_kept_once_parsed_and_then_opens_whole(
    long_report: LoadedText, monkeypatch: pytest.MonkeyPatch
) -> None:
    running = set(threading.enumerate())
    first = ReaderApp(long_report)
    assert first.reader_screen.parsing
    async with first.run_test(size=SIZE) as pilot:
        await wait_for_parse(pilot)
        figures = first.reader_screen.figures
    for thread in set(threading.enumerate()) - running:
        if thread.name == "gwr-parse":
            thread.join(60)
    assert figures
    assert load_parsed(long_report, cache_dir()) == (first.reader_screen.document, figures)

    refuse_to_parse(monkeypatch)
    again = ReaderApp(long_report)
    assert not again.reader_screen.parsing
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not again.reader_screen.parsing
        assert not again.query_one("#parsing").display
        assert again.reader_screen.document.text == long_report.text
        assert again.reader_screen.figures == figures
        await pilot.press("9")
        assert again.reader_screen.reader.page.number == 9


def test_figures_outline_and_compare_reuse_the_kept_parse(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = str(COMPARE / "hailar_district_2018_gbk.txt"), str(sample_path())
    commands = [["figures", new, "--format", "tsv"], ["outline", new], ["compare", old, new]]
    first = []
    for command in commands:
        assert main(command) == 0
        first.append(capsys.readouterr().out)
    refuse_to_parse(monkeypatch)
    for command, output in zip(commands, first, strict=True):
        assert main(command) == 0
        assert capsys.readouterr().out == output


def test_the_library_counts_figures_from_the_kept_parse(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = [sample_path(), COMPARE / "hailar_district_2018_gbk.txt"]
    entries, _ = LibraryIndex(tmp_path / "one.sqlite3").update(files)
    assert all(entry.figures for entry in entries)
    refuse_to_parse(monkeypatch)
    again, _ = LibraryIndex(tmp_path / "another.sqlite3").update(files)
    assert again == entries


def test_a_reopened_report_starts_without_the_tree_builder_or_the_extractor() -> None:
    """Their patterns compile at import: start-up on a kept parse must not pay for that."""
    script = (
        "import sys\n"
        "from tui.cli import open_reader, sample_path\n"
        "app = open_reader(str(sample_path()))\n"
        "figures = app.reader_screen.figures\n"
        "print(len(figures), 'parsers.tree' in sys.modules, 'parsers.figures' in sys.modules)\n"
    )

    def run() -> list[str]:
        result = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT
        )
        return result.stdout.split()

    count, *loaded = run()
    assert loaded == ["True", "True"]
    assert run() == [count, "False", "False"]
