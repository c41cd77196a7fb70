"""The colour roles the reader highlights with, shared by every gwr theme.

Textual merges ``Theme.variables`` into the CSS variables, so each role is
usable as ``$kw-user`` in ``.tcss`` and in Content style strings (resolved by
the running app). A theme from elsewhere (``textual-dark``, ...) does not
define them, and CSS naming an undefined variable fails to parse, so the app
returns ``themes.highlight_defaults(dark)`` from ``App.get_theme_variable_defaults``.

Roles: ``kw-<group>`` and ``kw-user`` are foreground colours for keywords,
readable on the theme's background; ``kw-search`` is a background colour for
search hits, under the theme's normal text colour; ``figure-underline`` is
the foreground of figures underlined in the text; ``target-mark`` marks
figures that are targets.
"""

from __future__ import annotations

LEXICON_GROUPS: tuple[str, ...] = (
    "economy",
    "innovation",
    "livelihood",
    "environment",
    "governance",
    "risk",
)

HIGHLIGHT_VARIABLES: tuple[str, ...] = (
    *(f"kw-{group}" for group in LEXICON_GROUPS),
    "kw-user",
    "kw-search",
    "figure-underline",
    "target-mark",
)
