"""Turn a report's decoded text into its section tree.

Work reports share one skeleton — title block, 各位代表 greeting, chapters
一、二、…, sections （一）（二）…, paragraphs that open with a lead sentence,
then sometimes appendices — but every site and year writes it a little
differently. The builder works line by line in two passes: ``_plan`` decides
what each line is (front matter, a heading of some kind, body text, chrome),
keeping the numbering consistent so a 一、 inside an appendix or a list never
restarts the chapters; ``_Assembler`` then hangs the lines on nodes by offset.

Every non-blank line ends up in exactly one place — front, a heading, a
paragraph, or ``dropped`` — which is what makes the tree lossless.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal, NamedTuple

from parsers.chrome import chrome_flags
from parsers.gcpause import paused_gc
from parsers.meta import extract_meta, find_title
from parsers.model import Document, LoadedText, Node, NodeKind, Span

_LEXICON = Path(__file__).parent / "lexicon"

# Financial numerals (壹、贰、) number some county reports' chapters.
_NUM = "一二三四五六七八九十百零〇两壹贰叁肆伍陆柒捌玖拾佰"
# 一、 一． 一. and, where a page lost the mark, 一 with a space (not 二 〇 二 五 spaced out).
_CHAPTER = re.compile(rf"([{_NUM}]{{1,4}})(?:\s*[、．.]\s*|\s+(?![\s{_NUM}]))")
_CHAPTER_WORD = re.compile(rf"第([{_NUM}]{{1,4}})(?:部分|章|篇)[\s、．.:：]*")
# 第一部分 / 第一篇 at a line start: a report in parts may number chapters 一、 afresh in each.
_PART_WORD = re.compile(rf"第[{_NUM}]{{1,4}}(?:部分|篇)")
_PART_LINE = re.compile(rf"^[\s【\[*]*{_PART_WORD.pattern}", re.MULTILINE)
# Section numbers in round brackets, or in the tortoise-shell ones some print: 〔一〕.
_SECTION_OPEN = "（(〔"
_SECTION = re.compile(rf"[{_SECTION_OPEN}]\s*([{_NUM}]{{1,4}})\s*[)）〕]\s*")
_ORDINAL_ITEM = re.compile(rf"([{_NUM}]{{1,3}})(?:是|要)")
_DI_ITEM = re.compile(rf"第([{_NUM}]{{1,3}})[，,、]\s*")
_DIGIT_ITEM = re.compile(
    r"([0-9０-９]{1,2})\s*[.．、](?![0-9０-９])\s*|[（(]\s*([0-9０-９]{1,2})\s*[)）]\s*|([①-⑳])\s*"
)
# A section run on after the previous paragraph's last sentence (江苏-style pages).
_RUN_ON_SECTION = re.compile(rf"(?<=[。！？!?])\s*(?={_SECTION.pattern})")
_HIGHLIGHT = re.compile(r"(?:[—―]+|[-－]{2,})\s*")
# Every character an item number or highlight dash can open a line with: a
# line opening otherwise is no numbered item, whichever pattern is asked.
_ITEM_OPENERS = frozenset(
    f"{_SECTION_OPEN}第{_NUM}0123456789０１２３４５６７８９—―-－"
    + "".join(map(chr, range(ord("①"), ord("⑳") + 1)))
)
_SENTENCE_END = re.compile(r"[。！？!?]")
_CLAUSE_END = re.compile(r"[。！？!?；;]")
_COMMA = re.compile(r"[，,]")
_CLAUSE_OR_COMMA = re.compile(r"[，,；;：:、]")
# A table of contents line (一、2025年工作回顾……3) names a chapter without heading it.
_CONTENTS_ENTRY = re.compile(r"(?:…|\.{3,}|·{3,}|-{3,})\s*[0-9０-９]+$")
# Where a chapter title run on into its body stops: a sentence end or a wide gap.
_WIDE_GAP = re.compile(r"\u3000|\s{2,}")
_CHAPTER_BREAK = re.compile(rf"[。！？!?]|{_WIDE_GAP.pattern}")
_HEADING_BAD_END = tuple("，,；;：:、")
_COLONS = ("：", ":")
_UNNUMBERED_PUNCT = re.compile(r"[，,。；;：:！!？?—―\-－]")
_LEAD_BAD = re.compile(r"[，,；;：:!！?？0-9０-９%％]")
_FINISHED = ("。", "！", "!", "？", "?", "：", ":")
# The loader turns control characters into U+FFFD (form feeds and vertical tabs
# into line breaks).
_REPLACED = "\ufffd"
_LINE_OPENING_JUNK = re.compile(rf"^[ \t\u3000]*({_REPLACED}+)", re.MULTILINE)
_GREETING = re.compile(r"各位代表\s*[：:，,]?$")
_ADDRESS = re.compile(r"各位代表\s*[！!]\s*")

_MAX_CHAPTER_TITLE = 60
_MAX_UNNUMBERED = 30
_MAX_SECTION_LEAD = 150
_MAX_ITEM_LEAD = 100
_MAX_LEAD_SENTENCE = 40
_MAX_APPENDIX_TITLE = 40
# Words before an appendix title word on its line: 本报告有关名词解释, 《政府工作报告》注释.
_MAX_APPENDIX_LEAD = 20
# The 各位代表： greeting closes the title block, which is never long.
_GREETING_WITHIN = 40
# Lines from one item of a numbered list in the body to the next: list items
# carry a paragraph or two, so a number further on is a heading again.
_LIST_GAP = 4
_MAX_LIST_LINE = 40
# A copy out of a PDF breaks every line at one width: most long lines share
# it (give or take a few half-width digits) and a heading may go on below.
_WRAP_MIN = 20
_WRAP_SLACK = 2
_WRAP_SHARE = 0.5
# Measured the way the copy was wrapped, a full line falls short of the width
# by less than the next character (a wide one after a half-width digit).
_FULL_SLACK = 1
# A heading the wrap cut goes on for a line or two, never for a paragraph: the
# longest real titles are under 50 characters.
_MAX_WRAPPED_TITLE = 50
# Lines a heading's paragraph is read over to tell a lead sentence from a title line.
_WRAP_RUN = 4
_LEVEL: dict[NodeKind, int] = {"part": 0, "appendix": 0, "chapter": 1, "section": 2, "item": 3}

Mode = Literal["numbered", "unnumbered", "flat"]
LeadStyle = Literal["inline", "stop", "bare"]


@cache
def _headings() -> dict[str, Any]:
    return tomllib.loads((_LEXICON / "headings.toml").read_text(encoding="utf-8"))


@cache
def _words(name: str) -> re.Pattern[str]:
    """Any word of one list in headings.toml, as one compiled search."""
    return re.compile("|".join(map(re.escape, _headings()[name])))


@cache
def _appendix_pattern() -> re.Pattern[str]:
    words = "|".join(map(re.escape, _headings()["appendix_words"]))
    titles = "|".join(map(re.escape, _headings()["appendix_titles"]))
    return re.compile(
        rf"(?:(?:{words})\s*([0-9０-９]{{1,2}}|[一二三四五六七八九十]{{1,3}})?\s*[:：]?\s*"
        rf"|附\s*[:：]\s*"
        rf"|(?=[^，,。；;！!？?]{{0,{_MAX_APPENDIX_LEAD}}}(?:{titles})\s*[:：]?$))"
    )


@cache
def cn_number(numeral: str) -> int | None:
    """Value of a numeral as headings write it: 三, 十四, 二十一, 一百, ４ or 12."""
    if numeral.isdecimal():
        return int(numeral)
    digits = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5}
    digits |= {"六": 6, "七": 7, "八": 8, "九": 9}
    digits |= {c: v for v, c in enumerate("壹贰叁肆伍陆柒捌玖", 1)}
    total, current = 0, 0
    for char in numeral:
        if char in digits:
            current = digits[char]
        elif char in "十百拾佰":
            total += (current or 1) * (10 if char in "十拾" else 100)
            current = 0
        else:
            return None
    return total + current


class _Line(NamedTuple):
    """A line's content with surrounding whitespace trimmed, by offset into the text.

    A named tuple because a big report has a million of them and tuples build fastest.
    """

    start: int
    end: int
    text: str


class _Wrap(NamedTuple):
    """The width a hard-wrapped text breaks its lines at (0 for text that flows).

    A copy wrapped by characters has lines of one length; one set in
    columns, as a PDF is, gives a half-width digit or bracket half a column,
    so a line with digits holds more characters. ``columns`` says which.
    """

    width: int = 0
    columns: bool = False

    def measure(self, content: str) -> float:
        if not self.columns:
            return len(content)
        return len(content) - len(content.encode("ascii", "ignore")) / 2

    def short(self, content: str) -> bool:
        """Whether a line stops before the width: the last line of its paragraph."""
        return self.measure(content) < self.width - _FULL_SLACK


_FLOWING = _Wrap()


@dataclass(slots=True)
class _Step:
    """What the planner decided one line is.

    For a heading, ``title_at`` is where the title starts inside the line (after
    the number), ``title_end`` where it stops when a wrapping mark (【】) closes
    it, and ``head_end`` where the heading stops; the rest of the line
    is the node's first paragraph (an inline lead sentence). ``under_chapter``
    hangs an item on the chapter even inside a section: a 各位代表！ address
    ends the section before it, so the closing lands in the chapter. A
    ``tail`` line carries the rest of a heading the text wrapped onto it, up
    to ``head_end``.
    """

    line: _Line
    role: Literal["front", "para", "node", "merged", "tail"]
    kind: NodeKind = "chapter"
    number: str | None = None
    title_at: int = 0
    head_end: int = 0
    title_end: int = -1
    synthetic: bool = False
    under_chapter: bool = False


def _split_lines(text: str, chrome: Sequence[Span]) -> list[_Line]:
    """Non-blank lines outside the loader's chrome spans; \\r, spaces and U+3000 trimmed."""
    lines: list[_Line] = []
    append = lines.append
    for gap_start, gap_end in _gaps(chrome, len(text)):
        cursor = gap_start
        for raw in text[gap_start:gap_end].split("\n"):
            content = raw.strip()
            if content:
                start = cursor + len(raw) - len(raw.lstrip())
                append(_Line(start, start + len(content), content))
            cursor += len(raw) + 1
    return lines


