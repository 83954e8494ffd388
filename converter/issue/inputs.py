"""Which files an issue reads: the inputs as given, folders expanded, in natural order ("2" before "10")."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from os import PathLike
from pathlib import Path

from converter.archive.inputs import is_archive, not_an_article
from converter.load.source import EXTENSION_KINDS
from converter.policy.confine import walk_files

log = logging.getLogger("converter.issue.inputs")

_DIGITS = re.compile(r"(\d+)")


def natural_key(path: Path) -> tuple[tuple[int, int | str], ...]:
    """Sort key reading runs of digits as numbers: ``2.txt`` < ``10.txt``; case-insensitive otherwise."""
    parts = _DIGITS.split(path.as_posix().lower())
    return tuple((1, int(part)) if part.isdigit() else (0, part) for part in parts if part)


def expand_inputs(inputs: Iterable[str | Path] | str | Path, allow_outside: Iterable[str | Path] = ()) -> list[Path]:
    """The files behind ``inputs``: a file as given, a folder as its article files in natural order. One
    ``str`` or ``Path`` is one input (never read as its characters).

    A folder contributes only files the converter reads (by extension) and skips hidden ones, so a
    ``.DS_Store`` or the pictures folder of a saved page are not reported as failures; a web archive in it
    is left out with a warning saying how its pages are converted (a site, not one article). Its files are
    confined to it (``converter.policy.confine``): symbolic links out of it and files with several hard
    links are left out with a warning, unless they lead into a folder of ``allow_outside``.
    """
    if isinstance(inputs, (str, PathLike)):
        inputs = (inputs,)
    files: list[Path] = []
    for item in inputs:
        path = Path(item)
        files.extend(folder_articles(path, allow_outside) if path.is_dir() else [path])
        if path.is_dir():  # a web archive among an issue's articles is left out, never silently
            for archive in walk_files(path, allow_outside, suffixes=(".warc", ".gz", ".wacz"), warn=False):
                if is_archive(archive):
                    log.warning("%s; it is left out", not_an_article(archive))
    return files


def folder_articles(folder: Path, allow_outside: Iterable[str | Path] = (), warn: bool = True) -> list[Path]:
    """The article files under ``folder`` (recursively, no symlinked folder entered), in natural order of
    their relative paths; ``warn=False`` logs what is left out at debug level only (a second walk)."""
    found = walk_files(folder, allow_outside, suffixes=EXTENSION_KINDS, warn=warn)
    return sorted(found, key=lambda p: natural_key(p.relative_to(folder)))
