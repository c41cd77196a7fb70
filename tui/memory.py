"""The user's settings and reading state while gwr-tui runs: one copy for every screen.

The app loads them once and hands the same ``Memory`` to each reader screen
it opens, so a keyword added in one report is there in the next, and a theme
chosen anywhere is not undone by a screen holding an older copy. Every
change is written at once; what could not be written comes back as a line
for the screen to show.
"""

from __future__ import annotations

from tui.config import Config, load_config, save_config
from tui.state import State, load_state, save_state


class Memory:
    """Settings (``config.toml``) and reading state (``state.json``), loaded once."""

    def __init__(self) -> None:
        self.config: Config
        self.state: State
        self.config, config_warning = load_config()
        self.state, state_warning = load_state()
        self.warnings = [warning for warning in (config_warning, state_warning) if warning]
        """What was wrong with the files as loaded, for the app to say once."""

    def change_config(self, config: Config) -> str | None:
        """Use ``config`` and write it; the problem, if it could not be written."""
        self.config = config
        try:
            save_config(config)
        except OSError as error:
            return f"Could not save settings: {error}"
        return None

    def save_state(self) -> str | None:
        """Write the reading state; the problem, if it could not be written."""
        try:
            save_state(self.state)
        except OSError as error:
            return f"Could not save reading state: {error}"
        return None
