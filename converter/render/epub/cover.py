"""A generated cover for a book without a lead picture: site, title and date, set like a title page; an
issue's cover is its masthead: publisher, title, issue number and date, and the titles of its sections.

Drawn with Pillow at 1200 x 1600, the 3:4 shape of e-reader screens and store thumbnails. Each text is
set in the packaged Source face of its role when that face has all its characters; otherwise in the
installed face fontconfig finds for the text's characters and the book's language (Arabic, Hebrew, CJK:
``fc-match`` with the text's charset, each candidate's own character map checked). Text is shaped and
ordered by libraqm (Pillow's complex layout: Arabic joining, right-to-left runs), and a right-to-left
text is set from the right margin, the cover's rules with it.

A text no face can draw, or a right-to-left or joined script without libraqm, is never drawn as boxes
or reversed letters: the site, date or a section line is left off (the cover's alt text still says it);
a title that cannot be drawn leaves the book without a cover picture: ``cover_png`` warns and returns
``None``, and the cover page sets the title as text.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache, partial
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, features

from converter.render.epub.images import encode
from converter.render.fonts import font_files
from converter.render.glyphs import coverage

log = logging.getLogger("converter.render.epub")

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

#: Each role on the cover: the packaged face (file stem) and the fontconfig pattern for a face that
#: draws what the packaged one cannot.
ROLES: dict[str, tuple[str, str]] = {
    "title": ("SourceSerifPro-Bold", "serif:bold"),
    "label": ("SourceSansPro-Semibold", "sans-serif:semibold"),
    "plain": ("SourceSansPro-Regular", "sans-serif"),
}

#: Installed faces tried (in fontconfig's order) for a text the packaged face cannot draw.
CANDIDATES = 12

#: Whether Pillow lays text out with libraqm (shaping, bidi); without it, only scripts set letter by
#: letter left to right can be drawn.
RAQM = features.check("raqm")

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
    language: str = ""
    """The book's language (BCP 47), a hint for choosing faces (Japanese or Chinese forms of a character)."""

    @property
    def alt(self) -> str:
        """The cover's text alternative: what it says, in order."""
        return " · ".join(x for x in (self.title, self.site, self.number, self.date, *self.sections) if x)


@dataclass(frozen=True)
class Face:
    """The face a text is drawn in (``None``: Pillow's default font) and the text's direction."""

    path: Path | None
    rtl: bool = False
    language: str = ""

    def at(self, size: int) -> Font:
        return font_file(self.path, size)

    def draw(self, draw: ImageDraw.ImageDraw, start: float, top: int, text: str, size: int, fill: str,
             right: bool) -> None:
        """``text`` at ``top``, ``start`` pixels in from the left margin (the right one if ``right``: the
        cover's lines all start where its title starts, whatever the direction of each)."""
        kwargs: dict[str, object] = {}
        if RAQM:
            kwargs = {"direction": "rtl" if self.rtl else "ltr", **({"language": self.language} if self.language
                                                                    else {})}
        x, anchor = (SIZE[0] - MARGIN - start, "ra") if right else (MARGIN + start, "la")
        draw.text((x, top), text, font=self.at(size), fill=fill, anchor=anchor, **kwargs)  # type: ignore[arg-type]

    def length(self, text: str, size: int) -> float:
        font = self.at(size)
        if RAQM and isinstance(font, ImageFont.FreeTypeFont):
            return font.getlength(text, direction="rtl" if self.rtl else "ltr")
        return font.getlength(text)


def cover_png(text: CoverText) -> bytes | None:
    """The cover as PNG bytes (the same text always gives the same bytes on one machine), or ``None`` with
    a warning when no installed face can draw its title (the book then has a text cover page)."""
    title_face = face("title", text.title, text.language)
    if title_face is None:
        log.warning("the EPUB has no cover picture: no installed font draws its title %r%s; the cover page "
                    "shows the title as text", text.title[:60],
                    "" if RAQM else " (right-to-left and joined scripts need Pillow built with libraqm)")
        return None
    image = Image.new("RGB", SIZE, PAPER)
    draw = ImageDraw.Draw(image)
    width = SIZE[0] - 2 * MARGIN
    mirror = title_face.rtl  # a right-to-left title page is set from the right, its rules too
    draw.rectangle((0, 0, SIZE[0], 28), fill=ACCENT)
    site = text.site.upper()
    site_face = face("label", site, text.language)
    if site_face is not None:
        site_face.draw(draw, 0, 180, fit_line(site, partial(site_face.length, size=44), width), 44, ACCENT, mirror)
    rule(draw, 260, 6, mirror)
    if text.number or text.sections:
        draw_masthead(draw, text, title_face, width, mirror)
        return encode(image, "image/png")
    draw_title(draw, text.title, title_face, width)
    date_face = face("plain", text.date, text.language)
    if date_face is not None:
        date_face.draw(draw, 0, SIZE[1] - MARGIN - 48, text.date, 44, MUTED, mirror)
    return encode(image, "image/png")


