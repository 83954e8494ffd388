"""pyphen's hyphenation dictionary, its patterns parsed the first time a word needs them.

pyphen's ``HyphDict`` parses every pattern of a ``hyph_*.dic`` file in Python when it loads it (German's
66,000 patterns: 0.66 s, Hungarian's 0.73 s), though a page's words look up a few thousand of them. Here the
load only splits the file into lines, drops those pyphen skips, and keys each pattern by its letters (the
digits removed in C); a pattern's values are parsed, exactly as pyphen does, when ``positions`` first finds
its key, and kept. Break points are pyphen's, value for value (``DataInt`` data included).

Imported only where pyphen is installed (``converter.render.hyphenation`` imports it lazily).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pyphen

#: A pyphen pattern's parsed values: the offset of its first non-zero value and the values from there to its
#: last non-zero one (``int``, or ``pyphen.DataInt`` for a nonstandard alternative's odd values).
Parsed = tuple[int, tuple[int, ...]]

#: A pattern line pyphen keeps: not a comment or a header (``pyphen.ignored``) and with a value other than 0
#: (pyphen skips a pattern whose values are all 0, and such a line does not replace an earlier one of the same
#: letters). ASCII digits: a file with any other decimal digit goes to pyphen's own parser (``LazyHyphDict``).
_KEPT = re.compile(f"(?!{'|'.join(map(re.escape, pyphen.ignored))})[^1-9]*[1-9]").match
_NON_ZERO = re.compile("[1-9]").search
#: A decimal digit beyond ASCII (``\d`` is Unicode's Nd, all of which pyphen's parser reads as values): the
#: first is U+0660, and the range is tested first, so a text's letters cost little.
_DIGIT_BEYOND_ASCII = re.compile("[^\x00-\u065f\\D]").search
_ASCII_DIGITS = b"0123456789"
_DIGIT_VALUES = {digit: int(digit) for digit in "0123456789"}


def _parse(pattern: str) -> Parsed | None:
    """One pattern line (stripped, without ``^^hh``, its digits ASCII) read exactly as ``pyphen.HyphDict``
    reads it: None when its values are all 0."""
    if "/" in pattern and "=" in pattern:  # a nonstandard alternative, such as Hungarian's ``c1cs/cs=,2,1``
        pattern, alternative = pattern.split("/", 1)
        factory = pyphen.AlternativeParser(pattern, alternative)
        _, values = zip(*[(string, factory(i or "0")) for i, string in pyphen.parse(pattern)], strict=True)
        return _trimmed(list(values))
    return _trimmed(_plain_values(pattern))


def _plain_values(pattern: str) -> list[int]:
    """The values of a pattern without alternative, as pyphen's ``parse`` (``(\\d?)(\\D?)`` found all
    along it) gives them: each letter takes the digit before it or 0; a digit after a digit, or at the end,
    stands alone; a 0 closes the list (the pattern's final empty match). Five times faster than the regular
    expression, which matters because a render child parses again what its part looks up."""
    values = []
    pending = None  # a digit not yet paired with a letter
    for char in pattern:
        value = _DIGIT_VALUES.get(char)
        if value is None:
            values.append(pending or 0)
            pending = None
        else:
            if pending is not None:
                values.append(pending)
            pending = value
    if pending is not None:
        values.append(pending)
    values.append(0)
    return values


def _trimmed(values: list[Any]) -> Parsed | None:
    """pyphen's stored form of a pattern's values: the offset of the first non-zero one and the values from
    there to the last non-zero one; None when all are 0 (pyphen skips the pattern)."""
    if max(values) == 0:
        return None
    start, end = 0, len(values)
    while not values[start]:
        start += 1
    while not values[end - 1]:
        end -= 1
    return start, tuple(values[start:end])


def _read(path: Path) -> str:
    """The file's text after its first line (the encoding's name), as pyphen reads it."""
    with path.open("rb") as fd:
        encoding = fd.readline().decode()
    if encoding.lower() == "microsoft-cp1251":
        encoding = "cp1251"
    return path.read_text(encoding)


def _has_digits_beyond_ascii(text: str) -> bool:
    """Whether ``text`` has a decimal digit other than 0-9 (none of Latin-1's characters is one)."""
    try:
        text.encode("latin-1")
    except UnicodeEncodeError:
        return _DIGIT_BEYOND_ASCII(text) is not None
    return False


def _entries(text: str) -> dict[str, str | Parsed] | None:
    """Each pattern's letters -> its line, to be parsed on first use; only patterns with a value other than 0,
    a later line of the same letters replacing an earlier one: pyphen's ``HyphDict.patterns`` with the values
    not yet parsed. None for a file with ``^^hh`` or decimal digits beyond ASCII.

    Each step runs over all lines in C (``map``, ``filter``, one ``bytes.translate``): German's 78,000 lines
    take about a tenth of pyphen's parse.
    """
    if "^^" in text or _has_digits_beyond_ascii(text):
        # ``^^hh`` (a character by its code, which pyphen replaces first: a digit, even a line break) and
        # digits the C pass would keep as letters: left to pyphen's parser. No dictionary of pyphen's has them.
        return None
    lines = list(filter(_KEPT, map(str.strip, text.split("\n")[1:])))
    # The ASCII digits' bytes never occur inside another character's UTF-8 bytes.
    data = "\n".join(lines).encode("utf-8", "surrogatepass")
    keys = data.translate(None, _ASCII_DIGITS).decode("utf-8", "surrogatepass").split("\n")
    if "/" in text and "=" in text:
        # A nonstandard alternative's letters stop at its "/" (the digits' removal moved no "/"); pyphen skips
        # it when its values, the digits before the "/", are all 0.
        dropped = []
        for i in [i for i, line in enumerate(lines) if "/" in line]:
            line = lines[i]
            if "=" in line:
                if _NON_ZERO(line.split("/", 1)[0]):
                    keys[i] = keys[i].split("/", 1)[0]
                else:
                    dropped.append(i)
        if dropped:
            keys, lines = _without(keys, dropped), _without(lines, dropped)
    return dict(zip(keys, lines, strict=True))


def _without(items: list[str], indices: list[int]) -> list[str]:
    """``items`` less those at ``indices``."""
    skip = set(indices)
    return [item for i, item in enumerate(items) if i not in skip]


class LazyHyphDict(pyphen.HyphDict):
    """``pyphen.HyphDict`` whose patterns are parsed when ``positions`` first looks them up.

    ``positions(word)`` returns what pyphen's does (a list of ``pyphen.DataInt``, their ``data`` included),
    cached by the lowercased word as pyphen caches it. ``maxlen`` is pyphen's: the longest pattern's letters.
    Raises ``OSError`` or ``UnicodeDecodeError`` for a file pyphen could not read, ``ValueError`` for one
    with no pattern.
    """

    def __init__(self, path: Path) -> None:
        self.cache: dict[str, list[Any]] = {}
        entries = _entries(_read(path))
        if entries is None:
            eager = pyphen.HyphDict(path)
            self._entries: dict[str, str | Parsed] = dict(eager.patterns)
            self.maxlen: int = eager.maxlen
        else:
            self._entries = entries
            self.maxlen = max(map(len, entries))

    @property
    def patterns(self) -> dict[str, Parsed]:
        """pyphen's ``HyphDict.patterns``, every pattern parsed (for comparisons; ``positions`` needs none)."""
        return {key: self._parsed(key) for key in self._entries}

    def _parsed(self, key: str) -> Parsed:
        entry = self._entries[key]
        if isinstance(entry, str):
            parsed = _parse(entry)
            assert parsed is not None, "a line without a value other than 0 was kept"
            entry = self._entries[key] = parsed
        return entry

    def positions(self, word: str) -> list[Any]:
        """The positions where ``word`` can be divided, as ``pyphen.HyphDict.positions`` (whose loop this is,
        with each pattern parsed on its first use)."""
        word = word.lower()
        points = self.cache.get(word)
        if points is None:
            entries = self._entries
            pointed_word = f".{word}."
            references: list[int] = [0] * (len(pointed_word) + 1)
            for i in range(len(pointed_word) - 1):
                stop = min(i + self.maxlen, len(pointed_word)) + 1
                for j in range(i + 1, stop):
                    entry: Any = entries.get(pointed_word[i:j])
                    if entry is None:
                        continue
                    if entry.__class__ is str:
                        entry = self._parsed(pointed_word[i:j])
                    offset, values = entry
                    slice_ = slice(i + offset, i + offset + len(values))
                    references[slice_] = map(max, values, references[slice_])
            self.cache[word] = points = [
                pyphen.DataInt(i - 1, reference=reference)
                for i, reference in enumerate(references) if reference % 2]
        return points
