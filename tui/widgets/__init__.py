"""The reader's widgets, one per module; the reader screen wires them together."""