def _gaps(chrome: Sequence[Span], size: int) -> list[tuple[int, int]]:
    gaps: list[tuple[int, int]] = []
    cursor = 0
    for span in chrome:
        if span.start > cursor:
            gaps.append((cursor, span.start))
        cursor = max(cursor, span.end)
    if cursor < size:
        gaps.append((cursor, size))
    return gaps


def _merge_chrome(text: str, chrome: Sequence[Span]) -> list[Span]:
    """The loader's chrome spans clamped to the text, sorted and without overlaps.

    A span of bare whitespace carries nothing to keep, and keeping it would
    let it fall inside a heading that spans two lines (附件1 + its title).
    """
    merged: list[tuple[int, int]] = []
    for span in sorted(chrome, key=lambda s: (s.start, s.end)):
        start, end = max(0, span.start), min(len(text), span.end)
        if start >= end or text[start:end].isspace():
            continue
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return [Span(start, end, text[start:end]) for start, end in merged]


def _page_breaks(text: str) -> list[Span]:
    """Replaced control characters opening a line: a page mark other than a form feed.

    Left on the line they would hide the heading that opens the next page.
    """
    if _REPLACED not in text:
        return []
    return [_span(text, *found.span(1)) for found in _LINE_OPENING_JUNK.finditer(text)]


