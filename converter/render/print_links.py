"""Links in print: a PDF cannot be clicked on paper, so each external link shows its address.

``footnotes``: the URL becomes a footnote at the foot of the same page (CSS ``float: footnote``).
``inline``: the URL follows the link text in parentheses. ``endnotes``: listed after the article.
``hidden``: links read as plain text. In-page anchors, and links whose text already is the address, are
left alone.

Link notes are lettered (a, b, ... z, aa, ab), the article's own notes keep their numbers: a book that
carries an author's notes and notes added by its editor sets the added series in another style, so that
"1" on a page means one note only and the author's numbers still match the HTML and EPUB editions (and
any "see note 3" in the text). Letters run through the article: the engine numbers footnotes before it
breaks pages, so a series cannot restart on each page as symbols (*, †, ‡) would need.
"""

from __future__ import annotations

import re

from lxml import html as lxml_html

from converter.render.localise import word

#: Schemes whose address is worth printing.
PRINTED_SCHEMES = ("http://", "https://", "mailto:")

#: An address in running text: a URL with a scheme or ``www.``, an e-mail address, or a domain followed by
#: a path (``example.org/report``). Trailing punctuation of the sentence is not part of it. Each alternative
#: starts only where a token starts, so a 50,000-character word is scanned once, not from each position.
ADDRESS = re.compile(
    r"(?:\b(?:https?|ftp)://|\bwww\.)[^\s<>\"]*[^\s<>\".,;:!?)\]'\u2019\u201d]"
    r"|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|(?<![\w.-])[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}/[^\s<>\"]*[^\s<>\".,;:!?)\]'\u2019\u201d]", re.I)

#: What every alternative of ``ADDRESS`` holds: a ``/`` (a scheme's, a path's), an ``@`` or ``www.`` (in
#: ``ADDRESS``'s case-insensitive sense). A text without any holds no address; this search is the cheap one
#: (``ADDRESS`` tries its domain alternative at each word), and most text runs of a body have none.
_MAY_HOLD_ADDRESS = re.compile(r"[/@]|www\.", re.I)

#: Where an address or code may break: after each run of these, without a hyphen (never at its end).
_BREAK_AFTER = re.compile(r"([/.\-?&]+)(?=[^/.\-?&])")

#: The zero-width space: a break opportunity that prints nothing.
ZWSP = "\u200b"

#: Inline code and its kin: never hyphenated, broken like addresses. ``pre`` keeps its own lines.
_CODE_TAGS = ("code", "kbd", "samp")


def links_for_print(body_html: str, style: str, language: str) -> str:
    """The body HTML with each external link's address placed as ``style`` asks."""
    if style == "hidden" or "<a " not in body_html:
        return body_html
    # huge_tree: libxml2 otherwise cuts a text node over 10 MB short without a word.
    root = lxml_html.fragment_fromstring(body_html, create_parent="div", parser=lxml_html.HTMLParser(huge_tree=True))
    addresses = [a for a in root.iter("a") if _printable(a)]
    for number, link in enumerate(addresses, 1):
        in_note = any("note-footnote" in (a.get("class") or "") for a in link.iterancestors())
        (_inline if in_note and style == "footnotes" else PLACERS[style])(link, number)  # no footnote in a footnote
    if style == "endnotes" and addresses:
        root.append(_endnote_list(addresses, language))
    return (root.text or "") + "".join(lxml_html.tostring(child, encoding="unicode") for child in root)


def _printable(link: lxml_html.HtmlElement) -> bool:
    href = (link.get("href") or "").strip()
    text = link.text_content().strip()
    return href.lower().startswith(PRINTED_SCHEMES) and not _is_its_own_text(href, text)


def _is_its_own_text(href: str, text: str) -> bool:
    """The link's text is its address, with or without the scheme and a trailing slash."""
    bare = href.split("://", 1)[-1].removeprefix("mailto:").rstrip("/")
    return text.rstrip("/") in (href.rstrip("/"), bare)


def _footnote(link: lxml_html.HtmlElement, number: int) -> None:
    link.append(_span("link-footnote", _shown(link.get("href", ""))))


