"""The library's memory: what each report is, and every sentence, searchable at once.

Opening a folder of 32 reports must not mean parsing 32 reports every time,
so what the library shows (region, level, year, title, chapters, figures)
and every sentence of every report live in SQLite under the user's cache
directory. Reports are keyed by a hash of their decoded text, the same key
reading positions use, so a copied or renamed file is not parsed again; a
file is looked at again only when its modification time or size changes.

Sentences are in an FTS5 table with the trigram tokenizer, which finds any
substring of three or more characters, so Chinese needs no word
segmentation. Shorter queries (就业, 5G) fall back to a scan, which for a
library of reports is still instant. The index is a cache: a database that
is corrupt or of another schema version is deleted and rebuilt.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path

from parsers.errors import ReportError
from parsers.model import Document
from parsers.sanitize import strip_controls
from tui import locations
from tui.state import document_key

SCHEMA_VERSION = 1
INDEX_NAME = "library.sqlite3"
REPORT_SUFFIXES = frozenset({".txt", ".html", ".htm"})
MIN_FTS_QUERY = 3
"""The trigram tokenizer matches nothing shorter than three characters."""
SEARCH_LIMIT = 1000
_SENTENCE = re.compile(r"[^。！？；!?;\n]+[。！？；!?;]*")

Progress = Callable[[int, int, str], None]
"""Called as ``progress(done, total, path)`` before each file and once at the end."""


@dataclass(frozen=True, slots=True)
class LibraryEntry:
    """One report file of the library, as its row shows it."""

    path: str
    key: str
    title: str
    region: str | None
    level: str | None
    year: int | None
    chapters: int
    figures: int


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file that is not a readable report, with the one-line reason."""

    path: str
    reason: str


@dataclass(frozen=True, slots=True)
class SearchHit:
    """A sentence containing the query: ``offset`` is where the sentence starts in the report.

    ``match_start``/``match_end`` are positions inside ``sentence``.
    """

    entry: LibraryEntry
    section: tuple[str, ...]
    sentence: str
    offset: int
    match_start: int
    match_end: int


_SCHEMA = """
CREATE TABLE documents (
    key TEXT PRIMARY KEY, title TEXT NOT NULL, region TEXT, level TEXT, year INTEGER,
    chapters INTEGER NOT NULL, figures INTEGER NOT NULL
);
CREATE TABLE files (
    path TEXT PRIMARY KEY, mtime_ns INTEGER NOT NULL, size INTEGER NOT NULL,
    key TEXT, error TEXT
);
CREATE TABLE sentences (
    id INTEGER PRIMARY KEY, key TEXT NOT NULL, section TEXT NOT NULL,
    offset INTEGER NOT NULL, text TEXT NOT NULL
);
CREATE INDEX sentences_key ON sentences (key);
CREATE VIRTUAL TABLE sentences_fts USING fts5 (
    text, content='sentences', content_rowid='id', tokenize='trigram'
);
"""


def report_files(paths: Iterable[Path]) -> list[Path]:
    """The report files named on the command line: files as given, folders searched through.

    Hidden files and folders (``.git``) are skipped; a folder's reports are
    sorted so the library lists them the same way every time.
    """
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                sorted(
                    child
                    for child in path.rglob("*")
                    if child.suffix.lower() in REPORT_SUFFIXES
                    and child.is_file()
                    and not any(part.startswith(".") for part in child.relative_to(path).parts)
                )
            )
        else:
            found.append(path)
    unique: dict[str, Path] = {}
    for path in found:
        unique.setdefault(str(path.absolute()), path)
    return list(unique.values())


