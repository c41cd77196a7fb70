"""Line breaking for Chinese report text, by terminal cells.

Rich and Textual wrap on spaces and fold long runs anywhere, so Chinese lines
may start with ，。、 and 1200亿元 may be cut after 12. This module decides the
breaks itself and returns them as offsets, so the reader can slice its styled
text (keywords, figures, search hits) without re-measuring or copying.

Rules, in the order they are applied:
- The text is cut into atoms: one character each, except runs that must stay
  whole: ASCII words and numbers with their unit (10.1%, 1200亿元,
  3.5万平方米, １９９８年, PM2.5), runs of —— and ……, runs of whitespace.
- Atoms are joined into segments wherever a break is forbidden: before
  closing punctuation (the previous character is pulled down with it), after
  opening punctuation, before whitespace (spaces hang at the end of a line
  instead of starting the next one) and after the indent a paragraph starts
  with.
- Segments fill lines greedily. A segment wider than a whole line is folded
  by characters, preferring fold points that still obey the punctuation rules.
Each step is a single pass, so the whole is linear in the length of the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rich.cells import get_character_cell_size

CLOSING = frozenset("，。、；：？！）」』》〉】〕］｝”’…,.;:!?)]}%％‰")
"""Characters that must not start a line (kinsoku: line-start prohibited)."""

OPENING = frozenset("（「『《〈【〔［｛“‘([{")
"""Characters that must not end a line."""

SPACES = frozenset(" \t\r\u3000\u00a0")

# Characters that may follow a number as (part of) its unit. Generous on
# purpose: gluing one character too many only moves a break by a cell, while
# missing one splits 1200亿元 across lines.
_UNIT_CHARS = (
    "亿万千百十元角年月日时分秒号倍米吨亩户人家项个次岁天度台辆套所座件名处条篇部张只头块"
    "批场届轮期周点平方公里顷克斤升瓦兆吉标箱位床架艘栋幢间层株棵多余"
)
_RUN = "[!-~０-９．％‰]"  # ASCII and full-width digits: words, numbers, URLs
_ATOM = re.compile(
    rf"{_RUN}*[0-9０-９](?!{_RUN})[{_UNIT_CHARS}]{{0,6}}"  # a run ending in a number, its unit
    rf"|{_RUN}+"
    r"|—+|…+"  # a dash or an ellipsis is one mark, never split
    r"|[ \t\r\u3000\u00a0]+"
    r"|\n"
    r"|.",
    re.DOTALL,
)


@dataclass(slots=True)
class _Segment:
    """Text between two allowed breaks.

    ``core`` cells (up to ``core_end``) must be shown; ``tail`` cells of
    whitespace after them may hang past the end of a line.
    """

    start: int
    end: int
    core_end: int
    core: int = 0
    tail: int = 0
    hard_break: bool = False
    glue: bool = False


def wrap_offsets(text: str, width: int, first_indent: int = 0) -> list[tuple[int, int]]:
    """The ``(start, end)`` offsets of each display line of ``text`` at ``width`` cells.

    The lines concatenate back to ``text``. The first line has ``first_indent``
    fewer cells, for an indent the caller draws itself. Whitespace at a break
    stays at the end of the earlier line, past the width (it is invisible); a
    ``\\n`` ends its line. Only the first line can be empty: when the indent
    leaves too little room for what must start the paragraph, that moves down
    whole rather than being cut.
    """
    width = max(width, 1)
    lines: list[tuple[int, int]] = []
    line_start, used, room = 0, 0, width - first_indent
    for segment in _segments(text):
        start, core, tail = segment.start, segment.core, segment.tail
        if used + core > room and (used or core <= width):
            lines.append((line_start, start))
            line_start, used, room = start, 0, width
        if core > room:
            line_start, used = _fold(text, segment, room, lines)
            room = width
        else:
            used += core
        used += tail
        if segment.hard_break and segment.end < len(text):
            lines.append((line_start, segment.end))
            line_start, used, room = segment.end, 0, width
    lines.append((line_start, len(text)))
    return lines


def _fold(text: str, segment: _Segment, room: int, lines: list[tuple[int, int]]) -> tuple[int, int]:
    """Cut a segment wider than a whole line; return where its last piece starts and its cells.

    Finished lines are appended to ``lines``; the last piece stays open so
    what follows can share its line.
    """
    position = segment.start
    while True:
        fits, cells = position, 0
        while fits < segment.core_end and cells + _cells(text[fits]) <= room:
            cells += _cells(text[fits])
            fits += 1
        if fits == position:  # one character wider than the line: it goes alone
            cells = _cells(text[fits])
            fits += 1
        end = segment.core_end
        cut = fits if fits == end else _best_cut(text, position, fits, end)
        if cut == end:  # only spaces were left over: they hang
            return position, cells
        lines.append((position, cut))
        position = cut


def _best_cut(text: str, start: int, limit: int, end: int) -> int:
    """The last cut in ``(start, limit]`` that keeps the rules, else ``limit``.

    Spaces at a forced cut are moved to the end of the earlier line, as
    between segments (never past ``end``, the end of the segment's core).
    """
    cut = next(
        (
            cut
            for cut in range(limit, start, -1)
            if text[cut] not in CLOSING and text[cut] not in SPACES and text[cut - 1] not in OPENING
        ),
        limit,
    )
    while cut < end and text[cut] in SPACES:
        cut += 1
    return cut


def _segments(text: str) -> list[_Segment]:
    """Atoms joined across forbidden breaks, with their shown and hanging widths.

    Nearly every atom of Chinese text is one character, so this loop is the
    wrapper's inner loop: one pass, locals only, and a segment object made
    only where a break is allowed.
    """
    segments: list[_Segment] = []
    current: _Segment | None = None
    at_line_start = True
    cells_of = _ATOM_CELLS
    for match in _ATOM.finditer(text):
        start, end = match.span()
        atom = match.group()
        newline = atom == "\n"
        first = atom[0]
        space = newline or first in SPACES
        indent = space and not newline and at_line_start
        if current is not None and (
            current.hard_break
            or (
                not (current.glue or space or first in CLOSING)
                and text[current.core_end - 1] not in OPENING
            )
        ):
            segments.append(current)
            current = None
        if current is None:
            current = _Segment(start, end, start)
        current.end = end
        if newline:
            cells = 0
        else:
            cells = cells_of.get(atom, -1)
            if cells < 0:
                cells = sum(map(_cells, atom))
                if len(atom) == 1:
                    cells_of[atom] = cells
        if space and not indent:
            current.tail += cells
        else:
            current.core += current.tail + cells
            current.tail = 0
            current.core_end = end
        current.hard_break = newline
        current.glue = indent
        at_line_start = newline
    if current is not None:
        segments.append(current)
    return segments


_ATOM_CELLS: dict[str, int] = {}
"""Cells of each one-character atom seen so far (a few thousand distinct characters)."""


def _cells(char: str) -> int:
    return get_character_cell_size(char)
