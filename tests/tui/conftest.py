"""Fixtures shared by the reader's tests."""

from __future__ import annotations

import pytest

from tui.app import ReaderApp


@pytest.fixture
def notes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every notification the app shows."""
    shown: list[str] = []
    original = ReaderApp.notify

    def notify(self: ReaderApp, message: str, **kwargs: object) -> None:
        shown.append(message)
        original(self, message, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(ReaderApp, "notify", notify)
    return shown
