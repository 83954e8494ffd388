"""The footnote area's height, found in linear time: the same heights WeasyPrint finds, for the same PDF.

WeasyPrint (``LayoutContext._update_footnote_area``) lays out the page's whole footnote area again each time
a footnote joins the page (or leaves it), only to learn the area's height: a page of k footnotes lays out
k(k+1)/2 footnotes. Our link footnotes make that quadratic cost real: a page of 18 URL footnotes laid
out 171, and the footnote area was an eighth of an issue's CPU time (py-spy over the 100-article corpus
issue; two thirds of the layout of a part with 195 link footnotes).

When the area is a plain stack (an ``auto`` height without ``min-height`` or ``max-height``, no column,
and footnotes without vertical margins, as ``styles/print.css`` sets them), its height is the sum of its
footnotes' heights, each laid out once per page and width (``_footnote_height``), by WeasyPrint's own
block layout. Anything else goes WeasyPrint's own way. The page's final footnote area is still laid
out by WeasyPrint as before (``make_page``): only the height used to decide where the page breaks comes
from here, and it is the same number. ``tests/test_pdf_footnotes.py`` checks the PDFs are byte-identical.

``install`` patches the engine once, after it is imported (``pdf_layout._import_engine``), and only on the
WeasyPrint major versions whose ``_update_footnote_area`` it was checked against (``VERIFIED_MAJORS``): on
any other the engine keeps its own way, since a private method may keep its name and change its meaning.
"""

from __future__ import annotations

from math import inf
from typing import Any

from converter.render.engine_patch import engine_verified, replace_method

#: The engine's own method, kept for the cases this module does not handle.
_ORIGINAL: list[Any] = []

#: Off: every footnote area goes the engine's way (tests compare the two).
ENABLED = True

#: WeasyPrint major versions whose footnote area this module reproduces byte for byte
#: (``tests/test_pdf_footnotes.py``); add one only after that test passes on it with the patch installed.
VERIFIED_MAJORS = frozenset({"70"})


def install() -> bool:
    """Replace ``LayoutContext._update_footnote_area`` with ``update_footnote_area``; ``False`` where the
    engine is not a verified version or has no such method (left as it is)."""
    if not engine_verified(VERIFIED_MAJORS):
        return False
    from weasyprint.layout import LayoutContext

    return replace_method(LayoutContext, "_update_footnote_area", update_footnote_area, _ORIGINAL)


def update_footnote_area(self: Any) -> bool:
    """The engine's ``_update_footnote_area``: set the area's height and the page's bottom; whether the
    last footnote overflows the area (never, for the plain stack handled here)."""
    area = self.current_footnote_area
    footnotes = self.current_page_footnotes
    if not ENABLED or not _plain_stack(self, area, footnotes):
        return bool(_ORIGINAL[0](self))
    if area.height != "auto":
        self.page_bottom += area.margin_height()
    area.children = footnotes
    height = 0.0
    for footnote in footnotes:
        height += _footnote_height(self, area, footnote)
    area.height = max(0.0, height) if footnotes else 0
    self.page_bottom -= area.margin_height()
    return False


def _plain_stack(context: Any, area: Any, footnotes: list[Any]) -> bool:
    """Whether the area's height is the sum of its footnotes': an auto height, unconstrained, not in a
    column, every footnote a block without vertical margins."""
    if context.in_column or area.style["height"] != "auto":
        return False
    if area.min_height != 0 or area.max_height != inf:
        return False
    return all(_no_vertical_margins(footnote) for footnote in footnotes)


def _no_vertical_margins(box: Any) -> bool:
    style = box.style
    return bool(getattr(style["margin_top"], "value", None) == 0 and getattr(style["margin_bottom"], "value", None) == 0
                and style["position"] == "static")


def _footnote_height(context: Any, area: Any, footnote: Any) -> float:
    """The height ``footnote`` adds to the area: the area laid out with it alone (by the engine), kept per
    footnote, page and width, since a footnote is offered to a page many times."""
    from weasyprint.formatting_structure import build
    from weasyprint.layout.block import block_level_layout

    cache = context.__dict__.setdefault("_converter_footnote_heights", {})
    key = (id(footnote), id(area.page), area.width)
    hit = cache.get(key)
    if hit is not None and hit[0] is footnote and hit[1] is area.page:
        return float(hit[2])
    saved_children, saved_height = area.children, area.height
    area.children = [footnote]
    area.height = "auto"
    try:
        laid = build.create_anonymous_boxes(area.deepcopy())
        laid = block_level_layout(context, laid, -inf, None, area.page)[0]
    finally:
        area.children, area.height = saved_children, saved_height
    height = float(laid.height)
    cache[key] = (footnote, area.page, height)
    return height