def _span(text: str, start: int, end: int) -> Span:
    return Span(start, end, text[start:end])


def _line_span(line: _Line) -> Span:
    """A whole line as a span, sharing the line's string instead of slicing it again."""
    return Span(line.start, line.end, line.text)


# ---------------------------------------------------------------- line tests


def _heading_end(content: str, start: int, limit: int, ends: re.Pattern[str]) -> int:
    """Where a heading that may run on into body text stops.

    At the first sentence end within ``limit``; a short line is all heading; a
    long line without a sentence end stops at its first comma.
    """
    found = ends.search(content, start, start + limit)
    if found:
        return found.end()
    if len(content) - start <= limit:
        return len(content)
    comma = _COMMA.search(content, start, start + limit)
    return comma.end() if comma else len(content)


@cache
def _wrappers() -> tuple[tuple[str, str], ...]:
    return tuple((opener, closer) for opener, closer in _headings()["heading_wrappers"])


@cache
def _wrapper_starts() -> frozenset[str]:
    return frozenset(opener[0] for opener, _ in _wrappers())


def _unwrap(content: str) -> tuple[int, str]:
    """Where a heading wrapped in 【】 or ** starts inside them, and the closing mark."""
    if content[0] in _wrapper_starts():
        for opener, closer in _wrappers():
            if content.startswith(opener) and len(content) > len(opener):
                inner = content[len(opener) :]
                return len(content) - len(inner.lstrip()), closer
    return 0, ""


def _unnumbered_step(line: _Line, kind: NodeKind) -> _Step:
    """A whole line as a heading without a number; its title inside any 【】 marks."""
    at, closer = _unwrap(line.text)
    wrapped = closer and line.text.endswith(closer) and len(line.text) > at + len(closer)
    title_end = len(line.text) - len(closer) if wrapped else -1
    return _Step(
        line, "node", kind, None, at if wrapped else 0, len(line.text), title_end=title_end
    )


def _numbered_step(line: _Line, kind: NodeKind, found: _Heading) -> _Step:
    """A line that opens with its number, as a chapter or a part heading."""
    end = len(line.text) if found.head_end < 0 else found.head_end
    return _Step(line, "node", kind, found.number, found.title_at, end, title_end=found.title_end)


class _Heading(NamedTuple):
    """A numbered heading at the start of a line.

    ``title_end`` is where a wrapping mark or the body run on after it stops
    the title, or -1; ``head_end`` where the heading stops when body text
    follows it on the line, or -1.
    """

    value: int
    number: str
    title_at: int
    title_end: int
    head_end: int = -1


def _chapter(content: str) -> _Heading | None:
    """The numbered chapter heading a line reads as, if it does."""
    at, closer = _unwrap(content)
    found = _CHAPTER_WORD.match(content, at) or _CHAPTER.match(content, at)
    if not found:
        return None
    value = cn_number(found.group(1))
    end = len(content)
    if closer:
        end = content.find(closer, found.end())
        if end < 0 or content[end + len(closer) :].strip():
            return None
    title = content[found.end() : end]
    if value is None:
        return None
    runs_on = (
        len(title) > _MAX_CHAPTER_TITLE
        or _SENTENCE_END.search(title, 0, max(0, len(title) - 1)) is not None
        or (title.endswith(_FINISHED) and _WIDE_GAP.search(title) is not None)
    )
    if runs_on:
        return None if closer else _run_on_chapter(content, value, found)
    # 一、2025年工作回顾： is a title a colon closes; 一、主要做法是， a numbered sentence.
    colon = title.endswith(_COLONS) and not _CLAUSE_OR_COMMA.search(title, 0, len(title) - 1)
    if (title.endswith(_HEADING_BAD_END) and not colon) or _CONTENTS_ENTRY.search(title):
        return None
    title_end = end - 1 if colon else end if closer else -1
    return _Heading(value, found.group(1), found.end(), title_end)


def _run_on_chapter(content: str, value: int, found: re.Match[str]) -> _Heading | None:
    """A chapter heading the page ran on into its first paragraph.

    Its title ends at a full stop or a wide gap, and is plain: no comma or
    clause (which a numbered sentence in a list has) and no second numeral
    (一、二季度… is a sentence, not chapter 一).
    """
    start = found.end()
    cut = _CHAPTER_BREAK.search(content, start, start + _MAX_CHAPTER_TITLE + 1)
    if cut is None or cut.start() - start < 2 or content[start] in _NUM:
        return None
    if _CLAUSE_OR_COMMA.search(content, start, cut.start()):
        return None
    title_end = cut.start() if content[cut.start()].isspace() else cut.end()
    return _Heading(value, found.group(1), start, title_end, title_end)


def _section(content: str, pos: int = 0) -> _Heading | None:
    """The section heading at ``pos``; only one opening the line can sit in 【】 marks."""
    at, closer = _unwrap(content) if pos == 0 else (pos, "")
    found = _SECTION.match(content, at)
    if not found:
        return None
    value = cn_number(found.group(1))
    if value is None:
        return None
    end = content.find(closer, found.end(), found.end() + _MAX_SECTION_LEAD) if closer else -1
    return _Heading(value, found.group(1), found.end(), end)


