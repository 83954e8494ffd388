"""``python -m converter``."""

from converter.cli import main

main()
