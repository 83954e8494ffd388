"""The issue: its metadata, its sections of Articles, and the inputs left out (with the reason)."""

from __future__ import annotations

from dataclasses import dataclass

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

    @property
    def articles(self) -> tuple[Article, ...]:
        """Every article, in reading order."""
        return tuple(article for section in self.sections for article in section.articles)

    @property
    def language(self) -> str:
        """The language of the issue's own words ("Contents"): the metadata's, else the one most of its
        articles are written in (the earliest of a tie), else English. A reading list of mostly English
        pages that opens with a Czech one is an English issue."""
        if self.metadata.language:
            return self.metadata.language
        tags = [a.language for a in self.articles if a.language]
        primary = [tag.split("-")[0].lower() for tag in tags]
        if not tags:
            return "en"
        winner = max(dict.fromkeys(primary), key=primary.count)
        return tags[primary.index(winner)]
