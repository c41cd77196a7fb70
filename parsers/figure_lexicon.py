"""The word lists of the figure extractor, read once from ``parsers/lexicon``.

Reports differ in wording far more than in grammar, so every word the
extractor reacts to lives in a data file: a new report style usually needs a
line there, not code. Everything here is loaded lazily and cached, and the
regular expressions built from the lists are compiled once.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

_LEXICON = Path(__file__).parent / "lexicon"


def _toml(name: str) -> dict[str, Any]:
    return tomllib.loads((_LEXICON / name).read_text(encoding="utf-8"))


def _lines(name: str) -> list[str]:
    """Non-blank, non-comment lines of a text list."""
    text = (_LEXICON / name).read_text(encoding="utf-8")
    return [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


def alternation(words: Iterable[str]) -> str:
    """A regex alternative of ``words``, longest first so the longest word wins."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


# A pattern's first character when it is a plain literal, after any lookbehinds.
_FIRST_LITERAL = re.compile(r"(?:\(\?<[!=][^()]*\))*([^\\\[\](){}.*+?^$|])(?![?*{])")
# Escapes, character classes and groups: what hides a ``|`` from the top level.
_NESTED = re.compile(r"\\.|\[\^?\]?(?:\\.|[^\]\\])*\]|\((?:\\.|\[(?:\\.|[^\]\\])*\]|[^()])*\)")


def _first_char(pattern: str) -> str | None:
    """The character every match of ``pattern`` starts with, when it is plainly written."""
    found = _FIRST_LITERAL.match(pattern)
    flat = pattern
    while (shorter := _NESTED.sub("", flat)) != flat:
        flat = shorter  # innermost groups first, until only the top level is left
    if found is None or "|" in flat or "(" in flat:
        return None
    return found.group(1)


def any_of(patterns: Iterable[str]) -> re.Pattern[str]:
    """One search for any of ``patterns``, tried only where one of them can start.

    Without the lookahead, a search runs every alternative at every character;
    with it, characters no pattern starts with are skipped at C speed. When a
    pattern's first character is not a plain literal, the search is left unguarded.
    """
    patterns = list(patterns)
    body = "|".join(f"(?:{p})" for p in patterns)
    firsts = [_first_char(p) for p in patterns]
    if None in firsts:
        return re.compile(body)
    chars = re.escape("".join(sorted({c for c in firsts if c})))
    return re.compile(f"(?=[{chars}])(?:{body})")


@dataclass(frozen=True, slots=True)
class ChangeVerb:
    """A change verb: which way it moves and whether it names the new level."""

    word: str
    direction: str
    to: bool


@dataclass(frozen=True, slots=True)
class FigureLexicon:
    """Every list the extractor uses, in the shape the code wants it."""

    units: dict[str, str]
    unit_words: frozenset[str]
    bound_before: dict[str, str]
    bound_after: dict[str, str]
    bound_after_at: re.Pattern[str]
    """The ``bound_after`` words, longest first: ``match`` at a number's end finds its bound."""
    bound_inside: dict[str, str]
    chain: frozenset[str]
    silent: frozenset[str]
    anywhere: tuple[str, ...]
    object_tail: tuple[str, ...]
    distribute: frozenset[str]
    time_before: re.Pattern[str]
    changes: dict[str, ChangeVerb]
    change_base: re.Pattern[str]
    growth_suffixes: tuple[str, ...]
    growth_names: dict[str, str]
    """Subjects too bare to name their growth (经济增长5.5% → 经济增长, not 经济)."""
    estimate_cues: re.Pattern[str]
    target_cues: re.Pattern[str]
    target_nouns: tuple[str, ...]
    plan_chapters: tuple[str, ...]
    review_chapters: tuple[str, ...]
    this_year: tuple[str, ...]
    whole_year: tuple[str, ...]
    last_year: tuple[str, ...]
    leading: re.Pattern[str]
    trailing: re.Pattern[str]
    modifier_units: frozenset[str]
    periods: re.Pattern[str]
    object_verbs: frozenset[str]
    object_verb_ends: frozenset[str]
    object_stops: re.Pattern[str]
    object_suffixes: tuple[str, ...]
    threshold_nouns: tuple[str, ...]
    evaluative_nouns: tuple[str, ...]
    metric_endings: tuple[str, ...]
    head_nouns: tuple[str, ...]
    measure_nouns: tuple[str, ...]
    share_cues: tuple[str, ...]
    wholes: tuple[str, ...]
    flow_prefixes: tuple[str, ...]
    example_markers: tuple[str, ...]
    beneficiary_verbs: frozenset[str]
    count_nouns: dict[str, str]
    topic_before: re.Pattern[str]
    plan_topic: re.Pattern[str]
    list_joiners: re.Pattern[str]
    pairs: dict[str, tuple[str, str]]
    rank_pattern: re.Pattern[str]
    rank_frame: tuple[str, ...]
    list_preposition: re.Pattern[str]
    nonfigures: re.Pattern[str]
    peel: dict[str, str]
    """Word → role (keep, bound, change, chain, silent) for reading backwards from a number."""
    peel_longest: int
    peel_ends: frozenset[str]
    """Last characters of the ``peel`` words: text ending otherwise has nothing to peel."""
    opens_reading: re.Pattern[str]
    """Bound, change, qualifier and linking words at the start of a text: no object begins so."""


