"""CJK line breaking: widths by cells, kinsoku punctuation, numbers kept whole."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from rich.cells import cell_len

from tui.wrap import CLOSING, OPENING, SPACES, wrap_offsets

NUMBER_WITH_UNIT = re.compile(r"\d+(?:\.\d+)?(?:%|亿元|万元|万平方米|平方公里|个百分点|年)")
ASCII_WORD = re.compile(r"[A-Za-z]+")
HANGING = "".join(SPACES) + "\n"


def lines_of(text: str, width: int, indent: int = 0) -> list[str]:
    return [text[start:end] for start, end in wrap_offsets(text, width, indent)]


def check_layout(text: str, width: int, indent: int) -> list[tuple[int, int]]:
    """The invariants every layout must keep, whatever the text."""
    offsets = wrap_offsets(text, width, indent)
    assert offsets[0][0] == 0 and offsets[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(offsets))
    for i, (start, end) in enumerate(offsets):
        line = text[start:end]
        room = width - indent if i == 0 else width
        assert i == 0 or line, "only the first line may be empty"
        if len(line.rstrip(HANGING)) > 1:
            assert cell_len(line.rstrip(HANGING)) <= room, (i, line)
        if start and text[start - 1] != "\n":
            assert line[0] not in SPACES, (i, line)
    return offsets


def boundaries(offsets: list[tuple[int, int]]) -> set[int]:
    return {start for start, _ in offsets[1:]}


def test_closing_punctuation_pulls_the_previous_character_down() -> None:
    # 10 cells hold five characters; the sixth is ，, so 济 comes down with it.
    assert lines_of("发展经济社会济，向前", 10) == ["发展经济社", "会济，向前"]
    assert lines_of("发展经济社会。”下一句", 12) == ["发展经济社", "会。”下一句"]


def test_opening_punctuation_never_ends_a_line() -> None:
    assert lines_of("一二三四（五）六", 10) == ["一二三四", "（五）六"]
    assert lines_of("一二三四《规划》", 10) == ["一二三四", "《规划》"]


@pytest.mark.parametrize("figure", ["10.1%", "1200亿元", "3.5万平方米", "2024年", "１９９８年"])
def test_a_number_and_its_unit_move_down_together(figure: str) -> None:
    text = "同比增长" + figure + "。"
    lines = lines_of(text, cell_len(figure) + 3)
    assert lines[0] == "同比增长"
    assert lines[1].startswith(figure)


def test_ascii_words_are_not_split_and_spaces_hang() -> None:
    assert lines_of("hello world again", 8) == ["hello ", "world ", "again"]
    assert lines_of("推进 AI 应用", 6) == ["推进 ", "AI 应", "用"]


def test_a_run_wider_than_the_line_is_folded_by_cells() -> None:
    url = "https://example.gov.cn/zwgk/report2025.html"
    lines = lines_of(url, 10)
    assert "".join(lines) == url
    assert all(8 <= cell_len(line) <= 10 for line in lines[:-1])
    assert not any(line[0] in CLOSING for line in lines[1:])


def test_folding_avoids_forbidden_starts_when_it_can() -> None:
    lines = lines_of("abcdefgh,ijklmnop", 8)
    assert not any(line[0] in CLOSING for line in lines[1:])


def test_first_indent_shortens_only_the_first_line() -> None:
    text = "全年地区生产总值增长百分之五"
    assert [cell_len(line) for line in lines_of(text, 12, indent=4)] == [8, 12, 8]


def test_indent_too_wide_for_the_first_word_leaves_the_first_line_empty() -> None:
    assert lines_of("1200亿元", 8, indent=6) == ["", "1200亿元"]


def test_paragraph_indent_is_shown_not_hung() -> None:
    assert lines_of("\u3000\u3000一二三四", 8) == ["\u3000\u3000一二", "三四"]


def test_newlines_end_lines_and_keep_the_next_indent() -> None:
    assert lines_of("一二\n  三四\n\n五", 20) == ["一二\n", "  三四\n", "\n", "五"]


def test_empty_and_tiny_inputs() -> None:
    assert wrap_offsets("", 10) == [(0, 0)]
    assert lines_of("中文", 1) == ["中", "文"]
    assert lines_of("中文", 0) == ["中", "文"]


def test_rich_cell_widths_are_used() -> None:
    # “ ” are one cell each, ，and 中 two: 1 + 2 + 2 + 1 + 2 = 8.
    assert lines_of("“中，”中文字", 8) == ["“中，”中", "文字"]


def test_long_single_line_wraps() -> None:
    text = "推进高质量发展，增长5.5%。" * 20_000
    offsets = wrap_offsets(text, 80)
    assert offsets[-1][1] == len(text)
    assert len(offsets) >= cell_len(text) // 80


PLAIN = "发展经济增长全年地区生产总值推进城市更新乡村振兴"
ALPHABET = (
    PLAIN
    + "，。、；：？！）」》”’…（「《“‘,.;:!?()"
    + "0123456789.%亿元万年"
    + "abcXY"
    + " \u3000\n—"
)
FORBIDDEN_RUN = re.compile("[" + re.escape("".join(CLOSING | OPENING | SPACES)) + "]{3,}")


@given(
    text=st.text(alphabet=ALPHABET, max_size=300),
    width=st.integers(1, 60),
    indent=st.integers(0, 10),
)
def test_any_text_keeps_the_layout_invariants(text: str, width: int, indent: int) -> None:
    check_layout(text, width, indent)


@given(
    text=st.text(alphabet=ALPHABET, max_size=300),
    width=st.integers(12, 60),
    indent=st.integers(0, 6),
)
def test_punctuation_and_numbers_are_placed_by_the_rules(
    text: str, width: int, indent: int
) -> None:
    assume(not FORBIDDEN_RUN.search(text))
    offsets = check_layout(text, width, indent)
    cut = boundaries(offsets)
    for start, end in offsets[1:]:
        if start and text[start - 1] != "\n":
            assert text[start] not in CLOSING, (text[start:end], offsets)
    for start, end in offsets[:-1]:
        shown = text[start:end].rstrip(HANGING)
        assert not shown or shown[-1] not in OPENING or text[end - 1] == "\n"
    for match in (*NUMBER_WITH_UNIT.finditer(text), *ASCII_WORD.finditer(text)):
        if cell_len(match.group()) + 2 <= width - indent:
            assert not any(match.start() < c < match.end() for c in cut), match.group()


@pytest.mark.parametrize("width", [24, 41, 80])
def test_real_reports_wrap_by_the_rules(corpus_dir: Path, width: int) -> None:
    for name in ("national_2024.txt", "shijingshan_2025.txt", "beijing_2026.txt"):
        text = (corpus_dir / name).read_text(encoding="utf-8")
        for paragraph in text.splitlines():
            offsets = check_layout(paragraph, width, 4)
            for start, _ in offsets[1:]:
                assert paragraph[start] not in CLOSING, paragraph[start - 5 : start + 5]
            cut = boundaries(offsets)
            for match in NUMBER_WITH_UNIT.finditer(paragraph):
                assert not any(match.start() < c < match.end() for c in cut), match.group()