class LibraryIndex:
    """The index database; each call opens its own connection, so workers may use it."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or locations.cache_dir() / INDEX_NAME

    # -- building ---------------------------------------------------------------

    def update(
        self, files: Sequence[Path], progress: Progress | None = None
    ) -> tuple[list[LibraryEntry], list[Skipped]]:
        """Bring the index up to date for ``files`` and return their rows and refusals.

        Files unchanged since the last run (same modification time and size)
        are not read; changed ones are decoded and hashed, and parsed only if
        their text is new to the index.
        """
        entries: list[LibraryEntry] = []
        skipped: list[Skipped] = []
        with self._connect() as db:
            for done, path in enumerate(files):
                if progress is not None:
                    progress(done, len(files), str(path))
                name = str(path.absolute())
                key, error = self._refresh(db, path, name)
                db.commit()
                if key is None:
                    skipped.append(Skipped(name, error or "cannot be read"))
                    continue
                entries.append(self._entry(db, name, key))
            self._prune(db)
            db.commit()
        if progress is not None:
            progress(len(files), len(files), "")
        return entries, skipped

    def _refresh(
        self, db: sqlite3.Connection, path: Path, name: str
    ) -> tuple[str | None, str | None]:
        """The document key of ``path`` (or the reason it has none), parsing only new text."""
        try:
            info = path.stat()
        except OSError as error:
            return None, f"{strip_controls(name)}: cannot be read ({error.strerror or error})"
        row = db.execute(
            "SELECT mtime_ns, size, key, error FROM files WHERE path = ?", (name,)
        ).fetchone()
        if row is not None and (row[0], row[1]) == (info.st_mtime_ns, info.st_size):
            return row[2], row[3]
        key, error = self._read(db, path)
        db.execute(
            "INSERT OR REPLACE INTO files (path, mtime_ns, size, key, error) "
            "VALUES (?, ?, ?, ?, ?)",
            (name, info.st_mtime_ns, info.st_size, key, error),
        )
        return key, error

    def _read(self, db: sqlite3.Connection, path: Path) -> tuple[str | None, str | None]:
        """The key of a report's text; new text is parsed (or its parse taken from the cache)."""
        from parsers.load import load_path
        from parsers.parse_cache import parse_with_cache

        try:
            loaded = load_path(path)
        except ReportError as error:
            return None, str(error)
        key = document_key(loaded.text)
        if db.execute("SELECT 1 FROM documents WHERE key = ?", (key,)).fetchone() is None:
            document, figures = parse_with_cache(loaded, locations.cache_dir())
            self._add(db, key, document, len(figures), loaded.title_hint or path.stem)
        return key, None

    def _add(
        self, db: sqlite3.Connection, key: str, document: Document, figures: int, fallback: str
    ) -> None:
        meta = document.meta
        chapters = sum(1 for node in document.walk() if node.kind == "chapter")
        title = " ".join((document.title or fallback).split())
        added = db.execute(
            "INSERT OR IGNORE INTO documents VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                key,
                title,
                meta.region,
                meta.level,
                meta.year,
                chapters,
                figures,
            ),
        )
        if added.rowcount != 1:
            return  # Another gwr-tui indexed the same text meanwhile.
        rows = [
            (key, json.dumps(section, ensure_ascii=False), start, text)
            for section, start, text in _sentences(document)
        ]
        db.executemany(
            "INSERT INTO sentences (key, section, offset, text) VALUES (?, ?, ?, ?)", rows
        )
        db.execute(
            "INSERT INTO sentences_fts (rowid, text) SELECT id, text FROM sentences WHERE key = ?",
            (key,),
        )

    def _entry(self, db: sqlite3.Connection, name: str, key: str) -> LibraryEntry:
        row = db.execute(
            "SELECT title, region, level, year, chapters, figures FROM documents WHERE key = ?",
            (key,),
        ).fetchone()
        return LibraryEntry(name, key, *row)

    def _prune(self, db: sqlite3.Connection) -> None:
        """Forget files that are gone and reports no file holds any more."""
        gone = [
            (path,) for (path,) in db.execute("SELECT path FROM files") if not Path(path).exists()
        ]
        db.executemany("DELETE FROM files WHERE path = ?", gone)
        orphans = [
            (key,)
            for (key,) in db.execute(
                "SELECT key FROM documents "
                "WHERE key NOT IN (SELECT key FROM files WHERE key IS NOT NULL)"
            )
        ]
        for (key,) in orphans:
            db.execute(
                "INSERT INTO sentences_fts (sentences_fts, rowid, text) "
                "SELECT 'delete', id, text FROM sentences WHERE key = ?",
                (key,),
            )
        db.executemany("DELETE FROM sentences WHERE key = ?", orphans)
        db.executemany("DELETE FROM documents WHERE key = ?", orphans)

    # -- searching ---------------------------------------------------------------

    def search(
        self, query: str, entries: Sequence[LibraryEntry], limit: int = SEARCH_LIMIT
    ) -> list[SearchHit]:
        """Sentences of the ``entries``' reports that contain ``query``, report by report."""
        query = query.strip()
        if not query or not entries:
            return []
        by_key: dict[str, list[LibraryEntry]] = {}
        for entry in entries:
            by_key.setdefault(entry.key, []).append(entry)
        keys = json.dumps(list(by_key))
        if len(query) >= MIN_FTS_QUERY:
            sql = (
                "SELECT s.key, s.section, s.offset, s.text FROM sentences_fts f "
                "JOIN sentences s ON s.id = f.rowid WHERE sentences_fts MATCH ? "
                "AND s.key IN (SELECT value FROM json_each(?)) ORDER BY s.key, s.offset LIMIT ?"
            )
            parameters: tuple[object, ...] = ('"' + query.replace('"', '""') + '"', keys, limit)
        else:
            sql = (
                "SELECT key, section, offset, text FROM sentences WHERE text LIKE ? ESCAPE '\\' "
                "AND key IN (SELECT value FROM json_each(?)) ORDER BY key, offset LIMIT ?"
            )
            pattern = "%" + re.sub(r"([%_\\])", r"\\\1", query) + "%"
            parameters = (pattern, keys, limit)
        finder = re.compile(re.escape(query), re.IGNORECASE)
        hits: list[SearchHit] = []
        with self._connect() as db:
            for key, section, offset, text in db.execute(sql, parameters):
                found = finder.search(text)
                if found is None:
                    continue
                for entry in by_key[key]:
                    hits.append(
                        SearchHit(entry, tuple(json.loads(section)), text, offset, *found.span())
                    )
        order = {entry.path: n for n, entry in enumerate(entries)}
        hits.sort(key=lambda hit: (order[hit.entry.path], hit.offset))
        return hits

    # -- the database --------------------------------------------------------------

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            db = self._open()
        except sqlite3.DatabaseError:
            # A cache: whatever is wrong with it, start again.
            self.path.unlink(missing_ok=True)
            db = self._open()
        with closing(db):
            yield db

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=10)
        try:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version != SCHEMA_VERSION:
                tables = [
                    name
                    for (name,) in db.execute(
                        "SELECT name FROM sqlite_master WHERE type = 'table' "
                        "AND name NOT LIKE 'sentences_fts_%'"
                    )
                ]
                for name in tables:
                    db.execute(f'DROP TABLE IF EXISTS "{name}"')
                db.executescript(_SCHEMA)
                db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                db.commit()
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db


def _sentences(document: Document) -> Iterator[tuple[list[str], int, str]]:
    """``(section titles, start offset, sentence)`` for every readable sentence of the report."""
    spans = [(span.start, span.end) for span in document.front]
    for node in document.walk():
        spans.append((node.heading_span.start, node.heading_span.end))
        spans.extend((p.start, p.end) for p in node.paragraphs)
    text = document.text
    for start, end in sorted(spans):
        section = [node.title or node.heading for node in document.path_at(start)]
        for match in _SENTENCE.finditer(text, start, end):
            sentence = match.group().strip()
            if sentence:
                yield section, match.start() + match.group().index(sentence[0]), sentence
