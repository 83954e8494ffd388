"""Page rules: what is never article text, removed from the whole page before the article is located.

Each rule is a small function ``(element, page) -> bool`` stating the pattern it recognises; ``PAGE_RULES``
is their ordered, named table. ``clean_page`` walks the tree once, top-down, and drops each element the
first matching rule names (with its subtree: children of a dropped element are not looked at).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field

from lxml.html import HtmlElement

from converter.extract.html import vocabulary as words
from converter.extract.html.parse import text_length
from converter.extract.html.rules import Rule, drop_matching
from converter.extract.result import Decision


@dataclass(frozen=True)
class Page:
    """What the rules may know about the whole page."""

    text_length: int
    """Characters of visible text in the body, so a rule can spare an element that holds most of the page."""
    tokens: dict[HtmlElement, frozenset[str]] = field(default_factory=dict, compare=False, repr=False)
    """Each element's class and id words (``vocabulary.markup_tokens``), read once for all the rules: the
    rules drop elements, never rename them."""


#: Elements whose content is never text a reader sees.
INVISIBLE = frozenset(("script", "style", "template", "svg", "iframe", "object", "embed", "canvas", "video",
                       "audio", "map", "link", "meta", "button", "select", "textarea", "input", "label",
                       "dialog", "noscript"))
#: Landmark roles that never hold the article.
NON_ARTICLE_ROLES = frozenset(("navigation", "banner", "contentinfo", "search", "menu", "menubar", "dialog",
                               "alert", "complementary", "toolbar", "tablist"))
#: An element with this many characters of prose (paragraphs that are not mostly links) is article text,
#: whatever its class says (``field-label-hidden``, ``entry-content-read-more``, ``modal-enabled``).
PROSE_CHARS = 400
#: An element holding more than this share of the page's text is the article's container, whatever its
#: class says (``<div class="post has-share-buttons">``); calibrated on the dev pages (0.25 to 0.5 equal).
MAX_BOILERPLATE_SHARE = 0.4
_HIDDEN_STYLE = re.compile(r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)", re.I)



def invisible_element(element: HtmlElement, page: None) -> bool:
    """Scripts, styles, embedded media, form controls: ``<script>``, ``<svg>``, ``<iframe>``, ``<button>``."""
    return element.tag in INVISIBLE


def hidden_element(element: HtmlElement, page: None) -> bool:
    """``hidden``, ``aria-hidden="true"`` or an inline ``display: none`` / ``visibility: hidden``."""
    return (element.get("hidden") is not None or element.get("aria-hidden") == "true"
            or bool(_HIDDEN_STYLE.search(element.get("style") or "")))


def small_form(element: HtmlElement, page: Page) -> bool:
    """A ``<form>`` (search box, sign-up) with little text; whole-page ASP.NET forms are spared."""
    return element.tag == "form" and _minor(element, page)


def navigation_landmark(element: HtmlElement, page: Page) -> bool:
    """``<nav>`` and ``role="navigation"``; other non-article roles (``banner``, ``search``) if minor."""
    role = (element.get("role") or "").strip().lower()
    if element.tag == "nav" or role == "navigation":
        return True
    return role in NON_ARTICLE_ROLES and _minor(element, page)


def comment_section(element: HtmlElement, page: Page) -> bool:
    """Reader comments (class or id ``comments``, ``discussion``, ``respond``); kept ones are set aside before."""
    return _boilerplate(element, page, words.COMMENTS, prose_spares=False)


def consent_notice(element: HtmlElement, page: Page) -> bool:
    """Cookie and consent banners, pop-ups and overlays."""
    return _boilerplate(element, page, words.CONSENT)


def advertisement(element: HtmlElement, page: Page) -> bool:
    """Ad slots and sponsored blocks (``ad``, ``ad-slot``, ``advert``, ``sponsored``)."""
    return _boilerplate(element, page, words.ADS)


def navigation_vocabulary(element: HtmlElement, page: Page) -> bool:
    """Menus, breadcrumbs and pagination named by their class or id."""
    return _boilerplate(element, page, words.NAVIGATION)


def share_bar(element: HtmlElement, page: Page) -> bool:
    """Share and follow buttons (``share``, ``social``, ``sharebar``)."""
    return _boilerplate(element, page, words.SHARE)


def newsletter_box(element: HtmlElement, page: Page) -> bool:
    """Newsletter sign-ups, paywall and donation appeals, promotions."""
    return _boilerplate(element, page, words.NEWSLETTER)


def related_links(element: HtmlElement, page: Page) -> bool:
    """Related, recommended, trending and "more from" teaser blocks."""
    return _boilerplate(element, page, words.RELATED)


def page_widget(element: HtmlElement, page: Page) -> bool:
    """Sidebars, widgets, tag clouds and screen-reader-only text."""
    return _boilerplate(element, page, words.WIDGETS)


#: Rules for what a browser never shows, applied first so that the page's text length counts visible text.
HIDDEN_RULES: tuple[tuple[str, Rule[None]], ...] = (
    ("invisible_element", invisible_element),
    ("hidden_element", hidden_element),
)
#: The page rules proper, in the order they are tried.
PAGE_RULES: tuple[tuple[str, Rule[Page]], ...] = (
    ("small_form", small_form),
    ("navigation_landmark", navigation_landmark),
    ("comment_section", comment_section),
    ("consent_notice", consent_notice),
    ("advertisement", advertisement),
    ("navigation_vocabulary", navigation_vocabulary),
    ("share_bar", share_bar),
    ("newsletter_box", newsletter_box),
    ("related_links", related_links),
    ("page_widget", page_widget),
)


def clean_page(body: HtmlElement, disabled: Collection[str] = ()) -> list[Decision]:
    """Drop what is never shown, then every element a page rule names; rules in ``disabled`` are skipped."""
    decisions = drop_matching(body, HIDDEN_RULES, None, disabled)
    page = Page(text_length(body))
    return decisions + drop_matching(body, PAGE_RULES, page, disabled, lambda e: _may_match(e, page))


#: Every word a vocabulary rule of ``PAGE_RULES`` (``_boilerplate``) asks about.
_PAGE_WORDS = frozenset((*words.COMMENTS, *words.CONSENT, *words.ADS, *words.NAVIGATION, *words.SHARE,
                         *words.NEWSLETTER, *words.RELATED, *words.WIDGETS))


def _may_match(element: HtmlElement, page: Page) -> bool:
    """What a page rule can match: a ``<form>``, a ``<nav>``, an element with a role, or one whose class or
    id words hold a word of the rules' vocabularies (most elements of a page have none of these, and are
    not asked about each rule). The words are kept in ``page.tokens`` for the rules."""
    if element.tag in ("form", "nav") or element.get("role"):
        return True
    tokens = page.tokens[element] = words.markup_tokens(element)
    return not tokens.isdisjoint(_PAGE_WORDS)


def _minor(element: HtmlElement, page: Page) -> bool:
    """Holds at most ``MAX_BOILERPLATE_SHARE`` of the page's text."""
    return text_length(element) <= MAX_BOILERPLATE_SHARE * page.text_length


