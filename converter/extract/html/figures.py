"""Figures: the many ways pages mark a picture and its caption, rewritten into one shape.

Pages caption pictures with ``<figure><figcaption>``, but also with a caption in a sibling element
(``<figure>..</figure><span class="caption">..</span><span class="credit">..</span>``), with a
``<div class="image">`` holding the picture and a ``<div class="image-caption">``, or with the credit in a
``<small>``. Before the page rules and the article scorer run (both read class names, and ``media``,
``meta`` or ``credit`` read as boilerplate to them), ``normalise_figures`` rewrites each such group as

    <figure><img ...><figcaption>caption <small data-converter-credit="">credit</small></figcaption></figure>

with the class names of the figure and its wrappers taken off, so the figure travels with the paragraphs
around it. Each rule below names the pattern it recognises.
"""

from __future__ import annotations

from collections.abc import Iterator
from copy import deepcopy
from dataclasses import dataclass

from lxml.html import HtmlElement

from converter.extract.html import vocabulary as words
from converter.extract.html.parse import clean_text, text_length

#: The attribute marking a caption's credit line once the class names are gone.
CREDIT_MARK = "data-converter-credit"
#: A caption part with more of its text in links than this is a link list.
LINK_SHARE = 0.5
#: A container with this much text besides its captions is a section of the article, not a figure.
MAX_OTHER_TEXT = 40
#: Containers with more pictures than this are a gallery of figures, not one figure.
MAX_PICTURES = 12
#: How many wrapper levels above a figure lose their class names when they hold nothing but the figure.
WRAPPER_LEVELS = 3
#: A paragraph this long names one place in the article (shorter ones, "Yes.", repeat).
MIN_ANCHOR_CHARS = 60
#: Tags that can become a figure when they hold a picture and its caption.
_CONTAINERS = frozenset(("div", "span", "p", "a", "section", "aside", "li", "dl"))
#: Layout wrappers inside a figure, unwrapped (their text stays).
_LAYOUT = frozenset(("div", "section"))
#: Class words of screen-reader-only text inside a figure ("Media caption", "Image copyright").
_SCREEN_READER = ("visually", "sronly", "screenreader", "offscreen", "hidden")


def is_caption(element: HtmlElement) -> bool:
    """``<figcaption>``, or an element whose class or id names a caption (``caption``, ``cutline``)."""
    return isinstance(element.tag, str) and (
        element.tag == "figcaption" or bool(words.matches(element, words.CAPTION)))


def is_credit(element: HtmlElement) -> bool:
    """A credit line: class or id ``credit``, ``copyright``, ``photographer``; or a ``<small>`` in a caption."""
    return isinstance(element.tag, str) and (
        element.get(CREDIT_MARK) is not None or bool(words.matches(element, words.CREDIT)))


def normalise_figures(body: HtmlElement) -> None:
    """Rewrite every captioned picture of the page as ``<figure>`` + ``<figcaption>`` (see the module)."""
    for element in _candidates(body):  # the smallest container wins: children first
        if _captioned_container(element):
            element.tag = "figure"
    for figure in list(body.iter("figure")):
        _take_sibling_captions(figure)
    for figure in list(body.iter("figure")):
        _one_caption(figure)
        _space_parts(figure)
        _unmark(figure)


def _candidates(body: HtmlElement) -> Iterator[HtmlElement]:
    """The containers that hold a picture and a caption, none inside a ``<figure>``, innermost first; one
    holding a container made a figure before it is skipped (a figure's wrapper is not a second figure)."""
    with_picture: set[HtmlElement] = set()
    for img in body.iter("img"):
        with_picture.update(img.iterancestors())
    if not with_picture:
        return  # no picture: no container holds one (the captions need not be looked for)
    captioned: set[HtmlElement] = set()
    for caption in (e for e in body.iter() if is_caption(e)):
        captioned.update(caption.iterancestors())
    in_figure = {e for f in body.iter("figure") for e in f.iter()}
    holds_figure = {a for f in body.iter("figure") for a in f.iterancestors()}
    for element in reversed([e for e in body.iter(*_CONTAINERS) if e in with_picture and e in captioned
                             and e not in in_figure]):
        if element in holds_figure:
            continue
        yield element
        if element.tag == "figure":
            holds_figure.update(element.iterancestors())


