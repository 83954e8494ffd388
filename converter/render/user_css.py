"""A user's stylesheet (``--css``, ``RenderOptions.css``) checked before it is used: what the browser and
the PDF engine would skip or repair quietly is said once, as a warning naming the stylesheet.

CSS recovers from every error by rule (a bad declaration is dropped, an open block is closed at the end),
so a typo changes nothing visibly and silently; the warnings say where. Parsed with tinycss2, the CSS
parser WeasyPrint itself uses, so its messages are the ones WeasyPrint would log.
"""

from __future__ import annotations

import re

#: Comments and quoted strings, whose braces are not the stylesheet's.
_NOT_STRUCTURE = re.compile(r"/\*.*?(?:\*/|\Z)|\"(?:[^\"\\\n]|\\.)*\"?|'(?:[^'\\\n]|\\.)*'?", re.S)


def css_problems(css: str) -> list[str]:
    """What is wrong in ``css``, one message each, in source order; ``[]`` for a clean stylesheet.

    Rules: a parse error of a rule or of a declaration (``Parse error at 1:3: EOF reached before {} block
    for a qualified rule``, WeasyPrint's words); a block left open at the end (``p { color: red``), which
    CSS closes silently, so the rules meant to follow it would be lost.
    """
    import tinycss2

    problems: list[str] = []
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if rule.type == "error":
            problems.append(f"Parse error at {rule.source_line}:{rule.source_column}: {rule.message}")
        elif rule.type == "qualified-rule":
            for item in tinycss2.parse_blocks_contents(rule.content, skip_comments=True, skip_whitespace=True):
                if item.type == "error":
                    problems.append(f"Parse error at {item.source_line}:{item.source_column}: {item.message}")
    structure = _NOT_STRUCTURE.sub("", css)
    open_blocks = structure.count("{") - structure.count("}")
    if open_blocks > 0:
        problems.append(f"{open_blocks} {{ }} block{'s' if open_blocks > 1 else ''} left open at the end "
                        "(a '}' is missing): CSS closes it there, so what was meant to follow is lost")
    return problems
