"""The table of contents: every heading of the report, numbered as the report writes it.

Each tree node carries the text offset of its heading, so choosing one is a
jump by offset and following the reading position is a bisection, whatever
the size of the report.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from parsers.model import Node
from tui.widgets.lazy_scroll import SizedInPlace
from tui.widgets.page_layout import FRONT_TITLE, Page

_COLLAPSED_KINDS = frozenset({"item"})


class ChapterTree(Tree[int], SizedInPlace):
    """Chapters, sections and items; ``j``/``k``/``g``/``G`` move like in the text."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g", "scroll_home", "First", show=False),
        Binding("G", "scroll_end", "Last", show=False),
    ]

    def __init__(self, pages: list[Page], *, id: str | None = None) -> None:
        super().__init__(Text("目录"), id=id)  # as Text: a str label is parsed as markup
        self.show_root = False
        self.auto_expand = False
        self.guide_depth = 2
        self._heading_starts: list[int] = []
        self._heading_nodes: list[TreeNode[int]] = []
        self._add_pages(pages)

    def set_pages(self, pages: list[Page]) -> None:
        """List these pages instead (a fuller parse of the same report)."""
        self.clear()
        self._heading_starts, self._heading_nodes = [], []
        self._add_pages(pages)

    def _add_pages(self, pages: list[Page]) -> None:
        for page in pages:
            if page.node is None:
                self._add_entry(self.root, Text(page.title), page.start, leaf=True)
            else:
                self._add_heading(self.root, page.node)
        order = sorted(range(len(self._heading_starts)), key=self._heading_starts.__getitem__)
        self._heading_starts = [self._heading_starts[i] for i in order]
        self._heading_nodes = [self._heading_nodes[i] for i in order]

    def _add_entry(
        self, parent: TreeNode[int], label: Text, offset: int, leaf: bool, expand: bool = False
    ) -> TreeNode[int]:
        if leaf:
            node = parent.add_leaf(label, data=offset)
        else:
            node = parent.add(label, data=offset, expand=expand)
        self._heading_starts.append(offset)
        self._heading_nodes.append(node)
        return node

    def _add_heading(self, parent: TreeNode[int], node: Node) -> None:
        label = Text(" ".join(node.heading.split()) or node.title or FRONT_TITLE)
        expand = any(child.kind not in _COLLAPSED_KINDS for child in node.children)
        branch = self._add_entry(parent, label, node.start, not node.children, expand)
        for child in node.children:
            self._add_heading(branch, child)

    @property
    def heading_offsets(self) -> list[int]:
        """Start offsets of every heading in reading order (what ``]`` and ``[`` step through)."""
        return self._heading_starts

    def follow(self, offset: int) -> None:
        """Put the cursor on the innermost heading at or before ``offset``, opening its branch.

        Expanding a node lays the whole screen out again even when it is open
        already, so only closed branches are opened, and the tree's new
        length changes its own scrollbar only (``SizedInPlace``). The cursor
        moves at once, so the tree is redrawn in the same frame as the text;
        only a tree not laid out yet (the first screen) waits for its first
        refresh.
        """
        index = bisect_right(self._heading_starts, offset) - 1
        if index < 0:
            return
        node = self._heading_nodes[index]
        with self._sizing_in_place():
            if _open_branches_to(node):
                _ = self.last_line  # reading it numbers the lines again, as the next idle would
        if self.cursor_node is node:
            return
        if not self.size:
            self.call_after_refresh(self.move_cursor, node)
            return
        self.move_cursor(node)


def _open_branches_to(node: TreeNode[int]) -> bool:
    """Expand the closed branches above ``node``; whether there were any."""
    opened = False
    parent = node.parent
    while parent is not None and not parent.is_root:
        if not parent.is_expanded:
            parent.expand()
            opened = True
        parent = parent.parent
    return opened
