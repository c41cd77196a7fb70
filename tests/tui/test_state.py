"""Reading history: positions by content hash, bookmarks, recents, safe under kills and races."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tui import atomic, locations
from tui.state import MAX_RECENT, Bookmark, State, document_key, load_state, save_state

REPO = Path(__file__).resolve().parents[2]


def test_document_key_depends_on_content_only() -> None:
    key = document_key("政府工作报告\n一、过去一年")
    assert key == document_key("政府工作报告\n一、过去一年")
    assert key != document_key("政府工作报告\n一、过去一年 ")
    assert len(key) == 64 and int(key, 16) >= 0


def test_missing_file_is_an_empty_state() -> None:
    state, warning = load_state()
    assert warning is None
    assert state == State()
    assert state.position_for("x") is None


def test_position_survives_a_restart() -> None:
    key = document_key("报告")
    state, _ = load_state()
    state.remember_position(key, 1234)
    save_state(state)
    assert locations.state_file().is_file()
    reloaded, warning = load_state()
    assert warning is None
    assert reloaded.position_for(key) == 1234


def test_bookmarks_are_listed_in_reading_order_and_removable() -> None:
    state = State()
    later = state.add_bookmark("k", 500, "稳增长", now=1.0)
    earlier = state.add_bookmark("k", 20, "开头", now=2.0)
    assert state.bookmarks_for("k") == [earlier, later]
    state.remove_bookmark("k", later)
    assert state.bookmarks_for("k") == [earlier]
    assert state.bookmarks_for("other") == []


def test_bookmarking_the_same_place_again_replaces_the_label() -> None:
    state = State()
    state.add_bookmark("k", 7, "old", now=1.0)
    state.add_bookmark("k", 7, "new", now=2.0)
    assert state.bookmarks_for("k") == [Bookmark(7, "new", 2.0)]


def test_recent_files_are_newest_first_unique_and_capped(tmp_path: Path) -> None:
    state = State()
    for i in range(MAX_RECENT + 5):
        state.note_recent(tmp_path / f"r{i}.txt", f"报告{i}", f"key{i}", now=float(i))
    state.note_recent(tmp_path / "r10.txt", "报告10", "key10", now=100.0)
    paths = [r.path for r in state.recent]
    assert len(paths) == MAX_RECENT == len(set(paths))
    assert paths[0] == str(tmp_path / "r10.txt")
    assert paths[1] == str(tmp_path / f"r{MAX_RECENT + 4}.txt")
    save_state(state)
    assert load_state()[0].recent == state.recent


def test_relative_recent_paths_are_stored_absolute(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    state = State()
    state.note_recent("report.txt", "t", "k")
    assert state.recent[0].path == str(REPO / "report.txt")


@pytest.mark.parametrize(
    "content", [b"{not json", b"\xff\xfe\x00", b"[1, 2]", b'"text"', b'{"documents": 3}']
)
def test_corrupt_file_warns_and_is_kept_until_a_save_then_backed_up(content: bytes) -> None:
    path = locations.state_file()
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    state, warning = load_state()
    assert state == State()
    assert warning is not None and "\n" not in warning
    assert path.read_bytes() == content
    state.remember_position("k", 9)
    save_state(state)
    assert path.with_name("state.json.bak").read_bytes() == content
    assert load_state() == (state, None)


def test_malformed_entries_are_skipped_and_the_rest_kept() -> None:
    path = locations.state_file()
    path.parent.mkdir(parents=True)
    good = {"offset": 5, "label": "ok", "created": 1.0}
    documents = {
        "k": {"position": {"offset": -1, "at": 1.0}, "bookmarks": [good, {"offset": "x"}]},
        "j": {"position": {"offset": 3, "at": 2, "future": True}},
        "n": {"position": {"offset": 4, "at": float("nan")}},
    }
    path.write_text(json.dumps({"documents": documents, "recent": [None]}), encoding="utf-8")
    state, warning = load_state()
    assert warning is not None and "4 unreadable entries" in warning
    assert state.bookmarks_for("k") == [Bookmark(5, "ok", 1.0)]
    assert state.position_for("k") is None
    assert state.position_for("j") == 3
    assert state.position_for("n") is None


def test_interleaved_saves_from_two_processes_merge() -> None:
    first, _ = load_state()
    second, _ = load_state()
    first.add_bookmark("k", 10, "from first", now=1.0)
    first.remember_position("k", 100, now=5.0)
    first.note_recent("/a.txt", "A", "k", now=5.0)
    second.add_bookmark("k", 20, "from second", now=2.0)
    second.remember_position("k", 200, now=6.0)
    second.remember_position("other", 7, now=1.0)
    second.note_recent("/b.txt", "B", "other", now=1.0)
    save_state(second)
    save_state(first)  # older position, saved last: must not win
    merged, warning = load_state()
    assert warning is None
    assert [b.label for b in merged.bookmarks_for("k")] == ["from first", "from second"]
    assert merged.position_for("k") == 200
    assert merged.position_for("other") == 7
    assert [r.path for r in merged.recent] == ["/a.txt", "/b.txt"]
    assert first == merged  # the saving side sees the other's changes


def test_a_removed_bookmark_does_not_come_back_from_the_other_process() -> None:
    setup = State()
    setup.add_bookmark("k", 1, "shared", now=1.0)
    save_state(setup)
    first, _ = load_state()
    second, _ = load_state()
    first.remove_bookmark("k", Bookmark(1, "shared", 1.0))
    save_state(first)
    second.add_bookmark("k", 2, "new", now=2.0)
    save_state(second)  # second still holds "shared" in memory
    assert [b.label for b in load_state()[0].bookmarks_for("k")] == ["new"]
    third, _ = load_state()
    third.remove_bookmark("k", Bookmark(2, "new", 2.0))
    fourth = State()
    fourth.add_bookmark("j", 3, "elsewhere", now=3.0)
    save_state(third)
    save_state(fourth)
    final = load_state()[0]
    assert final.bookmarks_for("k") == []
    assert final.bookmarks_for("j") == [Bookmark(3, "elsewhere", 3.0)]


def test_leftover_temp_file_from_a_killed_write_is_never_read(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    state = State()
    state.remember_position("k", 42)
    save_state(state, path)
    (tmp_path / ".state.json.abc123.tmp").write_text('{"documents": {"k": ', encoding="utf-8")
    assert load_state(path) == (state, None)
    state.remember_position("k", 43)
    save_state(state, path)
    assert load_state(path)[0].position_for("k") == 43


def test_a_write_interrupted_before_the_rename_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "state.json"
    state = State()
    state.remember_position("k", 1)
    save_state(state, path)
    before = path.read_bytes()

    def killed(*_args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic.os, "replace", killed)
    state.remember_position("k", 2)
    with pytest.raises(KeyboardInterrupt):
        save_state(state, path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["state.json", "state.json.lock"]


def test_atomic_write_keeps_the_permissions_of_the_file_it_replaces(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("old", encoding="utf-8")
    path.chmod(0o640)
    atomic.atomic_write_text(path, "新")
    assert path.read_text(encoding="utf-8") == "新"
    assert path.stat().st_mode & 0o777 == 0o640


SAVER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from tui.state import load_state, save_state

    path, tag, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    state, _ = load_state(path)
    for i in range(count):
        state.add_bookmark(tag, i, f"{tag}{i}" * 50)
        state.remember_position(tag, i)
        save_state(state, path)
        if i == 0:
            print("saved", flush=True)
    """
)


def _saver(path: Path, tag: str, count: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", SAVER, str(path), tag, str(count)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )


def test_two_processes_saving_at_once_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    count = 30
    savers = [_saver(path, tag, count) for tag in ("a", "b")]
    for saver in savers:
        saver.communicate(timeout=60)
        assert saver.returncode == 0
    state, warning = load_state(path)
    assert warning is None
    for tag in ("a", "b"):
        assert [b.offset for b in state.bookmarks_for(tag)] == list(range(count))
        assert state.position_for(tag) == count - 1


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_process_killed_while_saving_leaves_a_readable_file(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    saver = _saver(path, "a", 100_000)
    assert saver.stdout is not None
    assert saver.stdout.readline() == "saved\n"
    os.kill(saver.pid, signal.SIGKILL)
    saver.wait(timeout=60)
    state, warning = load_state(path)
    assert warning is None
    assert len(state.bookmarks_for("a")) >= 1
