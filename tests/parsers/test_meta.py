"""Title and meta from the title blocks real reports use."""

from __future__ import annotations

from parsers.meta import extract_meta, find_title
from parsers.model import Meta


def test_glued_national_title_line() -> None:
    front = [
        "政府工作报告——2024年3月5日在第十四届全国人民代表大会第二次会议上国务院总理\u2002李强",
        "各位代表：",
    ]
    title = find_title(front)
    assert title == "政府工作报告"
    assert extract_meta(front, title) == Meta(
        region="国务院",
        level="national",
        year=2024,
        date="2024-03-05",
        speaker="李强",
        meeting="第十四届全国人民代表大会第二次会议",
    )


def test_district_block_broken_over_lines_with_spaced_name() -> None:
    front = [
        "(北京市)北京市石景山区人民政府工作报告(2025年1月8日)",
        "——2025年1月8日 在北京市石景山区第十七届",
        "人民代表大会第五次会议上",
        "北京市石景山区人民政府代区长 万 隆",
    ]
    meta = extract_meta(front, find_title(front))
    assert (meta.region, meta.level, meta.speaker) == ("北京市石景山区", "district", "万隆")
    assert meta.meeting == "北京市石景山区第十七届人民代表大会第五次会议"
    assert (meta.year, meta.date) == (2025, "2025-01-08")


def test_spaced_out_title_is_closed_up() -> None:
    assert find_title(["政 府 工 作 报 告", "——2019年3月4日在…会议上"]) == "政府工作报告"


def test_title_hint_wins_and_sentences_are_never_titles() -> None:
    assert find_title(["政府工作报告"], hint="  万载县2015年统计公报 ") == "万载县2015年统计公报"
    assert find_title(["现在,我代表区人民政府向大会作工作报告,请予审议。"]) is None


def test_municipality_is_a_province_and_fullwidth_dates_are_read() -> None:
    front = [
        "2026年北京市政府工作报告",
        "——２０２６年１月２５日在北京市第十六届人民代表大会第四次会议上",
    ]
    meta = extract_meta(front, find_title(front))
    assert (meta.region, meta.level, meta.date) == ("北京市", "province", "2026-01-25")


def test_levels_from_region_names_and_titles() -> None:
    county = extract_meta(
        ["万载县2015年国民经济和社会发展统计公报"], "万载县2015年国民经济和社会发展统计公报"
    )
    assert (county.region, county.level, county.year) == ("万载县", "county", 2015)
    city = extract_meta(["——2025年2月在某某市第三届人民代表大会第五次会议上"], None)
    assert (city.region, city.level) == ("某某市", "city")
    unnamed = extract_meta(["省长 罗东川"], None)
    assert (unnamed.speaker, unnamed.level) == ("罗东川", "province")


def test_text_saying_nothing_gives_empty_meta() -> None:
    assert extract_meta([], None) == Meta()
    assert extract_meta(["随便写的一句话。"], None) == Meta()
