"""Trial 5's Markdown findings: an embedded player (``<iframe>`` video) is kept as a link to its address in
every edition, not dropped silently; ``<details><summary>`` prints its summary as a block of its own."""

from __future__ import annotations

import io
import logging
import zipfile

import pytest
from pypdf import PdfReader

import converter

EMBED_MD = """---
title: Storm on the coast
---

The storm reached the quay at noon and the harbour wall held.

<iframe src="https://www.youtube.com/embed/abc123" width="560" height="315" title="Storm footage"></iframe>

A second clip <iframe src="https://player.vimeo.com/video/77"></iframe> was filmed from the ferry.

<video controls>
<source src="https://example.org/clip.mp4" type="video/mp4">Your browser cannot play it
</video>

<iframe srcdoc="<p>hi</p>"></iframe>

Last paragraph.
"""


def test_an_embedded_player_becomes_a_link_to_its_address(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="converter")
    html = converter.render(converter.extract(EMBED_MD), "html").decode()
    assert '<p>Video: <a href="https://www.youtube.com/embed/abc123">Storm footage</a></p>' in html
    assert ('A second clip Video: <a href="https://player.vimeo.com/video/77">https://player.vimeo.com/video/77</a>'
            " was filmed from the ferry.") in html
    assert '<p>Video: <a href="https://example.org/clip.mp4">https://example.org/clip.mp4</a></p>' in html
    assert "iframe" not in html and "Your browser" not in html and "srcdoc" not in html
    assert [r.getMessage() for r in caplog.records] == [
        "embedded page (<iframe>) without a web address is left out"]


def test_the_embed_link_is_in_the_pdf_text() -> None:
    with converter.strict(False):
        pdf = converter.render(converter.extract(EMBED_MD.split("<video")[0]), "pdf")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Video: Storm footage" in text
    assert "https://www.youtube.com/embed/abc123" in text  # the printed link (footnote) a reader can type


DETAILS_MD = """---
title: The quay vote
---

The board voted on Tuesday to keep the quay open through the winter months.

<details><summary>How we reported this</summary>
Our reporter attended the whole meeting.
</details>

Last paragraph.
"""


def _fonts_of(pdf: bytes, words: str) -> set[str]:
    """The fonts (BaseFont names) pypdf sees the text run holding ``words`` set in."""
    fonts: set[str] = set()

    def visit(text: str, _cm: object, _tm: object, font: dict | None, _size: float) -> None:
        if words in text and font is not None:
            fonts.add(str(font.get("/BaseFont", "")))

    for page in PdfReader(io.BytesIO(pdf)).pages:
        page.extract_text(visitor_text=visit)
    return fonts


def test_a_details_summary_is_a_bold_block_of_its_own_in_the_pdf() -> None:
    pdf = converter.render(converter.extract(DETAILS_MD), "pdf")
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "How we reported this\nOur reporter attended the whole meeting." in text  # not run into one line
    fonts = _fonts_of(pdf, "How we reported this")
    assert fonts and all("Bold" in name for name in fonts), fonts
    assert not any("Bold" in name for name in _fonts_of(pdf, "Our reporter attended"))


def test_a_details_summary_is_kept_in_a_valid_epub(tmp_path, epubcheck) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "details.epub"
    converter.render(converter.extract(DETAILS_MD), "epub", path)
    with zipfile.ZipFile(path) as book:
        chapter = book.read("EPUB/article-1.xhtml").decode()
        css = book.read("EPUB/css/ereader.css").decode()
    assert "<details><summary>How we reported this</summary>\nOur reporter attended the whole meeting.\n</details>" \
        in chapter
    assert ".article-body summary { display: block; font-weight: bold;" in css
    report = epubcheck([path])[path]
    assert "Messages: 0 fatals / 0 errors / 0 warnings" in report, report
