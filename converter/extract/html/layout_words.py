"""Class names a page builder puts on every block: layout, not a verdict on the content.

Page builders wrap each block in ``<div class="elementor-widget elementor-widget-text-editor">``, each
column in ``sidebar``-like names; the page rules (``clean.py``) and the article scorer read ``widget``,
``sidebar``, ``footer`` as boilerplate and would drop the whole article block by block. A word of the
boilerplate vocabularies that names at least three separate blocks of prose, holding more than half of the
page's prose together, is the page's layout word: ``unmark_layout_words`` unwraps the elements it names that
hold prose or a heading (their content stays, now side by side as the article scorer expects paragraphs to
be), before those rules run. Content outweighs class names; elsewhere the words keep their meaning.
"""

from __future__ import annotations

from lxml.html import HtmlElement

from converter.extract.html import vocabulary as words
from converter.extract.html.parse import text_length

#: Vocabularies of the page rules that drop blocks by their class name.
BOILERPLATE = (*words.WIDGETS, *words.RELATED, *words.SHARE, *words.NEWSLETTER, *words.ADS, *words.CONSENT)
#: A word naming the containers of more than this share of the page's prose is a layout word.
LAYOUT_SHARE = 0.5
#: A layout word names at least this many separate blocks of prose (one wrapper round the article is
#: not a page builder's doing: the page rules spare it for its prose already).
MIN_BLOCKS = 3
#: Paragraphs count as prose from this length, when less than half of their text is links.
PROSE_PARAGRAPH = 40
#: Tags that are only wrappers, unwrapped when a layout word names them.
_WRAPPERS = frozenset(("div", "section", "span"))
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def unmark_layout_words(body: HtmlElement) -> list[str]:
    """Unwrap the elements that layout words name (see the module); the words found."""
    prose = {p: n for p in body.iter("p") if (n := _prose_length(p))}
    total = sum(prose.values())
    if not total:
        return []
    layout = [w for w in _named_words(body) if _prose_under(body, w, prose) > LAYOUT_SHARE * total
              and _blocks_named(body, w, prose) >= MIN_BLOCKS]
    for element in list(body.iter()):
        if not isinstance(element.tag, str) or not element.get("class") or element.tag not in _WRAPPERS:
            continue
        if any(w in words.markup_tokens(element) for w in layout) and _content(element, prose):
            element.drop_tag()
    return layout


def _content(element: HtmlElement, prose: dict[HtmlElement, int]) -> bool:
    """Holds a paragraph of prose or a heading."""
    return any(p in prose for p in element.iter("p")) or next(element.iter(*_HEADINGS), None) is not None


def _named_words(body: HtmlElement) -> set[str]:
    found: set[str] = set()
    for element in body.iter():
        if isinstance(element.tag, str) and element.get("class"):
            found.update(w for w in BOILERPLATE if w in words.markup_tokens(element))
    return found


def _blocks_named(body: HtmlElement, word: str, prose: dict[HtmlElement, int]) -> int:
    """How many separate blocks of prose the word names (innermost named elements holding prose)."""
    named = [e for e in body.iter() if isinstance(e.tag, str) and e.get("class")
             and word in words.markup_tokens(e) and any(p in prose for p in e.iter("p"))]
    inner = set(named)
    return sum(1 for e in named if not any(d in inner for d in e.iterdescendants()))


def _prose_under(body: HtmlElement, word: str, prose: dict[HtmlElement, int]) -> int:
    """Prose in paragraphs that have an ancestor named ``word``."""
    return sum(n for p, n in prose.items()
               if any(word in words.markup_tokens(a) for a in p.iterancestors() if a is not body))


def _prose_length(paragraph: HtmlElement) -> int:
    length = text_length(paragraph)
    linked = sum(text_length(a) for a in paragraph.iter("a"))
    return length if length >= PROSE_PARAGRAPH and linked < length / 2 else 0
