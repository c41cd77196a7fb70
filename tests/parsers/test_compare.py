"""Year-over-year comparison: indicator matching, verdicts, and real consecutive reports."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from parsers.compare import (
    Row,
    compare_figures,
    compare_reports,
    indicator_key,
    judge,
    similarity,
)
from parsers.figures import extract_figures
from parsers.model import Document, Figure, Meta
from parsers.report import open_report

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "compare"


def fig(
    indicator: str,
    value: str,
    unit: str = "%",
    *,
    kind: str | None = None,
    status: str = "actual",
    bound: str = "=",
    direction: str | None = None,
    scale: str | None = None,
    value_hi: str | None = None,
    period: str | None = None,
    start: int = 0,
) -> Figure:
    """A figure as the extractor would give it; ``scale`` turns 万人 into 人 (10000)."""
    amount = Decimal(value)
    base_unit = unit.removeprefix("万亿").removeprefix("亿").removeprefix("万") if scale else None
    return Figure(
        start=start,
        end=start + len(value),
        surface=value + unit,
        sentence=f"{indicator}{value}{unit}。",
        section_path=(),
        value=amount,
        unit=unit,
        kind=kind or ("growth" if unit == "%" else "level"),
        indicator=indicator,
        bound=bound,
        status=status,  # type: ignore[arg-type]
        value_hi=Decimal(value_hi) if value_hi else None,
        base_value=amount * Decimal(scale) if scale else None,
        base_unit=base_unit,
        direction=direction or ("up" if unit == "%" else None),
        period=period,
    )


def target(indicator: str, value: str, unit: str = "%", **kw: object) -> Figure:
    return fig(indicator, value, unit, status="target", **kw)  # type: ignore[arg-type]


# -- indicators ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("一般公共预算收入", "地方一般公共预算收入"),
        ("一般公共财政预算收入", "一般公共预算收入"),
        ("一般公共财政预算收入按可比口径", "一般公共预算收入"),
        ("城镇常住居民人均可支配收入", "城镇居民人均可支配收入"),
        ("农村牧区常住居民人均可支配收入", "农村居民人均可支配收入"),
        ("城镇新增就业人数", "城镇新增就业"),
        ("全年社会消费品零售总额", "社会消费品零售总额"),
    ],
)
def test_renamed_indicators_match(a: str, b: str) -> None:
    assert similarity(a, b) >= 0.9
    assert similarity(b, a) == similarity(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("城镇居民人均可支配收入", "农村居民人均可支配收入"),
        ("城乡居民人均可支配收入", "农村居民人均可支配收入"),
        ("一般公共预算收入", "一般公共预算支出"),
        ("国内生产总值", "单位国内生产总值能耗"),
        ("第一产业增加值", "第三产业增加值"),
        ("城镇调查失业率", "城镇登记失业率"),
        ("投资", "投资"),
    ],
)
def test_look_alikes_stay_apart(a: str, b: str) -> None:
    assert similarity(a, b) == 0.0


def test_wording_noise_is_removed_but_the_indicator_stays() -> None:
    assert indicator_key("地方一般公共预算收入") == "一般公共预算收入"
    assert indicator_key("“新三样”出口") == "新三样出口"
    # A stop word that is the whole indicator is not stripped to nothing.
    assert indicator_key("规模") == "规模"


# -- verdicts --------------------------------------------------------------------

GDP = "国内生产总值"
CPI = "居民消费价格"
JOBS = "城镇新增就业"
ENERGY = "单位国内生产总值能耗"


@pytest.mark.parametrize(
    ("goal", "outcome", "verdict"),
    [
        (target(GDP, "5", bound="~"), fig(GDP, "5"), "met"),
        (target(GDP, "5", bound="~"), fig(GDP, "4.9"), "met"),
        (target(GDP, "5", bound="~"), fig(GDP, "4.8"), "missed"),
        (target(GDP, "5"), fig(GDP, "4.9"), "missed"),
        (target(GDP, "5", bound=">"), fig(GDP, "5"), "missed"),
        (target(GDP, "5.5", value_hi="6"), fig(GDP, "5.6"), "met"),
        (target(GDP, "5"), fig(GDP, "2", direction="down"), "missed"),
        (target(CPI, "3", bound="~"), fig(CPI, "0.2"), "met"),
        (target(CPI, "3", bound="~"), fig(CPI, "3.5"), "missed"),
        (
            target("城镇调查失业率", "5.5", bound="~", kind="rate"),
            fig("城镇调查失业率", "5.1"),
            "met",
        ),
        (
            target("城镇登记失业率", "4", bound="<=", kind="rate"),
            fig("城镇登记失业率", "4.2"),
            "missed",
        ),
        (
            target(JOBS, "1200", "万人", bound=">=", scale="1e4"),
            fig(JOBS, "1256", "万人", scale="1e4"),
            "met",
        ),
        (
            target(JOBS, "1200", "万人", bound=">=", scale="1e4"),
            fig(JOBS, "11990000", "人"),
            "missed",
        ),
        (
            target("粮食产量", "1.3", "万亿斤", scale="1e12"),
            fig("粮食产量", "14130", "亿斤", scale="1e8"),
            "met",
        ),
        (
            target(ENERGY, "2.5", bound="~", direction="down"),
            fig(ENERGY, "3.8", direction="down"),
            "met",
        ),
        (
            target(ENERGY, "2.5", bound="~", direction="down"),
            fig(ENERGY, "2", direction="down"),
            "missed",
        ),
        (target(ENERGY, "2.5", bound="~", direction="down"), fig(ENERGY, "1"), "missed"),
    ],
)
def test_targets_are_judged_by_their_kind(goal: Figure, outcome: Figure, verdict: str) -> None:
    assert judge(goal, outcome) == verdict


# -- pairing ---------------------------------------------------------------------


def figures_in(rows: list[Row], side: str) -> list[Figure]:
    return [getattr(row, side) for row in rows if getattr(row, side) is not None]


def test_nothing_is_dropped_and_each_pairing_is_one_to_one() -> None:
    old = [
        target(GDP, "5", bound="~", start=10),
        target("城镇居民人均可支配收入", "8", start=20),
        fig(GDP, "5.2", start=1),
        fig("粮食产量", "1.39", "万亿斤", kind="measure", scale="1e12", start=2),
    ]
    new = [
        fig(GDP, "5", start=1),
        fig("农村居民人均可支配收入", "7.8", start=2),
        fig(GDP, "4.5", start=3),
        fig("新能源汽车产量", "1300", "万辆", kind="count", scale="1e4", start=4),
    ]
    rows = compare_figures(old, new)
    assert {id(f) for f in figures_in(rows, "old")} == {id(f) for f in old}
    assert {id(f) for f in figures_in(rows, "new")} == {id(f) for f in new}
    for relation in ("outcome", "trend"):
        pairs = [r for r in rows if r.relation == relation and r.old and r.new]
        assert len({id(r.old) for r in pairs}) == len(pairs) == len({id(r.new) for r in pairs})
    by_old = {(r.relation, id(r.old)): r for r in rows if r.old is not None}
    gdp = by_old[("outcome", id(old[0]))]
    # The first GDP growth of the new report answers the target, not the later one.
    assert (gdp.new, gdp.verdict) == (new[0], "met")
    urban = by_old[("outcome", id(old[1]))]
    assert (urban.new, urban.verdict) == (None, "not reported")
    assert by_old[("unmatched", id(old[3]))].verdict == "not reported"
    rural = next(r for r in rows if r.new is new[1])
    assert (rural.old, rural.verdict) == (None, "new")


def test_only_the_same_measure_pairs() -> None:
    old = [target(GDP, "5"), target(GDP, "1200", "亿元", scale="1e8")]
    new = [fig(GDP, "1300", "亿元", scale="1e8"), fig(GDP, "5.5")]
    rows = [r for r in compare_figures(old, new) if r.relation == "outcome"]
    assert [(r.old, r.new) for r in rows] == [(old[0], new[1]), (old[1], new[0])]
    assert (rows[1].difference, rows[1].difference_unit) == (Decimal(100), "亿元")
    assert (rows[0].difference, rows[0].difference_unit) == (Decimal("0.5"), "个百分点")


def test_the_closest_wording_wins() -> None:
    old = [target("一般公共预算收入", "6")]
    new = [fig("地方一般公共预算收入", "5"), fig("一般公共预算收入", "7", start=9)]
    (outcome,) = [r for r in compare_figures(old, new) if r.relation == "outcome"]
    assert (outcome.new, outcome.verdict) == (new[1], "met")


def test_a_target_for_another_year_is_not_its_outcome() -> None:
    old = [target(GDP, "5", period="2024")]
    new = [fig(GDP, "5.2", period="2023"), fig(GDP, "5", period="2024", start=5)]
    (outcome,) = [r for r in compare_figures(old, new) if r.relation == "outcome"]
    assert outcome.new is new[1]


def test_difference_is_in_the_new_unit() -> None:
    old = [fig(GDP, "126", "万亿元", scale="1e12")]
    new = [fig(GDP, "1349000", "亿元", scale="1e8")]
    (trend,) = compare_figures(old, new)
    assert (trend.relation, trend.verdict) == ("trend", "no target")
    assert (trend.difference, trend.difference_unit) == (Decimal(89000), "亿元")


# -- reports -----------------------------------------------------------------------


def document(region: str | None, year: int | None) -> Document:
    return Document("", "x.txt", "utf-8", None, Meta(region=region, year=year), [], [], [], [])


@pytest.mark.parametrize(
    ("old", "new", "note"),
    [
        (document("海拉尔区", 2017), document("呼伦贝尔市海拉尔区", 2018), None),
        (document("海拉尔区", 2017), document("海拉尔区", 2019), "2 years apart"),
        (document("海拉尔区", 2019), document("海拉尔区", 2018), "give the earlier report first"),
        (document("北京市", 2025), document("天津市", 2026), "different places"),
    ],
)
def test_reports_that_do_not_follow_each_other_are_noted(
    old: Document, new: Document, note: str | None
) -> None:
    notes = compare_reports(old, [], new, []).notes
    assert (notes == ()) if note is None else any(note in n for n in notes)


def compared(old: Path, new: Path) -> list[Row]:
    before, after = open_report(old), open_report(new)
    return list(
        compare_reports(before, extract_figures(before), after, extract_figures(after)).rows
    )


def outcomes(rows: list[Row]) -> dict[tuple[str, str], str]:
    """Verdict by (indicator key, old surface) for targets with a reported outcome."""
    return {
        (indicator_key(r.old.indicator), r.old.surface): r.verdict
        for r in rows
        if r.relation == "outcome" and r.old is not None and r.new is not None
    }


def test_national_2024_targets_against_the_2025_report(corpus_dir: Path) -> None:
    rows = compared(corpus_dir / "national_2024.txt", FIXTURES / "national_2025_excerpt.txt")
    assert outcomes(rows) == {
        ("国内生产总值", "5%"): "met",
        ("城镇新增就业", "1200万人"): "met",
        ("城镇调查失业率", "5.5%"): "met",
        ("居民消费价格", "3%"): "met",
    }
    trends = {
        (r.old.surface, r.new.surface): (r.difference, r.difference_unit)
        for r in rows
        if r.relation == "trend" and r.old and r.new and r.indicator == GDP
    }
    assert trends[("126万亿元", "134.9万亿元")] == (Decimal("8.9"), "万亿元")
    assert trends[("5.2%", "5%")] == (Decimal("-0.2"), "个百分点")
    cpi_targets = [
        r
        for r in rows
        if r.relation == "trend" and r.old and r.old.status == "target" and r.indicator == CPI
    ]
    assert [(r.old.surface, r.new.surface) for r in cpi_targets if r.new] == [("3%", "2%")]
    # The deficit target has no outcome in the excerpt: it is listed, not dropped.
    assert any(r.verdict == "not reported" and r.indicator == "赤字率" for r in rows)


def test_hailar_2017_targets_against_2018(corpus_dir: Path) -> None:
    rows = compared(
        corpus_dir / "hailar_district_2017_gbk.txt", FIXTURES / "hailar_district_2018_gbk.txt"
    )
    verdicts = outcomes(rows)
    assert verdicts[("社会消费品零售总额", "10%")] == "missed"
    assert verdicts[("社会消费品零售总额", "164.1亿元")] == "missed"
    assert verdicts[("农村居民人均可支配收入", "7.5%")] == "met"
    assert verdicts[("农村居民人均可支配收入", "25617元")] == "met"
    # 一般公共财政预算收入 (2017) and 一般公共预算收入 (2018) are one indicator.
    revenue = [
        r
        for r in rows
        if r.relation == "trend"
        and r.old
        and r.old.status == "target"
        and "预算收入" in r.indicator
    ]
    assert [(indicator_key(r.old.indicator), r.new and r.new.indicator) for r in revenue] == [
        ("一般公共预算收入", "一般公共预算收入")
    ]
    assert "财政" in revenue[0].old.indicator


def test_hailar_2018_targets_against_2019(corpus_dir: Path) -> None:
    rows = compared(
        FIXTURES / "hailar_district_2018_gbk.txt", corpus_dir / "hailar_district_2019_gbk.txt"
    )
    assert outcomes(rows)[("地区生产总值", "6%")] == "met"
    assert not any(
        r.old
        and r.new
        and {r.old.indicator, r.new.indicator}
        == {"农村居民人均可支配收入", "城乡常住居民人均可支配收入"}
        for r in rows
    )


def test_fixtures_are_what_they_say() -> None:
    hailar = open_report(FIXTURES / "hailar_district_2018_gbk.txt")
    national = open_report(FIXTURES / "national_2025_excerpt.txt")
    assert (hailar.encoding, hailar.meta.year, hailar.meta.region) == ("gb18030", 2018, "海拉尔区")
    assert "\r\n" in hailar.text
    assert (national.meta.year, national.meta.level) == (2025, "national")
    assert next(c.title for c in national.children) == "2024年工作回顾"
