"""Site chrome in text scrapes: flagged alone or by its neighbours; report text left alone."""

from __future__ import annotations

import pytest

from parsers.chrome import MAX_CHROME_LINE, chrome_flags, is_chrome_line


@pytest.mark.parametrize(
    "line",
    [
        "导航菜单",
        "下载",
        "打印",
        "【字号：",
        "加大",
        "】",
        "本文地址:/baogao/hb/11699.html",
        "留言与评论(共有 条评论)",
        "验证码:",
        "相关报道：",
        "来源：北京日报",
        "（来源：青海日报）",
        "时间：2026-02-02",
        "编辑：何继红",
        "2026-01-31 07:00:44",
        "分享:",
        "扫一扫在手机打开当前页",
        "首页 > 政府信息公开 > 政府工作报告",
        "您当前的位置：首页 > 统计公报",
        "未知标题",
        "上一篇：2024年政府工作报告",
        "本文仅代表作者观点,不代表本站立场。 凡注明为原创作品的,未经许可,不得转载。",
        "殷勇同志作政府工作报告。本报记者 戴冰摄",
        "省长赵刚作政府工作报告",
        "(责编：赵强、钱伟)",
        "（责任编辑：王小明）",
        "【纠错】 【责任编辑：李华】",
        "【打印】【关闭】",
        "（编辑：张三 审核：李四）",
        "字体：大小",
        "举报分享到微信微博",
        "【打印本页】 | 【关闭窗口】",
        "网站地图 | 联系我们 | 隐私声明",
        "无障碍 长者模式 English",
        "繁體版网站无障碍关怀版",
        "【1】【2】【3】【4】下一页",
        "2026年01月27日 14:12　来源：中国新闻网",
        "2025-01-20 10:05来源：澎湃新闻·澎湃号·政务",
        "主办单位：青海省人民政府办公厅",
        "网站标识码：6300000035 青ICP备05000123号-1",
        "特别声明：本文为网易号作者上传并发布，仅代表该作者观点。网易仅提供信息发布平台。",
        "图片来源：新华社",
        "视频加载中，请稍候...",
        "您的浏览器不支持video标签。",
        "返回搜狐，查看更多",
        "发布时间：2024-03-12 来源：市政府办公室 浏览次数：123 【字体：大 中 小】【打印】【关闭】",
        "所在位置：首页 > 政务公开",
        "分享至：",
        "【大 中 小】",
        "我为政府网站找错",
        "本文来源：新华社",
        "图为会议现场。",
        "点击查看专题",
        "（完）",
        "上一篇 2024年区政府工作报告",
        "【打印本文】 【返回列表】",
        "索引号：\t11150702011574358N/2019-00012\t发文机关：\t海拉尔区人民政府",
        "成文日期：\t2019-01-15\t发布日期：\t2019-01-20",
    ],
)
def test_page_furniture_is_chrome(line: str) -> None:
    assert is_chrome_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "政府工作报告",
        "各位代表：",
        "一、2025年工作回顾",
        "现在，我代表市人民政府向大会作政府工作报告，请予审议。",
        "加强知识产权保护，完善版权保护体系，提高版权执法水平。",
        "——2026年1月25日在北京市第十六届人民代表大会第四次会议上",
        "2025年1月8日",
        "（一）扩大内需",
        "下载量增长30%。",
        "北京市市长 殷勇",
        "（2026年1月15日）",
        "（2024-01-15）",
        "（一）（二）",
        "（编者按：本报今日全文刊发政府工作报告，敬请关注。）",
        "2.5",
        "12",
        "中小",
        "2025年1月8日，区政府召开常务会议，来源：区政府办公室的报告显示投资增长5%。",
        "英语（English）教学质量持续提升。",
        "主办第十五届全国运动会，承办各类国际赛事30场。",
        "打造无障碍环境，关爱老年人和残疾人。",
        "图书馆、文化馆免费开放，全年举办文化活动3000场。",
        "（完善社会保障体系）",
    ],
)
def test_report_lines_are_not_chrome(line: str) -> None:
    assert not is_chrome_line(line)


def test_very_long_lines_are_never_chrome() -> None:
    assert not is_chrome_line("本文地址:" + "很" * MAX_CHROME_LINE)


def test_value_under_a_bare_label_is_chrome() -> None:
    lines = ["时间：", "", "2026-02-02 09:20", "来源：", "陕西省人民政府", "各位代表："]
    assert chrome_flags(lines) == [True, False, True, True, True, False]


def test_label_does_not_swallow_a_sentence() -> None:
    assert chrome_flags(["来源：", "现在，我代表省人民政府向大会报告工作。"]) == [True, False]


def test_breadcrumb_spread_over_lines_is_chrome() -> None:
    lines = ["首页", ">", "政府信息公开", ">", "政府工作报告", "陕西省2026年政府工作报告"]
    assert chrome_flags(lines) == [True, True, True, True, True, False]


def test_a_lone_home_word_is_not_a_breadcrumb() -> None:
    assert chrome_flags(["首页", "政府工作报告"]) == [False, False]


def test_links_listed_under_related_reports_are_chrome() -> None:
    lines = [
        "相关报道：",
        "政府工作报告全文",
        "代表热议政府工作报告",
        "这一段是正文，讲述了具体工作。",
    ]
    assert chrome_flags(lines) == [True, True, True, False]
