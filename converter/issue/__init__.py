"""Issue compilation: many articles into one edition, with a cover, sections and contents.

The stages, each a module: ``inputs`` and ``manifest`` (which files, in which sections), ``compile``
(files -> an ``Issue``, read in parallel through ``executor``), then per format ``html``, ``markdown``,
``epub`` and ``pdf`` (parts rendered in parallel by ``pdf_parts``, joined by ``pdf_join``), chosen in
``render``. ``cache`` keeps extractions and PDF parts between builds.
"""

from converter.issue.cache import Cache
from converter.issue.compile import compile_issue
from converter.issue.executor import make_executor
from converter.issue.model import Failure, Issue, Masthead, Section
from converter.issue.render import render_issue

__all__ = ["Cache", "Failure", "Issue", "Masthead", "Section", "compile_issue", "make_executor",
           "render_issue"]
