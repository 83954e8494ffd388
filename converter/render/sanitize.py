"""The last gate before WeasyPrint: an allow-list over the final HTML, then the structural limits.

The page we hand to the PDF engine is made by our templates from Markdown rendered without raw HTML,
so nothing below should ever fire on our own output. It is here because ``render_pdf`` is public and
the engine does dangerous things with the wrong HTML: ``<a rel=attachment>`` embeds a file in the PDF,
``<link>``, ``<object>``, ``<embed>``, ``<iframe>``, SVG ``<image>`` and ``style`` attributes fetch
URLs, 130 nested blocks crash it with RecursionError, a 20,000-character word takes 30 s to hyphenate.

The rules run in the order of ``RULES``; each is one small function, each logs a warning for what it
removed or reshaped (text is always kept: elements are unwrapped, not deleted, unless they are
active content whose text is a fallback we must not show).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from lxml import etree
from lxml import html as lxml_html

from converter.errors import RenderError
from converter.policy.allow_list import (
    ALLOWED_ATTRIBUTES,
    ALLOWED_TAGS,
    DROPPED_WITH_CONTENT,
    is_safe_link,
    strip_xml_forbidden,
)
from converter.policy.limits import Limits
from converter.policy.resources import Refused, check_decodes, check_picture, decode_data_uri
from converter.render.pdf_output import PdfOutput
from converter.render.pdf_output import read as read_pdf_output

log = logging.getLogger("converter.render.sanitize")

#: Elements allowed in ``<head>`` only: our title, plain metadata and our own stylesheet.
HEAD_TAGS = frozenset({"title", "meta", "style"})

#: Void elements among those: they hold no content, but libxml2 may nest what follows a stray
#: ``<embed>`` inside it, so they are unwrapped (the followers stay) instead of dropped with content.
VOID_DROPPED = frozenset({"embed", "input", "source", "track", "link", "meta", "base", "param", "area", "keygen"})

#: Attributes kept on head elements (``<meta name content>``, ``<meta charset>``).
HEAD_ATTRIBUTES = frozenset({"name", "content", "charset"})

#: Block elements: when one is flattened, a line break keeps its text apart from the next block's.
BLOCK_TAGS = frozenset({
    "article", "header", "footer", "section", "aside", "main", "nav", "div", "p", "h1", "h2", "h3", "h4",
    "h5", "h6", "blockquote", "pre", "ul", "ol", "li", "dl", "dt", "dd", "figure", "figcaption", "table",
    "caption", "tr", "address", "hgroup", "details", "summary",
})

#: Inline formatting unwrapped first when a document has too many elements.
INLINE_TAGS = frozenset({
    "span", "em", "strong", "b", "i", "u", "s", "del", "ins", "mark", "small", "sub", "sup", "code", "kbd",
    "samp", "var", "abbr", "cite", "q", "time", "dfn", "bdi", "a",
})

#: Elements that hold no text and so are never unwrapped by flattening (unwrapping would delete them).
VOID_TAGS = frozenset({"img", "br", "wbr", "col"})

#: Characters XML 1.0 forbids (controls, lone surrogates, U+FFFE/U+FFFF): lxml refuses a string holding one,
#: and none of them prints.
#: The zero-width space: a break opportunity that prints nothing.
ZWSP = "\u200b"

#: The tag an element is renamed to when it is to be unwrapped (``_unwrap``): not a tag HTML has.
_UNWRAP = "converter-unwrap"


def _unwrap(root: lxml_html.HtmlElement, elements: list[lxml_html.HtmlElement]) -> None:
    """Unwrap ``elements`` (their text, tail and children stay where they were), in time linear in the tree.

    lxml's ``drop_tag`` appends to a neighbour's text and looks the element up among its siblings, one
    element at a time: 10,000 links in one paragraph took 42 s, 50,000 hours. Here each element is renamed
    to ``_UNWRAP`` and one ``etree.strip_tags`` (libxml2, one pass) removes them all; the tree is the same.
    """
    for el in elements:
        el.tag = _UNWRAP
    if elements:
        etree.strip_tags(root, _UNWRAP)


@dataclass(frozen=True)
class Sanitized:
    """The cleaned HTML and the figures that decide where it may be rendered."""

    html: str
    elements: int
    """Elements in the body."""
    text_chars: int
    """Characters of HTML, not counting embedded pictures."""
    image_pixels: int
    """Pixels of all embedded pictures, as their headers state."""
    stylesheet: str = ""
    """The text of the head's ``<style>`` elements, taken out of ``html``: the PDF engine parses a
    stylesheet once per process and reuses it for every document that has the same one."""
    pdf_variant: str = ""
    """The PDF standard the page asked for (``converter.render.pdf_output``), "" for plain PDF."""
    pdf_tags: bool = True
    """Whether the PDF is tagged (a structure tree for screen readers)."""

    def pdf_output(self) -> PdfOutput:
        return PdfOutput(self.pdf_variant, self.pdf_tags)


def sanitize(html: str, limits: Limits) -> Sanitized:
    """``html`` reduced to the allow-list and reshaped to fit ``limits``; warnings say what changed."""
    root = _parse(html)
    output = read_pdf_output(root)
    for _name, rule in RULES:
        rule(root, limits)
    body = root.find("body")
    elements = sum(1 for _ in body.iter()) if body is not None else 0
    css = _take_stylesheets(root)
    out = lxml_html.tostring(root, encoding="unicode", doctype="<!DOCTYPE html>")
    pixels = sum(_pixels(img, limits) for img in root.iter("img"))
    text_chars = len(out) + len(css) - sum(len(img.get("src", "")) for img in root.iter("img"))
    return Sanitized(out, elements, text_chars, pixels, css, output.variant, output.tags)


def _take_stylesheets(root: lxml_html.HtmlElement) -> str:
    """Remove the head's ``<style>`` elements (the only ones left) and return their text, in order."""
    head = root.find("head")
    styles = [el for el in head if el.tag == "style"] if head is not None else []
    css = "\n".join(el.text or "" for el in styles)
    for el in styles:
        el.drop_tree()
    return css


