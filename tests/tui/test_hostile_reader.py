"""The reader on hostile and odd reports, and the user's files around it.

Report text reaches the screen in the reading pane, the chapter tree, the
figures panel, the palettes and notifications: markup in it must show as
written and do nothing, and no escape sequence of the report may reach the
terminal. The last tests run the real ``gwr-tui`` in a pseudo-terminal, as
a user would, to check the bytes it writes and what it does to a broken
config and state file, also with two readers open at once.
"""

from __future__ import annotations

import os
import re
import select
import subprocess
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from reader_support import FILLER, reader_screen, reading, report_text, wait_for_parse
from rich.cells import cell_len
from textual.command import CommandList, CommandPalette
from textual.content import Content
from textual.pilot import Pilot
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets._toast import Toast

from parsers.load import load_bytes
from parsers.model import Document
from parsers.report import open_report
from parsers.tree import build_document
from tui import clipboard, locations
from tui.app import ReaderApp
from tui.config import load_config
from tui.state import document_key, load_state

SIZE = (120, 40)
HOSTILE = Path(__file__).resolve().parents[1] / "fixtures" / "hostile"
DANGEROUS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)
EVIL_PATH = HOSTILE / "markup_and_escapes.txt"
EVIL_REPORT = EVIL_PATH.read_bytes().decode("utf-8")


