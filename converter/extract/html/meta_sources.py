"""Readers of a page's metadata, one per source: JSON-LD, meta tags (OpenGraph first), microdata, byline.

Each reader returns raw values by Article field name (``authors`` and ``tags`` as lists); ``metadata.py``
merges them in order of trust and normalises them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from itertools import islice

from lxml.html import HtmlElement

from converter.extract import bylines
from converter.extract.html import vocabulary as words
from converter.extract.html.parse import clean_text
from converter.extract.html.title import Named, host_names

Values = dict[str, object]
#: ``<![CDATA[`` wrappers some pages put around their JSON-LD (and the ``//`` comments before them).
_CDATA = re.compile(r"^\s*(?://\s*)?<!\[CDATA\[|(?://\s*)?\]\]>\s*$")

#: JSON-LD ``@type``s that describe the article itself.
ARTICLE_TYPES = ("Article", "NewsArticle", "BlogPosting", "ReportageNewsArticle", "AnalysisNewsArticle",
                 "OpinionNewsArticle", "BackgroundNewsArticle", "ReviewNewsArticle", "ScholarlyArticle",
                 "TechArticle", "SocialMediaPosting", "LiveBlogPosting", "Report", "Review", "Blog")
#: Article field -> meta ``property``/``name`` keys, most trusted first (OpenGraph before the rest).
META_KEYS: dict[str, tuple[str, ...]] = {
    "title": ("og:title", "twitter:title", "dc.title", "citation_title", "parsely-title", "sailthru.title"),
    "site": ("og:site_name", "application-name", "publisher", "dc.publisher", "citation_journal_title"),
    "description": ("og:description", "description", "twitter:description", "dc.description"),
    "date": ("article:published_time", "og:article:published_time", "article:published", "datepublished",
             "date", "dc.date", "dc.date.issued", "dcterms.created", "dcterms.date",
             "citation_publication_date",
             "citation_date", "parsely-pub-date", "sailthru.date", "pubdate", "publishdate", "publish-date",
             "publish_date", "article.published", "rnews:datepublished", "date.available", "dc.date.created"),
    "updated": ("article:modified_time", "og:updated_time", "datemodified", "dc.date.modified",
                "dcterms.modified", "last-modified"),
    "authors": ("author", "article:author", "og:article:author", "dc.creator", "citation_author", "parsely-author",
                "sailthru.author", "byl", "dcterms.creator"),
    "image": ("og:image", "og:image:url", "og:image:secure_url", "twitter:image", "twitter:image:src"),
    "section": ("article:section", "parsely-section", "section", "category"),
    "tags": ("article:tag", "keywords", "news_keywords", "parsely-tags"),
    "url": ("og:url",),
    "language": ("og:locale", "dc.language", "content-language", "language"),
}
#: Fields a page may give several meta tags for (``article:tag``, ``citation_author``).
LIST_FIELDS = ("authors", "tags")
#: Microdata ``itemprop`` -> Article field.
ITEMPROPS = {"headline": "title", "datePublished": "date", "dateModified": "updated", "author": "authors",
             "articleSection": "section", "keywords": "tags", "inLanguage": "language"}


def json_ld(root: HtmlElement) -> Values:
    """The first JSON-LD object of an article type (``NewsArticle``, ``BlogPosting`` ...), as fields."""
    for item in _json_ld_objects(root):
        types = item.get("@type")
        types = types if isinstance(types, list) else [types]
        if any(t in ARTICLE_TYPES for t in types if isinstance(t, str)):
            return _article_fields(item)
    return {}


def meta_tags(root: HtmlElement) -> Values:
    """OpenGraph, Dublin Core, citation and plain ``<meta>`` tags, plus ``<link rel=canonical>``."""
    metas: dict[str, list[str]] = {}
    for meta in root.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("http-equiv") or "").strip().lower()
        content = clean_text(meta.get("content"))
        if key and content:
            metas.setdefault(key, []).append(content)
    found: Values = {}
    for field, keys in META_KEYS.items():
        values = next((metas[k] for k in keys if k in metas), [])
        if values:
            found[field] = values if field in LIST_FIELDS else values[0]
    canonical = root.find(".//link[@rel='canonical']")
    if canonical is not None and (canonical.get("href") or "").startswith("http"):
        found["url"] = canonical.get("href")
    return found


def microdata(root: HtmlElement) -> Values:
    """``itemprop`` values (``headline``, ``datePublished``, ``author`` ...) written in the page's body."""
    found: Values = {}
    for element in root.iterfind(".//*[@itemprop]"):
        for prop in (element.get("itemprop") or "").split():
            field = ITEMPROPS.get(prop)
            if field and field not in found:
                value = _microdata_value(element)
                if value:
                    found[field] = [value] if field in LIST_FIELDS else value
    return found