def _lead_sentence_end(content: str) -> int:
    """End of a short lead sentence (重大项目支撑加力。) opening the line, or -1."""
    stop = content.find("。", 0, _MAX_LEAD_SENTENCE + 1)
    if stop < 3:
        return -1
    lead = content[:stop]
    if _LEAD_BAD.search(lead) or lead.startswith("各位代表"):
        return -1
    if _words("lead_stopwords").search(lead):
        return -1
    return stop + 1


def _unnumbered_heading(content: str) -> bool:
    """A short standalone line that reads as a chapter heading whose number was dropped."""
    if not 2 <= len(content) <= _MAX_UNNUMBERED or not _words("chapter_keywords").search(content):
        return False
    if _UNNUMBERED_PUNCT.search(content) or "报告" in content:
        return False
    return not content.startswith("各位代表") and _section(content) is None


def _item(line: _Line, following: str = "") -> _Step | None:
    """An item heading at the start of a body line, if there is one.

    ``following`` is the next line's content: a lead sentence standing alone
    on its line only heads an item when a longer plain paragraph follows it.
    """
    content = line.text
    if content[0] in _ITEM_OPENERS:
        for pattern in (_SECTION, _ORDINAL_ITEM, _DI_ITEM, _DIGIT_ITEM, _CHAPTER):
            found = pattern.match(content)
            if found:
                number = next(group for group in found.groups() if group)
                end = _heading_end(content, found.end(), _MAX_ITEM_LEAD, _CLAUSE_END)
                return _Step(line, "node", "item", number, found.end(), end)
        found = _HIGHLIGHT.match(content)
        if found and found.end() < len(content):
            end = _heading_end(content, found.end(), _MAX_ITEM_LEAD, _SENTENCE_END)
            return _Step(line, "node", "item", None, found.end(), end)
    end = _lead_sentence_end(content)
    if end > 0 and (end < len(content) or _plain_paragraph(following, len(content))):
        return _Step(line, "node", "item", None, 0, end)
    return None


def _plain_paragraph(content: str, longer_than: int) -> bool:
    """A body paragraph longer than the lead above it, not itself a heading or lead."""
    if len(content) <= longer_than or _lead_sentence_end(content) == len(content):
        return False
    return not any(p.match(content) for p in (_CHAPTER, _SECTION, _ORDINAL_ITEM, _DIGIT_ITEM))


def _appendix(lines: Sequence[_Line], k: int) -> _Step | None:
    """An appendix heading (附件1, 附件2 名词解释, 附：…, 注释) standing on its own line."""
    content = lines[k].text
    found = _appendix_pattern().match(content)
    if not found:
        return None
    title = content[found.end() :]
    if len(title) > _MAX_APPENDIX_TITLE or _SENTENCE_END.search(title):
        return None
    return _Step(lines[k], "node", "appendix", found.group(1), found.end(), len(content))


def _appendix_subtitle(content: str) -> bool:
    """A short title line right under a bare 附件1 (e.g. 2026年省十件民生实事)."""
    return (
        0 < len(content) <= _MAX_APPENDIX_TITLE
        and not _CLAUSE_END.search(content)
        and not content.endswith(_HEADING_BAD_END)
        and _chapter(content) is None
        and _DIGIT_ITEM.match(content) is None
    )


# ---------------------------------------------------------------- planning


def _front_end(lines: Sequence[_Line]) -> int:
    """Where the body starts when no chapter heading exists at all.

    After the greeting (各位代表：) and the opening paragraph that follows it,
    which a hard wrap may have broken over a few lines before its 。 (never
    over a heading); without a greeting, after the leading short title-block
    lines.
    """
    for k, line in enumerate(lines[:_GREETING_WITHIN]):
        if _GREETING.match(line.text):
            opening = k + 1
            if opening < len(lines) and ("我代表" in lines[opening].text):
                end = min(opening + _WRAP_RUN, len(lines) - 1)
                while (
                    opening < end
                    and not lines[opening].text.endswith(_FINISHED)
                    and not _unnumbered_heading(lines[opening + 1].text)
                ):
                    opening += 1
                return opening + 1
            return opening
    for k, line in enumerate(lines):
        if len(line.text) > _MAX_CHAPTER_TITLE or _SENTENCE_END.search(line.text):
            return k
    return len(lines)


def _stands_alone(lines: Sequence[_Line], k: int) -> bool:
    """Whether line ``k`` is an unnumbered heading candidate after a finished sentence.

    A title line opens the text and a broken line continues an unfinished
    one, so only a line after 。/：/the greeting can head a chapter or part.
    """
    if k == 0 or k + 1 >= len(lines) or not _unnumbered_heading(lines[k].text):
        return False
    before = lines[k - 1].text
    return before.endswith(_FINISHED) or _GREETING.match(before) is not None


def _numbered_part(content: str) -> _Heading | None:
    """The 第一部分 / 第一篇 heading a line reads as, if it does."""
    found = _chapter(content)
    if found is None or _PART_WORD.match(content, _unwrap(content)[0]) is None:
        return None
    return found


def _chapter_number(content: str) -> bool:
    """Whether a line opens with a chapter number, 一、 or 第一章, whatever follows."""
    at = _unwrap(content)[0]
    return bool(_CHAPTER.match(content, at) or _CHAPTER_WORD.match(content, at))


