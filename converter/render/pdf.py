"""HTML -> PDF: sanitised first (``converter.render.sanitize``: allow-list, depth, tables, long words), then
laid out by WeasyPrint (``converter.render.pdf_layout``) in the isolated child process of
``converter.render.pdf_worker``, under the memory and time caps of ``Limits``.

Every PDF goes this one way, whatever its size: a fork of a process that has already loaded the engine and
parsed the stylesheet costs a few milliseconds, so small pages gain nothing by skipping the caps.
"""

from __future__ import annotations

from converter.policy.limits import Limits
from converter.render.pdf_layout import render_sanitized, warm
from converter.render.pdf_worker import run_isolated
from converter.render.sanitize import sanitize


def render_pdf(html: str, limits: Limits | None = None) -> bytes:
    """The PDF (bytes) of a page made by ``render.html.render_html(..., media="print")``.

    Raises ``RenderError`` when the page is over a limit (pages, time, memory) or the engine fails on it,
    ``StrictError`` in strict mode at the first warning.
    """
    limits = limits or Limits()
    page = sanitize(html, limits)
    return run_isolated(render_sanitized, page, limits, limits=limits, warm=lambda: warm(page, limits))
