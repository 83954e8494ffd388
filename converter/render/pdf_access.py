"""PDF/UA and pictures: every picture of an accessible PDF needs a text alternative.

PDF/UA-1 (ISO 14289-1, 7.3) requires each figure to carry alternate text, or to be marked as an artifact
when it is only decoration. An article's picture without alt text would make the PDF fail a PDF/UA check
while claiming to conform, so it is a warning naming the picture (and so a refusal with ``--strict``).
We do not guess an artifact: only the author knows that a picture says nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from lxml import html as lxml_html

from converter.article import Article, Resource
from converter.markdown.to_html import data_uri

log = logging.getLogger("converter.render.pdf")


def needs_alt_text(variant: str) -> bool:
    """Whether the PDF ``variant`` (``pdf/ua-1``...) requires a text alternative on each picture."""
    return variant.startswith("pdf/ua")


def warn_pictures_without_alt(html: str, resources: Sequence[Resource], variant: str, where: str = "") -> list[str]:
    """Warn once for each embedded picture of ``html`` whose ``alt`` is empty, when ``variant`` is PDF/UA;
    return the pictures' names (their refs in the article, else ``picture N``). ``where`` names the article
    (an issue's); raises ``StrictError`` at the first in strict mode."""
    if not needs_alt_text(variant) or "<img" not in html:
        return []
    names: dict[str, str] = {}
    for resource in resources:  # the same bytes under two names: the first names both
        names.setdefault(data_uri(resource), resource.ref)
    root = lxml_html.fromstring(html)
    missing = []
    for n, img in enumerate(root.iter("img"), 1):
        src = img.get("src", "")
        if not src.startswith("data:") or (img.get("alt") or "").strip():
            continue
        missing.append(names.get(src, f"picture {n}"))
    for name in dict.fromkeys(missing):
        log.warning("picture %s%s has no alt text: %s requires a text alternative for every picture; write one "
                    "in ![...](%s)", name, f" in {where!r}" if where else "", variant.upper(), name)
    return missing


def warn_pictures_without_alt_in(articles: Sequence[Article], variant: str) -> None:
    """``warn_pictures_without_alt`` for each article of an issue, naming the article."""
    if not needs_alt_text(variant):
        return
    from converter.markdown.to_html import render_body

    for article in articles:
        if article.resources:
            warn_pictures_without_alt(render_body(article.body, article.resources), article.resources, variant,
                                      article.title)
