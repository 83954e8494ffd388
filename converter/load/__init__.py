"""Load: an input (a path, text or bytes) to a ``Source``: its text, detected kind and folder, within the size cap."""
