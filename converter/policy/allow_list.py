"""What a reader edition may hold of HTML: the allow-list shared by the final sanitiser
(``converter.render.sanitize``) and by raw HTML written in Markdown (``converter.markdown.raw_html``).

A leaf module (it imports nothing of ours), so the Markdown renderer and the sanitiser read the same lists
without importing each other.
"""

from __future__ import annotations

import re

#: Elements kept as they are (in the body; ``HEAD_TAGS`` in the head).
ALLOWED_TAGS = frozenset({
    "html", "head", "body", "article", "header", "footer", "section", "aside", "main", "nav", "hgroup",
    "div", "p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "hr", "br", "wbr", "address",
    "ul", "ol", "li", "dl", "dt", "dd", "figure", "figcaption", "img", "details", "summary",
    "table", "caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "th", "td",
    "a", "span", "em", "strong", "b", "i", "u", "s", "del", "ins", "mark", "small", "sub", "sup", "code",
    "kbd", "samp", "var", "abbr", "cite", "q", "time", "dfn", "bdi",
})

#: Active or fetching elements removed with everything inside (their content is a fallback or code).
DROPPED_WITH_CONTENT = frozenset({
    "script", "style", "link", "base", "meta", "object", "embed", "iframe", "frame", "frameset", "applet",
    "svg", "math", "form", "input", "button", "select", "textarea", "audio", "video", "source", "track",
    "picture", "canvas", "template", "noscript", "param", "portal", "dialog", "title",
})

#: Attributes kept on any element; URL attributes are checked separately (``href``, ``src``).
ALLOWED_ATTRIBUTES = frozenset({
    "class", "id", "lang", "dir", "role", "aria-label", "aria-hidden", "title", "datetime", "alt",
    "colspan", "rowspan", "scope", "start", "reversed", "type", "value",
    "data-page",  # an issue's contents line: its page number, printed by ``attr(data-page)``; fetches nothing
    "data-label",  # a note's own number, printed by ``attr(data-label)`` as its footnote call; fetches nothing
})

#: Link schemes a reader edition keeps clickable.
ALLOWED_SCHEMES = ("http:", "https:", "mailto:")


def is_safe_link(href: str) -> bool:
    """An http(s) or mailto URL, or an in-page anchor."""
    h = href.strip().lower()
    return h.startswith("#") or h.startswith(ALLOWED_SCHEMES)


#: Characters XML 1.0 forbids (controls, lone surrogates, U+FFFE/F): stripped from every page we make, so it
#: is also valid XHTML for the EPUB and can be encoded as UTF-8.
XML_FORBIDDEN = dict.fromkeys([*range(0, 9), 11, 12, *range(14, 32), *range(0xD800, 0xE000), 0xFFFE, 0xFFFF])


#: One of ``XML_FORBIDDEN``'s characters: nearly every page has none, and a search of the page for one costs
#: a twentieth of ``str.translate``'s lookup of every character.
_XML_FORBIDDEN_CHAR = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def strip_xml_forbidden(text: str) -> str:
    """``text`` without the characters XML 1.0 forbids (``XML_FORBIDDEN``)."""
    return text.translate(XML_FORBIDDEN) if _XML_FORBIDDEN_CHAR.search(text) else text
