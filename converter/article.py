"""The Article: the one contract between extraction and rendering (and the Masthead an issue of them prints).

Every input kind (plain text, HTML, Markdown, feed entries) becomes an ``Article``; every output
(Markdown, HTML, PDF, EPUB) is rendered from one.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from typing import Any

from converter.markdown.write import article_to_markdown
from converter.policy.bidi import clean_metadata, close_runs_per_line


@dataclass(frozen=True)
class Resource:
    """A picture the body refers to, held as bytes so that every output can embed it offline."""

    ref: str
    """The name the Markdown body uses for it, e.g. ``images/photo.jpg``."""
    media_type: str
    """Sniffed MIME type: ``image/png``, ``image/jpeg``, ``image/gif``, ``image/webp`` (SVG only if allowed)."""
    data: bytes

    def __repr__(self) -> str:
        """``Resource(ref='pic.png', media_type='image/png', 2,048 bytes)``: its bytes only counted, so that
        an Article's repr stays readable."""
        return f"Resource(ref={self.ref!r}, media_type={self.media_type!r}, {len(self.data):,} bytes)"


@dataclass(frozen=True)
class Article:
    """An article's metadata and its body as structured Markdown."""

    title: str
    """The headline, without the site's name."""
    body: str
    """Structured Markdown: paragraphs, ``##`` sub-heads, ``::: figure`` blocks, lists, quotes ... No title heading."""
    subtitle: str = ""
    """Standfirst or dek under the headline."""
    authors: tuple[str, ...] = ()
    """Bylines, one name each."""
    date: str = ""
    """Publication date, ISO 8601 (``2021-09-01`` or with a time)."""
    updated: str = ""
    """Last update, ISO 8601."""
    issue: str = ""
    """Issue number of a periodical (``2770``)."""
    source: str = ""
    """Where the article came from: its URL if known, else the input file name."""
    site: str = ""
    """Name of the publication or web site."""
    language: str = ""
    """BCP 47 language tag (``en``, ``fr-CA``)."""
    direction: str = ""
    """Writing direction the source declared (``rtl`` or ``ltr``); "" leaves it to the language and script."""
    description: str = ""
    """A one- or two-sentence summary (from the page's metadata)."""
    image: str = ""
    """The lead picture: a resource ``ref`` or a URL."""
    section: str = ""
    """Section or category of the publication."""
    tags: tuple[str, ...] = ()
    """Keywords."""
    url: str = ""
    """Canonical URL."""
    retrieved: str = ""
    """When the page was saved, ISO 8601 (for the colophon)."""
    license: str = ""
    """The article's licence, as the page states it (for the colophon)."""
    resources: tuple[Resource, ...] = ()
    """Pictures the body refers to, embedded in every output."""
    input_path: str = field(default="", compare=False, repr=False)
    """The file the article was read from, resolved ("" for text, bytes or an Article built by hand). Not
    metadata (never written to an edition): ``render`` refuses to write over it, as the CLI does."""

    def __post_init__(self) -> None:
        # Bidi controls (converter.policy.bidi): no override in metadata (a title "\u202egpj.exe" shows as
        # "exe.jpg" in every reader's list), and no run in the body left open past its line.
        _clean_bidi(self, ("body",))

    def to_markdown(self) -> str:
        """The article as Markdown with YAML front matter (reading it back gives the same Article)."""
        return article_to_markdown(self)

    def with_metadata(self, **changes: Any) -> Article:
        """A copy with some fields replaced (e.g. a manifest's title override), each value checked by the rules
        front matter is read by (``checked_metadata``): ``date=datetime.date(2026, 3, 8)`` is kept as
        ``"2026-03-08"``, ``language="en_gb"`` as ``"en-GB"``, one author as a one-name tuple.

        Raises ``UsageError`` naming the field and the value for an unknown field or a value that cannot be
        one of its kind (``date="2026-02-30"``, ``language="not a lang!"``, ``direction="up"``, an author
        that is ``None``).
        """
        return replace(self, **checked_metadata(changes))

    def resource(self, ref: str) -> Resource | None:
        """The embedded picture the body calls ``ref``, if there is one."""
        return next((r for r in self.resources if r.ref == ref), None)


