"""House style in a file: ``converter.toml`` (or ``[tool.converter]`` in ``pyproject.toml``) in the current
folder, keyed by the long option names (``page-size = "A4"``, ``theme = "modern"``). A flag on the command
line wins over the file; an unknown key is an error, so a typo never passes unnoticed.

A configuration file in the current folder is used only when it and the folder are owned by the user
running the command (as git does with ``safe.directory``): running ``converter`` inside a downloaded or
shared folder must not let that folder choose templates or stylesheets. Otherwise a one-line warning says
it is ignored and the defaults apply. The template folder a configuration names passes the same test.
"""

from __future__ import annotations

import logging
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from converter.errors import UsageError

log = logging.getLogger("converter.cli.config")

#: The configuration file's key that names a template folder.
TEMPLATE_KEY = "template"

#: Where the configuration is looked for, in order; the first file found is used.
CONFIG_FILES = ("converter.toml", "pyproject.toml")


@dataclass(frozen=True)
class Config:
    """Option values from a configuration file."""

    values: dict[str, object]
    """Long option name (``page-size``) -> value."""
    path: Path | None = None
    """The file they came from."""


def find_config(folder: Path) -> Config:
    """The configuration in ``folder``: ``converter.toml``, else ``[tool.converter]`` of ``pyproject.toml``."""
    for name in CONFIG_FILES:
        path = folder / name
        if not path.is_file():
            continue
        why = not_yours(path) or not_yours(folder)
        if why:
            log.warning("%s: %s, so it is ignored and the defaults are used (only your own configuration "
                        "is read; see SECURITY.md)", path, why)
            return Config(values={})
        data = _read(path)
        if name == "pyproject.toml":
            data = data.get("tool", {}).get("converter")
            if data is None:
                continue
        return Config(values=_trusted_template(dict(data), folder, path), path=path)
    return Config(values={})


def not_yours(path: Path) -> str:
    """Why ``path`` is not the running user's (``is owned by user 1001``), or "" when it is."""
    geteuid = getattr(os, "geteuid", None)
    if geteuid is None:  # no owners to compare (Windows)
        return ""
    try:
        owner = os.stat(path).st_uid
    except OSError as err:
        return f"cannot be checked ({err.strerror})"
    if owner != geteuid():
        return f"{'the folder' if path.is_dir() else 'it'} is owned by user {owner}, not by you (user {geteuid()})"
    return ""


def _trusted_template(values: dict[str, object], folder: Path, path: Path) -> dict[str, object]:
    """The values without a template folder that is not the user's (warned about)."""
    template = values.get(TEMPLATE_KEY)
    if isinstance(template, str) and template:
        where = folder / template
        why = not_yours(where) if where.exists() else ""
        if why:
            log.warning("%s: template folder %s: %s, so the converter's own templates are used", path, where, why)
            values = {k: v for k, v in values.items() if k != TEMPLATE_KEY}
    return values


def unknown_keys(config: Config, known: set[str]) -> list[str]:
    """One problem per key that no command knows (``unknown option 'pagesize'; known options: ...``)."""
    unknown = sorted(set(config.values) - known)
    return [f"unknown option {key!r}; known options: {', '.join(sorted(known))}" for key in unknown]


def invalid_values(config: Config, params: dict[str, click.Parameter]) -> dict[str, str]:
    """Key -> what is wrong with its value and what is allowed, for each key of ``params`` (long option
    name -> the option it sets) whose value the option would refuse: the option's own type (a whole
    number 1 to 4, one of a list), then the library's check of the style it sets (a page size, a theme)."""
    problems = {}
    for key, value in config.values.items():
        param = params.get(key)
        if param is None:
            continue
        why = _value_problem(key, value, param)
        if why:
            problems[key] = f"{key} = {toml_value(value) or repr(value)}: {why}"
    return problems


def _value_problem(key: str, value: object, param: click.Parameter) -> str:
    values = value if param.multiple and isinstance(value, list) else [value]
    if param.multiple and not isinstance(value, list):
        return "give a list, like [\"house.css\"]"
    if not isinstance(param, click.Option) or (isinstance(value, (dict, list)) and not param.multiple):
        return "give one value, not a table or a list"
    try:
        converted = [param.type.convert(v, param, None) for v in values]
    except click.BadParameter as err:
        return _allowed(param) or err.format_message().rstrip(".")
    name = str(param.name)
    if name == "theme":
        from converter.render.themes import themes

        return "" if converted[0] in themes() else f"not a theme; allowed: {', '.join(themes())}"
    from dataclasses import fields

    from converter.options import RenderOptions

    if name in {f.name for f in fields(RenderOptions)} and name not in ("css", "template_dir"):
        try:
            RenderOptions(**{name: converted[0]})
        except UsageError as err:
            return str(err)
    return ""


def _allowed(param: click.Parameter) -> str:
    """What a typed option allows, in words ("" when its type says nothing more than its name)."""
    kind = param.type
    if isinstance(kind, click.Choice):
        return f"allowed: {', '.join(map(str, kind.choices))}"
    if isinstance(kind, click.IntRange):
        low, high = kind.min, kind.max
        if low is not None and high is not None:
            return f"allowed: a whole number from {low} to {high}"
        if low is not None:
            return f"allowed: a whole number, {low} or more"
    if isinstance(kind, click.types.BoolParamType):
        return "allowed: true or false"
    if isinstance(kind, click.types.IntParamType):
        return "allowed: a whole number"
    return ""


def toml_value(value: object) -> str:
    """A value as TOML, or "" for one TOML cannot say in a line."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, (str, Path)):
        return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'
    return ""


def _read(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError) as err:
        raise UsageError(f"{path}: cannot be read ({err})") from None
    except tomllib.TOMLDecodeError as err:
        raise UsageError(f"{path}: is not valid TOML ({err})") from None
    except RecursionError:
        raise UsageError(f"{path}: is nested too deeply to read; flatten it") from None
