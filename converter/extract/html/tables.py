"""Data tables as GFM pipe tables; layout tables are left to the block converter."""

from __future__ import annotations

import re
from collections.abc import Callable

from lxml.html import HtmlElement

#: A pipe not yet escaped (text is escaped already; code spans and link targets are not).
_BARE_PIPE = re.compile(r"(?<!\\)\|")
#: A cell spanning more columns than this is layout, not data.
MAX_COLSPAN = 20


def table_rows(table: HtmlElement, cell_markdown: Callable[[HtmlElement], str]) -> str | None:
    """The table as GFM Markdown, or ``None`` for a layout table (nested tables, a single column or row)."""
    if table.find(".//table") is not None:
        return None
    rows = [_cells(tr, cell_markdown) for tr in _own_rows(table)]
    rows = [r for r in rows if any(r)]
    width = max((len(r) for r in rows), default=0)
    if width < 2 or len(rows) < 2:
        return None
    rows = [r + [""] * (width - len(r)) for r in rows]
    lines = [_line(rows[0]), "|" + " --- |" * width, *(_line(r) for r in rows[1:])]
    return "\n".join(lines)


def _own_rows(table: HtmlElement) -> list[HtmlElement]:
    """The ``<tr>`` of this table (directly or in ``thead``/``tbody``/``tfoot``), header rows first."""
    sections = [table, *(s for s in table if s.tag in ("thead", "tbody", "tfoot"))]
    rows = [tr for section in sections for tr in section if tr.tag == "tr"]
    return sorted(rows, key=lambda tr: 0 if tr.getparent().tag == "thead" else 1)


def _cells(tr: HtmlElement, cell_markdown: Callable[[HtmlElement], str]) -> list[str]:
    """A row's cells as one-line Markdown; a ``colspan`` cell is followed by empty cells."""
    cells: list[str] = []
    for cell in tr:
        if cell.tag not in ("td", "th"):
            continue
        content = " ".join(cell_markdown(cell).split())
        cells.append(_BARE_PIPE.sub(r"\\|", content))
        span = (cell.get("colspan") or "1").strip()
        cells.extend([""] * (min(int(span), MAX_COLSPAN) - 1 if span.isdigit() and int(span) > 1 else 0))
    return cells


def _line(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"
