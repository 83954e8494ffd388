"""Where the article is: the run of lines with the most article-like text (a maximum-sum segment).

Each line gets a weight: sentence-like lines count their words, short lines and page furniture count
against. The article is the contiguous run with the largest total, so a teaser card or a sub-head in the
middle of the text is bridged, while menus before it and footers after it are left out.
"""

from __future__ import annotations

from converter.text_extract.lines import Line
from converter.text_extract.rules import BULLET, Decided

# Calibration (bench/extract_text.py, corpus dev pages): raising the cost of short lines from -4 to -8 and of
# furniture from -5 to -10 lifted innertext F1 0.879 -> 0.895 and dump 0.867 -> 0.891 with recall unchanged
# (0.953); at -12/-15 recall starts to fall (0.922), so these sit just before that point.
#: Weight of a line a rule decided, by verdict (furniture counts against, captions are neutral).
DECIDED_WEIGHTS = {"dropped": -10.0, "metadata": -1.0, "caption": 0.0, "title": 0.0}
#: A bridging cost for sub-head-like short lines, lower than other short lines.
TITLE_LIKE_WEIGHT = -3.0
SHORT_WEIGHT = -8.0
#: Lines this long count as text even without a final full stop.
LONG_LINE_WORDS = 15
SENTENCE_WORDS = 6


def line_weight(line: Line, verdict: str | None) -> float:
    """How much a line speaks for being inside the article."""
    if verdict is not None:
        return DECIDED_WEIGHTS.get(verdict, 0.0)
    if BULLET.match(line.text):
        return 0.0  # list items: short, but part of the text around them
    if line.title_like and line.text.endswith("?"):
        return TITLE_LIKE_WEIGHT  # a question headline is a title, not the first paragraph
    if line.sentence and line.words >= SENTENCE_WORDS:
        return float(line.words)
    if line.words >= LONG_LINE_WORDS:
        return 0.8 * line.words
    return TITLE_LIKE_WEIGHT if line.title_like else SHORT_WEIGHT


def article_span(lines: list[Line], decided: Decided) -> tuple[int, int]:
    """Indices ``(start, end)`` (inclusive) of the maximum-weight run; ``(0, -1)`` when there is none."""
    best, best_span = 0.0, (0, -1)
    total, start = 0.0, 0
    for i, line in enumerate(lines):
        verdict = decided[i].verdict if i in decided else None
        if total <= 0:
            total, start = 0.0, i
        total += line_weight(line, verdict)
        if total > best:
            best, best_span = total, (start, i)
    return best_span
