"""The article's headline on a saved page: the titles the metadata names, reconciled with what the page prints.

A page names its title in several places (``<title>``, ``og:title``/``twitter:title``, JSON-LD
``headline``, microdata) and prints it once more as the headline above the article. The named titles often
carry the site's name ("Headline | Site", "Site :: Section :: Headline") or are a section's name ("Latest
News"); the printed one is what the reader sees. The rules, each a function below, tried in this order:

1. ``title_matches`` + ``headline_rank`` (*the printed title, as a heading*): a visible heading (``<h1>``-
   ``<h6>``, an element marked ``headline``/``title``, a bold line) whose words are a named title or a
   whole run of its parts between separators (``title_spans``);
   ``part_nearer_body`` (*the masthead and the post's heading*): of two headings that print two parts of
   one title ("Blog: Post"), the one nearer above the body; a short part printed as the last heading before
   the body is the post's even when the opening does not repeat it (``last_heading``); a plain link that
   prints the title inside a heading ranks as that heading (``enclosing_heading``);
2. ``headline_like`` (*the printed title, as text*): the same agreement from plain text above the body,
   when it reads as a headline (three words or more, sharing a word with the body's opening), not a menu
   label;
3. ``heading_above_body`` (*the heading just above the body*): when nothing printed agrees with a named
   title, the nearest heading before the article's first paragraphs (``article_body``) that shares a word
   with them (before it, the page's only ``<h1>``, ``single_h1``, unless it shares no word with
   them and an ``<h2>``/``<h3>`` under it does: ``heading_under_masthead``);
4. ``strip_site`` (*a named title, the site's name left out*): the most trusted named title without the
   parts that name the site (``og:site_name``/the publisher, the host's name, a domain, or a part the page
   prints as the text of a link to its home or a section front: ``recurring_names``), and the tagline
   after the site's own name ("Post | Blog | A blog about food": ``site_runs``, never a printed match either).
5. ``heading_next_to_body`` (*the heading next to the body*), tried before rule 4: when the page names a
   title that it prints nowhere and rules 1-3 find no headline, the last heading before the body's first paragraph, past
   datelines and bylines.

Where the printed headline has the words of a title the publisher declared in structured metadata, that
spelling is kept (``declared_spelling``). The body starts at its first paragraph's first run of plain text
(``text_start``: a table cell may hold the headline and the text under it); a date printed in a child of
the headline is not part of it (``without_dateline``); a bold sentence above the body is its standfirst
(``standfirst``); a one- or two-word title printed below the body's start is a label; a one-part title
that is the site's name, printed below the body or as the masthead's link home, is taken last
(``site_heading``); a heading that prints its headline as a picture is read from its ``alt``
(``picture_heading``); a one- or two-word heading (a section) gives way to a longer part printed as text.

Nothing here names a site, a brand or a CMS: the shapes are separators, heading tags and class words that
many sites share, and no number is fitted (the limits below are sizes of what a headline, a paragraph or a
link to a front page can be).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple
from urllib.parse import urlsplit

from lxml import etree
from lxml.html import HtmlElement

from converter.extract import bylines
from converter.extract.bylines import find_date
from converter.extract.html import vocabulary as words
from converter.extract.html.parse import clean_text

#: Separators between a headline and the site's or section's name ("A | Site", "Site :: A", "A - Site").
SEPARATOR = re.compile(r"\s+(?:\||-|–|—|·|::|»|«|›|‹|>|<|/|//|~|--)\s+|\s*(?:\||::|»|«|›|‹)\s*|:\s+")
#: Separators written without spaces ("Headline_Section_Site", "Headline- Section-Site"): a headline
#: may be the title's words before the first or after the last of them.
TIGHT_SEPARATOR = re.compile(r"\s*(?:[-_|–—:»«]|::)\s*")
#: A trailing bracketed note on a title ("Headline (from The Courier)", "Headline (14/01/2008)").
BRACKETED_NOTE = re.compile(r"\s*[(\[][^()\[\]]*[)\]]\s*$")
#: Class and id words of an element that holds a headline.
HEADLINE_WORDS = ("headline", "hdln", "title", "heading", "hed", "arttitle", "storytitle", "posttitle",
                  "entrytitle", "articletitle")
#: A class or id token that names a headline (``_headline_class``): a word of ``HEADLINE_WORDS``, numbered
#: ("headline2") or run together with "story", "text" or "main" after it ("headingstory", "titletext");
#: never with a word before it ("subtitle", "sitetitle", "widgettitle" name other titles).
_HEADLINE_TOKEN = re.compile(rf"(?:{'|'.join(HEADLINE_WORDS)})(?:story|text|main|\d*)")
#: Signs a heading may carry after its text: a permalink anchor ("Installation¶", "Title #").
PERMALINK_SIGN = re.compile(r"\s*[¶#§🔗]+$")
#: Elements never printed as the page's text.
_UNSEEN = frozenset({"script", "style", "noscript", "template", "title", "head", "meta", "link", "option",
                     "select", "textarea", "button", "svg"})
#: Tags whose text is part of the paragraph around them.
_INLINE = frozenset({"a", "b", "i", "em", "strong", "span", "font", "u", "small", "big", "abbr", "cite", "code",
                     "q", "sub", "sup", "mark", "time", "br"})
#: Tags that set a line apart as bold or big.
_EMPHASIS = frozenset({"b", "strong", "big"})
#: A headline has at most this many characters and this many words; printed as plain text, at least
#: this many words (fewer: a menu or section label).
HEADLINE_CHARS = 300
HEADLINE_WORDS_MAX = 30
HEADLINE_MIN_WORDS = 3
#: A headline and a date glued to it have at least this many words together ("Ferry saved 14/01/2008").
DATED_HEADLINE_WORDS = 5
#: A bold sentence of at least this many words is a standfirst (``standfirst``).
STANDFIRST_WORDS = 8
#: A part of a title that holds the site's name among at most this many words names the site ("Example
#: Official Site"); a longer one is a headline that names it.
SITE_PART_WORDS = 4
#: A paragraph of the body has at least this many characters of its own (shorter: captions, links, bylines).
PARAGRAPH_CHARS = 80
#: A run of plain text this long (characters) starts the body's text inside its first paragraph.
LEAD_PIECE_CHARS = 40
#: The opening of the body is its first paragraphs, this many.
LEAD_PARAGRAPHS = 3
#: A line of plain text above the body shares at least this many content words with its opening.
LEAD_SHARED = 2
#: Content words have at least this many characters ("the", "and", "for" are not).
CONTENT_CHARS = 4
#: A link to a front page has at most one path segment of at most this many characters.
FRONT_SEGMENT_CHARS = 24
#: Headline ranks: lower is more heading-like (``headline_rank``).
RANK_H1, RANK_H2, RANK_H3, RANK_MINOR, RANK_PLAIN = 0, 1, 2, 3, 4
_TAG_RANK = {"h1": RANK_H1, "h2": RANK_H2, "h3": RANK_H3, "h4": RANK_MINOR, "h5": RANK_MINOR, "h6": RANK_MINOR}
_WORD = re.compile(r"[^\W_]+")
_DIGIT = re.compile(r"\d")
#: A date in figures, day and month in either order ("14/01/2008", "12-30-07"): a date, whichever it is.
_NUMERIC_DATE = re.compile(r"(?<![\d/.-])\d{1,2}([/.-])\d{1,2}\1(?:19|20)?\d\d(?![\d/.-]\d)")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
#: Characters of a word in scripts written without spaces (a rough mean for Chinese and Japanese).
CJK_WORD_CHARS = 2


@dataclass(frozen=True)
class Named:
    """A title the page names for itself; ``declared`` when the publisher's structured metadata gives it
    (JSON-LD, OpenGraph, Twitter, Dublin Core, microdata), not ``<title>``."""

    text: str
    declared: bool


class Printed:
    """A visible element's text, its words, where it sits (document order, and the order of its last
    descendant) and how heading-like it is (``headline_rank``, read when first asked: most are never).
    A plain class with slots: one is built for every short element of a page, and read-only by use."""

    __slots__ = ("_rank", "_text", "element", "end", "order", "words")

    def __init__(self, text: str | None, words: tuple[str, ...], order: int, end: int, element: HtmlElement) -> None:
        self._text, self.words, self.order, self.end, self.element = text, words, order, end, element
        self._rank = -1

    def __repr__(self) -> str:
        return f"Printed({self.text!r}, order={self.order})"

    @property
    def text(self) -> str:
        """The element's text, white space made single (read when first asked: most are never)."""
        if self._text is None:
            self._text = PERMALINK_SIGN.sub("", clean_text(self.element.text_content()))
        return self._text

    @property
    def rank(self) -> int:
        if self._rank < 0:
            self._rank = headline_rank(self.element)
        return self._rank

    def rank_as(self, rank: int) -> None:
        """Rank the element as the heading that holds it (``enclosing_heading``)."""
        self._rank = rank

    @property
    def tag(self) -> str:
        return str(self.element.tag)


