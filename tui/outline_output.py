"""``gwr-tui outline``: the section tree as indented text or as JSON for scripts."""

from __future__ import annotations

import json
import sys
from typing import TextIO

from parsers.document_json import document_to_dict
from parsers.model import Document, Node

INDENT = "  "


def _node_lines(node: Node, depth: int) -> list[str]:
    # A report without headings is one made-up chapter with an empty heading: show its title.
    lines = [f"{INDENT * depth}{node.heading or node.title}"]
    for child in node.children:
        lines.extend(_node_lines(child, depth + 1))
    return lines


def outline_lines(document: Document) -> list[str]:
    """Headings indented by depth; the title first and appendices after the body."""
    lines = [document.title] if document.title else []
    for node in (*document.children, *document.appendices):
        lines.extend(_node_lines(node, 0))
    return lines


def print_outline(document: Document, *, as_json: bool, out: TextIO | None = None) -> None:
    """Write the outline; text comes from the loader already neutralised, so it is safe to print."""
    stream = out or sys.stdout
    if as_json:
        json.dump(document_to_dict(document), stream, ensure_ascii=False, indent=2)
        stream.write("\n")
        return
    stream.write("\n".join(outline_lines(document)) + "\n")
