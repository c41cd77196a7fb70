"""The parse a reader opens with, and the rest of a long report parsed in the background.

A long report (``LoadedText`` over ``PARSE_AT_ONCE`` characters) opens at
once on a parse of its first part; the whole text is parsed and its figures
extracted in a background thread, then handed to the reader where it is.
Loaded text is parsed once: the result is kept in the parse cache
(``parsers.parse_cache``), and a report found there opens whole at once,
without loading the tree builder or the extractor at all.
"""

from __future__ import annotations

import gc
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Protocol

from parsers.model import Document, Figure, LoadedText
from parsers.parse_cache import load_parsed, store_parsed
from tui.locations import cache_dir

if TYPE_CHECKING:
    from textual.app import App

PARSE_AT_ONCE = 200_000
"""Reports up to this many characters (every real one) are parsed before the first screen."""
FIRST_PART = 150_000
"""Characters parsed up front for the first screens of a longer report."""
GIL_HANDOVER = 0.0005
"""Seconds the parse thread may hold the interpreter while the reader waits for it."""

Deliver = Callable[..., bool]
"""Runs ``callback(*args)`` in the app's thread; ``False`` once nobody is there to hear it."""


class ParseListener(Protocol):
    """Who hears how the background parse went, in the app's thread."""

    def document_ready(self, document: Document) -> None: ...

    def figures_ready(self, document: Document, figures: list[Figure]) -> None: ...

    def parse_failed(self, error: Exception) -> None: ...


@dataclass
class OpeningParse:
    """What a reader shows first, and what is left to do in the background."""

    document: Document
    figures: list[Figure] | None
    """``None`` while the figures are still to be extracted."""
    rest: LoadedText | None
    """The whole text while only its first part is parsed."""
    keep_as: LoadedText | None
    """The loaded text whose parse goes to the cache once it is complete."""

    def keep(self, document: Document, figures: list[Figure]) -> None:
        """Put a complete parse of loaded text in the cache, so the next open skips parsing."""
        if self.keep_as is not None:
            store_parsed(self.keep_as, document, figures, cache_dir())

    def finish_in_background(self, deliver: Deliver, listener: ParseListener) -> None:
        """Parse the rest and extract the figures in a thread of their own."""
        thread = threading.Thread(
            target=self._finish, args=(deliver, listener), name="gwr-parse", daemon=True
        )
        thread.start()

    def _finish(self, deliver: Deliver, listener: ParseListener) -> None:
        """Parse the whole text and extract its figures; runs in its own thread.

        A daemon thread, not a Textual worker: quitting during a long
        extraction must not wait for it. Whatever goes wrong becomes a
        ``parse_failed``, never a traceback over the reader.

        While it runs, the interpreter hands the GIL over every half
        millisecond instead of every five, so a key pressed meanwhile is not
        kept waiting, and the cyclic garbage collector rests: each of its
        full passes over the million objects being built would stall the
        reader for a quarter of a second. Those objects live as long as the
        reader, so they are then frozen out of its passes for good.
        """
        from parsers import figures as figure_parser

        interval = sys.getswitchinterval()
        sys.setswitchinterval(GIL_HANDOVER)
        collecting = gc.isenabled()
        gc.disable()
        try:
            document = self.document
            if self.rest is not None:
                document = build_document(self.rest)
                if not deliver(listener.document_ready, document):
                    return
            if self.figures is None:
                found = sorted(figure_parser.extract_figures(document), key=figure_start)
                deliver(listener.figures_ready, document, found)
                self.keep(document, found)
        except Exception as error:  # whatever it is, the reader stays open and says so
            deliver(listener.parse_failed, error)
        finally:
            sys.setswitchinterval(interval)
            gc.freeze()
            if collecting:
                gc.enable()


def opening_parse(report: Document | LoadedText, figures: list[Figure] | None) -> OpeningParse:
    """The parse to open ``report`` on: a parsed Document, or loaded text (a long one in part).

    ``figures`` ``None`` means "extract them": at once for a report up to
    ``PARSE_AT_ONCE`` characters, so its first screen is final; in the
    background for a longer one. Loaded text with no figures given is
    looked up in the parse cache first, and kept there once parsed.
    """
    rest: LoadedText | None = None
    keep_as: LoadedText | None = None
    if isinstance(report, Document):
        document = report
    elif figures is None and (cached := load_parsed(report, cache_dir())) is not None:
        document, figures = cached
    else:
        keep_as = report if figures is None else None
        if len(report.text) <= PARSE_AT_ONCE:
            document = build_document(report)
        else:
            document, rest = first_part(report), report
    opening = OpeningParse(document, figures, rest, keep_as)
    if figures is None and rest is None and len(document.text) <= PARSE_AT_ONCE:
        from parsers.figures import extract_figures

        opening.figures = extract_figures(document)
        opening.keep(document, opening.figures)
    if opening.figures is not None:
        opening.figures = sorted(opening.figures, key=figure_start)
    return opening


def first_part(loaded: LoadedText) -> Document:
    """The parse of the first ``FIRST_PART`` characters (cut after a line) of a long report.

    It is a Document of a prefix of the text, so every offset in it is the
    same as in the full parse that replaces it.
    """
    cut = loaded.text.rfind("\n", 0, FIRST_PART) + 1 or FIRST_PART
    chrome = tuple(span for span in loaded.chrome if span.end <= cut)
    return build_document(replace(loaded, text=loaded.text[:cut], chrome=chrome))


def build_document(loaded: LoadedText) -> Document:
    """The tree builder, imported on first use: a report found in the parse cache never needs it."""
    from parsers import tree

    return tree.build_document(loaded)


def figure_start(figure: Figure) -> int:
    """The sort and bisection key of a figure list: figures are kept in text order."""
    return figure.start


def deliver_while(app: App[Any], still_there: Callable[[], bool]) -> Deliver:
    """A ``Deliver`` into ``app``'s thread that stops once ``still_there()`` is false."""

    def deliver(callback: Callable[..., None], *args: Any) -> bool:
        if not app.is_running or not still_there():
            return False

        def if_running() -> None:
            if app.is_running and still_there():
                callback(*args)

        try:
            app.call_from_thread(if_running)
        except RuntimeError:
            return False
        return True

    return deliver
