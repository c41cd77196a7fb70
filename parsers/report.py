"""Open a report file in one call: load it, then build its section tree."""

from __future__ import annotations

import os

from parsers.model import Document
from parsers.tree import build_document


def open_report(path: str | os.PathLike[str]) -> Document:
    """Load ``path`` (a file or ``-`` for standard input) and build its Document.

    The loader is imported here so that the tree builder stays usable on its
    own, e.g. on text that never touched a file.
    """
    from parsers.load import load_path

    return build_document(load_path(path))
