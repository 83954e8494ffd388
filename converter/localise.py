"""Words the editions generate ("By", "Issue", dates), in the article's language (English by default)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

#: Language -> twelve month names.
MONTHS: dict[str, tuple[str, ...]] = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"),
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
           "octobre", "novembre", "décembre"),
    "de": ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
           "Oktober", "November", "Dezember"),
    "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
           "octubre", "noviembre", "diciembre"),
    "it": ("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre",
           "ottobre", "novembre", "dicembre"),
    "pt": ("janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro",
           "outubro", "novembro", "dezembro"),
    "nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
           "oktober", "november", "december"),
}

#: Language -> generated words.
WORDS: dict[str, dict[str, str]] = {
    "en": {"by": "By", "and": "and", "issue": "Issue", "source": "Source"},
    "fr": {"by": "Par", "and": "et", "issue": "Numéro", "source": "Source"},
    "de": {"by": "Von", "and": "und", "issue": "Ausgabe", "source": "Quelle"},
    "es": {"by": "Por", "and": "y", "issue": "Número", "source": "Fuente"},
    "it": {"by": "Di", "and": "e", "issue": "Numero", "source": "Fonte"},
    "pt": {"by": "Por", "and": "e", "issue": "Edição", "source": "Fonte"},
    "nl": {"by": "Door", "and": "en", "issue": "Nummer", "source": "Bron"},
}

#: Languages that write the day after the month ("September 1, 2021").
MONTH_FIRST = frozenset({"en-us"})


def primary(language: str) -> str:
    """The primary subtag we have words for (``fr-CA`` -> ``fr``), English otherwise."""
    tag = language.lower().replace("_", "-").split("-")[0]
    return tag if tag in WORDS else "en"


def word(key: str, language: str) -> str:
    return WORDS[primary(language)][key]


def format_date(iso: str, language: str) -> str:
    """``2021-09-01`` -> ``1 September 2021`` (``1. September 2021`` in German); unparsable dates as given."""
    try:
        day = dt.date.fromisoformat(iso[:10])
    except ValueError:
        return iso
    lang = primary(language)
    month = MONTHS[lang][day.month - 1]
    if language.lower() in MONTH_FIRST:
        return f"{month} {day.day}, {day.year}"
    dot = "." if lang == "de" else ""
    return f"{day.day}{dot} {month} {day.year}"


def join_names(names: Sequence[str], language: str) -> str:
    """``A``, ``A and B``, ``A, B and C``."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} {word('and', language)} {names[-1]}"
