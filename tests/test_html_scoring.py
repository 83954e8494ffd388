"""The fast article scorer (``extract/html/scoring.py``) picks and cleans exactly as readability-lxml does."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml.etree import tostring
from readability import Document
from readability.cleaners import html_cleaner
from readability.readability import clean

from converter.extract.html.parse import parse_page
from converter.extract.html.scoring import Scorer, _clean_copy, clean_length
from tests.conftest import CORPUS, need_shared

CASES = Path(__file__).parent / "cases"
PAGES = sorted(CASES.glob("*/*.html"))

#: The shapes the overridden steps handle: links the cleaner rewrites (``javascript:``, a ``data:`` picture
#: that is SVG, an address padded with spaces, an ``<object>``'s codebase, a refresh), event attributes,
#: ``<div>``\s holding only inline content or a block deep inside an inline child, white space runs of
#: every kind and length around links, hidden elements.
SHAPES = """<html><head><title>Shapes</title><meta http-equiv="refresh" content="5; url= javascript:x()">
<script>var a = "<p>";</script><style>p { color: red }</style><link rel="stylesheet" href="s.css"></head>
<body onload="go()"><div class="header" id="top"><a href="/">Home</a> <a href=" /about ">About</a></div>
<div class="article-body" onclick="track()">
  <div>Loose text in a div that holds no block, long enough to count as a paragraph, with commas, here.</div>
  <div><span>An inline child <b>holding <div>a block</div> deep inside</b>, then a tail.</span> tail text</div>
  <p>First paragraph with a <a href="javascript:void(0)">script link</a> and
     <a href="java&#10;script:alert(1)">a broken one</a>, long enough to be scored as article text.</p>
  <p>Second paragraph,\t\twith tabs,   runs of spaces,\u00a0\u00a0no-break spaces and
  \n\n   newlines in its source, and <img src="data:image/svg+xml;base64,PHN2Zz4=" alt="svg">
  <img src="data:image/png;base64,iVBOR" alt="png"> pictures inline, with commas, many, of them.</p>
  <p>""" + " " * 300 + """A paragraph after a very long run of spaces, which the scorer's cleaning cuts to a
  single one, still long enough to count, with commas, and more words to be sure of it.</p>
  <object codebase="http://example.com/" data="movie.swf" archive="a.jar b.jar"><param name="m"
  valuetype="ref" value="javascript:x"></object>
  <div hidden><p>Hidden paragraph that must not count, with commas, and more words, here and there.</p></div>
  <div style="display: none"><p>Another hidden paragraph, with commas, and words, and more words.</p></div>
  <ul><li><a href="/1">Related one</a></li><li><a href="/2">Related two</a></li></ul>
  <table><tr><td>A table cell with enough text to be scored as a paragraph by itself, with commas.</td></tr>
  </table>
</div><div class="footer"><a href="/x">Footer link</a></div></body></html>"""


def _summary(cls: type[Document], root: object) -> str:
    return cls(copy.deepcopy(root), min_text_length=25).summary(html_partial=True)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.parent.name)
def test_scorer_picks_what_readability_picks(page: Path) -> None:
    root = parse_page(page.read_text("utf-8"))
    assert _summary(Scorer, root) == _summary(Document, root)


def test_scorer_on_the_shapes_it_rewrites() -> None:
    root = parse_page(SHAPES)
    summary = _summary(Scorer, root)
    assert summary == _summary(Document, root)
    assert "First paragraph" in summary and "Hidden paragraph" not in summary
    assert 'href=""' in summary  # the javascript: link blanked, as the library's cleaner does


@pytest.mark.parametrize("html", [SHAPES, *(p.read_text("utf-8") for p in PAGES)])
def test_cleaned_copy_is_the_library_cleaners(html: str) -> None:
    root = parse_page(html)
    ours, theirs = _clean_copy(root), html_cleaner.clean_html(copy.deepcopy(root))
    assert tostring(ours, encoding="unicode") == tostring(theirs, encoding="unicode")
    assert ours is not root


@pytest.mark.parametrize("html", [SHAPES, *(p.read_text("utf-8") for p in PAGES)])
def test_link_density_outside_scoring_is_the_librarys(html: str) -> None:
    """Outside the paragraphs' scoring (the siblings joined, the article cleaned) the link density is the
    library's sums measured with ``clean_length``: the same figure for every element."""
    root = parse_page(html)
    ours, theirs = Scorer(copy.deepcopy(root)), Document(copy.deepcopy(root))
    elements = [e for e in root.iter() if isinstance(e.tag, str)]
    assert [ours.get_link_density(e) for e in elements] == [theirs.get_link_density(e) for e in elements]


_SPACES = st.sampled_from([" ", "\t", "\n", "\r", "\u00a0", "\u2003", "\x0b", "\x0c", "\x1c", "\u3000"])


@given(st.lists(st.one_of(st.text(_SPACES, min_size=1, max_size=6), st.text(_SPACES, min_size=250, max_size=260),
                          st.sampled_from(["a", "word", "é,", "x y"])), max_size=12).map("".join))
def test_clean_length_is_the_length_of_readabilitys_clean(text: str) -> None:
    assert clean_length(text) == len(clean(text))
    assert clean_length(text * 40) == len(clean(text * 40))  # past SHORT_TEXT too


_LINES = st.sampled_from([" ", "\n"])


@given(st.lists(st.one_of(st.text(_LINES, min_size=1, max_size=6), st.text(_LINES, min_size=250, max_size=300),
                          st.sampled_from(["a", "word", "é,", "x y", "\u00a0", "\t"])), max_size=12).map("".join))
def test_clean_length_of_a_text_spaced_by_spaces_and_line_ends_is_its_words_joined(text: str) -> None:
    """Past ``SHORT_TEXT``, a text whose white space is only spaces and line ends (most) is measured as its
    words joined by single spaces: the length of readability's ``clean`` too (runs of 255 and more among
    them); one with a tab or another space goes the long way."""
    long = text * 40
    assert clean_length(long) == len(clean(long))
    if long.strip() and not {"\t", "\u00a0"} & set(long):
        assert clean_length(long) == len(" ".join(long.split()))


@pytest.mark.slow
def test_scorer_on_the_corpus() -> None:
    """Every corpus page: the same summary as readability-lxml's (minutes; run after upgrading it)."""
    pages = sorted(need_shared(CORPUS).glob("*/*/page.html"))
    differ = [p for p in pages if (root := parse_page(p.read_text("utf-8", errors="replace")))
              is not None and _summary(Scorer, root) != _summary(Document, root)]
    assert differ == []
