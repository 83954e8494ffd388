"""A page's metadata by Article field: sources merged in order of trust, then normalised.

Trust order: JSON-LD, OpenGraph and other meta tags, microdata, the visible byline. The title is the
exception: the headline on the page (``<h1>``) wins when another source agrees with it, since
``og:title`` and ``<title>`` often carry the site's name or a shortened social headline.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from converter.extract import bylines
from converter.extract.dates import iso_date
from converter.extract.html import meta_sources
from converter.extract.html.parse import clean_text
from converter.extract.language import language_tag

#: The readers, most trusted first.
SOURCES = (("json_ld", meta_sources.json_ld), ("meta_tags", meta_sources.meta_tags),
           ("microdata", meta_sources.microdata), ("visible_byline", meta_sources.visible_byline))
#: Separators between a headline and the site's name: "Headline | Site", "Headline - Site".
_SEPARATOR = re.compile(r"\s+(?:\||-|–|—|·|::|»|:)\s+")
#: "By Jane Doe and John Roe", "Jane Doe, John Roe": the parts of a byline that are not names.
_BY = re.compile(r"^\s*(?:by|par|von|door|por|di|av)\s+", re.I)
_NAME_SPLIT = re.compile(r"\s*(?:,|;|&|\band\b|\bund\b|\bet\b|\by\b)\s*", re.I)
#: Characters a title piece may have beyond the site's name and still be only the name ("Site.com").
SITE_SLACK = 6


def page_metadata(root: HtmlElement) -> dict[str, object]:
    """Article fields found in the page (only the fields found), normalised."""
    raw: dict[str, object] = {}
    for _, read in SOURCES:
        for field, value in read(root).items():
            raw.setdefault(field, value)
    site = clean_text(str(raw.get("site", "")))
    found: dict[str, object] = {
        "title": choose_title(root, raw, site),
        "site": site,
        "authors": tuple(author_names(raw.get("authors", []), site)),
        "date": iso_date(str(raw.get("date", ""))),
        "updated": iso_date(str(raw.get("updated", ""))),
        "language": page_language(root, str(raw.get("language", ""))),
        "direction": page_direction(root),
        "tags": tuple(dict.fromkeys(t for tag in _as_list(raw.get("tags")) for t in _comma_list(tag))),
    }
    for field in ("subtitle", "description", "image", "section", "url"):
        found[field] = clean_text(str(raw.get(field, "")))
    return {k: v for k, v in found.items() if v}


def choose_title(root: HtmlElement, raw: dict[str, object], site: str) -> str:
    """The headline: the ``<h1>`` that another source confirms, else JSON-LD, OpenGraph, ``<title>``."""
    named = [clean_title(str(raw.get("title", "")), site), clean_title(root.findtext(".//title") or "", site)]
    named = [t for t in named if t]
    headings = [clean_text(h1.text_content()) for h1 in root.iter("h1")]
    for title in named:
        if any(_same(h, title) for h in headings):
            return title  # as the metadata writes it: the h1 may carry a permalink sign or other quotes
        if any(_same(h, _first_part(title)) for h in headings):
            return _first_part(title)
    return named[0] if named else next((h for h in headings if h), "")


def clean_title(title: str, site: str) -> str:
    """The headline without the site's name glued before or after it (" | Site", "Site: ")."""
    parts = _SEPARATOR.split(clean_text(title))
    if len(parts) < 2:
        return clean_text(title)
    if _is_site(parts[-1], site):
        return clean_text(title[: _last_separator(title)])
    if _is_site(parts[0], site):
        return clean_text(_SEPARATOR.split(clean_text(title), maxsplit=1)[1])
    return clean_text(title)


def author_names(value: object, site: str) -> list[str]:
    """Names from bylines: "By A and B" -> A, B; profile URLs and the site's own name left out."""
    names: list[str] = []
    for byline in _as_list(value):
        if byline.startswith(("http://", "https://")) or _key(byline) == _key(site):
            continue
        # Any language's byline ("Par A et B", "بقلم ...", "Ada @ada / 4:05 pm"), else a plain list.
        for name in bylines.clean_names(byline) or _NAME_SPLIT.split(_BY.sub("", byline)):
            name = clean_text(name).strip(".|-")
            if name and any(c.isalpha() for c in name) and name not in names:
                names.append(name)
    return names


def page_language(root: HtmlElement, declared: str) -> str:
    """``<html lang>``, else the meta language (``og:locale`` ``en_GB`` -> ``en-GB``); "" if none."""
    return next((tag for tag in map(language_tag, (meta_sources.html_language(root), declared)) if tag), "")


def page_direction(root: HtmlElement) -> str:
    """The writing direction the page declares on ``<article>``, ``<body>`` or ``<html>`` (``rtl``/``ltr``)."""
    for element in (root.find(".//article[@dir]"), root.find("body"), root):
        value = (element.get("dir") or "").strip().lower() if element is not None else ""
        if value in ("rtl", "ltr"):
            return value
    return ""


def _is_site(part: str, site: str) -> bool:
    """Does this piece of a title name the site (its name, or a domain like ``example.com``)?"""
    piece = _key(part)
    if not piece:
        return False
    name = _key(site)
    if name and (piece in name or (name in piece and len(piece) <= len(name) + SITE_SLACK)):
        return True  # "BBC" for "BBC News", "thecourier.com" for "The Courier"; not a headline naming it
    return bool(re.fullmatch(r"(?:www\.)?[\w-]+(?:\.[a-z]{2,})+", part.strip().lower()))


def _last_separator(title: str) -> int:
    return [m.start() for m in _SEPARATOR.finditer(title)][-1]


def _first_part(title: str) -> str:
    return _SEPARATOR.split(title)[0]


def _same(a: str, b: str) -> bool:
    return _key(a) == _key(b) and bool(_key(a))


def _key(text: str) -> str:
    return re.sub(r"\W+", "", text).casefold()


def _comma_list(value: str) -> list[str]:
    return [clean_text(v) for v in value.split(",") if clean_text(v)]


def _as_list(value: object) -> list[str]:
    items = value if isinstance(value, (list, tuple)) else [value] if value else []
    return [clean_text(str(i)) for i in items if clean_text(str(i))]

