"""Regular-expression alternations of many literal phrases, factored as a trie so they are cheap to search.

Python's ``re`` tries every branch of ``a|b|c|...`` at every position of the text: a vocabulary of a hundred
phrases searched over a line costs a hundred attempts per character. The same phrases written as a trie
(``s(?:hare(?: this(?: article)?)?|ign up)``) try one branch per character that can start a phrase.
"""

from __future__ import annotations

import re
from collections.abc import Iterable


def phrase_alternation(phrases: Iterable[str]) -> str:
    """A pattern (no group of its own to capture) matching exactly the strings of ``phrases``, each literally,
    preferring the longest at any position: what ``"|".join(map(re.escape, sorted(phrases, key=len,
    reverse=True)))`` matches, the same match in ``search``, ``match`` and ``finditer`` under any flags.

    Why the longest is still preferred: a node's children start with different characters (phrases are
    deduplicated, so no two branches read the same next character) and a phrase ending inside a longer one
    becomes an optional tail, which ``re`` tries before giving it up. Case-insensitive use (``re.I``) needs
    ``phrases`` to have no two that differ in case only (the caller passes lower-case phrases; two branches
    would otherwise read the same character). Raises ``ValueError`` for an empty phrase (it would match
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
    return _branches(trie) or "(?!)"


def _branches(node: dict[str, dict]) -> str:
    children = [re.escape(char) + _branches(child) for char, child in sorted(node.items()) if char]
    if not children:
        return ""
    if "" in node:  # a phrase ends here and longer ones go on: the rest is optional, tried first (greedy)
        return "(?:" + "|".join(children) + ")?"
    return children[0] if len(children) == 1 else "(?:" + "|".join(children) + ")"
