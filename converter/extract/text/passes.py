"""Page passes: rules that read the whole page at once, after the line rules.

``PAGE_PASSES`` runs in order; each pass decides lines still undecided (or left to it) from a pattern
that spans many lines: a menu is a run of short lines, a hidden copy of the article repeats its text.
"""

from __future__ import annotations

from collections.abc import Callable

from converter.extract.text.lines import Line
from converter.extract.text.recipe import recipe_parts
from converter.extract.text.rules import BULLET, Decided, Verdict
from converter.extract.text.vocabulary import is_ad_label, is_sign_up_line

Pass = Callable[[list[Line], Decided], None]

#: Lines open with this many words before the opening is compared with earlier lines.
OPENING_WORDS = 8
#: Fewest lines in a run of short lines that makes it a menu.
MENU_LINES = 3


def navigation_runs(lines: list[Line], decided: Decided) -> None:
    """Runs of three or more short lines without sentence punctuation: menus, tag lists, link lists."""
    run: list[int] = []
    for i, line in enumerate([*lines, None]):
        if i in decided and decided[i].rule in BETWEEN_RULES:
            continue  # "|" or "———" between items, a review's stars: part of neither the menu nor the text
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


#: Rules of lines that may stand between a headline and its byline: a rule, a review's stars ("★★★☆☆").
BETWEEN_RULES = frozenset({"separator_line", "rating_line"})


def _stands_over_byline(decided: Decided, i: int) -> bool:
    """A short line right above a byline or dateline (maybe across a review's stars, ``BETWEEN_RULES``) is the
    headline, even after a menu ("渡轮恢复运营")."""
    j = i + 1
    while j in decided and decided[j].rule in BETWEEN_RULES:
        j += 1
    below = decided.get(j)
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


#: The lines of a sign-up box are at most this many words (its small print is a sentence or two).
BOX_LINE_WORDS = 25
#: A box has at most this many lines.
BOX_MAX_LINES = 8
#: A box's button or label ("Subscribe", "Jetzt anmelden", "Anzeige") is at most this many words.
BOX_BUTTON_WORDS = 4
#: A line inside a box without a box phrase ("The best of the Courier, every morning.") is at most this long.
BOX_FILLER_WORDS = 12
#: The lines of a box follow each other with at most one blank line between them.
BOX_LINE_GAP = 2
#: Verdicts a box never takes over: the headline's metadata and captions are no box's.
BOX_KEEPS = frozenset({"metadata", "caption", "title"})
#: Rules that end the article; a box takes their lines only when the article goes on after it.
BOX_WALLS = frozenset({"consent_vocabulary", "consent_call_to_action", "copyright_line"})


def sign_up_boxes(lines: list[Line], decided: Decided) -> None:
    """A newsletter, sign-up or ad box set inside the article, removed as one block.

    The shape many sites share: a short run of short lines (at most ``BOX_MAX_LINES``, each at most
    ``BOX_LINE_WORDS`` words, at most one blank line apart), most of them holding a sign-up, consent or
    ad-label phrase (``vocabulary.SIGN_UP_BOX``, ``AD_LABELS``; en, de, fr, es, it, nl, pt), one of them a
    button or label of at most ``BOX_BUTTON_WORDS`` words: "Sign up to our daily newsletter / Enter your
    email address / Subscribe / By signing up you agree to our privacy policy.", "Anzeige / Newsletter /
    Die wichtigsten Nachrichten ... per E-Mail. / Jetzt anmelden"; with the box's title right above it
    ("Get the Courier briefing"). Its lines are dropped as ``sign_up_box``, which the article span bridges
    (``segment``): the article goes on after the box. Ad labels alone make no box ("Advertisement", a
    paragraph, "Advertisement": the paragraph is the article's), and a bulleted list is the article's ("- Never
    share your email address").
    """
    marks = [_box_mark(line) for line in lines]
    group: list[int] = []
    for i, line in enumerate([*lines, None]):
        short = (line is not None and line.words <= BOX_LINE_WORDS and not BULLET.match(line.text)
                 and (i not in decided or decided[i].verdict not in BOX_KEEPS))
        if short and line is not None and group and line.number - lines[group[-1]].number <= BOX_LINE_GAP:
            group.append(i)
            continue
        for box in _boxes_in(group, lines, marks):
            _drop_box(lines, decided, box)
        group = [i] if short else []


