"""The PDF edition: text, outline, metadata, page size and fonts, read back from the file."""

from __future__ import annotations

import io
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from converter import Article, RenderOptions, UsageError, render

ARTICLE = Article(
    title="Volunteers keep the harbour ferry running",
    body="\n\n".join(
        ["The crossing has run for ninety-one years and carries nurses to the night shift." * 3] * 4
        + ["## A crossing the town depends on", "Three hundred people use it on a working day." * 4,
           "## Keeping the boat afloat", "The harder problem is the winter." * 6]
    ),
    authors=("Maren Ellis", "Tomas Brand"),
    date="2025-01-14",
    language="en",
)


@pytest.fixture(scope="module")
def pdf_bytes() -> bytes:
    return render(ARTICLE, "pdf")


@pytest.fixture(scope="module")
def pdf(pdf_bytes: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf_bytes))


def pdf_text(data: bytes, page: int | None = None) -> str:
    """The text pdftotext reads from the PDF (one page if given)."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed; run scripts/setup.sh")
    pages = ["-f", str(page), "-l", str(page)] if page else []
    out = subprocess.run(["pdftotext", "-layout", *pages, "-", "-"], input=data, capture_output=True, check=True)
    return out.stdout.decode()


def test_metadata_title_authors_language(pdf: PdfReader) -> None:
    assert pdf.metadata.title == "Volunteers keep the harbour ferry running"
    assert pdf.metadata.author == "Maren Ellis, Tomas Brand"
    assert pdf.trailer["/Root"]["/Lang"] == "en"


def test_outline_from_headline_and_subheads(pdf: PdfReader) -> None:
    top = pdf.outline
    assert [item.title for item in top if not isinstance(item, list)] == ["Volunteers keep the harbour ferry running"]
    assert [item.title for item in top[1]] == ["A crossing the town depends on", "Keeping the boat afloat"]


def test_a5_by_default_with_page_numbers_and_running_header(pdf: PdfReader, pdf_bytes: bytes) -> None:
    box = pdf.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (420, 595)
    assert len(pdf.pages) >= 2
    first, second = pdf_text(pdf_bytes, 1).strip().splitlines(), pdf_text(pdf_bytes, 2).strip().splitlines()
    assert first[0].strip() == "Volunteers keep the harbour ferry"  # the headline (wrapped), no running header
    assert second[0].strip() == "Volunteers keep the harbour ferry running"  # the running header
    assert (first[-1].strip(), second[-1].strip()) == ("1", "2")


def test_fonts_are_embedded(pdf: PdfReader) -> None:
    fonts = set()
    for page in pdf.pages:
        for font in page["/Resources"]["/Font"].values():
            descriptor = font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert "/FontFile2" in descriptor or "/FontFile3" in descriptor
            fonts.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    assert {"Source-Serif-Pro", "Source-Sans-Pro-Bold"} <= fonts


def test_text_in_order_with_caption(pdf: PdfReader) -> None:
    article = Article(title="Caption test", body="Before.\n\n::: figure\nThe quay at dawn (Photo: T. Brand)\n:::\n\n"
                                                 "After.")
    text = " ".join(pdf_text(render(article, "pdf")).split())
    assert "Caption test" in text
    assert text.index("Before.") < text.index("The quay at dawn (Photo: T. Brand)") < text.index("After.")


@pytest.mark.parametrize(("size", "points"), [("A4", (595, 842)), ("Letter", (612, 792)), ("6in", (255, 346)),
                                              ("100mmx150mm", (283, 425))])
def test_page_sizes(size: str, points: tuple[int, int]) -> None:
    reader = PdfReader(io.BytesIO(render(Article(title="T", body="Text."), "pdf", options=RenderOptions(size))))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == points


def test_unknown_page_size_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="unknown page size 'A9'"):
        RenderOptions(page_size="A9")


@pytest.mark.parametrize("size", ["1mmx1mm", "10mmx150mm", "100000mmx100000mm", "300inx10in"])
def test_a_page_size_no_text_or_no_pdf_fits_is_a_usage_error(size: str) -> None:
    with pytest.raises(UsageError, match=f"page size '{size}' is out of range: each side must be 50 mm to 5080 mm"):
        RenderOptions(page_size=size)


def test_reproducible_under_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert render(ARTICLE, "pdf") == render(ARTICLE, "pdf")


def test_the_hyphenation_dictionary_is_loaded_before_the_fork() -> None:
    """Loaded in the forked child, it was loaded again for every part of an issue; here it stays loaded."""
    import pyphen

    from converter.policy.limits import Limits
    from converter.render.html import render_html
    from converter.render.pdf_layout import warm_hyphenation
    from converter.render.sanitize import Sanitized, sanitize

    english = pyphen.LANGUAGES[pyphen.language_fallback("en")]
    pyphen.hdcache.pop(english, None)
    page = sanitize(render_html(ARTICLE, RenderOptions(), media="print"), Limits())
    warm_hyphenation(page)
    assert english in pyphen.hdcache
    pyphen.hdcache.pop(english)
    warm_hyphenation(Sanitized('<p lang="en">No hyphens here.</p>', 1, 16, 0, "p { hyphens: manual }"))
    assert english not in pyphen.hdcache
