"""Nothing is lost: front, headings, paragraphs, appendices and dropped chrome tile the text."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parsers.model import Document, LoadedText, Node, Span
from parsers.tree import build_document, cn_number

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus"


def _corpus_files() -> list[Any]:
    files = sorted(CORPUS.rglob("*.txt")) if CORPUS.is_dir() else []
    if not files:
        return [pytest.param(None, marks=pytest.mark.skip(reason="no shared corpus here"))]
    return [pytest.param(path, id=path.name) for path in files]


def squeeze(text: str) -> str:
    return "".join(text.split())


def pieces(doc: Document) -> list[Span]:
    """Every span the document hands out, in offset order."""
    spans = [*doc.front, *doc.dropped]
    for node in doc.walk():
        spans += [node.heading_span, *node.paragraphs]
    return sorted((s for s in spans if s.end > s.start), key=lambda s: s.start)


def assert_lossless(doc: Document) -> None:
    spans = pieces(doc)
    for span in spans:
        assert doc.text[span.start : span.end] == span.text
    for before, after in pairwise(spans):
        assert before.end <= after.start, f"{before} overlaps {after}"
    assert "".join(squeeze(s.text) for s in spans) == squeeze(doc.text)


def assert_nested(doc: Document) -> None:
    """A node's range holds its heading, its paragraphs and its children, in order."""
    stack: list[Node] = [*doc.children, *doc.appendices]
    while stack:
        node = stack.pop()
        assert node.start == node.heading_span.start <= node.heading_span.end <= node.end
        inner = [*node.paragraphs, *(Span(c.start, c.end, "") for c in node.children)]
        for span in inner:
            assert node.heading_span.end <= span.start <= span.end <= node.end
        if node.paragraphs and node.children:
            assert node.paragraphs[-1].end <= node.children[0].start
        stack += node.children


@pytest.mark.parametrize("path", _corpus_files())
def test_every_corpus_report_is_lossless(path: Path) -> None:
    encoding = "gb18030" if path.name.endswith("_gbk.txt") else "utf-8"
    with open(path, encoding=encoding, newline="") as handle:
        doc = build_document(LoadedText(handle.read(), str(path), encoding, "text"))
    assert_lossless(doc)
    assert_nested(doc)
    assert_path_at_finds_the_innermost_node(doc)


def assert_path_at_finds_the_innermost_node(doc: Document) -> None:
    """``path_at`` bisects; a linear search over every node must agree with it."""
    nodes = list(doc.walk())
    for offset in range(0, len(doc.text), 97):
        holding = [node for node in nodes if node.start <= offset < node.end]
        assert doc.path_at(offset) == sorted(holding, key=lambda n: (n.start, -n.end))


numerals = st.sampled_from(["一", "二", "三", "四", "十", "十一"])
cjk = st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x4E80), min_size=1, max_size=12)
anything = st.text(max_size=40)
heading_lines = st.one_of(
    st.builds("{}、{}".format, numerals, cjk),
    st.builds("{}.{}".format, numerals, cjk),
    st.builds("（{}）{}".format, numerals, cjk),
    st.builds("({}){}。{}".format, numerals, cjk, anything),
    st.builds("{}是{}。{}".format, numerals, cjk, anything),
    st.builds("——{}。{}".format, cjk, anything),
    st.builds("{}。{}".format, cjk, cjk),
    st.builds("{}. {}".format, st.integers(0, 30), cjk),
    st.sampled_from(["附件1", "附件2 名词解释", "注释", "名词解释", "第一部分", "2025年工作回顾"]),
)
other_lines = st.sampled_from(
    [
        "政 府 工 作 报 告",
        "政府工作报告——2024年3月5日在第十四届全国人民代表大会第二次会议上国务院总理 李强",
        "――2026年1月27日在青海省第十四届人民代表大会第四次会议上",
        "各位代表：",
        "各位代表！",
        "下载",
        "【字号：",
        "首页",
        ">",
        "时间：",
        "2026-02-02 09:20",
        "相关报道：",
        "本文地址:/baogao/hb/1.html",
        "２０１０年增长５％。",
    ]
)
lines = st.lists(st.one_of(heading_lines, other_lines, cjk, anything), max_size=40)
breaks = st.sampled_from(["\n", "\r\n", "\n\n", "\n　　", "\n  ", "\r\n\r\n"])


