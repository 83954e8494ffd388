"""Raw HTML written in a Markdown body, through the allow-list of the final sanitiser.

Markdown input may hold HTML (``<dl>``, ``<sup>``, ``<!-- notes to self -->``). Printing it as literal
tags is wrong, passing it through is unsafe; so each piece is cleaned with the same allow-list the PDF's
last gate uses (``converter.policy.allow_list``): allowed elements are kept (with their harmless
attributes, and links of safe schemes), active ones (``<script>``, ``<iframe>`` ...) go with their
content, any other element is reduced to its text, comments are dropped. A picture left in raw HTML
(``markdown.raw_pictures`` rewrites those it can as Markdown pictures) is reduced to its alternative text,
with a warning.
"""

from __future__ import annotations

import logging
import re

from lxml import html as lxml_html
from lxml.html import HtmlElement

from converter.policy.allow_list import (
    ALLOWED_ATTRIBUTES,
    ALLOWED_TAGS,
    DROPPED_WITH_CONTENT,
    is_safe_link,
    strip_xml_forbidden,
)

log = logging.getLogger("converter.markdown.raw_html")

#: One tag as markdown-it gives inline HTML: ``<sup>``, ``</sup>``, ``<br/>``, ``<a href="...">``.
_TAG = re.compile(r"^<(/?)([A-Za-z][A-Za-z0-9-]*)([^>]*?)(/?)>$", re.S)
_ATTRIBUTE = re.compile(r"""([A-Za-z_:][\w:.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""")
#: Raw pictures become their alt text (see the module).
_NOT_KEPT = frozenset(("img", "html", "head", "body"))


def clean_block(html: str) -> str:
    """A raw HTML block reduced to the allow-list (see the module)."""
    parser = lxml_html.HTMLParser(remove_comments=True, remove_pis=True)
    html = strip_xml_forbidden(html)  # a control character would stop the tree's text from being set
    try:
        root = lxml_html.fragment_fromstring(html, create_parent="div", parser=parser)
    except Exception:  # nothing but a comment or white space
        return ""
    for element in list(root.iter()):
        if element is root or not isinstance(element.tag, str):
            continue
        if element.tag in DROPPED_WITH_CONTENT:
            element.drop_tree()
        elif not _allowed(element.tag):
            if element.tag == "img":
                _picture_left_out(element.get("src") or "")
                element.tail = (element.get("alt") or "") + (element.tail or "")
            element.drop_tag()
        else:
            _keep_safe_attributes(element)
    out = _quote(root.text or "") + "".join(lxml_html.tostring(c, encoding="unicode") for c in root)
    return out.strip() + "\n" if out.strip() else ""


def clean_inline(tag: str) -> str:
    """One inline tag: kept (attributes filtered) when allowed, else "" (its text stays, being outside it)."""
    m = _TAG.match(tag.strip())
    if not m:
        return ""  # a comment, a declaration, a processing instruction
    closing, name, attributes, _ = m.groups()
    name = name.lower()
    if not _allowed(name):
        if name == "img" and not closing:
            src = next((v for k, *vs in _ATTRIBUTE.findall(attributes) if k.lower() == "src"
                        for v in vs if v), "")
            _picture_left_out(src)
        return ""
    if closing:
        return f"</{name}>"
    element = lxml_html.Element(name, {k: next(v for v in values if v is not None)
                                      for k, *values in _ATTRIBUTE.findall(attributes)})
    _keep_safe_attributes(element)
    shown = "".join(f' {k}="{_quote(v)}"' for k, v in element.attrib.items())
    return f"<{name}{shown}>"


def _picture_left_out(src: str) -> None:
    log.warning("picture %s in raw HTML is left out (its alt text is shown); write it as ![alt](%s) on a "
                "line of its own", src or "without src", src or "file.png")


def _allowed(tag: str) -> bool:
    return tag in ALLOWED_TAGS and tag not in DROPPED_WITH_CONTENT and tag not in _NOT_KEPT


def _keep_safe_attributes(element: HtmlElement) -> None:
    for name in list(element.attrib):
        if name == "href" and element.tag == "a" and is_safe_link(element.get("href") or ""):
            continue
        if name not in ALLOWED_ATTRIBUTES or name in ("id", "class", "style"):
            del element.attrib[name]


def _quote(value: str) -> str:
    return value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")
