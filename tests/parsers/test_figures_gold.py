"""The extractor against the hand-labelled gold figures, with scores printed per tier.

Tier 1 must be right in every field, tier 2 must have value and unit right
and at least 90 % of all its fields, tier 3 is scored and printed only.
Negatives (names, ordinals, labels) must never overlap an extracted figure.
Scores are written straight to the terminal, with or without ``-s``.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from parsers.figures import extract_figures
from parsers.model import Figure
from parsers.report import open_report

FIELDS = (
    "indicator",
    "value",
    "unit",
    "kind",
    "change_kind",
    "direction",
    "qualifiers",
    "bound",
    "base_value",
    "base_unit",
    "status",
)
REPORTS = ("shijingshan_2025", "national_2024")
TIER2_SHARE = 0.9


def field_right(name: str, gold: dict[str, Any], figure: Figure) -> bool:
    expected, got = gold.get(name), getattr(figure, name)
    if name == "qualifiers":
        return set(expected or ()) == set(got)
    if name in ("value", "base_value"):
        if expected is None or got is None:
            return expected is None and got is None
        return math.isclose(float(got), expected, rel_tol=1e-4, abs_tol=1e-4)
    return bool(expected == got)


@dataclass
class TierScore:
    """Fields right out of fields scored, and the figures with any field wrong."""

    right: int = 0
    total: int = 0
    missing: list[str] = field(default_factory=list)
    wrong: dict[str, list[str]] = field(default_factory=dict)
    value_unit_wrong: list[str] = field(default_factory=list)

    @property
    def share(self) -> float:
        return self.right / self.total if self.total else 1.0


@dataclass
class GoldRun:
    """One report scored against its gold file."""

    tiers: dict[int, TierScore]
    negatives_hit: list[str]
    periods_right: int = 0
    periods_total: int = 0


def score(gold: dict[str, Any], figures: list[Figure]) -> GoldRun:
    by_offsets = {(f.start, f.end): f for f in figures}
    tiers: dict[int, TierScore] = {}
    periods = [0, 0]
    for item in gold["figures"]:
        tier = tiers.setdefault(item["tier"], TierScore())
        tier.total += len(FIELDS)
        figure = by_offsets.get((item["start"], item["end"]))
        label = f"{item['id']} {item['span']}"
        if figure is None:
            tier.missing.append(label)
            tier.value_unit_wrong.append(label)
            continue
        if "period" in gold["schema"]:  # scored where the schema defines it, never gated
            periods[0] += int(item.get("period") == figure.period)
            periods[1] += 1
        wrong = [name for name in FIELDS if not field_right(name, item, figure)]
        tier.right += len(FIELDS) - len(wrong)
        if wrong:
            tier.wrong[label] = wrong
        if {"value", "unit"} & set(wrong):
            tier.value_unit_wrong.append(label)
    hit = [
        n["span"]
        for n in gold.get("negatives", [])
        if any(f.start < n["end"] and n["start"] < f.end for f in figures)
    ]
    return GoldRun(tiers, hit, *periods)


def report(capsys: pytest.CaptureFixture[str], name: str, run: GoldRun) -> None:
    with capsys.disabled():
        print(f"\n[figures gold] {name}")
        for tier, s in sorted(run.tiers.items()):
            print(f"  tier {tier}: {s.right}/{s.total} fields ({s.share:.1%})", end="")
            print(f", missing {s.missing}" if s.missing else "")
            for label, wrong in s.wrong.items():
                print(f"    {label}: {', '.join(wrong)}")
        if run.periods_total:
            print(f"  periods: {run.periods_right}/{run.periods_total} (reported only)")
        print(f"  negatives hit: {run.negatives_hit or 'none'}")


@pytest.mark.parametrize("name", REPORTS)
def test_gold_scores(name: str, shared_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold = json.loads((shared_dir / "gold" / f"{name}.figures.json").read_text(encoding="utf-8"))
    run = score(gold, extract_figures(open_report(shared_dir / gold["source"])))
    report(capsys, name, run)
    tier1, tier2 = run.tiers.get(1, TierScore()), run.tiers.get(2, TierScore())
    assert not tier1.missing and not tier1.wrong, "tier 1 must be right in every field"
    assert not tier2.value_unit_wrong, "tier 2 must have value and unit right"
    assert tier2.share >= TIER2_SHARE, f"tier 2 fields right {tier2.share:.1%}"
    assert run.negatives_hit == []
