"""The number grammar: values, units and scales as reports write them, and what is not a number."""

from __future__ import annotations

from decimal import Decimal

import cn2an
import pytest
from hypothesis import given
from hypothesis import strategies as st

from parsers.numbers import Quantity, cn_to_int, parse_number, scan_quantities


def only(text: str) -> Quantity:
    found = list(scan_quantities(text))
    assert len(found) == 1, [text[q.start : q.end] for q in found]
    return found[0]


@given(st.integers(min_value=1, max_value=10**13))
def test_chinese_numerals_agree_with_cn2an(n: int) -> None:
    assert cn_to_int(cn2an.an2cn(n)) == n


@pytest.mark.parametrize(
    ("numeral", "value"),
    [("两千三百万", 23_000_000), ("三亿五千万", 350_000_000), ("一千零五", 1005), ("十二", 12)],
)
def test_chinese_numerals_as_reports_write_them(numeral: str, value: int) -> None:
    assert cn_to_int(numeral) == value


@pytest.mark.parametrize("numeral", ["十四五", "二〇二四", "零", "万", "十百", "两两"])
def test_malformed_chinese_numerals_are_not_numbers(numeral: str) -> None:
    assert cn_to_int(numeral) is None


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("88.3", "88.3"),
        ("1,200", "1200"),
        ("１．７", "1.7"),
        ("１９９８", "1998"),
        ("两千", "2000"),
    ],
)
def test_parse_number_is_exact(written: str, value: str) -> None:
    parsed = parse_number(written)
    assert parsed == Decimal(value)
    assert str(parsed) == value  # 88.3 stays 88.3, never 88.29999…


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit", "kind"),
    [
        ("地区生产总值突破1200亿元、", "1200亿元", "1200", "亿元", "level"),
        ("同比增长5.5%左右", "5.5%", "5.5", "%", "percent"),
        ("提高2个百分点", "2个百分点", "2", "个百分点", "point"),
        ("细颗粒物年均浓度31.1微克/立方米,", "31.1微克/立方米", "31.1", "微克/立方米", "measure"),
        ("粮食产量1.39万亿斤，", "1.39万亿斤", "1.39", "万亿斤", "measure"),
        ("国高新企业保有量近千家,", "千家", "1000", "家", "count"),
        ("投入两千三百万元", "两千三百万元", "2300", "万元", "level"),
        ("出口增长１．７倍", "１．７倍", "1.7", "倍", "times"),
        ("入驻企业1,200家", "1,200家", "1200", "家", "count"),
        ("占比七成以上", "七成", "7", "成", "tenths"),
        ("位列全国第30名", "第30名", "30", "名", "rank"),
        ("实现考核三连冠。", "三连冠", "3", "连冠", "streak"),
        ("连续4年稳定达标", "4年", "4", "年", "streak"),
        ("惠及1100多万学生", "1100多万", "1100", "万", "scale"),
        # guangdong_2026: flights are counted in 架次, not 架 followed by 次
        ("飞行规模达2061万架次。", "2061万架次", "2061", "万架次", "count"),
        # national_2018: Arabic digits with Chinese places
        ("日均新设企业由5千多户", "5千多户", "5000", "户", "count"),
        ("增加到2万5千公里、", "2万5千公里", "25000", "公里", "measure"),
        ("出境旅游人次增加到1亿3千多万", "1亿3千多万", "13000", "万", "scale"),
        # 千 opening a unit stays with it
        ("建成绿道3千米，", "3千米", "3", "千米", "measure"),
    ],
)
def test_quantities_as_written(text: str, surface: str, value: str, unit: str, kind: str) -> None:
    q = only(text)
    assert text[q.start : q.end] == surface
    assert (q.value, q.unit, q.kind) == (Decimal(value), unit, kind)


def test_a_minus_sign_belongs_to_the_number_but_not_to_a_range_or_a_name() -> None:
    q = only("林业增长-3.2%，")
    assert (q.value, q.unit) == (Decimal("-3.2"), "%")
    assert [q.value for q in scan_quantities("COVID-19病例，5G-A信号")] == []


def test_scale_is_folded_into_the_base_value() -> None:
    q = only("一般公共预算收入完成88.3亿元")
    assert (q.base_value, q.base_unit) == (Decimal("8830000000"), "元")
    bare = only("惠及1100多万学生")
    assert (bare.base_value, bare.base_unit, bare.approx) == (Decimal("11000000"), "", "多")


def test_vague_tail_between_scale_and_unit() -> None:
    q = only("惠及1.7万余人;")
    assert (q.value, q.unit, q.approx, q.base_value) == (
        Decimal("1.7"),
        "万人",
        "余",
        Decimal("17000"),
    )


@pytest.mark.parametrize(
    ("text", "value", "hi", "unit"),
    [
        ("增长6%-6.5%", "6", "6.5", "%"),
        ("建设3–5个", "3", "5", "个"),
        ("连续3-5年", "3", "5", "年"),
    ],
)
def test_ranges(text: str, value: str, hi: str, unit: str) -> None:
    q = only(text)
    assert (q.value, q.value_hi, q.unit) == (Decimal(value), Decimal(hi), unit)


def test_fractions_ratios_and_percent_words() -> None:
    third = only("占全市总数近三分之一,")
    assert (third.value, third.unit) == (Decimal("0.3333"), "fraction")
    half = only("超过全球一半。")
    assert (half.value, half.unit) == (Decimal("0.5"), "fraction")
    percent = only("降低百分之五")
    assert (percent.value, percent.unit) == (Decimal("5"), "%")
    ratio = only("达到车桩比3:1配建要求")
    assert (ratio.value, ratio.ratio_to, ratio.unit) == (Decimal("3"), Decimal("1"), "ratio")


@pytest.mark.parametrize(
    "text",
    [
        "2024年是关键一年",
        "1月8日召开",
        "2024—2026年行动计划",
        "两大主导产业",
        "四个融合",
        "两个确立",
        "一般公共预算",
        "社会消费品零售总额",
        "万元地区生产总值能耗",
        "千村示范、万村整治",
        "5G基站",
        "国家4A级景区",
        "国产大飞机C919",
        "TOP50榜单",
        "1+3+1",
        "第八届中国科幻大会",
        "第一批试点",
        "实施三年行动",
        "一次性",
        "651地块竣工",
    ],
)
def test_not_quantities(text: str) -> None:
    assert [text[q.start : q.end] for q in scan_quantities(text)] == []


def test_a_unit_that_opens_a_word_is_no_unit() -> None:
    q = only("惠及上千万家庭")
    assert ("惠及上千万家庭"[q.start : q.end], q.unit) == ("千万", "万")


def test_bare_scales_listed_before_a_unit_share_it() -> None:
    # guangdong_2026: 1409万 is 万人次 like the 1305万人次 it is listed with
    text = "地铁线网单日最高客运量分别达1409万、1305万人次，均创历史新高。"
    assert [(q.value, q.unit, q.kind, q.base_unit) for q in scan_quantities(text)] == [
        (Decimal(1409), "万人次", "count", "人次"),
        (Decimal(1305), "万人次", "count", "人次"),
    ]
    longer = [q.unit for q in scan_quantities("分别为1万、2万和3万人次")]
    assert longer == ["万人次"] * 3
    # an amount of its own is never given a unit from a later number
    apart = [q.unit for q in scan_quantities("惠及1100多万学生，新增就业100万人")]
    assert apart == ["万", "万人"]
