"""Hostile and broken input at the loading stage: a clear refusal or a graceful load, never a
traceback, a hang, or a control sequence that reaches the terminal.

Small nasty files live in ``tests/fixtures/hostile/``; the big, special or
permission-dependent ones are made in ``tmp_path``.
"""

from __future__ import annotations

import os
import re
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parsers.errors import ReportError
from parsers.load import load_bytes, load_path
from parsers.model import LoadedText
from parsers.sanitize import neutralize, strip_controls

HOSTILE = Path(__file__).resolve().parents[1] / "fixtures" / "hostile"
LINE = "国内生产总值超过126万亿元，增长5.2%，城镇新增就业1244万人。\n"

# What must never survive loading: C0 except \t \n \r, DEL, C1, bidi controls.
DANGEROUS = re.compile(
    "[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


def refusal(path: str | Path) -> str:
    with pytest.raises(ReportError) as caught:
        load_path(path)
    message = str(caught.value)
    assert "\n" not in message
    assert DANGEROUS.search(message) is None
    return message


def assert_safe(loaded: LoadedText) -> None:
    assert DANGEROUS.search(loaded.text) is None
    assert loaded.title_hint is None or DANGEROUS.search(loaded.title_hint) is None
    for span in loaded.chrome:
        assert loaded.text[span.start : span.end] == span.text


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("empty.txt", "is empty: "),
        ("whitespace_only.txt", "is empty (only whitespace): "),
        ("image_named.txt", "is not a text or HTML file: "),
        ("program_named.txt", "is not a text or HTML file: "),
        ("random.bin", "is not a text or HTML file: "),
        ("gzip_named.html", "is gzip-compressed: decompress it first"),
        ("no_body.html", "is a web page without visible text: "),
    ],
)
def test_fixture_is_refused_with_one_clear_line(name: str, message: str) -> None:
    path = HOSTILE / name
    assert refusal(path).startswith(f"{path}: {message}")


@pytest.mark.parametrize(
    ("name", "encoding"),
    [
        ("mixed_encodings.txt", "utf-8+gb18030"),
        ("utf16_nobom.txt", "utf-16-le"),
        ("truncated_utf8.txt", "utf-8"),
        ("truncated_gbk.txt", "gb18030"),
    ],
)
def test_broken_encodings_load_gracefully(name: str, encoding: str) -> None:
    loaded = load_path(HOSTILE / name)
    assert loaded.encoding == encoding
    assert loaded.text.startswith("政府工作报告\n各位代表：\n一、2023年工作回顾\n")
    assert "（一）大力推进现代化产业体系建设" in loaded.text
    assert_safe(loaded)


def test_missing_path(tmp_path: Path) -> None:
    assert (
        refusal(tmp_path / "nope.txt") == f"{tmp_path / 'nope.txt'}: no such file: check the path"
    )


def test_directory(tmp_path: Path) -> None:
    assert refusal(tmp_path).startswith(f"{tmp_path}: is a directory: ")


def test_permission_denied(unreadable_file: Path) -> None:
    assert refusal(unreadable_file).startswith(f"{unreadable_file}: permission denied: ")


