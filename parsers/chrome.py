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
from collections import Counter
from collections.abc import Sequence
from functools import cache
from pathlib import Path

_LEXICON = Path(__file__).parent / "lexicon"
_PAGES = "page_patterns.txt"

# Chrome lines are short; the longest real ones are disclaimers of a few
# hundred characters. Skipping longer lines keeps the scan linear on huge inputs.
MAX_CHROME_LINE = 400
# A value or link that follows a bare label is a short line without a full stop.
_MAX_FOLLOWER = 60
_SENTENCE_END = ("。", "！", "!", "？", "?")
# One bracketed piece of a line such as (责编：王小明) or 【纠错】 【打印】: its
# inside opens with a word, so a bracketed date or figure is never taken.
# A running head a PDF copy repeats on every page (政府工作报告, 某某市人民政府):
# short, without the punctuation or the number a heading or a sentence of the
# report has, within a few lines of a page number (page n's footer meets page
# n+1's head), and said more than once or a piece of the title (a short copy
# has one page break). Repetition alone is no sign: an anthology of reports
# repeats its headings.
_MAX_RUNNING_HEAD = 30
_PAGE_REACH = 2
# A piece of the title shorter than this is as likely the last words of a
# wrapped line (政府) as a running head.
_MIN_TITLE_PIECE = 4
_MAX_PAGE_LINE = 24
# Every character a page number line (page_patterns.txt) opens with: others skip the pattern.
_PAGE_OPENERS = frozenset("—―－-–第共Pp0123456789０１２３４５６７８９")
_NOT_RUNNING_HEAD = re.compile(
    r"[，。；：！？、,;:!?（）()【】\[\]]"
    r"|^[0-9０-９一二三四五六七八九十壹贰叁肆伍陆柒捌玖拾]+[、．.\s]"
    r"|^第[0-9０-９一二三四五六七八九十]+[部章篇条]"
)
# The title block a report opens with, which a running head repeats a piece of.
_TITLE_BLOCK = 10
_BRACKETED = re.compile(r"[(（【\[]\s*([^\W\d_][^()（）【】\[\]]{0,59})[)）】\]]\s*")


def _alternatives(name: str) -> list[str]:
    lines = (_LEXICON / name).read_text(encoding="utf-8").splitlines()
    return [f"(?:{line.strip()})" for line in lines if line.strip() and line[0] != "#"]


@cache
def _pattern() -> re.Pattern[str]:
    return re.compile("|".join(_alternatives("chrome_patterns.txt")))


@cache
def _page_pattern() -> re.Pattern[str]:
    return re.compile("|".join(_alternatives(_PAGES)))


def _page_line(content: str) -> bool:
    """A page number or page count a PDF copy prints between pages."""
    return (
        len(content) <= _MAX_PAGE_LINE
        and content[0] in _PAGE_OPENERS
        and _page_pattern().fullmatch(content) is not None
    )


@cache
def _context() -> dict[str, frozenset[str]]:
    data = tomllib.loads((_LEXICON / "chrome_context.toml").read_text(encoding="utf-8"))
    return {key: frozenset(values) for key, values in data.items()}


def is_chrome_line(content: str) -> bool:
    """Whether one trimmed line is page furniture on its own, whatever surrounds it."""
    if not content or len(content) > MAX_CHROME_LINE:
        return False
    return (
        _pattern().fullmatch(content) is not None
        or _page_line(content)
        or _bracketed_chrome(content)
    )


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
    _flag_running_heads(lines, filled, flags)
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


def _flag_running_heads(lines: Sequence[str], filled: Sequence[int], flags: list[bool]) -> None:
    """Flag a page's running head beside the page numbers, never the title it repeats.

    The opening lines before the first page break are the title block a copy
    out of a PDF starts with; the running head names the report as they do.
    """
    near_page: list[int] = []
    for pos, i in enumerate(filled):
        if flags[i] and _page_line(lines[i]):
            near_page += filled[max(0, pos - _PAGE_REACH) : pos + _PAGE_REACH + 1]
    if not near_page:
        return
    opening = [i for i in filled[:_TITLE_BLOCK] if i < near_page[0]]
    title_block = "\n".join(lines[i] for i in opening)
    heads = [
        i
        for i in dict.fromkeys(near_page)
        if not flags[i]
        and len(lines[i]) <= _MAX_RUNNING_HEAD
        and not _NOT_RUNNING_HEAD.search(lines[i])
    ]
    counts = Counter(lines[i] for i in heads)
    for i in heads:
        piece = len(lines[i]) >= _MIN_TITLE_PIECE and lines[i] in title_block
        if counts[lines[i]] > 1 or piece:
            flags[i] = True


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
