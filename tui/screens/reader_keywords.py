"""Policy keywords on the reader screen: highlighting, the user's own list and the summary.

The terms come from the lexicon (``parsers.keywords``) and the user's
settings; the reading pane asks for the hits of only the lines it draws, and
the summary of a long report is counted in a thread so the keys stay live.
"""

from __future__ import annotations

import threading
from dataclasses import replace

from parsers.keywords import KeywordSummary, find_terms, keyword_summary, load_lexicon
from tui.report_parse import PARSE_AT_ONCE
from tui.screens.reader_base import ReaderBase


class ReaderKeywords(ReaderBase):
    """The ``h``, ``K`` and ``s`` keys of the reader."""

    _counting = False
    """Whether a summary is being counted in the background, so ``s`` does not start another."""

    def keyword_groups(self) -> dict[str, tuple[str, ...]]:
        """The lexicon's groups plus the user's own keywords as group ``user``."""
        return {**load_lexicon(), "user": self.config.keywords}

    def _refresh_keywords(self) -> None:
        self.reader.set_keywords(self._find_keywords if self.config.highlight else None)

    def _find_keywords(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """Keyword hits between two offsets: the pane asks for the lines it draws."""
        hits = find_terms(self.document.text[start:end], self.keyword_groups())
        return [(hit.start + start, hit.end + start, hit.group) for hit in hits]

    def action_toggle_highlight(self) -> None:
        self._change_config(replace(self.config, highlight=not self.config.highlight))
        self._refresh_keywords()
        self.notify("Keyword highlighting " + ("on" if self.config.highlight else "off"))

    def action_keywords(self) -> None:
        from tui.screens.keyword_list import KeywordListScreen

        self.app.push_screen(KeywordListScreen(self.config.keywords), self._keywords_edited)

    def _keywords_edited(self, keywords: tuple[str, ...] | None) -> None:
        if keywords is None or keywords == self.config.keywords:
            return
        self._change_config(replace(self.config, keywords=keywords))
        self._refresh_keywords()

    def action_keyword_summary(self) -> None:
        """Count every term in the report; a long one is counted in the background."""
        if self._still_parsing("The keyword summary"):
            return
        if len(self.document.text) <= PARSE_AT_ONCE:
            self._show_summary(self._count_keywords())
            return
        if self._counting:
            return
        self._counting = True
        self.notify("Counting keywords in the whole report…")

        def count() -> None:
            self._deliver(self._show_summary, self._count_keywords())

        threading.Thread(target=count, name="gwr-keywords", daemon=True).start()

    def _count_keywords(self) -> KeywordSummary:
        hits = find_terms(self.document.text, self.keyword_groups())
        return keyword_summary(self.document, hits)

    def _show_summary(self, summary: KeywordSummary) -> None:
        from tui.screens.keyword_summary import KeywordSummaryScreen

        self._counting = False
        self.app.push_screen(KeywordSummaryScreen(summary))
