"""Every kind of bad input, through the installed ``gwr-tui`` command as a user would run it.

Each input is opened by ``outline``, ``figures`` and ``figures --format json``
in a real process with a timeout. It either ends in exactly one stderr line
``gwr-tui: …`` and status 2, or succeeds with a usable result; a traceback,
a hang or a control character on the terminal fails the test. The small
nasty files live in ``tests/fixtures/hostile/``; the big and special ones are
made in temporary directories.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

HOSTILE = Path(__file__).resolve().parent / "fixtures" / "hostile"
COMMANDS: tuple[tuple[str, ...], ...] = (
    ("outline",),
    ("figures",),
    ("figures", "--format", "json"),
)
TIMEOUT = 60
"""Seconds before a run counts as hung; the slowest input here needs a few."""

# What must never reach a terminal: C0 except \t \n \r, DEL, C1, bidi controls.
DANGEROUS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)
SENTENCE = "地区生产总值增长5.2%。"
FILLER = (
    "我们坚持稳中求进工作总基调，完整、准确、全面贯彻新发展理念，推动高质量发展取得新成效，"
    "持续优化营商环境，扎实推进城市更新和乡村振兴，不断增进民生福祉。"
)
NUMERALS = "一二三四五六七八九"


def console_script() -> list[str]:
    """The ``gwr-tui`` entry point installed beside this Python, as ``make test`` sets it up."""
    script = Path(sys.executable).with_name("gwr-tui")
    if script.is_file():
        return [str(script)]
    return [sys.executable, "-m", "tui.cli"]


def run_commands(path: Path | str) -> dict[str, subprocess.CompletedProcess[str]]:
    """Run the three commands on ``path`` side by side; a run past the timeout fails as a hang."""
    procs = {
        " ".join(command): subprocess.Popen(
            [*console_script(), *command, str(path)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        for command in COMMANDS
    }
    results = {}
    for name, proc in procs.items():
        try:
            out, err = proc.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            for other in procs.values():
                other.kill()
                other.communicate()
            pytest.fail(f"gwr-tui {name} {path} hung for {TIMEOUT} s")
        results[name] = subprocess.CompletedProcess(proc.args, proc.returncode, out, err)
    return results


def assert_refused(path: Path | str, reason: str) -> None:
    for name, result in run_commands(path).items():
        assert result.returncode == 2, (name, result.stderr)
        assert result.stdout == "", name
        assert "Traceback" not in result.stderr, result.stderr
        lines = result.stderr.splitlines()
        assert len(lines) == 1, (name, result.stderr)
        assert lines[0].startswith("gwr-tui: "), lines[0]
        assert reason in lines[0], (name, lines[0])
        assert DANGEROUS.search(result.stderr) is None, name


def assert_opened(path: Path | str) -> tuple[list[str], list[dict[str, object]]]:
    """The outline lines and the JSON figures of a file that must open."""
    results = run_commands(path)
    for name, result in results.items():
        assert result.returncode == 0, (name, result.stderr)
        assert result.stderr == "", (name, result.stderr)
        assert DANGEROUS.search(result.stdout) is None, name
    figures = json.loads(results["figures --format json"].stdout)
    assert isinstance(figures, list)
    # Header and borders take four lines, each figure at least one.
    assert results["figures"].stdout.count("\n") >= len(figures) + 4
    return results["outline"].stdout.splitlines(), figures


# -- refused with one line -------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("empty.txt", "is empty: "),
        ("whitespace_only.txt", "is empty (only whitespace): "),
        ("image_named.txt", "is not a text or HTML file: "),  # a PNG
        ("program_named.txt", "is not a text or HTML file: "),  # an ELF binary
        ("random.bin", "is not a text or HTML file: "),
        ("gzip_named.html", "is gzip-compressed: decompress it first"),
        ("no_body.html", "is a web page without visible text: "),
    ],
)
def test_fixture_is_refused(name: str, reason: str) -> None:
    assert_refused(HOSTILE / name, reason)


def _missing(tmp: Path) -> Path:
    return tmp / "absent.txt"


def _directory(tmp: Path) -> Path:
    return tmp


def _symlink_loop(tmp: Path) -> Path:
    (tmp / "a.txt").symlink_to(tmp / "b.txt")
    (tmp / "b.txt").symlink_to(tmp / "a.txt")
    return tmp / "a.txt"


def _broken_symlink(tmp: Path) -> Path:
    (tmp / "link.txt").symlink_to(tmp / "gone.txt")
    return tmp / "link.txt"


def _fifo(tmp: Path) -> Path:
    if not hasattr(os, "mkfifo"):
        pytest.skip("needs named pipes")
    os.mkfifo(tmp / "pipe.txt")
    return tmp / "pipe.txt"


def _too_large(tmp: Path) -> Path:
    path = tmp / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(65 * 2**20)  # sparse: costs no disk and is refused unread
    return path


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (_missing, "no such file: check the path"),
        (_directory, "is a directory: "),
        (_symlink_loop, "is a symbolic link loop: "),
        (_broken_symlink, "is a broken symbolic link: "),
        (_fifo, "is a named pipe (FIFO), not a regular file: "),
        (_too_large, "is too large (65 MiB): the limit is 64 MiB"),
    ],
    ids=lambda value: value.__name__.strip("_") if callable(value) else "",
)
def test_special_path_is_refused(tmp_path: Path, make: Callable[[Path], Path], reason: str) -> None:
    assert_refused(make(tmp_path), reason)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_dev_zero_is_refused_by_type_not_read() -> None:
    assert_refused("/dev/zero", "is a character device, not a regular file")


def test_permission_denied(unreadable_file: Path) -> None:
    assert_refused(unreadable_file, "permission denied: ")


# -- opened gracefully -----------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["truncated_utf8.txt", "truncated_gbk.txt", "mixed_encodings.txt", "utf16_nobom.txt"]
)
def test_broken_encoding_still_reads(name: str) -> None:
    outline, figures = assert_opened(HOSTILE / name)
    assert outline[:3] == ["政府工作报告", "一、2023年工作回顾", "二、2024年政府工作任务"]
    assert "5.2%" in [figure["surface"] for figure in figures]


def test_text_that_is_not_a_report_opens_without_chapters(tmp_path: Path) -> None:
    novel = tmp_path / "novel.txt"
    novel.write_text(
        "CHAPTER I.\nIt was the best of times, it was the worst of times.\n" * 300, "utf-8"
    )
    table = tmp_path / "table.csv"
    table.write_text("year,gdp,growth\n2023,1260000,5.2\n2024,1349084,5.0\n", "utf-8")
    for path in (novel, table):
        outline, _ = assert_opened(path)
        assert all(line.strip() == "" for line in outline)


def test_report_without_numbered_chapters_is_one_flat_chapter(tmp_path: Path) -> None:
    path = tmp_path / "flat.txt"
    path.write_text(
        f"某县政府工作报告\n各位代表：\n过去一年，{SENTENCE}\n{FILLER}\n今年预期目标是增长5%左右。\n",
        "utf-8",
    )
    outline, figures = assert_opened(path)
    assert [line for line in outline if line.strip()] == ["某县政府工作报告"]
    assert [figure["surface"] for figure in figures] == ["5.2%", "5%"]
    assert {tuple(figure["section_path"]) for figure in figures} == {("某县政府工作报告",)}


def test_escape_sequences_in_a_report_are_defused() -> None:
    outline, _ = assert_opened(HOSTILE / "escapes.txt")
    assert "一、2023年工作回顾\ufffd[31m（红色）\ufffd[0m" in outline


def test_ten_thousand_levels_of_nested_html(tmp_path: Path) -> None:
    path = tmp_path / "deep.html"
    nested = f"<p>一、深处的章节</p><p>{SENTENCE}</p>"
    path.write_text(f"<html><body>{'<div>' * 10_000}{nested}</body></html>", "utf-8")
    outline, figures = assert_opened(path)
    assert outline == ["一、深处的章节"]
    assert [figure["surface"] for figure in figures] == ["5.2%"]


def test_html_without_a_body_element(tmp_path: Path) -> None:
    path = tmp_path / "nobody.html"
    path.write_text(f"<html><head><title>报告</title></head><p>一、回顾</p><p>{SENTENCE}</p>")
    outline, figures = assert_opened(path)
    assert outline == ["报告", "一、回顾"]
    assert [figure["surface"] for figure in figures] == ["5.2%"]


def test_a_single_five_megabyte_line(tmp_path: Path) -> None:
    path = tmp_path / "one_line.txt"
    unit = (FILLER * 10 + SENTENCE).encode("utf-8")
    path.write_bytes(unit * (5 * 2**20 // len(unit) + 1))
    _, figures = assert_opened(path)
    text_length = len(path.read_text("utf-8"))
    assert len(figures) > 1000
    # The extractor went through the whole line, not just its beginning.
    assert max(int(str(figure["end"])) for figure in figures) > 0.99 * text_length


@pytest.fixture(scope="module")
def twenty_megabytes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """20 MB of GBK report text: nine chapters of ten long sections, each with one figure.

    Few figures, so the time goes to reading and parsing 20 MB rather than to
    printing a table of tens of thousands of rows.
    """
    paragraph = (FILLER * 3 + "\n").encode("gbk")
    per_section = 20 * 2**20 // (9 * 10) // len(paragraph) + 1
    parts = ["政府工作报告\n各位代表：\n".encode("gbk")]
    for chapter in NUMERALS:
        parts.append(f"{chapter}、第{chapter}部分工作\n".encode("gbk"))
        for section in NUMERALS + "十":
            parts.append(f"（{section}）重点任务。{SENTENCE}\n".encode("gbk"))
            parts.append(paragraph * per_section)
    path = tmp_path_factory.mktemp("big") / "big.txt"
    path.write_bytes(b"".join(parts))
    assert path.stat().st_size >= 20 * 10**6
    return path


def test_twenty_megabytes_of_report_text(twenty_megabytes: Path) -> None:
    outline, figures = assert_opened(twenty_megabytes)
    assert [line for line in outline if "、第" in line] == [f"{c}、第{c}部分工作" for c in NUMERALS]
    assert len(outline) == 1 + 9 * 11
    assert len(figures) == 9 * 10
    assert figures[-1]["section_path"] == ["第九部分工作", "重点任务。"]
