"""Typography rules applied to an article's body HTML when an edition (screen, print, EPUB) is written.

Each rule is a named function over the text of the HTML (never its tags, attributes, code or preformatted
text). The Markdown keeps what the page had; only the editions get the typographer's touches.

- ``keep_digit_groups``: a number written with spaces between its thousands ("400 000", "1 250 000")
  never breaks across lines: its groups are joined by U+00A0 NO-BREAK SPACE, which every font has and which
  is as wide as the space the page used.
"""

from __future__ import annotations

import re

#: A number with space thousands separators: 1-3 digits, then groups of exactly 3 after a plain space,
#: not glued to other digits ("400 000", "12 500", "1 250 000,50"). Years next to a count are the
#: ambiguous case ("in 2024 300 people"): a 4-digit first group never matches, so "2024 300" is left alone;
#: "in 12 300-metre races" would be joined, which costs nothing but a line-break opportunity. We apply the
#: rule in every language for that reason (a false match changes no visible character).
DIGIT_GROUPS = re.compile(r"(?<![\d.,])\d{1,3}(?: \d{3})+(?!\d)")
#: What every match of ``DIGIT_GROUPS`` holds, a digit, a space and three digits: looked for first, as a space
#: and three digits (a search for a plain character, ten times cheaper than ``DIGIT_GROUPS``'s look-behind at
#: each position) then a digit before it. Most bodies have none.
_MAY_GROUP_DIGITS = re.compile(r"\d \d\d\d")
_SPACE_THREE_DIGITS = re.compile(r" \d\d\d")
NO_BREAK_SPACE = "\u00a0"
#: Elements whose text is shown as written: no typography inside them.
_VERBATIM = ("pre", "code", "kbd", "samp", "script", "style", "textarea")
_TAG = re.compile(r"(<[^>]*>)")
_TAG_NAME = re.compile(r"<\s*(/?)\s*([a-zA-Z0-9]+)")


def keep_digit_groups(text: str) -> str:
    """``text`` with the spaces inside space-grouped numbers made unbreakable ("400 000" -> "400\\u00a0000")."""
    return DIGIT_GROUPS.sub(lambda m: m[0].replace(" ", NO_BREAK_SPACE), text)


#: The rules applied to every text run of the body, in order.
RULES = (keep_digit_groups,)


def may_group_digits(text: str) -> bool:
    """``_MAY_GROUP_DIGITS.search(text)``, found from the spaces followed by three digits (these never
    overlap, so every one is seen)."""
    return any(m.start() and _MAY_GROUP_DIGITS.match(text, m.start() - 1) for m in _SPACE_THREE_DIGITS.finditer(text))


def apply_typography(html: str) -> str:
    """``html`` (a body fragment) with every typography rule applied to its text, outside tags, attributes
    and verbatim elements (``pre``, ``code`` ...)."""
    if not may_group_digits(html) or DIGIT_GROUPS.search(html) is None:
        return html  # most bodies: nothing to do, no parsing
    pieces = _TAG.split(html)
    verbatim = 0
    for index, piece in enumerate(pieces):
        if index % 2:  # a tag
            m = _TAG_NAME.match(piece)
            if m and m[2].lower() in _VERBATIM and not piece.rstrip().endswith("/>"):
                verbatim = max(0, verbatim - 1) if m[1] else verbatim + 1
            continue
        if piece and not verbatim:
            for rule in RULES:
                piece = rule(piece)
            pieces[index] = piece
    return "".join(pieces)
