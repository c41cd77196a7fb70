"""The user's settings: a small TOML file they may also edit by hand.

The file belongs to the user, so gwr-tui is careful with it: it is read with
``tomllib``, a broken file (bad TOML, wrong types, not UTF-8) yields one
warning line and defaults while the file itself is left alone, and it is only
written when the user changes a setting in the app. If that happens while the
file on disk is broken, the broken file is first kept as ``config.toml.bak``
so a hand edit is never lost. Unknown keys are ignored on load (a newer
version may have written them) and not written back.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, Literal, get_args

from tui import locations
from tui.atomic import atomic_write_bytes, atomic_write_text

FiguresScope = Literal["section", "report"]
FIGURES_SCOPES: tuple[str, ...] = get_args(FiguresScope)


@dataclass(frozen=True, slots=True)
class Config:
    """Settings the reader starts with; frozen so a change is always an explicit save."""

    theme: str = "gwr-dark"
    keywords: tuple[str, ...] = ()
    figures_scope: FiguresScope = "section"
    highlight: bool = True


def load_config(path: Path | None = None) -> tuple[Config, str | None]:
    """The settings in ``path`` (default: the user's config file) and a warning if it was broken.

    Each valid setting is kept and each invalid one falls back to its default,
    so one typo does not cost the user their keyword list.
    """
    path = path or locations.config_file()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Config(), None
    except OSError as exc:
        return Config(), _warning(path, f" cannot be read ({exc.strerror or exc})")
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return Config(), _warning(path, " is not UTF-8 text")
    except tomllib.TOMLDecodeError as exc:
        return Config(), _warning(path, f" is not valid TOML ({exc})")
    values, problems = _validate(data)
    warning = None
    if problems:
        warning = _warning(path, ": " + "; ".join(problems), "those settings use defaults")
    return Config(**values), warning


def save_config(cfg: Config, path: Path | None = None) -> None:
    """Write ``cfg`` atomically, first keeping a broken file on disk as ``<name>.bak``.

    Raises ``OSError`` when the directory cannot be written; the caller
    reports it and goes on with the setting changed for this session.
    """
    path = path or locations.config_file()
    if path.exists():
        _, warning = load_config(path)
        if warning is not None:
            atomic_write_bytes(path.with_name(path.name + ".bak"), path.read_bytes())
    atomic_write_text(path, dump_config(cfg))


def dump_config(cfg: Config) -> str:
    """The TOML text for ``cfg``; ``tomllib`` cannot write, and the format is small enough."""
    keywords = ", ".join(toml_string(k) for k in cfg.keywords)
    return (
        "# gwr-tui settings. Hand edits are welcome; the reader rewrites this file\n"
        "# when a setting is changed in the app.\n"
        f"theme = {toml_string(cfg.theme)}\n"
        f"keywords = [{keywords}]\n"
        f"figures_scope = {toml_string(cfg.figures_scope)}\n"
        f"highlight = {'true' if cfg.highlight else 'false'}\n"
    )


_TOML_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n"}
_TOML_ESCAPES |= {"\f": "\\f", "\r": "\\r"}
_NEEDS_ESCAPE = re.compile(r'["\\\x00-\x1f\x7f]|[\ud800-\udfff]')


def toml_string(value: str) -> str:
    """A TOML basic string; control characters are escaped, lone surrogates become U+FFFD.

    TOML forbids raw control characters and has no escape for surrogates, and a
    keyword pasted from an untrusted report may contain either.
    """

    def escape(match: re.Match[str]) -> str:
        char = match.group()
        if char in _TOML_ESCAPES:
            return _TOML_ESCAPES[char]
        if "\ud800" <= char <= "\udfff":
            return "\ufffd"
        return f"\\u{ord(char):04X}"

    return '"' + _NEEDS_ESCAPE.sub(escape, value) + '"'


def _validate(data: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    values: dict[str, Any] = {}
    problems: list[str] = []
    checks = {
        "theme": _check_theme,
        "keywords": _check_keywords,
        "figures_scope": _check_scope,
        "highlight": _check_bool,
    }
    for field in fields(Config):
        if field.name not in data:
            continue
        value, problem = checks[field.name](data[field.name])
        if problem is None:
            values[field.name] = value
        else:
            problems.append(f"{field.name} {problem}")
    return values, problems


def _check_theme(value: object) -> tuple[object, str | None]:
    if isinstance(value, str) and value.strip():
        return value.strip(), None
    return None, "must be a theme name in quotes"


def _check_keywords(value: object) -> tuple[object, str | None]:
    if not isinstance(value, list) or not all(isinstance(k, str) for k in value):
        return None, 'must be a list of strings, e.g. ["城市更新", "低空经济"]'
    cleaned = (k.strip() for k in value)
    return tuple(dict.fromkeys(k for k in cleaned if k)), None


def _check_scope(value: object) -> tuple[object, str | None]:
    if value in FIGURES_SCOPES:
        return value, None
    return None, "must be " + " or ".join(f'"{s}"' for s in FIGURES_SCOPES)


def _check_bool(value: object) -> tuple[object, str | None]:
    if isinstance(value, bool):
        return value, None
    return None, "must be true or false"


def _warning(path: Path, problem: str, fallback: str = "using defaults") -> str:
    """One line, whatever the parser said, so it fits a notification or stderr."""
    text = f"{path}{problem}: {fallback}, the file is left as it is"
    return " ".join(text.split())
