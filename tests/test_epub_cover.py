"""The generated EPUB cover in every script the machine has a font for (trial 2 #3: Arabic, Hebrew,
Japanese and Chinese covers came out blank): the title is drawn, right-to-left titles from the right
margin; a title no font can draw is a warning and a text cover page, never a blank picture."""

from __future__ import annotations

import io
import zipfile

import pytest
from lxml import etree
from PIL import Image, ImageChops

from converter import Article
from converter.render.epub import cover, render_epub
from tests.test_epub import NS

TITLES = {
    "ar": "افتتاح جسر جديد فوق النهر في المدينة القديمة",
    "he": "הספרייה העירונית נפתחת מחדש אחרי שיפוץ",
    "ja": "港の渡し船、冬も運航続ける",
    "zh": "港口渡轮冬季继续运营",
    "en": "The ferry keeps running",
}


def title_ink(png: bytes) -> tuple[int, int, int, int] | None:
    """The bounding box of what is drawn in the title's band of the cover (between the rule and the date)."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    band = image.crop((0, cover.TITLE_TOP, cover.SIZE[0], cover.SIZE[1] - cover.MARGIN - 60))
    box = ImageChops.difference(band, Image.new("RGB", band.size, cover.PAPER)).getbbox()
    return None if box is None else (box[0], box[1] + cover.TITLE_TOP, box[2], box[3] + cover.TITLE_TOP)


def needs_face(language: str) -> None:
    if cover.face("title", TITLES[language], language) is None:
        pytest.skip(f"no installed font draws {language} text (install fonts-dejavu, fonts-droid-fallback)")
    if language in ("ar", "he") and not cover.RAQM:
        pytest.skip("Pillow is built without libraqm: right-to-left covers fall back to text")


@pytest.mark.parametrize("language", ["ar", "he"])
def test_a_right_to_left_title_is_drawn_from_the_right_margin(language: str) -> None:
    needs_face(language)
    box = title_ink(cover.cover_png(cover.CoverText(TITLES[language], date="1 2025", language=language)) or b"")
    assert box is not None
    assert cover.SIZE[0] - cover.MARGIN - 16 <= box[2] <= cover.SIZE[0] - cover.MARGIN + 2  # ends at the right margin
    assert box[0] > cover.MARGIN  # ragged on the left
    assert box[3] - box[1] > 100  # a title's lines, not a stray mark


@pytest.mark.parametrize("language", ["ja", "zh", "en"])
def test_a_left_to_right_title_in_any_script_is_drawn(language: str) -> None:
    needs_face(language)
    box = title_ink(cover.cover_png(cover.CoverText(TITLES[language], language=language)) or b"")
    assert box is not None
    assert cover.MARGIN - 2 <= box[0] <= cover.MARGIN + 12 and box[2] > cover.SIZE[0] / 2


def test_arabic_is_shaped_not_drawn_letter_by_letter() -> None:
    needs_face("ar")
    face = cover.face("title", TITLES["ar"], "ar")
    assert face is not None
    # joined letters take less room than the isolated forms a letter-by-letter layout draws
    word = "المدينة"
    joined = face.length(word, 100)
    isolated = sum(face.length(ch, 100) for ch in word)
    assert joined < isolated - 5


def test_a_title_no_font_can_draw_gives_a_text_cover_page_and_a_warning(monkeypatch: pytest.MonkeyPatch,
                                                                       caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setattr(cover, "RAQM", False)  # as on a Pillow without libraqm
    cover.face.cache_clear()
    try:
        archive = zipfile.ZipFile(io.BytesIO(render_epub([Article(title=TITLES["ar"], body="نص.", language="ar")])))
    finally:
        cover.face.cache_clear()
    assert [r.getMessage() for r in caplog.records if r.name.startswith("converter")] == [
        f"the EPUB has no cover picture: no installed font draws its title {TITLES['ar']!r} (right-to-left and "
        "joined scripts need Pillow built with libraqm); the cover page shows the title as text"]
    assert "EPUB/images/cover.png" not in archive.namelist()
    package = etree.fromstring(archive.read("EPUB/package.opf"))
    assert package.xpath("//opf:item[@properties='cover-image']", namespaces=NS) == []
    assert package.xpath("//opf:meta[@name='cover']", namespaces=NS) == []
    page = etree.fromstring(archive.read("EPUB/cover.xhtml"))
    assert page.xpath("//x:h1[@class='cover-title']/text()", namespaces=NS) == [TITLES["ar"]]
    assert page.xpath("//x:img", namespaces=NS) == []
