"""readability-lxml's article scoring, run on the tree we already parsed and cleaned, with its slow steps
replaced by ones that give the same result.

``Scorer`` is readability-lxml's ``Document``: every decision (which paragraphs score, which container wins,
what its cleaning drops) is the library's. Only steps whose result can be computed more cheaply from the
tree are overridden, each giving exactly what the library's step gives (``tests/test_html_scoring.py``
checks the pick on the test pages against the library's own):

- the copy it cleans (``_parse``): the library's ``Cleaner`` walks every element in Python to find the
  ``on*`` attributes and the links to rewrite; here XPath finds the few elements concerned (links that can
  change: ``javascript:``, padded with spaces, percent-encoded ...);
- the link density of the candidates (``get_link_density``): while the paragraphs are scored the tree does
  not change, so each link's text length is measured once instead of once per enclosing candidate; at
  every other step (the siblings joined, the article's cleaning) the lengths are ``clean_length``'s;
- the paragraphs' scores (``score_paragraphs``): their length measured and commas counted without building
  the cleaned text, and no debug line (each describing a candidate's ancestry) unless debug logging is on;
- the unlikely candidates (``remove_unlikely_candidates``): only elements with a class or an id are asked;
- the ``<div>``\\s that hold no block (``transform_misused_divs_into_paragraphs``): the library serialises
  each ``<div>``'s children and searches the markup for a block tag; here the tree is asked for a descendant
  with such a tag, which is what the search finds in a tree with no script or style left.

Text lengths: readability's ``clean`` backtracks over the long white space runs of a page's source, which
made it the scorer's main cost; ``clean_length`` gives its length run by run.
"""

from __future__ import annotations

import copy
import logging
import re
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache
from typing import Any, cast

from lxml import etree
from lxml.html import HtmlElement, HtmlMixin, defs, fragment_fromstring, xhtml_to_html
from readability import Document
from readability.debug import describe
from readability.readability import REGEXES, clean

try:  # where readability-lxml takes its cleaner from
    from lxml.html.clean import Cleaner
except ImportError:  # pragma: no cover - lxml >= 5.2 moved it out
    from lxml_html_clean import Cleaner

#: readability-lxml's cleaner settings (``readability.cleaners``); ``_clean_copy`` does what they ask for.
_CLEANER = Cleaner(scripts=True, javascript=True, comments=True, style=True, links=True, meta=False,
                   add_nofollow=False, page_structure=False, processing_instructions=True, embedded=False,
                   frames=False, forms=False, annoying_tags=False, remove_tags=None, remove_unknown_tags=False,
                   safe_attrs_only=False)
#: The link attributes ``iterlinks`` reads (``style`` attributes and ``<style>`` text aside: the cleaner
#: removes both right after rewriting their links) ...
_LINK_VALUES = etree.XPath(" | ".join(f"//@{a}" if ":" not in a else f"//@*[name()='{a}']"
                                      for a in sorted(defs.link_attrs)))
#: ... and the elements whose links it reads its own way (relative to a codebase, in a refresh, a param).
_SPECIAL_LINKS = etree.XPath("//object | //meta[@http-equiv] | //param[@valuetype]")
#: What a link needs for the cleaner to change it: white space or controls (stripped, or hiding a scheme),
#: ``%`` or ``+`` (unquoted before the test), or a scheme it blanks. Other links stay as they are.
_MAY_CHANGE = re.compile(r"[%+\s\x00-\x08\x0b\x0c\x0e-\x19]|(?:javascript|jscript|livescript|vbscript|data|about"
                         r"|mocha):", re.I)
