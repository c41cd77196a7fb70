"""The parse cache gives back exactly what the parser made, or nothing: never a stale parse."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parsers import figures as figure_module
from parsers import parse_cache
from parsers import tree as tree_module
from parsers.figures import extract_figures
from parsers.load import load_bytes, load_path
from parsers.model import Document, Figure, LoadedText, Span
from parsers.parse_cache import (
    cache_key,
    entry_path,
    load_parsed,
    parse_with_cache,
    parser_fingerprint,
    store_parsed,
)
from parsers.tree import build_document

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "tui" / "data" / "shijingshan_2025.txt"
REPORT = (
    "示例市政府工作报告\n各位代表：\n一、2024年工作回顾\n"
    "全市地区生产总值达到1200.50亿元，同比增长5.5%。城镇新增就业3.2万人。\n"
    "二、2025年主要目标\n地区生产总值增长5%左右，居民消费价格涨幅3%左右。\n"
)


@pytest.fixture(autouse=True)
def fresh_keys() -> Iterator[None]:
    """Each test computes its own keys: one may change the fingerprint."""
    cache_key.cache_clear()
    yield
    cache_key.cache_clear()


def loaded_of(text: str, name: str = "report.txt") -> LoadedText:
    return load_bytes(text.encode("utf-8"), name)


def parse(loaded: LoadedText) -> tuple[Document, list[Figure]]:
    document = build_document(loaded)
    return document, extract_figures(document)


def exact(figures: list[Figure]) -> list[tuple[object, ...]]:
    """Figures with their Decimals as written (1.50 is not 1.5 here) and their field types."""
    return [
        (
            figure,
            str(figure.value),
            str(figure.value_hi),
            str(figure.base_value),
            str(figure.ratio_to),
            type(figure.section_path),
            type(figure.qualifiers),
        )
        for figure in figures
    ]


def assert_round_trip(loaded: LoadedText, directory: Path) -> None:
    document, figures = parse(loaded)
    store_parsed(loaded, document, figures, directory)
    kept = load_parsed(loaded, directory)
    assert kept is not None
    assert kept[0] == document
    assert exact(kept[1]) == exact(figures)


def refuse_to_parse(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object) -> None:
        raise AssertionError("parsed although the parse was kept")

    monkeypatch.setattr(tree_module, "build_document", refuse)
    monkeypatch.setattr(figure_module, "extract_figures", refuse)


# -- exact round trips -------------------------------------------------------------------


def test_the_bundled_sample_comes_back_exactly(tmp_path: Path) -> None:
    assert_round_trip(load_path(SAMPLE), tmp_path)


def test_every_corpus_report_comes_back_exactly(corpus_dir: Path, tmp_path: Path) -> None:
    files = sorted(p for p in corpus_dir.rglob("*") if p.suffix in {".txt", ".html"})
    assert files
    for path in files:
        assert_round_trip(load_path(path), tmp_path)


def test_text_the_spans_do_not_hold_verbatim_is_kept(tmp_path: Path) -> None:
    """Stored offsets are sliced back only where the slice really is the span's text."""
    loaded = loaded_of(REPORT)
    document, figures = parse(loaded)
    chapter = document.children[0]
    odd = replace(chapter.heading_span, text="改写的标题")
    chapter.heading_span, chapter.heading = odd, "另一个标题"
    chapter.paragraphs[0] = Span(chapter.paragraphs[0].start, chapter.paragraphs[0].end, "改")
    figures[0] = replace(figures[0], surface="一千二百亿", sentence="整句改写。")
    store_parsed(loaded, document, figures, tmp_path)
    kept = load_parsed(loaded, tmp_path)
    assert kept == (document, figures)


paragraph = st.text(
    alphabet=st.sampled_from(
        "增长亿元万人左右地区生产总值同比百分点以上达到，。；、%.0123456789年"
    ),
    min_size=0,
    max_size=60,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(paragraph, min_size=1, max_size=8), st.sampled_from(["一、", "（一）", "1. ", ""]))
def test_generated_reports_come_back_exactly(paragraphs: list[str], heading: str) -> None:
    directory = Path(os.environ["XDG_CACHE_HOME"]) / "generated"
    text = "示例政府工作报告\n" + "".join(f"{heading}标题\n{p}\n" for p in paragraphs)
    cache_key.cache_clear()
    assert_round_trip(loaded_of(text), directory)


# -- hits and misses ---------------------------------------------------------------------------


