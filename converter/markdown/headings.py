"""Headings of a Markdown body: found by the parser (a ``#`` in a code block is no heading), moved deeper.

The headline of an article is its title; the body's own headings sit under it. A body written with ``#``
headings (pandoc's and Hugo's authors often do) is shifted one level deeper so the outline has one top
(as pandoc's ``--shift-heading-level-by=1``); an issue shifts each article under its section the same way.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

#: An ATX heading line: its text without the opening and closing ``#`` runs.
_ATX = re.compile(r"^ {0,3}#{1,6}(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")


@cache
def block_parser() -> MarkdownIt:
    """Our Markdown dialect reading blocks only (headings, code, footnote definitions): the inline pass,
    most of a parse's cost, is left out; its tokens' ``map`` still gives each block's lines."""
    from converter.markdown.to_html import make_parser

    md = make_parser()
    md.core.ruler.disable(["inline", "footnote_tail", "linkify", "replacements", "smartquotes", "text_join"])
    return md


def heading_levels(body: str) -> list[int]:
    """The level (1-6) of each heading in ``body``, in order."""
    return [int(t.tag[1]) for t in block_parser().parse(body) if t.type == "heading_open"]


def shift_below_headline(body: str) -> str:
    """``body`` with every heading one level deeper when it holds a level-1 heading (one parse), else as is."""
    tokens = block_parser().parse(body)
    if not any(t.type == "heading_open" and t.tag == "h1" for t in tokens):
        return body
    return _demote(body, 1, tokens)


def demote_headings(body: str, by: int) -> str:
    """The body with every heading ``by`` levels deeper (at most ``######``). The Markdown parser finds
    them, so a ``#`` inside a code block is left alone; Setext headings become ATX."""
    if by <= 0:
        return body
    return _demote(body, by, block_parser().parse(body))


def _demote(body: str, by: int, tokens: list[Token]) -> str:
    lines = body.split("\n")
    for token in tokens:
        if token.type == "heading_open" and token.map is not None:
            start, end = token.map
            level = min(int(token.tag[1]) + by, 6)
            lines[start:end] = [_heading(lines[start:end], level), *([""] * (end - start - 1))]
    return "\n".join(lines)


def _heading(source: list[str], level: int) -> str:
    """An ATX heading of ``level`` from a heading's source lines (``## Text``, or Setext ``Text`` + ``---``)."""
    atx = _ATX.match(source[0])
    text = (atx.group(1) or "") if atx else " ".join(line.strip() for line in source[:-1])
    return f"{'#' * level} {text}"
