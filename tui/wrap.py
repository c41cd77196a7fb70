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
from collections.abc import Iterator
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
        if used + segment.core > room and (used or segment.core <= width):
            lines.append((line_start, segment.start))
            line_start, used, room = segment.start, 0, width
        if segment.core > room:
            line_start, used = _fold(text, segment, room, lines)
            room = width
        else:
            used += segment.core
        used += segment.tail
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


def _segments(text: str) -> Iterator[_Segment]:
    """Atoms joined across forbidden breaks, with their shown and hanging widths."""
    current: _Segment | None = None
    at_line_start = True
    for match in _ATOM.finditer(text):
        atom = match.group()
        newline = atom == "\n"
        space = newline or atom[0] in SPACES
        indent = space and not newline and at_line_start
        if current is not None and _may_break(text, current, atom, space):
            yield current
            current = None
        if current is None:
            current = _Segment(match.start(), match.end(), match.start())
        current.end = match.end()
        cells = 0 if newline else sum(map(_cells, atom))
        if space and not indent:
            current.tail += cells
        else:
            current.core += current.tail + cells
            current.tail = 0
            current.core_end = match.end()
        current.hard_break = newline
        current.glue = indent
        at_line_start = newline
    if current is not None:
        yield current


def _may_break(text: str, current: _Segment, atom: str, space: bool) -> bool:
    """Whether a line may end after ``current`` and start with ``atom``."""
    if current.hard_break:
        return True
    if current.glue or space or atom[0] in CLOSING:
        return False
    return text[current.core_end - 1] not in OPENING


def _cells(char: str) -> int:
    return get_character_cell_size(char)