@pytest.fixture(autouse=True)
def no_system_clipboard(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test may run a real clipboard tool."""
    monkeypatch.setattr(clipboard, "copy_native", lambda text: False)


@pytest.fixture
def evil() -> Document:
    return build_document(load_bytes(EVIL_REPORT.encode("utf-8"), "evil.txt"))


def rendered(widget: Widget) -> Iterator[Strip]:
    for y in range(widget.size.height):
        yield widget.render_line(y)


def assert_inert(strips: Iterable[Strip]) -> str:
    """The text of ``strips``; no segment may carry a link or an action, nor a control character."""
    lines = []
    for strip in strips:
        for segment in strip:
            style = segment.style
            if style is not None:
                assert not style.link, (segment.text, style.link)
                assert "@click" not in (style.meta or {}), (segment.text, style.meta)
        lines.append(strip.text)
        assert DANGEROUS.search(strip.text) is None, repr(strip.text)
    return "\n".join(lines)


def assert_plain(content: Content) -> None:
    """``content`` is text with styles only: no markup was parsed into links or actions."""
    assert_inert([Strip(content.render_segments())])


async def test_markup_in_a_report_shows_literally_in_every_pane(evil: Document) -> None:
    app = ReaderApp(evil)
    async with reading(app, "1", "]", size=SIZE) as (_pilot, screen):
        text = assert_inert(rendered(screen.reader))
        assert "一、[red]工作回顾[/red]\ufffd[31m" in text
        assert "（一）[link=http://evil.example]点我[/link]\ufffd反转" in text
        assert "[@click=app.quit]地区生产总值[/@click]增长5%。" in text
        tree = assert_inert(rendered(screen.chapter_tree))
        assert "一、[red]工作回顾" in tree and "（一）[link=http://" in tree  # cut to the width
        panel = screen.figures_panel
        assert len(panel.figures) == 4
        for index in range(len(panel.figures)):
            prompt = panel.row_content(index)
            assert isinstance(prompt, Content)
            assert_plain(prompt)
        assert "[@click=app.quit]地区生产总值" in assert_inert(rendered(panel))
        assert screen.title == "[red]示例市[/red]政府工作报告"
        screenshot = app.export_screenshot()
        assert "[red]示例市[/red]政府工作报告" in screenshot
        assert "evil.example" not in "".join(re.findall(r'href="[^"]*"', screenshot))


async def click_text(pilot: Pilot[None], widget: Widget, text: str) -> None:
    """Click the first cell where ``text`` is drawn in ``widget``."""
    rows = [strip.text for strip in rendered(widget)]
    row = next(y for y, line in enumerate(rows) if text in line)
    column = cell_len(rows[row][: rows[row].index(text)])
    inner, outer = widget.content_region, widget.region
    offset = (inner.x - outer.x + column, inner.y - outer.y + row)
    assert await pilot.click(widget, offset=offset)
    await pilot.pause()


async def test_clicking_report_text_written_as_an_action_does_nothing(evil: Document) -> None:
    """Parsed as markup, 地区生产总值 would quit the app when clicked."""
    app = ReaderApp(evil)
    async with reading(app, "1", "]", size=SIZE) as (pilot, screen):
        for widget in (screen.reader, screen.figures_panel):
            await click_text(pilot, widget, "地区生产总值")
            assert app.is_running and app.return_code is None


async def test_notifications_quote_report_text_literally(evil: Document) -> None:
    app = ReaderApp(evil)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("1", "]", "y")
        await pilot.pause()
        toasts = list(app.screen.query(Toast))
        assert toasts
        shown = assert_inert(rendered(toasts[-1]))
        assert "[@click=app.quit]地区生产总值" in shown
        await click_text(pilot, toasts[-1], "地区生产总值")
        assert app.is_running and app.return_code is None


@pytest.mark.parametrize(
    ("action", "query", "literal"),
    [
        ("go_to_section", "link", "（一）[link=http://evil.example]点我"),
        ("go_to_figure", "click", "[@click=app.quit]地区生产总值"),
    ],
)
async def test_palettes_list_report_text_literally(
    evil: Document, action: str, query: str, literal: str
) -> None:
    app = ReaderApp(evil)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.run_action(f"screen.{action}")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        for typed in ("", query):
            await pilot.press(*typed)
            await app.workers.wait_for_complete()  # the palette gathers hits in a worker
            await pilot.pause()
            options = app.screen.query_one(CommandList)
            assert options.option_count == 1 if typed else options.option_count > 1
            for index in range(options.option_count):
                prompt = options.get_option_at_index(index).prompt
                assert isinstance(prompt, Content)
                assert_plain(prompt)
            assert literal in assert_inert(rendered(options))
        await pilot.press("escape")


async def test_escapes_fixture_reads_with_every_sequence_defused() -> None:
    app = ReaderApp(open_report(HOSTILE / "escapes.txt"))
    async with app.run_test(size=SIZE) as pilot:
        screen = reader_screen(app)
        for key in ("1", "2"):
            await pilot.press(key)
            await pilot.pause()
            assert_inert(rendered(screen.reader))
        assert "\ufffd]52;c;cm0gLXJmIH4=\ufffd" in screen.document.text


async def test_a_report_without_numbered_chapters_reads_as_one_flat_chapter() -> None:
    body = "\n".join(f"过去一年，地区生产总值增长{n}%。{FILLER}" for n in range(1, 30))
    text = f"某县政府工作报告\n各位代表：\n{body}\n今年预期目标是增长5%左右。\n"
    doc = build_document(load_bytes(text.encode("utf-8"), "flat.txt"))
    notes: list[str] = []
    app = ReaderApp(doc)
    app.notify = lambda message, **_: notes.append(message)  # type: ignore[method-assign]
    async with reading(app, "1", size=SIZE) as (pilot, screen):
        reader = screen.reader
        chapters = [page for page in reader.pages if page.number is not None]
        assert len(chapters) == 1
        assert reader.page is chapters[0]
        assert chapters[0].end >= text.index("今年预期目标")
        assert "过去一年，地区生产总值增长1%。" in reader.visible_text()
        assert len(screen.figures_panel.figures) > 1
        await pilot.press("}", "G")
        await pilot.pause()
        assert reader.page is chapters[0]
        assert "今年预期目标是增长5%左右。" in reader.visible_text()
        await pilot.press("2")
        assert notes[-1] == "This report has no chapter 2"


@pytest.fixture(scope="module")
def twenty_megabytes() -> Document:
    """20 MB of report text: the bundled report's shape stretched to nine long chapters."""
    paragraph = f"{FILLER * 3}\n"
    per_section = 20 * 2**20 // (9 * 10) // len(paragraph.encode("utf-8")) + 1
    numerals = "一二三四五六七八九十"
    lines = ["某市政府工作报告\n各位代表：\n"]
    for chapter in numerals[:9]:
        lines.append(f"{chapter}、第{chapter}部分\n")
        for section in numerals:
            lines.append(f"（{section}）重点任务。全市地区生产总值增长5%。\n")
            lines.append(paragraph * per_section)
    lines.append("全文完。\n")
    data = "".join(lines).encode("utf-8")
    assert len(data) >= 20 * 10**6
    return build_document(load_bytes(data, "big.txt"))


async def test_twenty_megabytes_open_and_the_last_page_is_reachable(
    twenty_megabytes: Document,
) -> None:
    async with reading(ReaderApp(twenty_megabytes), size=SIZE) as (pilot, screen):
        assert "某市政府工作报告" in screen.reader.visible_text()
        await wait_for_parse(pilot)
        assert len(screen.figures) == 90
        await pilot.press("9")
        await pilot.pause()
        assert screen.reader.page.title == "九、第九部分"
        assert screen.reader.visible_text().startswith("九、第九部分")
        await pilot.press("G")
        await pilot.pause()
        assert screen.reader.visible_text().rstrip().endswith("全文完。")


# -- the real program in a terminal ---------------------------------------------------

TIMEOUT = 30
# Escape sequences a terminal understands: CSI, OSC (ended by BEL or ST), and two-byte ones.
_CSI = "\x1b\\[[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]"
_OSC = "\x1b\\]([^\x07\x1b]*)(?:\x07|\x1b\\\\)"
_SEQUENCES = re.compile(f"{_CSI}|{_OSC}|\x1b[\x20-\x7e]")

pty = pytest.importorskip("pty", reason="needs a POSIX pseudo-terminal")


def console_script() -> list[str]:
    script = Path(sys.executable).with_name("gwr-tui")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "tui.cli"]


