"""The files of the book: chapters, pictures, cover, navigation, NCX, stylesheet, package, container.

Layout inside the zip: ``META-INF/container.xml`` and everything else in ``EPUB/``, flat, with pictures
in ``EPUB/images/`` and the stylesheet in ``EPUB/css/``, so every document links with the same paths.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import PurePosixPath

from converter.article import Masthead, Resource
from converter.render.epub.accessibility import accessibility
from converter.render.epub.chapters import STYLESHEET, Chapter, Picture
from converter.render.epub.contents import Section, contents
from converter.render.epub.cover import CoverText, cover_png
from converter.render.epub.documents import (
    CONTAINER,
    CoverImage,
    Item,
    Landmark,
    SpineRef,
    cover_page,
    nav_document,
    ncx_document,
    package_document,
)
from converter.render.epub.images import book_resource, file_name
from converter.render.epub.metadata import BookMetadata
from converter.render.localise import format_date, issue_line, word

XHTML = "application/xhtml+xml"
GENERATED_COVER = "images/cover.png"


def book_files(book: BookMetadata, chapters: Sequence[Chapter], css: str,
               sections: Sequence[Section] | None = None,
               cover: tuple[Picture | None, str] | None = None) -> dict[str, bytes]:
    """Path in the zip -> bytes, for every file but ``mimetype``; ``cover`` (picture, alt text) is the
    book's cover, by default the lead story's picture or a generated one (no picture: a text cover page)."""
    entries = contents(chapters, sections)
    picture, cover_alt = cover or cover_picture(book, chapters)
    items = [
        *picture_items(chapters, picture),
        Item("css", STYLESHEET, "text/css", css.encode("utf-8")),
        Item("cover", "cover.xhtml", XHTML,
             cover_page(book, CoverImage(picture.href if picture else "", cover_alt), STYLESHEET)),
        Item("nav", "nav.xhtml", XHTML, nav_document(book, entries, landmarks(book, chapters), STYLESHEET), "nav"),
        Item("ncx", "toc.ncx", "application/x-dtbncx+xml", ncx_document(book, entries)),
        *(Item(PurePosixPath(c.href).stem, c.href, XHTML, c.xhtml.encode("utf-8")) for c in chapters),
    ]
    access = accessibility([alt for c in chapters for alt in c.picture_alts])
    package = package_document(book, access, items, spine(chapters), item_id(picture.href) if picture else "")
    return {"META-INF/container.xml": CONTAINER.encode("utf-8"), "EPUB/package.opf": package,
            **{f"EPUB/{item.href}": item.data for item in items}}


def cover_picture(book: BookMetadata, chapters: Sequence[Chapter]) -> tuple[Picture | None, str]:
    """The lead story's picture, else a generated cover (``None`` when its title cannot be drawn); with the
    cover's alt text."""
    lead = chapters[0].lead
    if lead is not None:
        return lead, book.title
    text = CoverText(book.title, book.publishers[0] if len(book.publishers) == 1 else "",
                     format_date(book.date, book.language) if book.date else "", language=book.language)
    return generated(text), text.alt


def generated(text: CoverText) -> Picture | None:
    """The generated cover picture, ``None`` when ``cover_png`` cannot draw the title."""
    png = cover_png(text)
    return None if png is None else Picture(GENERATED_COVER, Resource("cover", "image/png", png))


def masthead_cover(info: Masthead, book: BookMetadata, section_titles: Sequence[str],
                   max_side: int | None = None) -> tuple[Picture | None, str]:
    """An issue's cover: its picture, else a generated cover with the masthead and the section titles."""
    if info.cover is not None:
        stored = book_resource(info.cover, max_side)
        if stored is not None:
            return Picture(f"images/{file_name(stored, 'cover')}", stored), book.title
    text = CoverText(info.title, info.publisher, format_date(info.date, book.language) if info.date else "",
                     issue_line(info.number, book.language) if info.number else "", tuple(section_titles),
                     book.language)
    return generated(text), text.alt


def picture_items(chapters: Sequence[Chapter], cover: Picture | None) -> list[Item]:
    """One item per picture file (shown in a chapter or used as the cover), the cover marked as such."""
    pictures = {p.href: p for c in chapters for p in c.pictures}
    if cover is not None:
        pictures.setdefault(cover.href, cover)
    return [Item(item_id(p.href), p.href, p.resource.media_type, p.resource.data,
                 "cover-image" if cover is not None and p.href == cover.href else "") for p in pictures.values()]


def item_id(href: str) -> str:
    """A manifest id from a picture's path: ``images/a1-2.jpg`` -> ``img-a1-2``."""
    return f"img-{PurePosixPath(href).stem}"


def spine(chapters: Sequence[Chapter]) -> list[SpineRef]:
    """Cover, contents, then the articles; a one-article book keeps its contents out of the reading flow."""
    return [SpineRef("cover"), SpineRef("nav", linear=len(chapters) > 1),
            *(SpineRef(PurePosixPath(c.href).stem) for c in chapters)]


def landmarks(book: BookMetadata, chapters: Sequence[Chapter]) -> list[Landmark]:
    return [Landmark("cover", "cover.xhtml", book.title),
            Landmark("toc", "nav.xhtml#toc", word("contents", book.language)),
            Landmark("bodymatter", chapters[0].href, chapters[0].title)]