def _parse(html: str) -> lxml_html.HtmlElement:
    """The document tree; ``huge_tree`` so lxml does not silently stop at depth 256 or a 10 MB text."""
    parser = lxml_html.HTMLParser(huge_tree=True, remove_comments=True, remove_pis=True)
    root = lxml_html.document_fromstring(strip_xml_forbidden(html) or "<p></p>", parser=parser)
    if any("Excessive depth" in entry.message for entry in parser.error_log):
        raise RenderError("the page is nested more than 2,048 levels deep, more than the HTML parser reads "
                          "without losing text; it cannot be a real article")
    return root


def allow_listed_elements(root: lxml_html.HtmlElement, limits: Limits) -> None:
    """Active content goes with its content; unknown elements are unwrapped (their text stays)."""
    head = root.find("head")
    unwrapped = []
    for el in list(root.iter()):
        tag = el.tag if isinstance(el.tag, str) else ""
        in_head = head is not None and el.getparent() is head
        if (in_head and tag in HEAD_TAGS and not _is_http_equiv(el)) or tag in ALLOWED_TAGS:
            continue
        if el.getparent() is None:
            continue
        if tag in VOID_DROPPED:
            _warn_removed(el, "removed")
            unwrapped.append(el)
        elif tag in DROPPED_WITH_CONTENT or not tag:
            _warn_removed(el, "removed")
            el.drop_tree()
        else:
            _warn_removed(el, "unwrapped")
            unwrapped.append(el)
    _unwrap(root, unwrapped)


def _is_http_equiv(el: lxml_html.HtmlElement) -> bool:
    return el.tag == "meta" and el.get("http-equiv") is not None


def _warn_removed(el: lxml_html.HtmlElement, what: str) -> None:
    log.warning("%s <%s> from the page for the PDF: only plain article markup is printed", what, el.tag)


