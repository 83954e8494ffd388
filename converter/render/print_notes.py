"""An article's notes in print: each note moves to the foot of the page that calls it.

The Markdown footnotes (``[^1]``) render as a call ``<sup class="footnote-ref"><a href="#fn1">[1]</a></sup>``
and a list of notes at the article's end, which is what HTML and EPUB readers follow as links. On paper
the PDF sets each note as a real footnote (CSS ``float: footnote``) where it is first called, numbered
with the article's own labels (``data-label``: an issue numbers each article's notes from 1, and link
footnotes keep their own count); the list at the end then goes. A note called again later is printed once,
at its first call: each later call is the same number in superscript (``RECALL_CLASS``), as books do.
"""

from __future__ import annotations

import re
from copy import deepcopy

from lxml import html as lxml_html
from lxml.html import HtmlElement

#: The class of a note set as a footnote (styled in ``styles/print.css``).
NOTE_CLASS = "note-footnote"
_SPACES = re.compile(r"\s+")
#: The class of a block holding a note's call: the layout engine mislays a justified, hyphenated line that
#: holds a footnote of several words (it breaks the line as if the note's text were in it), so such blocks
#: are hyphenated only where the text has soft hyphens.
CALLER_CLASS = "note-caller"
#: The class of a later call of a note already set as a footnote: its number, styled as the first call's.
RECALL_CLASS = "note-recall"
_BLOCKS = ("p", "li", "dd", "td", "th", "blockquote", "figcaption", "h2", "h3", "h4")


def notes_for_print(body_html: str) -> str:
    """The body HTML with each note moved to its call as a page footnote (see the module)."""
    if 'class="footnote-ref"' not in body_html:
        return body_html
    root = lxml_html.fragment_fromstring(body_html, create_parent="div", parser=lxml_html.HTMLParser(huge_tree=True))
    notes = {li.get("id"): li for li in root.iter("li") if li.get("class") == "footnote-item"}
    moved: set[str] = set()
    for sup in [s for s in root.iter("sup") if s.get("class") == "footnote-ref"]:
        link = sup.find("a")
        target = (link.get("href") or "").lstrip("#") if link is not None else ""
        if target not in notes:
            continue
        label = link.text_content().strip("[] ")
        first = target not in moved
        call = lxml_html.Element("span", {"class": "note-call" if first else RECALL_CLASS})
        if first:
            call.append(_footnote(notes[target], label))
            moved.add(target)
        else:
            call.text = label
        call.tail = sup.tail
        parent = sup.getparent()
        parent.replace(sup, call)
        if first:
            block = next((a for a in call.iterancestors() if a.tag in _BLOCKS), parent)
            block.set("class", " ".join(filter(None, (block.get("class"), CALLER_CLASS))))
    if len(moved) == len(notes):
        for element in [e for e in root.iter() if e.get("class") in ("footnotes", "footnotes-sep")]:
            _drop_keeping_tail(element)
    return (root.text or "") + "".join(lxml_html.tostring(child, encoding="unicode") for child in root)


def _footnote(note: HtmlElement, label: str) -> HtmlElement:
    """The note's text in one ``<span>`` (a float must be inline here), its back links gone."""
    span = lxml_html.Element("span", {"class": NOTE_CLASS, "data-label": label})
    copy = deepcopy(note)
    for back in [a for a in copy.iter("a") if "footnote-backref" in (a.get("class") or "")]:
        _drop_keeping_tail(back)
    for block in [e for e in copy.iter() if e.tag in ("p", "div", "ul", "ol", "li", "blockquote") and e is not copy]:
        block.tail = " " + (block.tail or "")
        block.drop_tag()
    span.text = copy.text
    span.extend(list(copy))
    for element in span.iter():  # one line of text: the layout engine trips on line breaks in a float
        element.text = _SPACES.sub(" ", element.text) if element.text else element.text
        if element is not span:
            element.tail = _SPACES.sub(" ", element.tail) if element.tail else element.tail
    span.text = (span.text or "").lstrip()
    last = span[-1] if len(span) else None
    if last is not None:
        last.tail = (last.tail or "").rstrip() or None
    else:
        span.text = span.text.rstrip()
    return span


def _drop_keeping_tail(element: HtmlElement) -> None:
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail or ""
    previous = element.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(element)
