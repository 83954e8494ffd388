"""Footnotes: references in the text (``<a href="#fn1">``) and the notes they point to.

The notes are collected from the whole page before the article is located, because article scorers
drop footnote lists as boilerplate; the body gets ``[^1]`` references and ``[^1]: text`` definitions.
"""

from __future__ import annotations

from collections.abc import Collection
from copy import deepcopy
from dataclasses import dataclass

from lxml.html import HtmlElement

from converter.extract.html import vocabulary as words

#: ARIA roles of footnote lists (DPUB-ARIA), as pandoc and most static-site generators write them.
FOOTNOTE_ROLES = ("doc-endnotes", "doc-footnotes", "doc-footnote", "doc-endnote")
#: ``epub:type`` values (EPUB 3 structural semantics) of notes and of lists of notes.
NOTE_TYPES = ("footnote", "endnote", "rearnote", "footnotes", "endnotes", "rearnotes", "note")
#: Link texts that lead from a note back to its reference.
BACKLINK_TEXTS = ("↩", "↩︎", "^", "↑", "back", "return")
#: Inline elements that hold a reference marker and may carry the id its back link names.
INLINE_HOLDERS = ("sup", "span", "small", "cite", "b", "strong", "i", "em", "a")


@dataclass(frozen=True)
class Footnote:
    label: str
    target: str
    """The id the references point to."""
    note: HtmlElement
    """A copy of the note's element, without its back links."""


#: Class/id words that make an inline element named after notes a reference to one, not a note:
#: ``<sup class="footnote-ref">``, ``<a class="footnote-backref">`` (markdown-it's, and so our HTML edition's).
REFERENCE_WORDS = frozenset(("ref", "backref", "fnref", "noteref"))


def is_footnote_container(element: HtmlElement) -> bool:
    """A list or section of notes, or one note: role ``doc-endnotes``/``doc-footnote``, ``epub:type``
    ``footnote``/``endnotes``, or class/id ``footnotes``, ``endnotes``, ``notes`` (but not a reference
    marker that the same words name, ``is_reference_marker``)."""
    return ((element.get("role") or "") in FOOTNOTE_ROLES or (element.get("epub:type") or "") in NOTE_TYPES
            or (bool(words.matches(element, words.FOOTNOTES)) and not is_reference_marker(element)))


def is_reference_marker(element: HtmlElement) -> bool:
    """Rule: an inline element whose class or id says it is a reference (``footnote-ref``, ``fnref1``,
    ``footnote-backref``; ``REFERENCE_WORDS``) marks a note in the text or leads back to it: it stays in
    the text as ``[^1]`` (or, a back link, is dropped from the note) and is no note itself."""
    return element.tag in INLINE_HOLDERS and not words.markup_tokens(element).isdisjoint(REFERENCE_WORDS)


def find_footnotes(body: HtmlElement) -> tuple[Footnote, ...]:
    """The notes the text refers to, labelled 1, 2, ... in the order of their first reference."""
    notes = {}
    for container in (e for e in body.iter() if isinstance(e.tag, str) and is_footnote_container(e)):
        notes.update({n.get("id"): n for n in container.iter() if n.get("id") and n is not container})
        if container.get("id") and (container.get("role") or container.get("epub:type")):
            notes.setdefault(container.get("id"), container)  # one note: <aside epub:type="footnote" id="n1">
    if not notes:
        return ()
    references: dict[str, list[HtmlElement]] = {}
    for a in body.iter("a"):
        target = (a.get("href") or "").partition("#")[2]
        if (a.get("href") or "").startswith("#") and target in notes:
            references.setdefault(target, []).append(a)
    found: dict[str, Footnote] = {}
    for target, refs in references.items():
        marker_ids = {i for ref in refs if not _is_inside(ref, notes[target]) for i in _reference_ids(ref)}
        found[target] = Footnote(str(len(found) + 1), target, _without_backlinks(notes[target], marker_ids))
    return tuple(found.values())


def _is_inside(element: HtmlElement, container: HtmlElement) -> bool:
    return any(ancestor is container for ancestor in element.iterancestors())


def _reference_ids(reference: HtmlElement) -> set[str]:
    """The ids a back link can point to for this reference marker: the marker's own id and those of
    the elements holding it up to its paragraph (``<sup id="fnref1"><a href="#fn1">``)."""
    ids = set()
    for element in (reference, *reference.iterancestors()):
        if element.tag not in INLINE_HOLDERS and element is not reference:
            break  # a paragraph's or section's id is not the marker's: 'see the introduction' stays
        if element.get("id"):
            ids.add(element.get("id"))
    return ids


def _without_backlinks(note: HtmlElement, marker_ids: Collection[str] = ()) -> HtmlElement:
    """A copy of the note without the links that lead back to its reference: those whose text is an
    arrow or 'back'/'return' (BACKLINK_TEXTS), and those whose ``#id`` names the reference marker in the
    text (or an element holding it), whatever their words ('Retour au texte', 'Zurück zum Text')."""
    copy = deepcopy(note)
    copy.tail = None
    for a in list(copy.iter("a")):
        href = a.get("href") or ""
        if (" ".join(a.text_content().split()).lower() in BACKLINK_TEXTS
                or (href.startswith("#") and href[1:] in marker_ids)):
            a.drop_tree()
    return copy