class Terminal:
    """``gwr-tui`` in a pseudo-terminal: keys go in, every byte it writes is kept."""

    def __init__(self, *args: str, size: tuple[int, int] = SIZE) -> None:
        import fcntl
        import struct
        import termios

        self.master, slave = pty.openpty()
        columns, rows = size
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        env = {**os.environ, "TERM": "xterm-256color", "COLORTERM": "truecolor"}
        # Sizes in the environment win over the terminal's own (shutil.get_terminal_size).
        env |= {"COLUMNS": str(columns), "LINES": str(rows)}
        self.process = subprocess.Popen(
            [*console_script(), *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            start_new_session=True,
        )
        os.close(slave)
        self.output = bytearray()
        self.seen = 0

    def _read(self, timeout: float) -> bool:
        """Take what the program wrote; False once it has closed the terminal."""
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return True
        try:
            chunk = os.read(self.master, 1 << 16)
        except OSError:  # EIO: the program has exited
            return False
        self.output += chunk
        return bool(chunk)

    def wait_for(self, text: str) -> None:
        """Read until ``text`` is drawn after what was waited for last."""
        wanted = text.encode("utf-8")
        deadline = time.monotonic() + TIMEOUT
        while (found := self.output.find(wanted, self.seen)) < 0:
            alive = self._read(0.2)
            if not alive or time.monotonic() > deadline:
                self.kill()
                tail = bytes(self.output[-2000:]).decode("utf-8", "replace")
                pytest.fail(f"{text!r} never appeared; the terminal shows …{tail!r}")
        self.seen = found + len(wanted)

    def press(self, keys: str) -> None:
        os.write(self.master, keys.encode("utf-8"))

    def quit(self) -> str:
        """Press q, wait for the program to end, and return everything it wrote."""
        self.press("q")
        deadline = time.monotonic() + TIMEOUT
        while self._read(0.2):
            if time.monotonic() > deadline:
                self.kill()
                pytest.fail("gwr-tui did not quit")
        assert self.process.wait(timeout=TIMEOUT) == 0
        os.close(self.master)
        return bytes(self.output).decode("utf-8", "replace")

    def kill(self) -> None:
        self.process.kill()
        self.process.wait()
        os.close(self.master)


@pytest.fixture
def evil_file(tmp_path: Path) -> Path:
    path = tmp_path / "evil.txt"
    path.write_text(EVIL_REPORT, encoding="utf-8", newline="")
    return path


@pytest.fixture
def three_chapters(tmp_path: Path) -> Path:
    path = tmp_path / "report.txt"
    path.write_text(report_text(3), encoding="utf-8")
    return path


def test_no_escape_sequence_of_the_report_reaches_the_terminal(evil_file: Path) -> None:
    terminal = Terminal(str(evil_file))
    terminal.wait_for("政府工作报告")
    # Chapter one in the reading pane and the tree, every figure in the panel.
    terminal.press("1")
    terminal.wait_for("[@click=app.quit]")
    terminal.press("f")
    terminal.wait_for("数字 · 全文 (5)")
    written = terminal.quit()
    for sequence in _SEQUENCES.finditer(written):
        osc = sequence.group(1)
        if osc is not None:
            assert not osc.startswith(("8;", "52;")), repr(sequence.group())
            assert not re.search("evil|ZXZpbA|[\u4e00-\u9fff]", osc), repr(sequence.group())
    shown = _SEQUENCES.sub("", written)
    found = DANGEROUS.search(shown)
    assert found is None, repr(shown[max(0, found.start() - 40) : found.end() + 40])
    for literal in ("[red]工作回顾[/red]", "[link=http://evil.example]", "[@click=app.quit]"):
        assert literal in shown


def test_a_broken_config_is_untouched_by_reading_and_kept_as_bak_on_a_change(
    three_chapters: Path,
) -> None:
    config = locations.config_file()
    config.parent.mkdir(parents=True, exist_ok=True)
    broken = b'theme = "gwr-light\nkeywords = [\xff\n'
    config.write_bytes(broken)
    backup = config.with_name("config.toml.bak")

    terminal = Terminal(str(three_chapters))
    terminal.wait_for("示例市政府工作报告")
    terminal.press("2")
    terminal.quit()
    assert config.read_bytes() == broken
    assert not backup.exists()

    terminal = Terminal(str(three_chapters))
    terminal.wait_for("示例市政府工作报告")
    terminal.press("t")
    terminal.wait_for("Theme:")
    terminal.quit()
    assert backup.read_bytes() == broken
    settings, warning = load_config()
    assert warning is None and settings.theme != "gwr-dark"


def test_a_corrupt_state_file_is_kept_as_bak_and_replaced(three_chapters: Path) -> None:
    state = locations.state_file()
    state.parent.mkdir(parents=True, exist_ok=True)
    corrupt = b'{"documents": {"abc": {"position": {"offset": 1'
    state.write_bytes(corrupt)
    terminal = Terminal(str(three_chapters))
    terminal.wait_for("示例市政府工作报告")
    terminal.press("3")
    terminal.quit()
    assert state.with_name("state.json.bak").read_bytes() == corrupt
    remembered, warning = load_state()
    assert warning is None
    key = document_key(open_report(three_chapters).text)
    assert remembered.position_for(key) is not None


def test_two_readers_open_at_once_keep_each_others_bookmarks(three_chapters: Path) -> None:
    first = Terminal(str(three_chapters))
    second = Terminal(str(three_chapters))
    for terminal in (first, second):
        terminal.wait_for("示例市政府工作报告")
    # Both loaded the (empty) state before either saved anything; keys run in order.
    first.press("2m")
    first.wait_for("Bookmarked")
    first.quit()
    second.press("3m")
    second.wait_for("Bookmarked")
    second.quit()
    remembered, warning = load_state()
    assert warning is None
    doc = open_report(three_chapters)
    key = document_key(doc.text)
    marks = remembered.bookmarks_for(key)
    chapters = {node.title: node for node in doc.children}
    assert [mark.offset for mark in marks] == [
        chapters["第二部分工作"].start,
        chapters["第三部分工作"].start,
    ]
    assert remembered.position_for(key) == chapters["第三部分工作"].start
    assert [entry.path for entry in remembered.recent] == [str(three_chapters)]
