"""Reading a page into an lxml tree that every later stage can rely on."""

from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html
from lxml.html import HtmlElement

#: Characters that are never text and that lxml refuses (NUL, other C0 controls but tab and newlines).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
#: An XML declaration with an encoding, which lxml refuses in a ``str``.
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)


def parse_page(html: str) -> HtmlElement:
    """The page's tree, with ``<html>`` and ``<body>`` always present.

    ``huge_tree`` lets libxml2 keep pages nested deeper than 256 levels instead of silently cutting them
    off; later stages iterate or cap their recursion (see ``to_markdown.MAX_DEPTH``).
    """
    text = _XML_DECLARATION.sub("", _CONTROL.sub("", html), count=1)
    parser = lxml_html.HTMLParser(huge_tree=True, remove_comments=True, remove_pis=True)
    try:
        root = lxml_html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError):  # nothing but white space or a comment
        root = lxml_html.document_fromstring("<html><body></body></html>", parser=parser)
    if root.find("body") is None:
        root.append(lxml_html.Element("body"))
    return root


def parse_fragment(html: str) -> HtmlElement:
    """A piece of HTML (a feed entry's content, an extracted article) inside one ``<div>``."""
    return parse_page(f"<html><body><div>{html}</div></body></html>").find("body")[0]


def text_length(element: HtmlElement) -> int:
    """Characters of visible text under ``element``, white space runs counted once."""
    return len(" ".join(element.text_content().split()))


def clean_text(text: str | None) -> str:
    """Text with white space runs made single spaces, trimmed."""
    return " ".join((text or "").split())
