"""Footnote labels of a Markdown body, renamed so that several bodies can share one file.

Two articles in one Markdown issue both number their notes ``[^1]``; read back, the second ``[^1]:``
definition is lost and both references point at the first. Each article's labels get its own prefix
(``[^a2-1]``); only labels the Markdown parser knows as footnotes are renamed, and never inside code.
"""

from __future__ import annotations

import re

_LABEL = re.compile(r"\[\^([^\]\s]+)\]")


def prefix_footnotes(body: str, prefix: str) -> str:
    """``body`` with every footnote label ``L`` (reference ``[^L]`` and definition ``[^L]:``) written
    ``prefix + L``; lines of code blocks are left alone."""
    if "[^" not in body:
        return body
    from converter.markdown.headings import block_parser

    env: dict[str, dict[str, dict[str, object]]] = {}
    tokens = block_parser().parse(body, env)  # definitions are blocks: their labels are known without inlines
    labels = {str(key)[1:] for key in env.get("footnotes", {}).get("refs", {})}
    if not labels:
        return body
    code = {line for t in tokens if t.type in ("fence", "code_block") and t.map for line in range(*t.map)}
    lines = body.split("\n")

    def rename(m: re.Match[str]) -> str:
        return f"[^{prefix}{m.group(1)}]" if m.group(1) in labels else m.group(0)

    return "\n".join(line if i in code else _LABEL.sub(rename, line) for i, line in enumerate(lines))
