"""Block rules: what the article scorer kept but a reader does not want, removed from the located article.

Same shape as the page rules (``clean.py``): ``(element, ArticleFacts) -> bool`` functions in the named,
ordered table ``BLOCK_RULES``, applied top-down by ``prune_article``.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field, replace

from lxml import etree
from lxml.html import HtmlElement

from converter.extract.html import vocabulary as words
from converter.extract.html.parse import clean_text, text_length
from converter.extract.html.rules import Rule, drop_matching
from converter.extract.result import Decision


class BlockText:
    """The text of the element the block rules are asking about, white space made single (its length is
    ``text_length``): read once for
    all the rules that look at it (six of them read the whole text of every container, the article's own
    among them). The rules only read the tree, and none is asked about an element after one drops it, so
    the text stays what it was while the rules are asked in turn."""

    __slots__ = ("element", "text")

    def __init__(self) -> None:
        self.element: HtmlElement | None = None
        self.text = ""

    def of(self, element: HtmlElement) -> str:
        """``clean_text(element.text_content())``."""
        if element is not self.element:
            self.element, self.text = element, clean_text(element.text_content())
        return self.text


@dataclass(frozen=True)
class ArticleFacts:
    """What the block rules may know about the article."""

    title: str
    """The headline found in the metadata, so a repeated title heading can go."""
    subtitle: str = ""
    """The standfirst found in the metadata, so it is not repeated as the body's first paragraph."""
    repeats: frozenset[HtmlElement] = frozenset()
    """Text blocks that say word for word what an earlier block said (see ``repeated_blocks``)."""
    article_chars: int = 0
    """Characters of text in the located article (``prune_article`` fills it in)."""
    block_text: BlockText = field(default_factory=BlockText, compare=False, repr=False)
    """The text of the element being asked about (``prune_article`` gives each run its own)."""


#: A block of links with at least this share of its text inside links is a link list (teasers, tags).
LINK_LIST_DENSITY = 0.7
#: Calls to action and bylines are short; longer blocks starting the same way are article text.
SHORT_BLOCK = 160
#: A list of links holding more than this share of the article's text is the article (a post that gathers
#: links to other posts, a video page's description among its playlists): dropping it would leave nothing.
MAX_LINK_LIST_SHARE = 0.5
#: A paragraph with this share of its text in links is a teaser line.
TEASER_DENSITY = 0.9
#: A filing line names a few categories and tags (and, in WordPress's sentence, the date and the feed).
FILING_LINE = 320
#: An author's box is a paragraph or two.
AUTHOR_BOX_CHARS = 1200
#: Date lines are a date, a time and a word or two.
SHORT_DATELINE = 80
_DIGIT = re.compile(r"\d")
#: ``[name attr="..."]`` alone, or ``[name ...]text[/name]``; not ``[Photo=Agency]`` or ``[1]``.
_SHORTCODE = re.compile(r"\[([a-z_]+)(?:\s[^\]]*)?\](?:.*?\[/\1\])?", re.S)
#: Shorter blocks may repeat on purpose (a refrain, "Yes.").
MIN_REPEATED = 40
_CONTAINERS = frozenset(("ul", "ol", "div", "section", "aside", "footer", "header", "p", "dl", "table"))
_SUBHEADINGS = frozenset(("h2", "h3", "h4", "h5", "h6"))
_HEADINGS = frozenset(("h1", *_SUBHEADINGS))
#: What a figure shows besides its caption (a figure of a quotation or a table is kept with its caption).
_FIGURE_CONTENT = frozenset(("img", "picture", "svg", "math", "table", "blockquote", "pre", "code", "audio", "object"))
#: Content that has no text of its own.
_CONTENT_WITHOUT_TEXT = frozenset(("img", "picture", "video", "audio", "iframe", "svg", "math"))
_NON_WORD = re.compile(r"\W+")
#: Brackets, bullets and emphasis marks a teaser line may open with.
_OPENING_MARKS = "[(*_•·»>–—- "



def title_heading(element: HtmlElement, facts: ArticleFacts) -> bool:
    """An ``<h1>``/``<h2>`` that repeats the headline (the title is metadata, not body)."""
    return element.tag in ("h1", "h2") and bool(facts.title) and _same(element.text_content(), facts.title)


def standfirst(element: HtmlElement, facts: ArticleFacts) -> bool:
    """The standfirst under the headline (it is the ``subtitle`` metadata), before the first paragraph."""
    if not facts.subtitle or element.tag not in (*_CONTAINERS, "h2", "h3"):
        return False
    before = (p for p in element.itersiblings(preceding=True) if p.tag == "p")
    first = not any(text_length(p) > SHORT_BLOCK for p in before)
    return first and _same(element.text_content(), facts.subtitle)


def time_stamp(element: HtmlElement, facts: ArticleFacts) -> bool:
    """A block that is only a ``<time>`` ("3 October 2024"): the date is metadata."""
    if element.tag not in _CONTAINERS and element.tag != "time":
        return False
    stamp = element if element.tag == "time" else element.find(".//time")
    return stamp is not None and _same(
        element.text_content(), stamp.text_content())


