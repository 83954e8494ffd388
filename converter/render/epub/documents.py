"""The book's XML documents other than chapters: cover page, navigation, NCX, package, container.

Each is one template in ``templates/`` rendered through the shared, autoescaping environment.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from converter.policy.allow_list import strip_xml_forbidden
from converter.render.epub.accessibility import Accessibility
from converter.render.epub.contents import Entry, depth
from converter.render.epub.metadata import BookMetadata
from converter.render.localise import word
from converter.render.templating import render_template

CONTAINER = """<?xml version="1.0" encoding="utf-8"?>
<container xmlns="urn:oasis:names:tc:opendocument:xmlns:container" version="1.0">
<rootfiles>
<rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/>
</rootfiles>
</container>
"""


@dataclass(frozen=True)
class Item:
    """A manifest item: one file of the book."""

    id: str
    href: str
    media_type: str
    data: bytes
    properties: str = ""


@dataclass(frozen=True)
class SpineRef:
    id: str
    linear: bool = True


@dataclass(frozen=True)
class Landmark:
    kind: str
    """``epub:type`` of the landmark: cover, toc, bodymatter."""
    href: str
    label: str


@dataclass(frozen=True)
class CoverImage:
    href: str
    alt: str


def render_xml(template: str, **context: object) -> bytes:
    """A template rendered as UTF-8, without the control characters XML forbids."""
    return strip_xml_forbidden(render_template(template, None, **context)).encode("utf-8")


def book_context(book: BookMetadata, stylesheet: str) -> dict[str, str | tuple[str, ...]]:
    """What the page templates need of the book: title, language, identifier, authors, stylesheet."""
    return {"title": book.title, "language": book.language, "identifier": book.identifier,
            "creators": book.creators, "stylesheet": stylesheet, "direction": book.direction}


def cover_page(book: BookMetadata, cover: CoverImage, stylesheet: str) -> bytes:
    return render_xml("epub-cover.xhtml.j2", book=book_context(book, stylesheet), cover=cover)


def nav_document(book: BookMetadata, entries: Sequence[Entry], landmarks: Sequence[Landmark],
                 stylesheet: str) -> bytes:
    words = {"contents": word("contents", book.language)}
    return render_xml("epub-nav.xhtml.j2", book=book_context(book, stylesheet), entries=entries,
                      landmarks=landmarks, words=words)


def ncx_document(book: BookMetadata, entries: tuple[Entry, ...]) -> bytes:
    return render_xml("epub-toc.ncx.j2", book=book_context(book, ""), entries=entries, depth=max(1, depth(entries)))


def package_document(book: BookMetadata, access: Accessibility, items: Sequence[Item],
                     spine: Sequence[SpineRef], cover_id: str) -> bytes:
    return render_xml("epub-package.opf.j2", book=book, access=access, items=items, spine=spine,
                      cover_id=cover_id)
