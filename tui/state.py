"""What gwr-tui remembers between runs: recent files, reading positions, bookmarks.

Documents are keyed by a hash of their decoded text, not by path, so a report
that was moved or renamed still opens where the reader left it.

The state file is the app's own, but it is still the user's history, so it is
handled like the config: written atomically, a corrupt file gives a warning
and an empty state and is left alone until something is saved (then it is
kept as ``state.json.bak``). Two readers may run at once, so a save re-reads
the file under a lock and merges: recent files and bookmarks are united, the
newest reading position wins, and a bookmark removed here (or removed by the
other process since we loaded) stays removed.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from tui import locations
from tui.atomic import atomic_write_bytes, atomic_write_text

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; saves still never corrupt, only race.
    fcntl = None  # type: ignore[assignment]

T = TypeVar("T")

STATE_VERSION = 1
MAX_RECENT = 30
MAX_POSITIONS = 1000


@dataclass(frozen=True, slots=True)
class RecentFile:
    """A file opened before, newest first in ``State.recent``; ``opened`` is epoch seconds."""

    path: str
    title: str
    key: str
    opened: float


@dataclass(frozen=True, slots=True)
class Position:
    """Where reading stopped; ``at`` decides which of two processes wins a merge."""

    offset: int
    at: float


@dataclass(frozen=True, slots=True)
class Bookmark:
    """A place the user marked; ``(offset, created)`` identifies it across processes."""

    offset: int
    label: str
    created: float


_BookmarkId = tuple[str, int, float]


@dataclass
class State:
    """The remembered data, changed in memory and persisted with ``save_state``."""

    recent: list[RecentFile] = field(default_factory=list)
    positions: dict[str, Position] = field(default_factory=dict)
    bookmarks: dict[str, list[Bookmark]] = field(default_factory=dict)
    _base: frozenset[_BookmarkId] = field(default=frozenset(), repr=False, compare=False)
    """Bookmarks as last read from or written to disk: the common ancestor of a merge."""

    def remember_position(self, key: str, offset: int, now: float | None = None) -> None:
        """Record where reading of document ``key`` stands."""
        self.positions[key] = Position(offset, _now(now))

    def position_for(self, key: str) -> int | None:
        """The offset to reopen document ``key`` at, if it was read before."""
        position = self.positions.get(key)
        return position.offset if position else None

    def add_bookmark(self, key: str, offset: int, label: str, now: float | None = None) -> Bookmark:
        """Mark ``offset``; marking the same place again replaces the label."""
        marks = [b for b in self.bookmarks.get(key, []) if b.offset != offset]
        bookmark = Bookmark(offset, label, _now(now))
        self.bookmarks[key] = [*marks, bookmark]
        return bookmark

    def bookmarks_for(self, key: str) -> list[Bookmark]:
        """Bookmarks of document ``key`` in reading order."""
        return sorted(self.bookmarks.get(key, []), key=lambda b: (b.offset, b.created))

    def remove_bookmark(self, key: str, bookmark: Bookmark) -> None:
        """Forget ``bookmark``; a merge with another process will not bring it back."""
        marks = [b for b in self.bookmarks.get(key, []) if b != bookmark]
        if marks:
            self.bookmarks[key] = marks
        else:
            self.bookmarks.pop(key, None)

    def note_recent(self, path: Path | str, title: str, key: str, now: float | None = None) -> None:
        """Put ``path`` at the top of the recent files."""
        path = str(Path(path).absolute())
        entry = RecentFile(path, title, key, _now(now))
        self.recent = [entry, *(r for r in self.recent if r.path != path)][:MAX_RECENT]


def document_key(text: str) -> str:
    """The identity of a document: sha256 of its decoded text, immune to moves and renames."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def load_state(path: Path | None = None) -> tuple[State, str | None]:
    """The state in ``path`` (default: the user's state file) and a warning if it was corrupt."""
    path = path or locations.state_file()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return State(), None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return State(), _warning(
            path, f"cannot be read ({reason}), so reading history starts empty"
        )
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return State(), _warning(path, "is not valid JSON, so history starts empty")
    state, skipped = _from_json(data)
    if skipped:
        return state, _warning(path, f"has {skipped} unreadable entries, which were skipped")
    return state, None


def save_state(state: State, path: Path | None = None) -> None:
    """Merge ``state`` with what is on disk now and write the result atomically.

    ``state`` is updated in place to the merged result, so changes made by
    another process since loading become visible here too. Raises ``OSError``
    when the directory cannot be written; the caller reports it and goes on.
    """
    path = path or locations.state_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    with _locked(path.with_name(path.name + ".lock")):
        disk, warning = load_state(path)
        if warning is not None and path.is_file():
            atomic_write_bytes(path.with_name(path.name + ".bak"), path.read_bytes())
        merged = _merge(disk, state)
        atomic_write_text(path, json.dumps(_to_json(merged), indent=1, sort_keys=True) + "\n")
    state.recent, state.positions, state.bookmarks = (
        merged.recent,
        merged.positions,
        merged.bookmarks,
    )
    state._base = _bookmark_ids(merged)


