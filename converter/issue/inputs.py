"""Which files an issue reads: the inputs as given, folders expanded, in natural order ("2" before "10")."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from converter.load.source import EXTENSION_KINDS

_DIGITS = re.compile(r"(\d+)")


def natural_key(path: Path) -> tuple[tuple[int, int | str], ...]:
    """Sort key reading runs of digits as numbers: ``2.txt`` < ``10.txt``; case-insensitive otherwise."""
    parts = _DIGITS.split(path.as_posix().lower())
    return tuple((1, int(part)) if part.isdigit() else (0, part) for part in parts if part)


def expand_inputs(inputs: Iterable[str | Path]) -> list[Path]:
    """The files behind ``inputs``: a file as given, a folder as its article files in natural order.

    A folder contributes only files the converter reads (by extension) and skips hidden ones, so a
    ``.DS_Store`` or the pictures folder of a saved page are not reported as failures.
    """
    files: list[Path] = []
    for item in inputs:
        path = Path(item)
        files.extend(folder_articles(path) if path.is_dir() else [path])
    return files


def folder_articles(folder: Path) -> list[Path]:
    """The article files under ``folder`` (recursively), in natural order of their relative paths."""
    found = [p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in EXTENSION_KINDS
             and not any(part.startswith(".") for part in p.relative_to(folder).parts)]
    return sorted(found, key=lambda p: natural_key(p.relative_to(folder)))
