"""Metadata from a page's head: OpenGraph and article meta tags, the title, the language."""

from __future__ import annotations

import re

from lxml import html as lxml_html

#: Article field -> meta names or properties, most trusted first.
META_SOURCES: dict[str, tuple[str, ...]] = {
    "title": ("og:title", "twitter:title"),
    "site": ("og:site_name", "application-name"),
    "description": ("og:description", "description", "twitter:description"),
    "date": ("article:published_time", "datePublished", "date", "dc.date", "pubdate", "publish-date"),
    "updated": ("article:modified_time", "dateModified", "og:updated_time"),
    "author": ("author", "article:author", "dc.creator"),
    "url": ("og:url",),
    "image": ("og:image",),
    "section": ("article:section",),
}
ISO_DATE = re.compile(r"\d{4}-\d\d-\d\d(?:[T ]\d\d:\d\d(?::\d\d)?(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d)?)?")
#: " | Site", " - Site" after a headline.
_SITE_SUFFIX = re.compile(r"\s+[|\-–—·:]\s+[^|\-–—·:]{2,60}$")


def page_metadata(root: lxml_html.HtmlElement) -> dict[str, object]:
    """Article fields found in the head (only the fields found)."""
    metas = _meta_values(root)
    found: dict[str, object] = {}
    for field, names in META_SOURCES.items():
        value = next((metas[n] for n in names if metas.get(n)), "")
        if value:
            found[field] = value
    if "author" in found:
        found["authors"] = (str(found.pop("author")),)
    for field in ("date", "updated"):
        if field in found:
            m = ISO_DATE.search(str(found[field]))
            found.pop(field) if not m else found.__setitem__(field, m.group(0)[:10])
    h1 = root.find(".//h1")
    heading = " ".join(h1.text_content().split()) if h1 is not None else ""
    title = str(found.get("title") or root.findtext(".//title") or heading)
    found["title"] = clean_title(title, str(found.get("site", "")))
    language = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang") or ""
    if language.strip():
        found["language"] = language.strip()
    return {k: v for k, v in found.items() if v}


def clean_title(title: str, site: str) -> str:
    """The headline without the site's name glued after it."""
    title = " ".join(title.split())
    m = _SITE_SUFFIX.search(title)
    if m and (not site or site.lower() in m.group(0).lower()):
        return title[: m.start()]
    return title


def _meta_values(root: lxml_html.HtmlElement) -> dict[str, str]:
    values: dict[str, str] = {}
    for meta in root.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip()
        content = (meta.get("content") or "").strip()
        if key and content:
            values.setdefault(key, content)
            values.setdefault(key.lower(), content)
    return values
