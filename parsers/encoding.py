"""Bytes to text for report files whose encoding nobody states reliably.

Half the reports in circulation are GBK, some are UTF-16 from Windows editors,
scraped pages claim one charset and carry another, and copy-paste produces
files that switch encoding between lines. No flag should be needed for any of
them, so the decoder trusts evidence in this order: a byte-order mark, the
NUL pattern of UTF-16, strict UTF-8 (it almost never validates by accident),
a charset the page declares, strict GB18030, and finally a line-by-line choice
between the two. Every candidate must also look like text, so binary data is
refused rather than shown as mojibake.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from parsers.errors import ReportError

# Formats people mistake for a report, recognised by their first bytes.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x1f\x8b", "is gzip-compressed: decompress it first (gunzip)"),
    (b"BZh", "is bzip2-compressed: decompress it first (bunzip2)"),
    (b"\xfd7zXZ\x00", "is xz-compressed: decompress it first (unxz)"),
    (b"\x28\xb5\x2f\xfd", "is zstd-compressed: decompress it first (unzstd)"),
    (b"PK\x03\x04", "is a ZIP archive or Office document: save the report as text or HTML first"),
    (b"\xd0\xcf\x11\xe0", "is an Office document: save the report as text or HTML first"),
    (b"%PDF-", "is a PDF document: convert it to text first (e.g. pdftotext)"),
)
_NOT_TEXT = "is not a text or HTML file: open a .txt or .html report"
_BINARY_MAGIC = (b"\x89PNG", b"\x7fELF", b"\xff\xd8\xff", b"GIF87a", b"GIF89a")

# Bytes that text files do not contain: C0 controls except BEL, BS, TAB, LF,
# VT, FF, CR and ESC (terminal logs and hostile text carry ESC; they still
# load, and the sanitizer defuses them). Random data is ~9% of these.
_CONTROL_BYTES = re.compile(rb"[\x00-\x06\x0e-\x1a\x1c-\x1f]")
_BINARY_SHARE = 0.02

# What decoded text is made of. Anything else (U+FFFD, controls, private use,
# random planes) in more than a few percent of the characters means the
# decoding was wrong or the file is not text.
_UNTEXTLIKE = re.compile(
    "[^\t\n\r\x1b\x20-\x7e\u00a0-\u024f\u0370-\u04ff\u2000-\u2bff\u2e80-\u9fff"
    "\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\ufeff]"
)
_TEXTLIKE_SHARE = 0.95

# Three CJK characters in a row as UTF-8: GBK bytes essentially never form
# this, so a GB18030-valid file containing it has UTF-8 lines in it.
_UTF8_CJK_RUN = re.compile(rb"(?:[\xe4-\xe9][\x80-\xbf]{2}){3}")
_CJK = re.compile("[\u3400-\u9fff]")

# <meta charset="x"> and <meta http-equiv="content-type" content="...; charset=x">
_META_CHARSET = re.compile(rb"<meta[^>]*?charset\s*=\s*[\"']?\s*([-\w.:]+)", re.IGNORECASE)
_GB_FAMILY = {"gb2312", "gbk", "gb18030", "x-gbk", "gb_2312-80", "csgb2312", "euc-cn", "cp936"}

_SAMPLE = 1 << 16
_MAX_CHAR_BYTES = 4


@dataclass(frozen=True, slots=True)
class Decoded:
    """Decoded text and the codec that produced it (``utf-8+gb18030`` for a mixed file)."""

    text: str
    encoding: str


def decode(data: bytes, name: str) -> Decoded:
    """Decode report bytes without being told the encoding, or raise ``ReportError``.

    ``name`` is the file as the user knows it, for the message. The text is
    returned exactly as encoded (no newline translation, a UTF-8 BOM removed)
    so offsets match what ``open(path, encoding=..., newline="")`` gives.
    """
    _refuse_known_binary(data, name)
    if data.startswith(codecs.BOM_UTF8):
        decoded = _decode_ascii_compatible(data[len(codecs.BOM_UTF8) :])
        if decoded.encoding == "utf-8":
            decoded = Decoded(decoded.text, "utf-8-sig")
        return _checked(decoded, name)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _checked(Decoded(data.decode("utf-16", errors="replace"), "utf-16"), name)
    utf16 = _utf16_by_nul_pattern(data)
    if utf16 is not None:
        text = _decode_tolerating_tail(data, utf16)
        if text is not None and _textlike(text):
            return Decoded(text, utf16)
    if len(_CONTROL_BYTES.findall(data[:_SAMPLE])) > _BINARY_SHARE * min(len(data), _SAMPLE):
        raise ReportError(f"{name}: {_NOT_TEXT}")
    return _checked(_decode_ascii_compatible(data), name)


def _refuse_known_binary(data: bytes, name: str) -> None:
    for magic, message in _MAGIC:
        if data.startswith(magic):
            raise ReportError(f"{name}: {message}")
    if data.startswith(_BINARY_MAGIC):
        raise ReportError(f"{name}: {_NOT_TEXT}")


def _checked(decoded: Decoded, name: str) -> Decoded:
    if _textlike(decoded.text):
        return decoded
    raise ReportError(
        f"{name}: cannot decode as UTF-8, GB18030 or UTF-16: "
        "save it as UTF-8 (or GBK) text and open it again"
    )


def _decode_ascii_compatible(data: bytes) -> Decoded:
    text = _decode_tolerating_tail(data, "utf-8")
    if text is not None:
        return Decoded(text, "utf-8")
    declared = declared_charset(data)
    if declared is not None and declared != "gb18030":
        text = _decode_tolerating_tail(data, declared)
        if text is not None and _textlike(text):
            return Decoded(text, declared)
    text = _decode_tolerating_tail(data, "gb18030")
    if text is not None and _UTF8_CJK_RUN.search(data) is None:
        return Decoded(text, "gb18030")
    return Decoded(_decode_line_by_line(data), "utf-8+gb18030")


def declared_charset(data: bytes) -> str | None:
    """The Python codec for the charset an HTML page declares near its start, if known.

    The GB2312/GBK family maps to GB18030, their superset, because pages
    labelled GB2312 routinely use GBK characters.
    """
    match = _META_CHARSET.search(data[:_SAMPLE])
    if match is None:
        return None
    label = match.group(1).decode("ascii", "replace").lower()
    if label in _GB_FAMILY:
        return "gb18030"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _decode_tolerating_tail(data: bytes, codec: str) -> str | None:
    """Strict decoding that forgives only a multi-byte character cut off at the very end.

    Downloads and ``head -c`` truncate files mid-character; the broken tail
    becomes one U+FFFD instead of failing the whole file.
    """
    try:
        return data.decode(codec)
    except UnicodeDecodeError as error:
        if error.end < len(data) or error.start < len(data) - _MAX_CHAR_BYTES:
            return None
        try:
            return data[: error.start].decode(codec) + "\ufffd"
        except UnicodeDecodeError:
            return None
    except LookupError:
        return None


def _decode_line_by_line(data: bytes) -> str:
    """Pick UTF-8 or GB18030 per line, for files pasted together from both."""
    return "".join(_decode_line(line) for line in data.splitlines(keepends=True))


def _decode_line(line: bytes) -> str:
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if text.isascii() or _CJK.search(text):
            return text
        # Valid UTF-8 without a single CJK character is how short GBK lines
        # look when read as UTF-8 (Cyrillic, Latin accents): prefer GB18030
        # when it turns them into Chinese.
        try:
            gb = line.decode("gb18030")
        except UnicodeDecodeError:
            return text
        return gb if _CJK.search(gb) else text
    if _UTF8_CJK_RUN.search(line) is None:
        try:
            return line.decode("gb18030")
        except UnicodeDecodeError:
            pass
    utf8 = line.decode("utf-8", errors="replace")
    gb = line.decode("gb18030", errors="replace")
    return utf8 if utf8.count("\ufffd") <= gb.count("\ufffd") else gb


def _utf16_by_nul_pattern(data: bytes) -> str | None:
    """UTF-16 without a BOM shows as NUL bytes on one side of each ASCII code unit.

    The other side gets NULs too, from CJK characters at U+xx00 (一 is
    U+4E00, 最 U+6700), so the test is a clear majority, not exclusivity.
    """
    sample = data[: _SAMPLE & ~1]
    units = len(sample) // 2
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    high, low = max(even, odd), min(even, odd)
    if high < max(2, 0.01 * units) or low * 2 > high:
        return None
    if high * 2 < units and _valid_utf8(sample):
        # UTF-16 of CJK text is almost never valid UTF-8, and UTF-16 of ASCII has a NUL in
        # every other byte: valid UTF-8 with a few NULs is UTF-8 with stray NULs.
        return None
    return "utf-16-le" if odd > even else "utf-16-be"


def _valid_utf8(sample: bytes) -> bool:
    """Whether ``sample`` is UTF-8, allowing a character cut off at its end."""
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
    except UnicodeDecodeError:
        return False
    return True


def _textlike(text: str) -> bool:
    # One stray character (a truncated tail) is tolerated even in a tiny file.
    return len(_UNTEXTLIKE.findall(text)) <= 1 + (1 - _TEXTLIKE_SHARE) * len(text)
