"""How many pages a long page's PDF will have, known before it is laid out, so that a document far over
``Limits.max_pages`` is refused in a second instead of after minutes of layout (or at ``Limits.pdf_seconds``).

WeasyPrint lays out about 10 to 30 pages a CPU second (a page of dense text: 35 to 85 ms), so the 6,000
pages of 19 MB of text would take eight minutes before the page cap could refuse them; the worker's time
cap stopped them after two. The estimate lays out the start of the document itself, in its own
stylesheet and structure (a huge title stays a title, a page size or a theme is the one asked for):
the page cut after ``SAMPLE_CHARS`` characters of text. The sample's full pages (its last, partly filled
page is not counted) give the characters a page holds; the document's characters divided by that is the
estimate. The sample's CPU time, scaled the same way, estimates the layout's, which the layout's wall time
cannot be under: one well over ``Limits.pdf_seconds`` is refused too. Only a page with
``ESTIMATE_FROM_CHARS`` characters of text or more is estimated: under it, no stylesheet of ours reaches
``max_pages`` (that would take fewer than 250 characters a page), and the sample's cost (under a second,
against 20 s or more of layout for such a page) is not paid.

A real long text is never refused by it: a document is refused only when an estimate is well over
(``ESTIMATE_MARGIN``) the same ``Limits.max_pages`` or ``Limits.pdf_seconds`` its full layout would be held
to; a 300-page book is a seventh of the first and a fifth of the second.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from time import process_time
from typing import Any

from lxml import etree
from lxml import html as lxml_html

from converter.errors import RenderError
from converter.policy.limits import Limits
from converter.render.sanitize import Sanitized

log = logging.getLogger("converter.render.pdf")

#: Characters of text a document must have for its pages to be estimated: ``max_pages`` (2,000) pages of
#: 250 characters, fewer than any of our page sizes and themes set on a page (A4 with the default theme:
#: about 2,200; a 6-inch page in large print: about 600).
ESTIMATE_FROM_CHARS = 500_000

#: How far over ``max_pages`` the estimate must be for a refusal: the estimate comes within a few per cent of
#: the pages laid out (a 1 MB paragraph: 454 estimated, 476 laid out; a 0.5 MB title: 419 and 406), and a
#: document near the cap is left to its full layout and the cap itself.
ESTIMATE_MARGIN = 0.1

#: Characters of text in the sample laid out (about 14 A4 pages): enough full pages that the one partly
#: filled page left out changes the estimate by a few per cent.
SAMPLE_CHARS = 30_000


def refuse_if_surely_too_long(page: Sanitized, limits: Limits, layout: Callable[[Sanitized], Any]) -> None:
    """Raise ``RenderError`` when ``page`` (``layout`` lays a page out, giving a WeasyPrint document) would
    have more than ``limits.max_pages`` pages by the estimate of this module; return quietly otherwise."""
    if page.text_chars < ESTIMATE_FROM_CHARS:  # characters of HTML: never fewer than those of its text
        return
    root = lxml_html.document_fromstring(page.html, parser=lxml_html.HTMLParser(huge_tree=True))
    body = root.find("body")
    if body is None:
        return
    total = sum(len(text) for text in body.itertext())
    if total < ESTIMATE_FROM_CHARS:
        return
    sampled = cut_after_chars(body, SAMPLE_CHARS)
    start = process_time()
    full_pages = len(layout(replace(page, html=lxml_html.tostring(root, encoding="unicode"))).pages) - 1
    seconds = (process_time() - start) * total / sampled
    if full_pages < 1:
        return
    per_page = sampled / full_pages
    estimate = round(total / per_page)
    log.debug("PDF estimate: %d characters at %.0f a page: about %d pages, %.0f s of layout", total, per_page,
              estimate, seconds)
    if estimate > limits.max_pages * (1 + ESTIMATE_MARGIN):
        raise RenderError(f"the PDF would have about {estimate:,} pages ({total:,} characters of text at about "
                          f"{per_page:,.0f} a page), over the limit of {limits.max_pages:,}; convert it to HTML "
                          "or EPUB, or raise Limits.max_pages")
    if seconds > limits.pdf_seconds * (1 + ESTIMATE_MARGIN):
        raise RenderError(f"the PDF would take about {seconds:,.0f} s of CPU to lay out ({estimate:,} pages), over "
                          f"the limit of {limits.pdf_seconds:g} s; convert it to HTML or EPUB, or raise "
                          "Limits.pdf_seconds")


def cut_after_chars(body: etree._Element, limit: int) -> int:
    """Cut the tree under ``body`` after ``limit`` characters of text, in reading order: the text or tail
    where the limit falls is shortened and everything after it goes. Returns the characters kept."""
    kept = 0
    for event, el in etree.iterwalk(body, events=("start", "end")):
        if el is body:
            continue
        text = el.text if event == "start" else el.tail
        if not text or not isinstance(el.tag, str):
            continue
        if kept + len(text) < limit:
            kept += len(text)
            continue
        if event == "start":
            el.text = text[:limit - kept]
            for child in list(el):
                el.remove(child)
            el.tail = None
        else:
            el.tail = text[:limit - kept]
        _drop_everything_after(el, body)
        return limit
    return kept


def _drop_everything_after(el: etree._Element, body: etree._Element) -> None:
    """Remove what follows ``el`` (its tail excepted) up to the end of ``body``: its following siblings and
    theirs of each ancestor, and the ancestors' tails."""
    while el is not body:
        parent = el.getparent()
        if parent is None:  # not under ``body``: nothing of the page follows
            return
        for sibling in list(el.itersiblings()):
            parent.remove(sibling)
        if parent is not body:
            parent.tail = None
        el = parent
