"""Fixtures shared by the whole suite."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import platformdirs
import pytest

T = TypeVar("T")

SHARED_DIR = Path(__file__).resolve().parents[1] / ".." / "shared"


@pytest.fixture
def shared_dir() -> Path:
    """The shared corpus and gold labels beside the checkout; skip where they are absent."""
    if not SHARED_DIR.is_dir():
        pytest.skip("the shared corpus of real reports is not available")
    return SHARED_DIR


@pytest.fixture
def corpus_dir() -> Path:
    """The real reports beside the checkout; tests that need them skip where they are absent."""
    corpus = SHARED_DIR / "corpus"
    if not corpus.is_dir():
        pytest.skip("the shared corpus of real reports is not available")
    return corpus


@pytest.fixture
def gold_dir() -> Path:
    """Hand-checked expectations for the corpus; skip where they are absent."""
    gold = SHARED_DIR / "gold"
    if not gold.is_dir():
        pytest.skip("the gold labels for the corpus are not available")
    return gold


@pytest.fixture(autouse=True)
def isolated_user_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Keep every test away from the real config, state and cache of whoever runs the suite.

    Both seams are covered: platformdirs' functions (which ``tui.locations``
    looks up at call time, on every OS) and the XDG variables (which
    subprocesses such as a launched ``gwr-tui`` inherit on Linux).
    """
    root = tmp_path_factory.mktemp("user-dirs")
    for kind in ("config", "state", "cache", "data"):
        base = root / kind
        monkeypatch.setattr(platformdirs, f"user_{kind}_path", _under(base, Path))
        monkeypatch.setattr(platformdirs, f"user_{kind}_dir", _under(base, str))
        monkeypatch.setenv(f"XDG_{kind.upper()}_HOME", str(base))
    return root


def _under(base: Path, kind: Callable[[Path], T]) -> Callable[..., T]:
    def user_location(appname: str | None = None, *_args: object, **_kwargs: object) -> T:
        return kind(base / appname if appname else base)

    return user_location
