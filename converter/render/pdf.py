"""HTML -> PDF with WeasyPrint: sanitised first, rendered under limits, fetching nothing but what we allow.

``render_pdf`` runs the sanitiser (``converter.render.sanitize``: allow-list, depth, tables, long words), then
renders where it is cheapest while still bounded:

- in this process when the cleaned page is small (``Limits.inline_*``): after sanitising, such a page
  cannot take long or much memory, and a child process would pay a second WeasyPrint start-up
  (0.8 s, more than a normal article's 0.5 s render) on every PDF;
- otherwise in a child process (``converter.render.pdf_worker``) with an address-space limit and a timeout,
  so a pathological page ends in a ``RenderError`` instead of a hang or the machine swapping.

WeasyPrint itself is called in ``converter.render.pdf_layout`` only.
"""

from __future__ import annotations

from converter.policy.limits import Limits
from converter.render.pdf_layout import render_sanitized
from converter.render.pdf_worker import render_in_child
from converter.render.sanitize import Sanitized, sanitize


def render_pdf(html: str, limits: Limits | None = None) -> bytes:
    """The PDF of a page made by ``html_out.render_html(..., media="print")``."""
    limits = limits or Limits()
    page = sanitize(html, limits)
    if renders_in_process(page, limits):
        return render_sanitized(page, limits)
    return render_in_child(page, limits)


def renders_in_process(page: Sanitized, limits: Limits) -> bool:
    """Small pages render here; big or picture-heavy ones in the isolated child (see module docstring)."""
    return (page.text_chars <= limits.inline_max_chars and page.elements <= limits.inline_max_elements
            and page.image_pixels <= limits.inline_max_image_pixels)