def test_a_hit_does_not_parse(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    loaded = loaded_of(REPORT)
    first = parse_with_cache(loaded, tmp_path)
    refuse_to_parse(monkeypatch)
    assert parse_with_cache(loaded, tmp_path) == first


def test_a_hit_loads_neither_the_tree_builder_nor_the_extractor(tmp_path: Path) -> None:
    """Their patterns compile at import: a report opened again must not pay for that."""
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from parsers.load import load_path\n"
        "from parsers.parse_cache import parse_with_cache\n"
        f"document, figures = parse_with_cache(load_path({str(SAMPLE)!r}), Path(sys.argv[1]))\n"
        "print(len(figures), 'parsers.tree' in sys.modules, 'parsers.figures' in sys.modules)\n"
    )

    def run() -> list[str]:
        result = subprocess.run(
            [sys.executable, "-c", script, str(tmp_path)],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        )
        return result.stdout.split()

    count, tree_loaded, figures_loaded = run()
    assert (tree_loaded, figures_loaded) == ("True", "True")
    assert run() == [count, "False", "False"]


def test_the_same_text_from_elsewhere_is_a_hit_under_its_own_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    loaded = loaded_of(REPORT, "2025.txt")
    document, figures = parse_with_cache(loaded, tmp_path)
    copy = replace(loaded, source="/elsewhere/copy.txt", encoding="gb18030")
    refuse_to_parse(monkeypatch)
    kept = parse_with_cache(copy, tmp_path)
    assert kept == (replace(document, source="/elsewhere/copy.txt", encoding="gb18030"), figures)


@pytest.mark.parametrize(
    "change",
    [
        lambda loaded: replace(loaded, text=loaded.text.replace("5.5%", "5.6%")),
        lambda loaded: replace(loaded, title_hint="别的标题"),
        lambda loaded: replace(loaded, media="html"),
        lambda loaded: replace(loaded, chrome=(Span(0, 9, loaded.text[:9]),)),
    ],
    ids=["text", "title hint", "media", "chrome"],
)
def test_anything_the_parse_reads_changes_the_key(
    tmp_path: Path, change: Callable[[LoadedText], LoadedText]
) -> None:
    loaded = loaded_of(REPORT)
    parse_with_cache(loaded, tmp_path)
    assert load_parsed(change(loaded), tmp_path) is None


def test_a_changed_parser_misses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    loaded = loaded_of(REPORT)
    parse_with_cache(loaded, tmp_path)
    monkeypatch.setattr(parse_cache, "parser_fingerprint", lambda: "an upgraded extractor")
    cache_key.cache_clear()
    assert load_parsed(loaded, tmp_path) is None


