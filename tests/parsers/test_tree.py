"""The section tree on small reports written the ways real ones are."""

from __future__ import annotations

from test_lossless import assert_lossless, assert_nested

from parsers.model import Document, LoadedText, Node, Span
from parsers.sanitize import neutralize
from parsers.tree import build_document, cn_number


def build(text: str, chrome: tuple[Span, ...] = ()) -> Document:
    return build_document(LoadedText(text, "<test>", "utf-8", "text", chrome))


def shape(nodes: list[Node]) -> list[tuple[str, str | None, str]]:
    return [(n.kind, n.number, n.title) for n in nodes]


NATIONAL = """政府工作报告——2024年3月5日在第十四届全国人民代表大会第二次会议上国务院总理\u2002李强
各位代表：
现在，我代表国务院，向大会报告政府工作，请予审议。
一、2023年工作回顾
过去一年，我们主要做了以下工作。
——经济总体回升向好。国内生产总值增长5.2%。
一是加大宏观调控力度。针对严峻挑战精准施策。
二、2024年政府工作任务
（一）大力推进现代化产业体系建设，加快发展新质生产力。充分发挥创新主导作用。
推动产业链供应链优化升级。保持工业经济平稳运行。
（二）深入实施科教兴国战略
加强高质量教育体系建设。全面贯彻党的教育方针。
各位代表！
使命重在担当，奋斗创造未来。
"""


def test_chapters_sections_and_items_nest_in_reading_order() -> None:
    doc = build(NATIONAL)
    assert shape(doc.children) == [
        ("chapter", "一", "2023年工作回顾"),
        ("chapter", "二", "2024年政府工作任务"),
    ]
    review, tasks = doc.children
    assert shape(review.children) == [
        ("item", None, "经济总体回升向好。"),
        ("item", "一", "加大宏观调控力度。"),
    ]
    assert shape(tasks.children) == [
        ("section", "一", "大力推进现代化产业体系建设，加快发展新质生产力。"),
        ("section", "二", "深入实施科教兴国战略"),
        ("item", None, "各位代表！"),
    ]
    assert shape(tasks.children[0].children) == [("item", None, "推动产业链供应链优化升级。")]


def test_inline_lead_sentence_heads_a_section_and_the_rest_is_its_paragraph() -> None:
    doc = build(NATIONAL)
    section = doc.children[1].children[0]
    assert section.heading == "（一）大力推进现代化产业体系建设，加快发展新质生产力。"
    assert section.heading_span.text == section.heading
    assert [p.text for p in section.paragraphs] == ["充分发挥创新主导作用。"]
    first = section.paragraphs[0]
    assert doc.text[first.start : first.end] == first.text


def test_closing_exhortation_stays_in_the_last_chapter() -> None:
    doc = build(NATIONAL)
    last = doc.children[-1]
    closing = NATIONAL.index("使命重在担当")
    assert last.start < closing < last.end
    path = doc.path_at(closing)
    assert [(n.kind, n.title) for n in path] == [("chapter", last.title), ("item", "各位代表！")]


def test_front_holds_title_block_greeting_and_opening() -> None:
    doc = build(NATIONAL)
    assert [s.text[:6] for s in doc.front] == ["政府工作报告", "各位代表：", "现在，我代表"]
    assert doc.title == "政府工作报告"
    assert doc.meta.speaker == "李强"


def test_path_at_finds_chapter_section_and_item() -> None:
    doc = build(NATIONAL)
    offset = NATIONAL.index("保持工业经济平稳运行")
    assert [n.kind for n in doc.path_at(offset)] == ["chapter", "section", "item"]
    assert doc.path_at(NATIONAL.index("各位代表：")) == []