def _has_numbered_parts(text: str, lines: Sequence[_Line]) -> bool:
    """Whether 第一部分-style parts hold chapters numbered 一、 or 第一章 of their own.

    Then each part restarts the chapter numbers, and a part heading is no
    chapter: its 一、 lines are. Without a 一、 under a part, the parts are
    the chapters, as in reports written 第一部分 … 第二部分 … only.
    """
    if _PART_LINE.search(text) is None:
        return False
    in_part = False
    for k, line in enumerate(lines):
        if _numbered_part(line.text) is not None:
            in_part = True
        elif in_part and _chapter_number(line.text):
            found = _chapter(line.text)
            below = _chapter(lines[k + 1].text) if k + 1 < len(lines) else None
            # 一、 straight above 二、 is a list, not the part's first chapter.
            if found is not None and found.value == 1 and (below is None or below.value != 2):
                return True
    return False


def _reads_as_part(lines: Sequence[_Line], k: int) -> bool:
    """An unnumbered heading straight above a chapter 一、 heads the chapters under it."""
    if not _stands_alone(lines, k):
        return False
    found = _chapter(lines[k + 1].text)
    return found is not None and found.value == 1


def _reads_as_unnumbered_chapter(lines: Sequence[_Line], k: int) -> bool:
    """A heading whose number a reprint dropped: body text longer than it follows."""
    if not _stands_alone(lines, k):
        return False
    content, after = lines[k].text, lines[k + 1].text
    return len(after) > len(content) and not _unnumbered_heading(after)


@dataclass(slots=True)
class _ListRun:
    """A numbered list (一、二、 or （一）（二）) running inside body text.

    Lists share the headings' numbering, so a list's 二、 would pass for the
    next chapter. A list shows itself by restarting at 一 once headings have
    begun; its following numbers are items while they keep the list's rhythm
    (no further from the last item than that one was from the item before it)
    and its shape (short title lines, or long paragraph lines, like the last).
    """

    number: int = 0
    line: int = 0
    gap: int = _LIST_GAP
    short: bool = True

    def takes(self, value: int, k: int, short: bool, headings_begun: bool) -> bool:
        """Whether line ``k`` numbered ``value`` belongs to the list; if so, note it.

        ``short``: whether the line is a title line rather than a paragraph's.
        """
        if value == 1 and headings_begun:
            self.number, self.line, self.gap, self.short = 1, k, _LIST_GAP, short
            return True
        if (
            self.number > 0
            and value == self.number + 1
            and k - self.line <= self.gap
            and short == self.short
        ):
            self.number, self.line, self.gap = value, k, k - self.line
            return True
        return False

    def close(self) -> None:
        self.number = 0


