"""Regular-expression alternations of many literal phrases, factored as a trie so they are cheap to search.

Python's ``re`` tries every branch of ``a|b|c|...`` at every position of the text: a vocabulary of a hundred
phrases searched over a line costs a hundred attempts per character. The same phrases written as a trie
(``s(?:hare(?: this(?: article)?)?|ign up)``) try one branch per character that can start a phrase.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache


def phrase_alternation(phrases: Iterable[str], flags: int = 0, space: str | None = None) -> str:
    """A pattern (no group of its own to capture) matching exactly the strings of ``phrases``, preferring the
    longest at any position: the same match in ``search``, ``match`` and ``finditer``, compiled with
    ``flags``, as ``"|".join(sorted(atoms, key=len, reverse=True))``, each phrase's characters escaped (and
    each space written as ``space``, e.g. ``r"\\s+"``, when given).

    Why the longest is still preferred: where a node's children read characters no one text character can
    match twice (checked under ``flags``: "i" and "ı" are one under ``re.I``), one branch at most goes on, and
    a phrase ending inside a longer one becomes an optional tail, which ``re`` tries before giving it up.
    Where two children could read the same character, that node's phrases are written out flat, longest
    first, as the plain alternation has them. Raises ``ValueError`` for an empty phrase (it would match
    everywhere).
    """
    trie: dict[str, dict] = {}
    for phrase in phrases:
        if not phrase:
            raise ValueError("an empty phrase matches everywhere")
        node = trie
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}  # a phrase ends here
    return _Writer(flags, space).branches(trie) or "(?!)"


class _Writer:
    def __init__(self, flags: int, space: str | None) -> None:
        self.flags, self.space = flags, space

    def atom(self, char: str) -> str:
        return self.space if char == " " and self.space is not None else re.escape(char)

    def branches(self, node: dict[str, dict]) -> str:
        chars = sorted(c for c in node if c)
        if not chars:
            return ""
        if not self.exclusive(chars):
            suffixes = sorted(_suffixes(node), key=len, reverse=True)  # as the plain alternation, from here on
            return "(?:" + "|".join("".join(map(self.atom, s)) for s in suffixes) + ")"
        children = [self.atom(c) + self.branches(node[c]) for c in chars]
        if "" in node:  # a phrase ends here and longer ones go on: the rest is optional, tried first (greedy)
            return "(?:" + "|".join(children) + ")?"
        return children[0] if len(children) == 1 else "(?:" + "|".join(children) + ")"

    def exclusive(self, chars: list[str]) -> bool:
        """No character of a text is matched by the atoms of two of ``chars``."""
        if len(chars) < 2:
            return True
        for a in chars:
            if a == " " and self.space is not None:
                if any(re.fullmatch(self.space, b, self.flags) for b in chars if b != a):
                    return False
            elif self.flags & re.I and _cased(a):
                pattern = _ignoring_case(a)
                if any(b != a and pattern.fullmatch(b) for b in chars):
                    return False
        return True  # any other atom matches its own character only, and the characters differ


def _cased(char: str) -> bool:
    """``char`` has another case (so ``re.I`` may match it with another character); an uncased one (a digit,
    punctuation, Arabic, CJK) is only ever matched by itself."""
    return not (char.lower() == char == char.upper() == char.casefold())


@cache
def _ignoring_case(char: str) -> re.Pattern[str]:
    return re.compile(re.escape(char), re.I)


def _suffixes(node: dict[str, dict], prefix: str = "") -> list[str]:
    out = [prefix] if "" in node else []
    for char, child in node.items():
        if char:
            out += _suffixes(child, prefix + char)
    return out