def test_the_fingerprint_follows_code_and_word_lists_not_timestamps(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / "parsers"
    shutil.copytree(ROOT / "parsers", copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(parse_cache, "_PARSERS", copy)

    def fingerprint() -> str:
        return parser_fingerprint.__wrapped__()

    before = fingerprint()
    os.utime(copy / "tree.py", (1, 1))
    assert fingerprint() == before
    with (copy / "lexicon" / "units.txt").open("a", encoding="utf-8") as units:
        units.write("公顷\n")
    after_lexicon = fingerprint()
    assert after_lexicon != before
    with (copy / "figures.py").open("a", encoding="utf-8") as code:
        code.write("\n# changed\n")
    assert fingerprint() not in {before, after_lexicon}


# -- damaged entries ------------------------------------------------------------------------------


def _other_entry(path: Path) -> bytes:
    other = loaded_of(REPORT + "三、其他\n另一份报告。\n")
    store_parsed(other, *parse(other), path.parent.parent)
    return entry_path(other, path.parent.parent).read_bytes()


def _out_of_range(path: Path) -> bytes:
    entry = json.loads(path.read_bytes())
    entry["document"][2] = [[0, 10**9]]
    return json.dumps(entry).encode()


def _other_figure_shape(path: Path) -> bytes:
    entry = json.loads(path.read_bytes())
    entry["figures"][0] = entry["figures"][0][:-1]
    return json.dumps(entry).encode()


def _other_mark(path: Path) -> bytes:
    entry = json.loads(path.read_bytes())
    entry["mark"] = "gwr-tui parsed report, another layout"
    return json.dumps(entry).encode()


DAMAGE: dict[str, Callable[[Path], bytes]] = {
    "empty": lambda path: b"",
    "truncated": lambda path: path.read_bytes()[: path.stat().st_size // 2],
    "garbage": lambda path: bytes(range(256)) * 4,
    "not utf-8": lambda path: b'{"mark": "\xff\xfe"}',
    "a list": lambda path: b"[]",
    "missing parts": lambda path: json.dumps({"mark": "x", "key": path.stem}).encode(),
    "another report's entry": _other_entry,
    "span outside the text": _out_of_range,
    "figure of another shape": _other_figure_shape,
    "another format": _other_mark,
}


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=DAMAGE.keys())
def test_a_damaged_entry_is_a_miss_and_is_replaced(
    tmp_path: Path, damage: Callable[[Path], bytes]
) -> None:
    loaded = loaded_of(REPORT)
    expected = parse_with_cache(loaded, tmp_path)
    path = entry_path(loaded, tmp_path)
    path.write_bytes(damage(path))
    assert load_parsed(loaded, tmp_path) is None
    assert parse_with_cache(loaded, tmp_path) == expected
    assert load_parsed(loaded, tmp_path) == expected


def test_an_unreadable_entry_is_a_miss(tmp_path: Path) -> None:
    loaded = loaded_of(REPORT)
    path = entry_path(loaded, tmp_path)
    path.mkdir(parents=True)  # a folder where the entry should be: reading it fails
    assert load_parsed(loaded, tmp_path) is None
    assert parse_with_cache(loaded, tmp_path) == parse(loaded)


@pytest.mark.parametrize("blocked", ["cache dir is a file", "parsed folder is a file"])
def test_a_cache_that_cannot_be_written_only_means_no_caching(tmp_path: Path, blocked: str) -> None:
    directory = tmp_path / "cache"
    if blocked == "cache dir is a file":
        directory.write_text("not a folder", encoding="utf-8")
    else:
        directory.mkdir()
        (directory / parse_cache.FOLDER).write_text("not a folder", encoding="utf-8")
    loaded = loaded_of(REPORT)
    assert parse_with_cache(loaded, directory) == parse(loaded)
    assert load_parsed(loaded, directory) is None


def test_a_read_only_cache_only_means_no_caching(tmp_path: Path) -> None:
    directory = tmp_path / "cache"
    (directory / parse_cache.FOLDER).mkdir(parents=True)
    (directory / parse_cache.FOLDER).chmod(0o500)
    try:
        if os.access(directory / parse_cache.FOLDER, os.W_OK):
            pytest.skip("running with privileges that write anywhere")
        loaded = loaded_of(REPORT)
        assert parse_with_cache(loaded, directory) == parse(loaded)
        assert load_parsed(loaded, directory) is None
    finally:
        (directory / parse_cache.FOLDER).chmod(0o700)


# -- pruning -------------------------------------------------------------------------------------


def store_aged(directory: Path, number: int) -> Path:
    """Keep report ``number`` as if it had last been used ``number`` days after the epoch."""
    loaded = loaded_of(REPORT + f"三、附记\n第{number}份。\n")
    store_parsed(loaded, *parse(loaded), directory)
    path = entry_path(loaded, directory)
    os.utime(path, (number * 86400, number * 86400))
    return path


def test_pruning_keeps_the_newest_within_the_file_cap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parse_cache, "MAX_FILES", 3)
    paths = [store_aged(tmp_path, number) for number in range(1, 6)]
    kept = sorted((tmp_path / parse_cache.FOLDER).iterdir())
    assert kept == sorted(paths[2:])


def test_pruning_keeps_the_total_size_under_the_cap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = store_aged(tmp_path, 1)
    monkeypatch.setattr(parse_cache, "MAX_BYTES", int(first.stat().st_size * 2.5))
    paths = [first, *(store_aged(tmp_path, number) for number in range(2, 6))]
    kept = sorted((tmp_path / parse_cache.FOLDER).iterdir())
    assert kept == sorted(paths[3:])


def test_an_entry_used_again_is_kept_over_newer_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parse_cache, "MAX_FILES", 2)
    oldest = loaded_of(REPORT + "三、附记\n第1份。\n")
    store_aged(tmp_path, 1)
    store_aged(tmp_path, 2)
    assert load_parsed(oldest, tmp_path) is not None  # used now: the newest
    store_aged(tmp_path, 3)
    assert load_parsed(oldest, tmp_path) is not None


def test_pruning_touches_nothing_but_its_own_entries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parse_cache, "MAX_FILES", 1)
    page = tmp_path / "pages" / "0123.body"
    page.parent.mkdir()
    page.write_bytes(b"a fetched page")
    library = tmp_path / "library.sqlite3"
    library.write_bytes(b"an index")
    stray = tmp_path / parse_cache.FOLDER / "notes.json"
    stray.parent.mkdir()
    stray.write_text("{}", encoding="utf-8")
    os.utime(stray, (0, 0))
    paths = [store_aged(tmp_path, number) for number in range(1, 4)]
    assert page.exists() and library.exists() and stray.exists()
    assert [path.exists() for path in paths] == [False, False, True]


def test_an_entry_larger_than_the_whole_cap_is_not_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parse_cache, "MAX_BYTES", 100)
    loaded = loaded_of(REPORT)
    assert parse_with_cache(loaded, tmp_path) == parse(loaded)
    assert load_parsed(loaded, tmp_path) is None
