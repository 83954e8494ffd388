"""Metadata printed around an article: bylines, dates, issue numbers, reading times."""

from __future__ import annotations

import re

from converter.extract import bylines

MONTHS = {m: i for i, m in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"), 1)} | {m[:3]: i for i, m in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"), 1)} | {"sept": 9}

_MONTH = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|" \
         r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
#: Date shapes: ISO, "14 January 2025", "January 14, 2025", "14/01/2025" is left alone (ambiguous).
DATE_SHAPES = (
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<num>\d\d)-(?P<day>\d\d)(?!\d)"),
    re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\.?\s+{_MONTH}\s+(?P<year>(?:19|20)\d\d)\b", re.I),
    re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b", re.I),
)
BYLINE = re.compile(r"^(?:(?:posted|written|words|story|reporting) )?(?:by|par|von|por|di|door)\s+"
                    r"(?P<names>[^\d|•·]{3,80}?)(?:(?:\s*[|•·,]|\s+on\s|\s+at\s|\s+-\s).*)?$", re.I)
ISSUE = re.compile(r"\bIssue\s*(?:No\.?|#|number)?\s*(?P<issue>\d{1,6})\b", re.I)
READING_TIME = re.compile(r"\b\d{1,3}\s*(?:-|\s)?(?:min(?:ute)?s?)\.?\s*(?:read|reading)\b", re.I)
COMMENT_COUNT = re.compile(
    r"^\d+\s+(?:comments?|replies|responses)$|^(?:comments?|replies)\s*\(?\d+\)?$", re.I)


def find_date(text: str) -> str | None:
    """The first date in ``text`` as ISO 8601 (``YYYY-MM-DD``): the English shapes, then any listed
    language's (``converter.extract.bylines``)."""
    return _english_date(text) or bylines.find_date(text)


def _english_date(text: str) -> str | None:
    for shape in DATE_SHAPES:
        m = shape.search(text)
        if m:
            month = int(m.group("num")) if "num" in m.groupdict() and m.group("num") else \
                MONTHS.get(m.group("month").lower().rstrip("."), 0)
            day = int(m.group("day"))
            if 1 <= month <= 12 and 1 <= day <= 31:
                return f"{m.group('year')}-{month:02d}-{day:02d}"
    return None


def is_dateline(text: str, words: int) -> bool:
    """A short line that is mostly a date (and maybe a time or a reading time)."""
    return words <= 12 and find_date(text) is not None


def byline_names(text: str) -> tuple[str, ...] | None:
    """Names of a byline line: ``By A and B``, or any language's shape (``converter.extract.bylines``)."""
    return bylines.byline_names(text) or _english_byline(text)


def _english_byline(text: str) -> tuple[str, ...] | None:
    m = BYLINE.match(text)
    if not m or len(text.split()) > 12:
        return None
    names = re.split(r"\s*(?:,|\band\b|&|\bund\b|\bet\b|\by\b)\s*", m.group("names").strip())
    names = [n.strip(" .") for n in names if n.strip(" .")]
    if not names or not all(n[:1].isupper() for n in names):
        return None
    return tuple(names)
