"""Fixtures shared by the whole suite."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TypeVar

import platformdirs
import pytest
from local_site import Route, Site

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


@pytest.fixture
def site() -> Iterator[Site]:
    """A web server on 127.0.0.1 serving ``site.routes``; it records every path asked for."""
    routes: dict[str, Route] = {}
    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.0"

        def do_GET(self) -> None:
            hits.append(self.path)
            route = routes.get(self.path, Route(404, b"not found"))
            self.send_response(route.status)
            for name, value in route.headers.items():
                self.send_header(name, value)
            if route.send_length:
                self.send_header("Content-Length", str(len(route.body)))
            self.end_headers()
            self.wfile.write(route.body)

        def log_message(self, format: str, *args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield Site(f"http://127.0.0.1:{server.server_address[1]}", routes, hits)
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture
def unreadable_file(tmp_path: Path) -> Iterator[Path]:
    """A report file its reader may not open; skip where privileges read any file (root)."""
    path = tmp_path / "secret.txt"
    path.write_text("一、工作回顾\n地区生产总值增长5%。\n", encoding="utf-8")
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("running with privileges that read any file")
        yield path
    finally:
        path.chmod(0o600)
