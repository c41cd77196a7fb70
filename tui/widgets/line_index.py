"""Lines of many items drawn one under another, each item laid out only once it is needed.

A panel of 700 000 figures or a chapter of seven million characters cannot be
wrapped before the first frame. Each item starts with an estimated height and
is *measured* (laid out for real) only when it comes into view; running totals
are kept in a Fenwick tree of the corrections, so "which item is on line y"
and "on which line does item i start" stay O(log n) however many estimates
have been replaced. Lines above a measured stretch may still be estimates, so
a widget keeps its place by an item and a row, never by a bare line number.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from itertools import accumulate
from typing import Generic, TypeVar, overload

T = TypeVar("T")


class LineIndex:
    """Heights of items (each at least one line), estimated until set, with their running sums."""

    def __init__(self, estimates: Sequence[int]) -> None:
        if estimates and min(estimates) < 1:
            raise ValueError("every item is at least one line high")
        self._heights = list(estimates)
        self._base = [0, *accumulate(self._heights)]
        self._corrections = [0] * (len(self._heights) + 1)
        self._top_bit = 1 << max(0, len(self._heights).bit_length() - 1)

    def __len__(self) -> int:
        return len(self._heights)

    @property
    def total(self) -> int:
        """All lines: measured heights where known, estimates elsewhere."""
        return self.start(len(self._heights))

    def height(self, item: int) -> int:
        return self._heights[item]

    def start(self, item: int) -> int:
        """The line on which ``item`` starts (``len(self)`` gives the total)."""
        line, index = self._base[item], item
        corrections = self._corrections
        while index > 0:
            line += corrections[index]
            index &= index - 1
        return line

    def set_height(self, item: int, height: int) -> None:
        """Replace the estimate (or an earlier height) of ``item``."""
        height = max(1, height)
        change = height - self._heights[item]
        if not change:
            return
        self._heights[item] = height
        index, size = item + 1, len(self._corrections)
        while index < size:
            self._corrections[index] += change
            index += index & -index

    def locate(self, line: int) -> tuple[int, int]:
        """``(item, row)`` of ``line``, clamped to the first and last lines."""
        count = len(self._heights)
        if count == 0:
            raise IndexError("no items")
        if line < 0:
            return 0, 0
        base, corrections = self._base, self._corrections
        item, before, step = 0, 0, self._top_bit
        while step:
            upper = item + step
            if upper <= count:
                below = before + base[upper] - base[item] + corrections[upper]
                if below <= line:
                    item, before = upper, below
            step >>= 1
        if item == count:
            return count - 1, self._heights[count - 1] - 1
        return item, line - before


class LazyLines(Sequence[T], Generic[T]):
    """The lines of every item in order, measured on first use and kept.

    ``measure(item)`` lays one item out; what it returns is cached until the
    cache holds more than ``keep`` items, then the oldest are dropped (their
    heights stay known, so nothing on screen moves).
    """

    def __init__(
        self,
        estimates: Sequence[int],
        measure: Callable[[int], Sequence[T]],
        keep: int = 4096,
    ) -> None:
        self.heights = LineIndex(estimates)
        self._measure = measure
        self._keep = keep
        self._cache: dict[int, Sequence[T]] = {}
        self._measured: set[int] = set()

    @property
    def items(self) -> int:
        return len(self.heights)

    @property
    def measured(self) -> int:
        """How many items have been laid out."""
        return len(self._measured)

    def is_measured(self, item: int) -> bool:
        return item in self._measured

    def item_lines(self, item: int) -> Sequence[T]:
        """The lines of ``item``, laying it out if needed (which may move every line below)."""
        lines = self._cache.get(item)
        if lines is None:
            lines = self._measure(item)
            if len(self._cache) >= self._keep:
                for old in list(self._cache)[: self._keep // 2]:
                    del self._cache[old]
            self._cache[item] = lines
            self._measured.add(item)
            self.heights.set_height(item, len(lines))
        return lines

    def locate(self, line: int) -> tuple[int, int]:
        return self.heights.locate(line)

    def line_number(self, item: int, row: int) -> int:
        return self.heights.start(item) + row

    def settle(self, item: int, row: int, above: int, below: int) -> int:
        """Measure around ``(item, row)``; return its line number.

        Afterwards the ``above`` lines before it and the ``below`` lines from
        it on (as far as there are any) all belong to measured items, so they
        can be drawn and scrolled through without anything shifting.
        """
        count = len(self.heights)
        if count == 0:
            return 0
        item = min(max(item, 0), count - 1)
        lines = self.item_lines(item)
        row = min(max(row, 0), len(lines) - 1)
        covered, after = len(lines) - row, item + 1
        while covered < below and after < count:
            covered += len(self.item_lines(after))
            after += 1
        covered, before = row, item - 1
        while covered < above and before >= 0:
            covered += len(self.item_lines(before))
            before -= 1
        return self.line_number(item, row)

    def measure_all(self) -> None:
        for item in range(len(self.heights)):
            self.item_lines(item)

    def __len__(self) -> int:
        return self.heights.total

    @overload
    def __getitem__(self, position: int) -> T: ...

    @overload
    def __getitem__(self, position: slice) -> Sequence[T]: ...

    def __getitem__(self, position: int | slice) -> T | Sequence[T]:
        if isinstance(position, slice):
            return [self[index] for index in range(*position.indices(len(self)))]
        if position < 0:
            position += len(self)
        if not 0 <= position < len(self):
            raise IndexError(position)
        while True:  # measuring an item changes its height, so locate again until stable
            item, row = self.heights.locate(position)
            measured = self.is_measured(item)
            lines = self.item_lines(item)
            if measured or row < len(lines):
                return lines[row]

    def __iter__(self) -> Iterator[T]:
        for item in range(len(self.heights)):
            yield from self.item_lines(item)
