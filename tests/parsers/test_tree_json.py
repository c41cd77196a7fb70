"""The JSON form of a Document: exactly the published fields, offsets into the text."""

from __future__ import annotations

import json

from parsers.document_json import document_to_dict
from parsers.model import LoadedText
from parsers.tree import build_document

REPORT = """下载
政府工作报告
——2024年3月5日在第十四届全国人民代表大会第二次会议上
国务院总理 李强
各位代表：
一、2023年工作回顾
（一）经济回升向好。增长5.2%。
附件
名词解释
"""


def test_document_json_has_exactly_the_published_fields() -> None:
    doc = build_document(LoadedText(REPORT, "<test>", "utf-8", "text"))
    data = json.loads(json.dumps(document_to_dict(doc), ensure_ascii=False))
    assert list(data) == ["title", "meta", "front", "children", "appendices", "dropped"]
    assert list(data["meta"]) == ["region", "level", "year", "date", "speaker", "meeting"]
    chapter = data["children"][0]
    assert list(chapter) == [
        "kind",
        "number",
        "heading",
        "title",
        "paragraphs",
        "children",
        "start",
        "end",
    ]
    section = chapter["children"][0]
    assert (section["kind"], section["number"], section["title"]) == (
        "section",
        "一",
        "经济回升向好。",
    )
    for span in [*data["front"], *data["dropped"], *section["paragraphs"]]:
        assert list(span) == ["text", "start", "end"]
        assert REPORT[span["start"] : span["end"]] == span["text"]
    assert data["dropped"][0]["text"] == "下载"
    assert data["appendices"][0]["kind"] == "appendix"


def test_absent_meta_is_null() -> None:
    doc = build_document(LoadedText("没有标题的一段文字。", "<test>", "utf-8", "text"))
    data = json.loads(json.dumps(document_to_dict(doc)))
    assert data["title"] is None
    assert set(data["meta"].values()) == {None}
