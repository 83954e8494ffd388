"""Article -> a self-contained HTML page (CSS inlined, pictures as ``data:`` URIs, no script).

The same page, with the print stylesheet added, is what WeasyPrint turns into the PDF, so the two
editions never drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from markupsafe import Markup

from converter.article import Article
from converter.localise import format_date, join_names, word
from converter.markdown_render import is_safe_link, render_body
from converter.options import RenderOptions, css_page_size
from converter.templating import environment, stylesheet

#: Characters XML 1.0 forbids; stripped so the page is also valid XHTML for the EPUB.
_XML_FORBIDDEN = dict.fromkeys([*range(0, 9), 11, 12, *range(14, 32), 0xFFFE, 0xFFFF])


@dataclass(frozen=True)
class MetaItem:
    """One entry of the header's metadata line (issue, date, authors, source)."""

    kind: str
    text: str
    value: str = ""
    href: str = ""


def render_html(article: Article, options: RenderOptions | None = None, media: str = "screen") -> str:
    """The HTML edition of ``article``; ``media="print"`` adds the paged-media CSS for the PDF."""
    options = options or RenderOptions()
    page = {
        "language": article.language or "en",
        "fallback_title": "Untitled article",
        "kicker": " · ".join(x for x in (article.site, article.section) if x),
        "meta_line": meta_line(article),
        "css": Markup(page_css(options, media)),
        "body_html": Markup(render_body(article.body, article.resources)),
    }
    html = environment().get_template("article.html.j2").render(article=article, page=page)
    return strip_xml_forbidden(html)


def page_css(options: RenderOptions, media: str) -> str:
    """Our stylesheet for the medium; print adds the page size and the packaged fonts."""
    css = stylesheet("reader.css")
    if media != "print":
        return css
    from converter.fonts import font_face_css

    page = f"@page {{ size: {css_page_size(options.page_size)}; }}"
    return "\n".join((font_face_css(), css, stylesheet("print.css"), page))


def meta_line(article: Article) -> list[MetaItem]:
    """The header's line: issue, date, authors and source, in the article's language."""
    lang = article.language
    items = []
    if article.issue:
        items.append(MetaItem("issue", f"{word('issue', lang)} {article.issue}"))
    if article.date:
        items.append(MetaItem("date", format_date(article.date, lang), value=article.date))
    if article.authors:
        items.append(MetaItem("author", f"{word('by', lang)} {join_names(article.authors, lang)}"))
    source = article.url or article.source
    if source:
        href = source if is_safe_link(source) and not source.startswith("#") else ""
        items.append(MetaItem("source", _source_label(source, href), href=href))
    return items


def _source_label(source: str, href: str) -> str:
    return urlsplit(href).netloc.removeprefix("www.") if href else source


def strip_xml_forbidden(text: str) -> str:
    """Remove control characters XML 1.0 forbids (they would break the EPUB and confuse readers)."""
    return text.translate(_XML_FORBIDDEN)
