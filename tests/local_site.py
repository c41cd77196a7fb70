"""The shapes of the local web site that tests of opening a URL serve on 127.0.0.1."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Route:
    """What the local test site answers for one path."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    send_length: bool = True


@dataclass
class Site:
    """The local test site: its address, what it serves and what was asked for."""

    base: str
    routes: dict[str, Route]
    hits: list[str]

    def url(self, path: str) -> str:
        return self.base + path
