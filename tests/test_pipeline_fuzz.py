"""Property tests over the whole pipeline: bytes → ``load_bytes`` → ``build_document`` → figures.

Each stage has its own tests; these feed all three in a row with random
bytes, random web pages and random report-like text salted with terminal
escapes, markup and bidi controls, and check what a user depends on: the
only failure is a one-line ``ReportError``, nothing of the text is lost,
every figure points at its own words, and nothing that could drive a
terminal survives into a title, heading or figure.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import fields
from itertools import pairwise

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parsers.errors import ReportError
from parsers.figures import extract_figures
from parsers.load import load_bytes
from parsers.model import Document, Figure, Span
from parsers.tree import build_document

SOURCE = "fuzz.txt"
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# C0 except \t \n \r, DEL, C1, and the bidi embedding/override/isolate/mark characters.
DANGEROUS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)

HOSTILE = [
    "\x1b[31m",
    "\x1b[0m",
    "\x1b]52;c;ZXZpbA==\x07",
    "\x1b]8;;http://evil.example/\x1b\\",
    "\x1b]8;;\x1b\\",
    "\x9b2J",
    "\x9d0;title\x9c",
    "\u202e",
    "\u2066",
    "\u200f",
    "\x00",
    "\x7f",
    "\x85",
    "[red]",
    "[/red]",
    "[link=http://evil.example]",
    "[@click=app.quit]",
    "[/]",
]
NUMERALS = "一二三四五六七八九十"
cjk = st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF), min_size=1, max_size=8)
numbers = st.one_of(
    st.integers(0, 100_000).map(str),
    st.decimals(0, 1000, places=1, allow_nan=False).map(str),
    st.sampled_from(["一千二百", "两", "十四", "３．５", "1,234"]),
)
units = st.sampled_from(["%", "亿元", "万元", "万人", "个百分点", "公里", "倍", "万吨", "户", ""])
figure_phrases = st.one_of(
    st.builds("{}增长{}{}".format, cjk, numbers, units),
    st.builds("{}达到{}{}".format, cjk, numbers, units),
    st.builds("预期目标{}{}左右".format, numbers, units),
    st.builds("比上年{}{}个百分点".format, st.sampled_from(["提高", "下降"]), numbers),
    st.builds("由{}年的{}{}增加到{}".format, st.integers(1990, 2030), numbers, units, numbers),
)
pieces = st.one_of(
    cjk,
    figure_phrases,
    st.sampled_from(HOSTILE),
    st.sampled_from(["，", "。", "；", "：", "、", "（", "）", "——", " ", "\u3000", "\t"]),
    st.text(max_size=6),
)
sentences = st.lists(pieces, min_size=1, max_size=12).map("".join)
headings = st.one_of(
    st.builds("{}、{}".format, st.sampled_from(NUMERALS), sentences),
    st.builds("（{}）{}".format, st.sampled_from(NUMERALS), sentences),
    st.builds("{}是{}".format, st.sampled_from(NUMERALS), sentences),
    st.builds("附件{}".format, st.integers(1, 3)),
    st.sampled_from(["政府工作报告", "各位代表：", "名词解释", "第一部分"]),
)
report_lines = st.lists(st.one_of(headings, sentences), max_size=30)
line_breaks = st.sampled_from(["\n", "\r\n", "\n\n", "\n\u3000\u3000", "\r"])


@st.composite
def report_text(draw: st.DrawFn) -> str:
    """Report-shaped Unicode: headings, figure sentences, escapes and markup mixed in."""
    return "".join(line + draw(line_breaks) for line in draw(report_lines))


@st.composite
def encoded_report(draw: st.DrawFn) -> bytes:
    """A report in one of the encodings reports come in, sometimes cut off mid-character."""
    text = draw(report_text())
    codec = draw(st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16", "utf-16-le"]))
    data = text.encode(codec, errors="replace")
    return data[: len(data) - draw(st.integers(0, 3))]


TAGS = ["p", "div", "span", "br", "td", "tr", "table", "li", "nav", "footer", "h1", "pre", "a"]
html_pieces = st.one_of(
    st.sampled_from(TAGS).map("<{}>".format),
    st.sampled_from(TAGS).map("</{}>".format),
    st.sampled_from(['<div class="TRS_Editor">', '<a href="/x">', "<title>", "</title>"]),
    st.sampled_from(["&nbsp;", "&#27;", "&#x9b;", "&#x202e;", "&#7;", "&amp;", "&lt;red&gt;"]),
    st.sampled_from(["<!--", "-->", "<", ">", "<script>", "</script>"]),
    report_text(),
)


@st.composite
def web_page(draw: st.DrawFn) -> bytes:
    """A page built from tags, entities and report text, in UTF-8 or GBK."""
    page = "<html><body>" + "".join(draw(st.lists(html_pieces, max_size=40)))
    return page.encode(draw(st.sampled_from(["utf-8", "gb18030"])), errors="replace")


def run_pipeline(data: bytes) -> tuple[Document, list[Figure]] | None:
    """The document and its figures, or None when the input was refused the way users see it."""
    try:
        loaded = load_bytes(data, SOURCE)
    except ReportError as error:
        message = str(error)
        assert message.startswith(f"{SOURCE}: ")
        assert "\n" not in message and DANGEROUS.search(message) is None
        return None
    doc = build_document(loaded)
    return doc, extract_figures(doc)


def readable_spans(doc: Document) -> list[Span]:
    spans = list(doc.front)
    for node in doc.walk():
        spans += [node.heading_span, *node.paragraphs]
    return sorted((s for s in spans if s.end > s.start), key=lambda s: s.start)


def assert_lossless(doc: Document) -> None:
    """Every visible character of the text is in exactly one span, which quotes it exactly."""
    spans = sorted([*readable_spans(doc), *doc.dropped], key=lambda s: s.start)
    for span in spans:
        assert doc.text[span.start : span.end] == span.text
    for before, after in pairwise(spans):
        assert before.end <= after.start, (before, after)
    covered = [False] * len(doc.text)
    for span in spans:
        covered[span.start : span.end] = [True] * (span.end - span.start)
    lost = [i for i, char in enumerate(doc.text) if not covered[i] and not char.isspace()]
    assert not lost, doc.text[lost[0] : lost[0] + 20]


def assert_figures_point_at_their_words(doc: Document, figures: list[Figure]) -> None:
    spans = readable_spans(doc)
    starts = [span.start for span in spans]
    for figure in figures:
        assert doc.text[figure.start : figure.end] == figure.surface
        sentence_end = figure.sentence_start + len(figure.sentence)
        assert doc.text[figure.sentence_start : sentence_end] == figure.sentence
        assert figure.sentence_start <= figure.start < figure.end <= sentence_end
        # Figures come from what the reader shows, never from dropped site chrome.
        home = spans[bisect_right(starts, figure.start) - 1]
        assert home.start <= figure.start and figure.end <= home.end
    assert [(f.start, f.end) for f in figures] == sorted((f.start, f.end) for f in figures)


def shown_strings(doc: Document, figures: list[Figure]) -> list[str]:
    """Every string the outline, the figures table or the reader may print."""
    shown = [doc.title or "", *(value for value in vars_of(doc.meta) if isinstance(value, str))]
    for node in doc.walk():
        shown += [node.heading, node.title, node.number or ""]
    for figure in figures:
        for value in vars_of(figure):
            if isinstance(value, str):
                shown.append(value)
            elif isinstance(value, tuple):
                shown.extend(str(item) for item in value)
    return shown


def vars_of(record: object) -> list[object]:
    return [getattr(record, field.name) for field in fields(record)]  # type: ignore[arg-type]


def assert_pipeline_holds(data: bytes) -> None:
    result = run_pipeline(data)
    if result is None:
        return
    doc, figures = result
    assert DANGEROUS.search(doc.text) is None
    assert_lossless(doc)
    assert_figures_point_at_their_words(doc, figures)
    for text in shown_strings(doc, figures):
        assert DANGEROUS.search(text) is None, repr(text)


@FUZZ
@given(st.binary(max_size=4000))
def test_random_bytes(data: bytes) -> None:
    assert_pipeline_holds(data)


@FUZZ
@given(report_text())
def test_report_like_unicode(text: str) -> None:
    assert_pipeline_holds(text.encode("utf-8", errors="surrogatepass"))


@FUZZ
@given(encoded_report())
def test_report_like_text_in_any_encoding(data: bytes) -> None:
    assert_pipeline_holds(data)


@FUZZ
@given(web_page())
def test_random_web_pages(data: bytes) -> None:
    assert_pipeline_holds(data)


def test_a_report_made_of_the_hostile_pieces_is_defused() -> None:
    """The pieces the strategies salt reports with, each in a heading and in a figure sentence.

    The body is long enough that a few control characters do not make the
    file look like binary data, which is refused instead.
    """
    body = "经济运行总体平稳，发展质量稳步提升。" * 20
    for piece in HOSTILE:
        text = f"一、回顾{piece}工作\n（一）{piece}地区生产总值增长5%。{body}\n"
        result = run_pipeline(text.encode("utf-8"))
        assert result is not None
        doc, figures = result
        assert doc.children[0].heading.startswith("一、回顾")
        assert [f.surface for f in figures] == ["5%"]
        assert_pipeline_holds(text.encode("utf-8"))
