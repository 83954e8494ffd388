"""The ``converter`` command; ``main`` is the entry point (``converter.cli:main``)."""

from converter.cli.app import main

__all__ = ["main"]
