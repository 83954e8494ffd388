"""Render options: one frozen object with documented defaults; CLI flags and ``converter.toml`` keys map
onto it one to one (``page-size`` -> ``page_size``)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from converter.errors import UsageError
from converter.policy.limits import Limits
from converter.render.pdf_output import PDF_VARIANTS, PdfOutput

#: Named page sizes -> CSS ``size`` value. "6in"/"7in" are e-reader screens (about 90 x 122 / 107 x 142 mm).
PAGE_SIZES: dict[str, str] = {
    "a4": "A4",
    "a5": "A5",
    "b5": "B5",
    "letter": "letter",
    "6in": "90mm 122mm",
    "ereader": "90mm 122mm",
    "7in": "107mm 142mm",
}

#: Named page sizes -> (width, height) in millimetres (ISO 216 / 269, US Letter), for checking margins.
PAGE_SIZES_MM: dict[str, tuple[float, float]] = {
    "A4": (210, 297), "A5": (148, 210), "B5": (176, 250), "letter": (215.9, 279.4),
    "90mm 122mm": (90, 122), "107mm 142mm": (107, 142),
}

#: Least text width and height the margins must leave on the page, in millimetres: a few words a line, a
#: few lines a page (below that WeasyPrint lays out one character a line over thousands of pages).
SMALLEST_TEXT_MM = 20

#: How links appear in print (PDF); HTML and EPUB always keep them clickable.
LINK_STYLES = ("footnotes", "inline", "hidden", "endnotes")

#: Bounds of a custom page's sides: no line of text fits below the smallest; the largest is the PDF
#: format's limit, 14,400 pt (ISO 32000-1, annex C).
SMALLEST_PAGE_MM = 50
LARGEST_PAGE_MM = 5080
#: Millimetres in one of each CSS unit a page size may use.
_UNIT_MM = {"mm": 1.0, "cm": 10.0, "in": 25.4, "pt": 25.4 / 72, "px": 25.4 / 96, "pc": 25.4 / 6}
_LENGTH = r"\d+(?:\.\d+)?(?:mm|cm|in|pt|px|pc)"
_CUSTOM_SIZE = re.compile(rf"^\s*({_LENGTH})\s*[x×]\s*({_LENGTH})\s*$", re.I)
_MARGINS = re.compile(rf"^\s*{_LENGTH}(?:\s+{_LENGTH}){{0,3}}\s*$", re.I)
_FONT_FAMILY = re.compile(r"^[\w .,'\"-]{1,120}$")


#: What the HTML edition is for: reading on a screen, or laying out as pages.
MEDIA = ("screen", "print")


@dataclass(frozen=True)
class RenderOptions:
    """How outputs look. Defaults give the classic reader edition on A5."""

    page_size: str = "A5"
    """PDF page size: A4, A5, B5, Letter, 6in (e-reader), 7in, or ``WxH`` with units (``150mmx200mm``)."""
    theme: str = "classic"
    """A look from ``styles/themes/`` (``converter themes`` lists them)."""
    css: tuple[str, ...] = ()
    """Extra CSS texts, added after the theme (a house style)."""
    template_dir: Path | None = None
    """A folder of Jinja2 templates that override ours by name."""
    margins: str = "18mm 16mm 20mm"
    """PDF page margins, as CSS (``20mm`` or ``18mm 16mm 20mm``); they must leave ``SMALLEST_TEXT_MM`` of text
    width and height on the page (``UsageError`` otherwise)."""
    columns: int = 1
    """Text columns in the PDF (2 for a print edition)."""
    hyphenate: bool = True
    """Hyphenate in the article's language."""
    justify: bool = True
    """Justify the text in the PDF (``False``: ragged right)."""
    links: str = "footnotes"
    """Links in the PDF: footnotes (URL at the foot of the page), inline (URL after the text), hidden, endnotes."""
    font_family: str = ""
    """A font installed on the system for the body text instead of our packaged serif."""
    max_image_px: int = 0
    """Cap on the longer side of pictures in the EPUB, in pixels (0: keep their size)."""
    media: str = "screen"
    """The HTML edition's medium: ``screen`` (the reading page), or ``print``: the same page with the paged-media
    CSS the PDF is laid out from, so any HTML-to-PDF engine gives our PDF (``weasyprint x.html x.pdf``)."""
    pdf_variant: str = ""
    """A PDF standard to write: ``pdf/ua-1`` (accessible), ``pdf/a-3b`` (archival) and the others of
    ``converter.render.pdf_output.PDF_VARIANTS``; "" for plain PDF."""
    pdf_tags: bool = True
    """Tag the PDF (a structure tree for screen readers); the PDF/UA variants are always tagged."""
    limits: Limits = field(default_factory=Limits)
    """Caps on what rendering may cost (see ``converter.policy.limits``)."""

    def __post_init__(self) -> None:
        css_page_size(self.page_size)  # fail early, with the list of sizes
        _check(self.links in LINK_STYLES, f"unknown link style {self.links!r}; use {', '.join(LINK_STYLES)}")
        _check(self.media in MEDIA, f"unknown medium {self.media!r}; use {', '.join(MEDIA)}")
        # the library's name for it: the CLI's --columns is checked by click before an options object is made
        _check(isinstance(self.columns, int) and not isinstance(self.columns, bool) and 1 <= self.columns <= 4,
               f"RenderOptions.columns must be a whole number from 1 to 4, not {self.columns!r}")
        if self.theme != "classic":  # the default needs no look-up (the themes module loads the templating)
            from converter.render.themes import theme_css

            theme_css(self.theme)  # fail early, naming the built-in themes
        _check(bool(_MARGINS.match(self.margins)), f"margins {self.margins!r} are not CSS lengths like '18mm 16mm'")
        check_text_area(self.page_size, self.margins)
        _check(not self.pdf_variant or self.pdf_variant in PDF_VARIANTS,
               f"unknown PDF variant {self.pdf_variant!r}; use one of {', '.join(PDF_VARIANTS)}")
        _check(not self.font_family or bool(_FONT_FAMILY.match(self.font_family)),
               f"font family {self.font_family!r} is not a font name")

    def pdf_output(self) -> PdfOutput:
        """The PDF's variant and tagging, as the page for print carries them."""
        return PdfOutput(self.pdf_variant, self.pdf_tags)


