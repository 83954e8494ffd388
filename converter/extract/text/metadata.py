"""Metadata printed around an article: bylines, dates, issue numbers, reading times."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache

from converter.extract import bylines
from converter.extract.bylines import DATE_LANGUAGES, month_names
from converter.extract.text.lines import Line

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
#: "By A", "Words by A", "Interview by A", "Interviewed by A": the writer's names after a marker.
BYLINE = re.compile(r"^(?:(?:posted|written|words|story|reporting|interview|interviewed|text) )?"
                    r"(?:by|par|von|por|di|door)\s+"
                    r"(?P<names>[^\d|•·]{3,80}?)(?:(?:\s*[|•·,]|\s+on\s|\s+at\s|\s+-\s).*)?$", re.I)
ISSUE = re.compile(r"\bIssue\s*(?:No\.?|#|number)?\s*(?P<issue>\d{1,6})\b", re.I)
READING_TIME = re.compile(r"\b\d{1,3}\s*(?:-|\s)?(?:min(?:ute)?s?)\.?\s*(?:read|reading)\b", re.I)
COMMENT_COUNT = re.compile(
    r"^\d+\s+(?:comments?|replies|responses)$|^(?:comments?|replies)\s*\(?\d+\)?$", re.I)


def find_date(text: str) -> str | None:
    """The first date in ``text`` as ISO 8601 (``YYYY-MM-DD``): the English shapes, then any listed
    language's (``converter.extract.bylines``)."""
    if not _DIGIT.search(text):
        return None  # every date shape of both holds a digit (any script's: ``\d``): most lines stop here
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


#: A dateline has at most this many words; up to ``DATELINE_MOST_WORDS`` when all but
#: ``DATELINE_OTHER_WORDS`` of them date the page ("Published 14 October 2026, 07:30 BST | Updated ...").
DATELINE_WORDS = 12
DATELINE_MOST_WORDS = 24
DATELINE_OTHER_WORDS = 3
_ALPHA_WORD = re.compile(r"[^\W\d_]{3,}")


#: The word that opens the update date on a dateline ("Updated 12 March 2025", "Published 3 March | Last
#: modified: 12 March 2025", "Aktualisiert am 12. März 2025").
UPDATE_MARKER = re.compile(r"\b(?:(?:last\s+)?(?:updated|modified)|mis\s+à\s+jour|aktualisiert|actualizado|atualizado"
                           r"|aggiornato)\b\s*:?\s*(?:on\b|am\b|le\b|el\b|em\b|il\b)?", re.I)


def find_update(text: str) -> str | None:
    """The update date of a dateline: the first date after its ``UPDATE_MARKER``, ISO 8601; ``None``
    without a marker or a date after it."""
    m = UPDATE_MARKER.search(text)
    return find_date(text[m.end():]) if m else None


def is_dateline(text: str, words: int) -> bool:
    """A short line that is mostly a date (and maybe a time or a reading time), or a longer one that only
    dates the page: its publication and update with their times."""
    if words > DATELINE_MOST_WORDS or (words > DATELINE_WORDS and other_words(text) > DATELINE_OTHER_WORDS):
        return False
    return find_date(text) is not None


#: Words a date line holds beside its dates and times, which say nothing of a headline: when the page was
#: published or updated ("Published 14 October 2026, 07:30 BST | Updated 14 October 2026, 11:05 BST").
DATING_WORDS = frozenset({"published", "updated", "posted", "modified", "last", "publié", "publiée", "jour",
                          "veröffentlicht", "aktualisiert", "publicado", "actualizado", "atualizado",
                          "pubblicato", "aggiornato"})


def other_words(text: str) -> int:
    """How many words of three letters or more in ``text`` do not date it (``dating_word``)."""
    return sum(1 for word in _ALPHA_WORD.findall(text) if not dating_word(word))


def dating_word(word: str) -> bool:
    """A word of a date line: a marker of ``DATING_WORDS``, a month's or weekday's name (any language we
    read dates in), or a time zone's code in capitals (BST, CEST, EDT)."""
    lower = word.lower()
    return (lower in DATING_WORDS or lower in _calendar_words()
            or (word.isupper() and len(word) <= 4))


@cache
def _calendar_words() -> frozenset[str]:
    """Month names of every language dates are read in (CLDR, shipped), and English weekday names."""
    names = {n for language in DATE_LANGUAGES for n in month_names(language)}
    return frozenset(names | {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})


def byline_names(text: str) -> tuple[str, ...] | None:
    """Names of a byline line: ``By A and B``, or any language's shape (``converter.extract.bylines``)."""
    return bylines.byline_names(text) or _english_byline(text)