HAILAR = (
    "政 府 工 作 报 告\r\n\r\n"
    "——2019年3月4日在呼伦贝尔市海拉尔区第十五届人民代表大会第三次会议上\r\n\r\n"
    "呼伦贝尔市海拉尔区人民政府代区长  萨国文\r\n\r\n"
    "各位代表：\r\n\r\n"
    "　　一、２０１８年工作回顾\r\n\r\n"
    "　　(一)三大攻坚战强力突破。坚决贯彻落实上级部署。\r\n\r\n"
    "　　(二)城市建管水平有效提升。投资１１００万元。\r\n\r\n"
    "　　二、2019年工作安排\r\n\r\n"
    "　　(一)围绕决胜全面建成小康社会，全力打好三大攻坚战\r\n\r\n"
    "　　继续把打好三大攻坚战作为政治考验。\r\n"
)


def test_crlf_fullwidth_digits_halfwidth_brackets_and_indentation() -> None:
    doc = build(HAILAR)
    assert shape(doc.children) == [
        ("chapter", "一", "２０１８年工作回顾"),
        ("chapter", "二", "2019年工作安排"),
    ]
    assert [c.title for c in doc.children[0].children] == [
        "三大攻坚战强力突破。",
        "城市建管水平有效提升。",
    ]
    assert doc.title == "政府工作报告"
    assert all("\r" not in s.text and not s.text.startswith("　") for s in doc.front)


GUANGDONG_END = """政府工作报告
各位代表：
一、2025年工作回顾
主要做了以下工作。
二、2026年工作安排
（一）推动城市高质量发展。
各位代表！奋进正当其时，实干成就未来。
附件1
2026年省十件民生实事
一、提高低保和重点群体救助保障水平。
农村低保标准提高。
二、加快建立长期护理保险制度。
附件2
名词解释
1.“四上”企业：
对达到一定规模的法人单位的习惯称谓。
2.“双高计划”：
中国特色高水平高职学校和专业建设计划。
"""


def test_appendix_numbering_never_makes_chapters() -> None:
    doc = build(GUANGDONG_END)
    assert [c.number for c in doc.children] == ["一", "二"]
    assert shape(doc.appendices) == [
        ("appendix", "1", "2026年省十件民生实事"),
        ("appendix", "2", "名词解释"),
    ]
    first, second = doc.appendices
    assert first.heading == "附件1 2026年省十件民生实事"
    assert [(c.kind, c.number) for c in first.children] == [("item", "一"), ("item", "二")]
    assert [c.number for c in second.children] == ["1", "2"]
    assert doc.children[-1].end < first.start


def test_appendix_markers_with_colons_and_bare_titles() -> None:
    doc = build(
        "各位代表：\n一、回顾\n正文。\n附：名词解释\n1.新质生产力：\n解释。\n注释\n①指某某。\n"
    )
    assert [c.title for c in doc.children] == ["回顾"]
    assert shape(doc.appendices) == [("appendix", None, "名词解释"), ("appendix", None, "注释")]
    assert [c.number for c in doc.appendices[0].children] == ["1"]


def test_appendix_words_inside_the_body_are_not_appendices() -> None:
    doc = build("各位代表：\n一、回顾\n附近的企业加快发展，带动就业。\n附件材料齐全后即可办理。\n")
    assert doc.appendices == []
    assert len(doc.children[0].paragraphs) == 2


def test_numbered_list_out_of_sequence_is_an_item_not_a_chapter() -> None:
    doc = build(
        "各位代表：\n一、工作回顾\n主要有三点体会。\n一、坚持稳中求进\n二、坚持改革开放\n"
        "二、今年工作安排\n（一）扩大内需\n（一）这是重复的编号。\n"
    )
    assert [c.title for c in doc.children] == ["工作回顾", "今年工作安排"]
    assert shape(doc.children[0].children) == [
        ("item", "一", "坚持稳中求进"),
        ("item", "二", "坚持改革开放"),
    ]
    assert shape(doc.children[1].children) == [("section", "一", "扩大内需")]
    assert shape(doc.children[1].children[0].children) == [("item", "一", "这是重复的编号。")]


def test_unnumbered_headings_of_a_newspaper_reprint_become_chapters() -> None:
    doc = build(
        "政府工作报告\n各位代表：\n现在，我代表市人民政府向大会报告工作，请予审议。\n"
        "“十四五”时期工作回顾\n五年来，我们砥砺前行，经济实力显著增强。\n"
        "2026年工作安排\n今年是开局之年，做好工作意义重大。\n"
        "（一）扩大内需\n大力提振消费。促进消费稳定增长。\n"
    )
    assert shape(doc.children) == [
        ("chapter", None, "“十四五”时期工作回顾"),
        ("chapter", None, "2026年工作安排"),
    ]
    assert shape(doc.children[1].children) == [("section", "一", "扩大内需")]


