"""Opening a report from a web address, against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import socket
from importlib import resources
from pathlib import Path

import pytest
from local_site import Route, Site

from parsers.errors import ReportError
from parsers.fetch import fetch_report, is_url
from parsers.load import load_bytes
from parsers.tree import build_document

SAMPLE = Path(str(resources.files("tui") / "data" / "shijingshan_2025.txt"))
# A page of a Hong Kong or Taiwan site: Big5 bytes, which GB18030 also "decodes".
BIG5_TEXT = "政府工作報告\n一、過去一年工作回顧\n本地生產總值增長百分之三。\n"


def report_lines() -> list[str]:
    """The bundled sample report (from the corpus), without its site chrome."""
    lines = [line.strip() for line in SAMPLE.read_text(encoding="utf-8").splitlines()]
    start = next(i for i, line in enumerate(lines) if "人民政府工作报告" in line)
    end = next(i for i, line in enumerate(lines) if line.startswith("本文地址"))
    return [line for line in lines[start:end] if line]


def article_page(lines: list[str], meta_charset: str | None = None, home: str = "首页") -> str:
    meta = f'<meta charset="{meta_charset}">' if meta_charset else ""
    paragraphs = "".join(f"<p>{line}</p>" for line in lines)
    return (
        f"<!DOCTYPE html><html><head>{meta}<title>{lines[0]}</title></head>"
        f'<body><div class="nav"><a href="/">{home}</a></div>'
        f'<div class="article">{paragraphs}</div></body></html>'
    )


def html(body: str, charset: str = "utf-8", encoding: str = "utf-8") -> Route:
    return Route(
        body=body.encode(encoding), headers={"Content-Type": f"text/html; charset={charset}"}
    )


def unused_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_a_page_opens_as_a_report_with_its_chapters(site: Site, tmp_path: Path) -> None:
    lines = report_lines()
    site.routes["/report.html"] = html(article_page(lines))
    fetched = fetch_report(site.url("/report.html"), tmp_path)
    document = build_document(fetched.loaded)
    assert fetched.loaded.source == site.url("/report.html")
    assert (fetched.loaded.media, fetched.from_cache) == ("html", False)
    assert [chapter.title for chapter in document.children] == ["2024年工作回顾"]
    assert document.meta.region is not None and "石景山区" in document.meta.region
    assert "首页" not in "".join(p.text for node in document.walk() for p in node.paragraphs)


def test_redirects_are_followed_to_the_article(site: Site, tmp_path: Path) -> None:
    site.routes["/old"] = Route(302, headers={"Location": "/moved"})
    site.routes["/moved"] = Route(301, headers={"Location": site.url("/report.html")})
    site.routes["/report.html"] = html(article_page(report_lines()))
    fetched = fetch_report(site.url("/old"), tmp_path)
    assert fetched.url == site.url("/report.html")
    assert site.hits == ["/old", "/moved", "/report.html"]
    assert "2024年工作回顾" in fetched.loaded.text


def test_a_redirect_loop_is_one_line(site: Site) -> None:
    site.routes["/loop"] = Route(302, headers={"Location": "/loop"})
    with pytest.raises(ReportError, match="redirects more than"):
        fetch_report(site.url("/loop"))


def test_a_redirect_away_from_the_web_is_refused(site: Site) -> None:
    site.routes["/file"] = Route(302, headers={"Location": "file:///etc/passwd"})
    with pytest.raises(ReportError, match="not a web page"):
        fetch_report(site.url("/file"))


def test_the_server_charset_beats_the_meta_and_the_guess(site: Site) -> None:
    page = article_page(BIG5_TEXT.splitlines(), meta_charset="gb2312", home="首頁")
    site.routes["/big5"] = html(page, charset="big5", encoding="big5")
    fetched = fetch_report(site.url("/big5"))
    assert fetched.loaded.encoding == "big5"
    assert "本地生產總值增長百分之三。" in fetched.loaded.text
    # Without the header the page's own (wrong) claim would have won.
    try:
        guessed = load_bytes(page.encode("big5"), "page").text
    except ReportError:
        guessed = ""
    assert "本地生產總值" not in guessed


def test_utf8_bytes_win_over_a_wrong_server_charset(site: Site) -> None:
    site.routes["/utf8"] = html(article_page(report_lines()), charset="gbk")
    fetched = fetch_report(site.url("/utf8"))
    assert fetched.loaded.encoding == "utf-8"
    assert "一、2024年工作回顾" in fetched.loaded.text


def test_a_gbk_page_labelled_by_the_server_only(site: Site) -> None:
    site.routes["/gbk"] = html(article_page(report_lines()), charset="GB2312", encoding="gbk")
    fetched = fetch_report(site.url("/gbk"))
    assert fetched.loaded.encoding == "gb18030"
    assert "一、2024年工作回顾" in fetched.loaded.text


@pytest.mark.parametrize("send_length", [True, False])
def test_the_size_cap_holds_with_and_without_a_length(site: Site, send_length: bool) -> None:
    body = article_page(report_lines()).encode()
    site.routes["/big"] = Route(body=body, send_length=send_length)
    with pytest.raises(ReportError, match="too large"):
        fetch_report(site.url("/big"), max_bytes=len(body) - 1)
    site.routes["/fits"] = Route(body=body, send_length=send_length)
    assert fetch_report(site.url("/fits"), max_bytes=len(body)).loaded.media == "html"


def test_a_missing_page_names_the_status(site: Site) -> None:
    with pytest.raises(ReportError, match="answered 404"):
        fetch_report(site.url("/nowhere"))


def test_offline_is_one_clear_line() -> None:
    url = f"http://127.0.0.1:{unused_port()}/report.html"
    with pytest.raises(ReportError) as caught:
        fetch_report(url)
    message = str(caught.value)
    assert message.startswith(url) and "cannot be reached" in message
    assert "\n" not in message


def test_a_silent_server_times_out() -> None:
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        url = f"http://127.0.0.1:{silent.getsockname()[1]}/"
        with pytest.raises(ReportError, match=r"did not answer within 0\.2 s"):
            fetch_report(url, timeout=0.2)


def test_the_kept_copy_opens_when_the_site_is_gone(site: Site, tmp_path: Path) -> None:
    site.routes["/report.html"] = html(article_page(report_lines()), charset="gbk")
    first = fetch_report(site.url("/report.html"), tmp_path)
    del site.routes["/report.html"]
    again = fetch_report(site.url("/report.html"), tmp_path)
    assert again.from_cache and again.stale_reason is not None
    assert "404" in again.stale_reason
    assert again.loaded == first.loaded
    assert list((tmp_path / "pages").glob("*.body"))


def test_only_web_addresses_are_fetched() -> None:
    assert is_url("https://www.gov.cn/zhengce/2024.htm")
    assert not is_url("report.txt")
    assert not is_url("C:/reports/2024.txt")
    with pytest.raises(ReportError, match="not an http"):
        fetch_report("ftp://example.org/report.txt")
