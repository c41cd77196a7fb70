"""HTML pages in the shapes government and news sites publish reports in.

The pages are built from real report text (a checked-in excerpt, and every
corpus report when the shared corpus is present) wrapped the way the common
CMSes wrap it, so the checks are about what survives: every report line as a
line of its own, navigation only in chrome.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from parsers.chrome import is_chrome_line
from parsers.html_article import Article, extract_article
from parsers.load import load_bytes
from parsers.sniff import looks_like_html

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "html"
EXCERPT = FIXTURES / "national_2024_excerpt.txt"

NAV = ["网站首页", "政务公开", "政务服务", "互动交流", "走进本市"]
FOOTER = ["主办：某某市人民政府办公室", "网站标识码：1234567890", "网站地图", "联系我们"]
TITLE = "2024年政府工作报告"

_WS = re.compile(r"\s+")


def squeeze(text: str) -> str:
    return _WS.sub("", text)


def report_lines(path: Path = EXCERPT, encoding: str = "utf-8") -> list[str]:
    text = path.read_text(encoding=encoding)
    return [line for line in (squeeze(raw) for raw in text.splitlines()) if line]


def split(article: Article) -> tuple[list[str], list[str]]:
    """(article lines, chrome lines) of an extraction, in order."""
    inside: list[str] = []
    chrome: list[str] = []
    position = 0
    for line in article.text.split("\n"):
        in_chrome = any(s.start <= position < s.end for s in article.chrome)
        (chrome if in_chrome else inside).append(line)
        position += len(line) + 1
    return inside, chrome


def lead_split(line: str) -> tuple[str, str]:
    """A lead sentence (up to the first 。 in the first 30 characters) and the rest."""
    stop = line.find("。", 0, 30)
    return (line[: stop + 1], line[stop + 1 :]) if stop > 0 else ("", line)


def paragraph(line: str) -> str:
    lead, rest = lead_split(line)
    strong = f"<strong>{html.escape(lead)}</strong>" if lead else ""
    return f'<p style="text-indent:2em">&nbsp;&nbsp;\u3000\u3000{strong}{html.escape(rest)}</p>'


def links(items: list[str]) -> str:
    return "".join(f'<li><a href="/{i}">{html.escape(t)}</a></li>' for i, t in enumerate(items))


def trs_page(lines: list[str]) -> str:
    """TRS WCM: semantic nav/header/footer, h1 outside the body, div.TRS_Editor with <p>."""
    body = "\n".join(paragraph(line) for line in lines)
    return f"""<!DOCTYPE html>
<html><head><meta charset="gb2312"><title>{TITLE}_某某市人民政府</title>
<script>var nav = "{NAV[0]}";</script><style>p {{ margin: 0 }}</style></head>
<body><header><div class="logo">某某市人民政府</div><nav><ul>{links(NAV)}</ul></nav></header>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zw">政务公开</a></div>
<h1>{TITLE}</h1><div class="info">发布时间：2024-03-05 来源：市政府办公室</div>
<div class="TRS_Editor">{body}</div>
<footer><p>{"</p><p>".join(FOOTER)}</p></footer></body></html>"""


def ucap_page(lines: list[str]) -> str:
    """UCAP CMS: no semantic tags, every figure in its own <span>, #UCAP-CONTENT body."""

    def spans(line: str) -> str:
        parts = re.split(r"(\d+(?:\.\d+)?)", line)
        return "".join(f'<span style="FONT-SIZE: 14pt">{html.escape(p)}</span>' for p in parts if p)

    body = "".join(
        f'<p align="justify"><font size="+0">{spans(line)}</font></p> ' for line in lines
    )
    return f"""<html><head><title>某某县人民政府 | {TITLE}</title></head><body>
<div class="top"><span>繁體版</span><span>网站无障碍</span><span>关怀版</span></div>
<div class="menu"><ul>{links(NAV)}</ul></div>
<div class="toolbar">【字号：大 中 小】【打印本页】【关闭窗口】</div>
<div id="UCAP-CONTENT">{body}</div>
<div class="bottom"><ul>{links(FOOTER)}</ul></div></body></html>"""


