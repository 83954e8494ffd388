"""Wide tables in the PDF: fitted to the page in steps, never cut without a word.

A table is laid out as the HTML edition has it. When a table comes out wider than its page (a 14-column
table on A5), the page is laid out again with that table in smaller type; one still too wide moves onto
a landscape page of its own (the named page ``table-landscape``, sized by ``html.print_option_css``), and
then to smaller type there. A table that fits on none is printed as it is and a warning names it and the
columns that are cut. Pages without a wide table are laid out once, as before.

The steps are classes the print stylesheet (``styles/print.css``) defines, put on the table in the
sanitised page by its position among the page's tables (the engine's tree and ours hold the same tables
in the same order: both parse the sanitiser's serialised HTML).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from lxml import html as lxml_html

from converter.render.sanitize import Sanitized

log = logging.getLogger("converter.render.pdf")

#: The classes tried in turn on a table wider than its page.
FIT_STEPS = ("table-small", "table-landscape table-small", "table-landscape table-smaller")

#: Slack for rounding, in CSS pixels: a table within this of the page edge fits.
_SLACK = 0.5


@dataclass(frozen=True)
class WideTable:
    """A table laid out wider than its page: its position among the page's tables, its column headers
    (the first row's cells), how many columns it has and the headers of those past the page edge."""

    index: int
    headers: tuple[str, ...]
    cut: tuple[str, ...]


def fit_tables(page: Sanitized, layout: Callable[[Sanitized], Any]) -> Any:
    """``layout(page)`` (a WeasyPrint document), laid out again with the ``FIT_STEPS`` classes on any table
    too wide for its page; warns about a table that fits on no step."""
    document = layout(page)
    wide = wide_tables(document)
    marks: dict[int, str] = {}
    for step in FIT_STEPS:
        if not wide:
            return document
        marks.update(dict.fromkeys((t.index for t in wide), step))
        marked = mark_tables(page.html, marks)
        if marked is None:  # the page's tables are not the engine's: leave the layout as it is
            break
        document = layout(replace(page, html=marked))
        wide = wide_tables(document)
    for table in wide:
        log.warning("table %d (%s) is too wide for the page even in small type on a landscape page: %d of its "
                    "%d columns are cut (%s); the HTML and EPUB editions have it whole",
                    table.index + 1, _named(table.headers), len(table.cut), len(table.headers), ", ".join(table.cut))
    return document


def wide_tables(document: Any) -> list[WideTable]:
    """The tables of a laid-out WeasyPrint document that reach past their page's content edge."""
    from weasyprint.formatting_structure import boxes

    order: dict[int, int] = {}
    found: dict[int, WideTable] = {}
    for page in document.pages:
        page_box = page._page_box
        right = page_box.content_box_x() + page_box.width + _SLACK
        for box in page_box.descendants():
            if not isinstance(box, boxes.TableBox) or box.element is None:
                continue
            index = order.setdefault(id(box.element), len(order))
            if box.position_x + box.margin_width() <= right or index in found:
                continue
            cells = [c for c in box.descendants() if isinstance(c, boxes.TableCellBox)]
            first_row = [c for c in cells if c.position_y == cells[0].position_y] if cells else []
            cut = tuple(_text(c) for c in first_row if c.position_x + c.margin_width() > right)
            found[index] = WideTable(index, tuple(_text(c) for c in first_row), cut)
    return list(found.values())


def mark_tables(html: str, marks: dict[int, str]) -> str | None:
    """``html`` with the classes of ``marks`` (table position -> classes) added to its tables; ``None``
    when a position is not a table of the page."""
    root = lxml_html.document_fromstring(html, parser=lxml_html.HTMLParser(huge_tree=True))
    tables = list(root.iter("table"))
    if any(index >= len(tables) for index in marks):
        return None
    for index, classes in marks.items():
        table = tables[index]
        kept = [c for c in (table.get("class") or "").split() if not c.startswith("table-")]
        table.set("class", " ".join([*kept, *classes.split()]))
    return lxml_html.tostring(root, encoding="unicode", doctype="<!DOCTYPE html>")


def _text(cell: Any) -> str:
    element = cell.element
    return " ".join("".join(element.itertext()).split()) if element is not None else ""


def _named(headers: tuple[str, ...]) -> str:
    shown = ", ".join(h for h in headers[:3] if h) or "no headers"
    return f"{shown}, ..." if len(headers) > 3 else shown