def _inline(link: lxml_html.HtmlElement, number: int) -> None:
    link.append(_span("link-inline", f" ({_shown(link.get('href', ''))})"))


def _endnote_call(link: lxml_html.HtmlElement, number: int) -> None:
    call = lxml_html.Element("sup", {"class": "link-ref"})
    call.text = letter(number)
    link.append(call)


def letter(number: int) -> str:
    """A link note's mark, as CSS ``lower-alpha`` counts: 1 -> ``a``, 26 -> ``z``, 27 -> ``aa``."""
    mark = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        mark = chr(ord("a") + rest) + mark
    return mark


def _endnote_list(links: list[lxml_html.HtmlElement], language: str) -> lxml_html.HtmlElement:
    section = lxml_html.Element("section", {"class": "link-endnotes"})
    title = lxml_html.Element("p", {"class": "link-endnotes-title"})
    title.text = word("links", language)
    items = lxml_html.Element("ol", {"type": "a"})
    for link in links:
        item = lxml_html.Element("li")
        item.text = _shown(link.get("href", ""))
        items.append(item)
    section.extend([title, items])
    return section


def _span(css_class: str, text: str) -> lxml_html.HtmlElement:
    span = lxml_html.Element("span", {"class": css_class})
    span.text = text
    return span


def _shown(href: str) -> str:
    return href.removeprefix("mailto:")


#: Link style -> what is done to each external link.
PLACERS = {"footnotes": _footnote, "inline": _inline, "endnotes": _endnote_call}


def break_addresses(body_html: str) -> str:
    """The body HTML with each address in its text wrapped in ``<span class="url">`` (set without
    hyphenation by the print CSS) and a zero-width break after each run of ``/ . - ? &`` in it, so a line
    ends there instead of at a hyphen the engine invents ("ht-" / "tps://"). Inline code gets the same
    breaks; ``pre`` is left as it is."""
    if not body_html:
        return body_html
    root = lxml_html.fragment_fromstring(body_html, create_parent="div", parser=lxml_html.HTMLParser(huge_tree=True))
    # Depth first, in document order, each element with whether it sits in a ``pre`` or in inline code (told
    # once on the way down, not from its ancestors at each element); the spans added are not visited.
    stack: list[tuple[lxml_html.HtmlElement, bool, bool]] = [(root, False, False)]
    while stack:
        el, in_pre, in_code = stack.pop()
        tag = el.tag
        in_pre = in_pre or tag == "pre"
        stack.extend((child, in_pre, in_code or tag in _CODE_TAGS) for child in reversed(el))
        if not isinstance(tag, str) or in_pre:
            continue
        if tag in _CODE_TAGS:
            for node in el.iter():
                node.text = breakable(node.text) if node.text else node.text
                if node is not el and node.tail:
                    node.tail = breakable(node.tail)
            continue
        if in_code or el.get("class") == "url":
            continue
        if el.text and _holds_address(el.text):
            el.text, spans = _wrapped(el.text)
            for index, span in enumerate(spans):
                el.insert(index, span)
        if el is not root and el.tail and _holds_address(el.tail):
            el.tail, spans = _wrapped(el.tail)
            for span in reversed(spans):
                el.addnext(span)
    return (root.text or "") + "".join(lxml_html.tostring(child, encoding="unicode") for child in root)


def _holds_address(text: str) -> bool:
    return _MAY_HOLD_ADDRESS.search(text) is not None and ADDRESS.search(text) is not None


def breakable(text: str) -> str:
    """``text`` with a zero-width break after each run of ``/ . - ? &`` that is followed by more."""
    return _BREAK_AFTER.sub(lambda m: m.group(1) + ZWSP, text)


def _wrapped(text: str) -> tuple[str, list[lxml_html.HtmlElement]]:
    """The text before the first address, and a span per address holding it (the text up to the next one
    as its tail)."""
    matches = list(ADDRESS.finditer(text))
    spans = []
    for index, m in enumerate(matches):
        span = _span("url", breakable(m.group(0)))
        end = matches[index + 1].start() if index + 1 < len(matches) else len(text)
        span.tail = text[m.end():end]
        spans.append(span)
    return text[:matches[0].start()], spans
