"""An Issue as one Markdown file: the issue's front matter, then sections and articles as headings.

The articles' own sub-heads are demoted under their article's heading, so the file's outline nests
issue > section > article > sub-head exactly like the PDF's bookmarks.
"""

from __future__ import annotations

import re

from converter.article import Article
from converter.issue.model import Issue
from converter.markdown.escape import escape_inline
from converter.markdown.frontmatter import dump
from converter.markdown.to_html import make_parser
from converter.render.localise import format_date, join_names, word

#: An ATX heading line: its text without the opening and closing ``#`` runs.
_ATX = re.compile(r"^ {0,3}#{1,6}(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")


def issue_markdown(issue: Issue) -> str:
    """The Markdown edition of ``issue``."""
    meta = issue.metadata
    front = dump({"title": meta.title, "issue": meta.number, "date": meta.date, "publisher": meta.publisher,
                  "language": issue.language})
    titled = any(section.title for section in issue.sections)
    parts = [front]
    for section in issue.sections:
        if section.title:
            parts.append(f"# {escape_inline(section.title)}\n")
        parts.extend(article_markdown(article, 2 if titled else 1, issue.language) for article in section.articles)
    return "\n".join(parts)


def article_markdown(article: Article, level: int, language: str) -> str:
    """One article under a heading of ``level``, its byline, then its body with sub-heads demoted to fit."""
    lines = [f"{'#' * level} {escape_inline(article.title or 'Untitled article')}\n"]
    byline = _byline(article, article.language or language)
    if byline:
        lines.append(f"*{escape_inline(byline)}*\n")
    if article.body.strip():
        lines.append(demote_headings(article.body.strip(), level - 1) + "\n")
    return "\n".join(lines)


def _byline(article: Article, language: str) -> str:
    names = f"{word('by', language)} {join_names(article.authors, language)}" if article.authors else ""
    return " · ".join(x for x in (names, format_date(article.date, language) if article.date else "") if x)


def demote_headings(body: str, by: int) -> str:
    """The body with every heading ``by`` levels deeper (at most ``######``). The Markdown parser finds
    them, so a ``#`` inside a code block is left alone; Setext headings become ATX."""
    if by <= 0:
        return body
    lines = body.split("\n")
    for token in make_parser().parse(body):
        if token.type == "heading_open" and token.map is not None:
            start, end = token.map
            level = min(int(token.tag[1]) + by, 6)
            lines[start:end] = [_heading(lines[start:end], level), *([""] * (end - start - 1))]
    return "\n".join(lines)


def _heading(source: list[str], level: int) -> str:
    """An ATX heading of ``level`` from a heading's source lines (``## Text``, or Setext ``Text`` + ``---``)."""
    atx = _ATX.match(source[0])
    text = (atx.group(1) or "") if atx else " ".join(line.strip() for line in source[:-1])
    return f"{'#' * level} {text}"
