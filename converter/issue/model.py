"""The issue: its metadata, its sections of Articles, and the inputs left out (with the reason)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from converter.article import Article, Masthead


@dataclass(frozen=True)
class Section:
    """A titled group of articles, in reading order. An untitled section gets no opener nor bookmark."""

    title: str
    articles: tuple[Article, ...]


@dataclass(frozen=True)
class Failure:
    """An input that could not be read or extracted, or an article that could not be rendered."""

    source: str
    """The input as the user named it (or the article's title for a render failure)."""
    reason: str
    """One line a user can act on."""


@dataclass(frozen=True)
class Issue:
    """Many articles compiled into one edition: the only contract between compiling and rendering an issue."""

    metadata: Masthead
    sections: tuple[Section, ...]
    failures: tuple[Failure, ...] = ()
    """Inputs left out; a non-empty tuple means the issue is incomplete."""
    own_words: str = ""
    """The words a user wrote for the issue (the title given, the section titles): their script bounds its
    language (``converter.issue.language``)."""

    @property
    def articles(self) -> tuple[Article, ...]:
        """Every article, in reading order."""
        return tuple(article for section in self.sections for article in section.articles)

    @cached_property
    def language(self) -> str:
        """The language of the issue's own words ("Contents"): the metadata's, else the one most of its
        articles' text is in, in the script of ``own_words``, else English (``converter.issue.language``).
        A reading list of mostly English pages that opens with a Czech one is an English issue."""
        from converter.issue.language import issue_language

        return issue_language(self.metadata.language, self.articles, self.own_words)
