"""The footnote area's height found in linear time (``converter.render.pdf_footnotes``) gives the PDF the
engine's own quadratic way gives, byte for byte, on pages crowded with link footnotes and notes, in one
and two columns; and the linear way is the one taken."""

from __future__ import annotations

import pytest

from converter import Article, RenderOptions
from converter.render import pdf_footnotes
from converter.render.html import render_html
from converter.render.pdf_layout import layout_document, warm
from converter.render.sanitize import sanitize

#: Paragraphs each carrying two links with long addresses (one or two footnote lines each), and notes.
BODY = "\n\n".join(
    f"The harbour board met for the {n}th time to hear the ferry operators, who said the night crossing "
    f"[timetable](https://ferries.example.org/timetables/night-crossing/{n}/consultation-responses?page={n}) "
    f"had not changed since spring, while the council's [minutes](https://www.example-council.gov.uk/minutes/"
    f"{n}) recorded a different view of the subsidy and its review.{'[^' + str(n) + ']' if n % 5 == 0 else ''}"
    for n in range(1, 19)
) + "\n\n" + "\n".join(f"[^{n}]: The board's clerk gave this figure in writing, meeting {n}." for n in range(5, 19, 5))

ARTICLE = Article(title="The ferry board's year", body=BODY, language="en")


def _pdf(options: RenderOptions, linear: bool, monkeypatch: pytest.MonkeyPatch) -> tuple[bytes, int]:
    """The PDF laid out here (not in the render child, so the count comes back) and how many footnote
    heights the linear way laid out."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1714953600")
    monkeypatch.setattr(pdf_footnotes, "ENABLED", linear)
    laid = []
    original = pdf_footnotes._footnote_height

    def counted(*args: object) -> float:
        laid.append(1)
        return original(*args)

    monkeypatch.setattr(pdf_footnotes, "_footnote_height", counted)
    page = sanitize(render_html(ARTICLE, options, media="print"), options.limits)
    warm(page, options.limits)
    document = layout_document(page, options.limits)
    return document.write_pdf(**page.pdf_output().write_options()), len(laid)


@pytest.mark.parametrize("columns", [1, 2])
def test_linear_footnote_area_gives_the_same_pdf(columns: int, monkeypatch: pytest.MonkeyPatch) -> None:
    options = RenderOptions(columns=columns)
    engine, none_laid = _pdf(options, False, monkeypatch)
    ours, laid = _pdf(options, True, monkeypatch)
    assert none_laid == 0
    if columns == 1:  # in columns the engine's own way may run
        assert laid > 0
    assert ours == engine


def test_installed_only_on_a_verified_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    import weasyprint

    assert pdf_footnotes.install()  # this environment's WeasyPrint is a verified one: the test above checks it
    monkeypatch.setattr(weasyprint, "__version__", "99.0")
    assert not pdf_footnotes.install()
