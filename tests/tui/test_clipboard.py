"""Choosing and running the native clipboard tool, with fake tools and a fake environment."""

from __future__ import annotations

import stat
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tui import clipboard
from tui.clipboard import copy_native, native_copy_command, preview

TEXT = "地区生产总值：1200亿元（同比增长5.5%左右，预计）\n第二行"
ENV = ("SSH_CONNECTION", "SSH_TTY", "WAYLAND_DISPLAY", "DISPLAY", "WSL_DISTRO_NAME")


@pytest.fixture(autouse=True)
def plain_linux(monkeypatch: pytest.MonkeyPatch) -> None:
    """A Linux box with no display, no SSH and no tools, whatever machine runs the tests."""
    for name in ENV:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(clipboard.platform, "release", lambda: "6.1.0-generic")
    install(monkeypatch, {})


def install(monkeypatch: pytest.MonkeyPatch, tools: dict[str, str]) -> None:
    """Make ``shutil.which`` find exactly ``tools`` (name → path)."""
    monkeypatch.setattr(clipboard.shutil, "which", tools.get)


@pytest.fixture
def fake_tool(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write an executable shell script named ``name`` with ``body``; return its path."""

    def make(name: str, body: str) -> Path:
        script = tmp_path / name
        script.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
        script.chmod(script.stat().st_mode | stat.S_IXUSR)
        return script

    return make


def test_nothing_found_means_no_command() -> None:
    assert native_copy_command() is None
    assert copy_native(TEXT) is False


def test_wayland_uses_wl_copy(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
    install(monkeypatch, {"wl-copy": "/usr/bin/wl-copy", "xclip": "/usr/bin/xclip"})
    assert native_copy_command() == ["/usr/bin/wl-copy"]


def test_x11_prefers_xclip_then_xsel(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DISPLAY", ":0")
    install(monkeypatch, {"xclip": "/usr/bin/xclip", "xsel": "/usr/bin/xsel"})
    assert native_copy_command() == ["/usr/bin/xclip", "-selection", "clipboard"]
    install(monkeypatch, {"xsel": "/usr/bin/xsel"})
    assert native_copy_command() == ["/usr/bin/xsel", "--clipboard", "--input"]


def test_a_tool_without_its_display_is_not_used(monkeypatch: pytest.MonkeyPatch) -> None:
    install(monkeypatch, {"xclip": "/usr/bin/xclip", "wl-copy": "/usr/bin/wl-copy"})
    assert native_copy_command() is None


@pytest.mark.parametrize("variable", ["SSH_CONNECTION", "SSH_TTY"])
def test_never_over_ssh(monkeypatch: pytest.MonkeyPatch, variable: str) -> None:
    monkeypatch.setenv("DISPLAY", "localhost:10.0")
    monkeypatch.setenv(variable, "10.0.0.1 50000 10.0.0.2 22")
    install(monkeypatch, {"xclip": "/usr/bin/xclip"})
    assert native_copy_command() is None


def test_macos_uses_pbcopy(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "darwin")
    install(monkeypatch, {"pbcopy": "/usr/bin/pbcopy"})
    assert native_copy_command() == ["/usr/bin/pbcopy"]


def test_windows_uses_clip(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "win32")
    install(monkeypatch, {"clip.exe": r"C:\Windows\system32\clip.exe"})
    assert native_copy_command() == [r"C:\Windows\system32\clip.exe"]


def test_wsl_falls_back_to_clip_exe_after_linux_tools(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clipboard.platform, "release", lambda: "5.15.153.1-microsoft-standard-WSL2")
    clip = "/mnt/c/Windows/system32/clip.exe"
    install(monkeypatch, {"clip.exe": clip, "xclip": "/usr/bin/xclip"})
    assert native_copy_command() == [clip]
    monkeypatch.setenv("DISPLAY", ":0")
    assert native_copy_command() == ["/usr/bin/xclip", "-selection", "clipboard"]


def test_copy_hands_utf8_text_to_the_tool(
    monkeypatch: pytest.MonkeyPatch, fake_tool: Callable[[str, str], Path], tmp_path: Path
) -> None:
    out = tmp_path / "clipboard.bin"
    monkeypatch.setenv("DISPLAY", ":0")
    install(monkeypatch, {"xclip": str(fake_tool("xclip", f'cat > "{out}"'))})
    assert copy_native(TEXT) is True
    assert out.read_bytes() == TEXT.encode("utf-8")


def test_clip_exe_gets_utf16_with_a_byte_order_mark(
    monkeypatch: pytest.MonkeyPatch, fake_tool: Callable[[str, str], Path], tmp_path: Path
) -> None:
    out = tmp_path / "clipboard.bin"
    monkeypatch.setenv("WSL_DISTRO_NAME", "Ubuntu")
    install(monkeypatch, {"clip.exe": str(fake_tool("clip.exe", f'cat > "{out}"'))})
    assert copy_native(TEXT) is True
    data = out.read_bytes()
    assert data.startswith(b"\xff\xfe")
    assert data.decode("utf-16") == TEXT


def test_a_tool_that_keeps_a_child_running_does_not_block(
    monkeypatch: pytest.MonkeyPatch, fake_tool: Callable[[str, str], Path], tmp_path: Path
) -> None:
    """wl-copy and xclip fork a server that keeps the inherited stdout open."""
    out = tmp_path / "clipboard.bin"
    body = f'cat > "{out}"\nsleep 3 &\nexit 0'
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
    install(monkeypatch, {"wl-copy": str(fake_tool("wl-copy", body))})
    assert copy_native(TEXT) is True
    assert out.read_bytes() == TEXT.encode("utf-8")


def test_failing_tool_reports_false(
    monkeypatch: pytest.MonkeyPatch, fake_tool: Callable[[str, str], Path]
) -> None:
    monkeypatch.setenv("DISPLAY", ":0")
    install(monkeypatch, {"xclip": str(fake_tool("xclip", "cat >/dev/null; exit 1"))})
    assert copy_native(TEXT) is False


def test_hanging_tool_is_given_up_on(
    monkeypatch: pytest.MonkeyPatch, fake_tool: Callable[[str, str], Path]
) -> None:
    monkeypatch.setattr(clipboard, "COPY_TIMEOUT", 0.2)
    monkeypatch.setenv("DISPLAY", ":0")
    install(monkeypatch, {"xclip": str(fake_tool("xclip", "exec sleep 30"))})
    assert copy_native(TEXT) is False


def test_a_tool_that_cannot_run_reports_false(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    not_executable = tmp_path / "xclip"
    not_executable.write_text("#!/bin/sh\n", encoding="utf-8")
    monkeypatch.setenv("DISPLAY", ":0")
    install(monkeypatch, {"xclip": str(not_executable)})
    assert copy_native(TEXT) is False
    install(monkeypatch, {"xclip": str(tmp_path / "missing")})
    assert copy_native(TEXT) is False


def test_a_notification_preview_is_one_short_safe_line() -> None:
    shown = preview("地区生产总值\x1b]52;c;ZXZpbA==\x07\n\u202e增长\u30005%" + "。" * 60)
    assert "\x1b" not in shown and "\x07" not in shown and "\u202e" not in shown
    assert "\n" not in shown
    assert shown.startswith("地区生产总值]52;c;ZXZpbA== 增长 5%")
    assert len(shown) == 40 and shown.endswith("…")
