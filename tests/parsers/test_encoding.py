"""Decoding without a flag: every encoding reports arrive in, and refusing what is not text."""

from __future__ import annotations

import codecs
import random
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from parsers.encoding import declared_charset, decode
from parsers.errors import ReportError

REPORT = (
    "政府工作报告\r\n各位代表：\r\n一、2023年工作回顾\r\n"
    "国内生产总值超过126万亿元，增长5.2%。城镇新增就业1244万人。\r\n"
)


def test_utf8_without_bom() -> None:
    decoded = decode(REPORT.encode("utf-8"), "f")
    assert (decoded.text, decoded.encoding) == (REPORT, "utf-8")


def test_utf8_bom_is_removed() -> None:
    decoded = decode(codecs.BOM_UTF8 + REPORT.encode("utf-8"), "f")
    assert (decoded.text, decoded.encoding) == (REPORT, "utf-8-sig")


@pytest.mark.parametrize("codec", ["gbk", "gb2312", "gb18030"])
def test_gb_family_decodes_as_gb18030(codec: str) -> None:
    decoded = decode(REPORT.encode(codec), "f")
    assert (decoded.text, decoded.encoding) == (REPORT, "gb18030")


def test_crlf_is_kept() -> None:
    assert "\r\n" in decode(REPORT.encode("gbk"), "f").text


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom(codec: str) -> None:
    bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
    decoded = decode(bom + REPORT.encode(codec), "f")
    assert (decoded.text, decoded.encoding) == (REPORT, "utf-16")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_by_nul_pattern(codec: str) -> None:
    decoded = decode(REPORT.encode(codec), "f")
    assert (decoded.text, decoded.encoding) == (REPORT, codec)


def test_declared_gb2312_is_overruled_by_valid_utf8() -> None:
    page = '<html><head><meta http-equiv="content-type" content="text/html;charset=GB2312">'
    decoded = decode((page + REPORT).encode("utf-8"), "f")
    assert (decoded.encoding, decoded.text) == ("utf-8", page + REPORT)


def test_declared_charset_is_honoured_when_the_bytes_are_not_utf8() -> None:
    page = "<html><head><meta charset='big5'></head><body>政府工作報告：經濟穩定增長</body></html>"
    decoded = decode(page.encode("big5"), "f")
    assert (decoded.encoding, decoded.text) == ("big5", page)


@pytest.mark.parametrize(
    ("head", "codec"),
    [
        (b'<meta charset="gb2312">', "gb18030"),
        (b"<META HTTP-EQUIV='Content-Type' CONTENT='text/html; charset=gbk'>", "gb18030"),
        (b'<meta charset="UTF-8" />', "utf-8"),
        (b'<meta charset="no-such-codec">', None),
        (b"<p>no declaration</p>", None),
    ],
)
def test_declared_charset(head: bytes, codec: str | None) -> None:
    assert declared_charset(b"<html><head>" + head) == codec


def test_mixed_utf8_and_gbk_lines_decode_line_by_line() -> None:
    lines = [
        "一、2023年工作回顾\n",
        "经济总体回升向好。\n",
        "二、政府工作任务\n",
        "扩大国内需求。\n",
    ]
    data = b"".join(line.encode("utf-8" if i % 2 else "gbk") for i, line in enumerate(lines * 20))
    decoded = decode(data, "f")
    assert (decoded.text, decoded.encoding) == ("".join(lines * 20), "utf-8+gb18030")


def test_mixed_file_that_gb18030_alone_would_accept_as_mojibake() -> None:
    utf8_line = "政府工作报告\n".encode()
    data = "各位代表：\n".encode("gbk") + utf8_line
    data.decode("gb18030")  # the whole file is valid GB18030: only per-line evidence helps
    assert decode(data, "f").text == "各位代表：\n政府工作报告\n"


@pytest.mark.parametrize("codec", ["utf-8", "gbk"])
def test_truncated_multibyte_tail_becomes_one_replacement(codec: str) -> None:
    data = REPORT.rstrip("\r\n").encode(codec)[:-1]
    decoded = decode(data, "f")
    assert decoded.text == REPORT.rstrip("\r\n")[:-1] + "\ufffd"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(200), "is not a text or HTML file"),
        (b"\x7fELF\x02\x01\x01" + bytes(200), "is not a text or HTML file"),
        (b"\x1f\x8b\x08\x00" + bytes(100), "is gzip-compressed: decompress it first"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "is a PDF document"),
        (b"PK\x03\x04\x14\x00", "is a ZIP archive or Office document"),
        (random.Random(5).randbytes(1 << 16), "is not a text or HTML file"),
        (bytes(1000), "is not a text or HTML file"),
    ],
)
def test_binary_is_refused_with_a_reason(data: bytes, message: str) -> None:
    with pytest.raises(ReportError, match=message) as caught:
        decode(data, "file.html")
    assert str(caught.value).startswith("file.html: ")


def test_high_bytes_that_no_candidate_decodes_are_refused() -> None:
    rng = random.Random(7)
    data = b"\n".join(bytes(rng.randrange(0x80, 0x100) for _ in range(60)) for _ in range(50))
    with pytest.raises(ReportError, match="cannot decode as UTF-8, GB18030 or UTF-16"):
        decode(data, "f")


def test_a_few_control_characters_do_not_make_text_binary() -> None:
    text = "报告\x1b[31m红色\x1b[0m\x07正文\x00。\n" * 3 + REPORT * 3
    assert decode(text.encode("utf-8"), "f").text == text


def test_corpus_files_decode_as_open_would(corpus_dir: Path) -> None:
    files = sorted(p for p in corpus_dir.rglob("*") if p.suffix in {".txt", ".html"})
    assert files
    for path in files:
        expected = "gb18030" if "_gbk" in path.name else "utf-8"
        with path.open(encoding=expected, newline="") as handle:
            assert decode(path.read_bytes(), path.name).text == handle.read(), path.name


_REPORTISH = st.text(
    alphabet=st.sampled_from("政府工作报告一二三、（）。，；：％%0123456789 \n\r\tabcXYZ"),
    max_size=300,
)


@given(_REPORTISH)
def test_utf8_round_trips(text: str) -> None:
    if text.strip():
        assert decode(text.encode("utf-8"), "f").text == text


@given(st.binary(max_size=2000))
def test_arbitrary_bytes_decode_or_raise_report_error(data: bytes) -> None:
    try:
        decoded = decode(data, "f")
    except ReportError as error:
        assert "\n" not in str(error)
    else:
        assert isinstance(decoded.text, str)
