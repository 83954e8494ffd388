"""Named vocabularies the HTML rules match, whole-word and case-insensitive, against class and id tokens.

A class such as ``share-bar`` or ``relatedArticles`` is split into the tokens ``share bar`` and
``related articles`` (see ``markup_tokens``), so each word below matches a whole token, never a piece of
one: ``ad`` matches ``ad-slot`` but not ``header`` or ``download``.

Only words of a shape that many sites share stay, and only while they earn their place in the
cross-validated score (``bench/extract_html.py``): vendors' and single sites' names (``outbrain``,
``taboola``, ``disqus``, ``addthis``, ``sharethis``, ``googleads``, ``dfp``, ``recirc``, ``mostread``) went on
2026-11-30, each measured changing no figure of the 837 corpus pages (the blocks they named are named by a
general word too, or lie outside the article anyway).
"""

from __future__ import annotations

import re
from functools import lru_cache

from lxml.html import HtmlElement

NAVIGATION = ("nav", "navbar", "navigation", "menu", "menubar", "breadcrumb", "breadcrumbs", "pagination",
              "pager", "skip", "skiplink", "masthead", "topbar", "toolbar", "sitemap")
SHARE = ("share", "shares", "sharing", "sharebar", "sharetools", "social", "socials", "follow", "print",
         "email")
NEWSLETTER = ("newsletter", "newsletters", "subscribe", "subscription", "signup", "paywall", "membership",
              "donate", "donation", "promo", "promotion", "cta")
RELATED = ("related", "recommended", "recommendations", "recirculation", "trending", "popular", "more", "readnext",
           "upnext", "teaser", "teasers")
COMMENTS = ("comment", "comments", "discussion", "respond", "replies", "reply")
CONSENT = ("cookie", "cookies", "consent", "gdpr", "privacy", "banner", "modal", "popup", "overlay")
ADS = ("ad", "ads", "advert", "adverts", "advertisement", "advertising", "sponsor", "sponsored", "adslot",
       "adunit", "commercial")
WIDGETS = ("sidebar", "widget", "widgets", "footer", "visually", "sronly", "screenreader", "offscreen",
           "tags", "tagcloud", "bio", "jump", "toc")
#: Containers of a page's footnotes or endnotes.
FOOTNOTES = ("footnotes", "footnote", "endnotes", "endnote", "references", "notes")
#: Words of the element that holds the standfirst (dek, subtitle) under the headline; "chapo"/"chapeau" is
#: the French press's name for it (``<p class="chapo">``), as "standfirst" is the British one.
STANDFIRST = ("standfirst", "dek", "deck", "subtitle", "subheadline", "subhead", "strapline", "chapo", "chapeau")
#: Words of a picture's caption.
CAPTION = ("caption", "figcaption", "cutline", "legend")
#: Words of a caption's credit line.
CREDIT = ("credit", "credits", "copyright", "source", "byline", "photographer")
#: A class or id word of an author's box (with ``author``: ``author-box``, ``about-author``, ``author-bio``) ...
AUTHOR_BOX = ("box", "bio", "about", "info", "description", "profile", "details")
#: ... or one word for it (``authorbox``, ``postauthor``).
AUTHOR_BOX_WORDS = ("authorbox", "authorbio", "aboutauthor", "postauthor", "authorinfo", "abouttheauthor")
#: Words of the element that carries a visible byline.
BYLINE = ("byline", "author", "authors", "writer", "contributor", "contributors")

#: Short paragraphs that start with these phrases ask the reader to do something (subscribe, share ...).
CALL_TO_ACTION = ("sign up", "sign-up", "if you enjoyed", "if you liked", "if you like my", "if you found this",
                  "subscribe", "follow us", "share this", "share on", "read more", "read next",
                  "download our", "get the latest", "support our", "advertisement",
                  "related:", "see also:", "also read", "more from", "recommended", "this article was",
                  "we use cookies", "accept cookies", "all rights reserved", "you may also like",
                  "you might also like", "more on this", "related stories", "related articles", "have a tip",
                  "most popular", "trending now", "watch:", "listen:")