@st.composite
def report_like(draw: st.DrawFn) -> LoadedText:
    parts = draw(lines)
    text = "".join(part + draw(breaks) for part in parts)
    chrome: list[Span] = []
    for _ in range(draw(st.integers(0, 3))):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, len(text)))
        chrome.append(Span(start, end, text[start:end]))
    media = draw(st.sampled_from(["text", "html"]))
    return LoadedText(text, "<test>", "utf-8", media, tuple(chrome))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report_like())
def test_report_like_text_is_lossless(loaded: LoadedText) -> None:
    doc = build_document(loaded)
    assert_lossless(doc)
    assert_nested(doc)
    for span in loaded.chrome:
        if squeeze(span.text):
            assert any(d.start <= span.start and span.end <= d.end for d in doc.dropped)


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_text_builds_a_lossless_document(text: str) -> None:
    doc = build_document(LoadedText(text, "<test>", "utf-8", "text"))
    assert_lossless(doc)
    assert_nested(doc)


def assert_numbering(nodes: list[Node], kind: str) -> None:
    """Numbered nodes of ``kind`` among siblings count 一, 二, 三 … without gaps or restarts."""
    values = [cn_number(n.number) for n in nodes if n.kind == kind and n.number]
    assert values == list(range(1, len(values) + 1))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report_like())
def test_report_like_text_numbers_consistently(loaded: LoadedText) -> None:
    assert_consistent_numbering(build_document(loaded))


furniture = st.sampled_from(["— 3 —", "政府工作报告", "第 3 页 共 20 页", "3 / 20", "- 12 -"])


@st.composite
def pdf_copy(draw: st.DrawFn) -> LoadedText:
    """Report-like lines hard-wrapped at one width, with page furniture anywhere."""
    width = draw(st.integers(8, 40))
    wrapped = [
        piece
        for part in draw(lines)
        for piece in [part[at : at + width] for at in range(0, len(part), width)] or [""]
    ]
    for _ in range(draw(st.integers(0, 4))):
        wrapped.insert(draw(st.integers(0, len(wrapped))), draw(furniture))
    text = draw(st.sampled_from(["\n", "\r\n", "\n\n"])).join(wrapped)
    return LoadedText(text, "<test>", "utf-8", "text")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pdf_copy())
def test_a_hard_wrapped_copy_with_page_furniture_is_lossless(loaded: LoadedText) -> None:
    doc = build_document(loaded)
    assert_lossless(doc)
    assert_nested(doc)
    assert_consistent_numbering(doc)


def assert_consistent_numbering(doc: Document) -> None:
    assert_numbering(doc.children, "chapter")
    assert_numbering(doc.children, "part")
    chapters_so_far = 0
    for node in doc.walk():
        if node.kind == "part":
            # A part numbers its chapters afresh from 一, or on from the part before it.
            values = [
                cn_number(c.number) for c in node.children if c.kind == "chapter" and c.number
            ]
            first = values[0] if values else 1
            assert first in (1, chapters_so_far + 1)
            assert values == list(range(first, first + len(values)))
            chapters_so_far = values[-1] if values else chapters_so_far
        else:
            assert_numbering(node.children, "section")
        allowed = {
            "part": {"chapter", "item"},
            "chapter": {"section", "item"},
            "section": {"item"},
        }
        assert {c.kind for c in node.children} <= allowed.get(node.kind, {"item"})
        if node.kind == "item":
            assert node.children == []
    assert all(node.kind == "appendix" for node in doc.appendices)
    assert all(node.kind in ("part", "chapter") for node in doc.children)


def test_whitespace_chrome_between_an_appendix_and_its_title_is_not_kept() -> None:
    text = "一、回顾\n正文。\n附件1\n政 府 工 作 报 告\n"
    newline = text.index("附件1") + len("附件1")
    loaded = LoadedText(text, "<test>", "utf-8", "text", (Span(newline, newline + 1, "\n"),))
    assert_lossless(build_document(loaded))
