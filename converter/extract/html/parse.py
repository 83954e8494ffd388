"""Reading a page into an lxml tree that every later stage can rely on."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import suppress
from functools import cache

from lxml import etree
from lxml import html as lxml_html
from lxml.html import HtmlElement

from converter.errors import ExtractionError
from converter.policy.limits import Limits

#: Characters that are never text and that lxml refuses (NUL, other C0 controls but tab and newlines).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
#: The same characters, each looked for with a substring search (``_without_controls``).
_CONTROL_CHARS = tuple(chr(c) for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)))
#: libxml2 drops whatever is nested deeper than this, even with ``huge_tree``.
LIBXML_MAX_DEPTH = 2040
#: Tags that only wrap other content; removed (text kept) when a page is nested past the limit.
_WRAPPER_TAG = re.compile(r"</?(?:div|span|section|article|main|font|center|table|tbody|tr|td)\b[^>]*>", re.I)
#: Every element an ``HtmlElement``: lxml.html's own lookup gives forms and form fields their own classes
#: (which nothing here uses) by calling Python for each element the code touches, a tenth of the time.
_CLASSES = etree.ElementDefaultClassLookup(element=lxml_html.HtmlElement, comment=lxml_html.HtmlComment,
                                           pi=lxml_html.HtmlProcessingInstruction, entity=lxml_html.HtmlEntity)
#: An XML declaration with an encoding, which lxml refuses in a ``str``.
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)


def parse_page(html: str, max_elements: int | None = Limits.max_input_elements,
               max_attributes: int = Limits.max_element_attributes) -> HtmlElement:
    """The page's tree, with ``<html>`` and ``<body>`` always present.

    ``huge_tree`` lets libxml2 keep pages nested deeper than 256 levels; past its hard limit (about 2048)
    the page is read again without its wrapper tags. Later stages iterate or cap their recursion
    (``inline.MAX_DEPTH``).

    Raises ``ExtractionError`` for a page of more than ``max_elements`` elements
    (``Limits.max_input_elements``), counted before the tree is built, or an element of more than
    ``max_attributes`` attributes (``Limits.max_element_attributes``); ``None``: no caps (a tree made from
    one already counted).
    """
    text = without_internal_subset(_XML_DECLARATION.sub("", _without_controls(html), count=1))
    if max_elements is not None:
        check_attribute_count(text, max_attributes)
        check_element_count(text, max_elements)
    root = _parse(text)
    if _may_be_too_deep(root) and _depth(root) >= LIBXML_MAX_DEPTH:
        root = _parse(_WRAPPER_TAG.sub(" ", text))  # what was nested past the limit is back, flat
    if root.find("body") is None:
        root.append(lxml_html.Element("body"))
    if _IMAGE_TAG.search(text):
        _unwrap_html_images(root)
    return root


#: An ``<image>`` tag, which HTML outside SVG reads as an empty ``<img>`` (WHATWG HTML, "in body" insertion
#: mode: a start tag "image" is parsed as "img") and libxml2 as an unknown element holding all that follows.
_IMAGE_TAG = re.compile(r"<image\b", re.I)


def _unwrap_html_images(root: HtmlElement) -> None:
    """Give back to the page what libxml2 put inside an ``<image>`` outside SVG (the rest of its parent: the
    article's next paragraphs), as a browser's parser does; the element itself, without a ``src``, shows
    nothing and goes too. Inside ``<svg>`` an ``<image>`` is SVG's and stays."""
    for image in list(root.iter("image")):
        if not any(ancestor.tag == "svg" for ancestor in image.iterancestors()):
            image.drop_tag()


#: Where a DOCTYPE may start: the first characters of the page (after a BOM, white space, comments).
_DOCTYPE = re.compile(r"<!doctype\b", re.I)
_DOCTYPE_WINDOW = 4096


def without_internal_subset(text: str, replacement: str = "<!DOCTYPE html>") -> str:
    """``text`` with a DOCTYPE that has an internal subset (``<!DOCTYPE html [ <!ENTITY ...> ]>``) replaced
    by ``replacement`` (a plain ``<!DOCTYPE html>``; a feed gives "").

    An HTML parser does not read the subset: libxml2's ends the DOCTYPE at the first ``>`` and leaves the
    rest (``]>`` at least) as body text. Its entities are declarations only an XML parser would expand
    (a billion-laughs page declares ten levels of them); here nothing expands, and ``&lol9;`` stays text.
    (libxml2's XML parser, entities unresolved, still counts their expansion and stops reading a feed at
    its amplification limit: the feed reader drops the subset too.)
    The subset is scanned, not matched with a pattern: a ``]`` or ``>`` inside a quoted entity value or a
    comment does not end it. Before the subset, the first ``>`` ends the DOCTYPE, quoted or not (the HTML
    tokenizer's reading; a damaged DOCTYPE with a stray quote must not swallow the page). A subset that
    never ends is left as it is."""
    start = _DOCTYPE.search(text, 0, _DOCTYPE_WINDOW)
    if start is None:
        return text
    i, n, quote, in_subset = start.end(), len(text), "", False
    while i < n:
        ch = text[i]
        if quote:
            quote = "" if ch == quote else quote
        elif ch in "\"'" and in_subset:  # outside the subset a ">" ends the DOCTYPE even inside quotes, as
            quote = ch                    # the HTML tokenizer reads it (a broken page's "<!DOCTYPE html PU..'")
        elif in_subset and text.startswith("<!--", i):
            end = text.find("-->", i + 4)
            if end < 0:
                return text
            i = end + 2
        elif ch == "[" and not in_subset:
            in_subset = True
        elif ch == "]" and in_subset:
            in_subset = False
        elif ch == ">" and not in_subset:
            if text.find("[", start.end(), i) < 0:
                return text  # no subset: the page's own DOCTYPE, untouched
            return f"{text[:start.start()]}{replacement}{text[i + 1:]}"
        i += 1
    return text


#: Elements libxml2 may add to a page beyond one for each ``<`` of it (``<html>``, ``<head>``, ``<body>``
#: and a ``<p>`` around loose text), with a margin.
_IMPLIED_ELEMENTS = 16
#: Characters of the page handed to the counting parser at a time.
_CHUNK = 1 << 16


def check_element_count(text: str, max_elements: int, what: str = "the page") -> None:
    """Refuse a page of more than ``max_elements`` elements before building its tree.

    Every element but the few libxml2 implies starts at a ``<``, so a page with fewer of them than the cap
    (nearly every page: a count in C) is not parsed here. Any other page is counted by libxml2 itself, as
    a stream of start events whose elements are freed as they end: the memory stays that of one path of
    the tree however many elements the page has (1.5 million tiny paragraphs would be 420 MB as a tree).

    Raises ``ExtractionError`` naming the count and the limit.
    """
    if text.count("<") + _IMPLIED_ELEMENTS <= max_elements:
        return
    parser = etree.HTMLPullParser(events=("start", "end"), huge_tree=True, remove_comments=True, remove_pis=True)
    count = 0
    for at in range(0, len(text), _CHUNK):
        parser.feed(text[at:at + _CHUNK])
        count += _drain(parser)
    with suppress(etree.XMLSyntaxError):  # nothing but white space: no element at all
        parser.close()
    count += _drain(parser)
    if count > max_elements:
        raise ExtractionError(f"{what} has {count:,} elements, over the limit of {max_elements:,} "
                              "(Limits.max_input_elements); save the article alone (the browser's reader view "
                              "or print to HTML) and convert that")


#: One attribute in a start tag, its value quoted or bare (the HTML tokenizer's attribute states).
_ATTRIBUTE = re.compile(r"""[\s/]*[^\s"'=<>/`][^\s"'=<>/`]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]*))?""")


def check_attribute_count(text: str, max_attributes: int, what: str = "the page") -> None:
    """Refuse a page with an element of more than ``max_attributes`` attributes, before libxml2 (which
    takes the square of their number) reads it. Only a start tag long enough to hold that many (two
    characters or quoted values each: a ``>`` in a quoted value does not end it) is looked at, and its
    attributes are counted up to one past the limit.

    Raises ``ExtractionError`` naming the limit.
    """
    for start, name_end in _long_tags(text, 2 * max_attributes):
        at, count = name_end, 0
        while count <= max_attributes and (attribute := _ATTRIBUTE.match(text, at)) and attribute.end() > at:
            at, count = attribute.end(), count + 1
        if count > max_attributes:
            raise ExtractionError(f"{what} has a <{text[start + 1:name_end][:20]}> element with more than "
                                  f"{max_attributes:,} attributes (Limits.max_element_attributes); is it really "
                                  "a saved article?")


@cache
def _long_tag_candidate(units: int) -> re.Pattern[str]:
    """Where a start tag of ``units`` attribute units (``check_attribute_count``'s pattern) may begin, read
    a run at a time, not a unit at a time: the units, one character or one quoted value each, fill at least
    ``units`` characters after the tag's first letter, where a ``<`` or ``>`` stands only inside a quoted
    value (or in a tag name holding a ``<`` or a quote, which the units may then start inside). So either
    the next ``units`` characters hold no ``<`` or ``>``; or, reading plain runs and quoted values without
    ``<`` or ``>``, a quote is met that opens a value holding one (or never closes); or the name holds a
    ``<`` or a quote. Any other position cannot begin the pattern (the quoted-value reading is the pattern's
    own: a quote opens a value that ends at the next same quote)."""
    return re.compile(rf"""<[A-Za-z](?=[^<>]{{{units}}}|(?:[^<>"']++|"[^"<>]*+"|'[^'<>]*+')*+["']"""
                      r"""|[^\s/>"'<]*+[<"'])""")


def _long_tags(text: str, units: int) -> Iterator[tuple[int, int]]:
    """Where ``<([A-Za-z][^\\s/>]*)(?>(?:[^<>"']|"[^"]*"|'[^']*'){units})`` matches in ``text``, as
    ``finditer`` finds it: (its start, the end of its group, the tag's name), tried only where
    ``_long_tag_candidate`` finds a position, each match found by ``_long_tag`` (not by the pattern, which
    gives the name back a character at a time and reads the units again after each: seconds on a page
    whose scripts run thousands of characters without a space)."""
    candidate = _long_tag_candidate(units)
    at = 0
    while (found := candidate.search(text, at)) is not None:
        match = _long_tag(text, found.start(), units)
        if match is None:
            at = found.start() + 1
            continue
        yield found.start(), match[0]
        at = match[1]


#: The longest tag name the pattern may start with (it gives it back a character at a time).
_TAG_NAME = re.compile(r"<[A-Za-z][^\s/>]*")
#: One run of units: plain characters (one unit each), or one quoted value (one unit).
_UNIT_RUN = re.compile(r"""[^<>"']+|"[^"]*"|'[^']*'""")


def _long_tag(text: str, start: int, units: int) -> tuple[int, int] | None:
    """``_long_tags``'s pattern matched at ``start``: (the end of its group, its end), or None; the same
    answer as the pattern's, from the same reading of the units. The pattern takes the longest name after
    which ``units`` units follow; the units read from a name's character are those read from the next plus
    one when it is a plain character, none from a ``<`` or an unclosed quote, one plus those after a closed
    quoted value. So the name is given back by runs of plain characters, not by characters."""
    name = _TAG_NAME.match(text, start)
    if name is None:
        return None
    first, end_of_name = start + 2, name.end()  # the name keeps its first letter
    at = end_of_name
    count, end = _units(text, at, units)
    while count < units:
        special = max(text.rfind("<", first, at), text.rfind('"', first, at), text.rfind("'", first, at))
        if at - (units - count) >= max(special + 1, first):
            return at - (units - count), end  # inside the run of plain characters before ``at``
        if special < first:
            return None
        at = special
        close = -1 if text[at] == "<" else text.find(text[at], at + 1)
        if close < 0:
            count, end = 0, at
        else:
            count, end = _units(text, close + 1, units - 1)
            count += 1
    return at, end


def _units(text: str, at: int, most: int) -> tuple[int, int]:
    """How many units (a character other than ``<``, ``>`` and quotes; a quoted value) follow ``at``, up
    to ``most``, and where the last of them ends."""
    count = 0
    while count < most and (run := _UNIT_RUN.match(text, at)) is not None:
        if text[at] in "\"'":
            count, at = count + 1, run.end()
        elif count + run.end() - at >= most:
            return most, at + most - count
        else:
            count, at = count + run.end() - at, run.end()
    return count, at


def _drain(parser: etree.HTMLPullParser) -> int:
    """Start events read from ``parser``; each element ended is emptied and unlinked from the tree."""
    started = 0
    for event, element in parser.read_events():
        if event == "start":
            started += 1
            continue
        if not isinstance(element, etree._Element):  # only start and end events are asked for
            continue
        element.clear()
        parent = element.getparent()
        if parent is not None:
            parent.remove(element)
    return started


def _parse(text: str) -> HtmlElement:
    parser = lxml_html.HTMLParser(huge_tree=True, remove_comments=True, remove_pis=True)
    parser.set_element_class_lookup(_CLASSES)
    try:
        return lxml_html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError):  # nothing but white space or a comment
        return lxml_html.document_fromstring("<html><body></body></html>", parser=parser)