@dataclass(frozen=True)
class Body:
    """Where the article's body starts (document order of its first paragraph) and the content words of
    its opening paragraphs."""

    start: int
    lead: frozenset[str]
    container: tuple[int, int] = (-1, -1)


def choose_title(root: HtmlElement, named: list[Named], sites: list[str]) -> str:
    """The article's headline (the rules of the module docstring, in order); "" when the page has neither a
    named title nor a heading.

    ``named`` are the titles the metadata gives, most trusted first (JSON-LD, OpenGraph, ... ``<title>``);
    ``sites`` the names the site goes by (``og:site_name``, the publisher, the host).
    """
    named = [n for n in named if n.text]
    nodes = page_nodes(root)
    printed = printed_elements(nodes)
    body = article_body(nodes)
    names = [*sites, *recurring_names(root, [n.text for n in named])]
    matches = title_matches(printed, named, names, body.start, sites)
    last = last_heading(printed, body)
    headings = [m for m in matches if m.rank < RANK_PLAIN and (about_the_body(m, body) or m is last)]
    whole = {_words(n.text) for n in named if not SEPARATOR.search(n.text)}
    fronts = {_words(n) for n in names}
    below = [m for m in headings if site_heading(m, body, whole, fronts)]  # the site's name: last
    texts = [m.text for m in matches if headline_like(m, body)]
    short = [m for m in headings if word_count(m.words) < HEADLINE_MIN_WORDS]  # "Money": after the texts
    first = next((m for m in headings if m not in below and m not in short), None)
    if first is not None:
        first = part_nearer_body(first, [m for m in headings if m not in below and m not in short], named, body)
    found = (first.text if first is not None else "") \
        or next(iter(texts), "") or next((m.text for m in short if m not in below), "") \
        or title_in_line(printed, named, names, body) or single_h1(printed, body) \
        or heading_above_body(printed, body) or line_above_body(printed, body) \
        or (heading_next_to_body(printed, body) if named else "") or next((m.text for m in below), "")
    if found:
        return declared_spelling(found, named)
    return next((t for t in (strip_site(n.text, names, sites) for n in named) if t), "")


