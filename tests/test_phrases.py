"""Trie alternations (``extract.phrases``) and the long-tag prefilter match what the patterns they speed up match."""

from __future__ import annotations

import random
import re

import pytest

from converter.extract.phrases import phrase_alternation
from converter.extract.text.vocabulary import SIGN_UP_BOX, VOCABULARIES


def plain(phrases: tuple[str, ...]) -> str:
    return "|".join(re.escape(p) for p in sorted(set(phrases), key=len, reverse=True))


def test_trie_shape() -> None:
    assert phrase_alternation(("share", "share this", "sign up", "shares")) == r"s(?:hare(?:\ this|s)?|ign\ up)"


def test_empty_phrase_is_refused() -> None:
    with pytest.raises(ValueError, match="empty phrase"):
        phrase_alternation(("a", ""))


def test_nothing_matches_nothing() -> None:
    assert re.search(phrase_alternation(()), "anything") is None


@pytest.mark.parametrize("phrases", [*VOCABULARIES.values(), tuple({p for ps in SIGN_UP_BOX.values() for p in ps}),
                                     ("a.b", "a.", "a", "a+b?", "(x)", "[y]", "\\", "e-mail", "e")])
def test_same_matches_as_the_plain_alternation(phrases: tuple[str, ...]) -> None:
    """Every match (start, end) of ``\\b(?:...)\\b`` under re.I, on texts built of the phrases, their pieces,
    capitals and punctuation, is the plain alternation's."""
    rng = random.Random(12)
    pieces = [*phrases, *(p[: len(p) // 2] for p in phrases), " ", ", ", "-", "S", "Share", "X", "."]
    trie = re.compile(r"\b(?:" + phrase_alternation(phrases) + r")\b", re.I)
    flat = re.compile(r"\b(?:" + plain(phrases) + r")\b", re.I)
    for _ in range(400):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 8)))
        text = text.upper() if rng.random() < 0.2 else text
        assert [m.span() for m in trie.finditer(text)] == [m.span() for m in flat.finditer(text)], text
        assert bool(trie.match(text)) == bool(flat.match(text)), text


def test_siblings_one_character_can_match_are_written_flat() -> None:
    """Under re.I "i" and "ı" (dotless) match each other: below "kas" the trie cannot tell its branches apart,
    so the plain longest-first alternation is written there and "KASIM" finds the longer name."""
    pattern = phrase_alternation(("kasim", "kasım ayı", "kas"), re.I)
    assert pattern == r"kas(?:ım\ ayı|im|)"
    assert re.match(pattern, "KASIM AYI", re.I).group() == "KASIM AYI"


def test_spaces_as_white_space() -> None:
    pattern = phrase_alternation(("de mayo", "de"), re.I, r"\s+")
    assert pattern == r"de(?:\s+mayo)?"
    assert re.match(pattern, "De  Mayo", re.I).group() == "De  Mayo"


def test_long_tag_candidates_find_every_long_tag() -> None:
    """The attribute-count prefilter (``extract/html/parse.py``) finds the same long tags as its pattern
    tried at every position, on tag soups of quotes, brackets and names, at small limits."""
    from converter.extract.html import parse

    rng = random.Random(3)
    alphabet = ["<", ">", '"', "'", "a", "b", " ", "=", "/", "<a ", '<b x="', "y='", '">', "\n"]
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        units = 2 * rng.randint(0, 4)
        pattern = re.compile(rf"""<([A-Za-z][^\s/>]*)(?>(?:[^<>"']|"[^"]*"|'[^']*'){{{units}}})""")
        fast = parse._long_tags(text, units)
        assert list(fast) == [(m.start(), m.end(1)) for m in pattern.finditer(text)], (text, units)
        for start in (i for i, c in enumerate(text) if c == "<"):  # where the pattern ends too
            m = pattern.match(text, start)
            assert parse._long_tag(text, start, units) == (m and (m.end(1), m.end())), (text, start, units)


def test_long_tags_give_the_name_back_by_runs_as_the_pattern_does_by_characters() -> None:
    """``_long_tag`` finds what the pattern finds where it must give back much of a long name (a script's
    text without a space) past quotes, brackets and unclosed quotes, at several counts of units."""
    from converter.extract.html import parse

    rng = random.Random(18)
    pieces = ["a", "bc", "<", '"', "'", '"x"', "'y'", '"<>"', "=", "d" * 40, ">", " ", "\n"]
    for _ in range(1500):
        text = "<a" + "".join(rng.choice(pieces[:-3] if rng.random() < 0.8 else pieces) for _ in range(60))
        text += "".join(rng.choice(pieces) for _ in range(rng.randint(0, 40)))
        for units in (1, 3, 8, 30, 90):
            pattern = re.compile(rf"""<([A-Za-z][^\s/>]*)(?>(?:[^<>"']|"[^"]*"|'[^']*'){{{units}}})""")
            m = pattern.match(text)
            assert parse._long_tag(text, 0, units) == (m and (m.end(1), m.end())), (text, units)
