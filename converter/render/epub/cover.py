"""A generated cover for a book without a lead picture: site, title and date, set like a title page; an
issue's cover is its masthead: publisher, title, issue number and date, and the titles of its sections.

Drawn with Pillow in the packaged Source fonts (Pillow's default font if they are missing), at
1200 x 1600, the 3:4 shape of e-reader screens and store thumbnails. Text the fonts cannot draw (CJK,
for one) is left off rather than drawn as boxes; the cover's alt text and the metadata still carry it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from PIL import Image, ImageDraw, ImageFont

from converter.render.epub.images import encode
from converter.render.fonts import font_files
from converter.render.glyphs import coverage

SIZE = (1200, 1600)
MARGIN = 120
PAPER, INK, MUTED, ACCENT = "#f7f4ec", "#1d1d1b", "#5d5d58", "#8a1c1c"

#: Title sizes tried from largest to smallest until the title fits in ``MAX_TITLE_LINES`` lines.
TITLE_SIZES = (120, 104, 92, 80, 70, 62, 56)
MAX_TITLE_LINES = 7
TITLE_TOP = 320

#: An issue's line under its title (``Issue 12 · 6 May 2024``): its size and its distance from the title.
ISSUE_LINE_SIZE, ISSUE_LINE_GAP = 56, 36

#: An issue's section titles: their size and line spacing, and how many lines they may take.
SECTION_SIZE, SECTION_LEADING, MAX_SECTION_LINES = 40, 60, 6

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont


@dataclass(frozen=True)
class CoverText:
    """What the generated cover says."""

    title: str
    site: str = ""
    date: str = ""
    """Already formatted for the reader (``14 January 2025``)."""
    number: str = ""
    """An issue's number line, already in the reader's words (``Issue 12``)."""
    sections: tuple[str, ...] = ()
    """An issue's section titles, in order."""

    @property
    def alt(self) -> str:
        """The cover's text alternative: what it says, in order."""
        return " · ".join(x for x in (self.title, self.site, self.number, self.date, *self.sections) if x)


def cover_png(text: CoverText) -> bytes:
    """The cover as PNG bytes (the same text always gives the same bytes)."""
    image = Image.new("RGB", SIZE, PAPER)
    draw = ImageDraw.Draw(image)
    width = SIZE[0] - 2 * MARGIN
    draw.rectangle((0, 0, SIZE[0], 28), fill=ACCENT)
    if drawable(text.site):
        site_font = font("SourceSansPro-Semibold", 44)
        draw.text((MARGIN, 180), fit_line(text.site.upper(), site_font, width), font=site_font, fill=ACCENT)
    draw.line((MARGIN, 260, MARGIN + 160, 260), fill=ACCENT, width=6)
    if text.number or text.sections:
        draw_masthead(draw, text, width)
        return encode(image, "image/png")
    if drawable(text.title):
        draw_title(draw, text.title, width)
    if drawable(text.date):
        draw.text((MARGIN, SIZE[1] - MARGIN - 48), text.date, font=font("SourceSansPro-Regular", 44), fill=MUTED)
    return encode(image, "image/png")


def draw_masthead(draw: ImageDraw.ImageDraw, text: CoverText, width: int) -> None:
    """An issue's cover under its publisher: the title, the issue line (number · date) right under it, and
    the section titles at the foot, as the PDF edition's cover has them."""
    sections = section_lines(text.sections, width)
    bottom = draw_sections(draw, sections) if sections else SIZE[1] - MARGIN
    number, date = (x if drawable(x) else "" for x in (text.number, text.date))
    line_room = ISSUE_LINE_GAP + ISSUE_LINE_SIZE if number or date else 0
    below_title = TITLE_TOP
    if drawable(text.title):
        below_title = draw_title(draw, text.title, width, bottom - 80 - line_room - TITLE_TOP)
    if number or date:
        draw_issue_line(draw, number, date, width, below_title + ISSUE_LINE_GAP)