def title_matches(printed: list[Printed], named: list[Named], sites: list[str], start: int,
                  own: Sequence[str] = ()) -> list[Printed]:
    """Rule 1: the visible elements whose words are a named title or a run of its parts, best first: the
    one that covers most of a title, then the most heading-like, then the nearest above the body. Of two
    nested ones, the inner one (the outer one glues a section label or a date to it). A part of a title
    that names the site (its logo prints it too) does not count, nor a run on the site's side of the site's
    own name (``own``: ``site_runs``).
    """
    ranked: dict[int, tuple[tuple[float, int, int], Printed]] = {}
    for title in named:
        whole = _words(title.text)
        spans = {s for s in title_spans(title.text) if s == whole or not _names_site(" ".join(s), sites)} \
            - site_runs(title.text, own)
        for element in printed:
            if element.words not in spans:
                continue
            if element.rank == RANK_PLAIN:
                element.rank_as(enclosing_heading(element.element))
            distance = start - element.order if element.order <= start else len(printed) + element.order
            key = (-len(element.words) / len(whole), element.rank, distance)
            if element.order not in ranked or key < ranked[element.order][0]:
                ranked[element.order] = (key, element)
    found = [element for _, element in sorted(ranked.values(), key=lambda pair: pair[0])]
    return [e for e in found if not any(e.order < f.order <= e.end for f in found)]


def enclosing_heading(element: HtmlElement) -> int:
    """The rank of the heading (``<h1>``-``<h3>``) that holds a plain element two levels up at most, else
    plain (*the headline as a link inside a heading*: ``<h2><div>News</div><a>Headline</a></h2>``, a
    section label glued before it: the link is the printed title, ranked as its heading)."""
    parent = element.getparent()
    for _ in range(2):
        if parent is None:
            break
        rank = _TAG_RANK.get(parent.tag, RANK_PLAIN)
        if rank <= RANK_H3:
            return rank
        parent = parent.getparent()
    return RANK_PLAIN


def part_nearer_body(chosen: Printed, headings: list[Printed], named: list[Named], body: Body) -> Printed:
    """Rule 1b (*the masthead and the post's heading*): where the page prints two parts of one title as two
    headings, the one printed nearer above the body is the article's and the other the site's or the
    blog's name. A blog's ``<title>`` "Blog: Post" (or "Post | Blog"), the blog's name as the masthead's
    ``<h1>`` and the post's title as an ``<h2>``/``<h3>`` just above the entry: the two headings' words, in
    either order, make the whole title, and the one between the other and the body's start is the
    headline. (On the dev pages: 5 pages of 3 blogs, none lost.)"""
    wholes = {_words(n.text) for n in named}
    nearer = [m for m in headings if chosen.order < m.order and m.end < body.start
              and (chosen.words + m.words in wholes or m.words + chosen.words in wholes)]
    return nearer[-1] if nearer else chosen


def last_heading(printed: list[Printed], body: Body) -> Printed | None:
    """The last heading (``<h1>``-``<h3>``) before the body's first paragraph, with no other heading between
    (*the post's heading just above its text*): a one-word title part printed there ("Shuteye" of
    "Shuteye : All & Sundry") is the post's, not a section's (``about_the_body``)."""
    for element in reversed(printed):
        if element.end < body.start and element.rank < RANK_PLAIN:
            return element if element.rank <= RANK_H3 else None
    return None


def about_the_body(element: Printed, body: Body) -> bool:
    """A heading that agrees with a title speaks of the body: it shares a content word with the body's
    opening, or it has ``HEADLINE_MIN_WORDS`` words or more (a one- or two-word title printed as a heading
    and absent from the body is the site's or the section's name: "Mercury", "Top Stories")."""
    if element.order > body.start and word_count(element.words) < HEADLINE_MIN_WORDS:
        return False  # a label under the body's start: "Money", "940 MONTREAL"
    return word_count(element.words) >= HEADLINE_MIN_WORDS or bool(_content_words(element.words) & body.lead) \
        or not body.lead


def site_heading(element: Printed, body: Body, whole: set[tuple[str, ...]], fronts: set[tuple[str, ...]]) -> bool:
    """A heading that is a whole one-part title (``whole``: the titles without separators) and shares no
    content word with the body's opening is the site's name printed again when it stands below the body's
    start (a footer, a side column: ``<title>Morris Daily Herald</title>`` and the same words under the
    article) or when a link to the site's home or a section front prints it too (``fronts``: a masthead).
    Taken only when no other rule finds a headline. (A part of "Headline - Site" is a headline wherever it
    is.)"""
    return element.words in whole and bool(body.lead) and not _content_words(element.words) & body.lead \
        and (element.order > body.start or element.words in fronts)


