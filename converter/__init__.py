"""converter: turn a saved article (text scrape, HTML page, Markdown) into a clean reader edition.

Three lines for a publishing script::

    import converter
    article = converter.extract(Path("page.txt"))   # or converter.extract(path="page.txt")
    converter.render(article, "pdf", "page.pdf")

A ``str`` given to ``extract`` is always the article's text, never a file name: a service can pass what
its users send without letting them name a file on its disk (see SECURITY.md).
"""

import logging
from typing import TYPE_CHECKING, Any

from converter.article import Article, Resource
from converter.errors import ConverterError, ExtractionError, RenderError, SourceError, UsageError
from converter.options import RenderOptions
from converter.pipeline import extract, extract_all, render
from converter.policy.limits import Limits
from converter.policy.strict import StrictError, strict
from converter.render.writing import safe_filename

# A library logs and lets its caller decide: no "blocked ..." lines from Python's last-resort handler when
# the caller configured no logging. The CLI adds its own handler (``cli.reporting``).
logging.getLogger("converter").addHandler(logging.NullHandler())

__all__ = [
    "Article",
    "ConverterError",
    "ExtractionError",
    "Issue",
    "Limits",
    "RenderError",
    "RenderOptions",
    "Resource",
    "SourceError",
    "StrictError",
    "UsageError",
    "compile_issue",
    "extract",
    "extract_all",
    "render",
    "render_issue",
    "safe_filename",
    "strict",
]

if TYPE_CHECKING:
    from converter.issue import Issue, compile_issue, render_issue

#: Names loaded on first use: a single conversion never pays for the issue compiler and its process pool.
_LAZY = {"Issue": "converter.issue", "compile_issue": "converter.issue", "render_issue": "converter.issue"}


def __getattr__(name: str) -> Any:
    if name == "__version__":  # importlib.metadata (and the email package) load only when asked
        return _version()
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'converter' has no attribute {name!r}")


def _version() -> str:
    from importlib import metadata

    try:
        return metadata.version("converter")
    except metadata.PackageNotFoundError:  # a source checkout that was never installed
        return "0+unknown"
