"""Data tables as GFM pipe tables; layout tables are left to the block converter."""

from __future__ import annotations

import re
from collections.abc import Callable

from lxml.html import HtmlElement

#: A pipe not yet escaped (text is escaped already; code spans and link targets are not).
_BARE_PIPE = re.compile(r"(?<!\\)\|")
#: A cell spanning more columns than this is layout, not data.
MAX_COLSPAN = 20
#: A column's alignment -> its GFM delimiter cell.
_DELIMITER = {"": "---", "left": ":---", "right": "---:", "center": ":---:"}
#: ``text-align: right`` in a cell's style.
_TEXT_ALIGN = re.compile(r"(?:^|;)\s*text-align\s*:\s*([a-z]+)", re.I)


def table_rows(table: HtmlElement, cell_markdown: Callable[[HtmlElement], str]) -> str | None:
    """The table as GFM Markdown, or ``None`` for a layout table (nested tables, a single column or row)."""
    if table.find(".//table") is not None:
        return None
    read = [_cells(tr, cell_markdown) for tr in _own_rows(table)]
    read = [(cells, aligns) for cells, aligns in read if any(cells)]
    rows = [cells for cells, _ in read]
    width = max((len(r) for r in rows), default=0)
    if width < 2 or len(rows) < 2:
        return None
    rows = [r + [""] * (width - len(r)) for r in rows]
    delimiters = [_DELIMITER[column_alignment([a[n] for _, a in read if n < len(a)])] for n in range(width)]
    lines = [_line(rows[0]), "|" + "".join(f" {d} |" for d in delimiters), *(_line(r) for r in rows[1:])]
    return "\n".join(lines)


def column_alignment(stated: list[str | None]) -> str:
    """Rule ``column_alignment``: a column is aligned as its cells say (``style="text-align:right"`` or
    ``align="right"``, as Markdown renderers write a pipe table's ``---:``) when every cell that says one
    says the same; "" (no alignment) when none says or they disagree."""
    said = {a for a in stated if a}
    return said.pop() if len(said) == 1 else ""


def cell_alignment(cell: HtmlElement) -> str:
    """``left``, ``right`` or ``center`` from the cell's ``style`` text-align or its ``align``; "" else."""
    m = _TEXT_ALIGN.search(cell.get("style") or "")
    said = (m.group(1) if m else cell.get("align") or "").strip().lower()
    return said if said in _DELIMITER and said else ""


def _own_rows(table: HtmlElement) -> list[HtmlElement]:
    """The ``<tr>`` of this table (directly or in ``thead``/``tbody``/``tfoot``), header rows first."""
    sections = [table, *(s for s in table if s.tag in ("thead", "tbody", "tfoot"))]
    rows = [tr for section in sections for tr in section if tr.tag == "tr"]
    return sorted(rows, key=lambda tr: 0 if tr.getparent().tag == "thead" else 1)


def _cells(tr: HtmlElement, cell_markdown: Callable[[HtmlElement], str]) -> tuple[list[str], list[str | None]]:
    """A row's cells as one-line Markdown, and the alignment each says (``None`` where a spanning cell
    stands: it speaks for no one column); a ``colspan`` cell is followed by empty cells."""
    cells: list[str] = []
    aligns: list[str | None] = []
    for cell in tr:
        if cell.tag not in ("td", "th"):
            continue
        content = " ".join(cell_markdown(cell).split())
        cells.append(_BARE_PIPE.sub(r"\\|", content))
        span = (cell.get("colspan") or "1").strip()
        extra = min(int(span), MAX_COLSPAN) - 1 if span.isdigit() and int(span) > 1 else 0
        cells.extend([""] * extra)
        aligns.extend([None] * (extra + 1) if extra else [cell_alignment(cell)])
    return cells, aligns


def _line(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"
