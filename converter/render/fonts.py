"""The default fonts, shipped by package dependencies so a PDF looks the same on every machine.

Source Serif Pro (body) and Source Sans Pro (headings) cover Latin, Greek and Cyrillic. A missing
package falls back to the system's serif and sans, with a warning.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
from functools import cache
from importlib import import_module
from pathlib import Path

log = logging.getLogger("converter.render")

#: CSS family name -> (Python package holding the files, file prefix).
FAMILIES: dict[str, tuple[str, str]] = {
    "Source Serif Pro": ("font_source_serif_pro", "SourceSerifPro"),
    "Source Sans Pro": ("font_source_sans_pro", "SourceSansPro"),
}

#: (file suffix, font-weight, font-style) of the faces we declare.
FACES: tuple[tuple[str, int, str], ...] = (
    ("Regular", 400, "normal"),
    ("It", 400, "italic"),
    ("Semibold", 600, "normal"),
    ("Bold", 700, "normal"),
    ("BoldIt", 700, "italic"),
)


@cache
def font_files() -> tuple[Path, ...]:
    """Every font file we declare (the PDF fetcher may read exactly these)."""
    return tuple(path for _, _, _, path in _faces())


@cache
def font_face_css() -> str:
    """``@font-face`` rules pointing at the packaged font files."""
    rules = [
        f'@font-face {{ font-family: "{family}"; src: url("{path.as_uri()}"); '
        f"font-weight: {weight}; font-style: {style}; }}"
        for family, weight, style, path in _faces()
    ]
    return "\n".join(rules)


def _faces() -> list[tuple[str, int, str, Path]]:
    faces = []
    for family, (package, prefix) in FAMILIES.items():
        folder = _package_folder(package)
        if folder is None:
            continue
        for suffix, weight, style in FACES:
            path = folder / f"{prefix}-{suffix}.ttf"
            if path.is_file():
                faces.append((family, weight, style, path))
    return faces


def _package_folder(package: str) -> Path | None:
    try:
        module = import_module(package)
    except ImportError:
        log.warning("font package %s is not installed; the PDF uses the system's fonts", package)
        return None
    return Path(module.__file__ or "").resolve().parent / "files"


def warn_unknown_font_family(family: str) -> bool:
    """Warn once per family when ``--font-family`` names a family neither packaged nor installed, naming the
    face the PDF uses instead (fontconfig's match for ``serif``); return whether it warned. Without
    fontconfig nothing can be told, and nothing is said."""
    if not family or family.casefold() in {f.casefold() for f in FAMILIES}:
        return False
    installed = installed_families()
    if not installed or family.casefold() in installed:
        return False
    return _warn_unknown(family)


@cache
def _warn_unknown(family: str) -> bool:
    instead = _fc(["fc-match", "serif", "family"]).split(",")[0].strip() or "the system's serif"
    log.warning("font family %r is not installed; the PDF uses %s instead (fc-list : family lists the "
                "installed ones)", family, instead)
    return True


@cache
def installed_families() -> frozenset[str]:
    """Every family name fontconfig knows (each of a font's names, casefolded); empty without fontconfig."""
    names = _fc(["fc-list", ":", "family"])
    return frozenset(name.strip().casefold() for line in names.splitlines() for name in line.split(",") if name.strip())


def _fc(command: list[str]) -> str:
    """A fontconfig tool's output, or ``""`` when it is not installed or fails."""
    if shutil.which(command[0]) is None:
        return ""
    try:
        return subprocess.run(command, capture_output=True, text=True, timeout=30, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return ""
