"""Parsed reports kept on disk, so a report opened again is not parsed again.

An entry is found by a hash of everything the parse reads from the loaded
text (the text, its media, chrome spans and title hint) together with a
fingerprint of the parser itself: the contents of every module under
``parsers/`` and every lexicon file. Change a pattern, a word list or this
file and every old entry simply stops matching, so no version number has to
be remembered by hand. ``source`` and ``encoding`` only travel along in the
Document, so they are not in the key: a copied or re-encoded file of the
same text is a hit, and gets its own name back.

Entries are JSON, not pickle, because the cache directory is just data on
disk: loading it must never run code. They hold offsets rather than text
wherever the text can be sliced back from the report itself, which keeps a
20 MB report's entry small. Any entry that is missing, cut short, corrupt,
foreign or from another parser is a miss, never an error; a cache that
cannot be written means no caching. The folder is kept under a size cap by
dropping the entries used longest ago.

Only this module's own light imports are needed for a hit: the tree
builder and the figure extractor (and their compiled patterns) are not.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
from collections.abc import Sequence
from dataclasses import astuple, fields
from decimal import Decimal
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from parsers.cache_write import replace_file
from parsers.gcpause import paused_gc
from parsers.model import Document, Figure, LoadedText, Meta, Node, Span

FOLDER = "parsed"
"""The subfolder of the cache directory this module owns; it touches nothing outside it."""
MAX_BYTES = 256 * 1024 * 1024
MAX_FILES = 500
_MARK = "gwr-tui parsed report"
_ENTRY = re.compile(r"[0-9a-f]{40}\.json|\.[0-9a-f]{40}\.json\.\w+\.tmp")
_PARSERS = Path(__file__).resolve().parent
_CHUNK = 1 << 20

ParsedReport = tuple[Document, list[Figure]]


# -- the key ---------------------------------------------------------------------------


@cache
def parser_fingerprint() -> str:
    """A hash of the parser's code and word lists, read once per process (a few hundred KB)."""
    digest = hashlib.blake2b(digest_size=20)
    files = [*_PARSERS.rglob("*.py"), *(_PARSERS / "lexicon").glob("*")]
    for path in sorted(p for p in files if p.is_file()):
        digest.update(path.relative_to(_PARSERS).as_posix().encode("utf-8"))
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


