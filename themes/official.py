"""The look of an official document (红头文件): black type and seal red on paper white.

Highlights stay within reds, browns and greys so the page keeps its
two-colour character; the groups differ in shade rather than hue.
"""

from __future__ import annotations

from textual.theme import Theme

SEAL_RED = "#c8102e"

GWR_RED = Theme(
    name="gwr-red",
    primary=SEAL_RED,
    secondary="#1a1a1a",
    accent=SEAL_RED,
    warning="#8a5a00",
    error="#a50e22",
    success="#2f6b2f",
    foreground="#111111",
    background="#fbf8f1",
    surface="#f3eee3",
    panel="#e9e1d2",
    dark=False,
    variables={
        "kw-economy": "#9b1c1c",
        "kw-innovation": "#6b0f1a",
        "kw-livelihood": "#8c3b00",
        "kw-environment": "#36592b",
        "kw-governance": "#3a3a3a",
        "kw-risk": "#b0001e",
        "kw-user": "#7a1f5c",
        "kw-search": "#f5d0d0",
        "figure-underline": SEAL_RED,
        "target-mark": SEAL_RED,
        "footer-key-foreground": SEAL_RED,
    },
)
