"""Copying to the system clipboard with a native tool, beside Textual's OSC 52.

OSC 52 (``App.copy_to_clipboard``) needs the terminal's cooperation: macOS
Terminal and Windows conhost ignore it, and some setups garble Chinese in it.
Where a clipboard tool is installed locally we also hand the text to it. Over
SSH a local tool would fill the remote machine's clipboard, not the user's,
so there only OSC 52 is used.
"""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from parsers.sanitize import strip_controls

if TYPE_CHECKING:
    from textual.app import App

COPY_TIMEOUT = 2.0
"""Seconds to wait for a tool; a stuck one must not freeze the reader."""


def native_copy_command() -> list[str] | None:
    """The command that reads text on stdin into the clipboard, or ``None`` if there is none."""
    if os.environ.get("SSH_CONNECTION") or os.environ.get("SSH_TTY"):
        return None
    for name, *args in _candidates():
        path = shutil.which(name)
        if path:
            return [path, *args]
    return None


def copy_native(text: str) -> bool:
    """Put ``text`` on the clipboard with the native tool; ``False`` if that did not work.

    Never raises: the reader falls back to OSC 52 and says so in a notification.
    The tool's output is discarded rather than piped, because wl-copy and
    xclip leave a child running to serve the selection, which would hold a
    pipe open until the timeout.
    """
    command = native_copy_command()
    if command is None:
        return False
    try:
        result = subprocess.run(
            command,
            input=_encode_for(command[0], text),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=COPY_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return result.returncode == 0


def _candidates() -> list[list[str]]:
    """Tools to try in order, for the platform and display server we are on.

    On WSL the Linux tools come first (WSLg bridges them to Windows) and
    clip.exe is the fallback.
    """
    if sys.platform == "darwin":
        return [["pbcopy"]]
    if sys.platform == "win32":
        return [["clip.exe"]]
    candidates: list[list[str]] = []
    if os.environ.get("WAYLAND_DISPLAY"):
        candidates.append(["wl-copy"])
    if os.environ.get("DISPLAY"):
        candidates += [["xclip", "-selection", "clipboard"], ["xsel", "--clipboard", "--input"]]
    if os.environ.get("WSL_DISTRO_NAME") or "microsoft" in platform.release().lower():
        candidates.append(["clip.exe"])
    return candidates


def _encode_for(executable: str, text: str) -> bytes:
    """UTF-8 for Unix tools; clip.exe reads UTF-8 as the console code page and garbles
    Chinese, but takes UTF-16 reliably when a byte-order mark says so."""
    if Path(executable).name.lower() == "clip.exe":
        return ("\ufeff" + text).encode("utf-16-le", errors="replace")
    return text.encode("utf-8", errors="replace")


PREVIEW_CHARS = 40


def preview(text: str, limit: int = PREVIEW_CHARS) -> str:
    """One short line of ``text`` for a notification: whitespace and controls become spaces."""
    line = " ".join(strip_controls(text).split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def copy_and_notify(app: App[Any], text: str, what: str) -> None:
    """Copy by OSC 52 and by a system tool, then tell the user which of them could reach.

    Every screen that copies goes through here so the message and the
    fallback stay the same wherever the user presses the key.
    """
    app.copy_to_clipboard(text)
    if copy_native(text):
        app.notify(f"Copied {what}: {preview(text)}", markup=False)
        return
    app.notify(
        f"Sent {what} to the terminal clipboard (OSC 52): {preview(text)} — "
        "no system clipboard tool was reachable; if pasting fails, "
        "the terminal does not accept OSC 52",
        severity="warning",
        markup=False,
    )