def _check(ok: bool, message: str) -> None:
    if not ok:
        raise UsageError(message)


def _millimetres(length: str) -> float:
    """A CSS length of ``_LENGTH`` ("150mm", "6in") in millimetres."""
    number = re.match(r"[\d.]+", length)
    assert number is not None  # _LENGTH matched it
    return float(number.group()) * _UNIT_MM[length[number.end():].lower()]


def check_text_area(page_size: str, margins: str) -> None:
    """Refuse margins that leave less than ``SMALLEST_TEXT_MM`` of text width or height on the page.

    ``page_size`` is a ``RenderOptions.page_size`` and ``margins`` one to four CSS lengths (top, right,
    bottom, left, repeated as CSS repeats them). Raises ``UsageError`` naming the page, the margins and the
    text area left."""
    css = css_page_size(page_size)
    width, height = PAGE_SIZES_MM.get(css) or tuple(_millimetres(side) for side in css.split())
    top, right, bottom, left = _four_sides([_millimetres(length) for length in margins.split()])
    text_width, text_height = width - left - right, height - top - bottom
    if min(text_width, text_height) < SMALLEST_TEXT_MM:
        raise UsageError(
            f"margins {margins.strip()!r} leave a text area of {_mm(text_width)} x {_mm(text_height)} mm on the "
            f"{page_size.strip()} page ({_mm(width)} x {_mm(height)} mm); leave at least {SMALLEST_TEXT_MM} mm "
            "of width and height (the default margins are 18mm 16mm 20mm)")


def _four_sides(values: list[float]) -> list[float]:
    """CSS's shorthand for one to four values, spelt out as top, right, bottom, left."""
    top, right, bottom, left = [*values, *values, *values, *values][:4]
    if len(values) == 1:
        return [top] * 4
    if len(values) == 2:
        return [top, right, top, right]
    if len(values) == 3:
        return [top, right, bottom, right]
    return [top, right, bottom, left]


def _mm(value: float) -> str:
    """``148``, ``215.9``, ``-252``: millimetres to one decimal, without a trailing ``.0``."""
    return f"{round(value, 1):g}"


def css_page_size(name: str) -> str:
    """The CSS ``size`` value for a page size name or ``WxH`` with units.

    Raises ``UsageError`` for a size that is neither a named size nor ``WxH`` lengths.
    """
    named = PAGE_SIZES.get(name.strip().lower())
    if named:
        return named
    m = _CUSTOM_SIZE.match(name)
    if m:
        sides = [_millimetres(m.group(1)), _millimetres(m.group(2))]
        if not all(SMALLEST_PAGE_MM <= side <= LARGEST_PAGE_MM for side in sides):
            raise UsageError(f"page size {name!r} is out of range: each side must be {SMALLEST_PAGE_MM} mm to "
                             f"{LARGEST_PAGE_MM} mm (the PDF format's largest page)")
        return f"{m.group(1).lower()} {m.group(2).lower()}"
    raise UsageError(f"unknown page size {name!r}; use A4, A5, B5, Letter, 6in, 7in or WxH like 150mmx200mm")


def given_options(options: object, where: str) -> RenderOptions:
    """``options`` as passed to a public function (``where``, for the message): a ``RenderOptions``, or
    ``None`` for the defaults.

    Raises ``UsageError`` for anything else (a dict of fields is refused by name, not failed on deep inside
    with an ``AttributeError``): the documented style is ``RenderOptions(theme="modern", ...)``.
    """
    if options is None:
        return RenderOptions()
    if isinstance(options, RenderOptions):
        return options
    if isinstance(options, dict):  # RenderOptions' own fields, in the documented style
        fields = ", ".join(f"{key}={value!r}" for key, value in options.items())
        raise UsageError(f"{where} takes options=converter.RenderOptions(...), not a dict; pass "
                         f"options=converter.RenderOptions({fields})")
    raise UsageError(f"{where} takes options=converter.RenderOptions(...), not {type(options).__name__}")
