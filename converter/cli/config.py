"""House style in a file: ``converter.toml`` (or ``[tool.converter]`` in ``pyproject.toml``) in the current
folder, keyed by the long option names (``page-size = "A4"``, ``theme = "modern"``). A flag on the command
line wins over the file; an unknown key is an error, so a typo never passes unnoticed.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from converter.errors import UsageError

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
        data = _read(path)
        if name == "pyproject.toml":
            data = data.get("tool", {}).get("converter")
            if data is None:
                continue
        return Config(values=dict(data), path=path)
    return Config(values={})


def check_keys(config: Config, known: set[str]) -> None:
    """Every key must be a long option name the command knows."""
    unknown = sorted(set(config.values) - known)
    if unknown:
        raise UsageError(f"{config.path}: unknown option {unknown[0]!r}; known options: {', '.join(sorted(known))}")


def _read(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError) as err:
        raise UsageError(f"{path}: cannot be read ({err})") from None
    except tomllib.TOMLDecodeError as err:
        raise UsageError(f"{path}: is not valid TOML ({err})") from None
