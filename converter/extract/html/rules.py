"""Applying a table of named element rules: the walk shared by the page rules and the block rules."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from typing import TypeVar

from lxml.html import HtmlElement

from converter.extract.html.parse import clean_text
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
    dropped sidebar holds thousands of words): the words of the text read so far, but the last (it may go
    on in the next piece), are the cleaned text's first words; once they reach ``limit`` characters the
    rest cannot change them."""
    text = ""
    for piece in element.itertext():
        text += piece
        if len(text) > limit:
            words = text.split()
            complete = " ".join(words[:-1])
            if len(complete) >= limit:
                return complete[:limit]
    return clean_text(text)[:limit]
