"""A light theme for white terminals: dark text, deep highlight colours, pale search marks."""

from __future__ import annotations

from textual.theme import Theme

GWR_LIGHT = Theme(
    name="gwr-light",
    primary="#1f5fa8",
    secondary="#3d7a5a",
    accent="#b35900",
    warning="#9a6700",
    error="#b42318",
    success="#1a7f37",
    foreground="#1f2328",
    background="#fbfbf8",
    surface="#f1f1ec",
    panel="#e4e4dc",
    dark=False,
    variables={
        "kw-economy": "#8a5a00",
        "kw-innovation": "#0b5cad",
        "kw-livelihood": "#a3216b",
        "kw-environment": "#1d6b2f",
        "kw-governance": "#5b3cb0",
        "kw-risk": "#b42318",
        "kw-user": "#006d75",
        "kw-search": "#ffe08a",
        "figure-underline": "#8a4b00",
        "target-mark": "#c2410c",
        "footer-key-foreground": "#1f5fa8",
    },
)
