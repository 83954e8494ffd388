"""HTML -> PDF with WeasyPrint: sanitised first, rendered under limits, fetching nothing but what we allow.

``render_pdf`` runs the sanitiser (``converter.sanitize``: allow-list, depth, tables, long words), then
renders where it is cheapest while still bounded:

- in this process when the cleaned page is small (``Limits.inline_*``): after sanitising, such a page
  cannot take long or much memory, and a child process would pay a second WeasyPrint start-up
  (0.8 s, more than a normal article's 0.5 s render) on every PDF;
- otherwise in a child process (``converter.pdf_worker``) with an address-space limit and a timeout,
  so a pathological page ends in a ``RenderError`` instead of a hang or the machine swapping.

WeasyPrint is imported here only, lazily, so Markdown and HTML output never pay for it.
"""

from __future__ import annotations

import logging
from functools import cache
from typing import Any

from converter.errors import RenderError
from converter.fonts import font_files
from converter.limits import Limits
from converter.resources import Refused, pdf_engine_resource, report, short
from converter.sanitize import Sanitized, sanitize
from converter.strict import StrictError

log = logging.getLogger("converter.render.pdf")


def render_pdf(html: str, limits: Limits | None = None) -> bytes:
    """The PDF of a page made by ``html_out.render_html(..., media="print")``."""
    limits = limits or Limits()
    page = sanitize(html, limits)
    if renders_in_process(page, limits):
        return render_sanitized(page.html, limits)
    from converter.pdf_worker import render_in_child

    return render_in_child(page.html, limits)


def renders_in_process(page: Sanitized, limits: Limits) -> bool:
    """Small pages render here; big or picture-heavy ones in the isolated child (see module docstring)."""
    return (page.text_chars <= limits.inline_max_chars and page.elements <= limits.inline_max_elements
            and page.image_pixels <= limits.inline_max_image_pixels)


def render_sanitized(html: str, limits: Limits) -> bytes:
    """Run WeasyPrint on already sanitised HTML (in this process or in the worker), enforcing the page cap."""
    weasyprint = _weasyprint()
    from weasyprint.urls import FatalURLFetchingError

    try:
        document = weasyprint.HTML(string=html, base_url="about:blank", url_fetcher=policy_fetcher(limits)).render()
        if len(document.pages) > limits.max_pages:
            raise RenderError(f"the PDF would have {len(document.pages):,} pages, over the limit of "
                              f"{limits.max_pages:,}; convert it to HTML or EPUB, or raise Limits.max_pages")
        return document.write_pdf()
    except RecursionError:
        raise RenderError("the page is nested too deeply for the PDF engine; lower Limits.max_depth") from None
    except FatalURLFetchingError as err:  # only raised for strict mode, see PolicyFetcher
        raise StrictError(str(err)) from None


def _weasyprint() -> Any:
    try:
        import weasyprint
    except (ImportError, OSError) as err:  # OSError: Pango or its friends are missing
        raise RenderError(f"PDF output needs WeasyPrint and Pango ({err}); see the README's system libraries") \
            from None
    return weasyprint


@cache
def policy_fetcher(limits: Limits) -> Any:
    """A WeasyPrint ``URLFetcher`` serving what ``resources.pdf_engine_resource`` allows, refusing all else."""
    from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

    fonts = frozenset(font_files())

    class PolicyFetcher(URLFetcher):
        def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
            try:
                media_type, data = pdf_engine_resource(url, limits, fonts)
            except Refused as why:
                try:
                    report(why, url, log)  # a remote URL (user CSS, a template) is INFO: it is never fetched
                except StrictError as err:  # WeasyPrint swallows ordinary errors; this one must stop it
                    raise FatalURLFetchingError(str(err)) from None
                raise ValueError(f"blocked by the converter's resource policy: {short(url)}") from None
            return URLFetcherResponse(url, data, {"Content-Type": media_type})

    # No protocol handler is ever reached (fetch is overridden); the arguments are a second lock.
    return PolicyFetcher(allow_redirects=False, allowed_protocols=("data", "file"))
