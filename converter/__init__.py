"""converter: turn a saved article (text scrape, HTML page, Markdown) into a clean reader edition.

Three lines for a publishing script::

    import converter
    article = converter.extract("page.txt")
    converter.render(article, "pdf", "page.pdf")
"""

import logging

from converter.article import Article, Resource
from converter.errors import ConverterError, ExtractionError, RenderError, SourceError, UsageError
from converter.issue import Issue, compile_issue, render_issue
from converter.limits import Limits
from converter.options import RenderOptions
from converter.pipeline import extract, extract_all, render
from converter.strict import StrictError, strict
from converter.writing import safe_filename

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
__version__ = "0.1.0"
