"""An Issue as one Markdown file: the issue's front matter, then sections and articles as headings.

The articles' own sub-heads are demoted under their article's heading, so the file's outline nests
issue > section > article > sub-head exactly like the PDF's bookmarks.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from converter.article import Article
from converter.issue.model import Issue
from converter.markdown.escape import escape_inline
from converter.markdown.footnotes import prefix_footnotes
from converter.markdown.frontmatter import dump
from converter.markdown.headings import demote_headings
from converter.markdown.pictures import add_picture_beside, pictures_beside
from converter.render.localise import format_date, join_names, word


def issue_markdown(issue: Issue, cover: str = "") -> str:
    """The Markdown edition of ``issue``: each article's footnote labels prefixed with its place
    (``[^a2-1]``: ``converter.markdown.footnotes``), so notes of different articles never collide;
    pictures keep their refs (``issue_markdown_files`` writes them beside a file). ``cover``: the cover
    picture's ref, for the front matter ("" leaves it out: a text alone cannot hold the picture)."""
    meta = issue.metadata
    front = dump({"title": meta.title, "issue": meta.number, "date": meta.date, "publisher": meta.publisher,
                  "language": issue.language, "cover": cover})
    titled = any(section.title for section in issue.sections)
    parts = [front]
    n = 0
    for section in issue.sections:
        if section.title:
            parts.append(f"# {escape_inline(section.title)}\n")
        for article in section.articles:
            n += 1
            article = replace(article, body=prefix_footnotes(article.body, f"a{n}-"))
            parts.append(article_markdown(article, 2 if titled else 1, issue.language))
    return "\n".join(parts)


def issue_markdown_files(issue: Issue, output: Path) -> tuple[str, dict[Path, bytes]]:
    """The Markdown edition of ``issue`` to be saved as ``output``, and the pictures to write beside it
    (path -> bytes, in ``<stem>_files/``, as ``convert -o x.md`` does), its refs pointing there; the
    issue's cover picture there too (``cover``, as the HTML and EPUB editions show it), named in the front
    matter (``cover: weekly_files/cover.jpg``)."""
    articles, files = pictures_beside(issue.articles, output)
    moved = iter(articles)
    sections = tuple(replace(s, articles=tuple(next(moved) for _ in s.articles)) for s in issue.sections)
    cover = issue.metadata.cover
    cover_ref = add_picture_beside(cover, output, files, "cover") if cover is not None else ""
    return issue_markdown(replace(issue, sections=sections), cover_ref), files


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
