"""Where the article is: the run of lines with the most article-like text (a maximum-sum segment).

Each line gets a weight: sentence-like lines count their words, short lines and page furniture count
against. The article is the contiguous run with the largest total, so a teaser card or a sub-head in the
middle of the text is bridged, while menus before it and footers after it are left out. Some furniture is
a wall the run never crosses (a copyright line, a cookie notice, links to the previous and next post), and
reader comments end the page: once an article-sized run stands before them, nothing after them counts.
"""

from __future__ import annotations

from converter.extract.text.lines import Line
from converter.extract.text.rules import BULLET, Decided

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
#: Rules whose lines the article never runs across.
WALL_RULES = frozenset({"copyright_line", "consent_vocabulary", "consent_call_to_action",
                        "post_navigation_vocabulary", "post_link", "comment_section"})
#: Dropped lines the run bridges like a sub-head: a "Read more: <title>" teaser link stands inside the text
#: (counted as furniture it cut a short post off from its comments, which then outweighed it), and so does a
#: sign-up box (``passes.sign_up_boxes``), bridged as a whole: its first line costs as much as a sub-head,
#: the rest nothing, so the article goes on after the box.
BRIDGED_RULES = frozenset({"teaser_link", "sign_up_box"})
#: Bridged rules whose lines come in blocks; a block costs only its first line.
BLOCK_RULES = frozenset({"sign_up_box"})
#: Rules after whose line only reader comments follow. (Not the links between a blog's entries: some
#: blogs print them above the entry, under a sidebar's worth of text.)
END_RULES = frozenset({"comment_section"})
#: Rules of list items, which count their words like text (short lines, but the article's).
LIST_RULES = frozenset({"introduced_list", "recipe_ingredient"})
#: Rules of the article's own short lines, which count their words like list items: a release's contact block
#: and dateline, an obituary's life dates, a review's score (at the end, they would otherwise fall outside).
COUNTED_RULES = LIST_RULES | {"contact_block", "press_dateline", "life_dates", "rating_line"}
#: Rules of the lines that stand between a headline and its first paragraph.
HEADER_RULES = frozenset({"byline", "byline_role", "dateline", "reading_time"})
#: The first paragraph after a byline or dateline counts this many times its words: the body starts there.
OPENING_FACTOR = 2.0
#: A run this heavy before the comments is the article (about three short paragraphs).
ARTICLE_WEIGHT = 40.0


#: Dropped lines that say nothing either way: a rule between sections ("* * *") stands inside articles as
#: often as between a menu and a footer.
NEUTRAL_RULES = frozenset({"separator_line", "release_end"})


def line_weight(line: Line, rule: str | None, verdict: str | None) -> float:
    """How much a line speaks for being inside the article."""
    if rule in WALL_RULES:
        return float("-inf")
    if rule in NEUTRAL_RULES:
        return 0.0
    if rule in BRIDGED_RULES:
        return TITLE_LIKE_WEIGHT
    if verdict is not None:
        return float(line.words) if rule in COUNTED_RULES else DECIDED_WEIGHTS.get(verdict, 0.0)
    if BULLET.match(line.text):
        return 0.0  # list items: short, but part of the text around them
    if line.title_like and line.text.endswith("?"):
        return TITLE_LIKE_WEIGHT  # a question headline is a title, not the first paragraph
    if line.sentence and line.words >= SENTENCE_WORDS:
        return float(line.words)
    if line.words >= LONG_LINE_WORDS:
        return 0.8 * line.words
    return TITLE_LIKE_WEIGHT if line.title_like else SHORT_WEIGHT


def span_weights(lines: list[Line], decided: Decided) -> list[float]:
    """Every line's ``line_weight``, the first paragraph under a byline or dateline counted
    ``OPENING_FACTOR`` times."""
    weights = [line_weight(line, decided[i].rule if i in decided else None,
                           decided[i].verdict if i in decided else None) for i, line in enumerate(lines)]
    for i, v in decided.items():
        if v.rule in BLOCK_RULES and i - 1 in decided and decided[i - 1].rule == v.rule:
            weights[i] = 0.0
    for i in (i + 1 for i, v in decided.items() if v.rule in HEADER_RULES):
        if i < len(lines) and i not in decided and weights[i] > 0:
            weights[i] *= OPENING_FACTOR
    return weights


def article_span(lines: list[Line], decided: Decided) -> tuple[int, int]:
    """Indices ``(start, end)`` (inclusive) of the maximum-weight run; ``(0, -1)`` when there is none."""
    weights = span_weights(lines, decided)
    for i in (i for i, v in sorted(decided.items()) if v.rule in END_RULES):
        score, span = best_run(weights[:i])
        if score >= ARTICLE_WEIGHT:
            return span
    return best_run(weights)[1]


def best_run(weights: list[float]) -> tuple[float, tuple[int, int]]:
    """The largest sum of consecutive weights and its ``(start, end)`` indices (Kadane's algorithm)."""
    best, best_span = 0.0, (0, -1)
    total, start = 0.0, 0
    for i, weight in enumerate(weights):
        if total <= 0:
            total, start = 0.0, i
        total += weight
        if total > best:
            best, best_span = total, (start, i)
    return best, best_span
