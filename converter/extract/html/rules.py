"""Applying a table of named element rules: the walk shared by the page rules and the block rules."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from typing import TypeVar

from lxml.html import HtmlElement

from converter.extract.result import Decision

Facts = TypeVar("Facts")
#: A rule: does this element match the pattern the rule recognises, given what is known of the page?
Rule = Callable[[HtmlElement, Facts], bool]


def drop_matching(root: HtmlElement, rules: Iterable[tuple[str, Rule[Facts]]], facts: Facts,
                  disabled: Collection[str] = (),
                  candidate: Callable[[HtmlElement], bool] | None = None) -> list[Decision]:
    """Drop every element below ``root`` that a rule matches, with its subtree, naming the rule.

    The walk is top-down (a dropped element's children are not looked at) and iterative, so pages nested
    thousands deep need no recursion. Rules whose name is in ``disabled`` are skipped. ``candidate``, when
    given, is a cheap test that every element a rule can match passes: the others are not asked about.
    """
    active = tuple((name, rule) for name, rule in rules if name not in disabled)
    decisions: list[Decision] = []
    stack = list(root)
    while stack:
        element = stack.pop()
        if not isinstance(element.tag, str):
            continue
        if candidate is not None and not candidate(element):
            stack.extend(element)
            continue
        for name, matches in active:
            if matches(element, facts):
                decisions.append(Decision(element.sourceline or 0, opening(element), "dropped", name))
                element.drop_tree()
                break
        else:
            stack.extend(element)
    return decisions


#: ``--explain`` shows this many characters of a dropped element's text.
OPENING_CHARS = 80


def opening(element: HtmlElement, limit: int = OPENING_CHARS) -> str:
    """``clean_text(element.text_content())[:limit]``, reading only as much of the text as it needs (a
    dropped sidebar holds thousands of words). The text comes in pieces (``itertext``: the same pieces
    ``text_content`` joins); a word is complete once white space follows it, and the complete words,
    joined by single spaces, are the start of the cleaned text: once they reach ``limit`` characters the
    rest cannot change what is shown."""
    done: list[str] = []  # complete words
    length = -1  # len(" ".join(done))
    last = ""  # the word at the end of what was read: it may go on in the next piece
    for piece in element.itertext():
        if not piece:
            continue
        if piece[0].isspace() and last:
            done.append(last)
            length += len(last) + 1
            last = ""
        parts = piece.split()
        if not parts:
            continue
        parts[0] = last + parts[0]
        last = "" if piece[-1].isspace() else parts.pop()
        done.extend(parts)
        length += sum(map(len, parts)) + len(parts)
        if length >= limit:
            return " ".join(done)[:limit]
    return " ".join([*done, last] if last else done)[:limit]
