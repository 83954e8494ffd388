"""Fitted models shipped with the package (data files, read with importlib.resources)."""
