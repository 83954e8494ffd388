"""Which pages of a site are not articles: home pages, section fronts, tag and author lists, search results.

An archive of a site holds its index pages beside its articles; converting them gives editions of link
lists. Each rule below is one named function with the pattern it recognises; the first that matches
skips the page, and its name and reason go to ``skipped.jsonl``. URL rules run in the parent while
planning (no record is read for them); page rules run in the worker on the parsed page, before extraction.
The rules look at shapes every site has (paths, structured data, the share of text in links), never at
one site's names.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from lxml.html import HtmlElement


@dataclass(frozen=True)
class Skip:
    """A page that is not an article: the rule that said so and why, in words."""

    rule: str
    reason: str


#: Path segments that name a list of articles, not an article: ``/tag/climate``, ``/author/jane-doe``.
LISTING_SEGMENTS = frozenset({"tag", "tags", "category", "categories", "topic", "topics", "author", "authors",
                              "search", "archive", "archives", "label", "labels", "section", "sections",
                              "page", "feed", "index"})

#: Query keys of a site search or of a list's later pages.
LISTING_QUERY_KEYS = frozenset({"s", "q", "query", "search", "page", "paged", "p", "tag", "cat", "category"})

#: File names that are a folder's front page.
FRONT_PAGE_NAMES = frozenset({"", "index.html", "index.htm", "index.php", "default.aspx", "home", "home.html"})

#: schema.org types of a page that lists others.
LISTING_TYPES = frozenset({"collectionpage", "itemlist", "searchresultspage", "profilepage"})
_TYPE_NAMES = {"collectionpage": "CollectionPage", "itemlist": "ItemList", "searchresultspage": "SearchResultsPage",
               "profilepage": "ProfilePage"}
#: schema.org types of an article.
ARTICLE_TYPES = frozenset({"article", "newsarticle", "blogposting", "reportage", "analysisnewsarticle",
                           "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "techarticle",
                           "scholarlyarticle", "report", "liveblogposting", "posting", "socialmediaposting"})

#: A page whose text is mostly link text, with this many links or more, is a list of links.
LINK_LIST_MIN_LINKS = 20
LINK_LIST_SHARE = 0.6
#: ... unless it has this many characters of running text in paragraphs outside links.
ARTICLE_PARAGRAPH_CHARS = 1500
#: Running text of the shortest news item (a few sentences): more than a front page's unlinked text.
SHORT_ITEM_CHARS = 400


def site_root(url: str) -> str:
    """The site's home page: the path is ``/`` (or ``/index.html``) and there is no query."""
    parts = urlsplit(url)
    if parts.path.strip("/").lower() in FRONT_PAGE_NAMES and not parts.query:
        return "the site's home page"
    return ""


def listing_path(url: str) -> str:
    """A list of articles by path: ``/tag/x``, ``/category/x/``, ``/author/x``, ``/search``, ``/page/2``.

    The listing word must be one of the last two segments: ``/tag/climate`` is a list,
    ``/2024/05/tag-team-wins.html`` (a word inside a slug) and ``/section/world/2024/story`` are not.
    """
    segments = [s for s in urlsplit(url).path.lower().split("/") if s]
    tail = segments[-2:]
    if tail and tail[-1].isdigit() and len(tail) == 2 and tail[0] == "page":
        return f"page {tail[-1]} of a list (/page/N)"
    for segment in tail:
        if segment in LISTING_SEGMENTS:
            return f"a list of articles (a /{segment}/ address)"
    return ""


def listing_query(url: str) -> str:
    """A site search or a later page of a list: ``?s=...``, ``?q=...``, ``?page=2``."""
    keys = {k.lower() for k in parse_qs(urlsplit(url).query, keep_blank_values=True)}
    found = sorted(keys & LISTING_QUERY_KEYS)
    return f"a search or list page (?{found[0]}=)" if found else ""


def folder_front(url: str) -> str:
    """A section front: an address ending in ``/`` only one segment deep (``/world/``, ``/sport/``)."""
    path = urlsplit(url).path
    segments = [s for s in path.split("/") if s]
    if path.endswith("/") and len(segments) == 1 and not any(ch.isdigit() for ch in segments[0]):
        return f"a section front (/{segments[0]}/)"
    return ""


#: URL rules, in order (name -> function returning a reason or "").
URL_RULES: tuple[tuple[str, Callable[[str], str]], ...] = (
    ("site_root", site_root),
    ("listing_path", listing_path),
    ("listing_query", listing_query),
    ("folder_front", folder_front),
)