def test_unnumbered_heading_over_numbered_chapters_is_a_part() -> None:
    doc = build(
        "各位代表：\n2025年工作回顾\n一、经济运行\n增长5%。\n二、改革开放\n成效明显。\n"
        "2026年工作安排\n一、扩大内需\n提振消费。\n"
    )
    assert shape(doc.children) == [
        ("part", None, "2025年工作回顾"),
        ("part", None, "2026年工作安排"),
    ]
    assert [c.title for c in doc.children[0].children] == ["经济运行", "改革开放"]
    assert [c.title for c in doc.children[1].children] == ["扩大内需"]


def test_chapter_word_forms_count_as_chapters() -> None:
    doc = build("各位代表：\n第一部分 过去一年的工作\n正文。\n第二部分 今年的任务\n正文。\n")
    assert shape(doc.children) == [
        ("chapter", "一", "过去一年的工作"),
        ("chapter", "二", "今年的任务"),
    ]


def test_numbered_parts_over_numbered_chapters_hold_them() -> None:
    doc = build(
        "各位代表：\n第一部分 2024年工作回顾\n过去一年增长5.2%。\n一、稳增长\n"
        "（一）扩大投资。完成投资300亿元。\n（二）提振消费。\n二、抓改革\n（一）深化国企改革。\n"
        "第二部分 2025年工作安排\n一、扩大内需\n1.实施项目攻坚。\n2.促进消费。\n二、推动创新\n"
        "第三部分 加强政府自身建设\n各位代表，新征程催人奋进。\n"
    )
    assert shape(doc.children) == [
        ("part", "一", "2024年工作回顾"),
        ("part", "二", "2025年工作安排"),
        ("part", "三", "加强政府自身建设"),
    ]
    review, plan, _ = doc.children
    assert shape(review.children) == [("chapter", "一", "稳增长"), ("chapter", "二", "抓改革")]
    assert [s.title for s in review.children[0].children] == ["扩大投资。", "提振消费。"]
    assert shape(plan.children) == [("chapter", "一", "扩大内需"), ("chapter", "二", "推动创新")]
    assert [i.number for i in plan.children[0].children] == ["1", "2"]


def test_text_without_headings_becomes_one_flat_chapter() -> None:
    doc = build("某某区政府工作报告\n各位代表：\n现在，我代表区政府报告工作。\n一年来成绩显著。\n")
    assert len(doc.children) == 1
    flat = doc.children[0]
    assert (flat.kind, flat.number, flat.heading, flat.title) == (
        "chapter",
        None,
        "",
        "某某区政府工作报告",
    )
    assert [p.text for p in flat.paragraphs] == ["一年来成绩显著。"]
    untitled = build("随便一段文字，没有任何标题。\n又一段。")
    assert untitled.children[0].title == "全文"
    assert untitled.title is None


def test_empty_and_blank_text_yield_empty_documents() -> None:
    for text in ("", "\n\r\n　　 \n"):
        doc = build(text)
        assert (doc.front, doc.children, doc.appendices, doc.dropped) == ([], [], [], [])


def test_standalone_lead_lines_are_items_that_own_the_paragraph_below() -> None:
    doc = build(
        "各位代表：\n一、2025年工作回顾\n生态底色更加亮丽。\n始终坚持生态优先、绿色发展，守护中华水塔。\n"
        "经济运行持续向好。\n精准落实宏观政策，全年增长5%。\n"
    )
    items = doc.children[0].children
    assert shape(items) == [
        ("item", None, "生态底色更加亮丽。"),
        ("item", None, "经济运行持续向好。"),
    ]
    assert [p.text for p in items[0].paragraphs] == ["始终坚持生态优先、绿色发展，守护中华水塔。"]


