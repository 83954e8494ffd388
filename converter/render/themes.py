"""Themes: the built-in looks, one CSS file each in ``styles/themes/``, described by their first line."""

from __future__ import annotations

import re
from functools import cache

from converter.errors import UsageError
from converter.render.templating import data_dir

_DESCRIPTION = re.compile(r"/\*\s*Description:\s*(.+?)\s*\*/")


@cache
def themes() -> dict[str, str]:
    """Theme name -> one-line description, sorted by name."""
    found = {}
    for path in sorted(data_dir("styles").joinpath("themes").glob("*.css")):
        m = _DESCRIPTION.search(path.read_text("utf-8")[:400])
        found[path.stem] = m.group(1) if m else ""
    return found


def theme_css(name: str) -> str:
    """The CSS of a built-in theme.

    Raises ``UsageError`` for an unknown theme, naming the built-in ones.
    """
    if name not in themes():
        raise UsageError(f"unknown theme {name!r}; use one of: {', '.join(themes())} (converter themes lists them)")
    return _theme_text(name)


@cache
def _theme_text(name: str) -> str:
    """Read once a process: every article of an issue asks for its page's stylesheet."""
    return data_dir("styles").joinpath("themes", f"{name}.css").read_text("utf-8")