#: What ``findall(".//*")`` finds that has a class or an id (``remove_unlikely_candidates``).
_NAMED = etree.XPath("descendant::*[@class!='' or @id!='']")
#: readability-lxml's logger, for the debug lines its steps write.
_LOG = logging.getLogger("readability.readability")
_EVENT_ATTRIBUTES = etree.XPath("//@*[starts-with(name(), 'on')]")
#: What the cleaner kills with their content: scripts, styles, ``<link>``, comments and PIs.
_KILLED = ("script", "style", "link", etree.Comment, etree.ProcessingInstruction)
#: The library's block-tag search (``divToPElementsRe``): a tag *starting* with one of these names.
_BLOCK_TAG = re.compile(r"(?:blockquote|dl|div|img|ol|p|pre|table|ul)", re.I)
#: A data table, not a layout grid: it has a caption or header cells (layout tables of old pages have neither).
_DATA_TABLE = etree.XPath("boolean(caption | thead | */th | */*/th)")
#: The parts of a table that are no container of their own (``Scorer.select_best_candidate``).
_TABLE_PARTS = frozenset(("tbody", "thead", "tfoot", "tr"))
_INLINE_TAGS = frozenset(("a", "b", "cite", "code", "em", "font", "i", "small", "span", "strong", "sub", "sup",
                          "u"))


class Scorer(Document):
    """readability-lxml's ``Document`` for a tree (``Scorer(root).summary(html_partial=True)``)."""

    _lengths: dict[HtmlElement, int] | None = None
    #: Tags ``remove_unlikely_candidates`` never removes, whatever their class (the library's two).
    never_unlikely: frozenset[str] = frozenset(("html", "body"))
    _block_tags: tuple[str, ...] = ()

    def _parse(self, input: Any) -> HtmlElement:
        """The library's ``_parse`` for a tree: hidden elements dropped from it, then a cleaned copy."""
        doc = input
        self.encoding = "utf-8"
        for elem in doc.xpath("//*[@hidden]"):
            elem.drop_tree()
        for elem in doc.xpath("//*[@style]"):
            if REGEXES["displayNoneRe"].search(elem.get("style")):
                elem.drop_tree()
        doc = _clean_copy(doc)
        doc.resolve_base_href(handle_failures=self.handle_failures)
        return doc

    def score_paragraphs(self) -> dict:
        """The library's step (same order, same arithmetic): a paragraph's text measured with
        ``clean_length`` and its commas counted, not cleaned and split; the debug lines (which describe
        each candidate's ancestry) only written when debug logging is on."""
        self._lengths = {}
        try:
            return self._score_paragraphs()
        finally:
            self._lengths = None

    def _score_paragraphs(self) -> dict:
        min_len = self.min_text_length
        candidates: dict[HtmlElement, dict] = {}
        ordered = []
        for elem in self.tags(self._html(), "p", "pre", "td", "blockquote"):
            parent_node = elem.getparent()
            if parent_node is None:
                continue
            grand_parent_node = parent_node.getparent()
            text = elem.text_content() or ""
            inner_text_len = clean_length(text)
            if inner_text_len < min_len:
                continue
            if parent_node not in candidates:
                candidates[parent_node] = self.score_node(parent_node)
                ordered.append(parent_node)
            if grand_parent_node is not None and grand_parent_node not in candidates:
                candidates[grand_parent_node] = self.score_node(grand_parent_node)
                ordered.append(grand_parent_node)
            content_score: float = 1
            content_score += text.count(",") + 1  # len(clean(text).split(",")): cleaning keeps the commas
            content_score += min((inner_text_len / 100), 3)
            candidates[parent_node]["content_score"] += content_score
            if grand_parent_node is not None:
                candidates[grand_parent_node]["content_score"] += content_score / 2.0
        debug = _LOG.isEnabledFor(logging.DEBUG)
        for elem in ordered:
            candidate = candidates[elem]
            ld = self.get_link_density(elem)
            if debug:
                score = candidate["content_score"]
                _LOG.debug("Branch %6.3f %s link density %.3f -> %6.3f", score, describe(elem), ld, score * (1 - ld))
            candidate["content_score"] *= 1 - ld
        return candidates

    def remove_unlikely_candidates(self) -> None:
        """The library's step, asking only the elements with a class or an id (the others it skips)."""
        for elem in cast(list[HtmlElement], _NAMED(self.html)):
            s = "{} {}".format(elem.get("class", ""), elem.get("id", ""))
            if len(s) < 2:
                continue
            if (_unlikely_name(s)
                    and elem.tag not in self.never_unlikely
                    and not elem.xpath("ancestor-or-self::pre | ancestor-or-self::code")
                    and not elem.xpath("descendant-or-self::main | descendant-or-self::article | "
                                       "descendant-or-self::math")):
                if _LOG.isEnabledFor(logging.DEBUG):
                    _LOG.debug("Removing unlikely candidate - %s", describe(elem))
                elem.drop_tree()

    def get_link_density(self, elem: HtmlElement) -> float:
        """The library's link density (its links' text length over the element's, as ``clean`` leaves them),
        measured with ``clean_length``; while the paragraphs are scored, each link measured once."""
        lengths = self._lengths
        if lengths is None:  # the tree may change between calls: the library's sums, each length measured
            link_total = sum(clean_length(link.text_content() or "") for link in elem.findall(".//a"))
            return float(link_total) / max(clean_length(elem.text_content() or ""), 1)
        link_length = 0
        for link in elem.findall(".//a"):
            length = lengths.get(link)
            if length is None:
                length = lengths[link] = clean_length(link.text_content() or "")
            link_length += length
        return float(link_length) / max(clean_length(elem.text_content() or ""), 1)

    def transform_misused_divs_into_paragraphs(self) -> None:
        """The library's step (same order, same tests), the markup search replaced by ``_holds_block``."""
        self._block_tags = _block_tags(self.html)
        for elem in self.tags(self.html, "div"):
            if not self._holds_block(elem):
                elem.tag = "p"

        for elem in self.tags(self.html, "div"):
            children = list(elem)
            paragraph = None
            if elem.text and elem.text.strip():
                p = fragment_fromstring("<p/>")
                p.text = elem.text
                elem.text = None
                elem.insert(0, p)
                paragraph = p

            for child in children:
                if child.tag == "br":
                    paragraph = None
                    continue
                if child.tag not in _INLINE_TAGS or self._holds_block(child):
                    paragraph = None
                    continue
                if paragraph is None:
                    paragraph = fragment_fromstring("<p/>")
                    child.addprevious(paragraph)
                paragraph.append(child)

            for pos, child in reversed(list(enumerate(elem))):
                if child.tail and child.tail.strip():
                    p = fragment_fromstring("<p/>")
                    p.text = child.tail
                    child.tail = None
                    elem.insert(pos + 1, p)
                if child.tag == "br":
                    child.drop_tree()

    def _holds_block(self, elem: HtmlElement) -> bool:
        """Whether the markup of ``elem``'s descendants holds a block tag (``divToPElementsRe``)."""
        return next(elem.iterdescendants(*self._block_tags), None) is not None


