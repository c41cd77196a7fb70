"""Child process for the start-up benchmark: open an app headless, print ``ready``, quit.

Run as ``python startup_probe.py hello`` or ``python startup_probe.py reader [--cache-dir DIR]``;
the parent times the whole process, interpreter start included, so imports count as users
feel them. ``reader`` opens the bundled sample exactly as ``gwr-tui FILE`` does
(``tui.cli.open_reader``), parse cache included. ``--cache-dir`` puts gwr-tui's cache in
``DIR`` instead of the user's: an empty ``DIR`` times a first open (parse, then keep it),
a ``DIR`` an earlier run filled times a reopen.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from textual.pilot import Pilot


async def _report_ready(pilot: Pilot[None]) -> None:
    await pilot.pause()
    print("ready", flush=True)
    pilot.app.exit()


def _use_cache_dir(directory: Path) -> None:
    """Send ``tui.locations.cache_dir()`` to ``directory`` (it looks platformdirs up per call)."""
    import platformdirs

    def user_cache_path(appname: str | None = None, *_args: object, **_kwargs: object) -> Path:
        return directory / appname if appname else directory

    platformdirs.user_cache_path = user_cache_path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("mode", choices=("hello", "reader"))
    parser.add_argument("--cache-dir", type=Path, help="stands in for the user's cache directory")
    args = parser.parse_args()
    if args.mode == "hello":
        from textual.app import App, ComposeResult
        from textual.widgets import Static

        class Hello(App[None]):
            def compose(self) -> ComposeResult:
                yield Static("hello world")

        Hello().run(headless=True, size=(120, 40), auto_pilot=_report_ready)
        return
    if args.cache_dir is not None:
        _use_cache_dir(args.cache_dir)
    from tui.cli import open_reader, sample_path

    open_reader(str(sample_path())).run(headless=True, size=(120, 40), auto_pilot=_report_ready)


if __name__ == "__main__":
    main()