def allow_listed_attributes(root: lxml_html.HtmlElement, limits: Limits) -> None:
    """Attributes outside the allow-list go (``rel``, ``style``, ``on*``, ``srcset``...); links must be safe."""
    head = root.find("head")
    for el in root.iter():
        allowed = HEAD_ATTRIBUTES if head is not None and el.getparent() is head else ALLOWED_ATTRIBUTES
        for name in list(el.attrib):
            if name in allowed or (name == "src" and el.tag == "img"):
                continue
            if name == "href" and el.tag == "a" and is_safe_link(el.get("href", "")):
                continue
            if name == "style" and is_cell_alignment(el):
                continue
            if name == "style":
                log.warning("removed style=%r from <%s>: the PDF keeps no inline styles but a table cell's "
                            "text-align (a style can fetch files)", el.get(name, "")[:60], el.tag)
            elif name in ("href", "rel", "src") or name.startswith("on"):
                log.warning("removed %s=%r from <%s>: the PDF follows only http, https, mailto and in-page links",
                            name, el.get(name, "")[:60], el.tag)
            del el.attrib[name]


#: The one inline style the PDF keeps: a table cell's alignment, as Markdown's ``|:--|--:|`` and the HTML
#: edition write it (``style="text-align:right"``). Nothing in it can fetch a file.
CELL_ALIGNMENT = re.compile(r"\s*text-align\s*:\s*(left|right|center|justify|start|end)\s*;?\s*", re.IGNORECASE)


def is_cell_alignment(el: lxml_html.HtmlElement) -> bool:
    """Whether ``el`` is a table cell whose ``style`` is exactly one ``text-align`` declaration."""
    return el.tag in ("td", "th") and CELL_ALIGNMENT.fullmatch(el.get("style", "")) is not None


def embedded_pictures(root: lxml_html.HtmlElement, limits: Limits) -> None:
    """Pictures must be ``data:`` URIs of a picture within the byte and pixel caps; others become their alt."""
    for img in list(root.iter("img")):
        src = img.get("src", "")
        try:
            if not src.startswith("data:"):
                raise Refused("not embedded (the PDF engine reads no file and no network)")
            data = decode_data_uri(src, limits.max_resource_bytes)[1]
            check_decodes(data, check_picture(data, limits))
        except Refused as why:
            log.warning("picture %s not printed: %s", src[:60] or "without a source", why)
            _replace_with_placeholder(img)


def _replace_with_placeholder(img: lxml_html.HtmlElement) -> None:
    label = img.get("alt") or "picture"
    span = lxml_html.Element("span", {"class": "picture-missing", "role": "img", "aria-label": label})
    span.text, span.tail = label, img.tail
    img.getparent().replace(img, span)


def nesting_depth(root: lxml_html.HtmlElement, limits: Limits) -> None:
    """Elements at ``limits.max_depth`` lose their inner structure: descendants unwrapped, text kept."""
    flattened = 0
    for el, depth in _walk(root):
        if depth == limits.max_depth and len(el):
            flattened += _flatten(el)
    if flattened:
        log.warning("flattened %d elements nested deeper than %d levels (their text is kept)",
                    flattened, limits.max_depth)


def _walk(root: lxml_html.HtmlElement) -> Iterator[tuple[lxml_html.HtmlElement, int]]:
    """Elements with their depth (``<html>`` is 1), without recursion; children of a yielded element
    are read after the consumer had its turn, so a flattened subtree is not walked again."""
    stack = [(root, 1)]
    while stack:
        el, depth = stack.pop()
        yield el, depth
        stack.extend((child, depth + 1) for child in reversed(el) if isinstance(child.tag, str))


def _flatten(el: lxml_html.HtmlElement) -> int:
    """Unwrap every descendant of ``el``; a line break stands where a block ended. Returns how many."""
    unwrapped = []
    for child in reversed(list(el.iterdescendants())):
        if not isinstance(child.tag, str) or child.tag in VOID_TAGS:
            continue
        if child.tag in BLOCK_TAGS:
            br = lxml_html.Element("br")
            br.tail, child.tail = child.tail, None
            child.addnext(br)
        unwrapped.append(child)
    _unwrap(el, unwrapped)
    return len(unwrapped)


