"""RSS 2.0 and Atom feeds: each entry becomes an article, its content taken from the feed as written.

The XML is parsed without entity expansion, network or DTD loading, so a hostile feed can neither read
files nor blow up in memory.
"""

from __future__ import annotations

from lxml import etree

from converter.errors import SourceError
from converter.extraction import Extraction
from converter.html_extract.metadata import ISO_DATE
from converter.html_extract.text import page_lines, parse
from converter.markdown_escape import escape_text

ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
DC_CREATOR = "{http://purl.org/dc/elements/1.1/}creator"


def extract_feed(data: bytes | str) -> list[Extraction]:
    """One Extraction per item (RSS) or entry (Atom), in feed order."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                             recover=True)
    try:
        root = etree.fromstring(raw, parser=parser)
    except etree.XMLSyntaxError as err:
        raise SourceError(f"the feed is not well-formed XML ({err})") from None
    if root is None:
        raise SourceError("the feed is empty")
    entries = root.findall(".//item") + root.findall(f".//{ATOM}entry")
    return [_entry(e) for e in entries]


def _entry(entry: etree._Element) -> Extraction:
    atom = entry.tag.startswith(ATOM)
    html = _first(entry, [CONTENT, "description"] if not atom else [f"{ATOM}content", f"{ATOM}summary"])
    lines = page_lines(parse(f"<html><body>{html}</body></html>")) if html.strip() else []
    body = "\n\n".join(escape_text(line) for line in lines)
    meta: dict[str, object] = {
        "title": _first(entry, [f"{ATOM}title" if atom else "title"]).strip(),
        "url": _link(entry, atom),
        "date": _date(_first(entry, [f"{ATOM}published", f"{ATOM}updated"] if atom else ["pubDate", "date"])),
    }
    author = _first(entry, [f"{ATOM}author/{ATOM}name"] if atom else [DC_CREATOR, "author"]).strip()
    if author:
        meta["authors"] = (author,)
    return Extraction(body=body, metadata={k: v for k, v in meta.items() if v})


def _first(entry: etree._Element, paths: list[str]) -> str:
    for path in paths:
        found = entry.find(path)
        if found is not None and (found.text or len(found)):
            return found.text or "".join(etree.tostring(c, encoding="unicode") for c in found)
    return ""


def _link(entry: etree._Element, atom: bool) -> str:
    if atom:
        link = entry.find(f"{ATOM}link")
        return link.get("href", "") if link is not None else ""
    return (entry.findtext("link") or "").strip()


def _date(value: str) -> str:
    """ISO dates as given; RFC 822 dates ("Tue, 14 Jan 2025 08:00:00 GMT") converted."""
    m = ISO_DATE.search(value)
    if m:
        return m.group(0)[:10]
    from email.utils import parsedate_to_datetime

    try:
        return parsedate_to_datetime(value.strip()).date().isoformat() if value.strip() else ""
    except (TypeError, ValueError):
        return ""
