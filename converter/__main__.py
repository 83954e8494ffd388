"""``python -m converter``."""

from converter.cli import run

run()