@lru_cache(maxsize=4096)
def _unlikely_name(name: str) -> bool:
    """The library's test of an element's ``"{class} {id}"``: an unlikely word (``unlikelyCandidatesRe``) and
    no word of a likely one (``okMaybeItsACandidateRe``). Cached: a page repeats its class strings."""
    return bool(REGEXES["unlikelyCandidatesRe"].search(name)) and not REGEXES["okMaybeItsACandidateRe"].search(name)


def clean_length(text: str) -> int:
    """``len(readability.readability.clean(text))``, without its regular expressions' backtracking over the
    long white space runs of a page's source (which made them the scorer's main cost).

    ``clean`` changes only white space runs, each on its own, and strips the ends: the length is the
    non-space characters plus what each run inside the text becomes (measured once per distinct run).
    Its patterns change only runs of 255 white space characters (none in a shorter text), runs around a
    line end, tabs and runs of two spaces or more: a short text with none of these is only stripped. In a
    text whose white space is all spaces and line ends (most), every run between two words becomes one
    character (a line end, or a space): the length is that of its words joined by single spaces.
    """
    if len(text) < SHORT_TEXT:  # the regular expressions are quicker on a line or two ...
        if "\n" in text or "\t" in text or "  " in text:
            return len(clean(text))
        return len(text.strip())  # ... and have nothing to do on one without a line end, a tab or two spaces
    words = text.split()
    letters = sum(map(len, words))
    if len(text) - letters == text.count(" ") + text.count("\n"):  # no other white space than these
        return letters + len(words) - 1 if words else 0
    runs = Counter(_SPACE_RUN.findall(text))
    if not runs:
        return len(text)
    length = len(text) - sum(len(run) * n for run, n in runs.items())
    if not length:
        return 0  # only white space: all stripped
    inner = sum(_run_length(run) * n for run, n in runs.items())
    lead, trail = text[:len(text) - len(text.lstrip())], text[len(text.rstrip()):]
    for end in (lead, trail):  # str.isspace is re's \s
        if end:
            inner -= _run_length(end)
    return length + inner


