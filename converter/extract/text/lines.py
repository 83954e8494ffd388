"""Lines of a text scrape and the shape features the rules read."""

from __future__ import annotations

import re
from dataclasses import dataclass

_WORD = re.compile(r"\w+")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
#: Sentence end: a full stop, ! or ?, maybe followed by closing quotes or brackets.
_SENTENCE_END = re.compile(r"[.!?…:;。！？][\"'”’»)\]]*$")


@dataclass(frozen=True)
class Line:
    """One non-blank line of the input."""

    number: int
    """1-based line number in the input."""
    text: str
    """The line, white space trimmed and runs of spaces folded."""
    words: int
    """Word count (CJK characters count as half a word each)."""
    sentence: bool
    """Ends like a sentence."""

    @property
    def title_like(self) -> bool:
        """Short, starts with a capital or digit, does not end like a sentence (``?`` allowed)."""
        first = self.text[:1]
        return (2 <= self.words <= 16 and (first.isupper() or first.isdigit() or first in "\"“‘'")
                and (not self.sentence or self.text.endswith("?")))

    @property
    def headline_like(self) -> bool:
        """Title-like, or the same shape in a script without capitals (Arabic, Hebrew, CJK, Thai ...).

        (Only for the headline: in those scripts a short line inside the text is as often a list item or a
        step as a sub-head, so sub-heads still need the cased shape.)"""
        first = self.text[:1]
        caseless = first.isalpha() and first.lower() == first.upper()
        return self.title_like or (caseless and 2 <= self.words <= 16 and not self.sentence)


def split_lines(text: str) -> list[Line]:
    """Every non-blank line of ``text`` with its features."""
    lines = []
    for number, raw in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1):
        clean = " ".join(raw.replace("\u00a0", " ").split())
        if clean:
            lines.append(Line(number, clean, count_words(clean), bool(_SENTENCE_END.search(clean))))
    return lines


def count_words(text: str) -> int:
    """Words, with CJK characters counted as half a word (they are written without spaces)."""
    cjk = len(_CJK.findall(text))
    if cjk * 2 > len(text):
        return max(1, cjk // 2)
    return len(_WORD.findall(text))