def test_front_date_lines_with_any_dash_stay_in_front() -> None:
    for dash in ("——", "—", "--", "----", "――"):
        subtitle = f"{dash}2026年1月27日在青海省第十四届人民代表大会第四次会议上"
        doc = build(f"政府工作报告\n{subtitle}\n各位代表：\n一、回顾\n")
        assert [s.text for s in doc.front] == ["政府工作报告", subtitle, "各位代表："]
        assert doc.meta.date == "2026-01-27"


def test_chrome_lines_and_loader_chrome_go_to_dropped() -> None:
    text = (
        "下载\n打印\n【字号：\n政府工作报告\n各位代表：\n"
        "一、回顾\n导航 首页 关于我们\n正文段落。\n相关报道：\n"
    )
    nav = text.index("导航")
    end = text.index("\n", nav)
    doc = build(text, chrome=(Span(nav, end, text[nav:end]),))
    assert [s.text for s in doc.dropped] == [
        "下载",
        "打印",
        "【字号：",
        "导航 首页 关于我们",
        "相关报道：",
    ]
    assert [s.text for s in doc.front] == ["政府工作报告", "各位代表："]
    assert [p.text for p in doc.children[0].paragraphs] == ["正文段落。"]


def test_cn_number_reads_heading_numerals() -> None:
    assert [cn_number(n) for n in ("一", "十", "十四", "二十", "二十一", "一百", "１２")] == [
        1,
        10,
        14,
        20,
        21,
        100,
        12,
    ]
    assert cn_number("甲") is None
    assert [cn_number(n) for n in ("壹", "拾", "拾贰", "贰拾")] == [1, 10, 12, 20]


def test_wrapped_headings_keep_their_marks_but_titles_drop_them() -> None:
    doc = build(
        "各位代表：\n【一、2025年工作回顾】\n过去一年，经济平稳运行。\n"
        "**（一）三大攻坚战强力突破。**脱贫成果巩固。\n**（二）城市建管水平有效提升**\n"
        "道路修缮完成。\n【二、2026年工作安排】\n全年目标如下。\n"
    )
    assert shape(doc.children) == [
        ("chapter", "一", "2025年工作回顾"),
        ("chapter", "二", "2026年工作安排"),
    ]
    assert doc.children[0].heading == "【一、2025年工作回顾】"
    sections = doc.children[0].children
    assert shape(sections) == [
        ("section", "一", "三大攻坚战强力突破。"),
        ("section", "二", "城市建管水平有效提升"),
    ]
    assert sections[0].heading == "**（一）三大攻坚战强力突破。**"
    assert [p.text for p in sections[0].paragraphs] == ["脱贫成果巩固。"]


def test_financial_numerals_number_chapters() -> None:
    doc = build("各位代表：\n壹、工作回顾\n经济平稳运行。\n贰、工作安排\n全年目标如下。\n")
    assert shape(doc.children) == [("chapter", "壹", "工作回顾"), ("chapter", "贰", "工作安排")]


def test_a_list_restarting_inside_a_section_never_takes_the_next_section_number() -> None:
    doc = build(
        "各位代表：\n一、工作安排\n（一）扩大内需\n主要措施：\n"
        "（一）强化组织领导\n（二）完善工作机制\n（三）加强督查考核\n"
        "（二）深化改革\n推进国资国企改革。\n完善要素市场。\n"
        "（一）优化营商环境。落实各项政策。\n（二）提升政务服务。推行一网通办。\n"
        "（三）做好安全生产。压实安全责任。\n"
    )
    sections = doc.children[0].children
    assert shape(sections) == [("section", "一", "扩大内需"), ("section", "二", "深化改革")]
    assert [n.number for n in sections[0].children] == ["一", "二", "三"]
    assert [n.kind for n in sections[1].children] == ["item"] * 3


def test_a_list_inside_a_chapter_never_takes_the_next_chapter_number() -> None:
    doc = build(
        "各位代表：\n一、过去五年工作回顾\n主要体会是：\n一、坚持党的全面领导\n"
        "二、坚持以人民为中心\n这些经验弥足珍贵。\n我们将长期坚持。\n"
        "二、今年工作安排\n全年目标如下。\n"
    )
    assert [c.title for c in doc.children] == ["过去五年工作回顾", "今年工作安排"]
    assert [n.number for n in doc.children[0].children] == ["一", "二"]


