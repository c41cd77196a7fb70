"""Report pages as the sites that publish them lay them out, furniture and all.

Each fixture in ``tests/fixtures/html/sites`` is an excerpt of a real corpus
report wrapped in one site family's markup (government CMSes, old table
layouts, script-rendered pages, news reprints), with a sidecar JSON: the
corpus ``report`` excerpted, the page's byte ``encoding``, its ``title``, the
report lines (``article``), strings of site ``furniture`` on the page, and the
``chapters`` with their sections as the excerpt has them.

Sites we have not seen use class names we do not know and often declare no
charset, so every page is also read with all its class and id names replaced
and its semantic tags made plain <div>s, and with its charset declaration
removed: the article must still be found by its text alone.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Callable
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
_CLASS_OR_ID = re.compile(r"""\b(class|id)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""", re.IGNORECASE)
_SEMANTIC = re.compile(
    r"(</?)(article|main|section|nav|header|footer|aside|founder-content)\b", re.IGNORECASE
)
_CHARSET = re.compile(r"""\s*;?\s*charset\s*=\s*("[\w-]+"|'[\w-]+'|[\w-]+)""", re.IGNORECASE)


def anonymous(page: str) -> str:
    """The page with no class or id name and no semantic tag left to recognise."""
    counter = itertools.count()
    page = _CLASS_OR_ID.sub(lambda m: f'{m.group(1)}="n{next(counter)}"', page)
    return _SEMANTIC.sub(r"\1div", page)


def undeclared(page: str) -> str:
    return _CHARSET.sub("", page)


VARIANTS: dict[str, Callable[[str], str]] = {
    "published": lambda page: page,
    "anonymous": anonymous,
    "undeclared": undeclared,
}


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


def spec_of(page: Path) -> dict[str, Any]:
    return json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))


CASES = list(itertools.product(PAGES, VARIANTS))


@pytest.fixture(params=CASES, ids=[f"{page.stem}-{variant}" for page, variant in CASES])
def site(request: pytest.FixtureRequest) -> tuple[LoadedText, dict[str, Any]]:
    page, variant = request.param
    spec = spec_of(page)
    encoding = spec["encoding"]
    data = VARIANTS[variant](page.read_bytes().decode(encoding)).encode(encoding)
    return load_bytes(data, page.name), spec


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


def test_gbk_pages_decode_by_their_meta_or_bytes(site: tuple[LoadedText, dict[str, Any]]) -> None:
    loaded, spec = site
    assert loaded.encoding == ("utf-8" if spec["encoding"] == "utf-8" else "gb18030")


def test_variants_really_change_the_pages() -> None:
    page = (SITES / "trs_wcm_gbk.html").read_bytes().decode("gbk")
    assert "TRS_Editor" in page and "TRS_Editor" not in anonymous(page)
    assert "<footer" not in anonymous("<footer>x</footer>")
    assert "charset" in page and "charset" not in undeclared(page)