def headline_like(element: Printed, body: Body) -> bool:
    """Rule 2: a printed text that is not a heading reads as a headline, not a menu or section label, when
    it has ``HEADLINE_MIN_WORDS`` words or more, shares a content word with the body's opening and stands
    before the body's start (*the title as a link in a list under the article*: "Most e-mailed", "More
    stories" print the page's own title among others' below the text; l3s: +1 page, none lost)."""
    return element.end < body.start and word_count(element.words) >= HEADLINE_MIN_WORDS \
        and bool(_content_words(element.words) & body.lead)


def title_in_line(printed: list[Printed], named: list[Named], sites: list[str], body: Body) -> str:
    """Rule 2b (*the title printed inside a line*): a named title, its site's name left out, of
    ``HEADLINE_MIN_WORDS`` words or more whose words run unbroken inside one printed line above the body
    that also holds a date ("January 18, 2008 Headline By Jane Roe"): that title."""
    for title in named:
        text = strip_site(title.text, sites)
        want = _words(text)
        size = len(want)
        if word_count(want) < HEADLINE_MIN_WORDS:
            continue
        for element in printed:
            if element.end >= body.start:
                break
            have = element.words
            if len(have) > size and any(have[i:i + size] == want for i in range(len(have) - size + 1)) \
                    and dated(element.text):
                return text
    return ""


def single_h1(printed: list[Printed], body: Body) -> str:
    """Rule 3: the page's only ``<h1>``, when it has two words or more (one word: a logo or a label); or the
    heading under it that speaks of the body (``heading_under_masthead``)."""
    found = [e for e in printed if e.tag == "h1"]
    if len(found) == 1 and 2 <= word_count(found[0].words) <= HEADLINE_WORDS_MAX:
        return heading_under_masthead(found[0], printed, body).text
    return ""


#: Tags of the headings under a masthead's ``<h1>`` that may print the post's headline.
_SUBHEADINGS = frozenset({"h2", "h3"})


def heading_under_masthead(h1: Printed, printed: list[Printed], body: Body) -> Printed:
    """Rule 3b (*the site's name as the page's only* ``<h1>``, *the post's headline an* ``<h2>``/``<h3>``
    *under it*): an ``<h1>`` above the body that shares no content word with the body's opening (a blog's
    or a network's name: "Example News Network") gives way to the last ``<h2>``/``<h3>`` between it and the
    body that shares ``LEAD_SHARED`` content words or more with the opening and is neither a dateline nor
    a standfirst. Only where no named title is printed (rules 1-2 found nothing): a title match is kept.
    (l3s: +1 page; no page of the three corpora lost.)"""
    if h1.end >= body.start or not body.lead or _content_words(h1.words) & body.lead:
        return h1
    later = [m for m in printed if h1.end < m.order and m.end < body.start and m.tag in _SUBHEADINGS
             and 2 <= word_count(m.words) <= HEADLINE_WORDS_MAX
             and len(_content_words(m.words) & body.lead) >= LEAD_SHARED
             and not dated(m.text) and not standfirst(m)]
    return later[-1] if later else h1


def heading_above_body(printed: list[Printed], body: Body) -> str:
    """Rule 3: of the headings (``headline_rank`` below plain) of two words or more before the body's first
    paragraph, the one that shares most content words with the body's opening (at least one), then the
    nearest to it; never a link in a list item (``_list_link``: a feed's or a menu's entry, ranked as a
    heading by its ``class="title"``)."""
    best: tuple[tuple[int, int], str] | None = None
    for element in printed:
        least = HEADLINE_MIN_WORDS if element.rank == RANK_MINOR else 2  # a bold label: "Video extract"
        if element.end >= body.start or not least <= word_count(element.words) <= HEADLINE_WORDS_MAX:
            continue
        shared = len(_content_words(element.words) & body.lead)
        if shared and (element.rank == RANK_PLAIN or dated(element.text) or standfirst(element)
                       or _list_link(element.element)):
            continue
        key = (shared, element.order)
        if shared and (best is None or key > best[0]):
            best = (key, element.text)
    return best[1] if best else ""


def _list_link(element: HtmlElement) -> bool:
    """A link in a list item, two levels up at most (``<li><a>``, ``<li><h3><a>``): a teaser's or a menu's
    entry, not the page's headline (l3s: +1 page, a sports feed's ``<a class="title">`` over the story's
    headline; none lost)."""
    if element.tag != "a":
        return False
    parent = element.getparent()
    for _ in range(2):
        if parent is None:
            return False
        if parent.tag == "li":
            return True
        parent = parent.getparent()
    return False


def line_above_body(printed: list[Printed], body: Body) -> str:
    """Rule 5: the nearest line of plain text before the body's first paragraph, outside the element that
    holds the body's paragraphs, that reads as its headline:
    ``HEADLINE_MIN_WORDS`` words or more, ``LEAD_SHARED`` content words or more shared with the body's
    opening, and most of its content words among them."""
    for element in reversed([e for e in printed if e.end < body.start]):
        if not HEADLINE_MIN_WORDS <= word_count(element.words) <= HEADLINE_WORDS_MAX \
                or body.container[0] < element.order <= body.container[1]:
            continue  # a short paragraph among the body's is the body's
        content = _content_words(element.words)
        shared = len(content & body.lead)
        if shared >= LEAD_SHARED and 2 * shared > len(content) and not dated(element.text) \
                and not standfirst(element):
            return element.text
    return ""


