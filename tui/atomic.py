"""Crash-safe file replacement for the user's config and state.

A kill or power loss while writing must leave either the old file or the new
one, never a truncated mix. So the new text goes to a temporary file in the
same directory (``os.replace`` is only atomic within one filesystem), is
flushed to disk, and then renamed over the target in a single step. A
temporary left behind by a kill has a name nobody reads, so it can never be
mistaken for the real file.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path


def atomic_write_text(path: Path | str, text: str) -> None:
    """Replace ``path`` with ``text`` (UTF-8) so readers see the old or the new file, whole."""
    atomic_write_bytes(path, text.encode("utf-8"))


def atomic_write_bytes(path: Path | str, data: bytes) -> None:
    """Replace ``path`` with ``data``; bytes so a broken file can be kept as a ``.bak`` verbatim.

    The parent directory is created if needed. An existing file's permission
    bits are kept, so a user who made their config private keeps it private;
    a new file is private to the user (mkstemp's 0600), which suits personal
    reading history.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(FileNotFoundError):
            os.chmod(tmp, stat.S_IMODE(target.stat().st_mode))
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    _fsync_dir(target.parent)


def _fsync_dir(directory: Path) -> None:
    """Make the rename itself durable; some platforms cannot open a directory, which is fine."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
