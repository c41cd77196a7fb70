"""The policy lexicon and keyword matching, checked against real reports."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from parsers.keywords import KeywordHit, find_terms, keyword_summary, load_lexicon
from parsers.model import Document, Meta, Node, Span

REPO = Path(__file__).resolve().parents[2]
CORPUS_FILES = {
    "shijingshan_2025.txt": "utf-8",
    "national_2024.txt": "utf-8",
    "national_2018_gbk.txt": "gbk",
    "beijing_2026.txt": "utf-8",
}


@pytest.fixture(params=sorted(CORPUS_FILES))
def report_text(request: pytest.FixtureRequest, corpus_dir: Path) -> str:
    name: str = request.param
    return (corpus_dir / name).read_bytes().decode(CORPUS_FILES[name])


def reference_matches(text: str, terms_by_group: dict[str, tuple[str, ...]]) -> list[KeywordHit]:
    """A slow, obviously correct matcher: at each position take the longest term, then skip it."""
    group_of: dict[str, str] = {}
    for group, terms in terms_by_group.items():
        for term in terms:
            group_of.setdefault(term, group)
    lengths = sorted({len(t) for t in group_of}, reverse=True)
    hits, i = [], 0
    while i < len(text):
        for length in lengths:
            candidate = text[i : i + length]
            if (
                len(candidate) == length
                and candidate in group_of
                and _whole_ascii_word(text, i, i + length)
            ):
                hits.append(KeywordHit(i, i + length, candidate, group_of[candidate]))
                i += length
                break
        else:
            i += 1
    return hits


def _whole_ascii_word(text: str, start: int, end: int) -> bool:
    alnum = re.compile(r"[A-Za-z0-9]")
    if alnum.match(text[start]) and start > 0 and alnum.match(text[start - 1]):
        return False
    return not (alnum.match(text[end - 1]) and end < len(text) and alnum.match(text[end]))


def test_lexicon_is_large_grouped_by_theme_and_unambiguous() -> None:
    lexicon = load_lexicon()
    assert set(lexicon) == {
        "economy",
        "innovation",
        "livelihood",
        "environment",
        "governance",
        "risk",
    }
    terms = [term for group in lexicon.values() for term in group]
    assert len(terms) >= 150
    assert len(terms) == len(set(terms)), "a term must belong to one group only"
    assert all(term == term.strip() and term for term in terms)
    for term in ("新质生产力", "高质量发展", "扩大内需", "城市更新", "乡村振兴", "人工智能"):
        assert term in terms
    for term in ("低空经济", "以旧换新", "专精特新", "营商环境", "共同富裕", "碳达峰"):
        assert term in terms
    assert "安全生产" in lexicon["risk"] and "化债" in lexicon["risk"]


def test_lexicon_groups_match_the_theme_colour_roles() -> None:
    from themes.highlights import LEXICON_GROUPS

    assert tuple(load_lexicon()) == LEXICON_GROUPS


def test_load_lexicon_hands_out_copies() -> None:
    load_lexicon()["economy"] = ()
    assert load_lexicon()["economy"]


def test_every_lexicon_term_appears_in_some_real_report(corpus_dir: Path) -> None:
    texts = [
        path.read_bytes().decode("gbk" if "gbk" in path.name else "utf-8")
        for path in corpus_dir.rglob("*.txt")
    ]
    everything = "\n".join(texts)
    terms = [term for group in load_lexicon().values() for term in group]
    found = {hit.term for hit in find_terms(everything, load_lexicon())}
    assert len(found) / len(terms) > 0.9


def test_hits_agree_with_a_reference_matcher_on_real_reports(report_text: str) -> None:
    lexicon = load_lexicon()
    hits = find_terms(report_text, lexicon)
    assert hits == reference_matches(report_text, lexicon)
    assert len(hits) > 20
    for hit in hits:
        assert report_text[hit.start : hit.end] == hit.term


def test_a_single_term_counts_like_str_count(report_text: str) -> None:
    for term in ("高质量发展", "改革", "人工智能", "安全"):
        assert len(find_terms(report_text, {"g": (term,)})) == report_text.count(term)


def test_terms_clear_of_other_terms_count_like_str_count(report_text: str) -> None:
    """Where no other term contains, or touches an occurrence of, a term, counts are exact."""
    terms = [term for group in load_lexicon().values() for term in group]
    hits = find_terms(report_text, load_lexicon())
    owner: list[set[str]] = [set() for _ in report_text]
    for term in terms:
        for match in re.finditer(re.escape(term), report_text):
            for i in range(match.start(), match.end()):
                owner[i].add(term)
    checked = 0
    for term in terms:
        spans = [m.span() for m in re.finditer(re.escape(term), report_text)]
        if not spans or any(owner[i] != {term} for s, e in spans for i in range(s, e)):
            continue
        assert sum(h.term == term for h in hits) == report_text.count(term), term
        checked += 1
    assert checked >= 10


def test_longest_term_wins_and_hits_do_not_overlap() -> None:
    text = "持续优化营商环境，营商环境更好"
    hits = find_terms(text, {"economy": ("营商环境", "优化营商环境")})
    assert [(h.start, h.end, h.term) for h in hits] == [(2, 8, "优化营商环境"), (9, 13, "营商环境")]


def test_first_group_wins_for_a_term_in_two_groups() -> None:
    groups = {"user": ("城市更新",), "livelihood": ("城市更新", "乡村振兴")}
    hits = find_terms("城市更新和乡村振兴", groups)
    assert [(h.term, h.group) for h in hits] == [("城市更新", "user"), ("乡村振兴", "livelihood")]


def test_ascii_terms_match_whole_words_only() -> None:
    hits = find_terms("5G基站，15G，AI与MAIN，PM2.5浓度", {"g": ("5G", "AI", "PM2.5")})
    assert [h.term for h in hits] == ["5G", "AI", "PM2.5"]


def test_regex_characters_in_terms_are_literal() -> None:
    hits = find_terms(
        "推进人工智能+行动，人工智能", {"innovation": ("人工智能+", "人工智能", ".*")}
    )
    assert [h.term for h in hits] == ["人工智能+", "人工智能"]


def test_no_terms_no_hits() -> None:
    assert find_terms("任何文字", {}) == []
    assert find_terms("任何文字", {"user": ("",)}) == []


@given(
    text=st.text(alphabet="安全生产发展高质量AI5G ", max_size=60),
    terms=st.lists(st.text(alphabet="安全生产发展高质量AI5G", min_size=1, max_size=4), max_size=6),
)
def test_matches_agree_with_the_reference_on_random_text(text: str, terms: list[str]) -> None:
    groups = {"a": tuple(terms[::2]), "b": tuple(terms[1::2])}
    assert find_terms(text, groups) == reference_matches(text, groups)


def _node(heading: str, start: int, end: int) -> Node:
    return Node("chapter", None, heading, heading, start, end, Span(start, start + 2, heading))


def test_summary_counts_per_chapter_and_orders_by_frequency() -> None:
    text = (
        "前言：高质量发展。一、回顾 高质量发展 化债 高质量发展。二、任务 化债 化债 化债 高质量发展"
    )
    first = text.index("一、")
    second = text.index("二、")
    doc = Document(
        text=text,
        source="t",
        encoding="utf-8",
        title=None,
        meta=Meta(),
        front=[Span(0, first, text[:first])],
        children=[_node("一、回顾", first, second), _node("二、任务", second, len(text))],
        appendices=[],
        dropped=[],
    )
    hits = find_terms(text, {"economy": ("高质量发展",), "risk": ("化债",)})
    summary = keyword_summary(doc, hits)
    assert summary.chapters == ("一、回顾", "二、任务")
    assert [(t.term, t.group, t.total, t.by_chapter) for t in summary.terms] == [
        ("化债", "risk", 4, (1, 3)),
        ("高质量发展", "economy", 4, (2, 1)),
    ]


def test_keywords_module_stays_free_of_textual() -> None:
    code = "import sys, parsers.keywords; sys.exit('textual' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], cwd=REPO, check=False).returncode == 0