def test_a_section_run_on_after_a_sentence_end_is_split_out() -> None:
    text = (
        "各位代表：\n一、工作回顾\n（一）经济运行稳中有进。全年增长5%。"
        "（二）改革开放持续深化。如上所述（三）项工作，完成良好。（三）民生保障扎实有力。就业稳定。\n"
    )
    doc = build(text)
    sections = doc.children[0].children
    assert shape(sections) == [
        ("section", "一", "经济运行稳中有进。"),
        ("section", "二", "改革开放持续深化。"),
        ("section", "三", "民生保障扎实有力。"),
    ]
    assert [p.text for p in sections[1].paragraphs] == ["如上所述（三）项工作，完成良好。"]
    assert all(doc.text[n.start : n.start + len(n.heading)] == n.heading for n in sections)


def test_a_chapter_heading_run_on_into_its_body_ends_at_its_full_stop() -> None:
    doc = build(
        "各位代表：\n一、2025年工作回顾。过去一年，经济平稳运行。\n"
        "一、二季度经济增长较快。三季度有所放缓。\n"
        "二、2026年工作安排\u3000全年目标如下。\n"
    )
    assert shape(doc.children) == [
        ("chapter", "一", "2025年工作回顾。"),
        ("chapter", "二", "2026年工作安排"),
    ]
    review, plan = doc.children
    assert [p.text for p in review.paragraphs] == ["过去一年，经济平稳运行。"]
    assert [n.number for n in review.children] == ["一"]
    assert [p.text for p in plan.paragraphs] == ["全年目标如下。"]


def test_an_appendix_title_with_words_before_it_still_opens_the_appendices() -> None:
    doc = build(
        "各位代表：\n一、工作回顾\n经济平稳。\n二、工作安排\n扩大内需。\n各位代表！\n团结奋斗！\n"
        "本报告有关名词解释\n三、两新：设备更新和以旧换新。\n"
    )
    assert [c.title for c in doc.children] == ["工作回顾", "工作安排"]
    assert [a.title for a in doc.appendices] == ["本报告有关名词解释"]
    assert [n.number for n in doc.appendices[0].children] == ["三"]


def test_a_table_of_contents_names_chapters_without_heading_them() -> None:
    doc = build(
        "政府工作报告\n目  录\n一、2025年工作回顾……1\n二、2026年工作安排……5\n各位代表：\n"
        "一、2025年工作回顾\n经济平稳。\n二、2026年工作安排\n扩大内需。\n"
    )
    assert [(c.number, c.title) for c in doc.children] == [
        ("一", "2025年工作回顾"),
        ("二", "2026年工作安排"),
    ]
    assert doc.children[0].start == doc.text.index("一、2025年工作回顾\n")


def test_a_chapter_number_that_lost_its_mark_still_heads_but_a_spaced_year_does_not() -> None:
    doc = build(
        "二 〇 二 五 年 一 月\n各位代表：\n一 工作回顾\n经济平稳。\n二\u3000工作安排\n扩大内需。\n"
    )
    assert shape(doc.children) == [("chapter", "一", "工作回顾"), ("chapter", "二", "工作安排")]
    assert doc.front[0].text == "二 〇 二 五 年 一 月"


def test_a_section_heading_wrapped_onto_the_next_line_of_a_pdf_copy_is_whole() -> None:
    body = "全年地区生产总值增长百分之五左右，城镇新增就业十万人以上，居民收入稳步增长。" * 3
    paragraphs = [
        "一、工作安排",
        "（一）大力推进现代化产业体系建设，加快发展新质生产力。充分发挥创新主导作用。",
        body,
        "（二）深入实施科教兴国战略，强化高质量发展的基础支撑",
        body,
    ]
    wrapped = [p[at : at + 24] for p in paragraphs for at in range(0, len(p), 24)]
    doc = build("各位代表：\n" + "\n".join(wrapped) + "\n")
    sections = doc.children[0].children
    assert shape(sections) == [
        ("section", "一", "大力推进现代化产业体系建设，加快发展新质生产力。"),
        ("section", "二", "深入实施科教兴国战略，强化高质量发展的基础支撑"),
    ]
    assert sections[0].paragraphs[0].text == "充分发挥创新主导作用。"
    heading = sections[1].heading_span
    assert (
        doc.text[heading.start : heading.end]
        == "（二）深入实施科教兴国战略，强化高质量发展的基础\n支撑"
    )


