"""The Document as plain JSON data, the shape ``gwr-tui outline --json`` prints.

The field set is a published interface: exactly title, meta, front, children,
appendices and dropped, with offsets into the decoded text so a consumer can
find every piece again.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from parsers.model import Document, Node, Span


def _span(span: Span) -> dict[str, Any]:
    return {"text": span.text, "start": span.start, "end": span.end}


def node_to_dict(node: Node) -> dict[str, Any]:
    """One node with its subtree; iterative so a deep tree cannot exhaust the stack."""
    root = _shallow(node)
    stack = [(node, root)]
    while stack:
        current, data = stack.pop()
        for child in current.children:
            child_data = _shallow(child)
            data["children"].append(child_data)
            stack.append((child, child_data))
    return root


def _shallow(node: Node) -> dict[str, Any]:
    return {
        "kind": node.kind,
        "number": node.number,
        "heading": node.heading,
        "title": node.title,
        "paragraphs": [_span(span) for span in node.paragraphs],
        "children": [],
        "start": node.start,
        "end": node.end,
    }


def document_to_dict(doc: Document) -> dict[str, Any]:
    """Everything a reader of the JSON needs, and nothing of the raw text beyond spans."""
    return {
        "title": doc.title,
        "meta": asdict(doc.meta),
        "front": [_span(span) for span in doc.front],
        "children": [node_to_dict(node) for node in doc.children],
        "appendices": [node_to_dict(node) for node in doc.appendices],
        "dropped": [_span(span) for span in doc.dropped],
    }
