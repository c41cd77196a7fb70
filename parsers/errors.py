"""The one error type users can cause by what they open.

Everything the loader, tree builder or extractor refuses is raised as
``ReportError`` with a message fit for one line after ``gwr-tui: ``; anything
else escaping is a bug, which is what the fuzz tests check.
"""


class ReportError(Exception):
    """A problem with the input that the user can fix: the message says what and how."""