def _box_mark(line: Line) -> str:
    """"ad" for an ad label, "sign_up" for a line with a box phrase, "" for any other line."""
    if line.words > BOX_LINE_WORDS:
        return ""
    if is_ad_label(line.text):
        return "ad"
    return "sign_up" if is_sign_up_line(line.text) else ""


def _boxes_in(group: list[int], lines: list[Line], marks: list[str]) -> list[list[int]]:
    """The boxes in a run of short lines: from a marked line to the last marked line after it, the lines
    between them marked or short fillers (never two fillers in a row)."""
    boxes: list[list[int]] = []
    k = 0
    while k < len(group):
        if not marks[group[k]]:
            k += 1
            continue
        box = [group[k]]
        j = k + 1
        while j < len(group) and len(box) <= BOX_MAX_LINES:  # a longer run is no box: stop reading it
            g = group[j]
            if marks[g]:
                box.append(g)
            elif lines[g].words > BOX_FILLER_WORDS or (j + 1 < len(group) and not marks[group[j + 1]]):
                break
            else:
                box.append(g)
            j += 1
        while box and not marks[box[-1]]:
            box.pop()
        if _is_box(box, lines, marks):
            first = group.index(box[0])
            if first > 0 and _is_box_header(lines[group[first - 1]], lines[box[0]], marks[group[first - 1]]):
                box.insert(0, group[first - 1])
            boxes.append(box)
            k = group.index(box[-1]) + 1
        else:
            k += 1
    return boxes


def _is_box_header(line: Line, below: Line, mark: str) -> bool:
    """The box's own title right above its first line, with no blank line between ("Get the Courier
    briefing"): short, not a sentence."""
    return (not mark and below.number == line.number + 1 and line.words <= BOX_FILLER_WORDS
            and not line.sentence)


def _is_box(box: list[int], lines: list[Line], marks: list[str]) -> bool:
    marked = [i for i in box if marks[i]]
    return (len(marked) >= 2 and len(box) <= BOX_MAX_LINES and len(marked) * 2 >= len(box)
            and any(marks[i] == "sign_up" for i in marked)
            and any(lines[i].words <= BOX_BUTTON_WORDS for i in marked))


def _drop_box(lines: list[Line], decided: Decided, box: list[int]) -> None:
    """Drop the box's lines as ``sign_up_box``; a wall's line (a consent sentence) only when prose follows
    the box, so that the article goes on after it."""
    after = box[-1] + 1
    inside = (after < len(lines) and lines[after].number - lines[box[-1]].number <= BOX_LINE_GAP
              and lines[after].sentence and lines[after].words >= PROSE_WORDS and after not in decided)
    for i in box:
        if i in decided and decided[i].rule in BOX_WALLS and not inside:
            continue
        decided[i] = Verdict("dropped", "sign_up_box")


#: A line of this many words ending like a sentence is a paragraph of prose.
PROSE_WORDS = 8


#: The passes, in the order they run.
PAGE_PASSES: tuple[tuple[str, Pass], ...] = (
    ("repeated_passage", repeated_passages),
    ("sign_up_box", sign_up_boxes),
    ("recipe_parts", recipe_parts),  # before the menu pass, which would take an ingredient list for a menu
    ("navigation_run", navigation_runs),
)


def apply_page_passes(lines: list[Line], decided: Decided, skip: frozenset[str] = frozenset()) -> None:
    """Run ``PAGE_PASSES`` (less those named in ``skip``) over the page."""
    for name, page_pass in PAGE_PASSES:
        if name not in skip:
            page_pass(lines, decided)
