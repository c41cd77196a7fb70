"""``gwr-tui outline``: the section tree as indented text or as JSON for scripts."""

from __future__ import annotations

import json
import sys
from typing import TextIO

from parsers.document_json import document_to_dict
from parsers.model import Document, Node

INDENT = "  "


def _node_lines(node: Node, depth: int, fallback: str | None) -> list[str]:
    heading = node.heading or fallback
    lines = [f"{INDENT * depth}{heading}"] if heading else []
    for child in node.children:
        lines.extend(_node_lines(child, depth + 1, None))
    return lines


def outline_lines(document: Document) -> list[str]:
    """Headings indented by depth; the title first and appendices after the body.

    A report without headings is one made-up chapter with an empty heading:
    the title line stands for it, or 全文 when the text has no title either.
    """
    lines = [document.title] if document.title else []
    fallback = None if document.title else "全文"
    for node in (*document.children, *document.appendices):
        lines.extend(_node_lines(node, 0, fallback))
    return lines


def print_outline(document: Document, *, as_json: bool, out: TextIO | None = None) -> None:
    """Write the outline; text comes from the loader already neutralised, so it is safe to print."""
    stream = out or sys.stdout
    if as_json:
        json.dump(document_to_dict(document), stream, ensure_ascii=False, indent=2)
        stream.write("\n")
        return
    stream.write("\n".join(outline_lines(document)) + "\n")
