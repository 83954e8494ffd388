"""An Issue as HTML pages: the whole issue as one page (the HTML edition, and the single-document PDF),
or pieces of it (the front matter, a run of articles) for the PDF rendered in parts.

Every piece comes from the one template ``issue.html.j2``; each article inside is the HTML edition's
own header and body (``html_out.page_context``, ``header.html.j2``), so an article looks the same
alone and in an issue.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from converter.article import Article
from converter.issue.model import Issue
from converter.markdown.to_html import data_uri
from converter.options import RenderOptions
from converter.policy.allow_list import strip_xml_forbidden
from converter.render.direction import article_direction, language_direction
from converter.render.html import page_context, page_css, page_number_css
from converter.render.localise import format_date, issue_line, join_names, word
from converter.render.pdf_output import mark as mark_pdf_output
from converter.render.templating import render_template, stylesheet

#: ``id="..."`` and ``href="#..."`` in a rendered body: heading (``h-1``) and footnote (``fn1``) ids
#: repeat from article to article, so each article's are prefixed with its own anchor.
_LOCAL_IDS = re.compile(r'\b(id="|href="#)([^"]+)"')

#: The link a contents line carries in the front matter of a PDF rendered in parts (followed by the page
#: number or the target's anchor); ``pdf_join`` turns it into a jump to the page, in another part.
PAGE_LINK = "https://converter.invalid/page/"

#: Every digit once: the placeholder a stamped contents line prints where its page number goes, and the
#: page counter of the PDF's digits document. ``pdf_join`` reads each digit's glyph and width from it.
PAGE_DIGITS = "1234567890"

#: Width of the contents' page-number column, in ems of the contents' text (four digits fit). The numbers
#: are right-aligned in it, the leader dots stop at its left edge, and titles never enter it.
CONTENTS_GUTTER_EM = 2.2


@dataclass(frozen=True)
class ArticleBlock:
    """An article in the page: its anchor and the context the article templates expect."""

    anchor: str
    article: Article
    page: dict[str, object]
    kind: str = "article"


@dataclass(frozen=True)
class SectionBlock:
    """A section's opener (only for titled sections)."""

    anchor: str
    title: str
    kind: str = "section"


Block = ArticleBlock | SectionBlock


@dataclass(frozen=True)
class ContentsLine:
    """One line of the contents: a section, or an article with its byline."""

    kind: str
    title: str
    href: str
    page: int | None = None
    """The printed page number when known beforehand (PDF in parts); else the PDF engine counts it."""
    byline: str = ""
    stamp: str = ""
    """The placeholder printed for a number stamped into the PDF later (``PAGE_DIGITS``), or ""."""


def issue_page(issue: Issue, options: RenderOptions, media: str = "screen") -> str:
    """The whole issue as one self-contained page: cover, linked contents, sections and articles."""
    lines = contents_lines(issue, {})
    every = range(len(issue.articles))
    return render_page(issue, options, media, blocks(issue, every, options, media), lines, cover=True)


def blocks(issue: Issue, indices: Sequence[int] | range, options: RenderOptions | None = None,
           media: str = "screen") -> list[Block]:
    """The blocks for the articles at ``indices`` (reading order), each titled section opened before its first."""
    options = options or RenderOptions()
    wanted, number = set(indices), 0
    found: list[Block] = []
    for s_index, section in enumerate(issue.sections, 1):
        for position, article in enumerate(section.articles):
            if number in wanted:
                if position == 0 and section.title:
                    found.append(SectionBlock(f"s{s_index}", section.title))
                found.append(article_block(article, number + 1, options, media))
            number += 1
    return found


def article_block(article: Article, number: int, options: RenderOptions, media: str) -> ArticleBlock:
    anchor = f"a{number}"
    page = page_context(article, options, media)
    page["body_html"] = Markup(scope_ids(str(page["body_html"]), anchor))
    return ArticleBlock(anchor, article, page)


def scope_ids(body_html: str, prefix: str) -> str:
    """Prefix the body's own ids and in-page links, so that articles sharing a page keep theirs apart."""
    if 'id="' not in body_html and 'href="#' not in body_html:
        return body_html  # no heading, no note (64 of the 98 corpus bodies): no search
    return _LOCAL_IDS.sub(lambda m: f'{m[1]}{prefix}-{m[2]}"', body_html)


