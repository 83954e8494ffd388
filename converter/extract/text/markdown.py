"""The kept lines as structured Markdown: paragraphs, ``##`` sub-heads, figure captions and lists."""

from __future__ import annotations

from converter.extract.text.rules import BULLET
from converter.markdown.escape import escape_inline, escape_text


def block(verdict: str, rule: str, text: str) -> str:
    """One Markdown block for a kept line (``rule`` tells list items that carry no bullet)."""
    if verdict == "heading":
        # a recipe's ingredient groups and steps stand under its "Ingredients" and "Method" heads
        level = "###" if rule in ("recipe_group", "recipe_step") else "##"
        return f"{level} {escape_inline(text)}"
    if verdict == "caption":
        return f"::: figure\n{escape_text(text)}\n:::"
    bullet = BULLET.match(text)
    if bullet:
        return f"- {escape_text(text[bullet.end():])}"
    if rule in ("introduced_list", "recipe_ingredient"):
        return f"- {escape_text(text)}"
    return escape_text(text)


def body_blocks(entries: list[tuple[int, str, str, str]]) -> list[str]:
    """The Markdown blocks of the kept lines ``(index, verdict, rule, text)``, in order. A caption right
    above its credit line (rule ``caption_above_credit``, then a caption on the next line) makes one figure:
    "Caption. Photograph: A. Lee". A live blog's stamp (rule ``live_entry_stamp``) joins the line after it:
    "## 14:05 GMT — <head>" or "**14:05 GMT** <first paragraph>"."""
    blocks: list[str] = []
    k = 0
    while k < len(entries):
        i, verdict, rule, text = entries[k]
        if (rule == "caption_above_credit" and verdict == "caption" and k + 1 < len(entries)
                and entries[k + 1][0] == i + 1 and entries[k + 1][1] == "caption"):
            blocks.append(block("caption", rule, f"{text} {entries[k + 1][3]}"))
            k += 2
            continue
        if rule == "live_entry_stamp" and k + 1 < len(entries) and entries[k + 1][0] == i + 1:
            # a live blog's stamp joins its entry: the head's text, or the first paragraph's start
            _, next_verdict, next_rule, next_text = entries[k + 1]
            if next_verdict == "heading":
                blocks.append(f"## {escape_inline(text)} — {escape_inline(next_text)}")
            else:
                blocks.append(f"**{escape_inline(text)}** {block(next_verdict, next_rule, next_text)}")
            k += 2
            continue
        if rule == "live_entry_stamp":
            blocks.append(f"**{escape_inline(text)}**")
            k += 1
            continue
        blocks.append(block(verdict, rule, text))
        k += 1
    return blocks


def join_blocks(blocks: list[str]) -> str:
    """Blocks separated by a blank line; list items of one list on consecutive lines."""
    out: list[str] = []
    for b in blocks:
        if out and b.startswith("- ") and out[-1].startswith("- "):
            out[-1] += "\n" + b
        else:
            out.append(b)
    return "\n\n".join(out)