def rule(draw: ImageDraw.ImageDraw, top: int, weight: int, mirror: bool) -> None:
    """The short accent rule at the start margin (the right one on a right-to-left cover)."""
    left = SIZE[0] - MARGIN - 160 if mirror else MARGIN
    draw.line((left, top, left + 160, top), fill=ACCENT, width=weight)


def draw_masthead(draw: ImageDraw.ImageDraw, text: CoverText, title_face: Face, width: int, mirror: bool) -> None:
    """An issue's cover under its publisher: the title, the issue line (number · date) right under it, and
    the section titles at the foot, as the PDF edition's cover has them."""
    sections = section_lines(text.sections, width, text.language)
    bottom = draw_sections(draw, sections, mirror) if sections else SIZE[1] - MARGIN
    number = text.number if face("label", text.number, text.language) else ""
    date = text.date if face("plain", text.date, text.language) else ""
    line_room = ISSUE_LINE_GAP + ISSUE_LINE_SIZE if number or date else 0
    below_title = draw_title(draw, text.title, title_face, width, bottom - 80 - line_room - TITLE_TOP)
    if number or date:
        draw_issue_line(draw, number, date, width, below_title + ISSUE_LINE_GAP, text.language, mirror)


def draw_title(draw: ImageDraw.ImageDraw, title: str, title_face: Face, width: int, height: int | None = None) -> int:
    """The title from ``TITLE_TOP``, within ``height`` pixels if given; returns where its last line ends."""
    size, lines = fit_title(title, title_face, width, height)
    for n, line in enumerate(lines):
        title_face.draw(draw, 0, TITLE_TOP + n * line_height(size), line, size, INK, title_face.rtl)
    return TITLE_TOP + len(lines) * line_height(size)


def draw_issue_line(draw: ImageDraw.ImageDraw, number: str, date: str, width: int, top: int,
                    language: str = "", mirror: bool = False) -> None:
    """``Issue 12 · 6 May 2024``: the number in the accent colour, the date muted; a number too long for the
    line is cut, and leaves the date out."""
    number_face = face("label", number, language) if number else None
    date_face = face("plain", f"{date}", language) if date else None
    shown = fit_line(number, partial(number_face.length, size=ISSUE_LINE_SIZE), width) if number_face else ""
    if number_face:
        number_face.draw(draw, 0, top, shown, ISSUE_LINE_SIZE, ACCENT, mirror)
    start = round(number_face.length(shown, ISSUE_LINE_SIZE)) if number_face else 0
    if date_face is None:
        return
    date = f" · {date}" if shown else date
    if date_face.length(date, ISSUE_LINE_SIZE) <= width - start:  # a date whole, or none
        date_face.draw(draw, start, top, date, ISSUE_LINE_SIZE, MUTED, mirror)


def section_lines(sections: tuple[str, ...], width: int, language: str = "") -> list[tuple[str, Face]]:
    """The section titles the cover can draw, one a line, each cut to the width; ``…`` stands for the rest."""
    titles = []
    for title in sections:
        title = " ".join(title.split())
        title_face = face("label", title, language)
        if title_face is not None:
            titles.append((fit_line(title, partial(title_face.length, size=SECTION_SIZE), width), title_face))
    if len(titles) > MAX_SECTION_LINES:
        titles = [*titles[: MAX_SECTION_LINES - 1], ("…", titles[MAX_SECTION_LINES - 1][1])]
    return titles


def draw_sections(draw: ImageDraw.ImageDraw, titles: list[tuple[str, Face]], mirror: bool = False) -> int:
    """The section titles stacked at the foot of the cover under a short rule; returns the rule's height."""
    top = SIZE[1] - MARGIN - SECTION_SIZE - (len(titles) - 1) * SECTION_LEADING
    rule(draw, top - 40, 4, mirror)
    for n, (title, title_face) in enumerate(titles):
        title_face.draw(draw, 0, top + n * SECTION_LEADING, title, SECTION_SIZE, INK, mirror)
    return top - 40


def fit_line(text: str, measure: Callable[[str], float], width: int) -> str:
    """``text`` cut at a word (else a character) and ended with ``…`` so that ``measure`` (its width in
    pixels) is within ``width``."""
    if measure(text) <= width:
        return text
    while text and measure(text.rstrip(" .,;:·") + " …") > width:
        cut = text.rstrip().rfind(" ")
        text = text[:cut] if cut > 0 else text[:-1]
    return text.rstrip(" .,;:·") + " …"


