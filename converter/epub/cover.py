"""A generated cover for a book without a lead picture: site, title and date, set like a title page.

Drawn with Pillow in the packaged Source fonts (Pillow's default font if they are missing), at
1200 x 1600, the 3:4 shape of e-reader screens and store thumbnails. Text the fonts cannot draw (CJK,
for one) is left off rather than drawn as boxes; the cover's alt text and the metadata still carry it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from PIL import Image, ImageDraw, ImageFont

from converter.epub.images import encode
from converter.fonts import font_files
from converter.glyphs import coverage

SIZE = (1200, 1600)
MARGIN = 120
PAPER, INK, MUTED, ACCENT = "#f7f4ec", "#1d1d1b", "#5d5d58", "#8a1c1c"

#: Title sizes tried from largest to smallest until the title fits in ``MAX_TITLE_LINES`` lines.
TITLE_SIZES = (120, 104, 92, 80, 70, 62, 56)
MAX_TITLE_LINES = 7

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont


@dataclass(frozen=True)
class CoverText:
    """What the generated cover says."""

    title: str
    site: str = ""
    date: str = ""
    """Already formatted for the reader (``14 January 2025``)."""

    @property
    def alt(self) -> str:
        """The cover's text alternative: what it says, in order."""
        return " · ".join(x for x in (self.title, self.site, self.date) if x)


def cover_png(text: CoverText) -> bytes:
    """The cover as PNG bytes (the same text always gives the same bytes)."""
    image = Image.new("RGB", SIZE, PAPER)
    draw = ImageDraw.Draw(image)
    width = SIZE[0] - 2 * MARGIN
    draw.rectangle((0, 0, SIZE[0], 28), fill=ACCENT)
    if drawable(text.site):
        draw.text((MARGIN, 180), text.site.upper(), font=font("SourceSansPro-Semibold", 44), fill=ACCENT)
    draw.line((MARGIN, 260, MARGIN + 160, 260), fill=ACCENT, width=6)
    if drawable(text.title):
        draw_title(draw, text.title, width)
    if drawable(text.date):
        draw.text((MARGIN, SIZE[1] - MARGIN - 48), text.date, font=font("SourceSansPro-Regular", 44), fill=MUTED)
    return encode(image, "image/png")


def draw_title(draw: ImageDraw.ImageDraw, title: str, width: int) -> None:
    title_font, lines = fit_title(title, width)
    line_height = round(title_font.size * 1.15) if isinstance(title_font, ImageFont.FreeTypeFont) else 40
    for n, line in enumerate(lines):
        draw.text((MARGIN, 320 + n * line_height), line, font=title_font, fill=INK)


def drawable(text: str) -> bool:
    """Whether the packaged fonts have a glyph for every visible character of ``text`` (and it has one)."""
    covered = coverage(font_files())
    visible = [ch for ch in text if not ch.isspace()]
    return bool(visible) and (not covered or all(ord(ch) in covered for ch in visible))


def fit_title(title: str, width: int) -> tuple[Font, list[str]]:
    """The largest title font whose wrapping fits ``MAX_TITLE_LINES``; at the smallest, extra lines are cut."""
    for size in TITLE_SIZES:
        title_font = font("SourceSerifPro-Bold", size)
        lines = wrap(title, title_font, width)
        if len(lines) <= MAX_TITLE_LINES:
            return title_font, lines
    lines = wrap(title, title_font, width)
    return title_font, [*lines[: MAX_TITLE_LINES - 1], lines[MAX_TITLE_LINES - 1].rstrip(" .,;:") + " …"]


def wrap(text: str, title_font: Font, width: int) -> list[str]:
    """Greedy word wrap to ``width`` pixels."""
    lines: list[str] = []
    for word in (piece for w in text.split() for piece in _pieces(w, title_font, width)):
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and title_font.getlength(candidate) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines or [""]


def _pieces(word: str, title_font: Font, width: int) -> list[str]:
    """A word cut into pieces that fit the line (only a word wider than the line is cut)."""
    pieces = [""]
    for ch in word:
        if pieces[-1] and title_font.getlength(pieces[-1] + ch) > width:
            pieces.append("")
        pieces[-1] += ch
    return pieces


@cache
def font(name: str, size: int) -> Font:
    """One of the packaged faces by file stem, else Pillow's default font at that size."""
    path = next((p for p in font_files() if p.stem == name), None)
    if path is None:
        return ImageFont.load_default(size)
    return ImageFont.truetype(str(path), size)
