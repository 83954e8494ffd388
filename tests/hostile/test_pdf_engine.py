"""Hostile markup on its way into the PDF: nothing outside the page is read, nothing is fetched.

Each case puts markup into the final HTML handed to ``render_pdf`` (as if a renderer had let it
through) or into an Article body (where Markdown must render it inert), then searches every part of
the PDF (decoded streams, attachments, link annotations) for the secret, checks that the loopback
server got no request, and that a warning names what was removed.
"""

from __future__ import annotations

import base64
import logging
from pathlib import Path

import pytest
from conftest import Trap
from hostile_helpers import SECRET, attachments_and_links, pdf_haystack
from test_resource_policy import png

from converter import Article, RenderOptions, render
from converter.render.html import render_html
from converter.render.pdf import render_pdf
from tests.conftest import assert_warned

#: (case, markup put in the page's body, words of the warning). ``{secret}``: the secret's file URL;
#: ``{trap}``: the loopback server.
HTML_CASES = [
    ("attachment link", '<a rel="attachment" href="{secret}">notes</a>', "removed rel='attachment'"),
    ("attachment link, relative", '<a rel="attachment" href="../secret.txt">notes</a>', "removed rel="),
    ("link element", '<link rel="attachment" href="{secret}">', "removed <link>"),
    ("stylesheet link", '<link rel="stylesheet" href="{trap}/page.css">', "removed <link>"),
    ("style element import", '<style>@import url("{trap}/import.css");</style>', "removed <style>"),
    ("style element font", '<style>@font-face {{ font-family: X; src: url("{secret}"); }}</style>',
     "removed <style>"),
    ("style attribute", '<p style="background: url({trap}/bg.png)">text</p>', "removed style="),
    ("image file", '<img src="{secret}" alt="a">', "picture file:///"),
    ("image http", '<img src="{trap}/x.png" alt="a">', "picture http://127.0.0.1"),
    ("image srcset", '<img src="data:," srcset="{trap}/x.png 2x" alt="a">', "picture data:,"),
    ("object", '<object data="{secret}" type="text/plain">fallback</object>', "removed <object>"),
    ("embed", '<embed src="{secret}" type="text/plain">', "removed <embed>"),
    ("iframe", '<iframe src="{trap}/frame.html"></iframe>', "removed <iframe>"),
    ("svg image", '<svg><image href="{trap}/svg.png" width="10" height="10"/></svg>', "removed <svg>"),
    ("svg xlink image", '<svg xmlns:xlink="http://www.w3.org/1999/xlink"><image xlink:href="{secret}"/></svg>',
     "removed <svg>"),
    ("base", '<base href="{trap}/"><img src="x.png" alt="a">', "removed <base>"),
    ("meta refresh", '<meta http-equiv="refresh" content="0; url={trap}/">', "removed <meta>"),
    ("video poster", '<video poster="{trap}/poster.png"></video>', "removed <video>"),
    ("input image", '<input type="image" src="{trap}/button.png">', "removed <input>"),
    ("picture source", '<picture><source srcset="{trap}/p.png"><img src="{trap}/p2.png" alt="a"></picture>',
     "removed <picture>"),
    ("script", '<script>fetch("{trap}/js")</script>', "removed <script>"),
    ("form", '<form action="{trap}/post"><button>go</button></form>', "removed <form>"),
    ("javascript link", '<a href="javascript:fetch(\'{trap}\')">x</a>', "removed href="),
    ("file link", '<a href="{secret}">x</a>', "removed href="),
    ("svg picture as data", '<img src="data:image/svg+xml;base64,{svg}" alt="a">', "not a PNG"),
    ("picture bomb as data", '<img src="data:image/png;base64,{bomb}" alt="a">', "pixel limit"),
]


def _page(snippet: str) -> str:
    page = render_html(Article(title="Hostile page", body="Before.\n\nMARKER\n\nAfter."), media="print")
    return page.replace("<p>MARKER</p>", snippet)


def _fill(template: str, secret: Path, trap: Trap) -> str:
    svg = f'<svg xmlns="http://www.w3.org/2000/svg"><image href="{trap.url}/in-svg.png"/></svg>'
    return template.format(secret=secret.as_uri(), trap=trap.url, svg=base64.b64encode(svg.encode()).decode(),
                           bomb=base64.b64encode(png(100_000, 100_000)).decode())


def _assert_clean(pdf: bytes, trap: Trap) -> None:
    assert SECRET not in pdf_haystack(pdf)
    names, uris = attachments_and_links(pdf)
    assert names == []
    assert all(uri.startswith(("http://", "https://", "mailto:")) and "127.0.0.1" not in uri for uri in uris)
    assert trap.requests == []


@pytest.mark.parametrize(("snippet", "warning"), [pytest.param(s, w, id=c) for c, s, w in HTML_CASES])
def test_hostile_markup_never_reaches_the_pdf(snippet: str, warning: str, secret: Path, trap: Trap,
                                              caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="converter"):
        pdf = render_pdf(_page(_fill(snippet, secret, trap)))
    _assert_clean(pdf, trap)
    assert_warned(caplog, warning)
    assert "Before." in pdf_haystack(pdf) and "After." in pdf_haystack(pdf)


#: (case, Markdown body): raw HTML is text, links and pictures obey the policy.
MARKDOWN_CASES = [
    ("raw attachment", '<a rel="attachment" href="{secret}">notes</a>'),
    ("raw object", '<object data="{secret}"></object>'),
    ("raw style", '<style>@import url("{trap}/x.css");</style>'),
    ("raw img", '<img src="{trap}/x.png">'),
    ("picture file", "![a]({secret})"),
    ("picture http", "![a]({trap}/x.png)"),
    ("link file", "[notes]({secret})"),
    ("autolink file", "<{secret}>"),
    ("reference link", "[notes][s]\n\n[s]: {secret}"),
    ("link javascript", "[x](javascript:fetch('{trap}'))"),
]


@pytest.mark.parametrize("body", [pytest.param(b, id=c) for c, b in MARKDOWN_CASES])
def test_hostile_markdown_body_stays_inert(body: str, secret: Path, trap: Trap) -> None:
    article = Article(title="Hostile body", body="Before.\n\n" + _fill(body, secret, trap) + "\n\nAfter.")
    pdf = render(article, "pdf")
    _assert_clean(pdf, trap)
    assert "Before." in pdf_haystack(pdf)


@pytest.mark.parametrize(("css", "removed"), [
    ('@import url("{trap}/user.css");', "removed @import"),
    ('@font-face {{ font-family: Evil; src: url("{secret}"); }} body {{ font-family: Evil; }}', "removed 'src: url"),
    ('body {{ background: url("{secret}"); }}', "removed 'background: url"),
    ('body {{ background: url("{trap}/bg.png"); }}', "removed 'background: url"),
    ('.article-body::after {{ content: url("{secret}"); }}', "removed 'content: url"),
])
def test_user_css_cannot_fetch_either(css: str, removed: str, secret: Path, trap: Trap,
                                      caplog: pytest.LogCaptureFixture) -> None:
    """User CSS is cleaned before any edition sees it (``converter.policy.user_css``); the engine's fetcher
    stays a second lock (``tests/hostile/test_limits.py``)."""
    options = RenderOptions(css=(_fill(css, secret, trap),))
    with caplog.at_level(logging.WARNING, logger="converter"):
        pdf = render(Article(title="House style", body="Text."), "pdf", options=options)
    _assert_clean(pdf, trap)
    assert removed in caplog.text and "from the user CSS" in caplog.text
