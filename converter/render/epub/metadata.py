"""The book's package metadata: Dublin Core fields, a content-derived identifier, dates, accessibility.

Nothing here reads the clock: ``dcterms:modified`` comes from ``SOURCE_DATE_EPOCH``, else from the
articles' dates, else a fixed value, so the same input always gives the same book.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from converter.article import METADATA_FIELDS, Article, Masthead
from converter.extract.dates import parse_iso
from converter.extract.language import language_tag
from converter.render.catalogue import shared_subjects
from converter.render.localise import format_date, issue_line

#: Namespace of our identifiers: uuid5 of the content under it is the book's ``urn:uuid``.
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://converter.invalid/epub")

#: ``dcterms:modified`` when neither SOURCE_DATE_EPOCH nor a date is known: the zip format's epoch.
FALLBACK_MODIFIED = dt.datetime(1980, 1, 1, tzinfo=dt.UTC)

UNTITLED = "Untitled article"

#: A language tag as ``xml:lang`` and ``dc:language`` accept it: a primary subtag, then letter/digit subtags.

#: An issue number that can be a series position (``group-position``): ``12``, ``3.1``.
_POSITION = re.compile(r"\d+(?:\.\d+)*")

#: Between the issue's name and its number (or date) in the book's title: ``Weekly — Issue 12``.
TITLE_SEPARATOR = " — "


#: What a book says about itself when it is more than its articles: an issue of a periodical. Given to
#: ``render_epub``, it names the book, dates it, gives its publisher and language, and makes its cover.


@dataclass(frozen=True)
class BookMetadata:
    """What the OPF's ``<metadata>`` and the NCX's head say about the book."""

    identifier: str
    title: str
    languages: tuple[str, ...]
    """The book's languages, the main one (the first article's) first."""
    creators: tuple[str, ...] = ()
    date: str = ""
    """Publication date in W3CDTF (``2025-01-14`` or ``2025-01-14T08:00:00Z``), the latest article's."""
    publishers: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    description: str = ""
    subjects: tuple[str, ...] = ()
    modified: str = ""
    """``dcterms:modified``: ``CCYY-MM-DDThh:mm:ssZ``."""
    direction: str = "ltr"
    """The reading order of the book's pages (``rtl``: the spine's ``page-progression-direction``)."""
    series: str = ""
    """The collection (``belongs-to-collection``, a series) the book is a numbered part of."""
    series_position: str = ""
    """The book's ``group-position`` in ``series`` (``12``), when its number is a number."""

    @property
    def language(self) -> str:
        return self.languages[0]


def book_metadata(articles: Sequence[Article], title: str | None, epoch: int | None) -> BookMetadata:
    """The metadata of a book of ``articles`` (one article: its own metadata, title overridable)."""
    first = articles[0]
    series, position = _article_series(articles)
    dates = [d for d in (parse_iso(a.date) for a in articles) if d is not None]
    return BookMetadata(
        identifier=identifier(articles, title),
        title=title or first.title or UNTITLED,
        languages=_unique(language_tag(a.language) for a in articles) or ("en",),
        creators=_unique(name for a in articles for name in a.authors),
        date=w3c_date(max(dates)) if dates else "",
        publishers=_unique(a.site for a in articles),
        sources=_unique(a.url or a.source for a in articles),
        description=(first.description or first.subtitle) if len(articles) == 1 else "",
        subjects=shared_subjects([a.tags for a in articles]),
        modified=modified(articles, epoch),
        direction=_direction(first),
        series=series,
        series_position=position,
    )


def _direction(article: Article) -> str:
    from converter.render.direction import article_direction

    return article_direction(article.direction, article.language, f"{article.title}\n{article.body}")


def _article_series(articles: Sequence[Article]) -> tuple[str, str]:
    """A single article from a numbered issue of a periodical belongs to that periodical's series: the
    site is the collection, the issue number its position (an issue book sets its own, ``issue_metadata``)."""
    first = articles[0]
    if len(articles) != 1 or not first.issue.strip() or not first.site.strip():
        return "", ""
    number = first.issue.strip()
    return first.site.strip(), number if _POSITION.fullmatch(number) else ""