def _merge(disk: State, mine: State) -> State:
    """Three-way merge against ``mine._base`` so removals on either side are kept."""
    recent = {r.path: r for r in disk.recent}
    for entry in mine.recent:
        if entry.path not in recent or recent[entry.path].opened <= entry.opened:
            recent[entry.path] = entry
    positions = dict(disk.positions)
    for key, position in mine.positions.items():
        if key not in positions or positions[key].at <= position.at:
            positions[key] = position
    newest = sorted(positions.items(), key=lambda item: item[1].at, reverse=True)
    mine_ids = _bookmark_ids(mine)
    removed = mine._base - mine_ids
    added = mine_ids - mine._base
    kept: dict[_BookmarkId, Bookmark] = {}
    for source, keep in ((disk, lambda i: i not in removed), (mine, added.__contains__)):
        for key, marks in source.bookmarks.items():
            for mark in marks:
                ident = (key, mark.offset, mark.created)
                if keep(ident):
                    kept[ident] = mark
    bookmarks: dict[str, list[Bookmark]] = {}
    for (key, _, _), mark in kept.items():
        bookmarks.setdefault(key, []).append(mark)
    return State(
        recent=sorted(recent.values(), key=lambda r: r.opened, reverse=True)[:MAX_RECENT],
        positions=dict(newest[:MAX_POSITIONS]),
        bookmarks=bookmarks,
    )


def _bookmark_ids(state: State) -> frozenset[_BookmarkId]:
    return frozenset(
        (key, mark.offset, mark.created) for key, marks in state.bookmarks.items() for mark in marks
    )


@contextlib.contextmanager
def _locked(lock_path: Path) -> Iterator[None]:
    """Serialise read-merge-write between processes; the lock file itself holds no data."""
    if fcntl is None:
        yield
        return
    with open(lock_path, "a") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _to_json(state: State) -> dict[str, Any]:
    documents: dict[str, dict[str, Any]] = {}
    for key, position in state.positions.items():
        documents.setdefault(key, {})["position"] = {"offset": position.offset, "at": position.at}
    for key, marks in state.bookmarks.items():
        documents.setdefault(key, {})["bookmarks"] = [
            {"offset": b.offset, "label": b.label, "created": b.created} for b in marks
        ]
    recent = [
        {"path": r.path, "title": r.title, "key": r.key, "opened": r.opened} for r in state.recent
    ]
    return {"version": STATE_VERSION, "recent": recent, "documents": documents}


def _from_json(data: object) -> tuple[State, int]:
    """Rebuild a State, skipping (and counting) entries of the wrong shape."""
    if not isinstance(data, dict):
        return State(), 1
    state = State()
    recent, skipped = _entries(data.get("recent", []), RecentFile, _RECENT_FIELDS)
    state.recent = recent[:MAX_RECENT]
    documents = data.get("documents", {})
    if not isinstance(documents, dict):
        documents, skipped = {}, skipped + 1
    for key, doc in documents.items():
        if not isinstance(doc, dict):
            skipped += 1
            continue
        if "position" in doc:
            positions, bad = _entries([doc["position"]], Position, _POSITION_FIELDS)
            state.positions.update((key, p) for p in positions)
            skipped += bad
        marks, bad = _entries(doc.get("bookmarks", []), Bookmark, _BOOKMARK_FIELDS)
        if marks:
            state.bookmarks[key] = marks
        skipped += bad
    state._base = _bookmark_ids(state)
    return state, skipped


_RECENT_FIELDS = {"path": str, "title": str, "key": str, "opened": float}
_POSITION_FIELDS = {"offset": int, "at": float}
_BOOKMARK_FIELDS = {"offset": int, "label": str, "created": float}


def _entries(items: object, cls: Callable[..., T], types: dict[str, type]) -> tuple[list[T], int]:
    """The well-formed entries of a JSON list and the number of malformed ones."""
    if not isinstance(items, list):
        return [], 1
    built = [_build(cls, item, types) for item in items]
    good = [entry for entry in built if entry is not None]
    return good, len(built) - len(good)


def _build(cls: Callable[..., T], item: object, types: dict[str, type]) -> T | None:
    """``cls(**item)`` if ``item`` has the expected fields with sane values.

    Extra fields are ignored so a file written by a newer version still loads.
    """
    if not isinstance(item, dict) or not set(types) <= set(item):
        return None
    values: dict[str, Any] = {}
    for name, kind in types.items():
        value = item[name]
        if isinstance(value, bool):
            return None
        if kind is float and isinstance(value, int):
            value = float(value)
        if not isinstance(value, kind):
            return None
        if isinstance(value, float) and not math.isfinite(value):
            return None
        if isinstance(value, int) and value < 0:
            return None
        values[name] = value
    return cls(**values)


def _now(now: float | None) -> float:
    return time.time() if now is None else now


def _warning(path: Path, problem: str) -> str:
    """One line for a notification; the file stays untouched until the next save."""
    return f"{path} {problem}; it is kept as it is until the next change is saved"
