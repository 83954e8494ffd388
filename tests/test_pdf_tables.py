"""Wide tables in the PDF, read back: smaller type first, then a landscape page, and a warning naming a table
that still does not fit (never a silent cut)."""

from __future__ import annotations

import io
import logging
import shutil
import subprocess

import pikepdf
import pytest

from converter import Article, RenderOptions, render


def table_article(columns: int, rows: int = 4, title: str = "Ferry passengers by quarter") -> Article:
    head = "| " + " | ".join(["Station"] + [f"Q{i}-2024" for i in range(1, columns)]) + " |"
    lines = [head, "|" + "---|" * columns]
    lines += ["| " + " | ".join([f"Harbour{r}"] + [f"{r * 1000 + i * 37:,}" for i in range(1, columns)]) + " |"
              for r in range(1, rows + 1)]
    return Article(title=title, body="Before the table.\n\n" + "\n".join(lines) + "\n\nAfter the table.", language="en")


def text_of(pdf: bytes) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed; run scripts/setup.sh")
    done = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True)
    return done.stdout.decode()


def page_shapes(pdf: bytes) -> list[str]:
    document = pikepdf.open(io.BytesIO(pdf))
    shapes = []
    for page in document.pages:
        x0, y0, x1, y1 = (float(v) for v in page.mediabox)
        shapes.append("landscape" if x1 - x0 > y1 - y0 else "portrait")
    return shapes


def test_fourteen_columns_keep_every_column_at_a5(caplog: pytest.LogCaptureFixture) -> None:
    pdf = render(table_article(14), "pdf", options=RenderOptions(page_size="A5"))
    text = text_of(pdf)
    for column in range(1, 14):
        assert f"Q{column}-2024" in text
        assert f"{4000 + column * 37:,}" in text  # the last row's value in that column
    assert "landscape" in page_shapes(pdf)
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING and r.name.startswith("converter")]


def test_a_table_that_fits_in_smaller_type_stays_on_the_portrait_page() -> None:
    pdf = render(table_article(9), "pdf", options=RenderOptions(page_size="A5"))
    text = text_of(pdf)
    assert all(f"Q{c}-2024" in text for c in range(1, 9))
    assert page_shapes(pdf) == ["portrait"]


def test_a_narrow_table_is_untouched() -> None:
    from converter.render.html import render_html
    from converter.render.pdf_layout import layout_document
    from converter.render.pdf_tables import wide_tables
    from converter.render.sanitize import sanitize

    page = sanitize(render_html(table_article(4), RenderOptions(), media="print"), RenderOptions().limits)
    assert wide_tables(layout_document(page, RenderOptions().limits)) == []
    assert page_shapes(render(table_article(4), "pdf")) == ["portrait"]


def test_a_table_too_wide_for_any_page_is_named_in_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="converter")
    render(table_article(40, rows=2), "pdf", options=RenderOptions(page_size="A5"))
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert warnings[0].startswith("table 1 (Station, Q1-2024, Q2-2024, ...) is too wide for the page even in small "
                                  "type on a landscape page: ")
    assert "of its 40 columns are cut (" in warnings[0] and warnings[0].endswith(
        "Q39-2024); the HTML and EPUB editions have it whole")


def page_texts(pdf: bytes) -> list[str]:
    """Each page's text (pypdf), whitespace collapsed."""
    from pypdf import PdfReader

    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(pdf)).pages]


def test_the_landscape_page_holds_the_table_only() -> None:
    """Trial 4 #13: the prose after a landscape table continued on the landscape page; it resumes on a
    portrait page, and a table that ends the article leaves no blank page after it."""
    pdf = render(table_article(14), "pdf", options=RenderOptions(page_size="A5"))
    assert page_shapes(pdf) == ["portrait", "landscape", "portrait"]
    texts = page_texts(pdf)
    assert "Before the table." in texts[0] and "Q1-2024" not in texts[0]
    assert "Q13-2024" in texts[1] and "table." not in texts[1]
    assert "After the table." in texts[2] and "Q1-2024" not in texts[2]
    last = table_article(14)
    last = Article(title=last.title, body=last.body.replace("\n\nAfter the table.", ""), language="en")
    assert page_shapes(render(last, "pdf", options=RenderOptions(page_size="A5"))) == ["portrait", "landscape"]