def heading_next_to_body(printed: list[Printed], body: Body) -> str:
    """Rule 5 (*the heading next to the body*), for a page that names a title: when no named title is
    printed (a ``<title>`` that is only the site's name or its section's) and no heading shares a word
    with the body's opening, the last heading of two words or more before the body's first paragraph,
    passing over datelines and bylines between them ("Capping the deal" / "2007-12-30 14:49" / the body).
    Without any named title the rule is not tried: an article's first section heading stands there."""
    for element in reversed(printed):
        if element.end >= body.start or element.rank == RANK_PLAIN:
            continue
        if body.container[0] < element.order <= body.container[1] and element.rank >= RANK_MINOR:
            return ""  # a bold line in the element that holds the body's paragraphs: the article's subheading
        if dated(element.text) or standfirst(element) \
                or (_BYLINE_START.match(element.text) and bylines.clean_names(element.text)):
            continue
        if 2 <= word_count(element.words) <= HEADLINE_WORDS_MAX:
            return element.text
        return ""
    return ""


#: A byline's first word ("By Jane Roe", "Par Jeanne Martin").
_BYLINE_START = re.compile(r"(?:by|par|von|door|por|di|av)\s", re.I)


def standfirst(element: Printed) -> bool:
    """A line that is a whole sentence (``STANDFIRST_WORDS`` words or more, a full stop at its end) is the
    standfirst under the headline (often set in bold), never the headline that rules 3 and 5 look for."""
    text = element.text.rstrip()
    return text.endswith(".") and not text.endswith("..") and word_count(element.words) >= STANDFIRST_WORDS


def dated(text: str) -> bool:
    """A line with a full date in it ("Updated: Dec 31, 2007", "Wednesday 16 January 2008") is a dateline,
    never the headline that rules 3 and 5 look for."""
    return find_date(text) is not None or bool(_NUMERIC_DATE.search(text))


def strip_site(title: str, sites: list[str], own: Sequence[str] = ()) -> str:
    """Rule 4: ``title`` without its leading and trailing parts that name the site (``sites``), and without
    a tagline after the site's own name (``own``: "Post | Blog | A Blog About Food" -> "Post")."""
    title = clean_text(title)
    pieces = SEPARATOR.split(title)
    parts = [p for p in pieces if p.strip()]
    while len(parts) > 1 and _names_site(parts[-1], sites):
        parts.pop()
    while len(parts) > 1 and _names_site(parts[0], sites):
        parts.pop(0)
    parts = parts[:_tagline_start(parts, own)]
    if len(parts) == len(pieces):
        return title
    first, last = title.find(parts[0]), title.rfind(parts[-1])
    return clean_text(title[first:last + len(parts[-1])]) if 0 <= first <= last else title


def site_runs(title: str, sites: Sequence[str]) -> set[tuple[str, ...]]:
    """The runs of a title's parts on the site's side of it, never the headline (*the site's name and its
    tagline*): where the site's name (``sites``: the names the site goes by, not a section's) stands between
    the headline and more parts ("Post | Blog | A Blog About Food", "Lancia Delta Review | Auto Cars 123 |
    Car Reviews"), the parts from it on are the site's: the masthead prints them ("Auto Cars 123 | Car
    Reviews", the tagline "A Blog About Food") as often as the headline."""
    parts = [p for p in SEPARATOR.split(title) if _words(p)]
    start = _tagline_start(parts, sites)
    words = [_words(p) for p in parts]
    return {tuple(w for part in words[i:j] for w in part)
            for i in range(start, len(parts)) for j in range(i + 1, len(parts) + 1)}


def _tagline_start(parts: list[str], sites: Sequence[str]) -> int:
    """Where the site's side of a title begins when its name stands between the headline and more parts
    ("Headline | Site | Tagline": the tagline is the site's too); ``len(parts)`` when it does not."""
    return next((i for i in range(1, len(parts) - 1) if _names_site(parts[i], list(sites))), len(parts))


def declared_spelling(text: str, named: list[Named]) -> str:
    """The printed headline as the publisher's declared title (JSON-LD, ``og:title``) spells it, where their
    words are the same: its quotes and dashes as the publisher typed them; but the printed spelling where
    the page's ``<title>`` spells it the same, character for character, and the declared one is no more
    typographic (*two of the page's own sources agree*: the printed headline and ``<title>`` with curly
    quotes and an en dash, ``og:title`` typed with straight ones; dev pages: 3, of 2 sites)."""
    declared = next((n.text for n in named if n.declared and _words(n.text) == _words(text)), text)
    if declared != text and _typographic(declared) <= _typographic(text) \
            and any(not n.declared and text in n.text for n in named):
        return text
    return declared


def _typographic(text: str) -> int:
    """How many characters of a title are typographic (curly quotes, dashes: outside ASCII)."""
    return sum(not c.isascii() for c in text)


