"""The default look: a calm dark theme for long reading sessions."""

from __future__ import annotations

from textual.theme import Theme

GWR_DARK = Theme(
    name="gwr-dark",
    primary="#4f9fd8",
    secondary="#7aa889",
    accent="#e0a84f",
    warning="#e0a84f",
    error="#e06c6c",
    success="#7fbf7f",
    foreground="#dcdfe4",
    background="#16181d",
    surface="#1e2128",
    panel="#262a33",
    dark=True,
    variables={
        "kw-economy": "#e5c07b",
        "kw-innovation": "#61afef",
        "kw-livelihood": "#f0a6ca",
        "kw-environment": "#98c379",
        "kw-governance": "#c3a6ff",
        "kw-risk": "#ff8c7a",
        "kw-user": "#56d4c8",
        "kw-search": "#5c4a12",
        "figure-underline": "#f0c674",
        "target-mark": "#ff9e64",
    },
)
