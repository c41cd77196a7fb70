"""The reader's screens and dialogs, one per module."""
