"""A script app's ``<noscript>`` fallback read as the page, when the page shows nothing else.

A page built by scripts in the browser saves as an empty shell (``<div id="root"></div><script>``): its only
text may be the ``<noscript>`` copy it serves to readers without JavaScript. We never run a script, so for
us that copy is what such a reader sees. The rule (``use_noscript_fallback``): the body shows at most
``SHELL_CHARS`` characters outside ``<noscript>``, ``<script>``, ``<style>`` and ``<template>`` (an app
name, "Loading…"), and some ``<noscript>`` holds text that is not a note asking for JavaScript
(``javascript_note``). Then each such ``<noscript>`` is unwrapped: its content is parsed page content like
any other, and goes through the same page rules and sanitising (a ``<script>`` in it is dropped as any is).
A page with an ordinary body keeps dropping its ``<noscript>`` ("please enable JavaScript") as invisible.
"""

from __future__ import annotations

import logging
import re

from lxml import etree
from lxml.html import HtmlElement

from converter.extract.html.parse import clean_text, text_of

log = logging.getLogger("converter.extract")

#: Most characters of text outside ``<noscript>`` (and scripts, styles, templates) a page may show and
#: still be a script app's empty shell: an app name, a "Loading…" line.
SHELL_CHARS = 40

#: A ``<noscript>`` mentioning JavaScript in at most this many characters is a note asking for it ("You
#: need to enable JavaScript to run this app."), not the page's text.
JAVASCRIPT_NOTE_CHARS = 200
_JAVASCRIPT = re.compile(r"java\s*script", re.I)

#: The body's text nodes outside the elements a browser with scripts on does not show as text.
#: Elements whose text the page does not show (``_shows_more_than``).
_NOT_SHOWN = frozenset(("noscript", "script", "style", "template"))


def javascript_note(text: str) -> bool:
    """Whether a ``<noscript>``'s text is a short note asking for JavaScript, not content."""
    return len(text) <= JAVASCRIPT_NOTE_CHARS and bool(_JAVASCRIPT.search(text))


def use_noscript_fallback(body: HtmlElement) -> bool:
    """Unwrap the body's content-bearing ``<noscript>`` elements when nothing else shows (see the module);
    whether it did. The tree is changed in place."""
    fallbacks = [n for n in body.iter("noscript") if _content(n)]
    if not fallbacks:
        return False
    if _shows_more_than(body, SHELL_CHARS):
        return False
    for noscript in fallbacks:
        if noscript.getparent() is not None:
            noscript.drop_tag()
    log.info("the page shows no text but its <noscript> fallback; that is read as the page")
    return True


def _shows_more_than(body: HtmlElement, limit: int) -> bool:
    """Whether the body's text outside ``<noscript>``, ``<script>``, ``<style>`` and ``<template>``, white
    space made single, is longer than ``limit`` characters. Read until it is: the length of words joined by
    single spaces does not depend on their order, and only grows."""
    length = -1  # len(" ".join(words read))
    skipping = 0  # inside an element of _NOT_SHOWN (each element inside counted, to know where it ends)
    for event, node in etree.iterwalk(body, events=("start", "end")):
        if event == "start":
            if skipping or node.tag in _NOT_SHOWN:
                skipping += 1
                continue
            piece = node.text if isinstance(node.tag, str) else None  # a comment's text is not the page's
        else:
            if skipping:
                skipping -= 1
            if skipping or node is body:
                continue
            piece = node.tail
        if piece:
            length += sum(len(word) + 1 for word in piece.split())
            if length > limit:
                return True
    return False


def _content(noscript: HtmlElement) -> bool:
    text = clean_text(text_of(noscript))
    return bool(text) and not javascript_note(text)