def _boilerplate(element: HtmlElement, page: Page, vocabulary: tuple[str, ...], prose_spares: bool = True) -> bool:
    """A non-body element named by one of ``vocabulary``'s words that is not most of the page (nor, when
    ``prose_spares``, a block of prose: comment threads are prose, and are still not the article)."""
    if element.tag in ("body", "html", "article", "main"):
        return False
    tokens = page.tokens.get(element)
    if tokens is None:
        tokens = page.tokens[element] = words.markup_tokens(element)
    named = not tokens.isdisjoint(vocabulary)  # words.matches(element, vocabulary), once per element
    return (named and _minor(element, page) and (not prose_spares or _prose(element) < PROSE_CHARS)
            and not _quotes(element))


def _quotes(element: HtmlElement) -> bool:
    """Holds a quotation: an embedded post (``<div class="social-media-embed"><blockquote>``) is content."""
    return element.tag == "blockquote" or element.find(".//blockquote") is not None


def _prose(element: HtmlElement) -> int:
    """Characters of prose under the element: its paragraphs whose text is less than half links, and the
    loose runs of text that blogs write without paragraphs (``<div class="post-body">text<br><br>text``)."""
    total = 0
    for e in element.iter():
        if e.tag == "p":
            length = text_length(e)
            if length and sum(text_length(a) for a in e.iter("a")) < length / 2:
                total += length
        elif (isinstance(e.tag, str) and e.tag not in _INLINE_OR_PARAGRAPH
              and next(e.iterancestors("p", "a"), None) is None):
            total += sum(n for run in _runs(e) if (n := len(run)) >= LOOSE_RUN)
    return total


#: A run of loose text this long (a sentence or more) is prose.
LOOSE_RUN = 60
#: Tags whose text belongs to the block around them (or, ``<p>``, is counted as a paragraph).
_INLINE_OR_PARAGRAPH = frozenset(("p", "a", "b", "i", "em", "strong", "span", "font", "u", "small", "sup", "sub",
                                  "abbr", "cite", "code", "q", "br", "img"))


def _runs(element: HtmlElement) -> list[str]:
    """The element's own text split at its block children: its text and inline children's text joined up to
    each ``<br>`` or block child (``text<br><br>more <b>text</b>`` is two runs)."""
    runs, current = [], [element.text or ""]
    for child in element:
        if child.tag == "br" or (isinstance(child.tag, str) and child.tag not in _INLINE_OR_PARAGRAPH):
            runs.append(" ".join("".join(current).split()))
            current = []
        elif child.tag != "a" and isinstance(child.tag, str):
            current.append(child.text_content())
        current.append(child.tail or "")
    runs.append(" ".join("".join(current).split()))
    return runs