def test_permission_denied_by_the_os_is_explained(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same refusal where the suite runs with privileges (as root in containers)."""
    path = tmp_path / "secret.txt"
    path.write_text(LINE, encoding="utf-8")

    def denied(*_args: object, **_kwargs: object) -> int:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "open", denied)
    assert refusal(path) == f"{path}: permission denied: check the file's permissions"


def test_symlink_loop(tmp_path: Path) -> None:
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    assert refusal(tmp_path / "a.txt").startswith(f"{tmp_path / 'a.txt'}: is a symbolic link loop")


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_dev_zero_is_refused_by_type() -> None:
    assert refusal("/dev/zero").startswith("/dev/zero: is a character device, not a regular file")


def run_guarded(target: Callable[..., object], *args: object) -> list[BaseException]:
    """Run a load in a thread so a regression that blocks fails the test instead of hanging it."""
    errors: list[BaseException] = []

    def call() -> None:
        try:
            target(*args)
        except BaseException as error:  # collected for the assertion below
            errors.append(error)

    worker = threading.Thread(target=call, daemon=True)
    worker.start()
    worker.join(timeout=30)
    assert not worker.is_alive(), "loading blocked"
    return errors


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_fifo_is_refused_by_type_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    errors = run_guarded(load_path, fifo)
    assert len(errors) == 1 and isinstance(errors[0], ReportError)
    assert str(errors[0]).startswith(f"{fifo}: is a named pipe (FIFO), not a regular file")


def test_twenty_megabytes_of_report_text(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    line = LINE.encode("gbk")
    count = 20 * 2**20 // len(line)
    path.write_bytes(line * count)
    loaded = load_path(path)
    assert (loaded.encoding, loaded.media) == ("gb18030", "text")
    assert len(loaded.text) == len(LINE) * count


def test_single_five_megabyte_line(tmp_path: Path) -> None:
    path = tmp_path / "one_line.txt"
    sentence = LINE.rstrip("\n")
    path.write_bytes((sentence * (5 * 2**20 // len(sentence.encode()))).encode())
    loaded = load_path(path)
    assert "\n" not in loaded.text and len(loaded.text) > 1_000_000


@pytest.mark.parametrize("tag", ["div", "span", "table", "b"])
def test_ten_thousand_levels_of_nested_html(tmp_path: Path, tag: str) -> None:
    path = tmp_path / "deep.html"
    path.write_text(f"<html><body>{f'<{tag}>' * 10_000}一、深处的章节</body></html>", "utf-8")
    loaded = load_path(path)
    assert loaded.media == "html" and "一、深处的章节" in loaded.text


def test_html_with_no_body_element_but_text(tmp_path: Path) -> None:
    path = tmp_path / "nobody.html"
    path.write_text("<html><head><title>报告</title></head><p>一、工作回顾</p></html>", "utf-8")
    loaded = load_path(path)
    assert (loaded.text, loaded.title_hint) == ("一、工作回顾", "报告")


def test_escape_sequences_are_defused_in_place() -> None:
    raw = (HOSTILE / "escapes.txt").read_bytes().decode("utf-8")
    loaded = load_path(HOSTILE / "escapes.txt")
    assert len(loaded.text) == len(raw)
    assert loaded.text == neutralize(raw)
    assert_safe(loaded)
    # Only the introducers go: the rest of each sequence stays visible as text.
    for literal in ("[31m", "]52;c;cm0gLXJmIH4=", "]8;;http://evil.example/", "2J清屏尝试"):
        assert literal in loaded.text
    assert "[red]标记[/red] [link=http://evil.example]" in loaded.text
    for offset, char in enumerate(raw):
        if char in "\f\v":
            assert loaded.text[offset] == "\n"
        elif DANGEROUS.match(char):
            assert loaded.text[offset] == "\ufffd"
        else:
            assert loaded.text[offset] == char


def test_escapes_written_as_html_entities_are_defused() -> None:
    page = "<p>正文&#27;[31m红\x9b2J&#x202E;反&#8238;向&#7;</p><title>标&#27;]0;x&#7;题</title>"
    loaded = load_bytes(page.encode(), "p.html")
    assert loaded.text == "正文\ufffd[31m红\ufffd2J\ufffd反\ufffd向\ufffd"
    # Numeric references into C1 mean Windows-1252 characters, as in browsers.
    assert load_bytes("<p>红&#x9b;2J</p>".encode(), "p.html").text == "红\u203a2J"
    assert loaded.title_hint == "标\ufffd]0;x\ufffd题"


@pytest.mark.parametrize(
    "char", ["\x1b", "\x07", "\x00", "\x7f", "\x85", "\x9b", "\x9d", "\u202e", "\u2067", "\u200f"]
)
def test_neutralize_keeps_length_and_offsets(char: str) -> None:
    text = f"一、回顾{char}增长5%{char}"
    assert neutralize(text) == "一、回顾\ufffd增长5%\ufffd"


def test_neutralize_keeps_line_structure_and_cjk() -> None:
    text = "一、回顾\r\n\t（一）增长５％。\u3000\n"
    assert neutralize(text) is text


def test_strip_controls_makes_one_safe_line() -> None:
    assert strip_controls("a\x1b]52;c;eA==\x07\r\nb\u202ec") == "a]52;c;eA== bc"


@given(st.text(max_size=300))
def test_neutralize_is_length_preserving_and_complete(text: str) -> None:
    safe = neutralize(text)
    assert len(safe) == len(text)
    assert DANGEROUS.search(safe) is None
    assert all(
        a == b or b == ("\n" if a in "\f\v" else "\ufffd") for a, b in zip(text, safe, strict=True)
    )


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=3000))
def test_arbitrary_bytes_load_safely_or_raise_report_error(data: bytes) -> None:
    try:
        loaded = load_bytes(data, "fuzz.bin")
    except ReportError as error:
        assert str(error).startswith("fuzz.bin: ") and "\n" not in str(error)
    else:
        assert_safe(loaded)


_TAGS = st.sampled_from(
    ["p", "div", "span", "br", "td", "tr", "table", "li", "nav", "footer", "script", "pre", "a"]
)
_FRAGMENT = st.one_of(
    _TAGS.map(lambda t: f"<{t}>"),
    _TAGS.map(lambda t: f"</{t}>"),
    st.sampled_from(["&nbsp;", "&#27;", "&#x202e;", "&amp;", "<!--", "-->", "<", ">", "\u3000"]),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=20),
    st.sampled_from(['<div class="TRS_Editor">', '<div id="zoom">', "一、工作回顾", "增长5%。"]),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_FRAGMENT, max_size=60))
def test_random_html_loads_safely_or_raises_report_error(parts: list[str]) -> None:
    page = "<html><body>" + "".join(parts)
    try:
        loaded = load_bytes(page.encode("utf-8"), "fuzz.html")
    except ReportError as error:
        assert "\n" not in str(error)
    else:
        assert_safe(loaded)
        assert loaded.media == "html"


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file names")
def test_control_characters_in_a_file_name_do_not_reach_the_message(tmp_path: Path) -> None:
    path = tmp_path / "\x1b[2J\u202ereport.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n")
    assert refusal(path).startswith(f"{tmp_path}/[2Jreport.txt: is not a text or HTML file")


def test_stray_nuls_in_utf8_do_not_make_it_utf16() -> None:
    """Two NULs at even offsets once made a UTF-8 page read as UTF-16 without a byte-order mark."""
    # Mostly ASCII, whose byte pairs read as UTF-16 are CJK-like enough to pass for text.
    page = ("<html><body><p>一、工作回顾 " + "xyzw" * 30 + "\x00000\x00</p>").encode()
    loaded = load_bytes(page, "stray.html")
    assert loaded.encoding == "utf-8"
    assert "工作回顾" in loaded.text
