"""Escaping text so that Markdown shows it as written.

Extractors produce Markdown from text that was never meant as Markdown: a line that starts with ``1.``,
``#`` or ``-``, or a word with ``*`` or ``_`` in it, must not turn into a list, a heading or emphasis.
"""

from __future__ import annotations

import re

#: Inline characters that could start emphasis, links, code, HTML or escapes.
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>|]|&(?=#?\w+;))")
#: A line start that CommonMark would read as a block: heading, quote, list, rule, fence, table, div.
_BLOCK_START = re.compile(r"^(\s*)(#{1,6}(?=\s|$)|>|[-+*](?=\s|$)|\d{1,9}[.)](?=\s|$)|={3,}|-{3,}|`{3,}|~{3,}|:{3,})")


def escape_inline(text: str) -> str:
    """Escape characters that Markdown would read as inline markup.

    Underscores inside a word (``snake_case``) and ``*`` between spaces stay as they are, since
    CommonMark does not read them as emphasis; everything else that could be markup is escaped.
    """
    def repl(m: re.Match[str]) -> str:
        ch, i, s = m.group(1), m.start(), m.string
        before = s[i - 1] if i > 0 else " "
        after = s[i + 1] if i + 1 < len(s) else " "
        if ch == "_" and before.isalnum() and after.isalnum():
            return ch
        if ch == "*" and before.isspace() and after.isspace():
            return ch
        return "\\" + ch

    return _INLINE_SPECIAL.sub(repl, text)


def escape_block_start(line: str) -> str:
    """Escape a line start that Markdown would read as a block marker (``1. ``, ``# ``, ``- ``, ``> ``)."""
    m = _BLOCK_START.match(line)
    if not m:
        return line
    indent, marker = m.group(1), m.group(2)
    if marker[0].isdigit():
        digits = marker[:-1]
        return f"{indent}{digits}\\{marker[-1]}{line[m.end():]}"
    return f"{indent}\\{line[len(indent):]}"


def escape_text(text: str) -> str:
    """Escape a whole paragraph of plain text (inline markup, then a block marker at its start)."""
    return escape_block_start(escape_inline(text.strip()))