def _wrapped(paragraphs: list[str], width: int) -> str:
    """A PDF copy: every paragraph broken at one width."""
    lines = [p[at : at + width] for p in paragraphs for at in range(0, len(p), width)]
    return "各位代表：\n" + "\n".join(lines) + "\n"


_BODY = "全年地区生产总值增长百分之五左右，城镇新增就业十万人以上，居民收入稳步增长。" * 2


def test_a_chapter_title_and_lead_sentences_wrapped_at_twenty_characters_are_whole() -> None:
    doc = build(
        _wrapped(
            [
                "一、“十四五”时期发展成就和“十五五”时期主要目标任务",
                _BODY,
                "（一）坚持以供给侧结构性改革为主线，着力培育壮大新动能，经济结构加快优化升级。"
                + _BODY,
                "（二）坚持创新引领发展，着力激发社会创造力。" + _BODY,
            ],
            20,
        )
    )
    assert shape(doc.children) == [
        ("chapter", "一", "“十四五”时期发展成就和“十五五”时期主要目标任务")
    ]
    assert [s.title for s in doc.children[0].children] == [
        "坚持以供给侧结构性改革为主线，着力培育壮大新动能，经济结构加快优化升级。",
        "坚持创新引领发展，着力激发社会创造力。",
    ]


def test_a_title_filling_the_wrap_width_keeps_the_lead_line_below_it_out() -> None:
    """Bare titles in the chapter tell that a full line was the whole title."""
    doc = build(
        _wrapped(
            [
                "一、工作安排",
                "（一）聚焦“双碳”引领，推动全面绿色转型",
                "加强生态系统保护修复。",
                _BODY,
                "（二）聚焦改革攻坚，增强高质量发展动力活力",
                "深化重点领域改革。" + _BODY,
                "（三）聚焦扩大内需，更好融入强大国内市场",
                "扩大有效投资。" + _BODY,
            ],
            20,
        )
    )
    assert [s.title for s in doc.children[0].children] == [
        "聚焦“双碳”引领，推动全面绿色转型",
        "聚焦改革攻坚，增强高质量发展动力活力",
        "聚焦扩大内需，更好融入强大国内市场",
    ]
    assert doc.children[0].children[0].children[0].title == "加强生态系统保护修复。"


def test_page_furniture_between_pages_is_dropped_and_the_title_kept() -> None:
    pages = [
        ["2025年政府工作报告", "各位代表：", "一、工作回顾", _BODY],
        ["二、工作安排", "（一）强化组织领导", _BODY],
        ["（二）完善工作机制", "（一）强化组织领导", _BODY],
    ]
    text = "\n".join(
        "\n".join(lines + ([f"- {n} -", "政府工作报告", f"第{n}页/共3页"] if n < 3 else []))
        for n, lines in enumerate(pages, 1)
    )
    doc = build(text)
    assert doc.title == "2025年政府工作报告"
    assert [s.text for s in doc.dropped] == [
        *("- 1 -", "政府工作报告", "第1页/共3页"),
        *("- 2 -", "政府工作报告", "第2页/共3页"),
    ]
    assert shape(doc.children[1].children) == [
        ("section", "一", "强化组织领导"),
        ("section", "二", "完善工作机制"),
    ]