def visible_byline(root: HtmlElement) -> Values:
    """The byline a reader sees (class ``byline``/``author``, ``rel=author``), the standfirst (class
    ``standfirst``, ``dek``) and the first ``<time>``.

    The byline is the first such element that names someone, outside the blocks of other stories and
    writers (related links, comments, sidebars, footers: "More by ..." lists are never the article's).
    """
    found: Values = {}
    tried = 0
    searching = True  # for the byline: until one names someone, or after BYLINE_TRIES tries
    standfirst: HtmlElement | None = None
    # One walk for both searches (each element's class and id words read once); it ends once both are over.
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        tokens = words.markup_tokens(element)
        if standfirst is None and tokens and element.tag not in ("body", "html") \
                and not tokens.isdisjoint(words.STANDFIRST):
            standfirst = element  # the first element named a standfirst
            if not searching:
                break
        if not searching:
            continue
        if element.get("rel") == "author" or (tokens and not tokens.isdisjoint(words.BYLINE)):
            if _among_others(element):
                continue  # a teaser's byline in a related block: not a try (a page lists a dozen of them)
            tried += 1
            searching = tried < BYLINE_TRIES
            content = clean_text(element.text_content())
            if not 2 < len(content) < 100 or not bylines.clean_names(content):
                if not searching and standfirst is not None:
                    break
                continue
            found["authors"] = [content]
            dated = bylines.find_date(content)  # "Par Jeanne Martin – 3 juillet 2024"
            if dated:
                found["byline_date"] = dated
            searching = False
            if standfirst is not None:
                break
    return with_standfirst_and_date(found, standfirst, root)


def with_standfirst_and_date(found: Values, standfirst: HtmlElement | None, root: HtmlElement) -> Values:
    """``found`` (the byline's ``authors`` and ``byline_date``) completed: the standfirst's text as the
    subtitle (20-400 characters), the first ``<time datetime>`` as the date, else the byline's date."""
    if standfirst is not None and 20 <= len(clean_text(standfirst.text_content())) <= 400:
        found["subtitle"] = clean_text(standfirst.text_content())
    time = root.find(".//time[@datetime]")
    if time is not None:
        found["date"] = time.get("datetime")
    elif "byline_date" in found:
        found["date"] = found["byline_date"]
    found.pop("byline_date", None)
    return found


#: Class and id words of the blocks that list other stories or other writers.
_OTHERS_BLOCKS = (*words.RELATED, *words.COMMENTS, "sidebar", "footer", "widget", "widgets")


#: Byline-class elements read before giving up (a page of teasers has one per teaser).
BYLINE_TRIES = 12
#: Ancestors looked at for a block of other stories.
OTHERS_DEPTH = 8
#: A block of other stories is short: a page wrapper whose class says "has-sidebar" holds the article too.
OTHERS_BLOCK_CHARS = 3000


def _among_others(element: HtmlElement) -> bool:
    """Is the element inside a block of related stories, comments, a sidebar or the footer?"""
    ancestors = list(islice(element.iterancestors(), OTHERS_DEPTH))
    return any((words.matches(a, _OTHERS_BLOCKS) or a.tag in ("footer", "aside"))
               and len(a.text_content()) < OTHERS_BLOCK_CHARS
               for a in ancestors if a.tag not in ("body", "html"))


def author_sources(root: HtmlElement) -> list[tuple[str, list[str]]]:
    """The bylines every source gives, most trusted first: JSON-LD ``author``, the meta tags' authors,
    microdata ``author``, the visible byline (``rel=author`` or a byline-class element)."""
    found = []
    for name, read in (("json_ld", json_ld), ("meta_tags", meta_tags), ("microdata", microdata),
                       ("visible_byline", visible_byline)):
        value = read(root).get("authors")
        items = value if isinstance(value, list) else [value] if value else []
        found.append((name, [clean_text(str(i)) for i in items if clean_text(str(i))]))
    return found


