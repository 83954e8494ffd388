"""A warning when the article holds characters that none of the chosen fonts can draw.

WeasyPrint would silently fall back to whatever system font has the glyph (or draw a box), so the
reader deserves to know before printing.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import unicodedata
from collections.abc import Iterable
from functools import cache
from pathlib import Path

log = logging.getLogger("converter.render.pdf")

#: Most characters listed in one warning.
SHOWN = 8


def warn_missing_glyphs(text: str, font_family: str = "") -> list[str]:
    """Warn about the characters of ``text`` no chosen font covers; return them."""
    from converter.render.fonts import font_files

    paths = list(font_files())
    if font_family:
        paths.extend(system_font_files(font_family))
    covered = coverage(tuple(paths))
    missing = sorted({ch for ch in text if _needs_glyph(ch) and ord(ch) not in covered})
    if missing:
        shown = ", ".join(f"{ch} (U+{ord(ch):04X})" for ch in missing[:SHOWN])
        more = f" and {len(missing) - SHOWN} more" if len(missing) > SHOWN else ""
        log.warning("no chosen font has a glyph for %s%s; install a font that covers them and pass "
                    "--font-family", shown, more)
    return missing


def _needs_glyph(ch: str) -> bool:
    """Visible characters only: not white space, controls, format marks or private use."""
    return not ch.isspace() and unicodedata.category(ch) not in ("Cc", "Cf", "Co", "Cs", "Zl", "Zp")


@cache
def coverage(paths: tuple[Path, ...]) -> frozenset[int]:
    """Every code point the fonts at ``paths`` map to a glyph."""
    from fontTools.ttLib import TTFont

    points: set[int] = set()
    for path in paths:
        try:
            with TTFont(str(path), lazy=True, fontNumber=0) as font:
                points.update(font.getBestCmap() or {})
        except Exception as err:  # a font fontTools cannot read is not worth failing a render for
            log.debug("cannot read %s: %s", path, err)
    return frozenset(points)


@cache
def system_font_files(family: str) -> tuple[Path, ...]:
    """The files fontconfig uses for ``family`` (regular, then its other faces), if fontconfig is there."""
    if shutil.which("fc-list") is None:
        return ()
    out = subprocess.run(["fc-list", family, "file"], capture_output=True, text=True, timeout=10, check=False)
    return tuple(_paths(line.rstrip(": ") for line in out.stdout.splitlines()))


def _paths(lines: Iterable[str]) -> list[Path]:
    return [Path(line) for line in lines if line and Path(line).is_file()]
