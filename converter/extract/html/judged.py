"""Every text block of a page with the verdict it got, for ``--explain``: no text leaves without a line.

The page rules (``clean``) and block rules (``prune``) record what they drop. What remains is judged by
the article's container (``locate``): a block inside it is kept (``article_container``), a block outside
it is dropped (``outside_article_container``). ``page_blocks`` reads the page's blocks before the
container is chosen; ``judge_blocks`` sorts them once the article is final.
"""

from __future__ import annotations

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
            out.append((element.sourceline or 0, text))
    return out


def judge_blocks(blocks: list[tuple[int, str]], article: HtmlElement, decided: list[Decision]) -> list[Decision]:
    """A decision for every block not yet recorded: kept when its text is in the final article."""
    article_text = clean_text(article.text_content())
    recorded = [d.text for d in decided if d.verdict != "kept"]
    # one search per block: "shown in any recorded text" as a search of them all joined by a character
    # the parser removed from the page (``parse._CONTROL``), so no match spans two of them
    joined = "\x00".join(recorded)
    long_ones = tuple(r for r in recorded if len(r) >= SHOWN)
    out = []
    for line, text in blocks:
        shown = text[:SHOWN]
        if shown in joined or text.startswith(long_ones):
            continue  # a block rule dropped it, or the block around it, and said why
        if text in article_text:
            out.append(Decision(line, shown, "kept", "article_container"))
        else:
            out.append(Decision(line, shown, "dropped", "outside_article_container"))
    return out
