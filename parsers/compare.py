"""Line up the figures of two reports of one region, a year apart.

An analyst holds last year's report beside this year's to ask two things:
were last year's targets met (国内生产总值增长5%左右 → 增长5%: met), and how
did the same indicator move (城镇新增就业1244万人 → 1256万人). Reports rename
indicators between years, so indicators are matched after clean-up words
(data in ``lexicon/compare.toml``) are taken out, by shared character pairs,
with words that flip the meaning (城镇/农村, 收入/支出) keeping apart what only
looks alike. Figures are paired only with figures of the same measure (a
growth rate with a growth rate, yuan with yuan), each at most once per kind
of pairing, best match first. Nothing is dropped: a figure left without a
partner becomes a row of its own (``new`` or ``not reported``).
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Literal

from parsers.model import Document, Figure

Verdict = Literal["met", "missed", "no target", "new", "not reported"]
Relation = Literal["outcome", "trend", "unmatched"]
VERDICTS: tuple[Verdict, ...] = ("met", "missed", "no target", "new", "not reported")

_LEXICON = Path(__file__).parent / "lexicon" / "compare.toml"
_NOT_WORD = re.compile(r"[^\w%]+")
_PERCENT_UNITS = frozenset({"%", "‰"})
_FLOOR_BOUNDS = frozenset({">", ">="})
_CEILING_BOUNDS = frozenset({"<", "<="})
_ABOUT_BOUNDS = frozenset({"~", "~<"})


@dataclass(frozen=True, slots=True)
class Row:
    """One line of a comparison: an old figure, a new one, or a pair of them.

    ``relation`` says what the pair means: ``outcome`` is last year's target
    against this year's reported figure, ``trend`` the same indicator in both
    reports (both reported, or both targets), ``unmatched`` a figure without
    a partner. ``difference`` is new minus old in ``difference_unit`` (the new
    figure's unit; percentage points for percentages), ``None`` when only one
    side exists.
    """

    indicator: str
    old: Figure | None
    new: Figure | None
    verdict: Verdict
    relation: Relation
    difference: Decimal | None = None
    difference_unit: str = ""
    similarity: float = 0.0


@dataclass(frozen=True, slots=True)
class Comparison:
    """The rows of two reports compared, with labels and anything the reader should know."""

    old_label: str
    new_label: str
    rows: tuple[Row, ...]
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class _Rules:
    stop_prefixes: tuple[str, ...]
    stop_suffixes: tuple[str, ...]
    ignored: re.Pattern[str]
    exclusive: tuple[tuple[str, ...], ...]
    ceiling: tuple[str, ...]
    about_tolerance: Decimal
    min_similarity: float
    min_length: int


@cache
def _rules() -> _Rules:
    data = tomllib.loads(_LEXICON.read_text(encoding="utf-8"))
    ignored = sorted(data["ignored_words"], key=len, reverse=True)
    return _Rules(
        stop_prefixes=tuple(sorted(data["stop_prefixes"], key=len, reverse=True)),
        stop_suffixes=tuple(sorted(data["stop_suffixes"], key=len, reverse=True)),
        ignored=re.compile("|".join(re.escape(word) for word in ignored)),
        exclusive=tuple(tuple(group) for group in data["exclusive"]),
        ceiling=tuple(data["ceiling"]),
        about_tolerance=Decimal(str(data["about_tolerance"])),
        min_similarity=float(data["min_similarity"]),
        min_length=int(data["min_length"]),
    )


# -- indicators ---------------------------------------------------------------------


def _plain(indicator: str) -> str:
    """Width-folded, without punctuation or spaces: the form exclusive words are looked for in."""
    return _NOT_WORD.sub("", unicodedata.normalize("NFKC", indicator))


@cache
def indicator_key(indicator: str) -> str:
    """The indicator without the words that change between years but not what is measured."""
    rules = _rules()
    text = rules.ignored.sub("", _plain(indicator))
    changed = True
    while changed:
        changed = False
        for prefix in rules.stop_prefixes:
            if text.startswith(prefix) and len(text) > len(prefix):
                text, changed = text[len(prefix) :], True
        for suffix in rules.stop_suffixes:
            if text.endswith(suffix) and len(text) > len(suffix):
                text, changed = text[: -len(suffix)], True
    return text


def _bigrams(text: str) -> frozenset[str]:
    return frozenset(text[i : i + 2] for i in range(len(text) - 1)) or frozenset({text})


def _exclusive_clash(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` name different members of one exclusive group (城镇 vs 农村)."""
    for group in _rules().exclusive:
        in_a = {word for word in group if word in a}
        in_b = {word for word in group if word in b}
        if in_a and in_b and in_a != in_b:
            return True
    return False


def similarity(a: str, b: str) -> float:
    """How surely indicators ``a`` and ``b`` measure the same thing, from 0 to 1.

    The same words score 1 and the same key (equal after clean-up) 0.95, so
    a figure worded exactly as the target wins over a renamed one; a key
    that ends the other (a narrower word in front) scores 0.9; otherwise the
    Dice share of character pairs, but only when both end in the same character, since the
    last word of a Chinese noun phrase is what it names (国内生产总值 is not
    单位国内生产总值能耗).
    """
    plain_a, plain_b = _plain(a), _plain(b)
    if _exclusive_clash(plain_a, plain_b):
        return 0.0
    key_a, key_b = indicator_key(a), indicator_key(b)
    if min(len(key_a), len(key_b)) < _rules().min_length:
        return 0.0
    if key_a == key_b:
        return 1.0 if plain_a == plain_b else 0.95
    if key_a[-1] != key_b[-1]:
        return 0.0
    short, long = sorted((key_a, key_b), key=len)
    if long.endswith(short) and 2 * len(short) >= len(long):
        return 0.9
    pairs_a, pairs_b = _bigrams(key_a), _bigrams(key_b)
    return 2 * len(pairs_a & pairs_b) / (len(pairs_a) + len(pairs_b))


# -- values -------------------------------------------------------------------------


def _measure(figure: Figure) -> tuple[str, bool, str]:
    """What must agree for two figures to be compared: kind, increment or not, base unit."""
    unit = figure.base_unit if figure.base_unit is not None else figure.unit
    return figure.kind, figure.change_kind == "yoy_abs", unit


def _signed(figure: Figure) -> Decimal:
    """The value in base units, negative for a fall (降低2.5% is -2.5)."""
    value = figure.base_value if figure.base_value is not None else figure.value
    return -value if figure.direction == "down" else value


def _in_base(figure: Figure, value: Decimal) -> Decimal:
    """``value`` (the figure's own or its upper bound) scaled like ``base_value``."""
    if figure.base_value is None or not figure.value:
        return value
    return value * figure.base_value / figure.value


def _difference(old: Figure, new: Figure) -> tuple[Decimal, str]:
    """New minus old in the new figure's unit; percentages differ in percentage points."""
    delta = _signed(new) - _signed(old)
    if new.base_value is not None and new.value:
        delta = delta / (new.base_value / new.value)
    unit = "个百分点" if new.unit in _PERCENT_UNITS else new.unit
    return _tidy(delta), unit


def _tidy(value: Decimal) -> Decimal:
    """Drop float noise of scaled values (8.9000000000001) and trailing zeros."""
    rounded = round(value, 6)
    return rounded.quantize(Decimal(1)) if rounded == rounded.to_integral() else rounded.normalize()


def _is_ceiling(target: Figure) -> bool:
    if target.bound in _CEILING_BOUNDS:
        return True
    if target.bound in _FLOOR_BOUNDS or target.direction == "down":
        return False
    plain = _plain(target.indicator)
    return any(word in plain for word in _rules().ceiling)


def judge(target: Figure, actual: Figure) -> Verdict:
    """``met`` or ``missed``: the reported figure against the target set a year before.

    Values are compared in base units. A fall target (能耗降低2.5%左右) is a
    floor on the size of the fall, so both sides are read as falls;
    indicators where less is better (居民消费价格, 失业率) have ceilings;
    左右 allows a small shortfall (``about_tolerance`` of the target).
    """
    low = _in_base(target, target.value)
    high = _in_base(target, target.value_hi) if target.value_hi is not None else low
    goal = _signed(actual)
    if target.direction == "down":
        goal = -goal
    slack = _rules().about_tolerance * abs(high) if target.bound in _ABOUT_BOUNDS else Decimal(0)
    if _is_ceiling(target):
        met = goal < high if target.bound == "<" else goal <= high + slack
    else:
        met = goal > low if target.bound == ">" else goal >= low - slack
    return "met" if met else "missed"


# -- pairing ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Pair:
    old: int
    new: int
    score: float


def _pairs(
    old: Sequence[Figure],
    new: Sequence[Figure],
    old_ok: Callable[[Figure], bool],
    new_ok: Callable[[Figure], bool],
    compatible: Callable[[Figure, Figure], bool],
) -> list[_Pair]:
    """One-to-one pairs between the eligible figures, best similarity first, then text order."""
    floor = _rules().min_similarity
    by_measure: dict[tuple[str, bool, str], list[int]] = {}
    for j, figure in enumerate(new):
        if new_ok(figure):
            by_measure.setdefault(_measure(figure), []).append(j)
    candidates = []
    for i, figure in enumerate(old):
        if not old_ok(figure):
            continue
        for j in by_measure.get(_measure(figure), []):
            if not compatible(figure, new[j]):
                continue
            score = similarity(figure.indicator, new[j].indicator)
            if score >= floor:
                candidates.append(_Pair(i, j, score))
    candidates.sort(key=lambda p: (-p.score, old[p.old].start, new[p.new].start))
    taken_old: set[int] = set()
    taken_new: set[int] = set()
    chosen = []
    for pair in candidates:
        if pair.old not in taken_old and pair.new not in taken_new:
            taken_old.add(pair.old)
            taken_new.add(pair.new)
            chosen.append(pair)
    return chosen


def _is_target(figure: Figure) -> bool:
    return figure.status == "target"


def _is_reported(figure: Figure) -> bool:
    return figure.status != "target"


def _same_period(target: Figure, actual: Figure) -> bool:
    """A target for 2024 is answered by a figure for 2024, or one that names no year."""
    return target.period is None or actual.period is None or target.period == actual.period


def _anything(_old: Figure, _new: Figure) -> bool:
    return True


def _row(old: Figure, new: Figure, verdict: Verdict, relation: Relation, score: float) -> Row:
    difference, unit = _difference(old, new)
    return Row(new.indicator or old.indicator, old, new, verdict, relation, difference, unit, score)


def compare_figures(old: Sequence[Figure], new: Sequence[Figure]) -> list[Row]:
    """Every figure of both reports in a row: outcomes, then trends, then the unmatched.

    ``old`` are the figures of the earlier report (its targets are for the
    year the later report looks back on), ``new`` those of the later one.
    """
    rows: list[Row] = []
    used_old: set[int] = set()
    used_new: set[int] = set()
    outcomes = _pairs(old, new, _is_target, _is_reported, _same_period)
    answer = {pair.old: pair for pair in outcomes}
    for i, figure in enumerate(old):
        if not _is_target(figure):
            continue
        used_old.add(i)
        pair = answer.get(i)
        if pair is None:
            rows.append(Row(figure.indicator, figure, None, "not reported", "outcome"))
        else:
            verdict = judge(figure, new[pair.new])
            rows.append(_row(figure, new[pair.new], verdict, "outcome", pair.score))
            used_new.add(pair.new)
    trends = [
        *_pairs(old, new, _is_reported, _is_reported, _anything),
        *_pairs(old, new, _is_target, _is_target, _anything),
    ]
    for pair in sorted(trends, key=lambda p: new[p.new].start):
        rows.append(_row(old[pair.old], new[pair.new], "no target", "trend", pair.score))
        used_old.add(pair.old)
        used_new.add(pair.new)
    rows.extend(
        Row(f.indicator, None, f, "new", "unmatched")
        for j, f in enumerate(new)
        if j not in used_new
    )
    rows.extend(
        Row(f.indicator, f, None, "not reported", "unmatched")
        for i, f in enumerate(old)
        if i not in used_old
    )
    return rows


# -- reports ------------------------------------------------------------------------


def report_label(document: Document) -> str:
    """A short name for a report in headings: region and year, else its file name."""
    meta = document.meta
    parts = [meta.region or "", f"{meta.year}" if meta.year else ""]
    label = " ".join(part for part in parts if part)
    return label or Path(document.source).name


def _same_place(a: str, b: str) -> bool:
    """海拉尔区 and 呼伦贝尔市海拉尔区 are one place, named with and without its city."""
    return a.endswith(b) or b.endswith(a)


def compare_reports(
    old: Document, old_figures: Iterable[Figure], new: Document, new_figures: Iterable[Figure]
) -> Comparison:
    """Compare two parsed reports; notes say when they are not consecutive years of one place."""
    notes = []
    old_meta, new_meta = old.meta, new.meta
    if old_meta.region and new_meta.region and not _same_place(old_meta.region, new_meta.region):
        notes.append(
            f"the reports are of different places ({old_meta.region}, {new_meta.region}): "
            "figures are lined up anyway"
        )
    if old_meta.year and new_meta.year:
        if old_meta.year >= new_meta.year:
            notes.append(
                f"the first report ({old_meta.year}) is not older than the second "
                f"({new_meta.year}): give the earlier report first"
            )
        elif new_meta.year - old_meta.year != 1:
            notes.append(
                f"the reports are {new_meta.year - old_meta.year} years apart: "
                "targets are judged against the later report anyway"
            )
    rows = compare_figures(list(old_figures), list(new_figures))
    return Comparison(report_label(old), report_label(new), tuple(rows), tuple(notes))
