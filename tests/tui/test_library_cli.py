"""``gwr-tui search``, and what a folder, several files, nothing or an address open."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import platformdirs
import pytest
from local_site import Route, Site

import tui.library_app
from parsers.model import Document
from parsers.report import open_report
from tui.app import ReaderApp
from tui.cli import main, sample_path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "compare"
SCRIPT = [sys.executable, "-c", "import sys; from tui.cli import main; sys.exit(main())"]


@pytest.fixture
def shelf(tmp_path: Path) -> Path:
    root = tmp_path / "shelf"
    (root / "older").mkdir(parents=True)
    shutil.copy(FIXTURES / "national_2025_excerpt.txt", root / "national_2025.txt")
    shutil.copy(FIXTURES / "hailar_district_2018_gbk.txt", root / "older" / "hailar_2018.txt")
    return root


def test_search_prints_each_report_then_its_sentences(
    shelf: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["search", str(shelf), "城镇新增就业"]) == 0
    lines = capsys.readouterr().out.splitlines()
    headings = [line for line in lines if not line.startswith("  ")]
    assert [heading.split(" · ")[0] for heading in headings] == ["国务院 2025", "海拉尔区 2018"]
    assert (
        "  2024年工作回顾 › 经济实现稳定增长。: 城镇新增就业1256万人，城镇调查失业率平均为5.1%。"
        in lines
    )
    assert all("城镇新增就业" in line for line in lines if line.startswith("  "))


def test_search_json_points_into_each_report(
    shelf: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["search", str(shelf), "增长", "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert {Path(hit["path"]).name for hit in hits} == {"national_2025.txt", "hailar_2018.txt"}
    for hit in hits:
        text = open_report(hit["path"]).text
        start = hit["offset"]
        assert text[start : start + len(hit["sentence"])] == hit["sentence"]
        assert hit["sentence"][slice(*hit["match"])] == "增长"
        assert set(hit) == {
            "path", "title", "region", "level", "year", "section", "sentence", "offset", "match",
        }  # fmt: skip


def test_search_without_hits_says_so_by_status(
    shelf: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["search", str(shelf), "没有这句话"]) == 1
    assert capsys.readouterr().out == ""
    # The index is in the (test's) user cache, and the second search reads it.
    assert (platformdirs.user_cache_path("gwr-tui") / "library.sqlite3").is_file()


def test_search_of_a_missing_folder_is_one_line() -> None:
    result = subprocess.run(
        [*SCRIPT, "search", "/no/such/folder", "就业"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.startswith("gwr-tui: /no/such/folder")
    assert result.stderr.count("\n") == 1


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    """What the command line started: the library (with its paths) or the reader (a document)."""
    seen: dict[str, object] = {}

    def library(paths: list[Path], first: Path | None = None) -> int:
        seen["library"] = paths
        seen["first"] = first
        return 0

    def reader(self: ReaderApp) -> None:
        seen["reader"] = self.reader_screen.document

    monkeypatch.setattr(tui.library_app, "run_library", library)
    monkeypatch.setattr(ReaderApp, "run", reader)
    return seen


def test_no_argument_opens_the_sample_with_the_library_behind(opened: dict[str, object]) -> None:
    assert main([]) == 0
    assert opened["library"] == []
    assert opened["first"] == sample_path()


@pytest.mark.parametrize(
    "args",
    [["{shelf}"], ["{shelf}/national_2025.txt", "{shelf}/older/hailar_2018.txt"]],
)
def test_folders_and_several_files_open_the_library(
    shelf: Path, opened: dict[str, object], args: list[str]
) -> None:
    argv = [arg.format(shelf=shelf) for arg in args]
    assert main(argv) == 0
    assert opened["library"] == [Path(arg) for arg in argv]
    assert opened["first"] is None
    assert "reader" not in opened


def test_one_file_opens_the_reader(shelf: Path, opened: dict[str, object]) -> None:
    assert main([str(sample_path())]) == 0
    document = opened["reader"]
    assert isinstance(document, Document) and document.meta.year == 2025
    assert "library" not in opened


@pytest.fixture
def page_url(site: Site) -> str:
    body = (FIXTURES / "national_2025_excerpt.txt").read_text(encoding="utf-8")
    page = (
        "<html><body>" + "".join(f"<p>{line}</p>" for line in body.splitlines()) + "</body></html>"
    )
    site.routes["/2025.html"] = Route(
        body=page.encode("gbk"), headers={"Content-Type": "text/html; charset=gbk"}
    )
    return site.url("/2025.html")


def test_an_address_opens_the_page_in_the_reader(page_url: str, opened: dict[str, object]) -> None:
    assert main([page_url]) == 0
    document = opened["reader"]
    assert isinstance(document, Document)
    assert (document.source, document.meta.year) == (page_url, 2025)
    assert next(chapter.title for chapter in document.children) == "2024年工作回顾"
    kept = platformdirs.user_cache_path("gwr-tui") / "pages"
    assert len(list(kept.glob("*.body"))) == 1


def test_an_unreachable_address_is_one_line() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{probe.getsockname()[1]}/report.html"
    result = subprocess.run(
        [*SCRIPT, url],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.startswith(f"gwr-tui: {url}: cannot be reached")
    assert result.stderr.count("\n") == 1


def test_outline_and_figures_read_an_address_too(
    page_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["outline", page_url]) == 0
    assert "一、2024年工作回顾" in capsys.readouterr().out.splitlines()
    assert main(["figures", "--format", "json", page_url]) == 0
    assert json.loads(capsys.readouterr().out)
