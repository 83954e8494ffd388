"""Finding the article's container in a cleaned page.

The candidate scoring is readability-lxml's (paragraph scores propagated to ancestors, class weights,
link density, siblings joined): on the 60 dev pages it is the most accurate scorer we measured (see
``bench/README.md``), and our page rules (``clean.py``) run first so it chooses among fewer wrong
candidates (``scoring.py`` runs it on our tree, the same pick made faster). What it returns is re-parsed
into a tree for the block rules (``prune.py``).
"""

from __future__ import annotations

import logging

from lxml.html import HtmlElement

from converter.extract.html.parse import parse_fragment, text_length

log = logging.getLogger("converter.extract.html")

#: Below this many characters readability-lxml's pick is not trusted and the whole body is used instead.
MIN_ARTICLE_CHARS = 80


def locate_article(body: HtmlElement) -> HtmlElement:
    """The article's container (a detached ``<div>``): readability-lxml's pick, else the whole body."""
    from readability.readability import Unparseable

    from converter.extract.html.scoring import ArticleScorer

    _unmark_quotations(body)
    try:
        summary = ArticleScorer(body.getroottree().getroot(), min_text_length=25).summary(html_partial=True)
    except Unparseable as error:  # readability wraps whatever failed inside it
        log.warning("article scoring failed (%s); keeping the whole page", error)
        summary = ""
    article = parse_fragment(summary, None) if summary.strip() else None
    if article is None or text_length(article) < MIN_ARTICLE_CHARS:
        return body
    return article


def _unmark_quotations(body: HtmlElement) -> None:
    """Quotations are content: an embedded post (``<blockquote class="twitter-tweet">``) loses the class
    that readability-lxml would read as boilerplate ("tweet", "twitter")."""
    for quote in body.iter("blockquote"):
        quote.attrib.pop("class", None)
        quote.attrib.pop("id", None)
