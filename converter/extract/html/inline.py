"""Inline HTML to Markdown: text, emphasis, links, code spans, pictures, footnote references.

``INLINE`` is the dispatch table tag -> converter; a tag not in it contributes its content. Every
converter returns Markdown with the white space around it kept, so ``a <em>b</em> c`` stays spaced.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from urllib.parse import urljoin, urlsplit

from lxml.html import HtmlElement

from converter.extract.html.images import Picture
from converter.markdown.escape import escape_inline

#: Beyond this depth an element's text is taken flat: a hostile page cannot exhaust Python's stack.
MAX_DEPTH = 120
#: Link schemes a reader edition may keep; any other link (``javascript:``, ``data:``) keeps its text only.
LINK_SCHEMES = ("http", "https", "mailto")
#: The hard line break of ``<br>`` until paragraphs are cut (two in a row end a paragraph).
BREAK = "\n"
_SPACES = re.compile(r"\s+")
_BACKTICKS = re.compile(r"`+")


@dataclass(frozen=True)
class Context:
    """What converting an element needs to know beyond the element."""

    base_url: str = ""
    """The page's address, to make relative links absolute ("" keeps their text only)."""
    pictures: Mapping[str, Picture] = field(default_factory=lambda: MappingProxyType({}))
    """``<img src>`` -> what to show (see ``images.load_pictures``)."""
    footnotes: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    """Id of a footnote's text -> its label (``fn1`` -> ``1``)."""
    headline: str = ""
    """The article's headline, to tell a picture's description from the headline repeated in its alt text."""


Converter = Callable[[HtmlElement, Context, int], str]


def inline(element: HtmlElement, ctx: Context, depth: int = 0) -> str:
    """The Markdown of an element's content: its text and its children's inline forms."""
    if depth > MAX_DEPTH:
        return text(element.text_content())
    parts = [text(element.text)]
    for child in element:
        parts.append(inline_element(child, ctx, depth + 1))
        parts.append(text(child.tail))
    return "".join(parts)


def inline_element(element: HtmlElement, ctx: Context, depth: int) -> str:
    """One child element's inline Markdown (comments and processing instructions give nothing)."""
    if not isinstance(element.tag, str):
        return ""
    return INLINE.get(element.tag, inline)(element, ctx, depth)


def text(value: str | None) -> str:
    """A text node as Markdown: white space runs as one space, markup characters escaped."""
    return escape_inline(_SPACES.sub(" ", value)) if value else ""


def wrapped(marker: str) -> Converter:
    """Emphasis-like markup: ``*text*``, ``**text**``, ``~~text~~``; spaces stay outside the markers."""
    def convert(element: HtmlElement, ctx: Context, depth: int) -> str:
        return _around(inline(element, ctx, depth), lambda core: f"{marker}{core}{marker}")
    return convert


def code_span(element: HtmlElement, ctx: Context, depth: int) -> str:
    """``<code>``, ``<kbd>``: a code span with more backticks than any run inside it."""
    raw = _SPACES.sub(" ", element.text_content())
    core = raw.strip()
    if not core:
        return raw
    fence = "`" * (max((len(m) for m in _BACKTICKS.findall(core)), default=0) + 1)
    pad = " " if core.startswith("`") or core.endswith("`") else ""
    return _keep_spaces(raw, f"{fence}{pad}{core}{pad}{fence}")


def link(element: HtmlElement, ctx: Context, depth: int) -> str:
    """``[text](url)`` for web, mail and in-page links; a footnote reference becomes ``[^1]``."""
    href = (element.get("href") or "").strip()
    if href.startswith("#") and href[1:] in ctx.footnotes:
        return f"[^{ctx.footnotes[href[1:]]}]"
    url = safe_url(href, ctx.base_url)
    content = inline(element, ctx, depth)
    if not url:
        return content
    return _around(content, lambda core: f"[{core}]({destination(url)})")


def picture(element: HtmlElement, ctx: Context, depth: int) -> str:
    """``![alt](ref)`` for an embedded or remote picture; nothing when it can be neither."""
    shown = ctx.pictures.get(element.get("src") or "")
    if shown is None or not shown.target:
        return ""
    return f"![{alt_text(element)}]({destination(shown.target)})"


def superscript(element: HtmlElement, ctx: Context, depth: int) -> str:
    """``<sup>``: footnote references only (``<sup>[<a href="#fn1">1</a>]</sup>`` -> ``[^1]``), else text."""
    refs = [a for a in element.iter("a") if (a.get("href") or "").lstrip("#") in ctx.footnotes
            and (a.get("href") or "").startswith("#")]
    if refs:
        return "".join(link(a, ctx, depth + 1) for a in refs)
    return inline(element, ctx, depth)


def formula(element: HtmlElement, ctx: Context, depth: int) -> str:
    """``<math>``: its TeX as a code span, or its MathML read out as text (see ``math``)."""
    from converter.extract.html.math import math_text

    content, is_source = math_text(element)
    if not content:
        return ""
    if is_source:
        fence = "`" * (max((len(m) for m in _BACKTICKS.findall(content)), default=0) + 1)
        return f"{fence}{content}{fence}"
    return escape_inline(content)


def line_break(element: HtmlElement, ctx: Context, depth: int) -> str:
    return BREAK


def spaced(element: HtmlElement, ctx: Context, depth: int) -> str:
    """A block element met inside inline content (``<p>`` in ``<a>``): its content, set off by spaces."""
    return f" {inline(element, ctx, depth)} "


def alt_text(img: HtmlElement) -> str:
    """A picture's alternative text, escaped for ``![...]``."""
    return escape_inline(" ".join((img.get("alt") or img.get("title") or "").split()))


def safe_url(href: str, base_url: str) -> str:
    """The link's absolute address when its scheme is allowed; "" otherwise (its text is kept)."""
    if not href or href.startswith("#"):  # an emptied ``javascript:`` link, or an in-page anchor
        return href if len(href) > 1 else ""
    absolute = urljoin(base_url, href) if base_url else href
    return absolute if urlsplit(absolute).scheme.lower() in LINK_SCHEMES else ""


def destination(url: str) -> str:
    """A link destination CommonMark reads back whole (``<...>`` around spaces and parentheses)."""
    if any(c in url for c in " ()<>"):
        return "<" + url.replace("<", "%3C").replace(">", "%3E") + ">"
    return url


def _around(content: str, markup: Callable[[str], str]) -> str:
    core = content.strip()
    return _keep_spaces(content, markup(core)) if core else content


def _keep_spaces(original: str, core: str) -> str:
    lead = " " if original[:1].isspace() else ""
    trail = " " if original[-1:].isspace() else ""
    return f"{lead}{core}{trail}"


#: Tag -> inline converter; other tags contribute their content.
INLINE: dict[str, Converter] = {
    "em": wrapped("*"), "i": wrapped("*"), "cite": wrapped("*"), "dfn": wrapped("*"),
    "strong": wrapped("**"), "b": wrapped("**"),
    "del": wrapped("~~"), "s": wrapped("~~"), "strike": wrapped("~~"),
    "code": code_span, "kbd": code_span, "samp": code_span, "tt": code_span, "var": code_span,
    "a": link, "img": picture, "sup": superscript, "br": line_break, "math": formula,
    **{tag: spaced for tag in ("p", "div", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "section",
                               "blockquote", "figure", "figcaption", "ul", "ol", "dd", "dt", "tr")},
}
