"""The kept lines as structured Markdown: paragraphs, ``##`` sub-heads, figure captions and lists."""

from __future__ import annotations

from converter.extract.text.rules import BULLET
from converter.markdown.escape import escape_inline, escape_text


def block(verdict: str, rule: str, text: str) -> str:
    """One Markdown block for a kept line (``rule`` tells list items that carry no bullet)."""
    if verdict == "heading":
        return f"## {escape_inline(text)}"
    if verdict == "caption":
        return f"::: figure\n{escape_text(text)}\n:::"
    bullet = BULLET.match(text)
    if bullet:
        return f"- {escape_text(text[bullet.end():])}"
    if rule == "introduced_list":
        return f"- {escape_text(text)}"
    return escape_text(text)


def join_blocks(blocks: list[str]) -> str:
    """Blocks separated by a blank line; list items of one list on consecutive lines."""
    out: list[str] = []
    for b in blocks:
        if out and b.startswith("- ") and out[-1].startswith("- "):
            out[-1] += "\n" + b
        else:
            out.append(b)
    return "\n\n".join(out)
