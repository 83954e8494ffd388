"""A "Save Page As" page with its _files folder: its picture shows in the HTML and the PDF, offline."""

from __future__ import annotations

import io
from pathlib import Path

from pypdf import PdfReader

import converter

PAGE = Path(__file__).parent / "cases" / "html-saved-page" / "input.html"


def test_saved_page_picture_in_html_and_pdf() -> None:
    article = converter.extract(PAGE)
    html = converter.render(article, "html").decode()
    assert '<img src="data:image/png;base64,' in html
    reader = PdfReader(io.BytesIO(converter.render(article, "pdf")))
    images = [name for page in reader.pages for name in page.images]
    assert images, "the PDF holds no picture"