def table_cells(root: lxml_html.HtmlElement, limits: Limits) -> None:
    """A table over ``limits.max_table_cells`` becomes one paragraph per row, cells joined by " | "."""
    for table in list(root.iter("table")):
        cells = sum(1 for el in table.iter("td", "th"))
        if cells <= limits.max_table_cells or table.getparent() is None:
            continue
        rows = [el for el in table.iter("tr", "caption") if _table_of(el) is table]
        log.warning("a table of %d cells (over the %d-cell limit) is printed as %d lines of text",
                    cells, limits.max_table_cells, len(rows))
        block = lxml_html.Element("div", {"class": "table-as-text"})
        for row in rows:
            line = etree.SubElement(block, "p")
            line.text = " | ".join(_cell_text(c) for c in row if c.tag in ("td", "th")) or _cell_text(row)
        block.tail = table.tail
        table.getparent().replace(table, block)


def _table_of(el: lxml_html.HtmlElement) -> lxml_html.HtmlElement | None:
    return next(el.iterancestors("table"), None)


def _cell_text(el: lxml_html.HtmlElement) -> str:
    return " ".join(el.text_content().split())


#: Scripts written without spaces (CJK ideographs, kana, hangul, full-width forms): the engine breaks lines
#: between any two of their characters and never hyphenates them, so a run of them is not a long word.
_UNSPACED_SCRIPTS = "\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef"

#: A broken-up word this many times over the limit is no URL or compound of real prose: it is worth a warning.
_HOSTILE_WORD_FACTOR = 10


def long_words(root: lxml_html.HtmlElement, limits: Limits) -> None:
    """Words longer than ``limits.max_word_chars`` get a zero-width space every that many characters.

    A long URL in the text is normal and only noted (info); a word ten times the limit is a warning.
    """
    body = root.find("body")
    if body is None:
        return
    n = limits.max_word_chars
    long_word = re.compile(rf"[^\s{ZWSP}{_UNSPACED_SCRIPTS}]{{{n + 1},}}")
    broken, longest = 0, 0

    def breakup(m: re.Match[str]) -> str:
        nonlocal broken, longest
        broken += 1
        word = m.group(0)
        longest = max(longest, len(word))
        return ZWSP.join(word[i:i + n] for i in range(0, len(word), n))

    for el in body.iter():
        if el.text:
            el.text = long_word.sub(breakup, el.text)
        if el.tail and el is not body:
            el.tail = long_word.sub(breakup, el.tail)
    if broken:
        level = logging.WARNING if longest > _HOSTILE_WORD_FACTOR * n else logging.INFO
        log.log(level, "%d words longer than %d characters get line-break opportunities", broken, n)


def element_count(root: lxml_html.HtmlElement, limits: Limits) -> None:
    """Too many elements: inline formatting is unwrapped first; a document still over the cap is refused.

    Raises ``RenderError`` for a page still over ``Limits.max_elements`` after inline formatting is removed.
    """
    body = root.find("body")
    if body is None or sum(1 for _ in body.iter()) <= limits.max_elements:
        return
    inline = [el for el in body.iter() if el.tag in INLINE_TAGS]
    _unwrap(body, inline)
    log.warning("removed the formatting of %d words and links: the page has over %d elements",
                len(inline), limits.max_elements)
    count = sum(1 for _ in body.iter())
    if count > limits.max_elements:
        raise RenderError(f"the page has {count:,} elements, over the PDF limit of {limits.max_elements:,}; "
                          "convert it to HTML or Markdown instead, or raise Limits.max_elements")


def _pixels(img: lxml_html.HtmlElement, limits: Limits) -> int:
    try:
        return check_picture(decode_data_uri(img.get("src", ""), limits.max_resource_bytes)[1], limits).pixels
    except Refused:
        return 0


#: The rules, in order: what may be printed first, then the shape it may have.
RULES: tuple[tuple[str, Callable[[lxml_html.HtmlElement, Limits], None]], ...] = (
    ("allow_listed_elements", allow_listed_elements),
    ("allow_listed_attributes", allow_listed_attributes),
    ("embedded_pictures", embedded_pictures),
    ("nesting_depth", nesting_depth),
    ("table_cells", table_cells),
    ("long_words", long_words),
    ("element_count", element_count),
)
