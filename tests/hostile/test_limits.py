"""Structure that would crash, stall or exhaust the PDF engine: reshaped with a warning, or refused clearly."""

from __future__ import annotations

import io
import logging

import pytest
from hostile_helpers import cpu_seconds, pdf_haystack
from pypdf import PdfReader

from converter import Article, RenderOptions, render
from converter.errors import RenderError
from converter.policy.limits import Limits
from converter.policy.strict import StrictError, strict
from converter.render.html import render_html
from converter.render.pdf import render_pdf
from converter.render.sanitize import sanitize
from tests.conftest import assert_warned

#: Every case here must finish well inside this many CPU seconds (its own and its render child's).
BUDGET = 30.0



def _pdf(article: Article, options: RenderOptions | None = None) -> bytes:
    """What ``_pdf(article, ...)`` does once the pipeline hands ``options.limits`` on."""
    options = options or RenderOptions()
    return render_pdf(render_html(article, options, media="print"), options.limits)


def _html(body: str) -> str:
    return f"<!DOCTYPE html><html><head><title>t</title></head><body>{body}</body></html>"


#: (case, Article body in Markdown, text that must be in the PDF, warning words or "").
MARKDOWN_CASES = [
    ("1000 nested quotes", "> " * 1000 + "deep quoted words", "deep quoted words",
     "1 lines nested deeper than 24 quotes or 64 columns were pulled back (text kept)"),
    ("200 nested lists", "".join("  " * i + "- level\n" for i in range(200)) + "\nend of lists", "end of lists",
     "167 lines nested deeper than 24 quotes or 64 columns were pulled back (text kept)"),
    ("2500-row table", "| a | b |\n|---|---|\n" + "".join(f"| row {i} | x |\n" for i in range(2500)),
     "row 2499 | x", "a table of 5002 cells (over the 2000-cell limit) is printed as 2501 lines of text"),
    ("50,000-character word", "a" * 50_000 + " tail", "tail", "1 words longer than 64 characters"),
    ("long URL link", "[link](https://example.org/" + "x" * 5000 + ")", "link",
     "1 words longer than 64 characters get line-break opportunities"),
]


@pytest.mark.parametrize(("body", "expected", "warning"),
                         [pytest.param(b, e, w, id=c) for c, b, e, w in MARKDOWN_CASES])
def test_hostile_structure_renders_in_time(body: str, expected: str, warning: str,
                                          caplog: pytest.LogCaptureFixture) -> None:
    start = cpu_seconds()
    with caplog.at_level(logging.WARNING, logger="converter"):
        pdf = render(Article(title="Structure", body=body), "pdf")
    assert cpu_seconds() - start < BUDGET
    assert expected in " ".join(pdf_haystack(pdf).split())
    assert_warned(caplog, warning)


def test_300_nested_divs_are_flattened_not_lost(caplog: pytest.LogCaptureFixture) -> None:
    html = _html("<div>" * 300 + "deepest words" + "</div>" * 300 + "<p>after</p>")
    with caplog.at_level(logging.WARNING, logger="converter"):
        text = pdf_haystack(render_pdf(html))
    assert "deepest words" in text and "after" in text
    assert "nested deeper than 48 levels (their text is kept)" in caplog.text


def test_nesting_past_what_the_parser_reads_is_refused() -> None:
    with pytest.raises(RenderError, match="nested more than 2,048 levels deep"):
        render_pdf(_html("<div>" * 3000 + "x" + "</div>" * 3000))


def test_too_many_elements_is_refused_before_the_engine_starts() -> None:
    start = cpu_seconds()
    with pytest.raises(RenderError, match="the page has 60,001 elements, over the PDF limit of 20,000"):
        render_pdf(_html("<p>x</p>" * 60_000))
    assert cpu_seconds() - start < 10


def test_inline_formatting_goes_first_when_there_are_too_many_elements(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="converter"):
        text = pdf_haystack(render_pdf(_html("<p>" + "<em>w</em> " * 300 + "</p>"), Limits(max_elements=100)))
    assert "removed the formatting of 300 words and links" in caplog.text
    assert "w w w" in " ".join(text.split())


def test_fifty_thousand_links_in_one_paragraph_are_unwrapped_in_one_pass(caplog: pytest.LogCaptureFixture) -> None:
    # lxml's drop_tag, one link at a time, took 42 s for 10,000 links and hours for 50,000 (quadratic
    # appends to the paragraph's text); the page's text must come out whole, in order, without links.
    links = " ".join(f'<a href="https://example.org/{i}">l{i}</a>' for i in range(50_000))
    with caplog.at_level(logging.WARNING, logger="converter"):
        page = sanitize(_html(f"<p>Links: {links} end.</p>"), Limits())
    assert "removed the formatting of 50000 words and links: the page has over 20000 elements" in caplog.text
    body = page.html[page.html.index("<body>"):]
    assert body == "<body><p>Links: " + " ".join(f"l{i}" for i in range(50_000)) + " end.</p></body></html>"