def layout_table_page(lines: list[str]) -> str:
    """An old site: a layout table, link menu in one cell, <br>-separated text in #zoom."""
    body = "<br>\n".join("&nbsp;&nbsp;&nbsp;&nbsp;" + html.escape(line) for line in lines)
    return f"""<html><body><table width="100%"><tr><td width="200"><ul>{links(NAV)}</ul></td>
<td><table><tr><td><div id="zoom">{body}</div></td></tr></table></td></tr>
<tr><td colspan="2">{" ".join(FOOTER)}</td></tr></table></body></html>"""


def unmarked_page(lines: list[str]) -> str:
    """No known container at all: the article is found as the densest block."""
    body = "".join(f"<div>{html.escape(line)}</div>" for line in lines)
    side = links([f"{word}相关新闻标题" for word in NAV])
    return f"""<html><body><div class="wrap"><div class="left"><ul>{links(NAV)}</ul></div>
<div class="mid"><div class="wz">{body}</div></div><div class="right"><ul>{side}</ul></div>
</div><div class="foot">{"<br>".join(FOOTER)}</div></body></html>"""


SHAPES: dict[str, Callable[[list[str]], str]] = {
    "trs": trs_page,
    "ucap": ucap_page,
    "layout_table": layout_table_page,
    "unmarked": unmarked_page,
}


@pytest.mark.parametrize("shape", SHAPES)
def test_report_lines_survive_each_page_shape(shape: str) -> None:
    lines = report_lines()
    article = extract_article(SHAPES[shape](lines))
    inside, chrome = split(article)
    assert [squeeze(line) for line in inside] == lines
    assert "一、2023年工作回顾" in inside
    for word in NAV + FOOTER:
        assert any(word in line for line in chrome), word
        assert not any(word in line for line in inside), word


def test_strong_lead_sentence_stays_at_the_start_of_its_paragraph() -> None:
    article = extract_article(trs_page(report_lines()))
    assert any(line.startswith("——经济总体回升向好。国内生产总值") for line in split(article)[0])


def test_indentation_and_nbsp_become_nothing() -> None:
    article = extract_article(
        "<div><p>\u3000\u3000一、总体要求</p><p>&nbsp;&nbsp;各位代表：</p>"
        "<p>增长&nbsp;5%</p><p>GDP&nbsp;growth &nbsp; of&#12288;5%</p></div>"
    )
    assert article.text.split("\n") == ["一、总体要求", "各位代表：", "增长5%", "GDP growth of 5%"]


def test_title_hint_is_the_report_title_not_the_site_name() -> None:
    assert extract_article(trs_page(report_lines())).title == TITLE
    assert extract_article(ucap_page(report_lines())).title == TITLE


@pytest.mark.parametrize(
    ("head", "headline", "expected"),
    [
        ("2024年政府工作报告-某某市人民政府", "", TITLE),
        ("2024年政府工作报告 - 某某市人民政府门户网站", "", TITLE),
        ("政府工作报告(全文)|政府工作报告_新浪新闻", "<h1>政府工作报告</h1>", "政府工作报告"),
        ("某某市人民政府门户网站", f"<h2 class=title>{TITLE}</h2>", TITLE),
        ("某某市人民政府", f"<h1>某某市人民政府</h1><h3>{TITLE}</h3>", TITLE),
        ("政府工作报告 2024-03-05_某某市", "", "政府工作报告2024-03-05"),
        ("政府工作报告——2024年3月5日在第十四届全国人民代表大会第二次会议上", "", "政府工作报告"),
        ("“十四五”—“十五五”时期的发展", "", "“十四五”—“十五五”时期的发展"),
    ],
)
def test_title_hint_leaves_out_site_and_channel_names(
    head: str, headline: str, expected: str
) -> None:
    page = f"<title>{head}</title><body>{headline}<div><p>各位代表：</p></div></body>"
    assert extract_article(page).title == expected