def title_spans(title: str) -> set[tuple[str, ...]]:
    """The word sequences a printed headline may have: the whole title, every run of its parts between
    separators ("A: B | Site" -> "A: B", "B | Site", "A", "B", "Site" ...), the title without a trailing
    bracketed note, and its words before the first or after the last separator written without spaces
    ("Headline_Section_Site" -> "Headline")."""
    spans = {_words(title), _words(BRACKETED_NOTE.sub("", title))}
    for text in {title, BRACKETED_NOTE.sub("", title)}:
        parts = [_words(p) for p in SEPARATOR.split(text)]
        for i in range(len(parts)):
            for j in range(i + 1, len(parts) + 1):
                spans.add(tuple(w for part in parts[i:j] for w in part))
    tight = [_words(p) for p in TIGHT_SEPARATOR.split(title)]
    for i in range(1, len(tight)):
        spans.add(tuple(w for part in tight[:i] for w in part))
        spans.add(tuple(w for part in tight[i:] for w in part))
    spans.discard(())
    return spans


class Node(NamedTuple):
    """One element of the body in document order: where its subtree ends, how much text it shows (white
    space runs counted once, scripts and styles not at all) and how much of that is its own (its text, its
    children's tails and its inline children's text: a paragraph's, not its blocks')."""

    element: HtmlElement
    order: int
    end: int
    shown: int
    own: int
    scripted: bool
    parent: int


def page_nodes(root: HtmlElement) -> list[Node]:
    """Every element of the body with its text sizes (``Node``), in one walk of the tree."""
    body = root.find("body")
    if body is None:
        return []
    nodes: list[Node | None] = []
    stack: list[list[int]] = []  # [order, shown so far, own so far, holds a script or a style, parent]
    unseen = _UNSEEN
    new = tuple.__new__  # ``Node(...)`` without its keyword-taking ``__new__`` (a Python call per element)
    for event, element in etree.iterwalk(body, events=("start", "end")):
        tag = element.tag
        if event == "start":
            text = element.text
            size = _size(text) if text and tag.__class__ is str and tag not in unseen else 0
            stack.append([len(nodes), size, size, 0, stack[-1][0] if stack else -1])
            nodes.append(None)
            continue
        order, shown, own, scripted, parent = stack.pop()
        seen = tag.__class__ is str and tag not in unseen
        nodes[order] = new(Node, (element, order, len(nodes) - 1, shown if seen else 0, own, bool(scripted), parent))
        if stack:
            tail = element.tail
            tail = _size(tail) if tail else 0
            top = stack[-1]
            top[1] += (shown if seen else 0) + tail
            top[2] += tail + (shown if seen and tag in _INLINE else 0)
            top[3] |= scripted or not seen
    return [n for n in nodes if n is not None]


def printed_elements(nodes: list[Node]) -> list[Printed]:
    """Every visible element of the body short enough to be a headline, in document order; where a
    wrapper and its child print the same words, the most heading-like of them."""
    found: dict[tuple[str, ...], int] = {}
    printed: list[Printed] = []
    # order -> (its words, its text where it was read; None: read later from the element, if ever)
    texts: dict[int, tuple[tuple[str, ...], str | None]] = {}
    hidden_until = -1  # the end (document order) of the hidden element the walk is inside, if any
    for node in nodes:
        if node.order <= hidden_until:
            continue  # inside a hidden element (``<div style="display:none">``): never printed
        if node.element.get("hidden") is not None or (node.element.get("style") is not None
                                                       and _hidden(node.element)):
            hidden_until = node.end
            continue
        shown = node.shown
        if not 0 < shown <= HEADLINE_CHARS:  # shown > 0: a seen element with text
            if not shown and node.element.tag in _PICTURE_HEADINGS:
                pictured = picture_heading(node.element)
                if pictured:
                    printed.append(Printed(pictured, _words(pictured), node.order, node.end, node.element))
            continue
        element = node.element
        parent = node.parent
        if parent in texts and nodes[parent].shown == shown:
            seen, text = texts[parent]  # a wrapper's only content: the same text, not read twice
        else:
            text = visible_text(element) if node.scripted else None
            read = text or _text_of(element)
            seen = tuple(_WORD.findall(read.casefold()))
            # ``without_dateline`` keeps a text without a digit as it is: read unscripted, it is left for
            # ``Printed.text`` to read if ever asked (the same text: most never are)
            if len(seen) >= DATED_HEADLINE_WORDS and (text is not None or _DIGIT.search(read)):
                text = text or PERMALINK_SIGN.sub("", clean_text(element.text_content()))
                bare = without_dateline(element, text)
                if bare != text:
                    text, seen = bare, _words(bare)
        texts[node.order] = (seen, text)
        if not seen:
            continue
        item = Printed(text, seen, node.order, node.end, element)
        if seen in found and printed[found[seen]].end >= node.order:
            # the <h1> inside a wrapper <div>: the heading
            if _may_head(element) and item.rank < printed[found[seen]].rank:
                printed[found[seen]] = item
            continue
        found[seen] = len(printed)
        printed.append(item)
    return printed


#: Heading tags whose picture may print the headline (``picture_heading``).
_PICTURE_HEADINGS = frozenset({"h1", "h2", "h3"})


