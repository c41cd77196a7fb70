"""The key hints at the bottom, rebuilt only when the keys they show change.

Textual's ``Footer`` throws away and recreates a widget per key whenever the
screen's bindings are refreshed: on every focus change, and five times while
the reader opens. Each rebuild restyles and lays out the whole status line,
about a tenth of the reader's start-up. The keys it shows are the reader's own
and rarely change, so this footer compares them first.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer

ShownKey = tuple[str, str, str, bool, str]
"""``(key, shown as, description, enabled, tooltip)`` of one key hint."""


def shown_keys(screen: Screen[object]) -> tuple[ShownKey, ...]:
    """What a footer on ``screen`` would show, palette key included."""
    app = screen.app
    return tuple(
        (binding.key, app.get_key_display(binding), binding.description, enabled, tooltip)
        for _, binding, enabled, tooltip in screen.active_bindings.values()
        if binding.show or binding.action == "command_palette"
    )


class KeyFooter(Footer):
    """A ``Footer`` that skips rebuilding when a binding refresh leaves its keys as they were."""

    def __init__(self) -> None:
        super().__init__()
        self._shown: tuple[ShownKey, ...] | None = None

    def bindings_changed(self, screen: Screen[object]) -> None:
        shown = shown_keys(screen)
        if shown == self._shown:
            return
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self._shown = shown  # Footer rebuilds only in this case
        super().bindings_changed(screen)
