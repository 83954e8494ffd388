"""Our templates and styles, read through one loader.

In a wheel they live in ``converter/_data/``; in a source checkout (and an editable install) in the
top-level ``templates/`` and ``styles/`` folders beside the package.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import jinja2

from converter.errors import RenderError, UsageError

_PACKAGE = Path(__file__).resolve().parent.parent  # converter/ (this file is converter/render/templating.py)


def data_dir(name: str) -> Path:
    """The folder of our ``templates`` or ``styles``, installed or in the source tree."""
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise RenderError(f"the converter's {name} folder is missing; reinstall the package")


@cache
def environment(template_dir: Path | None = None) -> jinja2.Environment:
    """The Jinja2 environment: every template autoescaped (``.html.j2`` and ``.xhtml.j2`` alike).

    Templates in ``template_dir`` (a house style) override ours by name; the others stay ours.
    """
    folders = [str(template_dir)] if template_dir is not None else []
    if template_dir is not None and not template_dir.is_dir():
        raise UsageError(f"template folder {template_dir} does not exist")
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader([*folders, str(data_dir("templates"))]),
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
