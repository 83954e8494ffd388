"""A page's metadata by Article field: sources merged in order of trust, then normalised.

Trust order: JSON-LD, OpenGraph and other meta tags, microdata, the visible byline. The title is the
exception: ``title.choose_title`` reconciles every title the page names with the headline it prints.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from converter.extract import bylines
from converter.extract.dates import iso_date, parse_iso
from converter.extract.html import meta_sources, title
from converter.extract.html.parse import clean_text
from converter.extract.language import language_tag

#: The readers, most trusted first.
SOURCES = (("json_ld", meta_sources.json_ld), ("meta_tags", meta_sources.meta_tags),
           ("microdata", meta_sources.microdata), ("visible_byline", meta_sources.visible_byline))
#: "By Jane Doe and John Roe", "Jane Doe, John Roe": the parts of a byline that are not names.
_BY = re.compile(r"^\s*(?:(?:posted|written) by|by|par|von|door|por|di|av)\s+", re.I)
_NAME_SPLIT = re.compile(r"\s*(?:,|;|&|\band\b|\bund\b|\bet\b|\by\b)\s*", re.I)


def page_metadata(root: HtmlElement) -> dict[str, object]:
    """Article fields found in the page (only the fields found), normalised."""
    raw: dict[str, object] = {}
    by_source = [(name, read(root)) for name, read in SOURCES]
    for _, values in by_source:
        for field, value in values.items():
            raw.setdefault(field, value)
    site = clean_text(str(raw.get("site", "")))
    found: dict[str, object] = {
        "title": title.choose_title(root, meta_sources.named_titles(root, dict(by_source)),
                                    meta_sources.site_names(root, raw)),
        "site": site,
        "authors": reconcile_authors([(name, values.get("authors")) for name, values in by_source], site),
        "date": iso_date(local_time([str(values.get("date", "")) for _, values in by_source])),
        "updated": iso_date(str(raw.get("updated", ""))),
        "language": page_language(root, str(raw.get("language", ""))),
        "direction": page_direction(root),
        "tags": tuple(dict.fromkeys(t for tag in _as_list(raw.get("tags")) for t in _comma_list(tag))),
    }
    for field in ("subtitle", "description", "image", "section", "url"):
        found[field] = clean_text(str(raw.get(field, "")))
    return {k: v for k, v in found.items() if v}


def reconcile_authors(sources: list[tuple[str, object]], site: str) -> tuple[str, ...]:
    """The article's authors from the bylines of every source (JSON-LD, meta tags, microdata, the visible
    byline; most trusted first), as clean names.

    Rules, in order: each source's bylines become names (``author_names``: markers, roles, dates, handles,
    addresses left out); the first source that names a person wins, unless a later one names the same
    people and more (a meta tag often carries only the first of two writers whom the visible byline names);
    the site's own name ("BBC News") is an author only where no source names a person.
    """
    desk: tuple[str, ...] = ()
    chosen: tuple[str, ...] = ()
    for _, value in sources:
        names = author_names(value)
        people = tuple(n for n in names if _key(n) != _key(site))
        if not chosen or {_key(n) for n in chosen} < {_key(n) for n in people}:
            chosen = people
        desk = desk or tuple(names)
    return chosen or desk


def local_time(stamps: list[str]) -> str:
    """The first source's publication time, as the publisher's clock gives it (*the same instant in UTC and
    in local time*): JSON-LD often writes ``2017-02-24T01:18:13Z`` where the meta tag writes the same
    instant as ``2017-02-23T17:18:13-08:00``; the day the readers saw is the local one."""
    stamps = [s for s in stamps if s.strip()]
    if not stamps:
        return ""
    first = parse_iso(stamps[0])
    if first is None or not _UTC_SUFFIX.search(stamps[0].strip()):
        return stamps[0]
    for other in stamps[1:]:
        when = parse_iso(other)
        if when is not None and when == first and not _UTC_SUFFIX.search(other.strip()) \
                and _OFFSET.search(other.strip()):
            return other
    return stamps[0]


#: A time written in UTC ("...Z", "+00:00") and one with another offset ("-08:00", "+0530").
_UTC_SUFFIX = re.compile(r"(?:Z|[+-]00:?00)$")
_OFFSET = re.compile(r"T\d\d:\d\d(?::\d\d(?:\.\d+)?)?[+-]\d\d:?\d\d$")


def author_names(value: object) -> list[str]:
    """Names from bylines: "By A and B" -> A, B (``bylines.clean_names``, any language); a byline it
    cannot read (lower-case names, "danah boyd") is split on commas and "and", its pieces kept only when
    they look like a name (no digits, no handle, a few words); profile addresses left out."""
    names: list[str] = []
    for byline in _as_list(value):
        if byline.startswith(("http://", "https://", "www.")):
            continue
        for name in bylines.clean_names(byline) or _NAME_SPLIT.split(_BY.sub("", byline)):
            name = clean_text(name).strip(".|-")
            if _plain_name(name) and name not in names:
                names.append(name)
    return names


def _plain_name(name: str) -> bool:
    """A name: letters, no digits or ``@`` (a user name like "ab1234" or "@ada" is not), a few words, not
    a byline box's labels ("No Primary Author", ``bylines.is_interface_text``)."""
    return (any(c.isalpha() for c in name) and not any(c.isdigit() or c == "@" for c in name)
            and len(name.split()) <= bylines.NAME_WORDS and "/" not in name and not bylines.is_interface_text(name)
            and not bylines.is_desk_credit(name))


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


def _key(text: str) -> str:
    return re.sub(r"\W+", "", text).casefold()


def _comma_list(value: str) -> list[str]:
    return [clean_text(v) for v in value.split(",") if clean_text(v)]


def _as_list(value: object) -> list[str]:
    items = value if isinstance(value, (list, tuple)) else [value] if value else []
    return [clean_text(str(i)) for i in items if clean_text(str(i))]

