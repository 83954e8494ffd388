"""HTML -> PDF with WeasyPrint, through a URL fetcher that reads nothing but what we allow.

WeasyPrint is imported here only, lazily, so Markdown and HTML output never pay for it.
"""

from __future__ import annotations

import base64
import logging
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from converter.errors import RenderError
from converter.fonts import font_files

log = logging.getLogger("converter.render.pdf")


def render_pdf(html: str) -> bytes:
    """The PDF of a page made by ``html_out.render_html(..., media="print")``."""
    try:
        import weasyprint
    except (ImportError, OSError) as err:  # OSError: Pango or its friends are missing
        raise RenderError(f"PDF output needs WeasyPrint and Pango ({err}); see the README's system libraries") \
            from None
    document = weasyprint.HTML(string=html, base_url="about:blank", url_fetcher=policy_fetcher())
    try:
        return document.write_pdf()
    except RecursionError:
        raise RenderError("the page is nested too deeply for the PDF engine") from None


@cache
def policy_fetcher():
    """A WeasyPrint ``URLFetcher`` that serves ``data:`` URIs and our font files, and refuses all else."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    allowed = {path.resolve() for path in font_files()}

    class PolicyFetcher(URLFetcher):
        def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
            if url.startswith("data:"):
                media_type, data = decode_data_uri(url)
                return URLFetcherResponse(url, data, {"Content-Type": media_type})
            path = _file_path(url)
            if path is not None and path in allowed:
                return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": "font/ttf"})
            log.warning("blocked %s: the PDF engine reads only embedded pictures and our fonts", url[:80])
            raise ValueError(f"blocked by the converter's resource policy: {url[:80]}")

    return PolicyFetcher(allow_redirects=False, allowed_protocols=("data", "file"))


def decode_data_uri(url: str) -> tuple[str, bytes]:
    """``data:image/png;base64,...`` -> (media type, bytes)."""
    header, _, payload = url[5:].partition(",")
    media_type = header.split(";")[0] or "text/plain"
    if header.endswith(";base64"):
        return media_type, base64.b64decode(payload)
    return media_type, unquote(payload).encode("utf-8")


def _file_path(url: str) -> Path | None:
    parts = urlsplit(url)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        return None
    return Path(unquote(parts.path)).resolve()
