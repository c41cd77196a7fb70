"""``gwr-tui search``: hits grouped by report for people, a JSON list for tools."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Sequence
from typing import Any, TextIO

from rich.console import Console
from rich.text import Text

from tui.library_index import SearchHit

SECTION_SEP = " › "


def hit_to_dict(hit: SearchHit) -> dict[str, Any]:
    """A hit with its report, in the field names of the library index."""
    entry = hit.entry
    return {
        "path": entry.path,
        "title": entry.title,
        "region": entry.region,
        "level": entry.level,
        "year": entry.year,
        "section": list(hit.section),
        "sentence": hit.sentence,
        "offset": hit.offset,
        "match": [hit.match_start, hit.match_end],
    }


def print_hits(hits: Sequence[SearchHit], *, as_json: bool, out: TextIO | None = None) -> None:
    """Write ``hits``: a heading per report, then its sentences with the match highlighted."""
    stream = out or sys.stdout
    if as_json:
        json.dump([hit_to_dict(hit) for hit in hits], stream, ensure_ascii=False, indent=2)
        stream.write("\n")
        return
    console = Console(file=stream, highlight=False, soft_wrap=True)
    current = None
    for hit in hits:
        entry = hit.entry
        if entry.path != current:
            current = entry.path
            place = " ".join(str(part) for part in (entry.region, entry.year) if part)
            # Text() never parses markup: report text is printed as written.
            heading = f" · {entry.title} — {_shown_path(entry.path)}"
            console.print(Text.assemble((place or entry.title, "bold"), heading))
        sentence = Text(hit.sentence)
        sentence.stylize("bold reverse", hit.match_start, hit.match_end)
        console.print(Text.assemble("  ", (SECTION_SEP.join(hit.section), "dim"), ": ", sentence))


def _shown_path(path: str) -> str:
    """Relative to the current folder when the report is under it, as the user typed it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return path
    return path if relative.startswith("..") else relative


def print_progress(done: int, total: int, path: str) -> None:
    """Indexing progress on one line of standard error, only when someone is watching."""
    if not sys.stderr.isatty():
        return
    line = f"indexing {done}/{total}" if done < total else ""
    sys.stderr.write(f"\r\x1b[2K{line}")
    sys.stderr.flush()
