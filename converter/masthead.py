"""What a periodical says about one of its issues: the masthead an issue's editions print and describe.

One dataclass for the issue model (``issue.model.IssueMetadata``) and the EPUB package
(``epub.BookInfo``), which cannot import the issue package that builds on it.
"""

from __future__ import annotations

from dataclasses import dataclass

from converter.article import Resource


@dataclass(frozen=True)
class Masthead:
    """An issue's name, number, date, publisher, language and cover."""

    title: str
    """The periodical's name (``The Weekly``): on the cover and in the running header; a book's title adds
    the number or the date."""
    number: str = ""
    """The issue number (``12``), from the call, the manifest, or the articles when they all agree; a number
    is also the book's position in the series."""
    date: str = ""
    """The issue date, ISO 8601, chosen like the number."""
    publisher: str = ""
    """Who publishes it (the masthead's line under the title)."""
    language: str = ""
    """BCP 47 tag of the issue's own words ("Contents"); default: most of its articles' language."""
    cover: Resource | None = None
    """The cover picture; without one (or one a book cannot hold) the cover is generated."""
