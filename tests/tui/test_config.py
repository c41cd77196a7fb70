"""The config file: hand-editable, never clobbered when broken, written atomically."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui import locations
from tui.config import Config, dump_config, load_config, save_config, toml_string


def test_user_files_are_redirected_for_tests_and_their_subprocesses(
    isolated_user_dirs: Path,
) -> None:
    for path in (locations.config_file(), locations.state_file(), locations.cache_dir()):
        assert isolated_user_dirs in path.parents
    code = "import platformdirs; print(platformdirs.user_state_path('gwr-tui'))"
    child = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert isolated_user_dirs in Path(child.stdout.strip()).parents


def test_missing_file_gives_defaults_without_warning() -> None:
    assert not locations.config_file().exists()
    assert load_config() == (Config(), None)


def test_save_then_load_round_trips_through_the_user_config_file() -> None:
    cfg = Config(theme="gwr-red", keywords=("城市更新", "低空经济"), figures_scope="report")
    save_config(cfg)
    assert locations.config_file().is_file()
    assert load_config() == (cfg, None)


def test_hand_written_file_is_read() -> None:
    path = locations.config_file()
    path.parent.mkdir(parents=True)
    path.write_text(
        '# mine\ntheme = "gwr-light"\nkeywords = [" 化债 ", "化债", ""]\nhighlight = false\n',
        encoding="utf-8",
    )
    cfg, warning = load_config()
    assert warning is None
    assert cfg == Config(theme="gwr-light", keywords=("化债",), highlight=False)


@pytest.mark.parametrize(
    ("content", "expected_in_warning"),
    [
        (b'theme = "gwr-light\n', "not valid TOML"),
        (b"theme = = 1\n", "not valid TOML"),
        (b'theme = "\xff\xfe"\n', "not UTF-8"),
        (b"theme = 3\n", "theme"),
        (b'keywords = "\xe5\x8c\x96\xe5\x80\xba"\n', "keywords"),
        (b"keywords = [1, 2]\n", "keywords"),
        (b'figures_scope = "chapter"\n', "figures_scope"),
        (b'highlight = "yes"\n', "highlight"),
    ],
)
def test_broken_file_warns_uses_defaults_and_is_kept(
    content: bytes, expected_in_warning: str
) -> None:
    path = locations.config_file()
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    cfg, warning = load_config()
    assert cfg == Config()
    assert warning is not None
    assert expected_in_warning in warning
    assert "\n" not in warning
    assert path.read_bytes() == content


def test_one_bad_setting_keeps_the_good_ones(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('keywords = ["专精特新"]\nhighlight = 1\n', encoding="utf-8")
    cfg, warning = load_config(path)
    assert cfg.keywords == ("专精特新",)
    assert cfg.highlight is True
    assert warning is not None and "highlight" in warning and "keywords" not in warning


def test_unreadable_file_warns(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.mkdir()
    cfg, warning = load_config(path)
    assert cfg == Config()
    assert warning is not None and "cannot be read" in warning


def test_saving_over_a_broken_file_keeps_it_as_bak() -> None:
    path = locations.config_file()
    path.parent.mkdir(parents=True)
    broken = b'theme = "gwr-light"\nkeywords = [\n\xff'
    path.write_bytes(broken)
    save_config(Config(theme="gwr-red"))
    assert path.with_name("config.toml.bak").read_bytes() == broken
    assert load_config() == (Config(theme="gwr-red"), None)


def test_saving_over_a_good_file_leaves_no_bak() -> None:
    save_config(Config(theme="gwr-light"))
    save_config(Config(theme="gwr-red"))
    assert not locations.config_file().with_name("config.toml.bak").exists()
    assert load_config()[0].theme == "gwr-red"


def test_dump_is_valid_toml_with_every_field() -> None:
    cfg = Config(keywords=("a", "b"), highlight=False)
    assert tomllib.loads(dump_config(cfg)) == {
        "theme": "gwr-dark",
        "keywords": ["a", "b"],
        "figures_scope": "section",
        "highlight": False,
    }


@pytest.mark.parametrize(
    "text", ['say "hi"', "back\\slash", "tab\there", "new\nline", "\x1b[31m", "\x7f", "\x00"]
)
def test_toml_string_escapes_what_toml_forbids(text: str) -> None:
    assert tomllib.loads(f"v = {toml_string(text)}")["v"] == text


def test_toml_string_replaces_lone_surrogates() -> None:
    assert tomllib.loads("v = " + toml_string("a\ud800b"))["v"] == "a\ufffdb"


keyword_text = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=20).filter(
    lambda s: s.strip() == s and s != ""
)


@given(
    theme=keyword_text,
    keywords=st.lists(keyword_text, max_size=5, unique=True),
    scope=st.sampled_from(["section", "report"]),
    highlight=st.booleans(),
)
def test_any_config_survives_dump_and_load(
    theme: str, keywords: list[str], scope: str, highlight: bool
) -> None:
    cfg = Config(theme, tuple(keywords), scope, highlight)  # type: ignore[arg-type]
    save_config(cfg)
    assert load_config() == (cfg, None)
