"""A document far over ``Limits.max_pages`` is refused from an estimate before it is laid out
(``converter.render.pdf_estimate``), not after minutes of layout or at the worker's time cap."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from lxml import html as lxml_html

from converter.errors import RenderError
from converter.policy.limits import Limits
from converter.render import pdf_estimate
from converter.render.pdf import render_pdf
from converter.render.pdf_estimate import ESTIMATE_FROM_CHARS, cut_after_chars, refuse_if_surely_too_long
from converter.render.sanitize import Sanitized, sanitize

#: 600,000 characters of text in one paragraph (12 characters a word).
WORDS = "wordy words " * 50_000


def _page(body: str) -> Sanitized:
    return sanitize(f"<!DOCTYPE html><html><head><title>t</title></head><body>{body}</body></html>", Limits())


@dataclass
class _Laid:
    pages: list[int]


def test_the_estimate_is_the_text_over_the_characters_a_full_page_of_the_sample_holds() -> None:
    samples: list[str] = []

    def layout(page: Sanitized) -> _Laid:  # 16 pages: 15 full ones hold the 30,000 sampled characters
        samples.append(page.html)
        return _Laid(list(range(16)))

    page = _page(f"<p>{WORDS}</p>")
    refuse_if_surely_too_long(page, Limits(max_pages=330), layout)  # 300 pages, within the 10 % margin
    with pytest.raises(RenderError) as err:
        refuse_if_surely_too_long(page, Limits(max_pages=200), layout)
    assert str(err.value) == ("the PDF would have about 300 pages (600,000 characters of text at about 2,000 a "
                              "page), over the limit of 200; convert it to HTML or EPUB, or raise Limits.max_pages")
    assert samples[0].endswith(f"<body><p>{WORDS[:30_000]}</p></body></html>")


def test_a_page_under_the_estimate_threshold_is_not_estimated() -> None:
    def layout(page: Sanitized) -> _Laid:
        raise AssertionError("no sample is laid out")

    words = "word " * (ESTIMATE_FROM_CHARS // 5 - 100)
    refuse_if_surely_too_long(_page(f"<p>{words}</p>"), Limits(max_pages=1), layout)


def test_the_sample_is_cut_in_reading_order_where_the_characters_run_out() -> None:
    root = lxml_html.document_fromstring("<html><body><h1>Title</h1><p>one <em>two</em> three</p>"
                                         "<p>four</p></body></html>")
    assert cut_after_chars(root.find("body"), 11) == 11
    assert lxml_html.tostring(root.find("body"), encoding="unicode") == (
        "<body><h1>Title</h1><p>one <em>tw</em></p></body>")
    root = lxml_html.document_fromstring("<html><body><p>one <em>two</em> three</p><p>four</p></body></html>")
    assert cut_after_chars(root.find("body"), 9) == 9
    assert lxml_html.tostring(root.find("body"), encoding="unicode") == "<body><p>one <em>two</em> t</p></body>"


def test_a_document_far_over_the_page_limit_is_refused_from_its_estimate() -> None:
    with pytest.raises(RenderError, match=r"^the PDF would have about [0-9,]+ pages \(600,00[0-9] characters of "
                                          r"text at about [0-9,]+ a page\), over the limit of 100; convert it to "
                                          r"HTML or EPUB, or raise Limits\.max_pages$"):
        render_pdf(f"<!DOCTYPE html><html><head><title>t</title></head><body><p>{WORDS}</p></body></html>",
                   Limits(max_pages=100))


def test_a_document_whose_layout_would_outlast_the_time_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = iter([0.0, 7.0])  # the 30,000-character sample takes 7 s: the 600,000 characters 140 s
    monkeypatch.setattr(pdf_estimate, "process_time", lambda: next(clock))
    with pytest.raises(RenderError) as err:
        refuse_if_surely_too_long(_page(f"<p>{WORDS}</p>"), Limits(), lambda page: _Laid(list(range(16))))
    assert str(err.value) == ("the PDF would take about 140 s of CPU to lay out (300 pages), over the limit of "
                              "120 s; convert it to HTML or EPUB, or raise Limits.pdf_seconds")