_SPACE_RUN = re.compile(r"\s+")
#: Texts shorter than this are measured with ``clean`` itself.
SHORT_TEXT = 200


@lru_cache(maxsize=4096)
def _run_length(run: str) -> int:
    """What a white space run between two words becomes in ``clean``, in characters."""
    return len(clean(f"x{run}x")) - 2


def _is_block_tag(tag: object) -> bool:
    return isinstance(tag, str) and _BLOCK_TAG.match(tag) is not None


def _block_tags(root: HtmlElement) -> tuple[str, ...]:
    """The tags of the tree (and ``p``, which the transformation adds) that the library's search matches."""
    found = {e.tag for e in root.iter(etree.Element)}
    found.add("p")
    return tuple(sorted(t for t in found if _is_block_tag(t)))


def _clean_copy(doc: HtmlElement) -> HtmlElement:
    """``Cleaner.clean_html(doc)`` with readability-lxml's settings: a copy, the same changes made."""
    doc = copy.deepcopy(doc)
    xhtml_to_html(doc)
    for el in doc.iter("image"):
        el.tag = "img"
    for value in cast(list[Any], _EVENT_ATTRIBUTES(doc)):  # attribute values that know their element
        del value.getparent().attrib[value.attrname]
    linked = {value.getparent(): None for value in cast(list[Any], _LINK_VALUES(doc)) if _MAY_CHANGE.search(value)}
    linked.update(dict.fromkeys(cast(list[HtmlElement], _SPECIAL_LINKS(doc))))
    _Linked(list(linked)).rewrite_links(_CLEANER._remove_javascript_link, resolve_base_href=False)
    etree.strip_attributes(doc, "style")
    for el in list(doc.iter(*_KILLED)):
        el.drop_tree()
    return doc


class _Linked:
    """Some elements of a tree, walked by lxml's own ``iterlinks`` and ``rewrite_links`` in place of the
    whole tree (they only ask the tree for ``iter()``)."""

    iterlinks: Any = HtmlMixin.iterlinks
    rewrite_links: Any = HtmlMixin.rewrite_links

    def __init__(self, elements: list[HtmlElement]) -> None:
        self._elements = elements

    def iter(self, *tags: object) -> Iterator[HtmlElement]:
        return iter(self._elements)


class ArticleScorer(Scorer):
    """``Scorer`` (readability-lxml's pick, made faster) with two rules of ours for tables, which make its pick
    differ from the library's on purpose (``tests/test_html_scoring.py`` holds ``Scorer`` to the library):

    - ``table_header_cell``: a table's header cells and caption are never "unlikely candidates" (a sortable
      table's ``<th class="headerSort">`` matched the library's "header", and the columns lost their names);
    - ``table_part_pick``, below.
    """

    never_unlikely = frozenset(("html", "body", "th", "caption"))

    def select_best_candidate(self, candidates: dict) -> dict | None:
        """The library's pick, with one rule of ours, ``table_part_pick``: a pick that is a part of a data
        table (``<tbody>``, ``<thead>``, ``<tfoot>``, ``<tr>`` of a table with a caption or header cells: the
        cells score their row group, as a list page's table of films or results does) becomes the whole
        table. A row group alone is no container: re-parsed outside its ``<table>``, its rows and cells lose
        their structure (one run-on paragraph), and the paragraphs introducing the table, its siblings, are
        never looked at."""
        best = super().select_best_candidate(candidates)
        if best is None or best["elem"].tag not in _TABLE_PARTS:
            return best
        table = next(best["elem"].iterancestors("table"), None)
        if table is None or not _DATA_TABLE(table):  # a layout table's row is a page's column: left as picked
            return best
        whole = candidates.setdefault(table, {"content_score": 0.0, "elem": table})
        whole["content_score"] = max(whole["content_score"], best["content_score"])
        return whole
