"""An Issue as an EPUB: the EPUB edition's book, one chapter per article, its contents grouped by section."""

from __future__ import annotations

from converter.issue.model import Issue
from converter.options import RenderOptions


def issue_epub(issue: Issue, options: RenderOptions) -> bytes:
    """The EPUB of ``issue``: titled sections group their articles in the nav and the NCX."""
    from converter.epub import render_epub

    sections, start = [], 0
    for section in issue.sections:
        count = len(section.articles)
        if section.title:
            sections.append((section.title, range(start, start + count)))
        start += count
    return render_epub(issue.articles, title=issue.metadata.title, options=options, sections=sections)
