"""Every corpus report yields exactly the chapters and sections its gold outline lists."""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from test_lossless import assert_lossless, assert_nested

from parsers.model import Document, LoadedText, Node
from parsers.sanitize import neutralize
from parsers.tree import build_document

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
GOLD = SHARED / "gold"


def _gold_files(pattern: str) -> list[Any]:
    files = sorted(GOLD.glob(pattern)) if GOLD.is_dir() else []
    if not files:
        return [pytest.param(None, marks=pytest.mark.skip(reason="no shared gold labels here"))]
    return [pytest.param(path, id=path.name) for path in files]


def normal(title: str) -> str:
    """Compare as the gold README says: NFKC, no whitespace, a final 。/！ dropped."""
    squeezed = "".join(unicodedata.normalize("NFKC", title).split())
    return squeezed[:-1] if squeezed.endswith(("。", "!")) else squeezed


def outline(nodes: list[Node]) -> list[dict[str, Any]]:
    """Chapters (wherever parts put them) with their sections, as the gold files list them.

    The flat chapter a report without headings is given has no heading of its
    own in the text, so it is no chapter of the report.
    """
    chapters: list[dict[str, Any]] = []
    for node in nodes:
        if node.kind == "part":
            chapters += outline(node.children)
        elif node.kind == "chapter" and node.heading_span.end > node.heading_span.start:
            sections = [normal(c.title) for c in node.children if c.kind == "section"]
            chapters.append({"title": normal(node.title), "sections": sections})
    return chapters


def expected(gold: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {"title": normal(c["title"]), "sections": [normal(s) for s in c["sections"]]}
        for c in gold["chapters"]
    ]


def load_text(path: Path) -> LoadedText:
    encoding = "gb18030" if path.name.endswith("_gbk.txt") else "utf-8"
    with open(path, encoding=encoding, newline="") as handle:
        return LoadedText(handle.read(), str(path), encoding, "text")


@pytest.mark.parametrize("gold_path", _gold_files("*.outline.json"))
def test_text_report_matches_gold_outline(gold_path: Path) -> None:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    doc = build_document(load_text(SHARED / gold["source"]))
    assert outline(doc.children) == expected(gold)


def _lines(text: str, change: Callable[[str], str]) -> str:
    return "\n".join(change(line) for line in text.replace("\r\n", "\n").split("\n"))


_NUMERAL = "一二三四五六七八九十"
_CHAPTER_LINE = re.compile(rf"^[ \u3000]*[{_NUMERAL}]+、")
_SECTION_LINE = re.compile(rf"^[ \u3000]*（[{_NUMERAL}]+）")
_FINANCIAL = str.maketrans(_NUMERAL, "壹贰叁肆伍陆柒捌玖拾")


def _retouch_headings(
    pattern: re.Pattern[str], change: Callable[[str], str]
) -> Callable[[str], str]:
    """Site styles for short heading lines: set in 【】 or bold marks, closed with 。."""

    def retouch(line: str) -> str:
        short = pattern.match(line) and len(line.strip()) < 40
        return change(line.strip()) if short else line

    return lambda text: _lines(text, retouch)


def _after_headings(pattern: re.Pattern[str], added: list[str]) -> Callable[[str], str]:
    """Lines inserted under every heading, e.g. a numbered list restarting at 一."""
    return lambda text: _lines(
        text, lambda line: "\n".join([line, *added]) if pattern.match(line) else line
    )


def _hard_wrapped(width: int) -> Callable[[str], str]:
    """A copy out of a PDF: every line broken at one width, headings included."""

    def wrap(line: str) -> str:
        line = line.strip()
        return "\n".join(line[at : at + width] for at in range(0, len(line), width))

    return lambda text: _lines(text, wrap)


def _column_wrapped(columns: int, indent: str = "") -> Callable[[str], str]:
    """A PDF copy set in columns: half-width digits and letters take half a column, and
    each paragraph's first line may keep its indentation."""

    def wrap(line: str) -> str:
        pieces, piece, used = [], indent, len(indent)
        for char in line.strip():
            width = 0.5 if char.isascii() else 1.0
            if used + width > columns:
                pieces.append(piece)
                piece, used = "", 0.0
            piece += char
            used += width
        return "\n".join([*pieces, piece])

    return lambda text: _lines(text, wrap)


