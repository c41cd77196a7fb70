"""Policy keywords: the built-in lexicon, finding terms in a report, counting them per chapter.

The lexicon is data (``lexicon/keywords.toml``) grouped by theme, so it grows
without code changes and each group maps to one highlight colour. Matching is
one compiled alternation per term set, longest terms first: Python's regex
engine tries alternatives in order, so at each position the longest term wins,
and ``finditer`` keeps the hits non-overlapping, left to right, in one pass.
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from parsers.model import Document, Node

_LEXICON_FILE = Path(__file__).parent / "lexicon" / "keywords.toml"
_ASCII_WORD = re.compile(r"[A-Za-z0-9]")

TermSet = tuple[tuple[str, tuple[str, ...]], ...]


@dataclass(frozen=True, slots=True)
class KeywordHit:
    """One occurrence of a term, by offset into the text it was found in."""

    start: int
    end: int
    term: str
    group: str


@dataclass(frozen=True, slots=True)
class TermCount:
    """How often one term occurs; ``by_chapter`` is aligned with ``KeywordSummary.chapters``."""

    term: str
    group: str
    total: int
    by_chapter: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class KeywordSummary:
    """Counts for the summary screen, most frequent term first.

    ``total`` also counts hits outside every chapter (front matter), so it can
    exceed ``sum(by_chapter)``.
    """

    chapters: tuple[str, ...]
    terms: tuple[TermCount, ...]


def load_lexicon() -> dict[str, tuple[str, ...]]:
    """The built-in terms by group; a fresh dict, so callers may extend it safely."""
    return dict(_lexicon())


@cache
def _lexicon() -> TermSet:
    data = tomllib.loads(_LEXICON_FILE.read_text(encoding="utf-8"))
    return tuple((group, tuple(terms)) for group, terms in data["groups"].items())


def find_terms(text: str, terms_by_group: Mapping[str, Iterable[str]]) -> list[KeywordHit]:
    """Every non-overlapping occurrence of the terms, left to right, longest term first.

    A term listed in several groups belongs to the first of them, so a caller
    that puts the user's own keywords first gives them precedence. Terms that
    begin or end with an ASCII letter or digit (5G, PM2.5, AI) only match as
    whole words there, so AI is not found inside MAIN.
    """
    key = tuple((group, tuple(terms)) for group, terms in terms_by_group.items())
    compiled = _compile(key)
    if compiled is None:
        return []
    pattern, group_of = compiled
    return [
        KeywordHit(m.start(), m.end(), m.group(), group_of[m.group()])
        for m in pattern.finditer(text)
    ]


@lru_cache(maxsize=32)
def _compile(term_set: TermSet) -> tuple[re.Pattern[str], dict[str, str]] | None:
    """One regex per distinct term set: the reader asks again on every chapter and keypress."""
    group_of: dict[str, str] = {}
    for group, terms in term_set:
        for term in terms:
            if term:
                group_of.setdefault(term, group)
    if not group_of:
        return None
    ordered = sorted(group_of, key=lambda t: (-len(t), t))
    return re.compile("|".join(_alternative(t) for t in ordered)), group_of


def _alternative(term: str) -> str:
    before = r"(?<![A-Za-z0-9])" if _ASCII_WORD.match(term[0]) else ""
    after = r"(?![A-Za-z0-9])" if _ASCII_WORD.match(term[-1]) else ""
    return before + re.escape(term) + after


def keyword_summary(doc: Document, hits: Iterable[KeywordHit]) -> KeywordSummary:
    """Count ``hits`` per term, overall and per top-level chapter (appendices included)."""
    chapters: list[Node] = sorted((*doc.children, *doc.appendices), key=lambda n: n.start)
    starts = [node.start for node in chapters]
    totals: dict[str, int] = {}
    groups: dict[str, str] = {}
    per_chapter: dict[str, list[int]] = {}
    for hit in hits:
        totals[hit.term] = totals.get(hit.term, 0) + 1
        groups.setdefault(hit.term, hit.group)
        counts = per_chapter.setdefault(hit.term, [0] * len(chapters))
        index = bisect_right(starts, hit.start) - 1
        if index >= 0 and hit.start < chapters[index].end:
            counts[index] += 1
    terms = sorted(totals, key=lambda term: (-totals[term], term))
    return KeywordSummary(
        chapters=tuple(node.heading for node in chapters),
        terms=tuple(
            TermCount(term, groups[term], totals[term], tuple(per_chapter[term])) for term in terms
        ),
    )
