"""Text in, model out: loading, the section tree and figure extraction (no Textual here)."""
