"""Articles -> an EPUB 3 book (with an NCX for EPUB 2 readers), reproducible byte for byte.

The stages, each a module: ``images`` (pictures readers can show), ``xhtml`` (the body as XHTML),
``chapters`` (one article, one content document), ``metadata`` and ``accessibility`` (the package's
metadata), ``contents`` (the table of contents tree), ``cover`` (a generated cover), ``documents``
(the XML files from templates), ``book`` (every file of the book), ``zipper`` (the container).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence

from converter.article import Article, Masthead
from converter.errors import UsageError
from converter.options import RenderOptions
from converter.policy.user_css import clean_user_css
from converter.render.epub.book import book_files, masthead_cover
from converter.render.epub.chapters import build_chapter
from converter.render.epub.contents import Section
from converter.render.epub.metadata import book_metadata, issue_metadata
from converter.render.epub.zipper import zip_book
from converter.render.html import common_option_css
from converter.render.templating import stylesheet

log = logging.getLogger("converter.render.epub")

#: Smallest ``max_image_px`` that still leaves a picture recognisable.
MIN_IMAGE_PX = 64


def render_epub(articles: Sequence[Article], *, title: str | None = None, options: RenderOptions | None = None,
                max_image_px: int | None = None, sections: Sequence[Section] | None = None,
                info: Masthead | None = None) -> bytes:
    """The EPUB of ``articles``, one chapter each, in order.

    ``title`` names a book of several articles (default: the first article's title); ``info`` instead
    describes a book that is an issue (its title, number, date, publisher, language and cover), and its
    generated cover lists the section titles; ``sections`` groups articles in the contents as (section
    title, indices of its articles); ``max_image_px`` caps the longer side of every picture (default:
    ``options.max_image_px``).

    Raises ``UsageError`` when no article is given or a section names an article twice.
    """
    if not articles:
        raise UsageError("an EPUB needs at least one article")
    if info is not None and title is not None:
        raise UsageError("name the book with title or with info, not both")
    options = options or RenderOptions()
    if max_image_px is None and options.max_image_px:
        max_image_px = options.max_image_px
    if max_image_px is not None and max_image_px < MIN_IMAGE_PX:
        raise UsageError(f"max_image_px must be at least {MIN_IMAGE_PX}, not {max_image_px}")
    epoch = source_date_epoch()
    chapters = [build_chapter(article, n, options, max_image_px) for n, article in enumerate(articles, 1)]
    if info is None:
        book, cover = book_metadata(articles, title, epoch), None
    else:
        book = issue_metadata(articles, info, sections or (), epoch)
        cover = masthead_cover(info, book, [name for name, _ in sections or ()], max_image_px)
    return zip_book(book_files(book, chapters, ereader_css(options), sections, cover), epoch)


def ereader_css(options: RenderOptions) -> str:
    """Our e-reader stylesheet, then the options every medium shares, then the user's own CSS."""
    user = (clean_user_css(css) for css in options.css)
    parts = (stylesheet("ereader.css"), stylesheet("scripts.css"), common_option_css(options), *user)
    return "\n".join(p for p in parts if p)


def source_date_epoch() -> int | None:
    """``SOURCE_DATE_EPOCH`` (seconds since 1970) if set to a sensible value; reproducible builds set it."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return None
    if value.isdigit() and int(value) < 253402300800:  # before the year 10000
        return int(value)
    log.warning("SOURCE_DATE_EPOCH=%r is not a number of seconds; ignored", value)
    return None


__all__ = ["Masthead", "Section", "render_epub"]
