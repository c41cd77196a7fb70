"""The figure extractor on sentences written the way reports write them."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parsers.figures import extract_figures
from parsers.model import Document, Figure, Meta, Node, Span


def doc_of(text: str, year: int | None = None) -> Document:
    """A document that is all front matter: the extractor must not need a tree."""
    return Document(
        text=text,
        source="<test>",
        encoding="utf-8",
        title=None,
        meta=Meta(year=year),
        front=[Span(0, len(text), text)],
        children=[],
        appendices=[],
        dropped=[],
    )


def chapter(text: str, title: str, start: int, end: int) -> Node:
    body = Span(start + len(title) + 1, end, text[start + len(title) + 1 : end])
    return Node(
        kind="chapter",
        number=None,
        heading=title,
        title=title,
        start=start,
        end=end,
        heading_span=Span(start, start + len(title), title),
        paragraphs=[body],
    )


def figures(text: str, year: int | None = None) -> list[Figure]:
    return extract_figures(doc_of(text, year))


def by_surface(text: str, year: int | None = None) -> dict[str, Figure]:
    return {f.surface: f for f in figures(text, year)}


def test_brief_example_yields_two_figures_sharing_the_indicator() -> None:
    text = "预计全年地区生产总值突破1200亿元、同比增长5.5%左右;一般公共预算收入完成88.3亿元。"
    level, growth, income = figures(text)
    assert (level.indicator, level.value, level.unit, level.bound, level.status) == (
        "地区生产总值",
        Decimal(1200),
        "亿元",
        ">",
        "estimate",
    )
    assert set(level.qualifiers) == {"预计", "突破"}
    assert (growth.indicator, growth.kind, growth.change, growth.bound) == (
        "地区生产总值",
        "growth",
        "同比增长",
        "~",
    )
    assert (growth.change_kind, growth.direction, growth.status) == ("yoy_rel", "up", "estimate")
    assert (income.indicator, income.status) == ("一般公共预算收入", "actual")


def test_offsets_point_into_the_text() -> None:
    text = "  各位代表:\n全年优良天数294天、同比增加19天。\n"
    found = figures(text)
    assert [f.surface for f in found] == ["294天", "19天"]
    for f in found:
        assert text[f.start : f.end] == f.surface
        assert text[f.sentence_start :].startswith(f.sentence)
    assert found[1].change_kind == "yoy_abs"
    assert found[1].indicator == "优良天数"


def test_estimate_scopes_over_the_run_of_figure_clauses_only() -> None:
    run = figures("预计甲比重超90%,乙比重达55.5%,全区经济稳定;丙收入增长3%。")
    assert [f.status for f in run] == ["estimate", "estimate", "actual"]
    trap = figures("预计今年财政收入继续恢复增长，一般公共预算支出规模28.5万亿元。")
    assert trap[0].status == "actual"
    assert "预计" not in trap[0].qualifiers


def test_colon_list_of_targets_governs_each_item_to_the_full_stop() -> None:
    text = (
        "今年发展主要预期目标是：国内生产总值增长5%左右；城镇新增就业1200万人以上；"
        "粮食稳定。去年增长5.2%。"
    )
    gdp, jobs, last = figures(text, year=2024)
    assert (gdp.status, gdp.period, gdp.change_kind) == ("target", "2024", "rel")
    assert "预期目标" in gdp.qualifiers
    assert (jobs.status, jobs.period, jobs.bound, jobs.qualifiers) == (
        "target",
        "2024",
        ">=",
        ("以上",),
    )
    assert last.status == "actual"


def test_figures_of_a_plan_chapter_are_targets_unless_estimated() -> None:
    review, plan = "一、2023年工作回顾", "二、2024年政府工作任务"
    text = (
        f"{review}\n粮食产量1.39万亿斤。\n{plan}\n赤字规模4.06万亿元。预计高校毕业生超过1170万人。"
    )
    cut = text.index(plan)
    first = chapter(text, review, 0, cut - 1)
    first.title = "2023年工作回顾"
    second = chapter(text, plan, cut, len(text))
    second.title = "2024年政府工作任务"
    doc = Document(text, "<test>", "utf-8", None, Meta(year=2024), [], [first, second], [], [])
    grain, deficit, graduates = extract_figures(doc)
    assert (grain.status, grain.section_path) == ("actual", ("2023年工作回顾",))
    assert (deficit.status, deficit.section_path) == ("target", ("2024年政府工作任务",))
    assert graduates.status == "estimate"


def test_dropped_chrome_never_yields_figures() -> None:
    text = "阅读量1200次\n国内生产总值增长5.2%。"
    cut = text.index("\n") + 1
    doc = doc_of(text)
    doc.front = [Span(cut, len(text), text[cut:])]
    doc.dropped = [Span(0, cut, text[:cut])]
    assert [f.surface for f in extract_figures(doc)] == ["5.2%"]


def test_value_before_object() -> None:
    found = by_surface("新建公园5处,建成开放40.2公里西山绿道,帮扶4066名就业困难人员就业;")
    assert found["5处"].indicator == "新建公园"
    assert (found["40.2公里"].indicator, found["40.2公里"].kind) == ("建成开放西山绿道", "measure")
    assert found["4066名"].indicator == "帮扶就业困难人员就业"
    bonds = by_surface("增发1万亿元国债支持灾后恢复重建。")["1万亿元"]
    assert bonds.indicator == "增发国债"


def test_two_values_share_the_object_that_follows_them() -> None:
    found = figures("“十四五”时期106个、551万平方米老旧小区楼本体改造基本完工;")
    assert [f.indicator for f in found] == ["“十四五”时期老旧小区楼本体改造"] * 2
    assert all("基本完工" in f.qualifiers for f in found)
    assert found[1].base_value == Decimal(5_510_000)


def test_respectively_distributes_values_over_the_listed_indicators() -> None:
    found = figures("普惠托位率、公办幼儿园覆盖率分别达72.9%、66%。")
    assert [(f.indicator, f.kind) for f in found] == [
        ("普惠托位率", "rate"),
        ("公办幼儿园覆盖率", "rate"),
    ]
    assert all(set(f.qualifiers) == {"分别", "达"} for f in found)


def test_a_number_inside_an_indicator_is_not_a_figure() -> None:
    found = figures("公园绿地500米服务半径覆盖率100%,每万人口发明专利授权量同比增长18.8%。")
    assert [f.surface for f in found] == ["100%", "18.8%"]
    assert found[0].indicator == "公园绿地500米服务半径覆盖率"
    assert found[1].indicator == "每万人口发明专利授权量"


def test_names_labels_and_dates_are_not_figures() -> None:
    text = (
        "2024年1月8日,全面贯彻党的二十届三中全会精神,实施“十四五”规划,"
        "统筹做好“四个融合”,“1+3+1”高精尖产业收入同比增长8.3%,第八届大会,"
        "通过国家4A级景区复核,两大主导产业,5G基站。"
    )
    found = figures(text)
    assert [f.surface for f in found] == ["8.3%"]
    assert found[0].indicator == "“1+3+1”高精尖产业收入"


@pytest.mark.parametrize(
    ("text", "surface", "bound", "qualifier"),
    [
        ("调查失业率保持5%以内;", "5%", "<=", "以内"),
        ("拉动消费近23亿元。", "23亿元", "~<", "近"),
        ("惠及1.7万余人;", "1.7万余人", ">", "余"),
        ("城镇新增就业1200万人以上，", "1200万人", ">=", "以上"),
        ("资金超45亿元。", "45亿元", ">", "超"),
        ("超长期特别国债资金45亿元。", "45亿元", "=", None),
    ],
)
def test_bounds(text: str, surface: str, bound: str, qualifier: str | None) -> None:
    figure = by_surface(text)[surface]
    assert figure.bound == bound
    if qualifier is None:
        assert figure.qualifiers == ()
    else:
        assert qualifier in figure.qualifiers


@pytest.mark.parametrize(
    ("text", "kind", "change_kind", "direction"),
    [
        ("市场总消费同比增长4%,", "growth", "yoy_rel", "up"),
        ("万元地区生产总值能耗降低2%,", "growth", "rel", "down"),
        ("国家级企业增至20家,", "count", "to", "up"),
        ("常住人口城镇化率提高到66.2%。", "rate", "to", "up"),
        ("赤字比上年年初预算增加1800亿元。", "level", "yoy_abs", "up"),
        ("补助标准提高30元。", "level", "yoy_abs", "up"),
        ("经济增长预期目标为5%左右，", "growth", "rel", "up"),
        ("新能源汽车产销量占全球比重超过60%。", "share", None, None),
        ("城镇调查失业率平均为5.2%。", "rate", None, None),
    ],
)
def test_kinds_and_changes(
    text: str, kind: str, change_kind: str | None, direction: str | None
) -> None:
    (figure,) = figures(text)
    assert (figure.kind, figure.change_kind, figure.direction) == (kind, change_kind, direction)


def test_periods_resolve_against_the_report_year() -> None:
    found = figures("今年中央预算内投资拟安排7000亿元。全年新增税费优惠超过2.2万亿元。", year=2024)
    assert [(f.period, f.status) for f in found] == [("2024", "target"), ("2023", "actual")]
    assert found[0].indicator == "中央预算内投资"
    assert figures("今年投资1亿元。")[0].period is None  # no report year, nothing to resolve


def test_a_stock_inheriting_from_a_flow_drops_the_flow_verb() -> None:
    found = figures("新增市场主体7389户,累计达69032户、同比增长4.39%。")
    assert [f.indicator for f in found] == ["新增市场主体", "市场主体", "市场主体"]
    assert set(found[1].qualifiers) == {"累计", "达"}


_PIECES = st.sampled_from(
    [
        "1200", "5.5", "１．７", "三分之一", "两千三百万", "近千", "3:1", "6%-6.5%", "1.7万余",
        "亿元", "%", "个百分点", "家", "万人", "微克/立方米", "左右", "以上", "同比增长", "增至",
        "预计", "目标是：", "分别", "、", "，", ",", "；", "。", "\n", "“", "”", "第", "连续", "年",
        "地区生产总值", "比上年增加", "超", "近", "余", "多", " ", "\x00", "\U0001f600",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_PIECES, st.text(max_size=4)), max_size=40))
def test_any_text_extracts_without_error_and_offsets_hold(parts: list[str]) -> None:
    text = "".join(parts)
    for figure in figures(text, year=2024):
        assert text[figure.start : figure.end] == figure.surface
        assert figure.start < figure.end


def test_a_time_after_the_report_makes_targets_anywhere() -> None:
    found = figures("到2030年，地区生产总值年均增长5%左右。2025年地区生产总值增长5.2%。", year=2026)
    assert [(f.status, f.period) for f in found] == [("target", "2030"), ("actual", "2025")]
    plan_period = figures("“十五五”时期森林覆盖率达到60%。“十四五”时期累计增长30%。", year=2026)
    assert [f.status for f in plan_period] == ["target", "actual"]


def test_plan_words_inside_names_do_not_make_targets() -> None:
    text = (
        "推进“百团千企”行动计划，营养改善计划惠及3600多万农村学生；努力争取更好结果，收入增长3%。"
    )
    assert [f.status for f in figures(text)] == ["actual", "actual"]


def test_a_chapter_that_reviews_and_plans_turns_to_the_plan_at_its_first_future_time() -> None:
    title = "“十四五”时期发展成就和“十五五”时期主要目标任务"
    text = (
        f"{title}\n五年来地区生产总值年均增长5.2%。\n到2035年基本实现现代化。\n研发投入占比6%以上。"
    )
    node = chapter(text, title, 0, len(text))
    node.paragraphs = [
        Span(m, n, text[m:n])
        for m, n in ((len(title) + 1, text.index("\n到")), (text.index("到"), len(text)))
    ]
    doc = Document(text, "<test>", "utf-8", None, Meta(year=2026), [], [node], [], [])
    assert [f.status for f in extract_figures(doc)] == ["actual", "target"]


def test_an_opening_clause_names_what_the_next_one_counts() -> None:
    found = figures(
        "城镇居民家庭人均可支配收入，由１９９７年的５１６０元增加到２００２年的７７０３元。"
    )
    assert [(f.indicator, f.change_kind, f.period) for f in found] == [
        ("城镇居民家庭人均可支配收入", None, "1997"),
        ("城镇居民家庭人均可支配收入", "to", "2002"),
    ]


def test_objects_linked_by_de_and_streaks_of_a_predicate() -> None:
    found = by_surface("完成800户的改造任务；71%的煤电机组实现超低排放；连续4年获评最佳口碑省份。")
    assert found["800户"].indicator == "完成改造任务"
    assert found["71%"].indicator == "煤电机组"
    assert (found["4年"].indicator, found["4年"].kind) == ("获评最佳口碑省份", "streak")
    kept = figures("群众安全感连续7年保持98%以上。")
    assert [(f.surface, f.indicator) for f in kept] == [
        ("7年", "群众安全感"),
        ("98%", "群众安全感"),
    ]


def test_respectively_after_a_list_of_figures_takes_their_indicators() -> None:
    text = "第一产业增加值142145万元，第二产业增加值626858万元，分别比上年增长4.0%、9.2%。"
    growth = figures(text)[2:]
    assert [(f.indicator, f.change, f.change_kind) for f in growth] == [
        ("第一产业增加值", "比上年增长", "yoy_rel"),
        ("第二产业增加值", "比上年增长", "yoy_rel"),
    ]


# Sentences of reports with no gold labels, each a regression of a general rule.


def test_plenum_ordinals_and_size_classes_are_not_figures() -> None:
    # hubei_2026
    assert figures("根据党的二十届四中全会和省委十二届十一次全会精神，省政府编制了规划纲要。") == []
    found = figures("武汉跨入地区生产总值两万亿级城市行列，新增荆州、孝感、黄冈3个过三千亿元城市。")
    assert [f.surface for f in found] == ["3个"]
    found = figures("新增软件和研发设计等4个过五千亿、北斗应用等4个过千亿新兴产业。")
    assert [f.surface for f in found] == ["4个", "4个"]
    assert [(f.value, f.unit) for f in found] == [(Decimal(4), "个")] * 2


def test_a_list_of_examples_before_a_count_leaves_the_object_as_indicator() -> None:
    # hubei_2026: the examples are some of the projects, the object names them all
    (count,) = figures(
        "大力推进三峡水运新通道、沿江高铁宜涪段、长江存储三期等1.22万个"
        "亿元以上新建续建项目建设，以有效投资的扩量提质助推全省高质量发展一路前行。"
    )
    assert (count.value, count.unit, count.indicator) == (
        Decimal("1.22"),
        "万个",
        "亿元以上新建续建项目",
    )
    # beijing_2026: a verb opening the examples stays with the object
    (works,) = figures("实施杜家坎等30项市级疏堵工程。")
    assert works.indicator == "实施市级疏堵工程"


def test_the_work_on_counted_things_is_not_part_of_them() -> None:
    # hubei_2026
    _, areas = figures("稳妥推进55个扩面试点项目、30个城市更新重点片区建设，让更多群众住上好房子。")
    assert areas.indicator == "城市更新重点片区"


def test_a_count_opening_its_clause_keeps_the_verbs_that_say_what_was_counted() -> None:
    # guangdong_2026 and hubei_2026: "企业" alone would say nothing of the 11
    (firms,) = figures("突破核心技术，11家企业入选全球人形机器人上市公司百强。")
    assert firms.indicator == "企业入选全球人形机器人上市公司百强"
    sites, works = figures("6个遗址入选“中国百年百大考古发现”，12部文艺作品获得“五个一工程”奖。")
    assert sites.indicator == "遗址入选“中国百年百大考古发现”"
    assert works.indicator == "文艺作品获得“五个一工程”奖"
    # after a verb of its own the count still takes only its object
    (plants,) = figures("完成478家沿江化工企业关改搬转。")
    assert plants.indicator == "完成沿江化工企业关改搬转"


def test_an_object_between_two_numbers_leaves_the_bound_to_the_second() -> None:
    # beijing_2026
    funds, raised = figures("8支市级高精尖产业基金带动社会投资超千亿元。")
    assert funds.indicator == "市级高精尖产业基金带动社会投资"
    assert (raised.value, raised.unit, raised.bound, raised.qualifiers) == (
        Decimal(1000),
        "亿元",
        ">",
        ("超",),
    )
    assert raised.indicator == funds.indicator


def test_objects_keep_words_that_only_contain_a_stop() -> None:
    # tianjin_2026: 要 of 重要 is no modal verb ending the object
    roads, projects = figures(
        "维修改造机场大道、友谊路等58条重要道路，新开工郁江新里等8个更新项目。"
    )
    assert roads.indicator == "维修改造重要道路"
    assert projects.indicator == "新开工更新项目"


def test_a_count_opening_its_clause_with_a_bare_predicate_keeps_its_topic() -> None:
    # national_2018
    (pupils,) = figures("加大对各类学校家庭困难学生资助力度，4.3亿人次受益。")
    assert pupils.indicator == "加大对各类学校家庭困难学生资助力度"
    _, people = figures("城镇新增就业6600万人以上，13亿多人口的大国实现了比较充分就业。")
    assert (people.value, people.unit, people.bound, people.indicator) == (
        Decimal(13),
        "亿",
        ">",
        "人口",
    )


def test_modal_words_opening_an_indicator_are_dropped() -> None:
    # hubei_2026, shortened: 将继续 says when, not what is counted
    (projects,) = figures("今年将继续实施民生实事项目60项，涵盖就业、教育等领域。")
    assert projects.indicator == "实施民生实事项目"


def test_a_share_judged_by_the_noun_after_it_keeps_its_own_indicator() -> None:
    # hailar_district_2019
    (rate, _) = figures("城镇登记失业率控制在3.5%的较低水平，提供小额担保贷款227万元。")
    assert rate.indicator == "城镇登记失业率"
    # hubei_2026: with no words before it, the judging noun is all there is
    (goal,) = figures("5.5%左右的预期增长目标与“十五五”发展目标总体衔接。")
    assert (goal.indicator, goal.kind, goal.bound) == ("预期增长目标", "growth", "~")


def test_names_listed_before_one_indicator_share_it() -> None:
    # hubei_2026
    asean, eu = figures("对东盟、欧盟进出口分别增长16.7%、40.2%，高端装备成为新增长点。")
    assert (asean.indicator, eu.indicator) == ("对东盟进出口", "对欧盟进出口")
    # guangdong_2026
    _, gz, sz = figures(
        "新增地铁运营里程171.7公里，广州、深圳地铁线网单日最高客运量分别达1409万、1305万人次。"
    )
    assert (gz.indicator, sz.indicator) == (
        "广州地铁线网单日最高客运量",
        "深圳地铁线网单日最高客运量",
    )
    # the listed indicators of their own stay apart
    care, kindergarten = figures("普惠托位率、公办幼儿园覆盖率分别达72.9%、66%。")
    assert (care.indicator, kindergarten.indicator) == ("普惠托位率", "公办幼儿园覆盖率")


def test_a_threshold_crossed_is_a_lower_bound_not_a_thing_counted() -> None:
    # beijing_2026
    four, five = figures("经济总量连续迈上4万亿、5万亿两个台阶，蹚出一条新路子。")
    for figure in (four, five):
        assert (figure.indicator, figure.bound) == ("经济总量", ">=")
        assert "迈上" in figure.qualifiers


def test_a_clause_joined_by_a_list_comma_is_not_part_of_the_indicator() -> None:
    # national_2018
    (fraction,) = figures("中央对地方一般性转移支付规模大幅增加、专项转移支付项目减少三分之二。")
    assert (fraction.indicator, fraction.direction) == ("专项转移支付项目", "down")
    # a verb opening a list of objects governs them all
    (pipes,) = figures("新建改造供热、供排水、燃气老旧管网6562公里。")
    assert pipes.indicator == "新建改造供热、供排水、燃气老旧管网"


def test_numbers_with_chinese_places_keep_their_change() -> None:
    # national_2018
    before, after = figures("日均新设企业由5千多户增加到1万6千多户。")
    assert (before.value, before.unit, before.bound) == (Decimal(5000), "户", ">")
    assert (after.value, after.change_kind, after.indicator) == (
        Decimal(16000),
        "to",
        "日均新设企业",
    )


def test_a_modal_is_not_part_of_the_indicator() -> None:
    # national_2018
    (emissions,) = figures("化学需氧量、氨氮排放量要下降2%。")
    assert emissions.indicator == "化学需氧量、氨氮排放量"
    (rail,) = figures("要完成铁路投资7320亿元。")
    assert rail.indicator == "铁路投资"
    # 要 opening a word stays
    (funds,) = figures("要素保障资金10亿元。")
    assert funds.indicator == "要素保障资金"


def test_a_bare_verb_counts_what_an_earlier_clause_names() -> None:
    # national_2024: the same verb with its object earlier in the sentence
    text = (
        "从今年开始拟连续几年发行超长期特别国债，专项用于国家重大战略实施和"
        "重点领域安全能力建设，今年先发行1万亿元。"
    )
    (bonds,) = figures(text, 2024)
    assert (bonds.indicator, bonds.status) == ("超长期特别国债", "target")
    # the topic of the clause before
    (housing,) = figures("保障性住房建设加快推进，今年开工580万套。")
    assert housing.indicator == "保障性住房"
    # a noun a change is of is no verb, however it can be read (guangdong_2026)
    (invest,) = figures("健全市场主导、政府推动的投资内生增长机制，全年投资增长5%左右。")
    assert invest.indicator == "投资"


def test_a_beneficiary_count_names_what_reached_the_people() -> None:
    # hubei_2026: the figure before names what is provided
    *_, households = figures("改造老旧小区1.84万个，惠及310多万户。")
    assert households.indicator == "老旧小区惠及户数"
    # national_2018: the clause before, with no figure of its own
    (people,) = figures("建立困难和重度残疾人“两项补贴”制度，惠及2100多万人。")
    assert people.indicator == "困难和重度残疾人“两项补贴”制度惠及人数"


def test_a_figure_the_text_calls_a_goal_is_a_target() -> None:
    # hubei_2026, in a chapter that neither reviews nor plans
    (growth,) = figures("5.5%左右的预期增长目标与“十五五”发展目标总体衔接。")
    assert (growth.status, growth.bound) == ("target", "~")
    assert "预期增长目标" in growth.qualifiers
    # a level judged by 的 is no goal (hailar_district_2017)
    (jobless,) = figures("城镇登记失业率控制在3.5%的较低水平。")
    assert (jobless.indicator, jobless.status) == ("城镇登记失业率", "actual")


def test_a_listed_head_is_shared_by_every_member() -> None:
    # qinghai_2026: names of one kind share the indicator after the last one
    high, equipment = figures("高技术制造业、装备制造业增加值分别增长9.5%、10.7%。")
    assert (high.indicator, equipment.indicator) == ("高技术制造业增加值", "装备制造业增加值")
    # chongqing_2026: 及 inside 普及率 joins nothing
    rates = figures(
        "农村卫生厕所普及率、生活垃圾分类行政村覆盖率、生活污水治理率分别提高到88%、83.6%、87.5%。"
    )
    assert [f.indicator for f in rates] == [
        "农村卫生厕所普及率",
        "生活垃圾分类行政村覆盖率",
        "生活污水治理率",
    ]
    # jiangsu_2026: 分别 after the base of the change
    accidents, deaths = figures("生产安全事故起数、死亡人数比2020年分别下降65.3%、58.3%。")
    assert (accidents.indicator, deaths.indicator) == ("生产安全事故起数", "死亡人数")


def test_a_pair_word_is_two_members_and_later_figures_follow_them() -> None:
    # jiangsu_2026
    text = "城乡居民人均可支配收入分别达6.9万元、3.4万元，增长4.2%、5.3%。"
    names = [f.indicator for f in figures(text)]
    assert names == ["城镇居民人均可支配收入", "农村居民人均可支配收入"] * 2
    # shaanxi_2026
    deposits, loans = figures("金融机构人民币存贷款余额分别增长6.9％、6.6％。")
    assert (deposits.indicator, loans.indicator) == (
        "金融机构人民币存款余额",
        "金融机构人民币贷款余额",
    )


@pytest.mark.parametrize(
    "text",
    [
        "实现上述目标，要重点抓好十一个方面工作。",  # chongqing_2026
        "重点抓好以下14个方面的工作：",  # guangdong_2026
        "一年来，主要做了6个方面工作：",  # shaanxi_2026
        "《纲要草案》具体部署了13项任务举措：一是坚守职责使命。",  # beijing_2026
    ],
)
def test_a_count_framing_the_reports_own_list_is_no_figure(text: str) -> None:
    assert figures(text) == []


def test_a_count_of_work_done_stays_a_figure() -> None:
    # qinghai_2026: 项 without a colon after it counts real things
    (reports,) = figures("向省人大常委会报告专项工作27项。")
    assert reports.value == 27


def test_a_rank_names_its_ranking() -> None:
    # shaanxi_2026
    (place,) = figures("人均生产总值居全国第12位。")
    assert (place.kind, place.indicator) == ("rank", "人均生产总值全国排名")


def test_a_list_word_between_base_and_verb_is_no_part_of_the_change() -> None:
    # hailar_district_2019
    town, village = figures("城乡常住居民人均可支配收入同比分别增长6.5%、9.4%。")
    assert (town.change, village.change) == ("同比增长", "同比增长")
    assert town.change_kind == "yoy_rel"
    assert "分别" in town.qualifiers
    assert village.indicator == "农村常住居民人均可支配收入"


def test_a_rank_with_nothing_ranked_before_it_places_the_figure_before() -> None:
    # national_2003
    text = "其中高速公路由４７７１公里增加到２．５２万公里，从居世界第三十九位跃升到第二位。"
    place = next(f for f in figures(text) if f.surface == "第三十九位")
    assert (place.kind, place.indicator) == ("rank", "高速公路世界排名")


def test_a_top_share_entered_is_part_of_what_is_counted() -> None:
    # chongqing_2026, shaanxi_2026
    top, top_permille = figures("85个学科进入ESI世界学科排名前1％、9个学科进入前1‰。")
    assert (top.value, top.unit, top.indicator) == (85, "个", "学科进入ESI世界学科排名前1％")
    assert (top_permille.value, top_permille.indicator) == (9, "学科进入前1‰")
    (subjects,) = figures("21个学科进入ESI前千分之一。")
    assert subjects.indicator == "学科进入ESI前千分之一"


def test_bare_names_listed_before_a_full_indicator_share_its_head_noun() -> None:
    # guangdong_2026
    crime, fraud, drugs = figures("刑事治安、涉诈、涉毒警情分别下降17.7%、17.4%、68%。")
    assert [f.indicator for f in (crime, fraud, drugs)] == ["刑事治安警情", "涉诈警情", "涉毒警情"]
    # shaanxi_2026
    giants, champions = figures("国家专精特新“小巨人”、单项冠军企业分别达到247家、35家。")
    assert giants.indicator == "国家专精特新“小巨人”企业"
    assert champions.indicator == "单项冠军企业"
    # chongqing_2026: full indicators keep their own words
    rates = figures(
        "学前教育毛入园率、义务教育巩固率、高中阶段和高等教育毛入学率"
        "分别达到93.5%、98.3%、98.5%、64.3%。"
    )
    assert [f.indicator for f in rates] == [
        "学前教育毛入园率",
        "义务教育巩固率",
        "高中阶段毛入学率",
        "高等教育毛入学率",
    ]


def test_a_ratio_named_by_abbreviation_is_completed_from_the_count_before() -> None:
    # shijingshan_2025 (gold F50)
    _, ratio = figures("新增电动自行车充电接口9371个，达到车桩比3:1配建要求。")
    assert (ratio.kind, ratio.indicator) == ("ratio", "电动自行车车桩比")


def test_a_verb_reaching_a_level_is_no_part_of_the_indicator_unless_it_modifies() -> None:
    # qinghai_2026
    (share,) = figures("达到服务能力标准的乡镇卫生院占比提高到90%以上。")
    assert share.indicator == "达到服务能力标准的乡镇卫生院占比"


def test_a_share_carried_from_a_subject_verb_object_count_is_of_the_object() -> None:
    # shijingshan_2025 (gold F49)
    count, share = figures(
        "科幻产业集聚区集聚科幻企业和机构突破200家、占全市科幻企业总数近三分之一。"
    )
    assert count.indicator == "科幻产业集聚区集聚科幻企业和机构"
    assert share.indicator == "科幻企业和机构占全市科幻企业总数比重"


def test_a_streak_opening_its_clause_is_about_the_thing_measured_before() -> None:
    # shijingshan_2025 (gold F51), jiangsu_2026
    _, streak = figures("细颗粒物年均浓度31.1微克/立方米，连续4年稳定达标。")
    assert (streak.kind, streak.indicator) == ("streak", "细颗粒物稳定达标")
    _, streak = figures("PM2.5年均浓度较“十三五”末改善16.5%，连续5年达国家二级标准。")
    assert streak.indicator == "PM2.5达国家二级标准"


def test_a_figure_named_only_as_a_target_takes_what_the_target_was_set_for() -> None:
    # hubei_2026: the targets, then a paragraph back on one of them
    text = (
        "主要预期目标是：经济增长5.5%左右；城镇调查失业率5.5%左右。\n"
        "5.5%左右的预期增长目标与发展目标总体衔接。"
    )
    growth, jobless, again = figures(text)
    assert (growth.indicator, jobless.indicator) == ("经济增长", "城镇调查失业率")
    assert (again.indicator, again.kind, again.status) == ("经济增长", "growth", "target")
    assert "预期增长目标" in again.qualifiers


def test_a_bare_verb_counts_the_topic_of_the_plan_started_before_it() -> None:
    # national_2018
    (housing,) = figures("启动新的三年棚改攻坚计划，今年开工580万套。")
    assert (housing.indicator, housing.value, housing.unit) == ("棚改", 580, "万套")


def test_the_have_of_existence_is_dropped_but_not_a_word_opening_with_it() -> None:
    # wanzai_county_tongjigongbao_2015
    (irrigated,) = figures("2015年，有效灌溉面积22980公顷。")
    assert irrigated.indicator == "有效灌溉面积"
    (firms,) = figures("全区有高新技术企业120家。")
    assert firms.indicator == "高新技术企业"


def test_a_time_adverb_opening_an_indicator_is_dropped() -> None:
    # people_cn_henan_2024
    (tractors,) = figures("目前拖拉机保有量319万台。")
    assert tractors.indicator == "拖拉机保有量"


def test_a_per_area_word_is_no_qualifier() -> None:
    # people_cn_henan_2024: 均 of 亩均 is the per-mu of the measure
    (gain,) = figures("亩均增产25斤。")
    assert (gain.indicator, gain.change) == ("亩均", "增产")
    assert "均" not in gain.qualifiers
