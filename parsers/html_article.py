"""Turn a saved report page into lines of text, marking what is site furniture.

Government and news pages wrap a report in navigation, toolbars, link lists
and footers. Rather than throwing those away (and with them any text we
misjudge), every visible block of the page becomes one line, in document
order, and the lines outside the article body are returned as ``chrome``
spans for the tree builder to set aside. The article body is found by the
containers the common CMSes use (``lexicon/html_article.toml``), else as the
smallest element holding most of the page's paragraph text.

The page is walked with an explicit stack, never recursively, so a page
nested ten thousand levels deep is just a long walk.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from bs4 import BeautifulSoup
from bs4.element import NavigableString, PreformattedString, Tag

from parsers.chrome import is_chrome_line
from parsers.model import Span

# Never shown by a browser as text.
_INVISIBLE = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "iframe",
        "head",
        "title",
        "object",
        "canvas",
        # A browser that plays media never shows the fallback text inside it.
        "video",
        "audio",
    }
)
# Site furniture wherever it is, unless it wraps the article itself (some
# CMSes put the whole page in one <form>).
_CHROME_TAGS = frozenset({"nav", "header", "footer", "aside", "form"})
# Elements that start a new line of text.
_BLOCKS = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "caption", "center", "dd",
        "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure",
        "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr",
        "html", "legend", "li", "main", "menu", "nav", "ol", "option", "p", "pre",
        "section", "summary", "table", "tbody", "td", "textarea", "tfoot", "th", "thead",
        "tr", "ul",
    }
)  # fmt: skip
_CELLS = frozenset({"td", "th"})
# One paragraph or a run of text inside one: a part of an article, never all
# of it, even when <br>s make it many lines.
_PARAGRAPH_LEVEL = frozenset(
    {
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "li", "dt", "dd", "caption",
        "figcaption", "span", "font", "b", "strong", "em", "i", "u", "a", "small", "big",
    }
)  # fmt: skip

# A block whose own text (links excluded) is at least this long and has
# punctuation is a paragraph; menus, toolbars, dates under related links and
# counters are shorter or bare.
_PARAGRAPH_CHARS = 10
# A CMS container is trusted when it holds this share of the paragraph text.
_CONTAINER_SHARE = 0.3
# A table row this short without nested tables is data: one line, tab-separated.
_ROW_CHARS = 400
# An article line that is this much link text is a link list, not prose.
_LINK_SHARE = 0.8

_SPACE = re.compile(r"[\s\u200b\ufeff]+")
_WIDE = "\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u2018-\u201d\u2014\u2026"
_SPACE_BY_WIDE = re.compile(rf"(?<=[{_WIDE}])[\s\u200b\ufeff]+|[\s\u200b\ufeff]+(?=[{_WIDE}])")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
# "|", "_", "--", and a hyphen that is not inside a date ("报告-某某市人民政府").
_TITLE_SEPARATORS = re.compile(r"\s*(?:[|｜_]|--+|(?<!\d)-|-(?!\d))\s*")
# Text with one of these is prose; menus, dates, counters and link captions have none.
_PROSE = re.compile(r"[，。；！？、,;!?]")
_MAX_TITLE = 80
_LOWER_HEADINGS = ["h2", "h3", "h4", "h5", "h6"]
_SUBTITLE = re.compile(r"\s*[—―]+\s*")


@dataclass(frozen=True, slots=True)
class Article:
    """The page as lines of text, which of them are furniture, and a title guess."""

    text: str
    chrome: tuple[Span, ...]
    title: str | None


def extract_article(html: str) -> Article:
    """Lay out every visible block of ``html`` as a line and mark the lines outside the article."""
    soup = BeautifulSoup(html, "html.parser")
    measure = _measure(soup)
    article = _choose_article(soup, measure)
    lines = _Layout(article, measure.simple_rows).run(soup)
    return _assemble(lines, _title(soup, {line for line, _ in lines}))


def _walk(root: Tag) -> Iterator[tuple[bool, Tag | NavigableString]]:
    """Visible nodes in document order: tags twice (entering True, then False), text once."""
    yield True, root
    stack: list[tuple[Tag, Iterator[object]]] = [(root, iter(root.contents))]
    while stack:
        tag, children = stack[-1]
        for child in children:
            if isinstance(child, Tag):
                if child.name in _INVISIBLE or _hidden(child):
                    continue
                yield True, child
                stack.append((child, iter(child.contents)))
                break
            if isinstance(child, NavigableString) and not isinstance(child, PreformattedString):
                yield True, child
        else:
            stack.pop()
            yield False, tag


def _hidden(tag: Tag) -> bool:
    if tag.has_attr("hidden"):
        return True
    style = tag.get("style")
    return isinstance(style, str) and _HIDDEN_STYLE.search(style) is not None


def _is_link(tag: Tag) -> bool:
    # <a name=…> anchors (Word exports put them on every heading) are not links.
    return tag.name == "a" and tag.has_attr("href")


def _visible_chars(text: str) -> int:
    return len(text) - sum(len(m) for m in _SPACE.findall(text))


@dataclass(slots=True)
class _Frame:
    tag: Tag
    block: bool
    own: int = 0
    prose: bool = False
    weight: int = 0
    chars: int = 0
    has_table: bool = False
    lines: int = 0


@dataclass(slots=True)
class _Measure:
    """Per-element paragraph text (``weight``), CMS container matches and data rows.

    ``single`` holds the elements that are one line of text (no line break,
    no second block with text inside): a part of an article, never all of it.
    """

    weight: dict[int, int] = field(default_factory=dict)
    containers: list[list[Tag]] = field(default_factory=list)
    simple_rows: set[int] = field(default_factory=set)
    single: set[int] = field(default_factory=set)


def _measure(soup: BeautifulSoup) -> _Measure:
    selectors = _body_selectors()
    measure = _Measure(containers=[[] for _ in selectors])
    frames: list[_Frame] = []
    blocks: list[_Frame] = []
    links = 0
    for entering, node in _walk(soup):
        if isinstance(node, NavigableString):
            count = _visible_chars(node)
            frames[-1].chars += count
            if not links and blocks and count:
                blocks[-1].own += count
                blocks[-1].prose = blocks[-1].prose or _PROSE.search(node) is not None
        elif entering:
            frame = _Frame(node, node.name in _BLOCKS or node is soup)
            frames.append(frame)
            if frame.block:
                blocks.append(frame)
            links += _is_link(node)
            for rank, selector in enumerate(selectors):
                if selector.matches(node):
                    measure.containers[rank].append(node)
        else:
            frame = frames.pop()
            links -= _is_link(frame.tag)
            if frame.block:
                blocks.pop()
                if frame.own >= _PARAGRAPH_CHARS and frame.prose:
                    frame.weight += frame.own
                frame.lines += frame.own > 0
            frame.lines += frame.tag.name == "br"
            measure.weight[id(frame.tag)] = frame.weight
            if frame.lines <= 1:
                measure.single.add(id(frame.tag))
            if frame.tag.name == "tr" and not frame.has_table and frame.chars <= _ROW_CHARS:
                measure.simple_rows.add(id(frame.tag))
            if frames:
                parent = frames[-1]
                parent.weight += frame.weight
                parent.chars += frame.chars
                parent.has_table |= frame.has_table or frame.tag.name == "table"
                parent.lines += frame.lines
    return measure


def _choose_article(soup: BeautifulSoup, measure: _Measure) -> Tag:
    """The CMS body container if one holds enough of the text, else the densest element.

    A generic wrapper (``.content``, ``main``) often holds the headline,
    byline and a feed of related summaries besides the article, so it only
    narrows the search for the densest element.
    """
    total = measure.weight.get(id(soup), 0)
    if total == 0:
        return soup
    specific = len(_lexicon()["body_selectors"])
    for rank, matches in enumerate(measure.containers):
        trusted = [t for t in matches if measure.weight[id(t)] >= _CONTAINER_SHARE * total]
        if trusted:
            chosen = max(trusted, key=lambda t: measure.weight[id(t)])
            return chosen if rank < specific else _densest(chosen, measure)
    return _densest(soup, measure)


def _densest(root: Tag, measure: _Measure) -> Tag:
    """The deepest element under ``root`` holding more than half of its paragraph text.

    Those elements form one chain down from ``root``. A single paragraph can
    hold most of the text (one long paragraph among short ones and the
    headings), but the article is what contains it.
    """
    total = measure.weight.get(id(root), 0)
    node = root
    while True:
        heavier = next(
            (
                child
                for child in node.children
                if isinstance(child, Tag) and 2 * measure.weight.get(id(child), 0) > total
            ),
            None,
        )
        if heavier is None or id(heavier) in measure.single or heavier.name in _PARAGRAPH_LEVEL:
            return node
        node = heavier


@dataclass(frozen=True, slots=True)
class _Selector:
    """One ``tag``, ``#id``, ``.class`` or ``tag.class`` from the lexicon, matched case-blind."""

    name: str | None
    ident: str | None
    cls: str | None

    @classmethod
    def parse(cls, text: str) -> _Selector:
        text = text.strip().lower()
        if text.startswith("#"):
            return cls(None, text[1:], None)
        name, _, klass = text.partition(".")
        return cls(name or None, None, klass or None)

    def matches(self, tag: Tag) -> bool:
        if self.name is not None and tag.name.lower() != self.name:
            return False
        if self.ident is not None:
            ident = tag.get("id")
            return isinstance(ident, str) and ident.lower() == self.ident
        if self.cls is not None:
            classes = tag.get("class") or ()
            return any(c.lower() == self.cls for c in classes)
        return True


