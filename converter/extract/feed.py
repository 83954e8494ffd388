"""RSS 2.0 and Atom feeds: each entry becomes an article, its HTML content converted without scoring.

A feed entry's content is the article as its publisher chose it, so it goes straight to the HTML-to-Markdown
converter (no boilerplate rules). The XML is parsed without entity expansion, network or DTD loading, so a
hostile feed can neither read files nor blow up in memory.
"""

from __future__ import annotations

import logging

from lxml import etree

from converter.errors import SourceError
from converter.extract.dates import iso_date
from converter.extract.html import fragment_markdown
from converter.extract.html.parse import (
    check_attribute_count,
    check_element_count,
    clean_text,
    parse_fragment,
    without_internal_subset,
)
from converter.extract.language import language_tag
from converter.extract.result import Extraction
from converter.policy.limits import Limits

log = logging.getLogger("converter.extract.feed")

ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
DC = "{http://purl.org/dc/elements/1.1/}"
XML = "{http://www.w3.org/XML/1998/namespace}"

#: Article field -> where an RSS item keeps it, most specific first.
RSS_FIELDS = {
    "content": (CONTENT, "description"), "title": ("title",), "date": ("pubDate", f"{DC}date"),
    "author": (f"{DC}creator", "author"), "section": ("category",),
}
#: The same for an Atom entry.
ATOM_FIELDS = {
    "content": (f"{ATOM}content", f"{ATOM}summary"), "title": (f"{ATOM}title",),
    "date": (f"{ATOM}published", f"{ATOM}updated"), "author": (f"{ATOM}author/{ATOM}name", f"{DC}creator"),
    "updated": (f"{ATOM}updated",),
}


def extract_feed(data: bytes | str, *, max_entries: int = Limits.max_feed_entries,
                 name: str = "the feed", max_elements: int = Limits.max_input_elements,
                 max_attributes: int = Limits.max_element_attributes) -> list[Extraction]:
    """One Extraction per item (RSS) or entry (Atom), in feed order; at most ``max_entries``
    (``Limits.max_feed_entries``), the rest left out with a warning.

    Raises ``ExtractionError`` when the entries read hold more than ``max_elements`` HTML elements in all
    (``Limits.max_input_elements``, as for one page: each is converted), or an element of more than
    ``max_attributes`` attributes, before any is converted."""
    root = _parse(data.encode("utf-8") if isinstance(data, str) else data)
    site = clean_text(root.findtext("channel/title") or root.findtext(f"{ATOM}title") or "")
    language = clean_text(root.findtext("channel/language") or root.get(f"{XML}lang"))
    entries = root.findall(".//item") + root.findall(f".//{ATOM}entry")
    if len(entries) > max_entries:
        log.warning("%s: has %s entries; only the first %s are read (Limits.max_feed_entries)",
                    name, f"{len(entries):,}", f"{max_entries:,}")
        entries = entries[:max_entries]
    contents = "".join(_first(e, _fields(e)["content"]) for e in entries)
    check_attribute_count(contents, max_attributes, f"{name}: the content of its entries")
    check_element_count(contents, max_elements, f"{name}: the content of its entries")
    return [_entry(e, site, language) for e in entries]


def _parse(raw: bytes) -> etree._Element:
    # The DOCTYPE's internal subset goes (its entities are never expanded; with them declared libxml2 stops
    # at its amplification limit and the items after are lost). Read as latin-1, every byte round-trips.
    if b"<!doctype" in raw[:4096].lower():
        raw = without_internal_subset(raw.decode("latin-1"), "").encode("latin-1")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                             recover=True)
    try:
        root = etree.fromstring(raw, parser=parser)
    except etree.XMLSyntaxError as err:
        raise SourceError(f"the feed is not well-formed XML ({err}); is it an RSS or Atom file?") from None
    if root is None:
        raise SourceError("the feed is empty: no RSS <item> or Atom <entry> could be read")
    return root


def _entry(entry: etree._Element, site: str, language: str) -> Extraction:
    found = {name: _first(entry, paths) for name, paths in _fields(entry).items()}
    content = found.pop("content")
    # the entries were counted together (``extract_feed``)
    body, resources = fragment_markdown(parse_fragment(content, None)) if content.strip() else ("", ())
    link = _link(entry)
    meta: dict[str, object] = {
        "title": clean_text(found["title"]), "url": link, "source": link, "site": site,
        "language": language_tag(language),
        "date": iso_date(found["date"]), "updated": iso_date(found.get("updated", "")),
        "authors": (clean_text(found["author"]),) if clean_text(found["author"]) else (),
        "section": clean_text(found.get("section", "")),
    }
    return Extraction(body=body, metadata={k: v for k, v in meta.items() if v}, resources=resources)


def _fields(entry: etree._Element) -> dict[str, tuple[str, ...]]:
    return ATOM_FIELDS if entry.tag.startswith(ATOM) else RSS_FIELDS


def _first(entry: etree._Element, paths: tuple[str, ...]) -> str:
    """The text of the first path present (an Atom ``type="xhtml"`` content: its markup)."""
    for path in paths:
        found = entry.find(path)
        if found is not None and (found.text or len(found)):
            children = "".join(etree.tostring(c, encoding="unicode") for c in found)
            return (found.text or "") + children
    return ""


def _link(entry: etree._Element) -> str:
    """The entry's web address: Atom ``<link rel="alternate">`` (or without rel), RSS ``<link>``."""
    for element in entry.findall(f"{ATOM}link"):
        href = element.get("href")
        if element.get("rel", "alternate") == "alternate" and href:
            return href.strip()
    link = clean_text(entry.findtext("link"))
    guid = clean_text(entry.findtext("guid"))
    return link or (guid if guid.startswith(("http://", "https://")) else "")