def issue_metadata(articles: Sequence[Article], info: Masthead, sections: Sequence[tuple[str, Sequence[int]]],
                   epoch: int | None) -> BookMetadata:
    """The metadata of an issue: its title, number, date, publisher and language; authors and the rest
    from its articles."""
    languages = _unique((language_tag(info.language), *(language_tag(a.language) for a in articles))) or ("en",)
    issue_date = parse_iso(info.date) if info.date else None
    articles_book = book_metadata(articles, info.title, epoch)
    return replace(
        articles_book,
        identifier=issue_identifier(articles, info, sections),
        title=issue_title(info, languages[0]),
        languages=languages,
        date=w3c_date(issue_date) if issue_date else articles_book.date,
        publishers=_unique([info.publisher]),
        description="",
        modified=modified(articles, epoch, issue_date),
        direction=_issue_direction(languages[0], articles),
        series=info.title if info.number else "",
        series_position=info.number.strip() if _POSITION.fullmatch(info.number.strip()) else "",
    )


def _issue_direction(language: str, articles: Sequence[Article]) -> str:
    """The issue's language's direction, else most of its articles'."""
    from converter.render.direction import language_direction

    votes = [_direction(a) for a in articles]
    return language_direction(language) or ("rtl" if votes.count("rtl") * 2 > len(votes) else "ltr")


def issue_title(info: Masthead, language: str) -> str:
    """``Weekly — Issue 12``; without a number ``Weekly — 20 November 2026``; else the name alone."""
    if info.number.strip():
        return f"{info.title}{TITLE_SEPARATOR}{issue_line(info.number.strip(), language)}"
    if info.date.strip():
        return f"{info.title}{TITLE_SEPARATOR}{format_date(info.date.strip(), language)}"
    return info.title


def identifier(articles: Sequence[Article], title: str | None) -> str:
    """``urn:uuid:`` of a uuid5 over the title, every article's metadata, body and pictures."""
    content = json.dumps([title or "", [_fingerprint(a) for a in articles]], sort_keys=True, ensure_ascii=False)
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, hashlib.sha256(content.encode('utf-8')).hexdigest())}"


def issue_identifier(articles: Sequence[Article], info: Masthead,
                     sections: Sequence[tuple[str, Sequence[int]]]) -> str:
    """``urn:uuid:`` of a uuid5 over the issue's metadata and cover, its sections and every article."""
    cover = [info.cover.media_type, hashlib.sha256(info.cover.data).hexdigest()] if info.cover else None
    issue = {"title": info.title, "number": info.number, "date": info.date, "publisher": info.publisher,
             "language": info.language, "cover": cover,
             "sections": [[title, list(indices)] for title, indices in sections]}
    content = json.dumps(["issue", issue, [_fingerprint(a) for a in articles]], sort_keys=True, ensure_ascii=False)
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, hashlib.sha256(content.encode('utf-8')).hexdigest())}"


def _fingerprint(article: Article) -> dict[str, object]:
    # ``direction`` only when declared, so the books of articles without one keep their identifiers.
    fields: dict[str, object] = {name: getattr(article, name) for name in METADATA_FIELDS
                                 if name != "direction" or article.direction}
    fields["body"] = article.body
    fields["resources"] = [[r.ref, hashlib.sha256(r.data).hexdigest()] for r in article.resources]
    return fields


def modified(articles: Sequence[Article], epoch: int | None, issued: dt.datetime | None = None) -> str:
    """SOURCE_DATE_EPOCH if given, else the latest update or publication date (``issued``, the book's own
    date, among them), else 1980-01-01."""
    if epoch is not None:
        return _stamp(dt.datetime.fromtimestamp(epoch, dt.UTC))
    dates = [d for d in (parse_iso(a.updated or a.date) for a in articles) if d is not None]
    dates += [issued] if issued is not None else []
    return _stamp(max(dates) if dates else FALLBACK_MODIFIED)


def w3c_date(value: dt.datetime) -> str:
    """The date alone at midnight, else the full UTC date-time (both are valid ``dc:date`` values)."""
    return value.date().isoformat() if value.time() == dt.time() else _stamp(value)


def _stamp(value: dt.datetime) -> str:
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    """Non-empty values, first occurrence kept, in order."""
    return tuple(dict.fromkeys(v.strip() for v in values if v.strip()))