def picture_heading(element: HtmlElement) -> str:
    """The headline of a heading that prints it as a picture and shows no text (*a headline set as an
    image*: ``<h2><img alt="Post title"></h2>``, a title drawn in the blog's typeface by a plugin, an old
    site's headline graphic): the picture's ``alt`` text; "" when the heading holds anything else, or when
    the picture links to a front page (``_front_page``: the logo, whose ``alt`` often copies ``<title>``)."""
    pictures = [e for e in element.iter() if e.tag == "img"]
    if len(pictures) != 1 or any(_front_page(a.get("href") or "") for a in element.iter("a")):
        return ""
    alt = clean_text(pictures[0].get("alt") or "")
    return alt if 0 < len(alt) <= HEADLINE_CHARS else ""


def _text_of(element: HtmlElement) -> str:
    """``element.text_content()``, serialised by lxml in C (about half the time of the XPath it runs)."""
    return etree.tostring(element, method="text", encoding=str, with_tail=False)


def without_dateline(element: HtmlElement, text: str) -> str:
    """The text without a first or last child that holds a date (*a dateline glued to the headline*):
    "Headline <span>28/12/2007 11:27</span>", "<h1>Headline <div>(14/01/2008)</div></h1>", "<span>January
    18, 2008</span> Headline" print the headline and its date as one line; through wrappers of one child
    (``<tr><td>Headline<table>...Published: 2 January, 2008</table></td></tr>``)."""
    if not _DIGIT.search(text):
        return text  # no date without a digit: most elements stop here
    children = [c for c in element if isinstance(c.tag, str)]
    while len(children) == 1 and not (element.text or "").strip() and not (children[0].tail or "").strip():
        element = children[0]  # a wrapper (a table row, a link) of the element that holds headline and date
        children = [c for c in element if isinstance(c.tag, str)]
    if not children:
        return text
    last, first = children[-1], children[0]
    if not (last.tail or "").strip():
        date = clean_text(last.text_content())
        if date and len(date) < len(text) and text.endswith(date) and dated(date):
            return clean_text(text[:-len(date)])
    if not (element.text or "").strip():
        date = clean_text(first.text_content())
        if date and len(date) < len(text) and text.startswith(date) and dated(date):
            return clean_text(text[len(date):])
    return text


def visible_text(element: HtmlElement) -> str:
    """The element's text without what its scripts, styles, buttons and other unseen elements hold, white
    space made single."""
    pieces: list[str] = []
    skipping = 0
    for event, node in etree.iterwalk(element, events=("start", "end")):
        if event == "start":
            if skipping or not _seen(node):
                skipping += 1
            elif node.text:
                pieces.append(node.text)
            continue
        if skipping:
            skipping -= 1
        if node is not element and node.tail and not skipping:
            pieces.append(node.tail)
    return clean_text(" ".join(pieces))


def headline_rank(element: HtmlElement) -> int:
    """How heading-like an element is: ``<h1>`` 0; ``<h2>``, ``itemprop=headline`` or a class/id word of
    ``HEADLINE_WORDS`` 1; ``<h3>`` 2; ``<h4>``-``<h6>`` or a bold or big line (``<b>``, ``<strong>``,
    ``<big>``, ``<font size>``, or an element whose only content is one of them) 3; anything else 4."""
    rank = _TAG_RANK.get(element.tag, RANK_PLAIN)
    if rank > RANK_H2 and ("headline" in (element.get("itemprop") or "") or _headline_class(element)):
        rank = RANK_H2
    if rank == RANK_PLAIN and _emphasised(element):
        rank = RANK_MINOR
    return rank


def _headline_class(element: HtmlElement) -> bool:
    """A class or id word of ``HEADLINE_WORDS``, also numbered ("headline2", "title1": a template's variants)
    or run together with a word after it (``_HEADLINE_TOKEN``: "headingstory")."""
    return _names_headline(words.markup_tokens(element))


@lru_cache(maxsize=4096)
def _names_headline(tokens: frozenset[str]) -> bool:
    """Cached by token set (a page repeats a few class strings, and ``markup_tokens`` gives each one the
    same set)."""
    return any(_HEADLINE_TOKEN.fullmatch(token) for token in tokens)


def _may_head(element: HtmlElement) -> bool:
    """Can the element rank above plain text (``headline_rank``)? A cheap test that most elements fail."""
    tag = element.tag
    return tag in _TAG_RANK or tag in _EMPHASIS or tag == "font" or len(element) == 1 \
        or element.get("class") is not None or element.get("id") is not None or element.get("itemprop") is not None


def _emphasised(element: HtmlElement) -> bool:
    if element.tag in _EMPHASIS or (element.tag == "font" and element.get("size")):
        return True
    if not len(element):  # no child (most elements): nothing inside to set it in bold
        return False
    children = [c for c in element if isinstance(c.tag, str)]
    return (len(children) == 1 and not (element.text or "").strip() and not (children[0].tail or "").strip()
            and _emphasised(children[0]))