#: The whole text of an ad slot's label.
AD_LABELS = ("advert", "advertisement", "advertising", "ad", "anzeige", "publicité", "publicidad",
             "pubblicità", "reklama", "sponsored", "sponsored content", "paid content",
             "story continues below advertisement", "continue reading below", "article continues below")
#: What a page says where a script would have run ("This slideshow requires JavaScript").
SCRIPT_NOTICES = ("requires javascript", "enable javascript", "javascript is disabled", "javascript must be",
                  "your browser does not support")
#: Words that open the line filing a post under its categories and tags ("Posted in News | 3 comments",
#: "Tags: Facebook, Mobile", "This entry was posted on ... and filed under ..."): blog software writes it
#: under every post, in the language of the blog.
FILING = ("posted in", "filed under", "filed in", "this entry was posted", "tags:", "tags :", "tagged:",
          "tagged with", "categories:", "categories :", "category:", "kategorien:", "schlagwörter:", "catégories :",
          "catégories:", "étiquettes :", "categorías:", "etiquetas:", "categorie:", "tag:")
#: Words that open the line estimating the reading time ("Reading time: 4 minutes", "Tempo de leitura: 2
#: minutos"); the other common shape, "5 min read", is matched by ``READING_TIME_AFTER``.
READING_TIME = ("reading time", "read time", "estimated reading time", "tempo de leitura", "temps de lecture",
                "tiempo de lectura", "tempo di lettura", "lesezeit", "leestijd", "czas czytania")
#: Words that end the line estimating the reading time after a number ("5 min read", "3 minute read").
READING_TIME_AFTER = ("min read", "mins read", "minute read", "minutes read", "min. read", "min lesen",
                      "min de lecture", "min de leitura", "min de lectura")
#: Words that open a date line above or below an article ("Updated 12:24 am EST ...").
DATELINE = ("updated", "published", "posted", "last updated", "first published", "modified", "aktualisiert",
            "publié", "mis à jour", "publicado", "actualizado")

_CAMEL = re.compile(r"([a-z0-9])([A-Z])")
_SPLIT = re.compile(r"[^a-z0-9]+")


_NO_TOKENS: frozenset[str] = frozenset()


def markup_tokens(element: HtmlElement) -> frozenset[str]:
    """The words of an element's class and id, camelCase and separators split, lower case."""
    classes, identifier = element.get("class"), element.get("id")
    if not identifier:
        return _tokens(classes) if classes else _NO_TOKENS
    return _class_and_id_tokens(classes, identifier) if classes else _tokens(identifier)


@lru_cache(maxsize=8192)
def _class_and_id_tokens(classes: str, identifier: str) -> frozenset[str]:
    """The words of both: the class's and the id's apart (the class string, repeated across a page, read
    once), which are the words of the two written one after the other, a space between (no rule of
    ``_tokens`` reaches across white space)."""
    return _tokens(classes) | _tokens(identifier)


@lru_cache(maxsize=8192)
def _tokens(raw: str) -> frozenset[str]:
    """Cached: every rule asks about every element, and pages repeat the same few class strings."""
    raw = _TAXONOMY.sub(" ", raw)
    return frozenset(t for t in _SPLIT.split(_CAMEL.sub(r"\1 \2", raw).lower()) if t and t != "none")


#: Classes that carry the post's categories and tags as the writer named them (``category-for-discussion``,
#: ``tag-social-media``, as blog software adds to each post): words of the subject, not of the layout.
_TAXONOMY = re.compile(r"(?<!\S)(?:category|tag)-\S+", re.I)


def matches(element: HtmlElement, words: tuple[str, ...]) -> str:
    """The first of ``words`` that is a whole token of the element's class or id ("" if none)."""
    tokens = markup_tokens(element)
    if not tokens or tokens.isdisjoint(words):  # most elements have no class or id, or none of the words
        return ""
    return next(w for w in words if w in tokens)