def _captioned_container(element: HtmlElement) -> bool:
    """A container holding pictures and a caption and little else (``<div class="image">``)."""
    if not isinstance(element.tag, str) or element.tag not in _CONTAINERS:
        return False
    if any(a.tag == "figure" for a in element.iterancestors()) or element.find(".//figure") is not None:
        return False
    pictures = len(element.findall(".//img"))
    if not pictures or pictures > MAX_PICTURES:
        return False
    captions = [c for c in element.iter() if c is not element and (is_caption(c) or is_credit(c))]
    if not any(is_caption(c) for c in captions):
        return False
    if any(c.find(".//img") is not None for c in captions):
        return False  # the "caption" holds the picture: a wrapper named for its caption, not a caption
    outermost = [c for c in captions if not any(a in captions for a in c.iterancestors())]
    other = text_length(element) - sum(text_length(c) for c in outermost)
    return other <= MAX_OTHER_TEXT


def _take_sibling_captions(figure: HtmlElement) -> None:
    """``<figure>..</figure><span class="caption">..</span><div class="credit">..</div>``: the captions and
    credits that follow a figure, before any other content, move into it."""
    while True:
        sibling = figure.getnext()
        if sibling is None or (figure.tail or "").strip() or not (is_caption(sibling) or is_credit(sibling)):
            return
        if sibling.find(".//img") is not None:
            return
        figure.tail = sibling.tail
        sibling.tail = None
        figure.append(sibling)


def _one_caption(figure: HtmlElement) -> None:
    """The figure's captions and credits gathered into one ``<figcaption>`` at its end, credits marked."""
    for hidden in [e for e in figure.iter() if isinstance(e.tag, str) and words.matches(e, _SCREEN_READER)]:
        if hidden.getparent() is not None:
            hidden.drop_tree()
    parts = [e for e in figure.iter() if e is not figure and (is_caption(e) or is_credit(e))
             and next(e.iterancestors("figure"), None) is figure]
    parts = _without_cut_copies([p for p in parts if not _link_list(p)])
    outermost = [e for e in parts if not any(a in parts for a in e.iterancestors())]
    if not outermost:
        return
    caption = figure.makeelement("figcaption", {})
    for part in outermost:
        for credit in [e for e in part.iter() if e is not part and (is_credit(e) or e.tag == "small")]:
            credit.set(CREDIT_MARK, "")
            credit.tag = "small"  # a <div> would be unwrapped below, and its mark with it
        if is_credit(part) and not is_caption(part):
            part.set(CREDIT_MARK, "")
        _detach(part)
        part.tail = " "
        part.tag = "small" if part.get(CREDIT_MARK) is not None else "span"
        caption.append(part)
    if clean_text(caption.text_content()):
        figure.append(caption)


def _space_parts(figure: HtmlElement) -> None:
    """``<figcaption><span>Omar speaks on July 25.</span><span class="credit">J. Scott / AP</span>``: parts
    that the page's style sets apart, written with nothing between them, get a space ("July 25.J. Scott")."""
    for caption in figure.iter("figcaption"):
        for part in caption.iter(*_CAPTION_PARTS):
            previous = part.getprevious()
            if previous is None or previous.tail or not previous.text_content() or not part.text_content():
                continue
            if not previous.text_content()[-1].isspace() and not part.text_content()[0].isspace():
                previous.tail = " "


#: Elements a caption is built of, each a part the page's style sets apart.
_CAPTION_PARTS = ("span", "small", "div", "p", "cite")


def _without_cut_copies(parts: list[HtmlElement]) -> list[HtmlElement]:
    """A caption written twice, in full and cut short for small screens ("caption-truncated"): the full one.
    The cut copies are dropped from the page."""
    texts = [clean_text(p.text_content()).rstrip(".… ") for p in parts]
    kept = []
    for i, part in enumerate(parts):
        copy = any(j != i and texts[i] and texts[j].startswith(texts[i]) and (len(texts[j]) > len(texts[i]) or j < i)
                   and not _related(part, parts[j]) for j in range(len(parts)))
        if copy:
            _detach(part)
        else:
            kept.append(part)
    return kept


