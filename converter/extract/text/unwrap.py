"""Hard-wrapped plain text (a terminal browser's dump, an e-mail, a wire story at 72 columns): lines joined
back into paragraphs before the line rules read them.

The line rules take each line for a paragraph, which is right for a browser copy or a scraper dump and
wrong for text wrapped at a fixed width: there every line would become a paragraph or a sub-head. Such
text is recognised by its line lengths: most long lines end within a few columns of one width and hardly
any line passes it. A line is then joined to the next when the next line's first word would not have
fitted after it (the line was wrapped there); a line that stops short of the width ends where its author
ended it (a headline, a byline, a list item), so those keep their own lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from statistics import quantiles

from converter.extract.result import Decision

#: Fewest non-blank lines for the line lengths to say anything.
MIN_LINES = 8
#: Widths text is wrapped at lie in this range (columns).
MIN_WIDTH, MAX_WIDTH = 40, 110
#: Lines ending within this many columns of the width count as full.
FULL_SLACK = 12
#: At least this share of the lines must be full, and at most this share may pass the width.
MIN_FULL_SHARE, MAX_OVER_SHARE = 0.5, 0.03
#: A line starting like a list item starts a new paragraph even after a full line.
_ITEM = re.compile(r"^\s*(?:[-*•+]\s|\d{1,3}[.)]\s)")


def wrap_width(text: str) -> int:
    """The width the text is hard-wrapped at, or 0 when it is not hard-wrapped."""
    lengths = [len(line.rstrip()) for line in text.splitlines() if line.strip()]
    if len(lengths) < MIN_LINES:
        return 0
    width = int(quantiles(lengths, n=20)[-1]) if len(lengths) >= 2 else 0  # the 95th percentile
    width = max((n for n in lengths if n <= width + 2), default=0)
    if not MIN_WIDTH <= width <= MAX_WIDTH:
        return 0
    full = sum(1 for n in lengths if width - FULL_SLACK <= n <= width)
    over = sum(1 for n in lengths if n > width)
    if full < MIN_FULL_SHARE * len(lengths) or over > MAX_OVER_SHARE * len(lengths):
        return 0
    return width


@dataclass(frozen=True)
class Unwrapped:
    """The text with its wrapped lines joined, and where each of its lines came from."""

    text: str
    sources: tuple[tuple[int, ...], ...] = ()
    """For line ``n`` of ``text`` (1-based), ``sources[n - 1]`` are the input's line numbers joined into it;
    empty when nothing was joined."""
    original: tuple[str, ...] = ()

    def spread(self, decisions: tuple[Decision, ...]) -> tuple[Decision, ...]:
        """Decisions about joined lines as decisions about each input line (``--explain`` shows the input)."""
        if not self.sources:
            return decisions
        return tuple(Decision(n, self.original[n - 1].strip(), d.verdict, d.rule)
                     for d in decisions for n in self.sources[d.line - 1])


def unwrap(text: str) -> Unwrapped:
    """``text`` with hard-wrapped lines joined into one line per paragraph; other text as it is."""
    width = wrap_width(text)
    if not width:
        return Unwrapped(text)
    original = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    out: list[str] = []
    sources: list[list[int]] = []
    joining = False
    for number, raw in enumerate(original, 1):
        line = raw.strip()
        if not line:
            out.append("")
            sources.append([number])
            joining = False
            continue
        if joining and not _ITEM.match(raw):
            out[-1] = f"{out[-1]} {line}"
            sources[-1].append(number)
        else:
            out.append(line)
            sources.append([number])
        joining = _wrapped(raw.rstrip(), width)
    return Unwrapped("\n".join(out), tuple(tuple(s) for s in sources), tuple(original))


def _wrapped(line: str, width: int) -> bool:
    """The line was broken by the wrapping: it is full up to the width, less a word's length."""
    return len(line) >= width - FULL_SLACK