def test_titles_a_colon_closes_and_sections_in_tortoise_shell_brackets() -> None:
    doc = build(
        "各位代表：\n一、2025年工作回顾：\n经济平稳。\n〔一〕稳住经济大盘，扩大内需：\n"
        "全年增长5%。\n〔二〕深化改革：\n改革有力。\n二、主要做法是，\n坚持稳中求进。\n"
        "二、2026年工作安排\n（ 一 ）扩大有效投资。投资增长。\n"
    )
    assert shape(doc.children) == [
        ("chapter", "一", "2025年工作回顾"),
        ("chapter", "二", "2026年工作安排"),
    ]
    assert doc.children[0].heading == "一、2025年工作回顾："
    assert shape(doc.children[0].children) == [
        ("section", "一", "稳住经济大盘，扩大内需"),
        ("section", "二", "深化改革"),
    ]
    assert shape(doc.children[1].children) == [("section", "一", "扩大有效投资。")]


def test_chapters_numbered_in_words_under_parts_stay_chapters() -> None:
    doc = build(
        "各位代表：\n第一部分　过去一年工作回顾\n第一章　经济发展\n经济平稳。\n"
        "第二章　社会民生\n民生改善。\n第二部分　今年工作安排\n第一章　扩大内需\n"
        "（一）扩大有效投资。投资增长。\n第二章　深化改革\n改革有力。\n"
    )
    assert shape(doc.children) == [
        ("part", "一", "过去一年工作回顾"),
        ("part", "二", "今年工作安排"),
    ]
    assert [shape(part.children) for part in doc.children] == [
        [("chapter", "一", "经济发展"), ("chapter", "二", "社会民生")],
        [("chapter", "一", "扩大内需"), ("chapter", "二", "深化改革")],
    ]


def test_a_pdf_copy_set_in_columns_with_indented_paragraphs_keeps_whole_titles() -> None:
    """Half-width digits take half a column, and an indented first line is full sooner."""
    body = "全年地区生产总值增长5.5%，城镇新增就业1.2万人以上，居民收入增长5%。" * 3
    paragraphs = [
        "一、工作安排",
        "（一）加快推动产业转型升级，新质生产力发展基础不断厚植",
        body,
        "（二）大力实施城市更新行动，城市功能品质大幅提升",
        body,
    ]
    lines: list[str] = []
    for paragraph in paragraphs:
        line, used = "\u3000\u3000", 2.0
        for char in paragraph:
            if used + (0.5 if char.isascii() else 1) > 24:
                lines.append(line)
                line, used = "", 0.0
            line += char
            used += 0.5 if char.isascii() else 1
        lines.append(line)
    doc = build("各位代表：\n" + "\n".join(lines) + "\n")
    assert [s.title for s in doc.children[0].children] == [
        "加快推动产业转型升级，新质生产力发展基础不断厚植",
        "大力实施城市更新行动，城市功能品质大幅提升",
    ]


def test_an_unnumbered_chapter_after_a_wrapped_opening_paragraph_heads_the_body() -> None:
    opening = "现在，我代表区人民政府，向大会报告政府工作，请予审议，并请区政协委员提出意见。"
    body = "这一年，全区经济运行稳中有进，创新创造充满活力，民生福祉不断改善。" * 3
    wrapped = [p[at : at + 20] for p in (opening, body) for at in range(0, len(p), 20)]
    doc = build("各位代表：\n" + "\n".join([*wrapped[:2], "2024年工作回顾", *wrapped[2:]]))
    assert shape(doc.children) == [("chapter", None, "2024年工作回顾")]


def test_a_wrapped_heading_closed_by_a_colon_leaves_it_out_of_the_title() -> None:
    doc = build(
        _wrapped(
            [
                "一、工作安排",
                "（一）聚焦扩大内需，更好融入强大国内市场，巩固经济向好势头：",
                _BODY,
                "（二）深化改革：",
                _BODY,
            ],
            20,
        )
    )
    first, second = doc.children[0].children
    assert first.title == "聚焦扩大内需，更好融入强大国内市场，巩固经济向好势头"
    assert first.heading.endswith("势头：")
    assert second.title == "深化改革"


