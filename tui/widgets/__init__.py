"""The reader's widgets, one per module; the app wires them together."""