def checked_metadata(changes: dict[str, Any]) -> dict[str, Any]:
    """``changes`` to Article fields, each value in its field's shape (see ``Article.with_metadata``).

    Rules (those front matter is read by, ``converter.markdown.frontmatter``): a date field takes a
    ``datetime.date``/``datetime`` or a text that is a real ISO 8601 date or date-time (kept in ISO form);
    ``language`` a well-formed BCP 47 tag (canonical case); ``direction`` ``ltr``, ``rtl`` or ""; a list
    field (authors, tags) one text or a list/tuple of texts; ``resources`` a tuple of ``Resource``; every
    other field a text. "" clears any text field. Raises ``UsageError`` naming the field and the value.
    """
    import datetime as dt

    from converter.errors import UsageError
    from converter.extract.language import language_tag
    from converter.markdown.frontmatter import DATE_FIELDS, LIST_FIELDS, parse_date

    known = {f.name for f in fields(Article)} - {"input_path"}
    out: dict[str, Any] = {}
    for name, value in changes.items():
        if name not in known:
            raise UsageError(f"Article has no field {name!r}; the fields are: {', '.join(sorted(known))}")

        def refuse(wanted: str, shown: object = value, field: str = name) -> UsageError:
            return UsageError(f"Article {field} {shown!r} is not {wanted}")

        if name == "resources":
            pictures = tuple(value) if isinstance(value, (list, tuple)) else None
            if pictures is None or not all(isinstance(r, Resource) for r in pictures):
                raise refuse("a tuple of Resource")
            out[name] = pictures
        elif name in LIST_FIELDS:
            items = [value] if isinstance(value, str) else value
            if not isinstance(items, (list, tuple)):
                raise refuse("a text or a list of texts")
            for item in items:
                if not isinstance(item, str):
                    raise refuse(f"a list of texts: {item!r} is not a text")
            out[name] = tuple(t for item in items if (t := item.strip()))
        elif name in DATE_FIELDS and isinstance(value, (dt.date, dt.datetime)):
            out[name] = value.isoformat()
        elif not isinstance(value, str):
            raise refuse("a text" + (" or a datetime.date" if name in DATE_FIELDS else ""))
        elif not value.strip():
            out[name] = ""
        elif name in DATE_FIELDS:
            if not (date := parse_date(value)):
                raise refuse("a real date (ISO 8601: 2025-02-28 or 2025-02-28T09:30)")
            out[name] = date
        elif name == "language":
            if not (tag := language_tag(value)):
                raise refuse("a BCP 47 language tag (en, fr-CA, zh-Hant)")
            out[name] = tag
        elif name == "direction":
            if value.strip().lower() not in ("ltr", "rtl"):
                raise refuse('"ltr", "rtl" or ""')
            out[name] = value.strip().lower()
        else:
            out[name] = value
    return out


#: Article fields that are not metadata: never in the front matter, never set by it or ``with_metadata``.
NOT_METADATA = frozenset({"body", "resources", "input_path"})

#: Metadata fields in the order the Markdown front matter writes them (``authors`` is written as ``author``).
METADATA_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Article) if f.name not in NOT_METADATA)

@dataclass(frozen=True)
class Masthead:
    """An issue's name, number, date, publisher, language and cover."""

    title: str
    """The periodical's name (``The Weekly``): on the cover and in the running header; a book's title adds
    the number or the date."""
    number: str = ""
    """The issue number (``12``), from the call, the manifest, or the articles when they all agree; a number
    is also the book's position in the series."""
    date: str = ""
    """The issue date, ISO 8601, chosen like the number."""
    publisher: str = ""
    """Who publishes it (the masthead's line under the title)."""
    language: str = ""
    """BCP 47 tag of the issue's own words ("Contents"); default: most of its articles' language."""
    cover: Resource | None = None
    """The cover picture; without one (or one a book cannot hold) the cover is generated."""

    def __post_init__(self) -> None:
        _clean_bidi(self)


def _clean_bidi(record: Article | Masthead, bodies: tuple[str, ...] = ()) -> None:
    """Set each text field of the frozen ``record`` to its ``converter.policy.bidi`` cleaned value: ``bodies``
    keep their runs (closed per line), other strings and tuples of strings are metadata."""
    for f in fields(record):
        if f.name == "input_path":  # a file's name, as the file system has it: not shown text
            continue
        value = getattr(record, f.name)
        if f.name in bodies and isinstance(value, str):
            cleaned: object = close_runs_per_line(value)
        elif isinstance(value, str):
            cleaned = clean_metadata(value)
        elif isinstance(value, tuple) and all(isinstance(v, str) for v in value):
            cleaned = tuple(clean_metadata(v) for v in value)
        else:
            continue
        if cleaned != value:
            object.__setattr__(record, f.name, cleaned)