def article_body(nodes: list[Node]) -> Body:
    """The article's first paragraph and opening words: of the elements that hold the most paragraph text
    (paragraphs: elements whose own text, without their blocks', has ``PARAGRAPH_CHARS`` or more, whatever
    their tag: ``<p>``, ``<div>``, a ``<td>`` of ``<br>``-separated lines), the first paragraph; the end
    of the page, with no words, if it has no paragraph."""
    totals: dict[HtmlElement, int] = {}
    paragraphs: dict[HtmlElement, list[Node]] = {}
    for node in nodes:
        parent = node.element.getparent()
        if node.own < PARAGRAPH_CHARS or parent is None or not _seen(node.element):
            continue
        totals[parent] = totals.get(parent, 0) + node.own
        paragraphs.setdefault(parent, []).append(node)
    if not totals:
        return Body(len(nodes), frozenset())
    container = max(totals, key=lambda k: totals[k])
    found = paragraphs[container]
    opening = " ".join(visible_text(node.element) for node in found[:LEAD_PARAGRAPHS])
    holder = next((n.order for n in reversed(nodes[:found[0].order]) if n.element is container), -1)
    return Body(text_start(nodes, found[0]), _content_words(_words(opening)), (holder, found[-1].order))


def text_start(nodes: list[Node], first: Node) -> int:
    """Where the body's first paragraph starts its text (*the headline inside the first paragraph*): a
    table cell or a ``<div>`` of ``<br>``-separated lines often holds the headline (a bold line, a heading
    ``<span>``) and the date above its text; the body then starts after them, at the first run of plain
    text of ``LEAD_PIECE_CHARS`` or more (the element's own text, a tail, a plain child's text). The
    paragraph itself when it has no such run."""
    for node in nodes[first.order:first.end + 1]:
        element = node.element
        if not _seen(element):
            continue
        if _size(element.text) > LEAD_PIECE_CHARS and (node is first or headline_rank(element) == RANK_PLAIN):
            return node.order
        if node is not first and _size(element.tail) > LEAD_PIECE_CHARS:
            return node.end + 1
    return first.order


def _size(text: str | None) -> int:
    """Characters of a piece of text with its white space runs counted once."""
    return len(" ".join(text.split())) + 1 if text and not text.isspace() else 0


def _seen(element: HtmlElement) -> bool:
    return isinstance(element.tag, str) and element.tag not in _UNSEEN


def recurring_names(root: HtmlElement, named: list[str]) -> list[str]:
    """Parts of the named titles that the page also prints as the text of a link to its home or to a
    section's front (``_front_page``): the logo and the menu name the site or the section, never the
    article."""
    parts = {_words(p) for title in named for p in SEPARATOR.split(title) if _words(p)}
    if not parts:
        return []
    found = []
    for link in root.iter("a"):
        text = clean_text(_text_of(link)) or clean_text(str(_IMAGE_ALT(link)))
        if text and len(text) <= HEADLINE_CHARS and _words(text) in parts and _front_page(link.get("href") or ""):
            found.append(text)
    return found


_IMAGE_ALT = etree.XPath("string(.//img/@alt)")


def host_names(url: str) -> list[str]:
    """The names a site's address gives: ``https://www.example-news.co.uk/x`` -> ``example-news.co.uk``,
    ``example-news``."""
    host = (urlsplit(url).hostname or "") if url.startswith(("http://", "https://")) else ""
    labels = host.removeprefix("www.").split(".")
    if len(labels) < 2:
        return []
    country = len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in ("co", "com", "org", "net", "ac", "ne")
    name = labels[-3] if country else labels[-2]
    return [".".join(labels), name]


def _front_page(href: str) -> bool:
    """A link to a site's home or a section's front: no query, at most one short path segment, no digits."""
    address = urlsplit(href.strip())
    segments = [s for s in address.path.split("/") if s and not s.startswith("index.")]
    return not address.query and len(segments) <= 1 and not any(c.isdigit() for c in "".join(segments)) \
        and all(len(s) <= FRONT_SEGMENT_CHARS for s in segments)


def _names_site(part: str, sites: list[str]) -> bool:
    """Does this piece of a title name the site (a name it goes by, a domain, or a form of its host)?"""
    piece = _key(part)
    if not piece:
        return False
    if re.fullmatch(r"(?:www\.)?[\w-]+(?:\.[a-z]{2,})+", part.strip().lower()):
        return True
    short = len(_WORD.findall(part)) <= SITE_PART_WORDS  # "Nintendo Official Site", not a headline naming it
    for site in sites:
        name = _key(site)
        if name and (piece == name or (len(name) >= 4 and ((short and name in piece) or piece in name))):
            return True
    return False


def _hidden(element: HtmlElement) -> bool:
    return element.get("hidden") is not None or "display:none" in (element.get("style") or "").replace(" ", "")


def word_count(words: tuple[str, ...]) -> int:
    """How many words a text has, a run of Chinese, Japanese or Korean characters (written without spaces)
    counting one word for every ``CJK_WORD_CHARS`` characters."""
    return sum(max(1, len(w) // CJK_WORD_CHARS) if _CJK.match(w) else 1 for w in words)


def _content_words(words: tuple[str, ...]) -> frozenset[str]:
    """Words long enough to carry content, their plural "s" left out ("bears" ~ "bear")."""
    return frozenset(w.removesuffix("s") for w in words if len(w) >= CONTENT_CHARS)


def _words(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(text.casefold()))


def _key(text: str) -> str:
    return "".join(_WORD.findall(text.casefold()))
