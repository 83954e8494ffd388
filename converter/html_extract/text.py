"""The visible text of a page, one block a line, the way a scraper dump shows it."""

from __future__ import annotations

from lxml import etree
from lxml import etree
from lxml import html as lxml_html

#: Elements whose content is never text a reader sees.
INVISIBLE = ("script", "style", "noscript", "template", "svg", "iframe", "object", "embed", "form", "button",
             "select", "textarea", "head")
#: Elements that start a new block (a new line in the dump).
BLOCKS = frozenset(("p", "div", "section", "article", "header", "footer", "aside", "nav", "main", "li", "ul",
                    "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "figure", "figcaption", "table",
                    "tr", "td", "th", "pre", "br", "dd", "dt", "dl", "address", "hr"))


def parse(html: str) -> lxml_html.HtmlElement:
    """The page's tree; huge_tree so deep or long pages are not cut short without a word."""
    parser = lxml_html.HTMLParser(huge_tree=True, remove_comments=True)
    try:
        return lxml_html.document_fromstring(html, parser=parser)
    except (etree.ParserError, ValueError):  # nothing but a comment, white space, or NUL bytes
        return lxml_html.document_fromstring("<html><body></body></html>", parser=parser)


def page_lines(root: lxml_html.HtmlElement) -> list[str]:
    """The text of the page's body, one block a line."""
    for bad in root.xpath("|".join(f"//{tag}" for tag in INVISIBLE)):
        bad.drop_tree()
    chunks: list[str] = []
    _walk(root.find("body") if root.find("body") is not None else root, chunks)
    return [" ".join(line.split()) for line in "".join(chunks).split("\n") if line.strip()]


def _walk(element: lxml_html.HtmlElement, chunks: list[str]) -> None:
    """Iterative walk (no recursion limit on deep pages): text, with a line break around blocks."""
    stack: list[tuple[lxml_html.HtmlElement, bool]] = [(element, False)]
    while stack:
        node, closing = stack.pop()
        block = isinstance(node.tag, str) and node.tag in BLOCKS
        if closing:
            chunks.append(("\n" if block else "") + (node.tail or ""))
            continue
        chunks.append(("\n" if block else "") + (node.text or ""))
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(node))
