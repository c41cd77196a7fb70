"""Textual themes shipped with gwr-tui."""
