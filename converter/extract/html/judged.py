"""Every text block of a page with the verdict it got, for ``--explain``: no text leaves without a line.

The page rules (``clean``) and block rules (``prune``) record what they drop. What remains is judged by
the article's container (``locate``): a block inside it is kept (``article_container``), a block outside
it is dropped (``outside_article_container``). ``page_blocks`` reads the page's blocks before the
container is chosen; ``judge_blocks`` sorts them once the article is final. A block outside the container
that the output still shows in another place is recorded as what it became (``BECAME``): the headline is
the title, a byline the metadata, a note's text a footnote. ``in_page_order`` puts the rows in the
page's order.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Collection, Iterable, Mapping
from itertools import accumulate, chain

from lxml import etree
from lxml.html import HtmlElement

from converter.extract.html.parse import clean_text
from converter.extract.result import Decision

#: Elements that hold a block of text (the innermost of them is the block reported).
BLOCK_TAGS = frozenset({"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "figcaption",
                        "td", "th", "dt", "dd", "caption", "div", "section", "article", "aside", "header",
                        "footer", "nav", "main", "ul", "ol", "table", "figure", "form"})
#: Characters of a block's text an explanation line shows.
SHOWN = 80


def innermost_blocks(root: HtmlElement) -> list[HtmlElement]:
    """Block elements with text and no block element inside them, in document order (one walk)."""
    holds_block: set[HtmlElement] = set()
    found: list[HtmlElement] = []
    for _, element in etree.iterwalk(root, events=("end",)):
        if not isinstance(element.tag, str):
            continue
        inner = any(child in holds_block for child in element)
        if element.tag in BLOCK_TAGS and not inner and element is not root:
            found.append(element)
        if inner or element.tag in BLOCK_TAGS:
            holds_block.add(element)
    found.sort(key=lambda e: e.sourceline or 0)  # ``end`` events come children first
    return found


def page_blocks(body: HtmlElement) -> list[tuple[int, str]]:
    """``(source line, text)`` of each innermost block with text, before the article is chosen."""
    out = []
    for element in innermost_blocks(body):
        text = clean_text(element.text_content())
        if text:
            out.append((_line(element), text))
    return out


#: A byline is short: a block this long that names the author is the article's text, not its byline.
BYLINE_CHARS = 200
_NON_WORD = re.compile(r"\W+")


def _words(text: str) -> str:
    return _NON_WORD.sub(" ", text).strip().lower()


def headline(text: str, metadata: Mapping[str, object], notes: Collection[str]) -> bool:
    """The block is the page's title (same words as ``metadata["title"]``)."""
    return bool(metadata.get("title")) and _words(text) == _words(str(metadata["title"]))


def site_name(text: str, metadata: Mapping[str, object], notes: Collection[str]) -> bool:
    """The block is the site's name (``metadata["site"]``), which the masthead shows."""
    return bool(metadata.get("site")) and _words(text) == _words(str(metadata["site"]))


def byline(text: str, metadata: Mapping[str, object], notes: Collection[str]) -> bool:
    """A short block naming one of the authors (``by Ann Lee · 9 February 2026``): the byline."""
    authors = metadata.get("authors") or ()
    names = [authors] if isinstance(authors, str) else list(authors)  # type: ignore[call-overload]
    return len(text) <= BYLINE_CHARS and any(str(n).strip() and str(n) in text for n in names)


def footnote_text(text: str, metadata: Mapping[str, object], notes: Collection[str]) -> bool:
    """A note's text (back links aside): it is the body's footnote definition."""
    words = _words(text)  # ``notes`` are in ``_words`` form already (judge_blocks), once per page
    return bool(words) and any(n in words or words in n for n in notes)


#: Blocks outside the article container that the output shows elsewhere: rule, test, verdict.
BECAME = (("title_heading", headline, "title"), ("site_name", site_name, "metadata"),
          ("byline_block", byline, "metadata"),
          ("footnote", footnote_text, "footnote"))


def _line(element: HtmlElement) -> int:
    """The page line of an element; one the extractor made (a ``<figcaption>`` for a caption it found)
    has none, and takes that of the nearest element around it or before it that has one. Lazily: an element
    nearly always has its own line, and its preceding siblings (1.5 million in a page of tiny paragraphs)
    are read only when it and its ancestors have none."""
    for other in chain((element,), element.iterancestors(), element.itersiblings(preceding=True)):
        if other.sourceline:
            return other.sourceline
    return 0


