"""Writing into gwr-tui's caches (fetched pages, parsed reports).

A cache file is rewritten in place while another gwr-tui may be reading it,
so it is written beside its name and renamed over it: a reader sees the old
file or the new one, whole. There is no fsync: a cache entry torn by a power
cut is only a miss, unlike the user's own config and state (tui/atomic.py).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def replace_file(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data``; the temporary is ``.<name>.<random>.tmp`` beside it."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