def test_unknown_elements_and_deep_nesting_are_unwrapped_with_their_text_in_place() -> None:
    html = _html("<p>a<font>b<x-tag>c</x-tag>d</font>e<input>f</p>" + "<div>" * 4 + "g<p>h</p>i<em>j</em>"
                 + "</div>" * 4)
    page = sanitize(html, Limits(max_depth=4))
    assert page.html[page.html.index("<body>"):] == (
        "<body><p>abcdef</p><div><div>gh<br>ij<br><br></div></div></body></html>")


def test_page_limit() -> None:
    with pytest.raises(RenderError, match=r"the PDF would have [0-9]+ pages, over the limit of 1"):
        _pdf(Article(title="Long", body="Words and more words. " * 2000), RenderOptions(limits=Limits(max_pages=1)))


def test_child_process_renders_the_same_pdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    article = Article(title="Twice", body="Same text, same file.")
    here = render(article, "pdf")
    there = _pdf(article, RenderOptions(limits=Limits()))
    assert here == there


def raw_user_css(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let user CSS reach the PDF engine unclean (``converter.policy.user_css`` removes file URLs first), so
    these tests reach the engine's own lock, the fetcher, which also guards templates' CSS."""
    import sys

    monkeypatch.setattr(sys.modules["converter.render.html"], "clean_user_css", lambda css: css)


def test_child_process_relays_its_warnings(caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    raw_user_css(monkeypatch)
    options = RenderOptions(css=('body { background: url("file:///etc/passwd"); }',), limits=Limits())
    with caplog.at_level(logging.WARNING, logger="converter"):
        _pdf(Article(title="t", body="x"), options)
    assert "blocked file:///etc/passwd: the PDF engine reads only embedded pictures" in caplog.text


def test_time_limit_stops_the_child() -> None:
    start = cpu_seconds()
    with pytest.raises(RenderError, match=r"the PDF took longer than 0.5 s and was stopped"):
        _pdf(Article(title="t", body="A long paragraph of words that takes a while to lay out.\n\n" * 4000),
             RenderOptions(limits=Limits(pdf_seconds=0.5)))
    assert cpu_seconds() - start < 10


def test_memory_limit_ends_in_a_clear_error() -> None:
    with pytest.raises(RenderError, match="memory limit"):
        _pdf(Article(title="t", body="x"), RenderOptions(limits=Limits(pdf_memory_bytes=64 * 1024 * 1024)))


def test_strict_mode_turns_a_reshaping_into_an_error() -> None:
    with strict(), pytest.raises(StrictError, match="strict mode: warnings are errors"):
        _pdf(Article(title="t", body="| a |\n|---|\n" + "| x |\n" * 30),
             RenderOptions(limits=Limits(max_table_cells=10)))


def test_strict_mode_stops_a_blocked_fetch_in_the_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    raw_user_css(monkeypatch)
    options = RenderOptions(css=('body { background: url("file:///etc/passwd"); }',))
    with strict(), pytest.raises(StrictError, match="blocked file:///etc/passwd"):
        _pdf(Article(title="t", body="x"), options)


def test_strict_mode_reaches_the_child(monkeypatch: pytest.MonkeyPatch) -> None:
    raw_user_css(monkeypatch)
    options = RenderOptions(css=('body { background: url("file:///etc/passwd"); }',), limits=Limits())
    with strict(), pytest.raises(StrictError, match="blocked file:///etc/passwd"):
        _pdf(Article(title="t", body="x"), options)


def test_a_normal_article_has_one_page_per_screenful() -> None:
    pdf = render(Article(title="Normal", body="A paragraph of an ordinary article. " * 40), "pdf")
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1


def test_characters_xml_forbids_are_dropped_not_fatal() -> None:
    text = pdf_haystack(render_pdf(_html("<p>a\x00b\x01c\ud800d\uffffe</p>")))
    assert "abcde" in text


@pytest.mark.slow
def test_a_very_long_document_renders_in_the_child_within_its_limits() -> None:
    body = "\n\n".join(f"Paragraph {i} of a long report, with a few more words." for i in range(8_000))
    start = cpu_seconds()
    try:  # 8,000 paragraphs take 40 to 75 s on a loaded 2-core machine: either outcome must come within 45 s
        pdf = _pdf(Article(title="Long", body=body), RenderOptions(limits=Limits(pdf_seconds=45)))
    except RenderError as err:  # a clear refusal is an accepted outcome; a hang or crash is not
        assert "limit" in str(err) or "longer than" in str(err)
    else:
        assert "Paragraph 7999" in pdf_haystack(pdf)
    assert cpu_seconds() - start < 60