@cache
def _lexicon() -> dict[str, list[str]]:
    path = Path(__file__).parent / "lexicon" / "html_article.toml"
    return tomllib.loads(path.read_text(encoding="utf-8"))


@cache
def _body_selectors() -> tuple[_Selector, ...]:
    """The specific containers, then the generic wrappers, in the lexicon's order."""
    lexicon = _lexicon()
    names = [*lexicon["body_selectors"], *lexicon["wrapper_selectors"]]
    return tuple(_Selector.parse(name) for name in names)


@cache
def _title_words() -> frozenset[str]:
    return frozenset(_lexicon()["title_words"])


class _Layout:
    """Second walk: joins inline text into lines and decides which lines are chrome."""

    def __init__(self, article: Tag, simple_rows: set[int]) -> None:
        self.article = article
        self.article_path = {id(article), *(id(p) for p in article.parents)}
        self.simple_rows = simple_rows
        self.lines: list[tuple[str, bool]] = []
        self.pieces: list[str | None] = []  # None separates table cells
        self.in_article = False
        self.chrome_depth = 0
        self.link_depth = 0
        self.pre_depth = 0
        self.row: Tag | None = None
        self.chars = 0
        self.link_chars = 0

    def run(self, soup: BeautifulSoup) -> list[tuple[str, bool]]:
        for entering, node in _walk(soup):
            if isinstance(node, NavigableString):
                self._text(str(node))
            elif entering:
                self._enter(node)
            else:
                self._leave(node)
        self._flush()
        return self.lines

    def _is_chrome_container(self, tag: Tag) -> bool:
        return tag.name in _CHROME_TAGS and id(tag) not in self.article_path

    def _enter(self, tag: Tag) -> None:
        if tag is self.article or self._is_chrome_container(tag):
            self._flush()
        if tag is self.article:
            self.in_article = True
        self.chrome_depth += self._is_chrome_container(tag)
        self.link_depth += _is_link(tag)
        self.pre_depth += tag.name == "pre"
        if self.row is None and tag.name == "tr" and id(tag) in self.simple_rows:
            self._flush()
            self.row = tag
        elif tag.name == "br" or tag.name in _BLOCKS:
            self._break()

    def _leave(self, tag: Tag) -> None:
        if tag is self.row:
            self.row = None
            self._flush()
        elif self.row is not None and tag.name in _CELLS:
            self.pieces.append(None)
        elif tag.name in _BLOCKS:
            self._break()
        if tag is self.article or self._is_chrome_container(tag):
            self._flush()
        self.chrome_depth -= self._is_chrome_container(tag)
        self.link_depth -= _is_link(tag)
        self.pre_depth -= tag.name == "pre"
        if tag is self.article:
            self.in_article = False

    def _break(self) -> None:
        if self.row is None:
            self._flush()
        else:
            self.pieces.append(" ")

    def _text(self, text: str) -> None:
        if self.pre_depth and self.row is None and "\n" in text:
            first, *rest = text.split("\n")
            self._text(first)
            for part in rest:
                self._flush()
                self._text(part)
            return
        count = _visible_chars(text)
        self.chars += count
        self.link_chars += count if self.link_depth else 0
        self.pieces.append(text)

    def _flush(self) -> None:
        line = _join_cells(self.pieces)
        if line:
            self.lines.append((line, self._line_is_chrome(line)))
        self.pieces.clear()
        self.chars = self.link_chars = 0

    def _line_is_chrome(self, line: str) -> bool:
        if not self.in_article or self.chrome_depth:
            return True
        return 0 < self.chars <= self.link_chars / _LINK_SHARE or is_chrome_line(line)


