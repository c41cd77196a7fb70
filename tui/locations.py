"""Where gwr-tui keeps the user's files.

One module answers "where" so config, state and cache never disagree about a
path, and so tests can redirect every location by patching platformdirs once.
The functions look platformdirs up at call time (``platformdirs.user_*``)
rather than importing the names, which is what lets a test fixture reroute
them without knowing who imported what.
"""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP_NAME = "gwr-tui"


def config_file() -> Path:
    """The TOML file the user may edit by hand; nothing is created here."""
    return platformdirs.user_config_path(APP_NAME) / "config.toml"


def state_file() -> Path:
    """Recent files, reading positions and bookmarks: data the app owns, not the user."""
    return platformdirs.user_state_path(APP_NAME) / "state.json"


def cache_dir() -> Path:
    """Disposable data that can be rebuilt at any time (safe for the user to delete)."""
    return platformdirs.user_cache_path(APP_NAME)
