"""The number grammar of work reports: every way a report writes a quantity.

Reports mix Arabic numbers (88.3, 1,200, full-width １．７), Chinese numerals
(两千三百万, 近千家, 三分之一, 百分之五), mixed forms (1.7万), ratios (3:1),
ranges (3–5个, 6%-6.5%) and vague tails (1100多万, 1.7万余人). One compiled
pattern finds them all in a single left-to-right pass; this module only
decides what a number *is* (value, unit, scale), while ``parsers.figures``
decides what it *measures*.

A quantity needs a unit: a bare number in running text is a label, a list
number or part of a name far more often than a figure. Chinese numerals are
held to stricter rules still, because 一, 两 and 千 hide in ordinary words
(一般, 两个确立, 千村示范).
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import NamedTuple

from parsers.figure_lexicon import alternation, lexicon

_D = "[0-9０-９]"
_ARABIC = rf"{_D}{{1,3}}(?:,{_D}{{3}})+(?!{_D})(?:[.．]{_D}+)?|{_D}+(?:[.．]{_D}+)?"
_CN_DIGITS = {
    "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3,
    "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}  # fmt: skip
_CN_SMALL = {"十": 10, "百": 100, "千": 1000}
_CN_CHARS = "".join(_CN_DIGITS)
_CN = f"[{_CN_CHARS}十百千][{_CN_CHARS}十百千万亿]*"
# Arabic digits with Chinese places, as older reports write them (5千多户,
# 1万6千多户, 2万5千公里, 1亿3千多万); 千 before 米/瓦/克/伏 opens a unit
# instead (3千米). After 亿 the thousands are of 万, which must follow.
_MIXED = (
    rf"(?:{_D}{{1,4}}万)?[1-9１-９]千(?:[1-9１-９]百)?(?![0-9０-９米瓦克伏])"
    rf"|{_D}{{1,4}}亿[1-9１-９]千(?:[1-9１-９]百)?(?=[多余]?万)"
)
_MIXED_PARTS = re.compile(r"(?:([0-9]+)([万亿]))?([0-9])千(?:([0-9])百)?")
_NUM = f"(?:{_MIXED}|{_ARABIC}|{_CN})"
_SCALES = {"万亿": Decimal(10**12), "亿": Decimal(10**8), "万": Decimal(10**4)}
_PERCENT = "%|％|‰"
_FRACTION_PLACES = Decimal("0.0001")

# A small Chinese numeral (below ten, no scale) is a figure only with a unit
# that names an amount, never with a measure word: 一亿元 and 三连冠 are
# figures, 两个确立 and 四个融合 are names.
_SMALL_CN_KINDS = frozenset({"level", "percent", "permille", "point", "times", "tenths", "streak"})
# A bare 十/百/千 is a number only after a word that approximates it (近千家).
_BARE_CN_LEADS = ("近", "上", "约", "超", "逾", "超过", "接近", "将近", "突破")
_STREAK_LEADS = ("连续", "连续第")
_RANK_UNITS = frozenset({"名", "位"})
# What may stand between the members of a list of numbers sharing one unit.
_LIST_GAPS = frozenset({"、", "和", "与", "及", "或"})
# A number touching Latin letters is part of a code or a name (5G, COVID-19).
_LATIN = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz+＋") | frozenset(
    chr(c) for r in ((0xFF21, 0xFF3A), (0xFF41, 0xFF5A)) for c in range(r[0], r[1] + 1)
)


class Quantity(NamedTuple):
    """A number with its unit, by offset into the text it was found in.

    A named tuple because a long report holds a hundred thousand of them and
    tuples build fastest.

    ``kind`` is the unit's kind from the lexicon (level, count, measure,
    percent, point, times, tenths, streak), or ``rank``, ``fraction``,
    ``ratio`` or ``scale`` (a bare 万/亿: 1100多万学生).
    """

    start: int
    end: int
    value: Decimal
    unit: str
    kind: str
    value_hi: Decimal | None = None
    base_value: Decimal | None = None
    base_unit: str | None = None
    approx: str | None = None
    ratio_to: Decimal | None = None
    chinese: bool = False


def cn_to_int(numeral: str) -> int | None:
    """The value of a Chinese numeral (两千三百万, 三亿五千万, 十二), None if malformed.

    Malformed includes runs of digits (十四五, 二〇二四): those are names and
    years, never amounts.
    """
    total = wan = section = 0
    pending: int | None = None
    last_small = 10**5
    for ch in numeral:
        if ch in _CN_DIGITS:
            if pending:
                return None
            pending = _CN_DIGITS[ch]
        elif ch in _CN_SMALL:
            unit = _CN_SMALL[ch]
            if pending == 0 or unit >= last_small:
                return None
            section += (1 if pending is None else pending) * unit
            pending, last_small = None, unit
        elif ch == "万":
            section += pending or 0
            if section == 0 or wan:
                return None
            wan, section, pending, last_small = section * 10**4, 0, None, 10**5
        elif ch == "亿":
            group = wan + section + (pending or 0)
            if group == 0:
                return None
            total = (total + group) * 10**8
            wan = section = 0
            pending, last_small = None, 10**5
        else:
            return None
    value = total + wan + section + (pending or 0)
    return value or None


def parse_number(written: str) -> Decimal | None:
    """The exact value of one Arabic or Chinese number as written, None if it is not one."""
    # NFKC folds full-width digits (１．７); ASCII, the common case, needs none.
    text = written if written.isascii() else unicodedata.normalize("NFKC", written)
    if "," in text:
        text = text.replace(",", "")
    if not text:
        return None
    if text[0].isdigit():
        if "千" in text and (mixed := _MIXED_PARTS.fullmatch(text)) is not None:
            high, _, thousands, hundreds = mixed.groups()
            return Decimal(
                int(high or 0) * 10**4 + int(thousands) * 1000 + int(hundreds or 0) * 100
            )
        try:
            return Decimal(text)
        except InvalidOperation:
            return None
    value = cn_to_int(text)
    return None if value is None else Decimal(value)


@cache
def _pattern() -> re.Pattern[str]:
    units = alternation(lexicon().units)
    unit = rf"(?:{units})(?:/(?:百|千|万|亿|百亿|千亿|万亿)?(?:{units}|日|月))?"
    scale = alternation(_SCALES)
    return re.compile(
        rf"""
        (?=[-−－0-9０-９{_CN_CHARS}十百千])  # only where a number can start: fast on long texts
        (?:
          # A fraction's denominator runs up to 分之: look before parsing it twice.
          (?=[0-9０-９,.．{_CN_CHARS}十百千万亿]*分之)(?P<frac>(?P<den>{_NUM})分之(?P<numr>{_NUM}))
        | (?P<half>一半)
        | (?P<ra>{_D}{{1,3}})[:：](?P<rb>{_D}{{1,3}})(?![0-9０-９:：])
        | (?P<minus>(?<![0-9０-９A-Za-z])[-−－](?=[0-9０-９]))?
          (?P<num>{_NUM})(?P<big>(?<=[万亿]))?
          (?P<x1>[多余])?(?P<sc>{scale})?(?P<x2>[多余])?(?P<sc3>(?<=万[多余])亿)?
          (?:(?P<u1>{_PERCENT})?[ ]?(?P<sep>[-–—~～至到])[ ]?(?P<num2>{_NUM})(?P<sc2>{scale})?)?
          [ ]?(?P<unit>{unit})?
        )
        # ``ok`` is left unset on a bare number, with neither unit nor scale: a
        # label, a list number or part of a name. It is still consumed, so the
        # scan never restarts inside it, but costs no further reading.
        (?:(?(unit)|(?(u1)|(?(sc)|(?(sc2)|(?(big)|(?(num)(?!)))))))(?P<ok>))?
        """,
        re.VERBOSE,
    )


def scan_quantities(text: str) -> Iterator[Quantity]:
    """Every quantity in ``text``, left to right, offsets into ``text``."""
    held: list[Quantity] = []  # bare 万/亿 that a later unit may still reach
    for match in _pattern().finditer(text):
        if match.lastgroup != "ok":
            continue
        quantity = _read(text, match)
        if quantity is None:
            continue
        if held:
            if quantity.kind == "scale" and _listed(text, held[-1], quantity):
                held.append(quantity)
                continue
            yield from _share_unit(text, held, quantity)
            held = []
        if quantity.kind == "scale":
            held = [quantity]
        else:
            yield quantity
    yield from held


def _listed(text: str, first: Quantity, second: Quantity) -> bool:
    return text[first.end : second.start] in _LIST_GAPS


def _share_unit(text: str, held: list[Quantity], following: Quantity) -> list[Quantity]:
    """Bare 万/亿 listed before a number with a unit take that unit (1409万、1305万人次)."""
    if (
        following.kind == "scale"
        or following.base_unit is None
        or not _listed(text, held[-1], following)
    ):
        return held
    shared = []
    for bare in held:
        if following.unit == bare.unit + following.base_unit:
            bare = bare._replace(
                unit=following.unit, kind=following.kind, base_unit=following.base_unit
            )
        shared.append(bare)
    return shared


def _read(text: str, m: re.Match[str]) -> Quantity | None:
    start, end = m.span()
    while end > start and text[end - 1] == " ":
        end -= 1
    if (start and text[start - 1] in _LATIN) or text[end : end + 1] in _LATIN:
        return None
    if m["num"] is not None:
        return _plain(text, start, end, m)
    if m["frac"] is not None:
        return _fraction(start, end, m["den"], m["numr"])
    if m["half"] is not None:
        return Quantity(start, end, Decimal("0.5"), "fraction", "fraction", chinese=True)
    left, right = parse_number(m["ra"]), parse_number(m["rb"])
    if not left or not right:
        return None
    return Quantity(start, end, left, "ratio", "ratio", ratio_to=right)


def _fraction(start: int, end: int, den_text: str, numr_text: str) -> Quantity | None:
    den, numr = parse_number(den_text), parse_number(numr_text)
    if not den or not numr:
        return None
    chinese = not den_text[0].isdigit()
    if den == 100:
        return Quantity(start, end, numr, "%", "percent", chinese=chinese)
    if den == 1000:
        return Quantity(start, end, numr, "‰", "permille", chinese=chinese)
    value = (numr / den).quantize(_FRACTION_PLACES)
    return Quantity(start, end, value, "fraction", "fraction", chinese=chinese)


def _split_scale(written: str) -> tuple[Decimal | None, str]:
    """Value and trailing scale of a number: 两千三百万 → (2300, 万); 1.7 → (1.7, '')."""
    chinese = not written[0].isdigit()
    full = parse_number(written)
    if full is None or not chinese:
        return full, ""
    for scale, factor in _SCALES.items():
        if written.endswith(scale) and len(written) > len(scale):
            return full / factor, scale
    return full, ""


def _plain(text: str, start: int, end: int, m: re.Match[str]) -> Quantity | None:
    num, minus, sc, sc3, sc2, u1, unit, num2 = m.group(
        "num", "minus", "sc", "sc3", "sc2", "u1", "unit", "num2"
    )
    lex = lexicon()
    base = unit or u1 or ""
    if unit and base[-1] + text[end : end + 1] in lex.unit_words:
        base, end = u1 or "", m.start("unit")  # 上千万家庭: 家 opens 家庭
        while end > start and text[end - 1] == " ":
            end -= 1
    before = text[max(0, start - 3) : start]
    if base == "年" and not before.endswith(_STREAK_LEADS):
        return None  # a year or years, not a streak: the cheapest refusal, so first
    unit_kind = lex.units.get(base.split("/")[0])
    if num in _CN_DIGITS and not (sc or sc2 or sc3) and unit_kind not in _SMALL_CN_KINDS:
        return None  # 一个, 两项: what _chinese_ok refuses, decided before any parsing
    chinese = not num[0].isdigit()
    value, scale = _split_scale(num)
    if value is None:
        return None
    if minus:
        value = -value  # 林业增长-3.2%
    scale = scale + (sc or "") + (sc3 or "") or sc2 or ""
    if scale and scale not in _SCALES:
        return None
    value_hi = None
    if num2 is not None:
        value_hi, _ = _split_scale(num2)
        if value_hi is None or value_hi <= value:
            return None
    kind = unit_kind or ("scale" if scale else "")
    if not kind:
        return None
    if before.endswith("第"):
        if base not in _RANK_UNITS or scale:
            return None
        start, kind = start - 1, "rank"
    if chinese and not _chinese_ok(num, scale, value, kind, before):
        return None
    factor = _SCALES.get(scale)
    return Quantity(
        start,
        end,
        value,
        sys.intern(scale + base),  # a handful of units shared by every figure
        kind,
        value_hi=value_hi,
        base_value=value * factor if factor else None,
        base_unit=base if factor else None,
        approx=m["x1"] or m["x2"],
        chinese=chinese,
    )


def _chinese_ok(num: str, scale: str, value: Decimal, kind: str, before: str) -> bool:
    numeral = num[: len(num) - len(scale)] if scale and num.endswith(scale) else num
    if numeral in _CN_SMALL:
        return before.endswith(_BARE_CN_LEADS)
    return bool(scale) or value >= 10 or kind in _SMALL_CN_KINDS
