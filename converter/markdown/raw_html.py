"""Raw HTML written in a Markdown body, through the allow-list of the final sanitiser.

Markdown input may hold HTML (``<dl>``, ``<sup>``, ``<!-- notes to self -->``). Printing it as literal
tags is wrong, passing it through is unsafe; so each piece is cleaned with the same allow-list the PDF's
last gate uses (``converter.policy.allow_list``): allowed elements are kept (with their harmless
attributes, and links of safe schemes), an embedded player (``<iframe>``, ``<video>`` ...) becomes a link
to its address (``Video: <title>``, see ``EMBEDS``), other active ones (``<script>`` ...) go with their
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
        if element.tag in EMBEDS:
            _embed_as_link(element)
        elif element.tag in DROPPED_WITH_CONTENT:
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
    if name in EMBEDS and not closing:  # an embed inside a paragraph: its link in its place
        return _embed_link_html(name, {k.lower(): next((v for v in vs if v), "")
                                       for k, *vs in _ATTRIBUTE.findall(attributes)})
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


#: Embedded players: no edition can play them (and the PDF engine must fetch nothing), so each is shown as
#: a link to its address, named after what it is, in its place: ``Video: Storm footage`` linking to
#: https://www.youtube.com/embed/abc123. One without an http(s) address is left out, with a warning.
EMBEDS = frozenset(("iframe", "video", "audio", "embed", "object"))

#: Addresses of video players embedded by ``<iframe>`` (``<video>`` and ``<audio>`` say what they are).
_VIDEO_PLAYER = re.compile(r"^https?://(?:[\w-]+\.)*(?:youtube(?:-nocookie)?\.com|youtu\.be|vimeo\.com|"
                           r"dailymotion\.com|twitch\.tv|tiktok\.com|facebook\.com/plugins/video)", re.I)


def _embed_as_link(element: HtmlElement) -> None:
    """Replace an embed (``EMBEDS``) by a paragraph linking to its address (see ``EMBEDS``)."""
    attrib = dict(element.attrib)
    link = _embed_link_html(element.tag, {**attrib, "src": _embed_src(element.tag, attrib, element)})
    parent = element.getparent()
    if link and parent is not None:
        new = lxml_html.fragment_fromstring(f"<p>{link}</p>")
        new.tail = element.tail
        parent.replace(element, new)
    else:
        element.drop_tree()


def _embed_src(tag: str, attrib: dict[str, str], element: HtmlElement | None = None) -> str:
    """The address an embed plays: ``src`` (``data`` for ``<object>``), else its first ``<source src>``."""
    src = attrib.get("data" if tag == "object" else "src") or ""
    if not src and element is not None:
        src = next((s.get("src") or "" for s in element.iter("source")), "")
    return src.strip()


def _embed_link_html(tag: str, attrib: dict[str, str]) -> str:
    """``Video: <a href=src>title or src</a>`` for an embed (``EMBEDS``); "" (with a warning) without an
    http(s) address."""
    src = _embed_src(tag, attrib)
    if tag == "audio":
        kind = "Audio"
    elif tag == "video" or _VIDEO_PLAYER.match(src):
        kind = "Video"
    else:
        kind = "Embedded page"
    if not src.lower().startswith(("http://", "https://")):
        log.warning("%s (<%s>) without a web address is left out", kind.lower(), tag)
        return ""
    title = (attrib.get("title") or "").strip()
    return f'{kind}: <a href="{_quote(src)}">{_quote(title or src)}</a>'


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
