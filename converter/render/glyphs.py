"""A warning when the article holds characters that no font can draw.

WeasyPrint (through Pango and fontconfig) falls back to any installed font that has a glyph, so a
character is only a problem when neither our packaged fonts nor any installed font has it: then the PDF
shows a box, and the reader deserves to know before printing. The installed fonts' coverage comes from
one ``fc-list`` call (each font's charset), read once per process.
"""

from __future__ import annotations

import bisect
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

#: Characters every build of our packaged fonts draws (``tests/test_glyphs.py`` checks it) or that need no
#: glyph: Latin-1, Latin Extended-A, the common dashes, quotes and marks, the euro. A text made only of
#: these needs no font file read (fontTools parsing ten cmaps costs a few per cent of a short PDF).
PACKAGED_CHARACTERS = frozenset(
    "\t\n\r"
    + "".join(map(chr, range(0x20, 0x7F)))
    + "".join(map(chr, range(0xA0, 0x180)))
    + "\u2010\u2012\u2013\u2014\u2015\u2018\u2019\u201a\u201c\u201d\u201e\u2020\u2021\u2022\u2026"
      "\u2030\u2032\u2033\u2039\u203a\u20ac"
)


def warn_missing_glyphs(text: str, font_family: str = "") -> list[str]:
    """Warn about the characters of ``text`` that no font draws (ours, ``font_family``'s, or any installed
    font the renderer falls back to); return them, sorted."""
    if PACKAGED_CHARACTERS.issuperset(text):
        return []
    from converter.render.fonts import font_files

    paths = list(font_files())
    if font_family:
        paths.extend(system_font_files(font_family))
    covered = coverage(tuple(paths))
    missing = sorted({ch for ch in text if _needs_glyph(ch) and ord(ch) not in covered})
    if missing:
        installed = installed_coverage()
        missing = [ch for ch in missing if not _in_ranges(ord(ch), installed)]
    if missing:
        shown = ", ".join(f"{ch} (U+{ord(ch):04X})" for ch in missing[:SHOWN])
        more = f" and {len(missing) - SHOWN} more" if len(missing) > SHOWN else ""
        log.warning("no installed font has a glyph for %s%s; install a font that covers them (and pass "
                    "--font-family to prefer it)", shown, more)
    return missing


@cache
def installed_coverage() -> tuple[tuple[int, int], ...]:
    """Merged ``(first, last)`` code point ranges that some installed font covers (fontconfig's charsets);
    empty without fontconfig."""
    if shutil.which("fc-list") is None:
        return ()
    try:
        out = subprocess.run(["fc-list", ":", "charset"], capture_output=True, text=True, timeout=30,
                             check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return ()
    ranges: list[tuple[int, int]] = []
    for token in out.replace(":charset=", " ").split():
        low, _, high = token.partition("-")
        try:
            ranges.append((int(low, 16), int(high or low, 16)))
        except ValueError:
            continue  # a font's file name, not a range
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return tuple(merged)


def _in_ranges(point: int, ranges: tuple[tuple[int, int], ...]) -> bool:
    i = bisect.bisect_right(ranges, (point, float("inf"))) - 1
    return i >= 0 and ranges[i][0] <= point <= ranges[i][1]


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
