"""Child process for the start-up benchmark: open an app headless, print ``ready``, quit.

Run as ``python startup_probe.py hello`` or ``python startup_probe.py reader``; the parent
times the whole process, interpreter start included, so imports count as users feel them.
"""

from __future__ import annotations

import sys

from textual.pilot import Pilot


async def _report_ready(pilot: Pilot[None]) -> None:
    await pilot.pause()
    print("ready", flush=True)
    pilot.app.exit()


def main(mode: str) -> None:
    if mode == "hello":
        from textual.app import App, ComposeResult
        from textual.widgets import Static

        class Hello(App[None]):
            def compose(self) -> ComposeResult:
                yield Static("hello world")

        Hello().run(headless=True, size=(120, 40), auto_pilot=_report_ready)
        return
    from parsers.report import open_report
    from tui.app import ReaderApp
    from tui.cli import sample_path

    ReaderApp(open_report(sample_path())).run(
        headless=True, size=(120, 40), auto_pilot=_report_ready
    )


if __name__ == "__main__":
    main(sys.argv[1])