def judge_blocks(blocks: list[tuple[int, str]], article: HtmlElement, decided: list[Decision],
                 metadata: Mapping[str, object] | None = None, notes: Collection[str] = ()) -> list[Decision]:
    """A decision for every block not yet recorded: kept when its text is in the final article, recorded as
    title, metadata or footnote when the output shows it there (``BECAME``), else dropped."""
    article_text = clean_text(article.text_content())
    recorded = [d.text for d in decided if d.verdict != "kept"]
    # one search per block: "shown in any recorded text" as a search of them all joined by a character
    # the parser removed from the page (``parse._CONTROL``), so no match spans two of them
    joined = "\x00".join(recorded)
    exact = frozenset(recorded)
    long_ones = tuple(r for r in recorded if len(r) >= SHOWN)
    note_words = [w for w in (_words(n) for n in notes) if w]
    in_article = _InOrder(article_text)
    out = []
    for line, text in blocks:
        shown = text[:SHOWN]
        if shown in exact or shown in joined or text.startswith(long_ones):
            continue  # a block rule dropped it, or the block around it, and said why
        if in_article.contains(text):
            out.append(Decision(line, shown, "kept", "article_container"))
            continue
        became = next(((rule, verdict) for rule, test, verdict in BECAME if test(text, metadata or {}, note_words)),
                      None)
        if became:
            out.append(Decision(line, shown, became[1], became[0]))
        else:
            out.append(Decision(line, shown, "dropped", "outside_article_container"))
    return out


class _InOrder:
    """``text in whole``, asked for the blocks of a page in page order. The article's text holds its blocks
    in that order too, so each is looked for first from where the one before was found: a search of the
    next few characters, where ``in`` would scan the text from its start (a page of 100,000 paragraphs
    took 50 s, the square of its length). Only a block not found there (dropped, or out of order) is
    looked for in the whole text; the answer is the same."""

    def __init__(self, whole: str) -> None:
        self.whole = whole
        self.cursor = 0

    def contains(self, text: str) -> bool:
        at = self.whole.find(text, self.cursor)
        if at >= 0:
            self.cursor = at
            return True
        return self.whole.find(text, 0, self.cursor + len(text)) >= 0


def in_page_order(decisions: list[Decision], blocks: list[tuple[int, str]]) -> list[Decision]:
    """The decisions with text, sorted by the page line of their block. A block rule's decision about the
    re-parsed article has no line (0): it takes the line of the first page block whose text it shows."""
    first_block = _FirstBlock([text for _, text in blocks])

    def line_of(d: Decision) -> int:
        if d.line:
            return d.line
        at = first_block.holding(d.text.strip()[:SHOWN])
        return blocks[at][0] if at is not None else 0
    return sorted((d for d in decisions if d.text.strip()), key=line_of)


class _FirstBlock:
    """The first of ``texts`` that holds a piece of text, for many pieces.

    Each piece is looked for in the texts in order, as ``next(i for i, t in enumerate(texts) if piece in t)``,
    while pieces times texts is small (every real page). Past that (20,000 empty headings, each dropped by a
    block rule, took 38 s: the square of their number), the texts are indexed once by the ``GRAM``-character
    pieces they hold, and only the texts holding a piece's rarest one are looked in, in order: the first
    that holds the whole piece is the answer, the same one.
    """

    GRAM = 4
    #: Pieces times texts under which each piece is looked for in every text.
    DIRECT = 1_000_000

    def __init__(self, texts: list[str]) -> None:
        self.texts = texts
        self.asked = 0
        self.index: dict[str, list[int]] | None = None
        self.known: dict[str, int | None] = {}
        self.joined: str | None = None
        self.starts: list[int] = []

    def holding(self, piece: str) -> int | None:
        if piece in self.known:
            return self.known[piece]
        self.asked += 1
        if self.asked * len(self.texts) <= self.DIRECT:
            candidates: Iterable[int] = range(len(self.texts))
        elif len(piece) < self.GRAM:  # one search in C of the texts joined (no text holds a control character)
            candidates = self._joined_search(piece)
        else:
            index = self._index()
            grams = [index.get(piece[i:i + self.GRAM], []) for i in range(len(piece) - self.GRAM + 1)]
            rarest: list[int] = min(grams, key=len)
            candidates = rarest
        found = next((i for i in candidates if piece in self.texts[i]), None)
        self.known[piece] = found
        return found

    def _joined_search(self, piece: str) -> list[int]:
        if self.joined is None:
            self.joined = "\x00".join(self.texts)
            self.starts = list(accumulate((len(t) + 1 for t in self.texts[:-1]), initial=0))
        at = self.joined.find(piece)
        return [] if at < 0 else [bisect_right(self.starts, at) - 1]

    def _index(self) -> dict[str, list[int]]:
        if self.index is None:
            self.index = {}
            for i, text in enumerate(self.texts):
                for gram in {text[at:at + self.GRAM] for at in range(len(text) - self.GRAM + 1)}:
                    self.index.setdefault(gram, []).append(i)
        return self.index
