"""Dates: as pages write them -> ISO 8601 calendar dates (``iso_date``), and ISO 8601 text -> a datetime
for the editions (``parse_iso``). The one place dates are parsed (the text extractor's dateline rule aside,
which finds a date inside a line)."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime

_ISO = re.compile(r"(\d{4})-?(\d\d)-?(\d\d)(?=$|[T\s_]|\b)")
_SLASHED = re.compile(r"\b(\d{4})/(\d{1,2})/(\d{1,2})\b")
#: Written-out dates: "March 5, 2019", "5 March 2019", "Mar 5 2019".
_WRITTEN_FORMATS = ("%B %d %Y", "%d %B %Y", "%b %d %Y", "%d %b %Y")
_WRITTEN = re.compile(r"[A-Za-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
                      r"|\d{1,2}\s+[A-Za-z]{3,9}\.?,?\s+\d{4}")


def iso_date(value: str) -> str:
    """``YYYY-MM-DD`` from an ISO, RFC 822 or written-out English date, else from any language's written
    date (``bylines.find_date``: "3 juillet 2024", "١٢ يونيو ٢٠٢٤", "2024年6月12日"); "" if none is found."""
    value = " ".join(str(value).split())
    for finder in (_from_iso, _from_rfc822, _from_written):
        found = finder(value)
        if found is not None and 1900 <= found.year <= 2100:
            return found.isoformat()
    from converter.extract.bylines import find_date

    return find_date(value) or ""


def parse_iso(text: str) -> datetime | None:
    """An ISO 8601 date or date-time as an aware UTC datetime (a date alone is midnight UTC); ``None`` if
    ``text`` is not one."""
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _from_iso(value: str) -> date | None:
    m = _ISO.search(value) or _SLASHED.search(value)
    return _date(*(int(g) for g in m.groups())) if m else None


def _from_rfc822(value: str) -> date | None:
    try:
        return parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        return None


def _from_written(value: str) -> date | None:
    m = _WRITTEN.search(value)
    if not m:
        return None
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", m.group(0)).replace(",", " ").replace(".", " ")
    cleaned = " ".join(cleaned.split())
    for fmt in _WRITTEN_FORMATS:
        try:
            return datetime.strptime(cleaned, fmt).date()
        except ValueError:
            continue
    return None


def _date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


#: A time of day alone on its line: "14:05", "14.05 GMT", "9:30am", "9:30 a.m. ET", "11am".
TIME_STAMP = re.compile(r"^(?:\d{1,2}[:.]\d{2}(?:\s?[ap]\.?m\.?)?|\d{1,2}\s?[ap]\.?m\.?)(?:\s+[A-Z]{2,5})?$",
                        re.I)


def is_time_stamp(text: str) -> bool:
    """A line that is only a time of day, maybe with its zone ("14:05", "18:42 GMT", "9.30am"): a live
    blog's entry stamp, never a headline. Here, not in the text extractor, so the HTML extractor (live
    blogs) asks it without importing the whole text extractor (about 80 ms in every worker)."""
    return bool(TIME_STAMP.match(text))