def repeated_text(element: HtmlElement, facts: ArticleFacts) -> bool:
    """A caption said before, word for word (gallery slides, a caption written twice). Paragraphs may
    repeat on purpose (the same question to each guest, a meal plan), so only captions count."""
    return element in facts.repeats


def repeated_blocks(article: HtmlElement) -> frozenset[HtmlElement]:
    """The captions of at least ``MIN_REPEATED`` characters whose text an earlier caption had."""
    seen: set[str] = set()
    repeats = set()
    for element in article.iter():
        if not isinstance(element.tag, str) or not (
                element.tag == "figcaption" or words.matches(element, words.CAPTION)):
            continue
        content = clean_text(element.text_content())
        if len(content) >= MIN_REPEATED and content in seen:
            repeats.add(element)
        seen.add(content)
    return frozenset(repeats)


def link_list(element: HtmlElement, facts: ArticleFacts) -> bool:
    """A list or box that is mostly links (related stories, tag lists, "more on this"), unless it holds most
    of the article (``MAX_LINK_LIST_SHARE``: then the links are what the page is about)."""
    if element.tag not in _CONTAINERS or element.tag == "p" or len(element.findall(".//a")) < 2:
        return False
    total = len(facts.block_text.of(element))
    if facts.article_chars and total > MAX_LINK_LIST_SHARE * facts.article_chars:
        return False
    linked = sum(text_length(a) for a in element.iter("a"))
    return total > 0 and linked / total >= LINK_LIST_DENSITY


def call_to_action(element: HtmlElement, facts: ArticleFacts) -> bool:
    """A short block or heading that starts with "Sign up", "Subscribe", "Share this", "Read more" ...,
    also inside brackets or after a bullet ("[Related: ...]", "(Read more: ...)", "» Subscribe")."""
    if element.tag not in _CONTAINERS and element.tag not in _SUBHEADINGS and element.tag != "li":
        return False
    content = facts.block_text.of(element).lower().lstrip(_OPENING_MARKS)
    return len(content) <= SHORT_BLOCK and content.startswith(words.CALL_TO_ACTION)


def byline_block(element: HtmlElement, facts: ArticleFacts) -> bool:
    """A short block named ``byline``/``author`` (the authors are metadata)."""
    return (element.tag in _CONTAINERS and bool(words.matches(element, words.BYLINE))
            and len(facts.block_text.of(element)) <= SHORT_BLOCK)


def link_paragraph(element: HtmlElement, facts: ArticleFacts) -> bool:
    """A short paragraph that is nothing but a link: a teaser to another story ("[Who will win?](...)")."""
    if element.tag != "p":
        return False
    links = [a for a in element.iter("a") if not (a.get("href") or "").startswith("mailto:")]
    if not links:
        return False  # an author's address alone on a line is not a teaser
    total = len(facts.block_text.of(element))
    linked = sum(text_length(a) for a in links)
    return 0 < total <= SHORT_BLOCK and linked / total >= TEASER_DENSITY


def dateline(element: HtmlElement, facts: ArticleFacts) -> bool:
    """A short line "Updated 12:24 am EST Wednesday ..." or "Published 3 May 2019" (the date is metadata)."""
    if element.tag not in _CONTAINERS and element.tag != "time":
        return False
    content = facts.block_text.of(element).lower()
    dated = bool(_DIGIT.search(content))
    return len(content) <= SHORT_DATELINE and content.startswith(words.DATELINE) and dated


def reading_time(element: HtmlElement, facts: ArticleFacts) -> bool:
    """A short line estimating the reading time: "Reading time: 4 minutes", "5 min read" (about the page,
    not the article's text)."""
    if element.tag not in _CONTAINERS and element.tag not in ("span", "time"):
        return False
    content = facts.block_text.of(element).lower().strip("*_ ·|")
    if len(content) > SHORT_DATELINE or not _DIGIT.search(content):
        return False
    return content.startswith(words.READING_TIME) or content.endswith(words.READING_TIME_AFTER)


def filing_line(element: HtmlElement, facts: ArticleFacts) -> bool:
    """The line filing the post under categories and tags: "Posted in News | Comments", "Tags: a, b"."""
    if element.tag not in _CONTAINERS:
        return False
    content = facts.block_text.of(element).lower()
    return len(content) <= FILING_LINE and content.lstrip("*_ ").startswith(words.FILING)


def author_box(element: HtmlElement, facts: ArticleFacts) -> bool:
    """The box about the author under a post ("Jane is a food writer who ..."), named ``author-box``,
    ``about-author``, ``author-bio``, ``postauthor``: the author is metadata, the box is not the article."""
    if element.tag not in _CONTAINERS or element.tag == "p":
        return False
    tokens = words.markup_tokens(element)
    named = ("author" in tokens and bool(tokens.intersection(words.AUTHOR_BOX))) or bool(
        tokens.intersection(words.AUTHOR_BOX_WORDS))
    return named and len(facts.block_text.of(element)) <= AUTHOR_BOX_CHARS