_PAGE_LINES = 40


def _page_furniture(page: int, pages: int) -> list[str]:
    """What a PDF prints around every page: a footer number, a running head, a page count."""
    return [f"— {page} —", "", "政府工作报告", f"第 {page} 页 共 {pages} 页"]


def _paged(text: str) -> str:
    """A copy out of a PDF with its page furniture between every 40 lines."""
    lines = text.replace("\r\n", "\n").split("\n")
    pages = len(lines) // _PAGE_LINES + 1
    out: list[str] = []
    for at in range(0, len(lines), _PAGE_LINES):
        out += lines[at : at + _PAGE_LINES]
        if at + _PAGE_LINES < len(lines):
            out += _page_furniture(at // _PAGE_LINES + 1, pages)
    return "\n".join(out)


def _form_fed(text: str) -> str:
    """pdftotext's copy: a form feed opens every page, which the loader makes a line break."""
    lines = text.replace("\r\n", "\n").split("\n")
    return neutralize(
        "\n".join(
            "\f" + line if at and at % _PAGE_LINES == 0 else line for at, line in enumerate(lines)
        )
    )


VARIANTS: dict[str, Callable[[str], str]] = {
    "pdf-page-furniture": _paged,
    "pdftotext-form-feeds-wrapped-at-28": lambda text: _form_fed(_hard_wrapped(28)(text)),
    "pdftotext-pages-in-columns-at-24-indented": lambda text: _form_fed(
        _paged(_column_wrapped(24, "\u3000\u3000")(text))
    ),
    "pdf-page-furniture-wrapped-at-24": lambda text: _paged(_hard_wrapped(24)(text)),
    "column-wrapped-at-26": _column_wrapped(26),
    "column-wrapped-at-30-indented": _column_wrapped(30, "\u3000\u3000"),
    "hard-wrapped-at-24-section-sentences-list": lambda text: _hard_wrapped(24)(
        VARIANTS["section-sentences-list"](text)
    ),
    "hard-wrapped-at-24-sections-colon": lambda text: _hard_wrapped(24)(
        VARIANTS["sections-colon"](text)
    ),
    "hard-wrapped-at-28-numbers-dropped": lambda text: _hard_wrapped(28)(
        re.sub(r"(?m)^([ \u3000]*)[一二三四五六七八九十]+、", r"\1", text)
    ),
    **{f"hard-wrapped-at-{width}": _hard_wrapped(width) for width in range(20, 40, 2)},
    "chapters-in-lenticular-brackets": _retouch_headings(_CHAPTER_LINE, lambda h: f"【{h}】"),
    "chapters-bold": _retouch_headings(_CHAPTER_LINE, lambda h: f"**{h}**"),
    "unnumbered-chapters-in-brackets": _retouch_headings(
        _CHAPTER_LINE, lambda h: f"【{h.split('、', 1)[1]}】"
    ),
    "sections-bold": _retouch_headings(_SECTION_LINE, lambda h: f"**{h}**"),
    "chapters-full-stop": _retouch_headings(_CHAPTER_LINE, lambda h: h.removesuffix("。") + "。"),
    "chapters-financial-numerals": lambda text: re.sub(
        rf"(?m)^([ \u3000]*)([{_NUMERAL}]+)、",
        lambda m: m[1] + m[2].translate(_FINANCIAL) + "、",
        text,
    ),
    "chapter-numbers-without-mark": lambda text: re.sub(
        rf"(?m)^([ \u3000]*[{_NUMERAL}]+)、", "\\1\u3000", text
    ),
    "chapter-list-in-body": _after_headings(
        _CHAPTER_LINE,
        ["主要体会是：", "一、坚持党的全面领导", "二、坚持以人民为中心", "这些经验必须长期坚持。"],
    ),
    "section-list-in-body": _after_headings(
        _SECTION_LINE,
        ["主要措施：", "（一）强化组织领导", "（二）完善工作机制", "（三）加强督查考核"],
    ),
    "section-sentences-list": _after_headings(
        _SECTION_LINE,
        ["（一）强化组织领导。各级要压实责任。", "（二）完善工作机制。建立协调机制，定期会商。"],
    ),
    "chapters-run-on": lambda text: re.sub(
        rf"(?m)^([ \u3000]*[{_NUMERAL}]+、[^\n。]{{2,40}})\r?\n[ \u3000]*", r"\1。", text
    ),
    "chapters-run-on-after-gap": lambda text: re.sub(
        rf"(?m)^([ \u3000]*[{_NUMERAL}]+、[^\n。]{{2,40}})\r?\n[ \u3000]*", "\\1\u3000", text
    ),
    "sections-run-on": lambda text: re.sub(
        rf"(?<=[。！])\r?\n[ \u3000]*(（[{_NUMERAL}]+）)", r"\1", text
    ),
    "people-cn-tail": lambda text: (
        text.rstrip() + "\n（责任编辑：王小明）\n【纠错】 【责任编辑：李华】\n(责编：赵强、钱伟)\n"
    ),
    "appendix-tail": lambda text: (
        text.rstrip() + "\n附件\n名词解释\n1.新质生产力：创新起主导作用的先进生产力。\n"
        "一、“两新”：大规模设备更新和消费品以旧换新。\n二、“两重”：国家重大战略实施。\n注释\n（一）数据为初步统计数。\n"
    ),
    "crlf": lambda text: text.replace("\r\n", "\n").replace("\n", "\r\n"),
    "lf-blank-lines": lambda text: text.replace("\r\n", "\n").replace("\n", "\n\n"),
    "fullwidth-indent": lambda text: _lines(text, lambda line: "\u3000\u3000" + line),
    "halfwidth-brackets": lambda text: re.sub(r"（([一二三四五六七八九十]+)）", r"(\1)", text),
    "chapters-colon": _retouch_headings(_CHAPTER_LINE, lambda h: h.removesuffix("。") + "："),
    "sections-colon": _retouch_headings(_SECTION_LINE, lambda h: h.removesuffix("。") + "："),
    "headings-trailing-space": lambda text: re.sub(
        rf"(?m)^([ \u3000]*(?:[{_NUMERAL}]+、|（[{_NUMERAL}]+）)[^\r\n]*)", "\\1 \u3000", text
    ),
    "sections-spaced-brackets": lambda text: re.sub(rf"（([{_NUMERAL}]+)）", "（ \\1 ）", text),
    "sections-tortoise-shell-brackets": lambda text: re.sub(
        rf"（([{_NUMERAL}]+)）", "〔\\1〕", text
    ),
    "numbers-dropped": lambda text: re.sub(
        r"(?m)^([ \u3000]*)[一二三四五六七八九十]+、", r"\1", text
    ),
}


@pytest.mark.parametrize("variant", sorted(VARIANTS))
@pytest.mark.parametrize("gold_path", _gold_files("*.outline.json"))
def test_reprinted_variants_keep_the_gold_outline(gold_path: Path, variant: str) -> None:
    """Layouts of other sites and reprints change nothing: line ends, indentation, bracket
    width, dropped or financial chapter numbers, wrapped headings, lists restarting inside
    the body, sections run on after a sentence, editor lines and appendices at the end."""
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    loaded = load_text(SHARED / gold["source"])
    text = VARIANTS[variant](loaded.text)
    doc = build_document(LoadedText(text, loaded.source, loaded.encoding, "text"))
    assert outline(doc.children) == expected(gold)
    assert_lossless(doc)
    assert_nested(doc)


@pytest.mark.parametrize("width", [0, 28], ids=["flowing", "hard-wrapped-at-28"])
@pytest.mark.parametrize("gold_path", _gold_files("*.outline.json"))
def test_page_furniture_of_a_pdf_copy_is_dropped(gold_path: Path, width: int) -> None:
    """Every page number, running head and page count goes to dropped, none into the tree."""
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    loaded = load_text(SHARED / gold["source"])
    plain = _hard_wrapped(width)(loaded.text) if width else loaded.text
    text = _paged(plain)
    doc = build_document(LoadedText(text, loaded.source, loaded.encoding, "text"))
    pages = len(plain.split("\n")) // _PAGE_LINES + 1
    furniture = {line for page in range(pages) for line in _page_furniture(page, pages) if line}
    added = Counter(line for line in text.split("\n") if line in furniture)
    added -= Counter(line for line in plain.replace("\r\n", "\n").split("\n"))
    assert added
    assert not added - Counter(span.text for span in doc.dropped)


def _numeral(value: int) -> str:
    """一 … 九十九, as chapter numbers are written."""
    tens, ones = divmod(value, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _NUMERAL[tens - 1] + "十")
    return head + (_NUMERAL[ones - 1] if ones else "")


def _in_parts(text: str, chapters: list[Node], afresh: bool, word: bool = False) -> str:
    """The report split into 第一部分 / 第二部分, each part's chapters numbered afresh or on,
    as 一、 or, with ``word``, as 第一章."""
    middle = (len(chapters) + 1) // 2
    pieces, cursor = [], 0
    for index, chapter in enumerate(chapters):
        at = chapter.heading_span.start
        pieces.append(text[cursor:at])
        if index in (0, middle):
            pieces.append(
                "第一部分 过去一年工作回顾\n" if index == 0 else "第二部分　今年工作安排\n"
            )
        number = index + 1 - (middle if afresh and index >= middle else 0)
        old = chapter.heading_span.text
        skip = len(old) - len(old.lstrip(" \u3000")) + len(chapter.number or "")
        numeral = f"第{_numeral(number)}章" if word else _numeral(number)
        pieces.append(old[:skip].replace(chapter.number or "", numeral))
        cursor = at + skip
        if word and text[cursor] in "、．.":
            pieces.append("\u3000")
            cursor += 1
    return "".join([*pieces, text[cursor:]])


@pytest.mark.parametrize("word", [False, True], ids=["chapters-numbered", "chapters-di-zhang"])
@pytest.mark.parametrize("afresh", [True, False], ids=["numbered-afresh", "numbered-on"])
@pytest.mark.parametrize("gold_path", _gold_files("*.outline.json"))
def test_reports_in_parts_keep_their_chapters(gold_path: Path, afresh: bool, word: bool) -> None:
    """第一部分 / 第二部分 above the 一、 (or 第一章) chapters make parts: the chapters stay
    chapters whether each part numbers them afresh from 一 or numbers on."""
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    loaded = load_text(SHARED / gold["source"])
    plain = build_document(loaded)
    chapters = [node for node in plain.children if node.kind == "chapter" and node.number]
    if len(chapters) < 2:
        pytest.skip("a report needs two numbered chapters to be split in parts")
    text = _in_parts(loaded.text, chapters, afresh, word)
    doc = build_document(LoadedText(text, loaded.source, loaded.encoding, "text"))
    assert [node.kind for node in doc.children] == ["part", "part"]
    assert [node.title for node in doc.children] == ["过去一年工作回顾", "今年工作安排"]
    assert outline(doc.children) == expected(gold)
    assert_lossless(doc)
    assert_nested(doc)


@pytest.mark.parametrize("gold_path", _gold_files("*.html.json"))
def test_html_page_matches_gold(gold_path: Path) -> None:
    load = pytest.importorskip("parsers.load", reason="the HTML loader has not landed yet")
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    doc: Document = build_document(load.load_path(SHARED / gold["source"]))
    assert outline(doc.children) == expected(gold)
    read = [*doc.front, *(s for n in doc.walk() for s in (n.heading_span, *n.paragraphs))]
    tree_text = "".join("".join(span.text.split()) for span in read)
    for sentence in gold["must_contain"]:
        assert "".join(sentence.split()) in tree_text
    for chrome in gold["must_not_contain"]:
        assert chrome not in tree_text
