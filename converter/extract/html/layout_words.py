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
_BOILERPLATE = frozenset(BOILERPLATE)
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
    named = _named_elements(body)
    if not named:
        return []
    # one walk up from each paragraph: which boilerplate words name its ancestors (each paragraph counted once)
    under: dict[str, int] = {}
    for p, n in prose.items():
        for word in set().union(*(named.get(a, _NONE) for a in p.iterancestors() if a is not body)):
            under[word] = under.get(word, 0) + n
    layout = [w for w, n in under.items() if n > LAYOUT_SHARE * total and _blocks_named(named, w, prose) >= MIN_BLOCKS]
    for element, found in named.items():
        if element.tag in _WRAPPERS and found.intersection(layout) and _content(element, prose):
            element.drop_tag()
    return sorted(layout)


_NONE: frozenset[str] = frozenset()


def _content(element: HtmlElement, prose: dict[HtmlElement, int]) -> bool:
    """Holds a paragraph of prose or a heading."""
    return any(p in prose for p in element.iter("p")) or next(element.iter(*_HEADINGS), None) is not None


def _named_elements(body: HtmlElement) -> dict[HtmlElement, frozenset[str]]:
    """Each element with a class whose words include boilerplate words, with those words (document order)."""
    found = {}
    for element in body.iter():
        if isinstance(element.tag, str) and element.get("class"):
            hits = words.markup_tokens(element) & _BOILERPLATE
            if hits:
                found[element] = hits
    return found


def _blocks_named(named: dict[HtmlElement, frozenset[str]], word: str, prose: dict[HtmlElement, int]) -> int:
    """How many separate blocks of prose the word names (innermost named elements holding prose)."""
    holders = [e for e, found in named.items() if word in found and any(p in prose for p in e.iter("p"))]
    inner = set(holders)
    return sum(1 for e in holders if not any(d in inner for d in e.iterdescendants()))


def _prose_length(paragraph: HtmlElement) -> int:
    length = text_length(paragraph)
    linked = sum(text_length(a) for a in paragraph.iter("a"))
    return length if length >= PROSE_PARAGRAPH and linked < length / 2 else 0