def draw_title(draw: ImageDraw.ImageDraw, title: str, width: int, height: int | None = None) -> int:
    """The title from ``TITLE_TOP``, within ``height`` pixels if given; returns where its last line ends."""
    title_font, lines = fit_title(title, width, height)
    for n, line in enumerate(lines):
        draw.text((MARGIN, TITLE_TOP + n * line_height(title_font)), line, font=title_font, fill=INK)
    return TITLE_TOP + len(lines) * line_height(title_font)


def draw_issue_line(draw: ImageDraw.ImageDraw, number: str, date: str, width: int, top: int) -> None:
    """``Issue 12 · 6 May 2024``: the number in the accent colour, the date muted; a number too long for the
    line is cut, and leaves the date out."""
    number_font = font("SourceSansPro-Semibold", ISSUE_LINE_SIZE)
    date_font = font("SourceSansPro-Regular", ISSUE_LINE_SIZE)
    number = fit_line(number, number_font, width) if number else ""
    draw.text((MARGIN, top), number, font=number_font, fill=ACCENT)
    left = MARGIN + round(number_font.getlength(number))
    date = f" · {date}" if number and date else date
    if date and (not number or date_font.getlength(date) <= MARGIN + width - left):  # a date whole, or none
        draw.text((left, top), fit_line(date, date_font, width), font=date_font, fill=MUTED)


def section_lines(sections: tuple[str, ...], width: int) -> list[str]:
    """The section titles the cover can draw, one a line, each cut to the width; ``…`` stands for the rest."""
    section_font = font("SourceSansPro-Semibold", SECTION_SIZE)
    titles = [fit_line(" ".join(t.split()), section_font, width) for t in sections if drawable(t)]
    if len(titles) > MAX_SECTION_LINES:
        titles = [*titles[: MAX_SECTION_LINES - 1], "…"]
    return titles


def draw_sections(draw: ImageDraw.ImageDraw, titles: list[str]) -> int:
    """The section titles stacked at the foot of the cover under a short rule; returns the rule's height."""
    top = SIZE[1] - MARGIN - SECTION_SIZE - (len(titles) - 1) * SECTION_LEADING
    rule = top - 40
    draw.line((MARGIN, rule, MARGIN + 160, rule), fill=ACCENT, width=4)
    section_font = font("SourceSansPro-Semibold", SECTION_SIZE)
    for n, title in enumerate(titles):
        draw.text((MARGIN, top + n * SECTION_LEADING), title, font=section_font, fill=INK)
    return rule


def fit_line(text: str, line_font: Font, width: int) -> str:
    """``text`` cut at a word (else a character) and ended with ``…`` so that it fits ``width`` pixels."""
    if line_font.getlength(text) <= width:
        return text
    while text and line_font.getlength(text.rstrip(" .,;:·") + " …") > width:
        cut = text.rstrip().rfind(" ")
        text = text[:cut] if cut > 0 else text[:-1]
    return text.rstrip(" .,;:·") + " …"


def line_height(title_font: Font) -> int:
    return round(title_font.size * 1.15) if isinstance(title_font, ImageFont.FreeTypeFont) else 40


def drawable(text: str) -> bool:
    """Whether the packaged fonts have a glyph for every visible character of ``text`` (and it has one)."""
    covered = coverage(font_files())
    visible = [ch for ch in text if not ch.isspace()]
    return bool(visible) and (not covered or all(ord(ch) in covered for ch in visible))


def fit_title(title: str, width: int, height: int | None = None) -> tuple[Font, list[str]]:
    """The largest title font whose wrapping fits ``MAX_TITLE_LINES`` (and ``height`` pixels, if given);
    at the smallest, extra lines are cut."""
    for size in TITLE_SIZES:
        title_font = font("SourceSerifPro-Bold", size)
        lines = wrap(title, title_font, width)
        if len(lines) <= MAX_TITLE_LINES and (height is None or len(lines) * line_height(title_font) <= height):
            return title_font, lines
    most = MAX_TITLE_LINES if height is None else max(1, min(MAX_TITLE_LINES, height // line_height(title_font)))
    if len(lines) <= most:
        return title_font, lines
    return title_font, [*lines[: most - 1], lines[most - 1].rstrip(" .,;:") + " …"]


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