def _nonfigures() -> re.Pattern[str]:
    data = _toml("nonfigures.toml")
    patterns = "|".join(f"(?:{p})" for p in data["patterns"])
    return re.compile(f"(?={data['first_chars']})(?:{patterns})")


@cache
def lexicon() -> FigureLexicon:
    """The figure lexicon, loaded and compiled on first use."""
    units: dict[str, str] = {}
    for line in _lines("units.txt"):
        unit, kind = line.split("\t")
        units[unit.strip()] = kind.strip()
    quals = _toml("qualifiers.toml")
    changes_data = _toml("changes.toml")
    changes: dict[str, ChangeVerb] = {}
    for direction in ("up", "down"):
        for word in changes_data[direction]["words"]:
            changes[word] = ChangeVerb(word, direction, to=False)
        for word in changes_data[direction]["to"]:
            changes[word] = ChangeVerb(word, direction, to=True)
    status = _toml("status.toml")
    ind = _toml("indicators.toml")
    words = quals["words"]
    peel = {w: "keep" for w in words["keep"]}
    peel |= {w: "silent" for w in words["silent"]}
    peel |= {w: "chain" for w in words["chain"]}
    peel |= {w: "change" for w in changes}
    peel |= {w: "bound" for w in quals["bound_before"]}
    return FigureLexicon(
        units=units,
        unit_words=frozenset(_lines("unit_words.txt")),
        bound_before=dict(quals["bound_before"]),
        bound_after=dict(quals["bound_after"]),
        bound_after_at=re.compile(alternation(quals["bound_after"])),
        bound_inside=dict(quals["bound_inside"]),
        chain=frozenset(words["chain"]),
        silent=frozenset(words["silent"]),
        anywhere=tuple(words["anywhere"]),
        object_tail=tuple(sorted(words["object_tail"], key=len, reverse=True)),
        distribute=frozenset(words["distribute"]),
        time_before=re.compile(words["time_before"]),
        changes=changes,
        change_base=re.compile(changes_data["base"]["pattern"]),
        growth_suffixes=tuple(changes_data["growth_suffix"]["words"]),
        growth_names=dict(changes_data["growth_names"]),
        estimate_cues=any_of(status["estimate"]["cues"]),
        target_cues=any_of(status["target"]["cues"]),
        target_nouns=tuple(status["target"]["nouns"]),
        plan_chapters=tuple(status["chapters"]["plan"]),
        review_chapters=tuple(status["chapters"]["review"]),
        this_year=tuple(status["period"]["this_year"]),
        whole_year=tuple(status["period"]["whole_year"]),
        last_year=tuple(status["period"]["last_year"]),
        leading=re.compile(
            "|".join([alternation(ind["leading"]), *(f"(?:{p})" for p in ind["leading_patterns"])])
        ),
        trailing=re.compile("|".join(f"(?:{p})" for p in ind["trailing_patterns"])),
        modifier_units=frozenset(ind["modifier_units"]),
        periods=re.compile(alternation(ind["periods"])),
        object_verbs=frozenset(ind["object_verbs"]),
        object_verb_ends=frozenset(w[-1] for w in ind["object_verbs"]),
        object_stops=re.compile(alternation(ind["object_stops"])),
        object_suffixes=tuple(ind["object_suffixes"]),
        threshold_nouns=tuple(ind["threshold_nouns"]),
        evaluative_nouns=tuple(ind["evaluative_nouns"]),
        metric_endings=tuple(ind["metric_endings"]),
        head_nouns=tuple(sorted(ind["head_nouns"], key=len, reverse=True)),
        measure_nouns=tuple(sorted(ind["measure_nouns"], key=len, reverse=True)),
        share_cues=tuple(ind["share_cues"]),
        wholes=tuple(ind["wholes"]),
        flow_prefixes=tuple(ind["flow_prefixes"]),
        example_markers=tuple(ind["example_markers"]),
        beneficiary_verbs=frozenset(ind["beneficiary_verbs"]),
        count_nouns=dict(ind["count_nouns"]),
        topic_before=re.compile(ind["topic_before"]),
        plan_topic=re.compile(ind["plan_topic"]),
        list_joiners=re.compile(alternation(ind["list_joiners"])),
        rank_pattern=re.compile(ind["rank_pattern"]),
        rank_frame=tuple(ind["rank_frame"]),
        pairs={word: (first, second) for word, (first, second) in ind["pairs"].items()},
        list_preposition=re.compile(ind["list_preposition"]),
        nonfigures=_nonfigures(),
        peel=peel,
        peel_longest=max(map(len, peel)),
        peel_ends=frozenset(w[-1] for w in peel),
        opens_reading=re.compile(alternation([w for w, role in peel.items() if role != "keep"])),
    )
