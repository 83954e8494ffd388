"""The one place WeasyPrint lays out and writes a document: sanitised page in, PDF out, fetching nothing but
what the resource policy allows. ``converter.render.pdf`` and the issue's parts call it in the capped
worker (``converter.render.pdf_worker``), after ``warm`` here.

WeasyPrint is imported here only, lazily, so Markdown and HTML output never pay for it.
"""

from __future__ import annotations

import gc
import logging
import re
import sys
from collections import Counter
from functools import cache, lru_cache
from typing import Any

from converter.errors import RenderError
from converter.policy.limits import Limits
from converter.policy.resources import Refused, pdf_engine_resource, report, short
from converter.policy.strict import StrictError, is_strict
from converter.render.fonts import font_files
from converter.render.hyphenation import load_dictionary
from converter.render.pdf_estimate import refuse_if_surely_too_long
from converter.render.pdf_tables import fit_tables
from converter.render.sanitize import Sanitized

log = logging.getLogger("converter.render.pdf")


def render_sanitized(page: Sanitized, limits: Limits) -> bytes:
    """The PDF of an already sanitised page (called in the isolated worker), in the PDF variant and with
    the tags the page asked for (``converter.render.pdf_output``)."""
    return layout_document(page, limits).write_pdf(**page.pdf_output().write_options())


def warm(page: Sanitized, limits: Limits) -> None:
    """Load the engine and parse the page's stylesheet here, before the worker forks: the child inherits
    both, and the next page with the same stylesheet (an issue's parts, a script's articles) skips them.

    Raises ``RenderError`` when WeasyPrint or Pango is missing, ``StrictError`` when strict mode refuses a
    resource the stylesheet names.
    """
    _weasyprint()
    from weasyprint.urls import FatalURLFetchingError

    try:
        _stylesheet(page.stylesheet, limits, is_strict())
    except FatalURLFetchingError as err:  # only raised for strict mode, see PolicyFetcher
        raise StrictError(str(err)) from None
    warm_hyphenation(page)


#: A small body in the styles a page's text is set in, for ``warm_fonts``.
FONT_SAMPLE = ("<!DOCTYPE html><html lang=\"en\"><body><article><header><h1>Aa</h1><p>Aa</p></header>"
               "<h2>Aa</h2><h3>Aa</h3><p>Aa <em>Aa</em> <strong>Aa</strong> <code>Aa</code> <a href=\"#a\">Aa</a></p>"
               "<blockquote><p>Aa</p></blockquote><figure><figcaption>Aa</figcaption></figure></article></body></html>")


def warm_fonts(page: Sanitized, limits: Limits) -> None:
    """Lay out and write ``FONT_SAMPLE`` here with the page's stylesheet, once per stylesheet and process:
    Pango and fontconfig keep the faces they load, so each forked child of a process rendering many
    documents (an issue's pool worker) starts with them instead of loading them again, about 35 ms of a
    three-page part. Not for a single article: there the child would save what this costs."""
    if page.stylesheet in _FONTS_WARMED:
        return
    _FONTS_WARMED.add(page.stylesheet)
    sample = Sanitized(FONT_SAMPLE, 20, len(FONT_SAMPLE), 0, page.stylesheet, page.pdf_variant, page.pdf_tags)
    try:
        layout_document(sample, limits).write_pdf(**sample.pdf_output().write_options())
    except Exception as err:  # a stylesheet the sample trips over: the parts render as before, only slower
        log.debug("fonts not warmed (%s: %s)", type(err).__name__, err)


_FONTS_WARMED: set[str] = set()


#: A stylesheet that hyphenates somewhere, and the languages a page names (``lang="..."``).
_HYPHENATES = re.compile(r"hyphens\s*:\s*auto", re.I)
_LANG = re.compile(r"""\blang=["']([A-Za-z0-9_-]{1,35})["']""")
#: At most this many languages' dictionaries are loaded ahead (the page's most frequent ones).
WARM_LANGUAGES = 4


def warm_hyphenation(page: Sanitized) -> None:
    """Load the hyphenation dictionaries of the page's languages here, before the worker forks.

    WeasyPrint loads one (pyphen's patterns, about 70 ms for English) the first time a line needs it and
    keeps it in the process; loaded in the forked child, it was lost with the child and loaded again for
    each of an issue's parts, a twentieth of the issue's CPU time. pyphen keeps it by file
    (``pyphen.hdcache``), which is where WeasyPrint's own lookup finds it; the ones loaded here keep proper
    names whole (``converter.render.hyphenation``).
    """
    if not _HYPHENATES.search(page.stylesheet):
        return
    for lang, _ in Counter(_LANG.findall(page.html)).most_common(WARM_LANGUAGES):
        load_dictionary(lang)


