"""Opening files and standard input: what reaches the tree builder, and one-line refusals."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import pytest

from parsers import load
from parsers.errors import ReportError
from parsers.load import load_bytes, load_path

REPORT = "政府工作报告\n各位代表：\n一、2023年工作回顾\n国内生产总值增长5.2%。\n"
PAGE = "<!DOCTYPE html><html><body><p>一、2023年工作回顾</p><p>增长5.2%。</p></body></html>"


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_text_file(tmp_path: Path) -> None:
    loaded = load_path(write(tmp_path / "r.txt", REPORT.encode("gbk")))
    assert (loaded.text, loaded.encoding, loaded.media) == (REPORT, "gb18030", "text")
    assert loaded.source == str(tmp_path / "r.txt")
    assert (loaded.chrome, loaded.title_hint) == ((), None)


def test_content_decides_html_not_the_name(tmp_path: Path) -> None:
    page = load_path(write(tmp_path / "page.txt", PAGE.encode()))
    text = load_path(write(tmp_path / "report.html", REPORT.encode()))
    assert (page.media, page.text) == ("html", "一、2023年工作回顾\n增长5.2%。")
    assert (text.media, text.text) == ("text", REPORT)


def test_crlf_is_kept_for_offsets(tmp_path: Path) -> None:
    crlf = REPORT.replace("\n", "\r\n")
    assert load_path(write(tmp_path / "r.txt", crlf.encode())).text == crlf


def test_text_is_neutralized_in_place(tmp_path: Path) -> None:
    loaded = load_path(write(tmp_path / "r.txt", "一、回顾\x1b[31m红\u202e字\n".encode()))
    assert loaded.text == "一、回顾\ufffd[31m红\ufffd字\n"


def test_standard_input(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(REPORT.encode("gbk"))))
    loaded = load_path("-")
    assert (loaded.text, loaded.source, loaded.encoding) == (REPORT, "<stdin>", "gb18030")


def test_standard_input_over_the_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(load, "MAX_BYTES", 16)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(REPORT.encode())))
    with pytest.raises(ReportError, match=r"^<stdin>: is too large: the limit is "):
        load_path("-")


def test_empty_standard_input(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"")))
    with pytest.raises(ReportError, match=r"^<stdin>: is empty"):
        load_path("-")


def test_file_over_the_cap_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:  # sparse: nothing is written, the size is what counts
        handle.truncate(load.MAX_BYTES + 1)
    with pytest.raises(
        ReportError, match=r"huge\.txt: is too large \(65 MiB\): the limit is 64 MiB"
    ):
        load_path(path)


def test_pathlike_and_str_give_the_same_result(tmp_path: Path) -> None:
    path = write(tmp_path / "r.txt", REPORT.encode())
    assert load_path(path) == load_path(str(path))


def test_messages_name_the_file_on_one_line_without_control_characters(tmp_path: Path) -> None:
    name = "evil\x1b]52;c;aGk=\x07\nname.txt"
    path = write(tmp_path / name, b"")
    with pytest.raises(ReportError) as caught:
        load_path(path)
    message = str(caught.value)
    assert message.startswith(str(tmp_path / "evil]52;c;aGk= name.txt: is empty"))
    assert not any(ord(c) < 32 or 0x7F <= ord(c) <= 0x9F for c in message)


def test_html_without_visible_text(tmp_path: Path) -> None:
    page = b"<html><head><title>t</title><script>x()</script></head></html>"
    with pytest.raises(ReportError, match="is a web page without visible text"):
        load_bytes(page, "page.html")


def test_html_title_hint_is_neutralized() -> None:
    loaded = load_bytes("<title>报告&#x1b;[2J</title><p>正文内容</p>".encode(), "p.html")
    assert loaded.title_hint == "报告\ufffd[2J"


def test_every_corpus_file_loads(corpus_dir: Path) -> None:
    files = sorted(p for p in corpus_dir.rglob("*") if p.suffix in {".txt", ".html"})
    for path in files:
        loaded = load_path(path)
        assert loaded.media == ("html" if path.suffix == ".html" else "text"), path.name
        if loaded.media == "text":
            encoding = "gb18030" if "_gbk" in path.name else "utf-8"
            with path.open(encoding=encoding, newline="") as handle:
                assert loaded.text == handle.read(), path.name
            assert loaded.encoding == encoding


def test_unreadable_path_errors_keep_the_os_reason(tmp_path: Path) -> None:
    target = tmp_path / ("x" * 300)
    with pytest.raises(ReportError, match=r": cannot be read \(File name too long\)"):
        load_path(target)


def test_nul_byte_in_the_path() -> None:
    with pytest.raises(ReportError, match=r"^ab\.txt: no such file: check the path$"):
        load_path("a\x00b.txt")


def test_path_through_a_file_is_not_a_directory(tmp_path: Path) -> None:
    inner = write(tmp_path / "r.txt", REPORT.encode()) / "more.txt"
    with pytest.raises(ReportError, match="no such file"):
        load_path(inner)


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_broken_symlink(tmp_path: Path) -> None:
    link = tmp_path / "link.txt"
    link.symlink_to(tmp_path / "gone.txt")
    with pytest.raises(ReportError, match=r"link\.txt: is a broken symbolic link"):
        load_path(link)


def test_a_text_report_loads_without_importing_the_html_reader() -> None:
    """The HTML reader and its patterns cost start-up time that plain text never needs."""
    import subprocess

    script = (
        "import sys\n"
        "from parsers.load import load_bytes\n"
        "text = load_bytes('一、回顾\\n正文。'.encode(), 'report.txt')\n"
        "page = 'parsers.html_article' in sys.modules\n"
        "load_bytes(b'<html><body><p>\\xe6\\xad\\xa3\\xe6\\x96\\x87</p></body></html>', 'p.html')\n"
        "print(text.media, page, 'parsers.html_article' in sys.modules)\n"
    )
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=root, check=True
    )
    assert result.stdout.split() == ["text", "False", "True"]


def test_page_breaks_of_a_pdftotext_copy_are_line_breaks() -> None:
    """A form feed opens each page of a pdftotext copy: the next page's heading is a heading."""
    from parsers.tree import build_document

    raw = "各位代表：\n一、回顾\n经济增长5%。\n\f二、安排\n扩大内需。\n\v"
    loaded = load_bytes(raw.encode(), "report.txt")
    assert loaded.text == raw.replace("\f", "\n").replace("\v", "\n")
    titles = [node.title for node in build_document(loaded).children]
    assert titles == ["回顾", "安排"]