def _link_list(element: HtmlElement) -> bool:
    """Mostly links ("More on: ..." inside a caption box): not a caption."""
    length = text_length(element)
    return length > 0 and sum(text_length(a) for a in element.iter("a")) > LINK_SHARE * length


def _related(a: HtmlElement, b: HtmlElement) -> bool:
    """One holds the other."""
    return any(x is b for x in a.iterancestors()) or any(x is a for x in b.iterancestors())


def _unmark(figure: HtmlElement) -> None:
    """Class names and ids off the figure, its content and the wrappers that hold nothing else: page rules
    and the article scorer read ``media``, ``meta``, ``credit`` as boilerplate."""
    for element in list(figure.iter()):
        if isinstance(element.tag, str):
            element.attrib.pop("class", None)
            element.attrib.pop("id", None)
        if element is not figure and element.tag in _LAYOUT:
            element.tail = " " + (element.tail or "")  # the article scorer drops a <div> holding only a picture
            element.drop_tag()
    wrapper, text = figure.getparent(), text_length(figure)
    for _ in range(WRAPPER_LEVELS):
        if wrapper is None or wrapper.tag in ("body", "html", "article", "main") or text_length(wrapper) > text:
            return
        wrapper.attrib.pop("class", None)
        wrapper.attrib.pop("id", None)
        wrapper = wrapper.getparent()


def _detach(element: HtmlElement) -> None:
    """Take ``element`` out of the tree, its tail text staying where it was."""
    parent = element.getparent()
    if parent is None:
        return
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    element.tail = None
    parent.remove(element)


@dataclass(frozen=True)
class FigurePlace:
    """A figure of the page and the paragraphs it stands between (their text, as ``paragraph_key`` gives it)."""

    figure: HtmlElement
    """A copy of the figure, taken before the article scorer ran."""
    before: str
    after: str


def figure_places(body: HtmlElement, captioned_only: bool = False) -> list[FigurePlace]:
    """Every figure that stands between two article-length paragraphs with no other long paragraph
    between them, and those paragraphs' keys (read before the scorer, which may change the page).

    ``captioned_only``: figures with a caption only (read before the page rules: a captioned picture
    between two paragraphs of the article is content, whatever the class of its wrapper says)."""
    places: list[FigurePlace] = []
    previous, pending = "", []
    for element in body.iter("p", "figure"):
        if element.tag == "figure":
            captioned = element.find(".//figcaption") is not None
            if previous and (captioned or (element.find(".//img") is not None and not captioned_only)):
                pending.append(deepcopy(element))
            continue
        if any(a.tag == "figure" for a in element.iterancestors()):
            continue
        key = paragraph_key(element)
        if not key:
            continue
        places.extend(FigurePlace(f, previous, key) for f in pending)
        previous, pending = key, []
    return places


def restore_figures(article: HtmlElement, places: list[FigurePlace]) -> int:
    """Put back each figure the article scorer left out although both paragraphs around it are in the
    article (a picture beside the paragraphs' own container is not a candidate to the scorer); returns
    how many were put back. Each goes right after its preceding paragraph, in page order."""
    paragraphs = {paragraph_key(p): p for p in article.iter("p")}
    shown = {img.get("src") for img in article.iter("img")}
    captions = {clean_text(c.text_content()) for c in article.iter("figcaption")}
    last_inserted: dict[str, HtmlElement] = {}
    restored = 0
    for place in places:
        anchor = paragraphs.get(place.before)
        if anchor is None or place.after not in paragraphs:
            continue
        caption = place.figure.find(".//figcaption")
        if any(img.get("src") in shown for img in place.figure.iter("img")) or (
                caption is not None and clean_text(caption.text_content()) in captions):
            continue
        figure = deepcopy(place.figure)
        figure.tail = None
        last_inserted.get(place.before, anchor).addnext(figure)
        last_inserted[place.before] = figure
        shown.update(img.get("src") for img in figure.iter("img"))
        restored += 1
    return restored


def paragraph_key(paragraph: HtmlElement) -> str:
    """A paragraph's words, when it is long enough to name one place in the article ("" otherwise)."""
    text = clean_text(paragraph.text_content())
    return text if len(text) >= MIN_ANCHOR_CHARS else ""