def _without_controls(html: str) -> str:
    """``html`` without ``_CONTROL``'s characters. A page rarely holds one: a substring search for each
    (memchr-fast) tells, in a third of the time the pattern's scan of the whole page takes."""
    return _CONTROL.sub("", html) if any(c in html for c in _CONTROL_CHARS) else html


#: A tree this deep holds at least this many nodes (elements, comments, processing instructions).
_NODES_PAST_DEPTH = etree.XPath(f"count(//*|//comment()|//processing-instruction()) >= {LIBXML_MAX_DEPTH - 1}")


def _may_be_too_deep(root: HtmlElement) -> bool:
    """Whether the tree has enough nodes to reach ``LIBXML_MAX_DEPTH`` (counted in C): each level of
    ``_depth`` is a node of its own, so a tree with fewer (nearly every page) cannot, and is not walked."""
    return bool(_NODES_PAST_DEPTH(root))


def _depth(root: HtmlElement) -> int:
    """How deep the tree goes (iteratively, in C: a cheap walk)."""
    depth = deepest = 0
    for event, _ in etree.iterwalk(root, events=("start", "end")):
        depth += 1 if event == "start" else -1
        deepest = max(deepest, depth)
    return deepest


def parse_fragment(html: str, max_elements: int | None = Limits.max_input_elements) -> HtmlElement:
    """A piece of HTML (a feed entry's content, an extracted article) inside one ``<div>``.

    Raises ``ExtractionError`` past ``max_elements`` elements (``parse_page``)."""
    return parse_page(f"<html><body><div>{html}</div></body></html>", max_elements).find("body")[0]


def text_length(element: HtmlElement) -> int:
    """Characters of visible text under ``element``, white space runs counted once."""
    return len(" ".join(text_of(element).split()))


def text_of(element: HtmlElement) -> str:
    """``element.text_content()`` (its text and its descendants' text and tails), serialised by lxml in C:
    the same string in about two thirds of the time of the XPath ``text_content`` runs."""
    return etree.tostring(element, method="text", encoding=str, with_tail=False)


def clean_text(text: str | None) -> str:
    """Text with white space runs made single spaces, trimmed."""
    return " ".join((text or "").split())
