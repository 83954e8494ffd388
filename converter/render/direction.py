"""Writing direction: an article's (``rtl`` or ``ltr``) and the blocks of its body that differ from it.

The article's direction is the one its page declared (``dir`` on ``html``, ``body`` or ``article``, kept as
``Article.direction``), else the direction of its language (CLDR's character order, through Babel), else
the direction of the script most of its letters are written in. Inside the body, a block whose own text
starts in the other direction (an English quotation in an Arabic article) gets its own ``dir`` (a list
item's on a ``span`` of its text, so its marker stays on the list's side), and inline
runs are isolated by the stylesheet (``unicode-bidi: isolate``), so their punctuation stays with them.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from lxml import etree
from lxml import html as lxml_html

#: Bidi classes of strong right-to-left letters (Hebrew, Arabic, Syriac, Thaana, N'Ko ...).
RTL_CLASSES = frozenset({"R", "AL"})
#: Block elements that get their own ``dir`` when their text starts in the other direction.
BLOCKS = ("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "figcaption", "td", "th", "dt", "dd",
          "pre")
#: Right-to-left languages, when Babel is missing (primary subtags).
RTL_LANGUAGES = frozenset({"ar", "fa", "he", "iw", "ur", "yi", "ps", "sd", "ug", "ckb", "dv", "syr", "nqo",
                           "ks", "ku-arab", "pa-arab", "az-arab", "arc", "prs", "ji"})
#: English, alone or with a region (``en``, ``en-GB``, ``en-001``): left to right in every CLDR locale, told
#: without loading Babel (most articles; its import and locale data cost more than the article's extraction).
_ENGLISH = re.compile(r"en(?:[-_](?:[a-z]{2}|\d{3}))?", re.I)
_RTL_HINT = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\U00010800-\U00010fff\U0001e800-\U0001efff]")


def strong_direction(ch: str) -> str:
    """``rtl``, ``ltr`` or "" (neutral: digits, punctuation, spaces) for one character."""
    bidi = unicodedata.bidirectional(ch)
    return "rtl" if bidi in RTL_CLASSES else "ltr" if bidi == "L" else ""


def first_strong(text: str) -> str:
    """The direction of the first strong character of ``text`` (the Unicode bidi algorithm's P2 rule)."""
    for ch in text:
        found = strong_direction(ch)
        if found:
            return found
    return ""


def script_direction(text: str) -> str:
    """``rtl`` when most strong letters of ``text`` are right-to-left, ``ltr`` when most are not, else ""."""
    sample = text[:20_000]
    if not _RTL_HINT.search(sample):
        return "ltr" if any(strong_direction(ch) == "ltr" for ch in sample[:2000]) else ""
    rtl = ltr = 0
    for ch in sample:
        found = strong_direction(ch)
        rtl += found == "rtl"
        ltr += found == "ltr"
    return "rtl" if rtl > ltr else "ltr" if ltr else ""


@cache
def language_direction(language: str) -> str:
    """``rtl`` or ``ltr`` for a BCP 47 tag (CLDR's character order via Babel), "" when unknown."""
    tag = language.strip().replace("-", "_")
    if not tag:
        return ""
    if _ENGLISH.fullmatch(tag):
        return "ltr"
    try:
        from babel import Locale, UnknownLocaleError

        try:
            order = Locale.parse(tag).character_order
        except (UnknownLocaleError, ValueError):
            order = Locale.parse(tag.split("_")[0]).character_order
        return "rtl" if order == "right-to-left" else "ltr"
    except Exception:  # no Babel, or a tag Babel cannot read: our short list
        return "rtl" if tag.split("_")[0].lower() in RTL_LANGUAGES else ""


def article_direction(declared: str, language: str, text: str) -> str:
    """The direction an edition sets: the page's ``declared`` one, else the language's, else the script's.

    A language tag says ``ltr`` for a page that declares ``en`` but is written in Arabic letters only when
    its text agrees; the script decides when the two disagree (a mislabelled page is common, a Latin-script
    Arabic article is not).
    """
    declared = declared.strip().lower()
    if declared in ("rtl", "ltr"):
        return declared
    by_script = script_direction(text)
    by_language = language_direction(language)
    if by_language and (not by_script or by_language == by_script):
        return by_language
    return by_script or by_language or "ltr"


def mark_blocks(body_html: str, base: str, language: str = "") -> str:
    """``body_html`` with ``dir`` set on each block whose first strong character goes against ``base``, and
    ``lang`` too when the block's language can be told and is not ``language``'s.

    The body is left as it is (byte for byte) when no block differs.
    """
    if not body_html.strip() or (base == "ltr" and not _RTL_HINT.search(body_html)):
        return body_html
    root = lxml_html.fragment_fromstring(body_html, create_parent="div",
                                         parser=lxml_html.HTMLParser(huge_tree=True))
    changed = False
    for element in root.iter(*BLOCKS):
        if element.get("dir"):
            continue
        text = _own_text(element)
        own = first_strong(text)
        if own and own != base:
            block_language = _language_of(text)
            other_language = block_language and block_language != language.split("-")[0].lower()
            target = _item_text(element) if element.tag == "li" else element
            target.set("dir", own)
            if other_language:
                target.set("lang", block_language)
            changed = True
    if not changed:
        return body_html
    inner = (root.text or "") + "".join(etree.tostring(child, method="html", encoding="unicode") for child in root)
    return inner


#: Blocks that end a list item's own text (a nested list, a paragraph of a loose list ...).
_ITEM_BLOCKS = frozenset((*BLOCKS, "ul", "ol", "div", "table", "figure", "hr", "dl"))


def _item_text(item: lxml_html.HtmlElement) -> lxml_html.HtmlElement:
    """The list item's own text (up to its first block) wrapped in a ``<span>``, which takes the ``dir``.

    A ``dir`` on the item itself would move its marker to the other side, outside the list's start padding
    (an English item's bullet in an Arabic list stood in the page margin); in a ``span`` the item keeps the
    list's side and its text keeps its own order.
    """
    span = item.makeelement("span", {})
    span.text, item.text = item.text, None
    for child in list(item):
        if isinstance(child.tag, str) and child.tag in _ITEM_BLOCKS:
            break
        span.append(child)  # with its tail: the text after it is the item's too
    item.insert(0, span)
    return span


def _own_text(element: lxml_html.HtmlElement) -> str:
    """The element's text, without nested blocks (a list inside a list item has its own direction)."""
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and child.tag not in BLOCKS and child.tag not in ("ul", "ol", "table"):
            parts.append(child.text_content())
        parts.append(child.tail or "")
    return "".join(parts)


def _language_of(text: str) -> str:
    from converter.extract.language import detect_language

    return detect_language(text)