def layout_document(page: Sanitized, limits: Limits) -> Any:  # weasyprint.Document; WeasyPrint is a lazy import
    """Lay out a sanitised page, enforcing the page cap: the one place WeasyPrint reads a document.

    A table too wide for its page is fitted (smaller type, then a landscape page) by laying the page out
    again (``converter.render.pdf_tables``). The stylesheet comes from ``_stylesheet``, parsed once per
    process: an issue's parts and a script's many articles share it, and parsing it (fonts included) is a
    tenth of a short article's render.

    Raises ``RenderError`` over ``Limits.max_pages`` (a long page as soon as its estimate is:
    ``converter.render.pdf_estimate``) or for structure nested too deeply, ``StrictError``
    when strict mode refuses a resource.
    """
    weasyprint = _weasyprint()
    from weasyprint.urls import FatalURLFetchingError

    # Here too, not only in ``warm``: a child started as a new interpreter (the caller runs threads) inherits
    # no dictionary, and WeasyPrint would load pyphen's own, which divides names. Loaded once per process.
    warm_hyphenation(page)
    try:
        sheet, fonts = _stylesheet(page.stylesheet, limits, is_strict())

        def layout(page: Sanitized) -> Any:
            return weasyprint.HTML(string=page.html, base_url="about:blank", url_fetcher=policy_fetcher(limits)) \
                .render(stylesheets=[sheet], font_config=fonts)

        refuse_if_surely_too_long(page, limits, layout)
        document = fit_tables(page, layout)
        if len(document.pages) > limits.max_pages:
            raise RenderError(f"the PDF would have {len(document.pages):,} pages, over the limit of "
                              f"{limits.max_pages:,}; convert it to HTML or EPUB, or raise Limits.max_pages")
        return document
    except RecursionError:
        raise RenderError("the page is nested too deeply for the PDF engine; lower Limits.max_depth") from None
    except FatalURLFetchingError as err:  # only raised for strict mode, see PolicyFetcher
        raise StrictError(str(err)) from None


@lru_cache(maxsize=4)
def _stylesheet(css: str, limits: Limits, strict_mode: bool) -> tuple[Any, Any]:
    """The parsed stylesheet and the font configuration its ``@font-face`` rules registered in.

    ``strict_mode`` is part of the cache key: a resource refused while parsing must raise under strict mode
    even when the same stylesheet was parsed leniently before.

    Passed to WeasyPrint as a user stylesheet: the sanitiser removed every ``style`` attribute, so no
    author rule is left for the origin to rank against and the cascade is the one ``<style>`` had.
    """
    weasyprint = _weasyprint()
    from weasyprint.text.fonts import FontConfiguration

    _forget_at_exit()
    fonts = FontConfiguration()
    _FONT_CONFIGS.append(fonts)
    sheet = weasyprint.CSS(string=css, base_url="about:blank", url_fetcher=policy_fetcher(limits), font_config=fonts)
    return sheet, fonts


@cache
def _forget_at_exit() -> None:
    """Remove the cached font configurations' temporary font folders while the interpreter still works: at
    exit (``atexit``), and at a pool worker's end, where ``multiprocessing`` runs its finalizers but not
    ``atexit`` (the worker leaves by ``os._exit``). A process that has not loaded ``multiprocessing`` is
    no pool worker, and does not load it for this."""
    import atexit

    atexit.register(_drop_stylesheets)
    if "multiprocessing" in sys.modules:
        from multiprocessing import util

        util.Finalize(None, _drop_stylesheets, exitpriority=10)


#: Every font configuration ``_stylesheet`` made in this process, for ``_drop_stylesheets``.
_FONT_CONFIGS: list[Any] = []


def _drop_stylesheets() -> None:
    """Remove the temporary font folders now, by the method WeasyPrint runs when a configuration is
    collected (idempotent), instead of a full garbage collection (the stylesheet and its configuration
    refer to each other): that walked every object of the process at each exit."""
    _stylesheet.cache_clear()
    while _FONT_CONFIGS:
        _FONT_CONFIGS.pop().__del__()


def _weasyprint() -> Any:
    try:
        weasyprint = _import_engine()
    except (ImportError, OSError) as err:  # OSError: Pango or its friends are missing
        raise RenderError(f"PDF output needs WeasyPrint and Pango ({err}); see the README's system libraries") \
            from None
    return weasyprint


def _import_engine() -> Any:
    """``import weasyprint`` with the cyclic garbage collector paused (the import allocates hundreds of
    thousands of objects and frees almost none, so the collections it triggers, about a tenth of its CPU
    time, find nothing) and its native libraries found from one ``ldconfig -p`` (``library_lookup``);
    should that miss a library, the import is tried again with the standard lookup."""
    if "weasyprint" in sys.modules:
        _patch_engine()  # imported by someone else: patched here all the same
        return sys.modules["weasyprint"]
    from converter.render.library_lookup import one_listing

    enabled = gc.isenabled()
    gc.disable()
    try:
        try:
            with one_listing():
                import weasyprint
        except OSError:
            import weasyprint
    finally:
        if enabled:
            gc.enable()
    _patch_engine()
    return weasyprint


def _patch_engine() -> None:
    """The engine's known superfluous costs, each giving the same PDF: the footnote area's height in linear
    time (``pdf_footnotes``), font subsetting without a C parser run per face (``pdf_font_arrays``), a text
    layout's font set-up once per style rather than per line (``pdf_text_layouts``)."""
    from converter.render import pdf_font_arrays, pdf_footnotes, pdf_text_layouts

    pdf_footnotes.install()
    pdf_font_arrays.install()
    pdf_text_layouts.install()


@cache
def policy_fetcher(limits: Limits) -> Any:
    """A WeasyPrint ``URLFetcher`` serving what ``resources.pdf_engine_resource`` allows, refusing all else.

    Its ``fetch`` raises ``ValueError`` for a refused URL (WeasyPrint then leaves the resource out),
    ``FatalURLFetchingError`` in strict mode.
    """
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
