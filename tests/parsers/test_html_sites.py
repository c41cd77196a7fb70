"""Report pages as the sites that publish them lay them out, furniture and all.

Each fixture in ``tests/fixtures/html/sites`` is an excerpt of a real corpus
report wrapped in one site family's markup (government CMSes, old table
layouts, script-rendered pages, news reprints), with a sidecar JSON naming the
report lines, the site furniture on the page, the title and the chapters.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from test_outline_gold import normal, outline

from parsers.load import load_bytes
from parsers.model import LoadedText, Span
from parsers.tree import build_document

SITES = Path(__file__).resolve().parents[1] / "fixtures" / "html" / "sites"
PAGES = sorted(SITES.glob("*.html"))

_WS = re.compile(r"\s+")


def squeeze(text: str) -> str:
    return _WS.sub("", text)


def outside(text: str, spans: list[Span] | tuple[Span, ...]) -> str:
    """The text with the spans cut out, squeezed, pieces joined by a newline."""
    pieces: list[str] = []
    position = 0
    for span in sorted(spans, key=lambda s: s.start):
        pieces.append(text[position : span.start])
        position = max(position, span.end)
    pieces.append(text[position:])
    return "\n".join(squeeze(piece) for piece in pieces)


@pytest.fixture(params=PAGES, ids=[page.stem for page in PAGES])
def site(request: pytest.FixtureRequest) -> tuple[LoadedText, dict[str, Any]]:
    page: Path = request.param
    spec = json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))
    return load_bytes(page.read_bytes(), page.name), spec


def test_there_is_a_page_for_every_site_family() -> None:
    assert len(PAGES) >= 10


def test_report_lines_are_read_outside_chrome(site: tuple[LoadedText, dict[str, Any]]) -> None:
    loaded, spec = site
    kept = outside(loaded.text, loaded.chrome)
    missing = [line for line in spec["article"] if squeeze(line) not in kept]
    assert missing == []


def test_furniture_stays_out_of_the_tree(site: tuple[LoadedText, dict[str, Any]]) -> None:
    loaded, spec = site
    document = build_document(loaded)
    kept = outside(document.text, document.dropped)
    assert [word for word in spec["furniture"] if squeeze(word) in kept] == []
    assert [line for line in spec["article"] if squeeze(line) not in kept] == []


def test_title_hint_is_the_report_title(site: tuple[LoadedText, dict[str, Any]]) -> None:
    loaded, spec = site
    assert loaded.title_hint == spec["title"]


def test_chapters_and_sections_as_in_the_report(
    site: tuple[LoadedText, dict[str, Any]],
) -> None:
    loaded, spec = site
    expected = [
        {"title": normal(c["title"]), "sections": [normal(s) for s in c["sections"]]}
        for c in spec["chapters"]
    ]
    assert outline(build_document(loaded).children) == expected


def test_gbk_pages_decode_by_their_meta_or_bytes() -> None:
    for page in PAGES:
        spec = json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))
        if spec["encoding"] != "utf-8":
            loaded = load_bytes(page.read_bytes(), page.name)
            assert loaded.encoding == "gb18030", page.name