class _Planner:
    """Decide, line by line, what every non-chrome line of the report is."""

    def __init__(
        self,
        text: str,
        lines: Sequence[_Line],
        mode: Mode,
        wrap: _Wrap = _FLOWING,
        parts: bool = False,
        styles: dict[int, LeadStyle] | None = None,
    ) -> None:
        self.text = text
        self.parts = parts
        """Whether 第一部分 headings hold chapters of their own (see _has_numbered_parts)."""
        self.part_no = 0
        self.carried = 0
        """Chapters before the current part, for parts that number on instead of afresh."""
        self.wrap = wrap
        self.styles = styles or {}
        """How the section heading on each line ends, by its chapter's habit (_lead_styles)."""
        self.tails_ahead: dict[int, int] = {}
        """Lines below a wrapped heading that carry its rest, to where it stops on each."""
        self.lines = list(lines)
        self.mode = mode
        self.tails: list[_Line] = []
        self.chapter_list = _ListRun()
        self.section_list = _ListRun()
        self.steps: list[_Step] = []
        self.in_front = True
        self.in_appendix = False
        self.chapters = 0
        self.chapter_no = 0
        self.section_no = 0

    def plan(self) -> list[_Step]:
        flat_start = _front_end(self.lines) if self.mode == "flat" else -1
        k = 0
        while k < len(self.lines):
            if k == flat_start:
                self._open_flat(self.lines[k])
                flat_start = -1
            k = self._step(k)
        return self.steps

    def _open_flat(self, line: _Line) -> None:
        self.steps.append(_Step(line, "node", "chapter", synthetic=True))
        self.in_front = False
        self.chapters += 1

    def _step(self, k: int) -> int:
        """Plan line ``k``; return the index of the next line to plan."""
        line = self.lines[k]
        if k in self.tails_ahead:
            self.steps.append(_Step(line, "tail", head_end=self.tails_ahead.pop(k)))
            return k + 1
        if self.in_appendix or (self.chapters and _appendix(self.lines, k)):
            return self._appendix_step(k)
        heading = self._chapter_step(k)
        if heading is not None:
            self.steps.append(heading)
            if heading.head_end == len(line.text):
                self._wrapped_heading(k, heading.title_at, None)
            self.in_front = False
            self.chapters += 1
            self.section_no = 0
            self.chapter_list.close()
            self.section_list.close()
        elif self.in_front:
            self.steps.append(_Step(line, "front"))
        else:
            if not self.tails:
                self.tails = self._split_run_on(k)
            self.steps.append(self._body_step(k))
            if self.tails:
                self.lines[k] = self.tails.pop()
                return k
        return k + 1

    def _chapter_step(self, k: int) -> _Step | None:
        line = self.lines[k]
        if self.mode == "numbered":
            part = _numbered_part(line.text) if self.parts else None
            if part is not None and part.value == self.part_no + 1:
                self.part_no, self.carried, self.chapter_no = part.value, self.chapter_no, 0
                return _numbered_step(line, "part", part)
            listed = _CHAPTER.match(line.text)
            # 一、二季度… opens a sentence, not a list.
            numbered = listed and not line.text.startswith(tuple(_NUM), listed.end())
            value = cn_number(listed.group(1)) if listed and numbered else None
            if value is not None and self.chapter_list.takes(
                value, k, self._title_line(line), self.chapter_no > 0
            ):
                return None
            found = _chapter(line.text)
            if (
                found
                and found.value in self._next_chapter()
                and not self._list_follows(k + 1, found.value)
            ):
                self.chapter_no = found.value
                return _numbered_step(line, "chapter", found)
            if _reads_as_part(self.lines, k):
                self.chapter_no = 0
                return _unnumbered_step(line, "part")
        elif self.mode == "unnumbered" and _reads_as_unnumbered_chapter(self.lines, k):
            return _unnumbered_step(line, "chapter")
        return None

    def _title_line(self, line: _Line) -> bool:
        """A short line, as a list's items are; in wrapped text one that stops before the width."""
        if len(line.text) > _MAX_LIST_LINE:
            return False
        return not self.wrap.width or self.wrap.short(_indented(self.text, line))

    def _next_chapter(self) -> tuple[int, ...]:
        """The numbers the next chapter may have: a part's first goes on or starts afresh."""
        if self.chapter_no == 0 and self.carried:
            return (1, self.carried + 1)
        return (self.chapter_no + 1,)

    def _list_follows(self, k: int, value: int) -> bool:
        """Whether line ``k`` has the next 一、-style number: then the line before is a list item.

        A chapter heading is followed by body text or sections, never straight
        away by the next chapter number; a list (一、坚持… 二、坚持…) is.
        """
        if k >= len(self.lines):
            return False
        found = _CHAPTER.match(self.lines[k].text)
        return found is not None and cn_number(found.group(1)) == value + 1

    def _split_run_on(self, k: int) -> list[_Line]:
        """Cut line ``k`` wherever the next section runs on after a sentence end.

        Only the next numbers split: a （二） quoted mid-paragraph or a list's
        restarting （一） stays in its paragraph. Line ``k`` keeps the head; the
        pieces after it come back last first, each to be planned in turn in the
        same slot, so lookahead to line ``k + 1`` still sees the line after it.
        One scan of the line finds every cut, so a huge line costs no more.
        """
        line = self.lines[k]
        text = line.text
        own = _section(text)
        expected = self.section_no + (2 if own and own.value == self.section_no + 1 else 1)
        cuts: list[tuple[int, int]] = []
        for found in _RUN_ON_SECTION.finditer(text, 1):
            section = _section(text, found.end())
            if section is not None and section.value == expected:
                cuts.append((found.start(), found.end()))
                expected += 1
        if not cuts:
            return []
        self.lines[k] = _Line(line.start, line.start + cuts[0][0], text[: cuts[0][0]])
        ends = [start for start, _ in cuts[1:]] + [len(text)]
        pieces = [
            _Line(line.start + at, line.start + end, text[at:end])
            for (_, at), end in zip(cuts, ends, strict=True)
        ]
        return pieces[::-1]

    def _body_step(self, k: int) -> _Step:
        line = self.lines[k]
        address = _ADDRESS.match(line.text)
        if address:
            return _Step(line, "node", "item", None, 0, address.end(), under_chapter=True)
        section = _section(line.text)
        short = self._title_line(line)
        if section and self.section_list.takes(section.value, k, short, self.section_no > 0):
            section = None
        # A part holds chapters, so a section above its first chapter is no section.
        in_chapter = not self.parts or self.chapter_no > 0
        if section and in_chapter and section.value == self.section_no + 1:
            self.section_no = section.value
            if section.title_end >= 0:
                end = section.title_end + len(_unwrap(line.text)[1])
            else:
                end = _heading_end(line.text, section.title_at, _MAX_SECTION_LEAD, _SENTENCE_END)
                if end == len(line.text):
                    self._wrapped_heading(k, section.title_at, self.styles.get(k, "bare"))
            # A heading line of its own may close with a colon, which is no part of the title.
            colon = end == len(line.text) and line.text.endswith(_COLONS)
            return _Step(
                line,
                "node",
                "section",
                section.number,
                section.title_at,
                end,
                title_end=end - 1 if colon else section.title_end,
            )
        following = self.lines[k + 1].text if k + 1 < len(self.lines) else ""
        return _item(line, following) or _Step(line, "para")

    def _wrapped_heading(self, k: int, title_at: int, style: LeadStyle | None) -> None:
        """Mark the lines below line ``k`` that carry the rest of a heading the wrap cut off.

        Only in hard-wrapped text, for a heading line that fills the width
        without finishing its sentence. The heading goes on over full lines
        without a sentence end (titles run to three lines at 20 characters a
        line) and stops on the short line where its paragraph ends. Where a
        sentence end comes first, the habit of the chapter's sections
        (``style``, see _lead_styles) decides: a lead sentence ends there, a
        title closed with 。 only when that ends its paragraph too, and a bare
        title never has one, so the line is body under a title that filled the
        width by chance. A chapter (``style`` None) may end in a plain 。
        clause. Past ``_MAX_WRAPPED_TITLE`` it is body text either way.
        """
        line = self.lines[k]
        wrap = self.wrap
        if not wrap.width or line.text.endswith(_FINISHED):
            return
        if wrap.short(_indented(self.text, line)):
            return
        # Indented deeper than the line above the heading (where a paragraph
        # goes on), a line opens a paragraph of its own.
        margin = _margin(self.text, self.lines[k - 1]) if k else 0
        tails: dict[int, int] = {}
        for j in range(k + 1, min(k + 1 + _WRAP_RUN, len(self.lines))):
            below = self.lines[j]
            if _margin(self.text, below) > margin:
                return
            if _section(below.text) is not None or _chapter(below.text) is not None:
                return
            stop = _SENTENCE_END.search(below.text)
            short = wrap.short(below.text)
            if stop is None:
                if short and _CLAUSE_END.search(below.text):
                    return
                tails[j] = len(below.text)
                if short:
                    break
                continue
            closes = stop.end() == len(below.text)
            if style == "bare" or (style != "inline" and not closes):
                return
            plain = _CLAUSE_OR_COMMA.search(below.text, 0, stop.start()) is None
            if style is None and not (short and plain):
                return
            tails[j] = stop.end()
            break
        else:
            return
        if len(line.text) - title_at + sum(tails.values()) <= _MAX_WRAPPED_TITLE:
            self.tails_ahead.update(tails)

    def _appendix_step(self, k: int) -> int:
        self.in_appendix = True
        line = self.lines[k]
        heading = _appendix(self.lines, k)
        if heading is None:
            item = _item(line)
            keep = item is not None and item.number is not None
            self.steps.append(item if item is not None and keep else _Step(line, "para"))
            return k + 1
        self.steps.append(heading)
        if heading.title_at == len(line.text) and k + 1 < len(self.lines):
            below = self.lines[k + 1]
            marker = _appendix(self.lines, k + 1)
            between = self.text[line.end : below.start]
            subtitle = _appendix_subtitle(below.text) and not between.strip()
            if subtitle and (marker is None or marker.title_at == 0):
                self.steps.append(_Step(below, "merged"))
                return k + 2
        return k + 1


