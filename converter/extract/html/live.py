"""Live blogs: a run of entries, each stamped with the time it was posted, rewritten so the stamps stay.

A saved live blog marks each entry as an ``<article>``, a ``<li>`` of an ``<ol>`` or a ``<div>``, holding a
``<time datetime>`` ("19.10 BST", "11:32 GMT", often in the entry's ``<header>`` beside its heading) and
the entry's paragraphs:

    <article class="block"><header><p class="block-time"><a href="#block-5"><time datetime="...">19.10 BST
    </time></a></p><h2>That is all from us tonight</h2></header><div><p>Thank you for ...</p></div></article>

The article scorer reads each entry as a small article of its own (it keeps one of them, or only their
paragraphs) and the stamps, short lines in a header, as furniture. Before the page rules and the scorer
run, the named rule ``live_blog_entries`` finds the entries (``LIVE_ENTRIES`` or more siblings of one tag
and class, one template, each holding one time-of-day stamp and a paragraph of ``PARAGRAPH_WORDS`` words)
and rewrites each with its stamp joined to it, as the text path writes it (``converter.extract.text.live``):
prefixed to the entry's heading, made an ``<h2>`` ("## 19.10 BST — That is all from us tonight"), else in
bold at the start of its first paragraph ("**13.20 BST** The police have closed ..."). What the entry says
is lifted out of its wrappers into the blog's container (an ``<ol>`` of entries becomes a ``<div>``), so
the scorer sees one run of stamped sections, not many small articles or a list.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from lxml.html import HtmlElement

from converter.extract.dates import is_time_stamp
from converter.extract.html.parse import clean_text, text_of

#: Fewest stamped entries, siblings of one parent, that make a live blog.
LIVE_ENTRIES = 3
#: An entry's paragraph: at least this many words, outside its stamp.
PARAGRAPH_WORDS = 8
#: An entry with more of its text in links than this is a teaser in a link list, not a post.
LINK_SHARE = 0.5
#: A stamp whose text names a date as well as the time ("12 Jun 2024 19.10 BST") is at most this long.
MAX_STAMP_CHARS = 40
#: Tags that can be an entry (the rule renames them ``div``) and lists of entries (renamed too).
ENTRY_TAGS = frozenset(("article", "li", "div", "section"))
LIST_TAGS = frozenset(("ol", "ul"))
#: Between an entry's stamp and its heading, as the text path writes it.
DASH = " — "

_TIME_OF_DAY = re.compile(r"\b\d{1,2}[:.]\d{2}\b|\b\d{1,2}\s?[ap]\.?m\b", re.I)
_DATETIME_TIME = re.compile(r"T(\d{2}):(\d{2})(?::[\d.]+)?(Z|[+-]\d{2}:?\d{2})?$")
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
#: What an entry says: its wrappers up to the entry are unwrapped, so it all stands in the blog's container.
_CONTENT = ("p", *_HEADINGS, "figure", "blockquote", "ul", "ol", "table", "pre")
_WRAPPERS = frozenset(("div", "section", "article"))


def live_blog_entries(body: HtmlElement) -> int:
    """Rewrite the page's live blog, if it has one, in place (see the module docstring); how many entries."""
    entries = _entries(body)
    for entry, (time, stamp) in entries.items():
        _join_stamp(entry, time, stamp)
        parent = entry.getparent()
        if parent is not None and parent.tag in LIST_TAGS:
            parent.tag = "div"
        _unwrap(entry)
    return len(entries)


def stamp_text(time: HtmlElement) -> str:
    """What a ``<time>`` shows when it is an entry's stamp, else "".

    Its text when that is a time of day ("19.10 BST", "11:32 GMT" from ``<span>11:32</span><span>GMT</span>``)
    or a short date and time; else, for a stamp that shows "2 hours ago", the time of its ``datetime``
    ("11:32", "11:32 UTC" for a ``Z`` time).
    """
    text = clean_text(" ".join(time.itertext()))
    if is_time_stamp(text) or (len(text) <= MAX_STAMP_CHARS and _TIME_OF_DAY.search(text)):
        return text
    found = _DATETIME_TIME.search(time.get("datetime", "").strip())
    if not found:
        return ""
    return f"{found[1]}:{found[2]}" + (" UTC" if found[3] == "Z" else "")


