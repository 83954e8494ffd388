"""An Issue as an EPUB: the EPUB edition's book, one chapter per article, its contents grouped by section.

The book describes itself as the issue: its title with the number, date, publisher, language and series
in the package, and the issue's cover picture (else a generated cover with the masthead) as its cover.
The inputs left out of the issue (its failures) are not mentioned in the book.
"""

from __future__ import annotations

from dataclasses import replace

from converter.issue.model import Issue
from converter.options import RenderOptions


def issue_epub(issue: Issue, options: RenderOptions) -> bytes:
    """The EPUB of ``issue``: titled sections group their articles in the nav and the NCX."""
    from converter.render.epub import render_epub

    sections, start = [], 0
    for section in issue.sections:
        count = len(section.articles)
        if section.title:
            sections.append((section.title, range(start, start + count)))
        start += count
    info = replace(issue.metadata, language=issue.language)
    return render_epub(issue.articles, options=options, sections=sections, info=info)
