"""Article content the scorer's own cleaning would drop, hidden from it and given back afterwards.

readability-lxml cleans its pick with rules about shape, not content: a heading more than a third links goes
(so a heading that is one link is lost; headings in list items, teaser lists, are left to it), and a
``<div>`` with under 25 characters goes (so a one-line ``<pre>`` in a wrapper ``<div>`` is lost, a longer
one survives), and a ``<div>`` more than a fifth links goes (so an embedded post in its wrapper,
``<div class="embed"><blockquote class="twitter-tweet">`` with its author's and its date's links, is lost).
Its cleaner also blanks a picture's ``data:image/svg+xml`` address, so the resource policy, which decides
about pictures (and says why it leaves one out), would see an empty name. And it drops an element whose class
says "foot", so a footnote's marker in the text, ``<sup class="footnote-ref">`` (markdown-it's, so our own
HTML edition's), is lost with its paragraph kept. Its cleaning strips ``style`` attributes, which is where
Markdown renderers write a table column's alignment (``<td style="text-align:right">``): kept as ``align``.
``protect`` rewrites these few shapes before the scorer runs; ``unprotect`` restores them in the article it
returns.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement
from readability.readability import REGEXES

from converter.extract.html.footnotes import INLINE_HOLDERS, is_reference_marker
from converter.extract.html.parse import text_length
from converter.extract.html.tables import cell_alignment

#: The attribute holding a heading link's address while the scorer runs.
HREF_MARK = "data-converter-href"
#: The attribute holding a picture's ``data:`` address while the scorer runs.
SRC_MARK = "data-converter-src"
#: The attribute holding a footnote reference marker's class while the scorer runs.
CLASS_MARK = "data-converter-class"
#: The attribute holding a table cell's ``text-align`` while the scorer runs.
ALIGN_MARK = "data-converter-align"
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
#: Wrapper tags unwrapped around a code block that is their only content.
_WRAPPERS = frozenset(("div", "section", "span"))
#: How many wrapper levels around a code block are unwrapped.
WRAPPER_LEVELS = 4
#: A paragraph this long, less than half links, is prose.
PROSE_PARAGRAPH = 40
#: Class words the scorer reads as boilerplate: readability-lxml's own ``negativeRe``, taken from the library
#: so the two cannot drift apart.
_NEGATIVE: re.Pattern[str] = REGEXES["negativeRe"]


def protect(body: HtmlElement) -> None:
    """Rewrite the shapes the scorer would drop (see the module)."""
    for heading in [h for h in body.iter(*HEADINGS) if _only_a_link(h)]:
        for link in heading.iter("a"):
            if link.get("href"):
                link.set(HREF_MARK, link.get("href"))
                link.attrib.pop("href")
                link.tag = "span"
    for pre in list(body.iter("pre")):
        _unwrap_code(pre)
    for quote in list(body.iter("blockquote")):
        _unwrap_code(quote)
    for paragraph in body.iter("p"):
        _unmark_paragraph_wrapper(paragraph)
    for img in body.iter("img"):
        if (img.get("src") or "").lstrip()[:5].lower() == "data:":
            img.set(SRC_MARK, img.attrib.pop("src"))
    for marker in [e for e in body.iter(*INLINE_HOLDERS) if e.get("class") and is_reference_marker(e)]:
        marker.set(CLASS_MARK, marker.attrib.pop("class"))
    for cell in body.iter("td", "th"):
        if "text-align" in (cell.get("style") or "") and cell_alignment(cell):
            cell.set(ALIGN_MARK, cell_alignment(cell))


def _only_a_link(heading: HtmlElement) -> bool:
    """A heading whose whole text is one link, outside a list item (teaser lists are left to the scorer)."""
    links = heading.findall(".//a")
    return (len(links) == 1 and next(heading.iterancestors("li"), None) is None
            and text_length(links[0]) == text_length(heading) > 0)


def unprotect(article: HtmlElement) -> None:
    """Give the heading links and the ``data:`` pictures back their addresses, the markers their class,
    the table cells their alignment (as ``align``)."""
    for span in [e for e in article.iter("span") if e.get(HREF_MARK) is not None]:
        span.tag = "a"
        span.set("href", span.attrib.pop(HREF_MARK))
    for img in article.iter("img"):
        if img.get(SRC_MARK) is not None:
            img.set("src", img.attrib.pop(SRC_MARK))
    for marker in [e for e in article.iter(*INLINE_HOLDERS) if e.get(CLASS_MARK) is not None]:
        marker.set("class", marker.attrib.pop(CLASS_MARK))
    for cell in [e for e in article.iter("td", "th") if e.get(ALIGN_MARK) is not None]:
        cell.set("align", cell.attrib.pop(ALIGN_MARK))


def _unmark_paragraph_wrapper(paragraph: HtmlElement) -> None:
    """``<div class="el__leafmedia"><p>Hong Kong (CNN) A muddled view ...</p></div>``: a wrapper that holds
    one paragraph of prose and nothing else loses the class and id that the scorer reads as boilerplate
    (``media``, ``meta``, ``related`` ...); what the paragraph says outweighs what its wrapper is named."""
    wrapper = paragraph.getparent()
    if wrapper is None or wrapper.tag not in _WRAPPERS or len(wrapper) != 1 or wrapper.getparent() is None:
        return
    named = f"{wrapper.get('class') or ''} {wrapper.get('id') or ''}"
    if not _NEGATIVE.search(named) or text_length(wrapper) != text_length(paragraph):
        return
    length = text_length(paragraph)
    if length >= PROSE_PARAGRAPH and sum(text_length(a) for a in paragraph.iter("a")) < length / 2:
        wrapper.attrib.pop("class", None)
        wrapper.attrib.pop("id", None)


def _unwrap_code(pre: HtmlElement) -> None:
    """``<div class="code-wrapper"><pre>..</pre></div>``, ``<div class="social-embed"><blockquote>..``: the
    wrappers that hold only the block go."""
    for _ in range(WRAPPER_LEVELS):
        wrapper = pre.getparent()
        if wrapper is None or wrapper.tag not in _WRAPPERS or wrapper.getparent() is None:
            return
        if text_length(wrapper) != text_length(pre) or len(wrapper) != 1:
            return
        wrapper.drop_tag()