def test_gbk_page_with_gb2312_meta_loads_by_content(tmp_path: Path) -> None:
    lines = report_lines()
    data = trs_page(lines).encode("gbk")
    loaded = load_bytes(data, "report.txt")
    assert (loaded.media, loaded.encoding) == ("html", "gb18030")
    assert loaded.title_hint == TITLE
    assert "一、2023年工作回顾\n" in loaded.text


def test_invisible_and_hidden_text_is_not_shown() -> None:
    article = extract_article(
        "<html><head><title>t</title><style>.x{}</style></head><body>"
        "<script>alert('script text')</script><noscript>noscript text</noscript>"
        "<template><p>template text</p></template><svg><text>svg text</text></svg>"
        '<div style="display: none">hidden by style</div><p hidden>hidden attribute</p>'
        "<!-- a comment --><p>可见的正文</p></body></html>"
    )
    assert article.text == "可见的正文"


def test_data_table_rows_are_tab_separated_lines() -> None:
    article = extract_article(
        "<div><p>主要工业产品产量</p><table>"
        "<tr><td><p>产品名称</p></td><td>产量</td></tr>"
        "<tr><td>饮料酒</td><td><span>15767</span></td></tr></table></div>"
    )
    assert article.text.split("\n") == ["主要工业产品产量", "产品名称\t产量", "饮料酒\t15767"]


def test_preformatted_text_keeps_its_lines() -> None:
    article = extract_article("<pre>一、工作回顾\n  过去一年，经济回升。\n\n二、工作任务</pre>")
    assert article.text.split("\n") == ["一、工作回顾", "过去一年，经济回升。", "二、工作任务"]


def test_link_list_inside_the_article_is_chrome() -> None:
    body = "".join(f"<p>第{i}段正文内容，这里讲的是发展成就和工作安排。</p>" for i in range(5))
    related = '<p><a href="/a">相关阅读：某某区召开会议</a></p>'
    inside, chrome = split(extract_article(f'<div class="TRS_Editor">{body}{related}</div>'))
    assert len(inside) == 5
    assert chrome == ["相关阅读：某某区召开会议"]


@pytest.mark.parametrize(
    "wrap", ["<p>{}</p>", "<p><span>{}</span></p>", "<span><p>{}</p></span>", "<td>{}</td>"]
)
def test_one_paragraph_holding_most_of_the_text_is_not_the_whole_article(wrap: str) -> None:
    """Without a known container the article is the densest element, but never one paragraph."""
    long = "全市地区生产总值增长5.2%，规模以上工业增加值增长6%。" * 40
    body = (
        "<h2>一、过去一年工作回顾</h2><p>经济运行稳中有进。</p>"
        + wrap.format(long)
        + "<h2>二、今年工作安排</h2><p>今年预期目标增长5%左右。</p>"
    )
    page = f'<html><body><div>{links(NAV)}</div><div class="wz">{body}</div></body></html>'
    inside, chrome = split(extract_article(page))
    assert inside == [
        "一、过去一年工作回顾",
        "经济运行稳中有进。",
        long,
        "二、今年工作安排",
        "今年预期目标增长5%左右。",
    ]
    assert chrome == NAV


def test_named_anchors_are_not_links() -> None:
    page = '<div><p><a name="_Toc1">一、工作回顾</a></p><p><a href="#_Toc1">目录</a></p></div>'
    inside, chrome = split(extract_article(page))
    assert (inside, chrome) == (["一、工作回顾"], ["目录"])


def test_chrome_spans_are_sorted_disjoint_slices_of_the_text() -> None:
    article = extract_article(ucap_page(report_lines()))
    assert article.chrome
    previous_end = -1
    for span in article.chrome:
        assert previous_end < span.start < span.end <= len(article.text)
        assert article.text[span.start : span.end] == span.text
        previous_end = span.end


def test_html_without_body_or_html_element() -> None:
    assert (
        extract_article("<p>一、工作回顾</p><p>经济回升。</p>").text == "一、工作回顾\n经济回升。"
    )
    assert extract_article("<title>只有标题</title>").text == ""


