"""Article -> a self-contained HTML page (CSS inlined, pictures as ``data:`` URIs, no script).

The same page, with the print stylesheet added, is what WeasyPrint turns into the PDF, so the two
editions never drift apart. The stylesheet is assembled in cascade order: our base rules, the theme,
the print rules and the options (PDF only), then the user's own CSS last.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from markupsafe import Markup

from converter.article import Article
from converter.markdown.to_html import is_safe_link, render_body
from converter.options import RenderOptions, css_page_size
from converter.policy.allow_list import strip_xml_forbidden
from converter.policy.user_css import clean_user_css
from converter.render.catalogue import section_name, subjects
from converter.render.direction import article_direction, mark_blocks
from converter.render.localise import format_date, issue_line, join_names, numbering_system, word
from converter.render.pdf_output import mark as mark_pdf_output
from converter.render.print_links import break_addresses, links_for_print
from converter.render.print_notes import notes_for_print
from converter.render.templating import render_template, stylesheet
from converter.render.themes import theme_css
from converter.render.typography import apply_typography


@dataclass(frozen=True)
class MetaItem:
    """One entry of the header's metadata line (issue, date, authors, site, source) or of the colophon."""

    kind: str
    text: str
    value: str = ""
    href: str = ""
    label: str = ""


def render_html(article: Article, options: RenderOptions | None = None, media: str = "screen") -> str:
    """The HTML edition of ``article``; ``media="print"`` adds the paged-media CSS for the PDF."""
    options = options or RenderOptions()
    html = render_template("article.html.j2", options.template_dir,
                           article=article, page=page_context(article, options, media))
    if media == "print":
        html = mark_pdf_output(html, options.pdf_output())
    return strip_xml_forbidden(html)


def page_context(article: Article, options: RenderOptions, media: str) -> dict[str, object]:
    """What the templates show besides the Article itself."""
    language = article.language or "en"
    direction = article_direction(article.direction, language, f"{article.title}\n{article.body}")
    body = apply_typography(mark_blocks(render_body(article.body, article.resources), direction, language))
    if media == "print":
        body = break_addresses(links_for_print(notes_for_print(body), options.links, language))
    return {
        "language": language,
        "direction": direction,
        "media": media,
        "fallback_title": "Untitled article",
        "kicker": kicker(article),
        "keywords": subjects(article.tags),
        "meta_line": meta_line(article),
        "colophon": colophon(article),
        "css": Markup(page_css(options, media, (page_number_css(language),) if media == "print" else ())),
        "body_html": Markup(body),
    }


def page_css(options: RenderOptions, media: str, extra: tuple[str, ...] = ()) -> str:
    """The stylesheet for the medium, in cascade order (later wins): ours, the theme, ``extra`` rules of
    an edition (an issue's), the options, and the user's own CSS last so a house style can override all."""
    parts = [stylesheet("reader.css"), theme_css(options.theme), stylesheet("scripts.css")]
    if media == "print":
        from converter.render.fonts import font_face_css

        parts = [font_face_css(), *parts, stylesheet("print.css")]
    parts.extend(extra)
    if media == "print":
        parts.append(print_option_css(options))
    parts.append(common_option_css(options))
    parts.extend(clean_user_css(css) for css in options.css)
    return "\n".join(p for p in parts if p)


#: CLDR numbering systems -> the CSS counter style that writes page numbers in their digits.
COUNTER_STYLES = {"arab": "arabic-indic", "arabext": "persian", "deva": "devanagari", "beng": "bengali",
                  "thai": "thai", "mymr": "myanmar", "tibt": "tibetan"}


def page_number_css(language: str) -> str:
    """Page numbers in the digits ``language`` writes (``١٢`` in Egyptian Arabic, ``۱۲`` in Persian); ""
    for 0-9."""
    style = COUNTER_STYLES.get(numbering_system(language))
    return f"@page {{ @bottom-center {{ content: counter(page, {style}); }} }}" if style else ""


def print_option_css(options: RenderOptions) -> str:
    """Page size, margins, columns and justification for the PDF."""
    size = css_page_size(options.page_size)
    rules = [f"@page {{ size: {size}; margin: {options.margins}; }}",
             f"@page table-landscape {{ size: {landscape(size)}; }}"]
    if options.columns > 1:
        # Figures fit a column, low enough that one fits below the headline of the first page, so the
        # columns flow from there.
        rules.append(f".article-body {{ columns: {options.columns}; column-gap: 6mm; }}"
                     ".article-body figure, .article-body table { break-inside: avoid; }"
                     ".article-body figure img, .article-body img { max-height: 40vh; }")
    if not options.justify:
        rules.append(".article-body { text-align: start; }")
    return "\n".join(rules)


def landscape(size: str) -> str:
    """The CSS ``size`` of the page turned sideways: ``A5`` -> ``A5 landscape``, ``90mm 122mm`` -> ``122mm 90mm``."""
    lengths = size.split()
    return f"{lengths[1]} {lengths[0]}" if len(lengths) == 2 else f"{size} landscape"


def common_option_css(options: RenderOptions) -> str:
    """Options that apply to every medium: hyphenation and the body font."""
    rules = []
    if not options.hyphenate:
        rules.append(".article-body, .article-body * { hyphens: manual !important; }")
    if options.font_family:
        rules.append(f':root {{ --font-body: "{options.font_family}", serif; }}')
    return "\n".join(rules)


def meta_line(article: Article) -> list[MetaItem]:
    """The header's line: issue, date, authors and source (the address's host), in the article's language."""
    lang = article.language
    items = []
    if article.issue:
        items.append(MetaItem("issue", issue_line(article.issue, lang)))
    if article.date:
        shown = format_date(article.date, lang)
        items.append(MetaItem("date", shown, value=article.date if shown != article.date else ""))
    if article.authors:
        items.append(MetaItem("author", f"{word('by', lang)} {join_names(article.authors, lang)}"))
    # The source: the address's host, linked. The site's name is not repeated here: the kicker above the
    # title already shows it (``kicker``). A local file name says nothing to a reader of the edition (it
    # stays in the Markdown's front matter).
    href = _href(article.url or article.source)
    if href:
        items.append(MetaItem("source", urlsplit(href).netloc.removeprefix("www.") or href, href=href))
    return items


def kicker(article: Article) -> str:
    """The line above the title: the site's name and the section ("Hive & Harbour · Gardens"); "" if neither
    is known. It is the one place the header names the site."""
    return " · ".join(x for x in (article.site, section_name(article.section)) if x)


def colophon(article: Article) -> list[MetaItem]:
    """The end notes of an article: full source address, retrieval date and licence, where known."""
    lang = article.language
    items = []
    source = article.url or article.source
    if _href(source):
        items.append(MetaItem("source", source, href=_href(source), label=word("source", lang)))
    if article.retrieved:
        items.append(MetaItem("retrieved", format_date(article.retrieved, lang), label=word("retrieved", lang)))
    if article.license:
        items.append(MetaItem("license", article.license, href=_href(article.license),
                              label=word("licence", lang)))
    return items


def _href(value: str) -> str:
    return value if value and is_safe_link(value) and not value.startswith(("#", "mailto:")) else ""
