"""Open a report straight from a web address.

Government sites are slow, redirect through portals, serve GBK under a
wrong ``<meta>`` and vanish without notice, so a fetch is bounded (a timeout
and a size cap checked before and while reading), follows only web redirects,
takes the charset the server states over the page's own claim (but never
over bytes that are valid UTF-8), and keeps a copy of every page it fetched.
When the network fails the kept copy is opened instead, so a report read
once stays readable on a train; without one the user gets a single line
saying the address could not be reached.
"""

from __future__ import annotations

import codecs
import hashlib
import http.client
import json
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO

from parsers.cache_write import replace_file
from parsers.errors import ReportError
from parsers.load import load_bytes
from parsers.model import LoadedText
from parsers.sanitize import strip_controls

MAX_BYTES = 16 * 1024 * 1024
TIMEOUT = 20.0
MAX_REDIRECTS = 5
USER_AGENT = "gwr-tui/0.1 (report reader)"
_SCHEMES = ("http", "https")
_CHUNK = 1 << 16
# Charsets servers send by default, not because they know: a Chinese page is
# never Latin-1, so these headers carry no evidence about the bytes.
_DEFAULT_CHARSETS = frozenset({"ascii", "latin_1", "iso8859-1", "cp1252"})
_GB_FAMILY = frozenset({"gb2312", "gbk", "gb18030", "euc_cn", "cp936"})


@dataclass(frozen=True, slots=True)
class Fetched:
    """A fetched report: the loaded text, where it really came from, and whether it is a kept copy.

    ``stale_reason`` says why the network copy could not be had when
    ``from_cache`` is true, so the reader can tell the user what they are
    looking at.
    """

    loaded: LoadedText
    url: str
    from_cache: bool = False
    stale_reason: str | None = None


def is_url(text: str) -> bool:
    """Whether a command-line argument names a web page rather than a file."""
    return urllib.parse.urlsplit(text).scheme.lower() in _SCHEMES and "://" in text


def fetch_report(
    url: str,
    cache_dir: Path | None = None,
    *,
    timeout: float = TIMEOUT,
    max_bytes: int = MAX_BYTES,
) -> Fetched:
    """Fetch ``url`` and load it as a report, keeping a copy under ``cache_dir``.

    Raises ``ReportError`` when the address is not a web address, the page
    is too large or not a report, or the network fails and no copy is kept.
    """
    name = strip_controls(url)
    if not is_url(url):
        raise ReportError(f"{name}: is not an http:// or https:// address")
    try:
        data, final_url, charset = _download(url, name, timeout, max_bytes)
    except _NetworkError as error:
        kept = _read_cache(cache_dir, url) if cache_dir is not None else None
        if kept is None:
            raise ReportError(str(error)) from None
        data, final_url, charset = kept
        return Fetched(_load(data, url, charset), final_url, True, str(error))
    loaded = _load(data, url, charset)
    if cache_dir is not None:
        _write_cache(cache_dir, url, data, final_url, charset)
    return Fetched(loaded, final_url)


class _NetworkError(Exception):
    """The page could not be had right now; a kept copy may stand in for it."""