@lru_cache(maxsize=1)
def cache_key(loaded: LoadedText) -> str:
    """The entry name for ``loaded``: its parse inputs and the parser, hashed.

    Remembered for the last text, since a miss is followed by a store of the same one.
    """
    digest = hashlib.blake2b(digest_size=20)
    header = [
        parser_fingerprint(),
        loaded.media,
        loaded.title_hint,
        [astuple(span) for span in loaded.chrome],
        len(loaded.text),
    ]
    digest.update(json.dumps(header, ensure_ascii=False).encode("utf-8", "surrogatepass"))
    text = loaded.text
    for start in range(0, len(text), _CHUNK):
        digest.update(text[start : start + _CHUNK].encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def entry_path(loaded: LoadedText, directory: Path) -> Path:
    """Where the parse of ``loaded`` is kept under the cache ``directory``."""
    return directory / FOLDER / f"{cache_key(loaded)}.json"


# -- looking up and keeping ----------------------------------------------------------------


def load_parsed(loaded: LoadedText, directory: Path) -> ParsedReport | None:
    """The kept Document and figures of ``loaded``, or ``None`` when there is no usable entry."""
    path = entry_path(loaded, directory)
    try:
        data = path.read_bytes()
    except OSError:
        return None
    try:
        with paused_gc():
            entry = json.loads(data.decode("utf-8", "surrogatepass"))
            if entry["mark"] != _MARK or entry["key"] != path.stem:
                return None
            parsed = _decode(entry, loaded)
    except Exception:
        # An entry is data anyone could have damaged: whatever is wrong with it, parse again.
        return None
    with contextlib.suppress(OSError):
        os.utime(path)  # recently used: the last to be pruned
    return parsed


def store_parsed(
    loaded: LoadedText, document: Document, figures: Sequence[Figure], directory: Path
) -> None:
    """Keep the parse of ``loaded``; a cache that cannot be written is silently skipped."""
    path = entry_path(loaded, directory)
    try:
        with paused_gc():
            entry = _encode(document, figures)
            entry.update(mark=_MARK, key=path.stem)
            data = json.dumps(entry, ensure_ascii=False, separators=(",", ":"))
        encoded = data.encode("utf-8", "surrogatepass")
        if len(encoded) > MAX_BYTES:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        replace_file(path, encoded)
        _prune(path.parent)
    except (OSError, ValueError, TypeError):
        return


def parse_with_cache(loaded: LoadedText, directory: Path) -> ParsedReport:
    """The Document and figures of ``loaded``: the kept ones if any, else parsed now and kept.

    The tree builder and the extractor are imported only on a miss.
    """
    parsed = load_parsed(loaded, directory)
    if parsed is not None:
        return parsed
    from parsers import figures, tree

    document = tree.build_document(loaded)
    found = figures.extract_figures(document)
    store_parsed(loaded, document, found, directory)
    return document, found


def _prune(folder: Path) -> None:
    """Drop the least recently used entries beyond ``MAX_FILES`` or ``MAX_BYTES`` in all.

    Only names this module writes are counted or removed, and the newest
    entry (the one just written) is always kept.
    """
    entries: list[tuple[int, int, str]] = []
    with os.scandir(folder) as found:
        for item in found:
            if _ENTRY.fullmatch(item.name) and item.is_file(follow_symlinks=False):
                info = item.stat(follow_symlinks=False)
                entries.append((info.st_mtime_ns, info.st_size, item.path))
    entries.sort(reverse=True)
    total = 0
    for count, (_, size, name) in enumerate(entries):
        total += size
        if count > 0 and (count >= MAX_FILES or total > MAX_BYTES):
            with contextlib.suppress(OSError):
                os.unlink(name)


# -- the entry format ---------------------------------------------------------------------
#
# A span is [start, end], or [start, end, text] in the rare case its text is
# not the report's own text at those offsets. A node is [kind, number,
# heading or null when it is its span's text, title, start, end, span,
# paragraphs, children]. A figure is a row of its fields in model order,
# with section paths numbered in a shared table, Decimals as strings, the
# surface null and the sentence its length when they are the text itself.

_FIGURE_FIELDS = tuple(field.name for field in fields(Figure))
_PATH = _FIGURE_FIELDS.index("section_path")
_TYPES = [str(field.type) for field in fields(Figure)]
_DECIMALS = tuple(n for n, kind in enumerate(_TYPES) if "Decimal" in kind)
_TUPLES = tuple(n for n, kind in enumerate(_TYPES) if kind.startswith("tuple") and n != _PATH)
_START, _END = _FIGURE_FIELDS.index("start"), _FIGURE_FIELDS.index("end")
_SURFACE = _FIGURE_FIELDS.index("surface")
_SENTENCE = _FIGURE_FIELDS.index("sentence")
_SENTENCE_START = _FIGURE_FIELDS.index("sentence_start")


def _encode(document: Document, figures: Sequence[Figure]) -> dict[str, Any]:
    text = document.text

    def span(item: Span) -> list[Any]:
        if text[item.start : item.end] == item.text:
            return [item.start, item.end]
        return [item.start, item.end, item.text]

    def node(item: Node) -> list[Any]:
        return [
            item.kind,
            item.number,
            None if item.heading == item.heading_span.text else item.heading,
            item.title,
            item.start,
            item.end,
            span(item.heading_span),
            [span(paragraph) for paragraph in item.paragraphs],
            [node(child) for child in item.children],
        ]

    paths: dict[tuple[str, ...], int] = {}
    rows = []
    for figure in figures:
        row = [getattr(figure, name) for name in _FIGURE_FIELDS]
        for index in _DECIMALS:
            if row[index] is not None:
                row[index] = str(row[index])
        for index in _TUPLES:
            row[index] = list(row[index])
        row[_PATH] = paths.setdefault(figure.section_path, len(paths))
        if text[figure.start : figure.end] == figure.surface:
            row[_SURFACE] = None
        start, sentence = figure.sentence_start, figure.sentence
        if text[start : start + len(sentence)] == sentence:
            row[_SENTENCE] = len(sentence)
        rows.append(row)
    return {
        "document": [
            document.title,
            list(astuple(document.meta)),
            [span(item) for item in document.front],
            [node(item) for item in document.children],
            [node(item) for item in document.appendices],
            [span(item) for item in document.dropped],
        ],
        "paths": [list(path) for path in paths],
        "figures": rows,
    }


def _decode(entry: dict[str, Any], loaded: LoadedText) -> ParsedReport:
    text = loaded.text
    size = len(text)

    def span(item: list[Any]) -> Span:
        start, end = item[0], item[1]
        if not (type(start) is int and type(end) is int and 0 <= start <= end <= size):
            raise ValueError("span outside the text")
        return Span(start, end, item[2] if len(item) == 3 else text[start:end])

    def node(item: list[Any]) -> Node:
        kind, number, heading, title, start, end, heading_span, paragraphs, children = item
        head = span(heading_span)
        return Node(
            kind=kind,
            number=number,
            heading=head.text if heading is None else heading,
            title=title,
            start=start,
            end=end,
            heading_span=head,
            paragraphs=[span(paragraph) for paragraph in paragraphs],
            children=[node(child) for child in children],
        )

    title, meta, front, children, appendices, dropped = entry["document"]
    document = Document(
        text=text,
        source=loaded.source,
        encoding=loaded.encoding,
        title=title,
        meta=Meta(*meta),
        front=[span(item) for item in front],
        children=[node(item) for item in children],
        appendices=[node(item) for item in appendices],
        dropped=[span(item) for item in dropped],
    )
    paths = [tuple(path) for path in entry["paths"]]
    figures = []
    for row in entry["figures"]:
        if len(row) != len(_FIGURE_FIELDS):
            raise ValueError("a figure of another shape")
        for index in _DECIMALS:
            if row[index] is not None:
                row[index] = Decimal(row[index])
        for index in _TUPLES:
            row[index] = tuple(row[index])
        row[_PATH] = paths[row[_PATH]]
        start, end = row[_START], row[_END]
        if not 0 <= start <= end <= size:
            raise ValueError("figure outside the text")
        if row[_SURFACE] is None:
            row[_SURFACE] = text[start:end]
        sentence = row[_SENTENCE]
        if type(sentence) is int:
            begin = row[_SENTENCE_START]
            row[_SENTENCE] = text[begin : begin + sentence]
        figures.append(Figure(*row))
    return document, figures