def named_titles(root: HtmlElement, read: dict[str, Values] | None = None) -> list[Named]:
    """Every title the page names for itself, most trusted first: JSON-LD ``headline``, the meta tags'
    titles (``og:title``, ``twitter:title`` ...), microdata ``headline``, then ``<title>``. ``read``: the
    sources already read, by reader name (``json_ld``, ``microdata``), so they are not read twice."""
    read = read or {}
    ld = read["json_ld"] if "json_ld" in read else json_ld(root)
    titles = [str(ld.get("title", ""))]
    metas: dict[str, str] = {}
    for meta in root.iter("meta"):
        key = (meta.get("property") or meta.get("name") or "").strip().lower()
        if key in META_KEYS["title"] and key not in metas:
            metas[key] = clean_text(meta.get("content"))
    titles += [metas[k] for k in META_KEYS["title"] if k in metas]
    titles.append(str((read["microdata"] if "microdata" in read else microdata(root)).get("title", "")))
    found = [Named(t, True) for t in dict.fromkeys(clean_text(t) for t in titles) if t]
    document = clean_text(root.findtext(".//title"))
    if document and all(n.text != document for n in found):
        found.append(Named(document, False))
    return found


def site_names(root: HtmlElement, found: Values) -> list[str]:
    """The names the site goes by: ``og:site_name``/``application-name``/the publisher (``found["site"]``),
    and its host's names (from ``og:url``, the canonical link or JSON-LD ``url``)."""
    names = [clean_text(str(found.get("site", "")))]
    names += host_names(str(found.get("url", "")))
    return [n for n in dict.fromkeys(names) if n]


def html_language(root: HtmlElement) -> str:
    """The language the page declares on ``<html lang>`` (or ``xml:lang``)."""
    return clean_text(root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang"))


def _json_ld_objects(root: HtmlElement) -> Iterator[dict]:
    """Every JSON object in the page's JSON-LD scripts, ``@graph`` members included."""
    for script in root.iterfind(".//script[@type='application/ld+json']"):
        try:
            data = json.loads(_CDATA.sub("", script.text or ""), strict=False)
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                yield item
                if isinstance(item.get("@graph"), list):
                    stack.extend(item["@graph"])


def _article_fields(item: dict) -> Values:
    publisher = item.get("publisher")
    page = item.get("mainEntityOfPage")
    return {k: v for k, v in {
        "title": _text(item.get("headline") or item.get("name")),
        "authors": _names(item.get("author") or item.get("creator")),
        "date": _text(item.get("datePublished") or item.get("dateCreated")),
        "updated": _text(item.get("dateModified")),
        "description": _text(item.get("description")),
        "image": _url(item.get("image") or item.get("thumbnailUrl")),
        "section": _text(item.get("articleSection")),
        "tags": _keywords(item.get("keywords")),
        "url": _text(item.get("url")) or (_text(page.get("@id")) if isinstance(page, dict) else _text(page)),
        "site": _text(publisher.get("name")) if isinstance(publisher, dict) else "",
        "language": _text(item.get("inLanguage")),
    }.items() if v}


def _text(value: object) -> str:
    if isinstance(value, list):
        return _text(value[0]) if value else ""
    return clean_text(value) if isinstance(value, str) else ""


def _names(value: object) -> list[str]:
    """``author``: a string, a Person, or a list of either."""
    items = value if isinstance(value, list) else [value]
    names = [_text(i.get("name")) if isinstance(i, dict) else _text(i) for i in items]
    return [n for n in names if n]


def _url(value: object) -> str:
    if isinstance(value, list):
        return _url(value[0]) if value else ""
    return _text(value.get("url")) if isinstance(value, dict) else _text(value)


def _keywords(value: object) -> list[str]:
    items = re.split(r"\s*,\s*", value) if isinstance(value, str) else value
    items = items if isinstance(items, list) else []
    return [clean_text(i) for i in items if isinstance(i, str) and clean_text(i)]


def _microdata_value(element: HtmlElement) -> str:
    if element.get("itemscope") is not None:
        name = element.find(".//*[@itemprop='name']")
        element = name if name is not None else element
    return clean_text(element.get("content") or element.get("datetime") or element.text_content())