def _plan(text: str, lines: Sequence[_Line]) -> list[_Step]:
    """Plan with numbered chapters; failing that with unnumbered ones; else one flat chapter.

    Unnumbered headings are only trusted when there are two of them, or when
    the one there is opens the body right after the greeting's opening paragraph.
    """
    wrap = _wrap_width(lines)
    parts = _has_numbered_parts(text, lines)
    styles = _lead_styles(text, lines, wrap) if wrap.width else {}
    steps = _Planner(text, lines, "numbered", wrap, parts, styles).plan()
    if _count_chapters(steps) >= 1:
        return steps
    body_start = _front_end(lines)
    heads = [k for k in range(len(lines)) if _reads_as_unnumbered_chapter(lines, k)]
    if len(heads) >= 2 or heads == [body_start]:
        steps = _Planner(text, lines, "unnumbered", wrap, styles=styles).plan()
        chapters = [step for step in steps if step.role == "node" and step.kind == "chapter"]
        if len(chapters) >= 2 or (chapters and chapters[0].line is lines[body_start]):
            return steps
    return _Planner(text, lines, "flat", wrap, styles=styles).plan()


def _wrap_width(lines: Sequence[_Line]) -> _Wrap:
    """How a hard-wrapped text breaks its lines, by characters or by columns, if it does."""
    long = [line.text for line in lines if len(line.text) >= _WRAP_MIN]
    found, share = _FLOWING, _WRAP_SHARE * len(long)
    for columns in (False, True):
        measure = _Wrap(0, columns).measure
        counts = Counter(round(measure(content)) for content in long)
        if not counts:
            break
        width = counts.most_common(1)[0][0]
        near = sum(counts[n] for n in range(width - _WRAP_SLACK, width + _WRAP_SLACK + 1))
        if near >= share:
            found, share = _Wrap(width, columns), near + 1
        elif near < share / 2:
            # Text that flows has lines of every length, counted either way.
            break
    return found


def _indented(text: str, line: _Line) -> str:
    """A line with its indentation, which fills the width as characters do."""
    return text[text.rfind("\n", 0, line.start) + 1 : line.end]


def _in_list(lines: Sequence[_Line], k: int) -> bool:
    """A numbered line next to another: an item of a list in the body, not a heading."""
    return any(
        0 <= j < len(lines) and lines[j].text[0] in _SECTION_OPEN and _section(lines[j].text)
        for j in (k - 1, k + 1)
    )


def _margin(text: str, line: _Line) -> int:
    """The whitespace a line is indented by (a replaced page mark before it is none)."""
    shown = _indented(text, line)
    return len(shown) - len(shown.lstrip())


def _lead_styles(text: str, lines: Sequence[_Line], wrap: _Wrap) -> dict[int, LeadStyle]:
    """How the section headings of a wrapped text end, by line, read where the wrap leaves no doubt.

    ``inline``: a lead sentence whose paragraph goes on after its 。 on the
    same line; ``stop``: a heading line of its own closed with 。 or a colon;
    ``bare``: a heading line without either. Only headings the wrap leaves no doubt about
    vote: one on a short line, one with a 。 inside its first line, one
    going on to a short line without a 。. Where a full line has a 。, or a
    wrapped heading ends on a short line closed by one, the wrap hides
    whether the title filled the width by chance, which the habit tells. The
    habit is a chapter's (sections from one （一） to the next share it;
    chapters differ); a numbered list in the body has no say. Where no
    heading shows it, the wrap is trusted (``inline``): a title cut short is
    likelier than one filling the width.
    """
    groups: list[tuple[list[int], Counter[LeadStyle]]] = []
    for k, line in enumerate(lines):
        section = _section(line.text) if line.text[0] in _SECTION_OPEN else None
        if section is None:
            continue
        if section.value == 1 or not groups:
            groups.append(([], Counter()))
        groups[-1][0].append(k)
        if _in_list(lines, k):
            continue
        for below in lines[k : k + _WRAP_RUN]:
            stop = _SENTENCE_END.search(below.text)
            short = wrap.short(_indented(text, line) if below is line else below.text)
            if short or stop is not None:
                break
        else:
            continue
        if stop is None:
            groups[-1][1]["stop" if below.text.endswith(_COLONS) else "bare"] += 1
        elif stop.end() < len(below.text) and (short or below is line):
            groups[-1][1]["inline"] += 1
        elif stop.end() == len(below.text) and short and below is line:
            groups[-1][1]["stop"] += 1
    return {
        k: votes.most_common(1)[0][0] if votes else "inline"
        for heads, votes in groups
        for k in heads
    }


