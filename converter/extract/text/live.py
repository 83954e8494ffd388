"""Live blogs: a run of entries, each opened by a time stamp on a line of its own ("14:05 GMT").

A live blog prints its newest entry first, so the oldest entries stand at the bottom of the page, where
the line model (fitted on articles whose bottom is a footer) drops them by position, and the stamps,
short lines, read as stray paragraphs. The named rule ``live_blog_entries`` reads the shape instead:
``LIVE_STAMPS`` or more stamp lines, each followed within ``HEAD_LINES`` lines by a paragraph, at most
``ENTRY_LINES`` lines apart. Every line of those entries that no furniture rule decided (share buttons
and advertisements between entries stay dropped) is the article's: the stamp (``live_entry_stamp``), the
entry's head, a short line right under the stamp (``live_entry_head``), and its text
(``live_entry_text``). The last entry runs to the end of its first run of paragraphs.

In the Markdown the stamp joins its entry (``markdown.body_blocks``): "## 14:05 GMT — Coastguard rescues
two walkers" over a head, "**14:05 GMT** Two walkers were ..." at the start of a first paragraph.
"""

from __future__ import annotations

from converter.extract.dates import is_time_stamp
from converter.extract.text.decide import Analysis
from converter.extract.text.lines import Line
from converter.extract.text.rules import Verdict

#: Fewest stamped entries that make a live blog.
LIVE_STAMPS = 3
#: An entry's first paragraph is at most this many lines under its stamp (a head may stand between).
HEAD_LINES = 2
#: Stamps of one live blog are at most this many lines apart.
ENTRY_LINES = 20
#: A paragraph: a sentence of at least this many words.
PARAGRAPH_WORDS = 8
#: Verdicts the rule leaves alone: the page's headline and its metadata lines.
KEEP_VERDICTS = frozenset({"title", "metadata"})


def _paragraph(line: Line) -> bool:
    return line.sentence and line.words >= PARAGRAPH_WORDS


def stamp_lines(page: Analysis) -> list[int]:
    """The stamps of the page's live blog (``LIVE_STAMPS`` or more), or an empty list."""
    lines = page.lines
    stamps = [i for i, line in enumerate(lines) if i not in page.rule_of and is_time_stamp(line.text)
              and any(_paragraph(lines[j]) for j in range(i + 1, min(len(lines), i + HEAD_LINES + 2)))]
    runs: list[list[int]] = []
    for i in stamps:
        if runs and i - runs[-1][-1] <= ENTRY_LINES:
            runs[-1].append(i)
        else:
            runs.append([i])
    best = max(runs, key=len, default=[])
    return best if len(best) >= LIVE_STAMPS else []


def live_blog_entries(page: Analysis) -> None:
    """Keep every entry of a live blog with its stamp and head (in place; see the module docstring)."""
    stamps = stamp_lines(page)
    if not stamps:
        return
    lines, decided = page.lines, page.decided
    last_end = stamps[-1]
    seen_paragraph = False
    for j in range(stamps[-1] + 1, len(lines)):
        if j in page.rule_of or (seen_paragraph and not _paragraph(lines[j])):
            break
        if not _paragraph(lines[j]) and j > stamps[-1] + HEAD_LINES - 1:
            break
        seen_paragraph = seen_paragraph or _paragraph(lines[j])
        last_end = j
    bounds = [*stamps[1:], last_end + 1]
    for stamp, stop in zip(stamps, bounds, strict=True):
        for j in range(stamp, stop):
            if j in page.rule_of or decided[j].verdict in KEEP_VERDICTS:
                continue
            if j == stamp:
                decided[j] = Verdict("kept", "live_entry_stamp")
            elif j == stamp + 1 and not _paragraph(lines[j]) and not lines[j].sentence:
                decided[j] = Verdict("heading", "live_entry_head")
            else:
                decided[j] = Verdict("kept", "live_entry_text")