class _WebRedirects(urllib.request.HTTPRedirectHandler):
    """Follow a few redirects, and only to other web pages (never ftp: or file:)."""

    max_redirections = MAX_REDIRECTS

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: http.client.HTTPMessage,
        newurl: str,
    ) -> urllib.request.Request | None:
        if urllib.parse.urlsplit(newurl).scheme.lower() not in _SCHEMES:
            raise _NetworkError(_not_web(req.full_url, newurl))
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _download(url: str, name: str, timeout: float, max_bytes: int) -> tuple[bytes, str, str | None]:
    """The body, the final address after redirects and the charset the server declared."""
    opener = urllib.request.build_opener(_WebRedirects())
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    try:
        with opener.open(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length", "")
            if length.isdigit() and int(length) > max_bytes:
                raise ReportError(f"{name}: {_too_large(max_bytes)}")
            data = _read_capped(response, name, max_bytes)
            return data, response.geturl(), response.headers.get_content_charset()
    except urllib.error.HTTPError as error:
        if 300 <= error.code < 400 and not is_url(error.url):
            raise _NetworkError(_not_web(url, error.url)) from None
        if 300 <= error.code < 400:
            raise _NetworkError(
                f"{name}: redirects more than {MAX_REDIRECTS} times or in a loop: "
                "open the final address of the page"
            ) from None
        raise _NetworkError(
            f"{name}: the server answered {error.code} {strip_controls(str(error.reason))}: "
            "check the address"
        ) from None
    except urllib.error.URLError as error:
        raise _NetworkError(f"{name}: {_unreachable(error.reason, timeout)}") from None
    except (OSError, http.client.HTTPException) as error:
        raise _NetworkError(f"{name}: {_unreachable(error, timeout)}") from None


def _not_web(url: str, target: str) -> str:
    return (
        f"{strip_controls(url)}: redirects to {strip_controls(target)}, which is not a web page: "
        "open that address yourself if you trust it"
    )


def _read_capped(response: http.client.HTTPResponse, name: str, max_bytes: int) -> bytes:
    """Read at most ``max_bytes``; a server that lies about its length is still cut off."""
    chunks: list[bytes] = []
    size = 0
    while chunk := response.read(min(_CHUNK, max_bytes + 1 - size)):
        chunks.append(chunk)
        size += len(chunk)
        if size > max_bytes:
            raise ReportError(f"{name}: {_too_large(max_bytes)}")
    return b"".join(chunks)


def _too_large(max_bytes: int) -> str:
    return (
        f"is larger than {max_bytes // (1024 * 1024)} MB, too large for a report page: "
        "save the article text and open the file"
    )


def _unreachable(reason: object, timeout: float) -> str:
    if isinstance(reason, TimeoutError):
        what = f"did not answer within {timeout:g} s"
    elif isinstance(reason, socket.gaierror):
        what = "cannot be reached (the host name does not resolve)"
    elif isinstance(reason, OSError) and reason.strerror:
        what = f"cannot be reached ({strip_controls(reason.strerror)})"
    else:
        what = f"cannot be reached ({strip_controls(str(reason))})"
    return f"{what}: check the network connection, or open a saved copy of the page"


def _load(data: bytes, source: str, charset: str | None) -> LoadedText:
    """Load page bytes, letting the server's charset decide unless the bytes are UTF-8."""
    codec = _header_codec(charset)
    if codec is None or _is_utf8(data):
        return load_bytes(data, source)
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        # The header is wrong too: the loader's own evidence decides.
        return load_bytes(data, source)
    return replace(load_bytes(text.encode("utf-8"), source), encoding=codec)


def _header_codec(charset: str | None) -> str | None:
    if not charset:
        return None
    try:
        codec = codecs.lookup(charset).name
    except LookupError:
        return None
    if codec in _DEFAULT_CHARSETS or codec.startswith(("utf-8", "utf_8")):
        return None
    return "gb18030" if codec in _GB_FAMILY else codec


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


# -- the kept copies -----------------------------------------------------------


def _cache_paths(cache_dir: Path, url: str) -> tuple[Path, Path]:
    stem = hashlib.sha256(url.encode("utf-8", "surrogatepass")).hexdigest()[:32]
    folder = cache_dir / "pages"
    return folder / f"{stem}.body", folder / f"{stem}.json"


def _write_cache(
    cache_dir: Path, url: str, data: bytes, final_url: str, charset: str | None
) -> None:
    """Keep the page; a cache that cannot be written costs only the offline copy."""
    body, info = _cache_paths(cache_dir, url)
    record = {"url": url, "final_url": final_url, "charset": charset, "fetched": time.time()}
    try:
        body.parent.mkdir(parents=True, exist_ok=True)
        replace_file(body, data)
        replace_file(info, json.dumps(record, ensure_ascii=False).encode("utf-8"))
    except OSError:
        return


def _read_cache(cache_dir: Path, url: str) -> tuple[bytes, str, str | None] | None:
    body, info = _cache_paths(cache_dir, url)
    try:
        record = json.loads(info.read_text(encoding="utf-8"))
        data = body.read_bytes()
    except (OSError, ValueError):
        return None
    if not isinstance(record, dict) or record.get("url") != url:
        return None
    final_url = record.get("final_url")
    charset = record.get("charset")
    return (
        data,
        final_url if isinstance(final_url, str) else url,
        charset if isinstance(charset, str) else None,
    )
