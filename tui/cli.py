"""The ``gwr-tui`` console script: the reader or the library by default, subcommands for pipes.

Textual is imported only when the reader actually starts, so the print-only
subcommands stay quick and work where no terminal UI can run.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from parsers.errors import ReportError

if TYPE_CHECKING:
    from parsers.model import Document, Figure, LoadedText
    from tui.app import ReaderApp

SUBCOMMANDS = ("outline", "figures", "search", "compare")
EXIT_USAGE = 2


def sample_path() -> Path:
    """The bundled 石景山区 2025 report, opened when no file is given."""
    return Path(str(resources.files("tui") / "data" / "shijingshan_2025.txt"))


def _reader_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gwr-tui",
        description="Read a Chinese government work report: chapters, figures, keywords.",
        epilog="Subcommands: 'gwr-tui outline FILE', 'gwr-tui figures FILE', "
        "'gwr-tui search DIR QUERY', 'gwr-tui compare OLD NEW' (see --help of each).",
    )
    parser.add_argument(
        "file",
        nargs="*",
        help="a .txt or .html report, an http(s):// address, or - for standard input; "
        "a folder or several files open the library "
        "(default: the bundled sample, with recent reports in the library behind it)",
    )
    return parser


def _outline_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gwr-tui outline", description="Print the section tree of a report."
    )
    parser.add_argument("file", help="a .txt or .html report, - for standard input, or a URL")
    parser.add_argument("--json", action="store_true", help="the whole document as JSON")
    return parser


def _figures_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gwr-tui figures", description="List every figure of a report in text order."
    )
    parser.add_argument("file", help="a .txt or .html report, - for standard input, or a URL")
    parser.add_argument("--format", choices=("table", "json", "csv", "tsv", "md"), default="table")
    parser.add_argument("--status", choices=("target", "actual", "estimate"), default=None)
    return parser


def _search_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gwr-tui search",
        description="Find the sentences of every report in a folder that contain QUERY.",
    )
    parser.add_argument("dir", help="a folder of reports (searched through) or one report file")
    parser.add_argument("query", help="the text to find; any length, no word segmentation needed")
    parser.add_argument("--json", action="store_true", help="the hits as JSON")
    return parser


def _compare_parser() -> argparse.ArgumentParser:
    from tui.compare_output import FORMATS

    parser = argparse.ArgumentParser(
        prog="gwr-tui compare",
        description="Line up two reports of one region: last year's targets against this "
        "year's results, and the same indicators in both years.",
    )
    parser.add_argument("old", help="last year's report (file or http(s):// address)")
    parser.add_argument("new", help="this year's report (file or http(s):// address)")
    parser.add_argument("--format", choices=FORMATS, default="table")
    return parser


def _load_text(target: str) -> LoadedText:
    """A report file, standard input, or a web page (kept in the cache for offline reading).

    The fetcher and its web stack load only for what may be an address:
    every address has ``://``, so a plain file opens without them.
    """
    from parsers.load import load_path

    if "://" not in target:
        return load_path(target)
    from parsers.fetch import fetch_report, is_url

    if not is_url(target):
        return load_path(target)
    from tui.locations import cache_dir

    fetched = fetch_report(target, cache_dir())
    if fetched.from_cache:
        print(
            f"gwr-tui: opening the copy kept from an earlier visit: {fetched.stale_reason}",
            file=sys.stderr,
        )
    return fetched.loaded


def _open_document(target: str) -> Document:
    """The section tree of a report file, standard input or web page (kept one if parsed before).

    Only the tree is needed, so a report not in the parse cache is not put
    there: that would cost it the figure extraction it does not need.
    """
    from parsers.parse_cache import load_parsed
    from tui.locations import cache_dir

    loaded = _load_text(target)
    cached = load_parsed(loaded, cache_dir())
    if cached is not None:
        return cached[0]
    from parsers.tree import build_document

    return build_document(loaded)


def _open_parsed(target: str) -> tuple[Document, list[Figure]]:
    """The section tree and figures of a report, through the parse cache."""
    from parsers.parse_cache import parse_with_cache
    from tui.locations import cache_dir

    return parse_with_cache(_load_text(target), cache_dir())


def open_reader(target: str) -> ReaderApp:
    """The reader on one report, as ``gwr-tui FILE`` opens it (the start-up benchmark too)."""
    loaded = _load_text(target)
    from tui.app import ReaderApp

    return ReaderApp(loaded)


def _run_reader(args: argparse.Namespace) -> int:
    targets: list[str] = args.file
    if not targets:
        from tui.library_app import run_library

        return run_library([], first=sample_path())
    if len(targets) > 1 or Path(targets[0]).is_dir():
        from tui.library_app import run_library

        return run_library([Path(target) for target in targets])
    open_reader(targets[0]).run()
    return 0


def _run_outline(args: argparse.Namespace) -> int:
    from tui.outline_output import print_outline

    print_outline(_open_document(args.file), as_json=args.json)
    return 0


def _run_figures(args: argparse.Namespace) -> int:
    from tui.figures_output import print_figures

    _, figures = _open_parsed(args.file)
    if args.status:
        figures = [f for f in figures if f.status == args.status]
    print_figures(figures, args.format)
    return 0


def _run_search(args: argparse.Namespace) -> int:
    from tui.library_index import LibraryIndex, report_files
    from tui.search_output import print_hits, print_progress

    folder = Path(args.dir)
    if not folder.exists():
        raise ReportError(f"{folder}: does not exist: give a folder of reports")
    index = LibraryIndex()
    entries, skipped = index.update(report_files([folder]), print_progress)
    for refused in skipped:
        print(f"gwr-tui: skipped {refused.reason}", file=sys.stderr)
    hits = index.search(args.query, entries)
    print_hits(hits, as_json=args.json)
    return 0 if hits else 1


def _run_compare(args: argparse.Namespace) -> int:
    from parsers.compare import compare_reports
    from tui.compare_output import write_comparison

    comparison = compare_reports(*_open_parsed(args.old), *_open_parsed(args.new))
    for note in comparison.notes:
        print(f"gwr-tui: note: {note}", file=sys.stderr)
    write_comparison(comparison, args.format)
    return 0


def _dispatch(argv: Sequence[str]) -> tuple[argparse.ArgumentParser, Callable[..., int]]:
    if argv and argv[0] == "outline":
        return _outline_parser(), _run_outline
    if argv and argv[0] == "figures":
        return _figures_parser(), _run_figures
    if argv and argv[0] == "search":
        return _search_parser(), _run_search
    if argv and argv[0] == "compare":
        return _compare_parser(), _run_compare
    return _reader_parser(), _run_reader


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the command line and run; user-caused problems end as one line and exit 2."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser, run = _dispatch(args_list)
    rest = args_list[1:] if args_list and args_list[0] in SUBCOMMANDS else args_list
    args = parser.parse_args(rest)
    try:
        return run(args)
    except ReportError as error:
        print(f"gwr-tui: {error}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        # A pager or `head` closed the pipe: nothing left to tell anyone.
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
