"""Page passes: rules that read the whole page at once, after the line rules.

``PAGE_PASSES`` runs in order; each pass decides lines still undecided (or left to it) from a pattern
that spans many lines: a menu is a run of short lines, a hidden copy of the article repeats its text.
"""

from __future__ import annotations

from collections.abc import Callable

from converter.extract.text.lines import Line
from converter.extract.text.rules import BULLET, Decided, Verdict

Pass = Callable[[list[Line], Decided], None]

#: Lines open with this many words before the opening is compared with earlier lines.
OPENING_WORDS = 8
#: Fewest lines in a run of short lines that makes it a menu.
MENU_LINES = 3


def navigation_runs(lines: list[Line], decided: Decided) -> None:
    """Runs of three or more short lines without sentence punctuation: menus, tag lists, link lists."""
    run: list[int] = []
    for i, line in enumerate([*lines, None]):
        short = (line is not None and i not in decided and line.words <= 5 and not line.sentence
                 and not BULLET.match(line.text)  # a bulleted list is article text, a menu has no bullets
                 and not _stands_over_byline(decided, i))
        if short:
            run.append(i)
            continue
        if len(run) >= MENU_LINES:
            for j in run:
                decided[j] = Verdict("dropped", "navigation_run")
        run = []


#: Rules of the lines printed right under a headline.
BYLINE_RULES = ("byline", "dateline", "reading_time")


def _stands_over_byline(decided: Decided, i: int) -> bool:
    """A short line right above a byline or dateline is the headline, even after a menu ("渡轮恢复运营")."""
    below = decided.get(i + 1)
    return below is not None and below.rule in BYLINE_RULES


def repeated_passages(lines: list[Line], decided: Decided) -> None:
    """A copy of earlier text: earlier paragraphs run together, or an earlier line cut short with "...".

    Both are what a page hides for its summary or its search snippet. A line repeated exactly is left
    alone: an interview asks several people the same question.
    """
    openings: dict[str, str] = {}
    by_first_words: dict[str, list[str]] = {}
    for i, line in enumerate(lines):
        words = line.text.split()
        if i not in decided and (_runs_together(line.text, words, openings)
                                 or _cut_copy(line.text, words, by_first_words)):
            decided[i] = Verdict("dropped", "repeated_passage")
        if len(words) > OPENING_WORDS:
            openings.setdefault(" ".join(words[:OPENING_WORDS]), line.text)
            by_first_words.setdefault(" ".join(words[:4]), []).append(line.text)


def _runs_together(text: str, words: list[str], openings: dict[str, str]) -> bool:
    """A line made of an earlier long line, then what opens another one: earlier paragraphs run together.

    (A line that merely starts with an earlier one is the paragraph a pull quote was taken from.)
    """
    earlier = openings.get(" ".join(words[:OPENING_WORDS]), "")
    if len(words) <= OPENING_WORDS or not earlier or not text.startswith(earlier):
        return False
    rest = text[len(earlier):].split()
    return " ".join(rest[:OPENING_WORDS]) in openings


def _cut_copy(text: str, words: list[str], by_first_words: dict[str, list[str]]) -> bool:
    """A line cut short with "..." that an earlier, longer line starts with."""
    if len(words) < 4 or not text.endswith(("...", "…")):
        return False
    prefix = text.rstrip(".… ")
    return any(e.startswith(prefix) for e in by_first_words.get(" ".join(words[:4]), ()))


#: The passes, in the order they run.
PAGE_PASSES: tuple[tuple[str, Pass], ...] = (
    ("repeated_passage", repeated_passages),
    ("navigation_run", navigation_runs),
)


def apply_page_passes(lines: list[Line], decided: Decided, skip: frozenset[str] = frozenset()) -> None:
    """Run ``PAGE_PASSES`` (less those named in ``skip``) over the page."""
    for name, page_pass in PAGE_PASSES:
        if name not in skip:
            page_pass(lines, decided)