def ad_label(element: HtmlElement, facts: ArticleFacts) -> bool:
    """A block whose whole text is an ad slot's label ("Advertisement", "Article continues below")."""
    if element.tag not in _CONTAINERS:
        return False
    return facts.block_text.of(element).lower().strip(".:") in words.AD_LABELS


def script_notice(element: HtmlElement, facts: ArticleFacts) -> bool:
    """A short block saying a script did not run ("This slideshow requires JavaScript.")."""
    if element.tag not in _CONTAINERS:
        return False
    content = facts.block_text.of(element).lower()
    return len(content) <= SHORT_BLOCK and any(
        notice in content for notice in words.SCRIPT_NOTICES)


def lost_picture_caption(element: HtmlElement, facts: ArticleFacts) -> bool:
    """The caption of a figure whose picture is not in the edition (a video player, an interactive graphic,
    a slideshow that a script fills): a caption of nothing ("Day 3, Part 10: the opening statement")."""
    figure = element.getparent()
    if element.tag != "figcaption" or figure is None or figure.tag != "figure":
        return False
    if any(e.tag in _FIGURE_CONTENT for e in figure.iter() if e is not element):
        return False
    return text_length(figure) == len(facts.block_text.of(element))


def leftover_shortcode(element: HtmlElement, facts: ArticleFacts) -> bool:
    """A paragraph that is a CMS shortcode nobody expanded (``[button link="..."]Send us[/button]``)."""
    return element.tag == "p" and bool(_SHORTCODE.fullmatch(facts.block_text.of(element)))


#: The block rules, in the order they are tried.
BLOCK_RULES: tuple[tuple[str, Rule[ArticleFacts]], ...] = (
    ("title_heading", title_heading),
    ("standfirst", standfirst),
    ("time_stamp", time_stamp),
    ("link_list", link_list),
    ("repeated_text", repeated_text),
    ("call_to_action", call_to_action),
    ("link_paragraph", link_paragraph),
    ("dateline", dateline),
    ("filing_line", filing_line),
    ("reading_time", reading_time),
    ("ad_label", ad_label),
    ("script_notice", script_notice),
    ("leftover_shortcode", leftover_shortcode),
    ("lost_picture_caption", lost_picture_caption),
    ("byline_block", byline_block),
    ("author_box", author_box),
)


#: Block rules whose blocks leave the body because they are the article's metadata (the headline, the
#: standfirst, the date, the byline), and the verdict ``--explain`` gives them, as for a text scrape's lines.
METADATA_VERDICTS = {"title_heading": "title", "standfirst": "metadata", "time_stamp": "metadata",
                     "byline_block": "metadata"}


def empty_section(element: HtmlElement, facts: ArticleFacts) -> bool:
    """A heading with nothing under it: no text and no picture before the next heading of its rank or above,
    or the article's end ("More Great Stories" or "Tell us what you think" once the list or the comment box
    they announced is gone, a section label left above the next section)."""
    if element.tag not in _HEADINGS:
        return False
    # what follows in document order, read lazily (most headings have text right after them)
    node: HtmlElement | None = element
    while node is not None:
        if (node.tail or "").strip():
            return False
        for sibling in node.itersiblings():
            for event, e in etree.iterwalk(sibling, events=("start", "end")):
                if event == "end":
                    if e is not sibling and (e.tail or "").strip():
                        return False
                elif e.tag in _HEADINGS and e.tag <= element.tag:
                    return True
                elif e.tag in _CONTENT_WITHOUT_TEXT or (isinstance(e.tag, str) and (e.text or "").strip()):
                    return False
            if (sibling.tail or "").strip():
                return False
        node = node.getparent()
    return True


#: Rules asked once the block rules are done, about what is left (a heading is empty once its list is gone).
LAST_RULES: tuple[tuple[str, Rule[ArticleFacts]], ...] = (
    ("empty_section", empty_section),
)


def prune_article(article: HtmlElement, facts: ArticleFacts,
                  disabled: Collection[str] = ()) -> list[Decision]:
    """Drop every element a rule names (see ``rules.drop_matching``); rules in ``disabled`` are skipped.
    A block that is metadata (``METADATA_VERDICTS``) is recorded as such, not as dropped."""
    facts = replace(facts, article_chars=text_length(article), block_text=BlockText())
    # the article was re-parsed from the scorer's output: its line numbers are not the page's
    return [replace(d, line=0, verdict=METADATA_VERDICTS.get(d.rule, d.verdict))
            for d in [*drop_matching(article, BLOCK_RULES, facts, disabled),
                      *drop_matching(article, LAST_RULES, facts, disabled, _is_heading)]]


def _is_heading(element: HtmlElement) -> bool:
    return element.tag in _HEADINGS


def _same(a: str, b: str) -> bool:
    return _NON_WORD.sub(" ", a).strip().lower() == _NON_WORD.sub(" ", b).strip().lower()