def line_height(size: int) -> int:
    return round(size * 1.15)


def fit_title(title: str, title_face: Face, width: int, height: int | None = None) -> tuple[int, list[str]]:
    """The largest title size whose wrapping fits ``MAX_TITLE_LINES`` (and ``height`` pixels, if given);
    at the smallest, extra lines are cut."""
    for size in TITLE_SIZES:
        lines = wrap(title, title_face, size, width, MAX_TITLE_LINES)
        if len(lines) <= MAX_TITLE_LINES and (height is None or len(lines) * line_height(size) <= height):
            return size, lines
    most = MAX_TITLE_LINES if height is None else max(1, min(MAX_TITLE_LINES, height // line_height(size)))
    if len(lines) <= most:
        return size, lines
    return size, [*lines[: most - 1], lines[most - 1].rstrip(" .,;:") + " …"]


def wrap(text: str, title_face: Face, size: int, width: int, most: int | None = None) -> list[str]:
    """Greedy word wrap to ``width`` pixels (text without spaces, as Japanese and Chinese, between characters).

    With ``most``, the wrap stops once a line past ``most + 1`` begins: the first ``most + 1`` lines are
    whole, which is all a caller that shows ``most`` needs to know (a title of a million words measured
    word by word, in seven sizes, took hours)."""
    lines: list[str] = []
    for word in (piece for w in text.split() for piece in _pieces(w, title_face, size, width)):
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and title_face.length(candidate, size) <= width:
            lines[-1] = candidate
        else:
            if most is not None and len(lines) > most:
                break
            lines.append(word)
    return lines or [""]


def _pieces(word: str, title_face: Face, size: int, width: int) -> Iterator[str]:
    """A word cut into pieces that fit the line (only a word wider than the line is cut), one by one."""
    piece = ""
    for ch in word:
        if piece and title_face.length(piece + ch, size) > width:
            yield piece
            piece = ""
        piece += ch
    yield piece


def is_rtl(text: str) -> bool:
    """Whether the text's first strong character is right-to-left (Hebrew, Arabic...)."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


def needs_layout(text: str) -> bool:
    """Whether drawing ``text`` needs libraqm: right-to-left runs, or marks that join their letter (Indic
    vowel signs); Latin accents alone do not."""
    return any(unicodedata.bidirectional(ch) in ("R", "AL", "AN") or unicodedata.category(ch) == "Mc"
               for ch in text)


@cache
def face(role: str, text: str, language: str = "") -> Face | None:
    """The face ``text`` is drawn in for ``role`` (see the module), or ``None`` when it has nothing visible
    or nothing can draw it."""
    visible = frozenset(ord(ch) for ch in text if not ch.isspace() and unicodedata.category(ch)[0] != "C")
    if not visible or (needs_layout(text) and not RAQM):
        return None
    rtl = is_rtl(text)
    language = language if RAQM else ""
    stem, pattern = ROLES[role]
    packaged = next((p for p in font_files() if p.stem == stem), None)
    if packaged is None and not font_files():
        return Face(None, rtl, language)  # no packaged fonts at all: Pillow's default, as before
    if packaged is not None and visible <= coverage((packaged,)):
        return Face(packaged, rtl, language)
    for path in installed_candidates(pattern, visible, language):
        if visible <= coverage((path,)):
            return Face(path, rtl, language)
    return None


@cache
def installed_candidates(pattern: str, points: frozenset[int], language: str) -> tuple[Path, ...]:
    """The installed font files fontconfig ranks best for ``pattern`` with these characters (and
    ``language``), best first; empty without fontconfig."""
    if shutil.which("fc-match") is None:
        return ()
    query = f"{pattern}:charset={' '.join(f'{p:x}' for p in sorted(points))}"
    if language:
        query += f":lang={language.split('-')[0].lower()}"
    try:
        out = subprocess.run(["fc-match", "-s", query, "-f", "%{file}\n"], capture_output=True, text=True,
                             timeout=30, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return ()
    files = [Path(line) for line in out.splitlines() if line.lower().endswith((".ttf", ".otf", ".ttc"))]
    return tuple(dict.fromkeys(p for p in files if p.is_file()))[:CANDIDATES]


@cache
def font_file(path: Path | None, size: int) -> Font:
    """The face at ``path`` at ``size`` pixels, laid out by libraqm when Pillow has it; Pillow's default font
    for ``None``."""
    if path is None:
        return ImageFont.load_default(size)
    engine = ImageFont.Layout.RAQM if RAQM else ImageFont.Layout.BASIC
    return ImageFont.truetype(str(path), size, layout_engine=engine)


def font(name: str, size: int) -> Font:
    """One of the packaged faces by file stem, else Pillow's default font at that size."""
    return font_file(next((p for p in font_files() if p.stem == name), None), size)