def _unwrap(entry: HtmlElement) -> None:
    """The entry's content lifted into the blog's container: the entry and the wrappers between it and its
    paragraphs go (their other children, a share bar, stay for the page rules). The scorer reads a wrapper
    as a candidate of its own and kept one entry's paragraphs, or every entry's but not their headings."""
    wrappers = []
    for content in entry.iter(*_CONTENT):
        for ancestor in content.iterancestors():
            if ancestor is entry:
                break
            if ancestor.tag in _WRAPPERS and ancestor not in wrappers:
                wrappers.append(ancestor)
    for wrapper in wrappers:
        wrapper.drop_tag()
    entry.drop_tag()


def _entries(body: HtmlElement) -> dict[HtmlElement, tuple[HtmlElement, str]]:
    """The entries of the largest group of ``LIVE_ENTRIES`` or more stamped siblings: entry -> (its
    ``<time>``, its stamp). An entry is the outermost ancestor of a stamp that holds no other stamp."""
    stamps = {t: s for t in body.iter("time") if (s := stamp_text(t))}
    if len(stamps) < LIVE_ENTRIES:
        return {}
    held: Counter[HtmlElement] = Counter()
    for time in stamps:
        for ancestor in time.iterancestors():
            held[ancestor] += 1
    groups: defaultdict[tuple[HtmlElement, str, str], dict[HtmlElement, tuple[HtmlElement, str]]] = defaultdict(dict)
    for time, stamp in stamps.items():
        entry = time
        parent = entry.getparent()
        while parent is not None and parent is not body and held[parent] == 1:
            entry, parent = parent, parent.getparent()
        if parent is not None and entry.tag in ENTRY_TAGS and _is_post(entry, time):
            # entries come from one template: siblings of another tag or class (the article beside
            # "older" and "newer" teasers) are not entries of one blog
            groups[(parent, entry.tag, entry.get("class", ""))][entry] = (time, stamp)
    best = max(groups.values(), key=len, default={})
    return best if len(best) >= LIVE_ENTRIES else {}


def _is_post(entry: HtmlElement, time: HtmlElement) -> bool:
    """A paragraph of ``PARAGRAPH_WORDS`` words besides the stamp, most of the entry's text not in links."""
    if not any(len(clean_text(text_of(p)).split()) >= PARAGRAPH_WORDS for p in entry.iter("p") if time not in p.iter()):
        return False
    stamp = len(clean_text(text_of(time)))
    total = len(clean_text(text_of(entry))) - stamp
    linked = sum(len(clean_text(text_of(a))) - (stamp if time in a.iter() else 0) for a in entry.iter("a"))
    return total > 0 and linked / total <= LINK_SHARE


def _join_stamp(entry: HtmlElement, time: HtmlElement, stamp: str) -> None:
    """Take the stamp out of its header and join it to the entry's heading, else its first paragraph."""
    holder = time.getparent()
    time.drop_tree()
    while holder is not None and holder is not entry and not clean_text(text_of(holder)) \
            and next(holder.iter("img"), None) is None:
        above = holder.getparent()
        holder.drop_tree()
        holder = above
    for header in list(entry.iter("header")):
        header.drop_tag()  # a page rule reads a header as the page's masthead
    heading = next((h for h in entry.iter(*_HEADINGS) if clean_text(text_of(h))), None)
    if heading is not None:
        heading.tag = "h2"
        for element in heading.iter():  # "post__header-title": the scorer drops a heading of a "header" class
            element.attrib.pop("class", None)
            element.attrib.pop("id", None)
        heading.text = stamp + DASH + (heading.text or "").lstrip()
        return
    paragraph = next((p for p in entry.iter("p") if clean_text(text_of(p))), None)
    if paragraph is None:
        paragraph = entry.makeelement("p", {})
        entry.insert(0, paragraph)
    strong = paragraph.makeelement("strong", {})
    strong.text = stamp
    strong.tail = " " + (paragraph.text or "").lstrip()
    paragraph.text = None
    paragraph.insert(0, strong)