def test_a_heading_a_page_break_cuts_keeps_its_title_and_loses_nothing() -> None:
    lines = _wrapped(
        ["一、工作安排", "（一）坚持转变政府职能，努力建设廉洁勤政务实高效政府", _BODY], 24
    ).split("\n")
    cut = next(k for k, line in enumerate(lines) if line.startswith("（一）")) + 1
    text = "\n".join([*lines[:cut], "— 17 —", "政府工作报告", *lines[cut:]])
    doc = build("2003年政府工作报告\n" + text)
    section = doc.children[0].children[0]
    assert section.title == "坚持转变政府职能，努力建设廉洁勤政务实高效政府"
    assert [s.text for s in doc.dropped] == ["— 17 —", "政府工作报告"]
    assert section.paragraphs[0].text == "政府"
    assert_lossless(doc)
    assert_nested(doc)


def test_a_form_feed_opening_a_page_leaves_the_heading_on_it_whole() -> None:
    """A control character opening a page (a replaced page mark) does not hide its heading."""
    text = neutralize("各位代表：\n一、回顾\n正文。\n\x07二、安排\n正文。\n\x07\x07（一）投资\n")
    doc = build(text)
    assert shape(doc.children) == [("chapter", "一", "回顾"), ("chapter", "二", "安排")]
    assert shape(doc.children[1].children) == [("section", "一", "投资")]
    assert [s.text for s in doc.dropped] == ["\ufffd", "\ufffd\ufffd"]
    assert_lossless(doc)


def test_a_section_above_the_first_chapter_of_a_part_is_no_section() -> None:
    doc = build("第一部分\n(一)\n一、一\n")
    assert shape(doc.children) == [("part", "一", "第一部分")]
    assert shape(doc.children[0].children) == [("item", "一", "(一)"), ("chapter", "一", "一")]


def test_an_indented_line_below_a_title_filling_the_width_opens_a_paragraph() -> None:
    """Where paragraphs are indented, the indented line below a full heading is not its rest."""

    def indented(paragraph: str) -> list[str]:
        lines = ["\u3000\u3000" + paragraph[:18]]
        return lines + [paragraph[at : at + 20] for at in range(18, len(paragraph), 20)]

    body = "坚决守住民生底线积极回应群众关切，繁荣社会事业发展，让人民群众有更多获得感。"
    lines = ["各位代表：", "一、工作安排", "（一）全力保障和改善民生，稳步提高生活质量"]
    lines += [*indented(body), "（二）全力加强和创新社会治理，促进和谐稳定", *indented(body * 20)]
    doc = build("\n".join(lines))
    assert [s.title for s in doc.children[0].children] == [
        "全力保障和改善民生，稳步提高生活质量",
        "全力加强和创新社会治理，促进和谐稳定",
    ]


def test_a_full_width_section_line_after_a_list_in_wrapped_text_is_a_section() -> None:
    """In a PDF copy every line is short, but a list item stops before the width."""
    paragraphs = ["一、工作回顾", "（一）推动政策落地。" + _BODY, "（二）推动创新。" + _BODY]
    paragraphs += ["（三）推动改革。" + _BODY, "主要措施："]
    paragraphs += ["（一）强化组织领导", "（二）完善工作机制", "（三）加强督查考核"]
    paragraphs += ["（四）着力推动高水平对外开放。中欧班列覆盖欧亚。" + _BODY * 5]
    doc = build(_wrapped(paragraphs, 24))
    assert [s.number for s in doc.children[0].children if s.kind == "section"] == list("一二三四")


def test_a_short_list_in_the_body_has_no_say_in_how_wrapped_headings_end() -> None:
    leads = [
        "坚持以供给侧结构性改革为主线，着力培育壮大新动能，经济结构加快优化升级。",
        "坚持创新引领发展，着力激发社会创造力，整体创新能力和效率显著提高。",
    ]
    paragraphs = ["一、工作回顾"]
    for number, lead in zip("一二", leads, strict=True):
        paragraphs += [f"（{number}）{lead}{_BODY}", "主要措施："]
        paragraphs += ["（一）强化组织领导", "（二）完善工作机制", "（三）加强督查考核"]
    doc = build(_wrapped(paragraphs, 28))
    assert [s.title for s in doc.children[0].children if s.kind == "section"] == leads
