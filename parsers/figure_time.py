"""When a figure holds: the times a sentence names and the plan chapters of a report.

A report reviews last year and plans this one, so the same words mean
different things by place: 全年 is the year under review in a review chapter
and the report year in a plan; a figure of a plan chapter is a target. This
module reads those places — chapter titles, named years, 今年/全年, five-year
plan periods — against the report year.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from parsers.figure_lexicon import alternation, lexicon
from parsers.numbers import cn_to_int

# The first year of a five-year plan: 十一五 (11) began in 2006.
_PLAN_START = 2006 - 5 * 11
_TITLE_YEAR = re.compile(r"(?<![0-9０-９])([12１２][0-9０-９]{3})年")


def plan_state(title: str, inherited: bool | None, year: int | None) -> bool | None:
    """Whether a heading opens a plan (targets), a review, or both (None).

    A title naming both (十四五时期发展成就和十五五时期主要目标任务) is settled
    paragraph by paragraph. A title with no cue but a year is a plan when the
    year is the report's own or later (2026年省十件民生实事 in a 2026 report);
    a title with neither inherits.
    """
    lex = lexicon()
    review = any(word in title for word in lex.review_chapters)
    plan = any(word in title for word in lex.plan_chapters)
    if review or plan:
        return None if review and plan else plan
    match = _TITLE_YEAR.search(title)
    if match and year is not None:
        return int(unicodedata.normalize("NFKC", match.group(1))) >= year
    return inherited


@cache
def _period_pattern() -> re.Pattern[str]:
    lex = lexicon()
    words = (*lex.this_year, *lex.whole_year, *lex.last_year)
    # Only try where a period can start: the scan then skips most characters at C speed.
    first = re.escape("".join(sorted({"1", "2", "１", "２", "十", *(w[0] for w in words)})))
    return re.compile(
        rf"(?=[{first}])"
        rf"(?:(?<![比较])(?P<year>(?<![0-9０-９])[12１２][0-9０-９]{{3}})年"
        r"|(?P<plan>十[一二三四五六七八九]五)”?(?:时期|期间)"
        rf"|(?P<this>{alternation(lex.this_year)})"
        rf"|(?P<whole>{alternation(lex.whole_year)})"
        rf"|(?<![比较同])(?P<last>{alternation(lex.last_year)}))"
    )


@dataclass(frozen=True, slots=True)
class NamedPeriod:
    """A time named in a sentence: where, as resolved, and whether it lies after the report."""

    start: int
    period: str
    future: bool


def periods_in(text: str, start: int, end: int, year: int | None, plan: bool) -> list[NamedPeriod]:
    """Each time a sentence names, by offset, resolved against the report year."""
    found = []
    for match in _period_pattern().finditer(text, start, end):
        period = _resolve(match, year, plan)
        if period is not None:
            found.append(NamedPeriod(match.start(), period, _is_future(match, period, year)))
    return found


def _is_future(match: re.Match[str], period: str, year: int | None) -> bool:
    """A year after the report year, or a plan period that starts with it or later."""
    if year is None:
        return False
    if match["plan"]:
        return _PLAN_START + 5 * (cn_to_int(match["plan"][:-1]) or 0) >= year
    return bool(match["year"]) and int(period) > year


def _resolve(match: re.Match[str], year: int | None, plan: bool) -> str | None:
    if match["year"]:
        return unicodedata.normalize("NFKC", match["year"])
    if match["plan"]:
        return f"{match['plan']}时期"
    if year is None:
        return None
    if match["this"]:
        return str(year)
    if match["whole"]:
        return str(year if plan else year - 1)
    return str(year - 1)
