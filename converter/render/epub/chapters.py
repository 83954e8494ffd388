"""One article -> one XHTML chapter, from the same body renderer and header template as the HTML edition."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from markupsafe import Markup

from converter.article import Article, Resource
from converter.extract.dates import parse_iso
from converter.extract.language import language_tag
from converter.markdown.to_html import data_uri, decodes, render_body
from converter.options import RenderOptions
from converter.policy.allow_list import strip_xml_forbidden
from converter.render.direction import article_direction, mark_blocks
from converter.render.epub.images import book_resource, file_name
from converter.render.epub.metadata import UNTITLED, w3c_date
from converter.render.epub.xhtml import Heading, to_xhtml
from converter.render.html import MetaItem, colophon, kicker, meta_line
from converter.render.templating import render_template
from converter.render.typography import apply_typography

#: Where the chapters find the stylesheet (every XHTML file sits beside ``css/``).
STYLESHEET = "css/ereader.css"


@dataclass(frozen=True)
class Picture:
    """A picture file of the book."""

    href: str
    """Path inside the book, relative to the package document (``images/a1-2.jpg``)."""
    resource: Resource
    """The picture as stored: converted and downscaled as needed."""


@dataclass(frozen=True)
class Chapter:
    """One article as a content document, with what the package and contents need to know of it."""

    href: str
    title: str
    xhtml: str
    headings: tuple[Heading, ...]
    pictures: tuple[Picture, ...]
    """The pictures the chapter shows."""
    picture_alts: tuple[str, ...]
    lead: Picture | None
    """The article's lead picture (``Article.image`` if embedded, else its first picture): a cover candidate."""


def build_chapter(article: Article, number: int, options: RenderOptions, max_side: int | None = None) -> Chapter:
    """Article number ``number`` (from 1) as the chapter ``article-<number>.xhtml``."""
    pictures = book_pictures(article, number, max_side)
    body = apply_typography(mark_blocks(render_body(article.body, [p.resource for p in pictures]),
                                        article_edition_direction(article), article.language))
    fragment = to_xhtml(body, f"a{number}-", {data_uri(p.resource): p.href for p in pictures})
    return Chapter(
        href=f"article-{number}.xhtml",
        title=article.title or UNTITLED,
        xhtml=article_xhtml(article, fragment.xhtml, options.template_dir),
        headings=fragment.headings,
        pictures=tuple(p for p in pictures if p.href in fragment.picture_sources),
        picture_alts=fragment.picture_alts,
        lead=lead_picture(article, pictures),
    )


def book_pictures(article: Article, number: int, max_side: int | None) -> tuple[Picture, ...]:
    """The article's pictures the book can hold, numbered ``images/a<number>-<n>``; one that cannot be
    decoded is left out (a warning; the chapter shows its placeholder, the cover does not use it)."""
    pictures = []
    for n, resource in enumerate(article.resources, 1):
        if not decodes(resource):
            continue
        stored = book_resource(resource, max_side)
        if stored is not None:
            pictures.append(Picture(f"images/{file_name(stored, f'a{number}-{n}')}", stored))
    return tuple(pictures)


def lead_picture(article: Article, pictures: tuple[Picture, ...]) -> Picture | None:
    """The picture ``Article.image`` names, else the first one, else None."""
    named = next((p for p in pictures if p.resource.ref == article.image), None)
    return named or (pictures[0] if pictures else None)


def article_xhtml(article: Article, body_xhtml: str, template_dir: Path | None = None) -> str:
    """The chapter's XHTML document: our header and the body, in the article's language."""
    page = {
        "language": language_tag(article.language) or "en",
        "direction": article_edition_direction(article),
        "fallback_title": UNTITLED,
        "kicker": kicker(article),
        "meta_line": [_checked_date(item) if item.kind == "date" else item for item in meta_line(article)],
        "colophon": colophon(article),
        "stylesheet": STYLESHEET,
        "body_html": Markup(body_xhtml),
    }
    return strip_xml_forbidden(render_template("article.xhtml.j2", template_dir, article=article, page=page))


def article_edition_direction(article: Article) -> str:
    """``rtl`` or ``ltr``: the article's declared direction, else its language's, else its script's."""
    return article_direction(article.direction, article.language, f"{article.title}\n{article.body}")


def _checked_date(item: MetaItem) -> MetaItem:
    """A date whose ``datetime`` HTML accepts, or plain text when it does not parse (epubcheck checks it)."""
    parsed = parse_iso(item.value)
    return replace(item, kind="date-text") if parsed is None else replace(item, value=w3c_date(parsed))
