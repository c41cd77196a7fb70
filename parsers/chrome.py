"""Tell site furniture from report text in scraped pages.

Reports copied out of web pages drag the page along: toolbars (下载/打印/【字号：),
breadcrumbs, "来源：… 时间：…" bylines, photo captions, comment boxes and
disclaimers. None of that is the report, but dropping it silently would break
the promise that nothing is lost, so this module only *classifies* lines; the
tree builder moves the flagged ones to ``Document.dropped``.

The single-line patterns live in ``lexicon/chrome_patterns.txt`` and the
neighbour rules' word lists in ``lexicon/chrome_context.toml``, so a new site
is usually a data change.
"""

from __future__ import annotations

import itertools
import re
import tomllib
from collections.abc import Sequence
from functools import cache
from pathlib import Path

_LEXICON = Path(__file__).parent / "lexicon"

# Chrome lines are short; the longest real ones are disclaimers of a few
# hundred characters. Skipping longer lines keeps the scan linear on huge inputs.
MAX_CHROME_LINE = 400
# A value or link that follows a bare label is a short line without a full stop.
_MAX_FOLLOWER = 60
_SENTENCE_END = ("。", "！", "!", "？", "?")
# One bracketed piece of a line such as (责编：王小明) or 【纠错】 【打印】: its
# inside opens with a word, so a bracketed date or figure is never taken.
_BRACKETED = re.compile(r"[(（【\[]\s*([^\W\d_][^()（）【】\[\]]{0,59})[)）】\]]\s*")


@cache
def _pattern() -> re.Pattern[str]:
    lines = (_LEXICON / "chrome_patterns.txt").read_text(encoding="utf-8").splitlines()
    alternatives = [f"(?:{line.strip()})" for line in lines if line.strip() and line[0] != "#"]
    return re.compile("|".join(alternatives))


@cache
def _context() -> dict[str, frozenset[str]]:
    data = tomllib.loads((_LEXICON / "chrome_context.toml").read_text(encoding="utf-8"))
    return {key: frozenset(values) for key, values in data.items()}


def is_chrome_line(content: str) -> bool:
    """Whether one trimmed line is page furniture on its own, whatever surrounds it."""
    if not content or len(content) > MAX_CHROME_LINE:
        return False
    return _pattern().fullmatch(content) is not None or _bracketed_chrome(content)


def _bracketed_chrome(content: str) -> bool:
    """A line made only of bracketed furniture, as people.cn ends articles: (责编：…)."""
    pos = 0
    while pos < len(content):
        found = _BRACKETED.match(content, pos)
        if found is None or _pattern().fullmatch(found.group(1).strip()) is None:
            return False
        pos = found.end()
    return pos > 0


def _label(content: str) -> str:
    return content.rstrip(":：").strip()


def _is_follower(content: str) -> bool:
    return 0 < len(content) <= _MAX_FOLLOWER and not content.endswith(_SENTENCE_END)


def chrome_flags(lines: Sequence[str]) -> list[bool]:
    """Flag every line of a text scrape that is site chrome.

    ``lines`` are trimmed line contents in order (blank ones included, they are
    never flagged). Besides the one-line patterns, three neighbour rules apply:
    a bare label ("时间：") makes the value on the next line chrome, a
    related-articles label makes the short link lines under it chrome, and a
    breadcrumb spread over lines (首页 / > / 政府信息公开 / > / …) is chrome.
    """
    context = _context()
    flags = [is_chrome_line(line) for line in lines]
    filled = [i for i, line in enumerate(lines) if line]
    for pos, i in enumerate(filled):
        if len(lines[i]) > _MAX_FOLLOWER:
            continue
        label = _label(lines[i])
        if label in context["value_labels"]:
            if pos + 1 < len(filled) and _is_follower(lines[filled[pos + 1]]):
                flags[filled[pos + 1]] = True
        elif label in context["link_list_labels"]:
            flags[i] = True
            for j in itertools.islice(filled, pos + 1, None):
                if not _is_follower(lines[j]):
                    break
                flags[j] = True
        elif label in context["breadcrumb_roots"]:
            _flag_breadcrumb(lines, filled, pos, flags, context["breadcrumb_separators"])
    return flags


def _flag_breadcrumb(
    lines: Sequence[str],
    filled: Sequence[int],
    root: int,
    flags: list[bool],
    separators: frozenset[str],
) -> None:
    """Flag root / sep / item / sep / item … as long as separators keep coming."""
    trail = [filled[root]]
    for k in range(root + 1, len(filled) - 1, 2):
        separator, item = filled[k], filled[k + 1]
        if lines[separator] not in separators or not _is_follower(lines[item]):
            break
        trail += [separator, item]
    if len(trail) > 1:
        for i in trail:
            flags[i] = True