def skip_by_url(url: str) -> Skip | None:
    """The first URL rule that says the page is not an article, or ``None``."""
    for name, rule in URL_RULES:
        reason = rule(url)
        if reason:
            return Skip(name, reason)
    return None


def structured_listing(root: HtmlElement) -> str:
    """JSON-LD or microdata that calls the page a list (``CollectionPage``, ``ItemList``,
    ``SearchResultsPage``, ``ProfilePage``) and nowhere an article, and little running text.

    (``WebSite`` alone is not enough: many sites put it on every page, articles included.)"""
    types = _schema_types(root)
    if types & ARTICLE_TYPES or not types & LISTING_TYPES or _paragraph_chars(root) >= ARTICLE_PARAGRAPH_CHARS:
        return ""
    return f"its structured data calls it a {_TYPE_NAMES[sorted(types & LISTING_TYPES)[0]]}, not an article"


def og_website(root: HtmlElement) -> str:
    """``og:type`` is ``website`` (not ``article``), with no publication date, no article markup (structured
    data or an ``<article>`` element) and almost no running text (``SHORT_ITEM_CHARS``)."""
    og = _meta(root, "og:type")
    if og != "website" or _meta(root, "article:published_time") or _schema_types(root) & ARTICLE_TYPES:
        return ""
    if root.find(".//article") is not None or _paragraph_chars(root) >= SHORT_ITEM_CHARS:
        return ""  # many sites label every page "website": even a short item's running text outweighs it
    return "its Open Graph type is website, and it has no date or article markup"


def link_list(root: HtmlElement) -> str:
    """Most of the visible text is link text, over many links, with little running text: a front or list page."""
    body = root.find("body")
    if body is None:
        return ""
    links = [a for a in body.iter("a") if a.get("href")]
    if len(links) < LINK_LIST_MIN_LINKS:
        return ""
    total = len(" ".join(body.text_content().split()))
    linked = sum(len(" ".join(a.text_content().split())) for a in links)
    if total and linked / total >= LINK_LIST_SHARE and _paragraph_chars(root) < ARTICLE_PARAGRAPH_CHARS:
        return f"{linked * 100 // total}% of its text is in {len(links)} links"
    return ""


#: Page rules, in order (name -> function of the parsed page returning a reason or "").
PAGE_RULES: tuple[tuple[str, Callable[[HtmlElement], str]], ...] = (
    ("structured_listing", structured_listing),
    ("og_website", og_website),
    ("link_list", link_list),
)


def skip_by_page(html: str) -> Skip | None:
    """The first page rule that says the parsed page is not an article, or ``None``."""
    from converter.extract.html.parse import parse_page

    root = parse_page(html)
    for name, rule in PAGE_RULES:
        reason = rule(root)
        if reason:
            return Skip(name, reason)
    return None


def _meta(root: HtmlElement, key: str) -> str:
    for meta in root.iter("meta"):
        if (meta.get("property") or meta.get("name") or "").strip().lower() == key:
            return (meta.get("content") or "").strip().lower()
    return ""


def _schema_types(root: HtmlElement) -> set[str]:
    """Every schema.org ``@type`` in the page's JSON-LD and ``itemtype`` attributes, lower case."""
    found: set[str] = set()
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            _collect_types(json.loads(script.text or ""), found)
        except ValueError:
            continue
    for element in root.iter():
        itemtype = element.get("itemtype") if isinstance(element.tag, str) else None
        if itemtype:
            found.update(t.rstrip("/").rsplit("/", 1)[-1].lower() for t in itemtype.split())
    return found


def _collect_types(data: object, found: set[str], depth: int = 0) -> None:
    if depth > 6:
        return
    if isinstance(data, list):
        for item in data[:50]:
            _collect_types(item, found, depth + 1)
    elif isinstance(data, dict):
        kind = data.get("@type")
        for value in kind if isinstance(kind, list) else [kind]:
            if isinstance(value, str):
                found.add(value.lower())
        graph = data.get("@graph")
        if graph is not None:
            _collect_types(graph, found, depth + 1)
        main = data.get("mainEntity")
        if isinstance(main, dict):
            _collect_types(main, found, depth + 1)


_SPACE = re.compile(r"\s+")


def _paragraph_chars(root: HtmlElement) -> int:
    """Characters of ``<p>`` text outside links: the running text an article has and a list lacks."""
    total = 0
    for p in root.iter("p"):
        text = _SPACE.sub(" ", p.text_content()).strip()
        linked = sum(len(_SPACE.sub(" ", a.text_content()).strip()) for a in p.iter("a"))
        total += max(0, len(text) - linked)
    return total
