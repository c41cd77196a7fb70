"""Open what the user points at and hand the tree builder clean text.

Everything a user can get wrong (a directory, a FIFO, /dev/zero, a symlink
loop, a 2 GB file, a PNG renamed .txt, an empty download) is refused here
with one line that names the file and says what to do, before any byte is
read where reading could hang or exhaust memory. What passes is decoded,
turned into article lines when it is a web page, and neutralized so no later
stage ever holds a control sequence.
"""

from __future__ import annotations

import errno
import math
import os
import stat
import sys

from parsers.encoding import decode
from parsers.errors import ReportError
from parsers.model import LoadedText, Span
from parsers.sanitize import neutralize, strip_controls
from parsers.sniff import looks_like_html

MAX_BYTES = 64 * 1024 * 1024
STDIN = "-"
STDIN_NAME = "<stdin>"

_NOT_REGULAR = {
    stat.S_IFIFO: "is a named pipe (FIFO)",
    stat.S_IFCHR: "is a character device",
    stat.S_IFBLK: "is a block device",
    stat.S_IFSOCK: "is a socket",
}
_BLANK = " \t\r\n\f\v\u00a0\u3000\ufeff\u200b"


def load_path(path: str | os.PathLike[str]) -> LoadedText:
    """Read a report file (or standard input for ``-``) into neutralized text."""
    source = os.fspath(path)
    if source == STDIN:
        return load_bytes(_read_stdin(), STDIN_NAME)
    return load_bytes(_read_file(source), source)


def load_bytes(data: bytes, source: str) -> LoadedText:
    """Decode report bytes, extracting the article when they are HTML whatever the name says."""
    name = strip_controls(source)
    if not data:
        raise ReportError(f"{name}: is empty: open a file that contains a report")
    decoded = decode(data, name)
    if not decoded.text.strip(_BLANK):
        raise ReportError(f"{name}: is empty (only whitespace): open a file that contains a report")
    if not looks_like_html(decoded.text):
        return LoadedText(neutralize(decoded.text), source, decoded.encoding, "text")
    from parsers.html_article import extract_article  # only web pages pay for it

    article = extract_article(decoded.text)
    if not article.text:
        raise ReportError(f"{name}: is a web page without visible text: save the article page")
    text = neutralize(article.text)
    chrome = tuple(Span(s.start, s.end, text[s.start : s.end]) for s in article.chrome)
    title = neutralize(article.title) if article.title else None
    return LoadedText(text, source, decoded.encoding, "html", chrome, title)


def _read_stdin() -> bytes:
    if sys.stdin is None:
        raise ReportError(f"{STDIN_NAME}: is not available: give a file name instead of -")
    try:
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise ReportError(f"{STDIN_NAME}: cannot be read ({reason}): give a file name") from None
    if len(data) > MAX_BYTES:
        raise ReportError(f"{STDIN_NAME}: {_too_large()}")
    return data


def _read_file(source: str) -> bytes:
    """The file's bytes, refusing by type and size before reading anything."""
    name = strip_controls(source)
    try:
        info = os.stat(source)
        _check_type(info, name)
        # O_NONBLOCK: if the path was swapped for a FIFO since stat, open must not wait.
        fd = os.open(
            source, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
        )
    except OSError as error:
        raise ReportError(f"{name}: {_explain(error, source)}") from None
    except ValueError:  # a NUL byte in the path
        raise ReportError(f"{name}: no such file: check the path") from None
    with os.fdopen(fd, "rb") as handle:
        _check_type(os.fstat(fd), name)
        try:
            data = handle.read(MAX_BYTES + 1)
        except OSError as error:
            raise ReportError(f"{name}: {_explain(error, source)}") from None
    if len(data) > MAX_BYTES:
        raise ReportError(f"{name}: {_too_large()}")
    return data


def _check_type(info: os.stat_result, name: str) -> None:
    kind = stat.S_IFMT(info.st_mode)
    if kind == stat.S_IFDIR:
        raise ReportError(f"{name}: is a directory: give a report file (.txt or .html)")
    if kind != stat.S_IFREG:
        what = _NOT_REGULAR.get(kind, "is not a regular file")
        raise ReportError(f"{name}: {what}, not a regular file: give a report file (.txt or .html)")
    if info.st_size > MAX_BYTES:
        raise ReportError(f"{name}: {_too_large(info.st_size)}")


def _too_large(size: int | None = None) -> str:
    actual = f" ({math.ceil(size / 2**20)} MiB)" if size is not None else ""
    return (
        f"is too large{actual}: the limit is {MAX_BYTES // 2**20} MiB; "
        "open the report itself, not an archive or dump"
    )


def _explain(error: OSError, source: str) -> str:
    if error.errno == errno.ELOOP:
        return "is a symbolic link loop: fix or remove the link"
    if isinstance(error, FileNotFoundError):
        if os.path.islink(source):
            return "is a broken symbolic link: its target does not exist"
        return "no such file: check the path"
    if isinstance(error, PermissionError):
        return "permission denied: check the file's permissions"
    if isinstance(error, NotADirectoryError):
        return "no such file (a part of the path is not a directory): check the path"
    reason = error.strerror or type(error).__name__
    return f"cannot be read ({reason}): check the file"
