"""Links in print: a PDF cannot be clicked on paper, so each external link shows its address.

``footnotes``: the URL becomes a numbered footnote at the foot of the same page (CSS ``float: footnote``).
``inline``: the URL follows the link text in parentheses. ``endnotes``: numbered, listed after the
article. ``hidden``: links read as plain text. In-page anchors, and links whose text already is the
address, are left alone.
"""

from __future__ import annotations

from lxml import html as lxml_html

from converter.render.localise import word

#: Schemes whose address is worth printing.
PRINTED_SCHEMES = ("http://", "https://", "mailto:")


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
    call.text = str(number)
    link.append(call)


def _endnote_list(links: list[lxml_html.HtmlElement], language: str) -> lxml_html.HtmlElement:
    section = lxml_html.Element("section", {"class": "link-endnotes"})
    title = lxml_html.Element("p", {"class": "link-endnotes-title"})
    title.text = word("links", language)
    items = lxml_html.Element("ol")
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