def contents_lines(issue: Issue, pages: dict[str, int], stamped: bool = False) -> list[ContentsLine]:
    """The contents: each titled section, then its articles. ``pages`` maps anchors to known page numbers;
    ``stamped`` makes every line print the ``PAGE_DIGITS`` placeholder and link to its anchor's page."""
    lines, number = [], 0
    for s_index, section in enumerate(issue.sections, 1):
        if section.title:
            lines.append(_line("section", section.title, f"s{s_index}", pages, stamped=stamped))
        for article in section.articles:
            number += 1
            byline = join_names(article.authors, article.language or issue.language)
            lines.append(_line("article", article.title or "Untitled article", f"a{number}", pages, byline, stamped))
    return lines


def _line(kind: str, title: str, anchor: str, pages: dict[str, int], byline: str = "",
          stamped: bool = False) -> ContentsLine:
    if stamped:
        return ContentsLine(kind, title, f"{PAGE_LINK}{anchor}", None, byline, PAGE_DIGITS)
    page = pages.get(anchor)
    href = f"{PAGE_LINK}{page}" if page is not None else f"#{anchor}"
    return ContentsLine(kind, title, href, page, byline)


def issue_direction(issue: Issue) -> str:
    """The direction of the issue's own pages (cover, contents, running heads): its language's, else most
    of its articles'. Each article also sets its own."""
    by_language = language_direction(issue.language)
    if by_language:
        return by_language
    votes = [article_direction(a.direction, a.language, a.title) for a in issue.articles]
    return "rtl" if votes.count("rtl") * 2 > len(votes) else "ltr"


def rtl_running_heads(title: str) -> str:
    """A right-to-left issue's running heads, mirrored: the issue's name on the right (where its reader
    starts), the headline on the left."""
    return ("@page { @top-left { content: string(headline, first-except); text-align: left; } "
            f"@top-right {{ content: {css_string(title)}; text-align: right; }} }}")


def render_page(issue: Issue, options: RenderOptions, media: str, page_blocks: Sequence[Block],
                lines: Sequence[ContentsLine] = (), *, cover: bool = False, parts: bool = False,
                extra_css: str = "") -> str:
    """One HTML document holding the cover and contents (if asked for) and ``page_blocks``.

    ``parts=True`` leaves the page numbers out of the footer: the joined PDF gets them stamped.
    ``extra_css`` comes last in the stylesheet (the PDF's digits document sets its page counter with it).
    """
    language = issue.language
    css = issue_css(issue, options, media, parts) + ("\n" + extra_css if extra_css else "")
    html = render_template("issue.html.j2", options.template_dir,
                           issue=issue, masthead=masthead(issue), cover=cover, contents=lines, blocks=page_blocks,
                           language=language, direction=issue_direction(issue),
                           contents_word=word("contents", language), css=Markup(css))
    if media == "print":
        html = mark_pdf_output(html, options.pdf_output())
    return strip_xml_forbidden(html)


def masthead(issue: Issue) -> dict[str, object]:
    """What the cover shows: title, issue line, date, publisher, sections, picture."""
    meta, language = issue.metadata, issue.language
    return {
        "title": meta.title,
        "number": issue_line(meta.number, language) if meta.number else "",
        "date": format_date(meta.date, language) if meta.date else "",
        "date_value": meta.date,
        "publisher": meta.publisher,
        "sections": [s.title for s in issue.sections if s.title],
        "picture": data_uri(meta.cover) if meta.cover else "",
    }


def issue_css(issue: Issue, options: RenderOptions, media: str, parts: bool = False) -> str:
    """The edition's stylesheet, then the issue's rules; the running title is the issue's name."""
    extra = [stylesheet("issue.css")]
    if media == "print":
        extra += [stylesheet("issue-print.css"),
                  f"@page {{ @top-left {{ content: {css_string(issue.metadata.title)}; }} }}"]
        if issue_direction(issue) == "rtl":
            extra.append(rtl_running_heads(issue.metadata.title))
        if not parts:
            extra.append(page_number_css(issue.language))
        if parts:
            gutter = f"{CONTENTS_GUTTER_EM}em"
            # The number's column is at the line's end: the right, or the left in a right-to-left issue.
            # Its digits run left to right from the column's left edge either way, where pdf_join stamps.
            end = "left" if issue_direction(issue) == "rtl" else "right"
            extra += ["@page { @bottom-center { content: none; } }",
                      f".issue-contents li {{ padding-{end}: {gutter}; }}"
                      f" .issue-contents .toc-page {{ width: {gutter}; margin-{end}: -{gutter}; direction: ltr; }}"]
    return page_css(options, media, tuple(extra))


def css_string(text: str) -> str:
    """``text`` as a CSS string literal, safe inside a ``<style>`` element."""
    escaped = "".join(f"\\{ord(c):x} " if c in '"\\<>&' or ord(c) < 32 else c for c in text)
    return f'"{escaped}"'
