"""The terminal side of gwr-tui: the command line and the Textual reader."""