def _english_byline(text: str) -> tuple[str, ...] | None:
    m = BYLINE.match(text)
    if not m or len(text.split()) > 12:
        return None
    names = re.split(r"\s*(?:,|\band\b|&|\bund\b|\bet\b|\by\b)\s*", m.group("names").strip())
    names = [bylines.strip_trailing_words(n.strip(" .")) for n in names if n.strip(" .")]
    if not names or not all(n[:1].isupper() and bylines.is_name(n) for n in names):
        return None  # "By Jane Roe Jane Roe is a senior writer": a sentence, not names
    return tuple(names)


#: A date line has at most this many words of three letters or more beside its date (``is_date_line``).
DATE_LINE_WORDS = 3
_DIGIT = re.compile(r"\d")
#: A date in figures, day and month in either order ("17-01-2008", "08/01/2008", "1/13/08").
_NUMERIC_DATE = re.compile(r"(?<![\d/.-])\d{1,2}([/.-])\d{1,2}\1(?:19|20)?\d\d(?![\d/.-]\d)")


def is_date_line(text: str) -> bool:
    """A line that only dates the page (*a date line*): a date and at most ``DATE_LINE_WORDS`` words of
    three letters or more around it ("08/01/2008 11:13", "Posted on: 17-01-2008", "October 28, 2012").
    None was ever a marked headline; the model took a few for one where the headline stood far above."""
    if not _DIGIT.search(text) or other_words(text) > DATE_LINE_WORDS:
        return False
    return bool(_NUMERIC_DATE.search(text)) or find_date(text) is not None




#: A byline without a marker stands at most this many lines under the headline (``name_under_headline``).
NAME_REACH = 3
#: A name alone: two to four capitalised words ("Ben Silverman", "Ann-Marie O'Neil", "John C. Welch").
_NAME_ALONE = re.compile(r"^[^\W\d_][\w'’.-]*(?:\s+[^\W\d_][\w'’.-]*){1,3}$")
#: What may follow a name on its line: a separator and a relative time or a date ("James Akinaka • 8h").
_NAME_TAIL = re.compile(r"\s+(?:[•|·—–]|-)\s+(.*)$")
_RELATIVE = re.compile(r"^\d{1,3}\s*(?:[mhd]|mins?|minutes?|hrs?|hours?|days?|weeks?)\b(?:\s+ago)?", re.I)
#: Words of links and labels printed where a name may stand ("Next Post", "All News Items", "About Feeds").
NOT_NAME_WORDS = frozenset({"next", "previous", "prev", "post", "posts", "all", "news", "items", "about", "more",
                            "home", "related", "latest", "top", "read", "share", "feeds", "webfeeds", "menu",
                            "search", "login", "sign", "subscribe", "comments"})
#: Job titles a name alone may have on the next line ("Games Editor", "Staff Writer").
_JOB_LINE_WORDS = 4


def name_under_headline(lines: list[Line], decided: Mapping[int, object], title: int) -> tuple[str, ...] | None:
    """The writer of a byline printed without a marker: a name alone (``_NAME_ALONE``, every word
    capitalised) at most ``NAME_REACH`` lines under the headline, dated on its own line ("James Akinaka •
    8h") or followed by a dateline, a reading time, a relative time or the writer's job ("Ben Silverman" /
    "Games Editor"; "Pippin Lee" / "11 min read")."""
    for j in range(title + 1, min(title + 1 + NAME_REACH, len(lines))):
        text = lines[j].text.strip()
        tail = _NAME_TAIL.search(text)
        head = text[:tail.start()] if tail else text
        if not is_name_alone(head) or head.casefold() in lines[title].text.casefold():
            continue  # a label, or the headline's subject printed again ("Fractured Soul")
        dated_here = tail is not None and (_RELATIVE.match(tail.group(1)) or find_date(tail.group(1)))
        nxt = lines[j + 1].text.strip() if j + 1 < len(lines) else ""
        rule = getattr(decided.get(j + 1), "rule", "")
        dated_next = (rule in ("dateline", "reading_time", "relative_time") or bool(_RELATIVE.match(nxt))
                      or (len(nxt.split()) <= _JOB_LINE_WORDS and bylines.is_job_title(nxt)))
        if dated_here or dated_next:
            names = bylines.clean_names(head)
            return names or None
    return None


def is_stamped_name(text: str) -> bool:
    """A name with its age or date after a separator ("James Akinaka • 8h", "Ann Lee | 3 March 2024"): a
    byline without a marker, never a headline."""
    tail = _NAME_TAIL.search(text.strip())
    return (tail is not None and is_name_alone(text.strip()[:tail.start()])
            and bool(_RELATIVE.match(tail.group(1)) or find_date(tail.group(1))))


def is_name_alone(text: str) -> bool:
    """Two to four words, each capitalised (``_NAME_ALONE``), none a link's or a label's (``NOT_NAME_WORDS``)."""
    return (bool(_NAME_ALONE.match(text)) and all(w[:1].isupper() for w in text.split())
            and not any(w.casefold() in NOT_NAME_WORDS for w in text.split()) and not bylines.is_interface_text(text))


