"""An HTML body fragment -> well-formed XHTML for one chapter of the book.

The body comes from the same ``render_body`` as the HTML edition; here it is parsed with lxml's HTML
parser and serialised as XML. Every id gets the chapter's prefix (``a2-h-1``) and only NCName characters,
so ids are unique across the book and valid XML (footnote ids like ``fnref1:1`` are not). Footnotes get
EPUB's structural semantics, so reading systems can show a note in a pop-up beside its reference.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass

from lxml import etree
from lxml import html as lxml_html

from converter.policy.allow_list import strip_xml_forbidden

#: Characters an XML id may not hold (NCName is stricter, but ids start with our letter prefix).
_NOT_ID = re.compile(r"[^A-Za-z0-9_.-]")

OPS = "http://www.idpf.org/2007/ops"
etree.register_namespace("epub", OPS)  # serialise epub:type with its usual prefix, as readers expect

#: The declaration lxml repeats on each serialised element using ``epub:``; the chapter's root declares it
#: once. Matches in start tags only: a ``<`` in text is always escaped.
_EPUB_DECLARATION = re.compile(r'(<[A-Za-z][\w.-]*) xmlns:epub="http://www\.idpf\.org/2007/ops"')

#: Where markdown-it's footnote plugin puts notes -> the ``epub:type`` that names them.
NOTE_TYPES: tuple[tuple[str, str], ...] = (
    (".//sup[@class='footnote-ref']/a", "noteref"),
    (".//section[@class='footnotes']", "endnotes"),
    (".//li[@class='footnote-item']", "endnote"),
)

#: Heading tags the book's contents list (the body's sub-heads; ``#`` titles are rare but kept).
CONTENTS_HEADINGS = ("h1", "h2")


@dataclass(frozen=True)
class Heading:
    """A sub-head the contents can point at."""

    id: str
    text: str


@dataclass(frozen=True)
class Fragment:
    """A body as XHTML, with what the package and contents need to know about it."""

    xhtml: str
    headings: tuple[Heading, ...]
    picture_alts: tuple[str, ...]
    """The ``alt`` text of each picture, in order (empty where a picture has none)."""
    picture_sources: frozenset[str]
    """The ``src`` of every picture shown."""


def to_xhtml(body_html: str, id_prefix: str, sources: Mapping[str, str] | None = None) -> Fragment:
    """``body_html`` as XHTML: ids prefixed with ``id_prefix``, ``data:`` pictures pointed at ``sources``."""
    for data_uri, href in (sources or {}).items():
        # Swapped in the text so the parser never sees megabytes of base64 in one attribute.
        body_html = body_html.replace(f'src="{data_uri}"', f'src="{html.escape(href)}"')
    # huge_tree: libxml2 otherwise cuts a text node over 10 MB short without a word.
    root = lxml_html.fragment_fromstring(strip_xml_forbidden(body_html) or "<p></p>", create_parent="div",
                                         parser=lxml_html.HTMLParser(huge_tree=True))
    rename_ids(root, id_prefix)
    mark_notes(root)
    return Fragment(
        xhtml=inner_xml(root),
        headings=tuple(Heading(h.get("id", ""), _text(h)) for h in root.iter(*CONTENTS_HEADINGS) if h.get("id")),
        picture_alts=tuple(img.get("alt", "") for img in root.iter("img")),
        picture_sources=frozenset(img.get("src", "") for img in root.iter("img")),
    )


def rename_ids(root: lxml_html.HtmlElement, prefix: str) -> None:
    """``id="fnref1:1"`` -> ``id="a1-fnref1-1"``, and in-page links follow their target.

    A link to an id that does not exist keeps its text but loses its ``href``: a dangling fragment is an
    epubcheck error and a dead link for the reader.
    """
    new_ids = _new_ids(root, prefix)
    for element in root.iter():
        if element.get("id") is not None:
            element.set("id", new_ids[element.get("id")])
    for link in root.iter("a"):
        href = link.get("href", "")
        if href.startswith("#") and href[1:] in new_ids:
            link.set("href", f"#{new_ids[href[1:]]}")
        elif href.startswith("#"):
            del link.attrib["href"]


def mark_notes(root: lxml_html.HtmlElement) -> None:
    """Footnote references, the notes section and each note get their ``epub:type``."""
    for path, kind in NOTE_TYPES:
        for element in root.iterfind(path):
            element.set(f"{{{OPS}}}type", kind)


def _new_ids(root: lxml_html.HtmlElement, prefix: str) -> dict[str, str]:
    """Old id -> prefixed id with NCName characters only; a clash after cleaning gets a number."""
    new_ids: dict[str, str] = {}
    taken: set[str] = set()  # new_ids' values, kept as they grow (a set made for each id was quadratic)
    numbered: dict[str, int] = {}
    for element in root.iter():
        old = element.get("id")
        if old is not None and old not in new_ids:
            new_ids[old] = _unique(prefix + _NOT_ID.sub("-", old), taken, numbered)
            taken.add(new_ids[old])
    return new_ids


def _unique(name: str, taken: set[str], numbered: dict[str, int]) -> str:
    """``name``, else ``name-2``, ``name-3`` ... the first not taken. ``numbered`` remembers the number
    each name got to: the ones below it are taken for good, so 10,000 ids cleaned to one name are not
    each tried against all the numbers before them."""
    candidate, n = name, numbered.get(name, 1)
    if n > 1:
        candidate = f"{name}-{n}"
    while candidate in taken:
        n += 1
        candidate = f"{name}-{n}"
    numbered[name] = n
    return candidate


def _text(element: lxml_html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def inner_xml(root: lxml_html.HtmlElement) -> str:
    """The children of ``root`` serialised as XML (void elements self-closed, text escaped)."""
    head = html.escape(root.text or "", quote=False)
    xml = head + "".join(etree.tostring(child, encoding="unicode", method="xml") for child in root)
    return _EPUB_DECLARATION.sub(r"\1", xml)