def test_ten_thousand_levels_of_nesting_do_not_recurse() -> None:
    for tag in ("div", "span", "p", "table"):
        page = f"<{tag}>" * 10_000 + "最深处的正文" + f"</{tag}>" * 10_000
        assert "最深处的正文" in extract_article(page).text


@pytest.mark.parametrize(
    "text",
    [
        "<!DOCTYPE html><html><body>x</body></html>",
        "\ufeff  <html lang='zh'>",
        "<!-- saved from url=(0040)http://www.gov.cn/ -->\n<html>",
        '<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml">',
        "<p>一、工作回顾</p>",
        "<DIV class=TRS_Editor>",
        "<meta charset=gbk>\n<title>报告</title>",
        "报告全文见下\n<body>\n<p>正文</p>",
    ],
)
def test_html_is_recognised_by_its_start(text: str) -> None:
    assert looks_like_html(text)


@pytest.mark.parametrize(
    "text",
    [
        "政府工作报告\n各位代表：\n",
        "<<政府工作报告>>\n一、工作回顾",
        "比较：a<b 且 c>d\n",
        "标题\n" + "正文。" * 1000 + "<html>",
    ],
)
def test_plain_text_is_not_taken_for_html(text: str) -> None:
    assert not looks_like_html(text)


def test_every_corpus_report_survives_as_a_gbk_trs_page(corpus_dir: Path) -> None:
    reports = sorted(corpus_dir.rglob("*.txt"))
    assert reports
    for path in reports:
        lines = report_lines(path, "gb18030" if "_gbk" in path.name else "utf-8")
        page = trs_page(lines).encode("gb18030")
        loaded = load_bytes(page, path.name)
        article = extract_article(page.decode("gb18030"))
        everything = [squeeze(line) for line in article.text.split("\n")]
        start = everything.index(lines[0])
        assert everything[start : start + len(lines)] == lines, path.name
        inside = set(split(article)[0])
        kept = [line for line in lines if not is_chrome_line(line)]
        assert all(line in inside for line in kept), path.name
        assert loaded.media == "html"


def test_corpus_pages_keep_article_and_chrome_as_gold_says(
    corpus_dir: Path, gold_dir: Path
) -> None:
    golds = sorted(gold_dir.glob("*.html.json"))
    assert golds
    for gold_path in golds:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        page = corpus_dir.parent / gold["source"]
        loaded = load_bytes(page.read_bytes(), page.name)
        chrome_text = squeeze("".join(span.text for span in loaded.chrome))
        inside = squeeze("".join(split(Article(loaded.text, loaded.chrome, None))[0]))
        for sentence in gold["must_contain"]:
            assert squeeze(sentence) in inside, (page.name, sentence)
        for furniture in gold["must_not_contain"]:
            assert squeeze(furniture) not in inside, (page.name, furniture)
            assert squeeze(furniture) in chrome_text, (page.name, furniture)


def test_generic_wrapper_narrows_the_search_but_its_feed_is_not_article() -> None:
    """A `.content` wrapper holding headline, byline and a feed of summaries besides the body."""
    lines = report_lines()
    body = "".join(paragraph(line) for line in lines)
    feed = "".join(
        f'<div><a href="/{i}">相关新闻第{i}条</a><p>摘要：第{i}条的摘要，介绍会议内容。</p></div>'
        for i in range(12)
    )
    page = (
        f'<html><body><form id="form1"><div>{links(NAV)}</div><div class="content">'
        f"<h1>{TITLE}</h1><div>发布时间：2024-03-05 来源：市政府办公室</div>"
        f'<div class="wz">{body}</div><div class="feed"><h3>相关推荐</h3>{feed}</div>'
        "</div></form></body></html>"
    )
    inside, chrome = split(extract_article(page))
    assert [squeeze(line) for line in inside] == lines
    assert sum("摘要" in line for line in chrome) == 12
