"""The ``gwr-tui`` console script: the reader by default, ``outline`` and ``figures`` for pipes.

Textual is imported only when the reader actually starts, so the print-only
subcommands stay quick and work where no terminal UI can run.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from importlib import resources
from pathlib import Path

from parsers.errors import ReportError

SUBCOMMANDS = ("outline", "figures")
EXIT_USAGE = 2


def sample_path() -> Path:
    """The bundled 石景山区 2025 report, opened when no file is given."""
    return Path(str(resources.files("tui") / "data" / "shijingshan_2025.txt"))


def _reader_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gwr-tui",
        description="Read a Chinese government work report: chapters, figures, keywords.",
        epilog="Subcommands: 'gwr-tui outline FILE', 'gwr-tui figures FILE' (see --help of each).",
    )
    parser.add_argument(
        "file",
        nargs="?",
        help="a .txt or .html report, or - for standard input (default: the bundled sample report)",
    )
    return parser


def _outline_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gwr-tui outline", description="Print the section tree of a report."
    )
    parser.add_argument("file", help="a .txt or .html report, or - for standard input")
    parser.add_argument("--json", action="store_true", help="the whole document as JSON")
    return parser


def _figures_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gwr-tui figures", description="List every figure of a report in text order."
    )
    parser.add_argument("file", help="a .txt or .html report, or - for standard input")
    parser.add_argument("--format", choices=("table", "json", "csv", "tsv", "md"), default="table")
    parser.add_argument("--status", choices=("target", "actual", "estimate"), default=None)
    return parser


def _run_reader(args: argparse.Namespace) -> int:
    from parsers.report import open_report

    document = open_report(args.file if args.file else sample_path())
    from tui.app import ReaderApp

    ReaderApp(document).run()
    return 0


def _run_outline(args: argparse.Namespace) -> int:
    from parsers.report import open_report
    from tui.outline_output import print_outline

    print_outline(open_report(args.file), as_json=args.json)
    return 0


def _run_figures(args: argparse.Namespace) -> int:
    from parsers.figures import extract_figures
    from parsers.report import open_report
    from tui.figures_output import print_figures

    document = open_report(args.file)
    figures = extract_figures(document)
    if args.status:
        figures = [f for f in figures if f.status == args.status]
    print_figures(figures, args.format)
    return 0


def _dispatch(argv: Sequence[str]) -> tuple[argparse.ArgumentParser, Callable[..., int]]:
    if argv and argv[0] == "outline":
        return _outline_parser(), _run_outline
    if argv and argv[0] == "figures":
        return _figures_parser(), _run_figures
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
