"""Read who, where and when from a report's title block.

The front matter says it all in a few lines — title, "——2025年1月8日在…第十七届
人民代表大会第五次会议上", "…代区长 万 隆" — but sites wrap those lines
differently (one glued line, three broken ones, spaced-out names), so the
searches here run on the front text with whitespace removed where a phrase may
be broken, and line by line where the line end matters (the speaker's name).
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

from parsers.model import Meta

_LEXICON = Path(__file__).parent / "lexicon"

_CN_DIGITS = "一二三四五六七八九十"
_MEETING_AT = re.compile(
    rf"在([^在，。；]{{0,30}}?人民代表大会[^在，。；]{{0,8}}?第[{_CN_DIGITS}]+次(?:全体)?会议)"
)
_MEETING = re.compile(
    rf"([\u4e00-\u9fff]{{0,14}}第[{_CN_DIGITS}]+届[\u4e00-\u9fff]{{0,6}}?人民代表大会"
    rf"第[{_CN_DIGITS}]+次(?:全体)?会议)"
)
_SESSION = re.compile(rf"第[{_CN_DIGITS}]+届")
_DATE_AT = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日在")
_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
_YEAR = re.compile(r"((?:19|20)\d{2})年?")
_DASH_SPLIT = re.compile(r"\s*(?:[—―]+|-{2,}|－{2,})")
_SPACED_CJK = re.compile(r"(?<=[\u4e00-\u9fff])[ \t\u3000\u2002\u2003\u00a0]+(?=[\u4e00-\u9fff])")
# A title that opens with a place name: 2026年北京市政府工作报告, 万载县2015年…统计公报.
_TITLE_REGION = re.compile(
    r"(?:(?:19|20)\d{2}年?)?((?:[\u4e00-\u9fff]{1,8}?(?:自治区|自治州|自治县|地区|省|市|区|县|旗|州|盟))+)"
    r"(?=(?:19|20)\d{2}|人民政府|政府|国民经济|统计|$)"
)
_LEADING_NOTE = re.compile(r"^\([^()]*\)")
_WHITESPACE = re.compile(r"\s+")
_SENTENCE_PUNCT = re.compile(r"[。，,；;！!？?]")
_MAX_TITLE = 60
_TITLE_LINES = 12
_TITLE_BLOCK_LINES = 30


@cache
def _lexicon() -> dict[str, Any]:
    return tomllib.loads((_LEXICON / "meta.toml").read_text(encoding="utf-8"))


@cache
def _speaker_pattern() -> re.Pattern[str]:
    titles = "|".join(map(re.escape, _lexicon()["speaker_titles"]))
    return re.compile(rf"({titles})\s*([\u4e00-\u9fff](?:\s?[\u4e00-\u9fff]){{1,3}})$")


def _normal(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def _squeeze(text: str) -> str:
    return _WHITESPACE.sub("", _normal(text))


def find_title(front: Sequence[str], hint: str | None = None) -> str | None:
    """The report's title from the first lines of the front matter.

    A loader's hint (an HTML ``<title>`` or ``<h1>``) wins. Otherwise the first
    line naming a report is used, spaced-out letters closed up (政 府 工 作 报 告)
    and anything glued after a dash (the date and speaker) cut off.
    """
    if hint and hint.strip():
        return _WHITESPACE.sub(" ", hint.strip())
    words = _lexicon()["title_words"]
    for line in front[:_TITLE_LINES]:
        closed = _SPACED_CJK.sub("", line.strip())
        head = _DASH_SPLIT.split(closed, maxsplit=1)[0].strip()
        if _SENTENCE_PUNCT.search(head) or len(head) > _MAX_TITLE:
            continue
        if head and any(word in head for word in words):
            return head
    return None


def extract_meta(front: Sequence[str], title: str | None) -> Meta:
    """Region, level, year, date, speaker and meeting, each ``None`` when unstated.

    Only the title block at the top of the front matter is read: a long
    preamble before chapter 一 names other dates and meetings.
    """
    front = front[:_TITLE_BLOCK_LINES]
    squeezed = _squeeze("".join(front))
    meeting = _meeting(squeezed)
    speaker_title, speaker = _speaker(front)
    region = _region(meeting, title, front)
    date = _date(squeezed)
    return Meta(
        region=region,
        level=_level(region, meeting, speaker_title),
        year=_year(date, title, squeezed),
        date=date,
        speaker=speaker,
        meeting=meeting,
    )


def _meeting(squeezed: str) -> str | None:
    found = _MEETING_AT.search(squeezed) or _MEETING.search(squeezed)
    return found.group(1) if found else None


def _speaker(front: Sequence[str]) -> tuple[str | None, str | None]:
    pattern = _speaker_pattern()
    for line in front:
        found = pattern.search(_normal(line).strip())
        if found:
            return found.group(1), _WHITESPACE.sub("", found.group(2))
    return None, None


def _region(meeting: str | None, title: str | None, front: Sequence[str]) -> str | None:
    if meeting:
        if "全国人民代表大会" in meeting:
            return "国务院"
        session = _SESSION.search(meeting)
        if session and session.start() > 0:
            return meeting[: session.start()]
    if title:
        found = _TITLE_REGION.match(_LEADING_NOTE.sub("", _squeeze(title)))
        if found:
            return found.group(1)
    for line in front:
        squeezed = _squeeze(line)
        if "国务院" in squeezed and ("总理" in squeezed or "报告" in squeezed):
            return "国务院"
        at = squeezed.find("人民政府")
        if 2 <= at <= 20:
            return squeezed[:at]
    return None


def _level(region: str | None, meeting: str | None, speaker_title: str | None) -> str | None:
    lexicon = _lexicon()
    if region == "国务院" or (meeting and "全国人民代表大会" in meeting):
        return "national"
    if region:
        if region in lexicon["municipalities"]:
            return "province"
        for suffix, level in lexicon["level_suffixes"]:
            if region.endswith(suffix):
                return str(level)
    if speaker_title:
        for word, level in lexicon["title_levels"]:
            if speaker_title.endswith(word):
                return str(level)
    return None


def _date(squeezed: str) -> str | None:
    found = _DATE_AT.search(squeezed) or _DATE.search(squeezed)
    if not found:
        return None
    year, month, day = (int(part) for part in found.groups())
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _year(date: str | None, title: str | None, squeezed: str) -> int | None:
    if date:
        return int(date[:4])
    for source in (_squeeze(title) if title else "", squeezed):
        found = _YEAR.search(source)
        if found:
            return int(found.group(1))
    return None
