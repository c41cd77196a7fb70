"""The library index: a row per report, updates by mtime/size and content hash, search."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import platformdirs
import pytest

import parsers.tree
from parsers.report import open_report
from tui.library_index import SCHEMA_VERSION, LibraryIndex, report_files

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "compare"
NATIONAL = FIXTURES / "national_2025_excerpt.txt"
HAILAR = FIXTURES / "hailar_district_2018_gbk.txt"


@pytest.fixture
def shelf(tmp_path: Path) -> Path:
    """A folder of two reports, one in a subfolder, plus things that are not reports."""
    root = tmp_path / "reports"
    (root / "district").mkdir(parents=True)
    (root / ".hidden").mkdir()
    shutil.copy(NATIONAL, root / "national_2025.txt")
    shutil.copy(HAILAR, root / "district" / "hailar_2018.txt")
    shutil.copy(NATIONAL, root / ".hidden" / "copy.txt")
    (root / "notes.md").write_text("不是报告", encoding="utf-8")
    (root / "empty.txt").write_bytes(b"")
    return root


@pytest.fixture
def index(tmp_path: Path) -> LibraryIndex:
    return LibraryIndex(tmp_path / "cache" / "library.sqlite3")


def no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object) -> None:
        raise AssertionError("the report was parsed again")

    monkeypatch.setattr(parsers.tree, "build_document", refuse)


def test_folders_are_searched_through_and_files_kept_as_given(shelf: Path) -> None:
    found = report_files([shelf, shelf / "notes.md", shelf / "national_2025.txt"])
    names = [path.relative_to(shelf).as_posix() for path in found]
    assert names == ["district/hailar_2018.txt", "empty.txt", "national_2025.txt", "notes.md"]


def test_rows_say_what_each_report_is(shelf: Path, index: LibraryIndex) -> None:
    entries, skipped = index.update(report_files([shelf]))
    rows = {Path(e.path).name: (e.region, e.level, e.year, e.chapters) for e in entries}
    assert rows == {
        "hailar_2018.txt": ("海拉尔区", "district", 2018, 2),
        "national_2025.txt": ("国务院", "national", 2025, 2),
    }
    assert all(entry.figures > 5 and entry.title == "政府工作报告" for entry in entries)
    assert [Path(s.path).name for s in skipped] == ["empty.txt"]
    assert "is empty" in skipped[0].reason


def test_progress_is_reported_per_file(shelf: Path, index: LibraryIndex) -> None:
    calls: list[tuple[int, int, str]] = []
    files = report_files([shelf])
    index.update(files, lambda done, total, path: calls.append((done, total, path)))
    assert [(done, total) for done, total, _ in calls] == [(n, 3) for n in range(4)]
    assert [path for _, _, path in calls[:-1]] == [str(f) for f in files]


def test_unchanged_files_are_not_read_again(
    shelf: Path, index: LibraryIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, _ = index.update(report_files([shelf]))
    no_parsing(monkeypatch)
    again, _ = index.update(report_files([shelf]))
    assert again == first


def test_same_text_under_a_new_name_or_time_is_not_parsed(
    shelf: Path, index: LibraryIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    (before,) = [e for e in index.update([shelf / "national_2025.txt"])[0]]
    no_parsing(monkeypatch)
    os.utime(shelf / "national_2025.txt", ns=(1, 1))
    shutil.copy(shelf / "national_2025.txt", shelf / "renamed.txt")
    entries, _ = index.update([shelf / "national_2025.txt", shelf / "renamed.txt"])
    assert [e.key for e in entries] == [before.key, before.key]


def test_a_changed_file_is_indexed_anew_and_its_old_text_forgotten(
    shelf: Path, index: LibraryIndex
) -> None:
    path = shelf / "national_2025.txt"
    (old,) = index.update([path])[0]
    assert index.search("国际收支基本平衡", [old])
    path.write_text(
        path.read_text(encoding="utf-8").replace("国际收支基本平衡", "外贸结构持续优化"),
        encoding="utf-8",
    )
    (new,) = index.update([path])[0]
    assert new.key != old.key
    assert index.search("外贸结构持续优化", [new])
    assert not index.search("国际收支基本平衡", [new, old])


def test_search_finds_sentences_with_their_place(shelf: Path, index: LibraryIndex) -> None:
    entries, _ = index.update(report_files([shelf]))
    hits = index.search("人均可支配收入", entries)
    assert {Path(hit.entry.path).name for hit in hits} == {"hailar_2018.txt"}
    for hit in hits:
        text = open_report(hit.entry.path).text
        assert text[hit.offset : hit.offset + len(hit.sentence)] == hit.sentence
        assert hit.sentence[hit.match_start : hit.match_end] == "人均可支配收入"
    assert hits[0].section == ("2017年工作回顾",)
    assert hits[-1].section == ("2018年工作安排",)


@pytest.mark.parametrize("query", ["就业", "5%", "GDP", '"', "%_\\"])
def test_short_and_odd_queries_work(shelf: Path, index: LibraryIndex, query: str) -> None:
    entries, _ = index.update(report_files([shelf]))
    hits = index.search(query, entries)
    for hit in hits:
        assert hit.sentence[hit.match_start : hit.match_end].lower() == query.lower()
    expected = sum(open_report(e.path).text.count(query) > 0 for e in entries)
    assert len({hit.entry.path for hit in hits}) == expected


def test_search_stays_within_the_library_asked_about(shelf: Path, index: LibraryIndex) -> None:
    entries, _ = index.update(report_files([shelf]))
    national = [e for e in entries if e.year == 2025]
    assert index.search("增长", entries)
    assert {hit.entry.year for hit in index.search("增长", national)} == {2025}


def test_a_broken_or_old_index_is_rebuilt(shelf: Path, index: LibraryIndex) -> None:
    index.path.parent.mkdir(parents=True)
    index.path.write_bytes(b"this is not a database" * 100)
    entries, _ = index.update([shelf / "national_2025.txt"])
    assert index.search("国内生产总值", entries)
    with sqlite3.connect(index.path) as db:
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    assert index.search("国内生产总值", entries) == []
    assert index.update([shelf / "national_2025.txt"])[0] == entries


def test_the_index_lives_in_the_user_cache() -> None:
    assert LibraryIndex().path.parent == platformdirs.user_cache_path("gwr-tui")
