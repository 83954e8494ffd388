"""Our templates and styles, read through one loader.

In a wheel they live in ``converter/_data/``; in a source checkout (and an editable install) in the
top-level ``templates/`` and ``styles/`` folders beside the package.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import jinja2

from converter.errors import RenderError

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """The folder of our ``templates`` or ``styles``, installed or in the source tree."""
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise RenderError(f"the converter's {name} folder is missing; reinstall the package")


@cache
def environment() -> jinja2.Environment:
    """The Jinja2 environment: every template autoescaped (``.html.j2`` and ``.xhtml.j2`` alike)."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(data_dir("templates"))),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=False,
        keep_trailing_newline=True,
    )


@cache
def stylesheet(name: str) -> str:
    """The text of one of our stylesheets (``reader.css``, ``print.css``)."""
    path = data_dir("styles") / name
    try:
        return path.read_text("utf-8")
    except OSError as err:
        raise RenderError(f"stylesheet {name} cannot be read ({err.strerror}); reinstall the package") from None