def _join_cells(pieces: list[str | None]) -> str:
    cells: list[str] = []
    current: list[str] = []
    for piece in [*pieces, None]:
        if piece is not None:
            current.append(piece)
            continue
        cell = _collapse("".join(current))
        if cell:
            cells.append(cell)
        current = []
    return "\t".join(cells)


def _collapse(text: str) -> str:
    """Browser-like whitespace: none at the ends or beside Chinese, one space between words.

    This is also what turns ``&nbsp;`` and U+3000 indentation into nothing.
    """
    return _SPACE.sub(" ", _SPACE_BY_WIDE.sub("", text)).strip()


def _assemble(lines: list[tuple[str, bool]], title: str | None) -> Article:
    text = "\n".join(line for line, _ in lines)
    chrome: list[Span] = []
    start = 0
    run_start: int | None = None
    run_end = 0
    for line, is_chrome in lines:
        end = start + len(line)
        if is_chrome:
            run_start = start if run_start is None else run_start
            run_end = end
        elif run_start is not None:
            chrome.append(Span(run_start, run_end, text[run_start:run_end]))
            run_start = None
        start = end + 1
    if run_start is not None:
        chrome.append(Span(run_start, run_end, text[run_start:run_end]))
    return Article(text, tuple(chrome), title)


def _title(soup: BeautifulSoup, shown: set[str]) -> str | None:
    """The report's title among the <h1>s and the parts of <title>.

    Page titles append the channel and site ("…_政府工作报告_首都之窗", "…-新华网",
    "…(全文)|…_新浪新闻") and <h1> is often the site logo. A piece naming a
    report wins, then one the page shows as a line of its own (the headline
    above the article, in whatever tag), then the longest. When neither
    names a report (a <title> that is only the site's name), the first lower
    heading naming one is the headline.
    """
    candidates: list[str] = []
    title = soup.find("title")
    if isinstance(title, Tag):
        candidates.extend(_collapse(part) for part in _TITLE_SEPARATORS.split(title.get_text()))
    candidates.extend(_collapse(h1.get_text()) for h1 in soup.find_all("h1"))
    words = _title_words()
    candidates = [_without_subtitle(c, words) for c in candidates]
    fitting = [c for c in candidates if 0 < len(c) <= _MAX_TITLE]
    if not any(_names_report(c, words) for c in fitting):
        headings = (_collapse(h.get_text()) for h in soup.find_all(_LOWER_HEADINGS))
        headline = next((h for h in headings if _names_report(h, words)), None)
        if headline is not None:
            return headline
    if not fitting:
        return None
    return max(fitting, key=lambda c: (_names_report(c, words), c in shown, len(c)))


def _without_subtitle(text: str, words: frozenset[str]) -> str:
    """A headline may carry its date line after a dash: 政府工作报告——2024年3月5日在…会议上."""
    head = _SUBTITLE.split(text, maxsplit=1)[0]
    return head if head != text and _names_report(head, words) else text


def _names_report(text: str, words: frozenset[str]) -> bool:
    return 0 < len(text) <= _MAX_TITLE and any(w in text for w in words)
