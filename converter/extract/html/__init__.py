"""Saved web pages: the article's body as structured Markdown, its pictures, and its metadata.

The stages, each in its own module, chained here only:

1. ``parse``: the page's tree (``huge_tree``, no comments, a ``<body>`` always there);
2. ``metadata``: the article fields from JSON-LD, meta tags, microdata and the byline (before cleaning);
3. ``noscript``: a script app's empty shell is read from its ``<noscript>`` fallback;
   ``images``: lazy-loaded pictures resolved to their real address, tracking pixels dropped;
4. ``footnotes`` and ``comments``: set aside before scoring, which would drop them; ``live``: a live blog's
   entries rewritten with their time stamps joined to them, which scoring would drop;
5. ``clean``: the page rules (navigation, share bars, consent, ads ...) drop what is never article;
6. ``locate``: the article's container (readability-lxml's scoring on the cleaned page);
7. ``prune``: the block rules (repeated title, link lists, calls to action, bylines);
8. ``to_markdown``: the container as Markdown, pictures loaded through ``load_resource``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from lxml.html import HtmlElement

from converter.article import Resource
from converter.errors import ExtractionError
from converter.extract.html.clean import clean_page
from converter.extract.html.comments import take_comments
from converter.extract.html.figures import figure_places, normalise_figures, restore_figures
from converter.extract.html.footnotes import Footnote, find_footnotes
from converter.extract.html.images import Picture, load_pictures, resolve_lazy_pictures
from converter.extract.html.inline import Context, inline
from converter.extract.html.judged import in_page_order, judge_blocks, page_blocks
from converter.extract.html.layout_words import unmark_layout_words
from converter.extract.html.live import live_blog_entries
from converter.extract.html.locate import locate_article
from converter.extract.html.metadata import page_metadata
from converter.extract.html.noscript import use_noscript_fallback
from converter.extract.html.parse import clean_text, parse_page, text_length
from converter.extract.html.protect import protect, unprotect
from converter.extract.html.prune import ArticleFacts, prune_article, repeated_blocks
from converter.extract.html.to_markdown import to_markdown
from converter.extract.result import Extraction
from converter.policy.limits import Limits

__all__ = ["extract_html", "fragment_markdown"]

LoadResource = Callable[[str], Resource | None]


def extract_html(html: str, *, base_dir: Path | None = None, load_resource: LoadResource | None = None,
                 keep_comments: bool = False, page_url: str = "",
                 max_elements: int = Limits.max_input_elements,
                 max_attributes: int = Limits.max_element_attributes) -> Extraction:
    """The article of a saved page. ``load_resource(url)`` reads a picture (``None``: not allowed).

    ``base_dir`` is the folder the page was saved in; relative picture addresses are passed to
    ``load_resource`` as written, which resolves them against that folder. ``page_url`` is the address the
    page was saved from (an MHTML part's ``Content-Location``), else the one its "saved from url" comment
    gives (``saved_from_url``): the article's ``url`` when the page names none (canonical link, ``og:url``),
    and so the address its relative links are read against.

    Raises ``ExtractionError`` when the page cannot be parsed, holds no article, or has more than
    ``max_elements`` elements (``Limits.max_input_elements``: refused before any rule runs) or an element
    of more than ``max_attributes`` attributes (``Limits.max_element_attributes``).
    """
    root = parse_page(html, max_elements, max_attributes)
    # Held for the whole extraction: lxml then reuses each element's Python proxy instead of building (and
    # class-looking-up) a new one on every walk, which was a fifth of the time.
    elements = list(root.iter())
    body = root.find("body")
    metadata = page_metadata(root)
    page_url = page_url or saved_from_url(html)
    if page_url and not metadata.get("url"):
        metadata["url"] = page_url
    use_noscript_fallback(body)
    resolve_lazy_pictures(root)
    normalise_figures(body)
    footnotes = find_footnotes(body)
    comments = take_comments(body) if keep_comments else []
    unmark_layout_words(body)
    live_blog_entries(body)
    captioned = figure_places(body, captioned_only=True)
    decisions = clean_page(body)
    blocks = page_blocks(body)
    places = [*captioned, *figure_places(body)]
    protect(body)
    article = locate_article(body)
    unprotect(article)
    restore_figures(article, places)
    facts = ArticleFacts(str(metadata.get("title", "")), str(metadata.get("subtitle", "")),
                         repeated_blocks(article))
    decisions += prune_article(article, facts)
    note_texts = [clean_text(f.note.text_content()) for f in footnotes]
    decisions += judge_blocks(blocks, article, decisions, metadata, note_texts)
    decisions = in_page_order(decisions, blocks)
    trees = [article, *(f.note for f in footnotes), *comments]
    base_url = _base_url(root, metadata)
    # an <img> without a src (or an SVG <image>, which the parser renames <img>) has no picture to load
    pictures = load_pictures([src for t in trees for img in t.iter("img") if (src := img.get("src"))],
                             load_resource, base_url)
    ctx = Context(base_url, pictures, {f.target: f.label for f in footnotes}, str(metadata.get("title", "")))
    notes, replies = _footnote_definitions(footnotes, ctx), _comments(comments, ctx)
    markdown = _join(to_markdown(article, ctx), notes, replies)
    if not markdown.strip():
        raise ExtractionError(f"no article text found in the page ({text_length(body)} characters of visible "
                              "text); is it the saved article, not an index, a login wall or an empty frame?")
    del elements
    return Extraction(body=markdown, metadata=_complete(metadata, markdown, pictures),
                      decisions=tuple(decisions),
                      resources=tuple(p.resource for p in pictures.values() if p.resource is not None))


def fragment_markdown(article: HtmlElement, load_resource: LoadResource | None = None,
                      base_url: str = "") -> tuple[str, tuple[Resource, ...]]:
    """A piece of HTML (a feed entry) as Markdown, without scoring: only its pictures are resolved."""
    resolve_lazy_pictures(article)
    normalise_figures(article)
    pictures = load_pictures([img.get("src") for img in article.iter("img")], load_resource, base_url)
    resources = tuple(p.resource for p in pictures.values() if p.resource is not None)
    return to_markdown(article, Context(base_url, pictures)), resources


def _footnote_definitions(footnotes: tuple[Footnote, ...], ctx: Context) -> str:
    """``[^1]: text`` lines, in label order."""
    lines = [f"[^{f.label}]: {' '.join(inline(f.note, ctx).split()).lstrip('^↑ ')}" for f in footnotes]
    return "\n".join(line for line in lines if not line.endswith(": "))


def _comments(sections: list[HtmlElement], ctx: Context) -> str:
    content = "\n\n".join(to_markdown(s, ctx) for s in sections)
    return f"## Comments\n\n{content}" if content.strip() else ""


def _join(*parts: str) -> str:
    return "\n\n".join(p for p in parts if p.strip())


#: The comment a browser writes atop a page saved whole: ``<!-- saved from url=(0042)https://... -->`` (the
#: number is the address's length), before or after the doctype.
_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)\s*(\S+?)\s*-->", re.I)


def saved_from_url(html: str) -> str:
    """The http(s) address a saved page's "saved from url" comment gives, in its first 4 KB; "" if none."""
    found = _SAVED_FROM.search(html[:4096])
    url = found.group(1) if found else ""
    return url if url.lower().startswith(("http://", "https://")) else ""


def _base_url(root: HtmlElement, metadata: dict[str, object]) -> str:
    """The address relative links are read against: ``<base href>``, else the canonical URL."""
    base = root.find(".//base[@href]")
    href = base.get("href") if base is not None else ""
    return href if href.startswith(("http://", "https://")) else str(metadata.get("url", ""))


def _complete(metadata: dict[str, object], markdown: str, pictures: dict[str, Picture]) -> dict[str, object]:
    """The language guessed from the body when the page declares none; the lead image as a ref if embedded."""
    found = dict(metadata)
    if not found.get("language"):
        language = _detect_language(markdown)
        if language:
            found["language"] = language
    lead = pictures.get(str(found.get("image", "")))
    if lead is not None and lead.resource is not None:
        found["image"] = lead.target
    return found


def _detect_language(text: str) -> str:
    try:
        from converter.extract.language import detect_language
    except ImportError:  # the guesser is optional: a page without a declared language stays without one
        return ""
    return detect_language(text)