def _count_chapters(steps: Sequence[_Step]) -> int:
    return sum(1 for step in steps if step.role == "node" and step.kind in ("chapter", "part"))


# ---------------------------------------------------------------- assembly


class _Assembler:
    """Hang planned lines on nodes, keeping every node's end at its last span."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.front: list[Span] = []
        self.children: list[Node] = []
        self.appendices: list[Node] = []
        self.open: list[Node] = []
        self.flat: Node | None = None

    def add(self, step: _Step) -> None:
        line = step.line
        if step.role == "front":
            self.front.append(_line_span(line))
        elif step.role == "para":
            self._add_paragraph(_line_span(line))
        elif step.role == "merged":
            self._merge_heading(line)
        elif step.role == "tail":
            self._continue_heading(step)
        elif step.synthetic:
            self._open(
                Node(
                    "chapter",
                    None,
                    "",
                    "",
                    line.start,
                    line.start,
                    Span(line.start, line.start, ""),
                )
            )
            self.flat = self.open[-1]
        else:
            self._heading(step)

    def _heading(self, step: _Step) -> None:
        line, content = step.line, step.line.text
        head = content[: step.head_end].rstrip()
        title_end = step.head_end if step.title_end < 0 else step.title_end
        title = content[step.title_at : title_end].strip() or head
        start = line.start
        node = Node(
            step.kind,
            step.number,
            head,
            title,
            start,
            start + len(head),
            Span(start, start + len(head), head),
        )
        self._open(node, step.under_chapter)
        rest = content[step.head_end :]
        body = rest.lstrip()
        if body:
            body_start = line.start + step.head_end + (len(rest) - len(body))
            self._paragraph(body_start, line.end)

    def _continue_heading(self, step: _Step) -> None:
        """Carry a wrapped heading on over the start of the line below it.

        Across a page break (furniture dropped between the lines) the title
        goes on but the heading's span cannot take in the dropped lines: the
        words on the far side open the node's text instead.
        """
        node, line = self.open[-1], step.line
        part = line.text[: step.head_end]
        if self.text[node.heading_span.end : line.start].isspace():
            node.heading_span = _span(
                self.text, node.heading_span.start, line.start + step.head_end
            )
        else:
            self._paragraph(line.start, line.start + step.head_end)
        node.heading += part
        # A colon closing the heading is no part of its title, as on a heading line of its own.
        node.title += part[:-1] if part.endswith(_COLONS) else part
        self._extend(node.heading_span.end)
        rest = line.text[step.head_end :]
        body = rest.lstrip()
        if body:
            self._paragraph(line.end - len(body), line.end)

    def _merge_heading(self, line: _Line) -> None:
        """Extend a bare 附件1 heading over the title line below it."""
        node = self.open[-1]
        node.heading_span = _span(self.text, node.heading_span.start, line.end)
        node.heading = f"{node.heading} {line.text}"
        node.title = line.text
        self._extend(line.end)

    def _open(self, node: Node, under_chapter: bool = False) -> None:
        level = _LEVEL["section"] if under_chapter else _LEVEL[node.kind]
        if node.kind == "appendix":
            self.open = []
            self.appendices.append(node)
        else:
            while self.open and _LEVEL[self.open[-1].kind] >= level:
                self.open.pop()
            (self.open[-1].children if self.open else self.children).append(node)
        self.open.append(node)
        self._extend(node.end)

    def _paragraph(self, start: int, end: int) -> None:
        self._add_paragraph(_span(self.text, start, end))

    def _add_paragraph(self, span: Span) -> None:
        if not self.open:
            self.front.append(span)
            return
        self.open[-1].paragraphs.append(span)
        self._extend(span.end)

    def _extend(self, end: int) -> None:
        for node in self.open:
            if node.end < end:
                node.end = end


def build_document(loaded: LoadedText) -> Document:
    """The section tree of a loaded report; never fails on odd text, only degrades.

    A text with no recognisable chapters still becomes a Document: one flat
    chapter titled by the document title (or 全文) holding the body.
    """
    with paused_gc():
        return _build(loaded)


def _build(loaded: LoadedText) -> Document:
    text = loaded.text
    chrome = _merge_chrome(text, [*loaded.chrome, *_page_breaks(text)])
    lines = _split_lines(text, chrome)
    flags = chrome_flags([line.text for line in lines])
    dropped = chrome + [_line_span(line) for line, f in zip(lines, flags, strict=True) if f]
    kept = [line for line, flagged in zip(lines, flags, strict=True) if not flagged]
    assembler = _Assembler(text)
    for step in _plan(text, kept):
        assembler.add(step)
    front_lines = [span.text for span in assembler.front]
    title = find_title(front_lines, loaded.title_hint)
    if assembler.flat is not None:
        assembler.flat.title = title or "全文"
    return Document(
        text=text,
        source=loaded.source,
        encoding=loaded.encoding,
        title=title,
        meta=extract_meta(front_lines, title),
        front=assembler.front,
        children=assembler.children,
        appendices=assembler.appendices,
        dropped=sorted(dropped, key=lambda span: span.start),
    )
