"""Bylines and datelines in many languages: who wrote an article and when, as clean names and ISO dates.

Shared by the text and the HTML extractors (their metadata code calls ``byline_names``, ``clean_names``
and ``find_date``). Each rule reads a shape that pages in one language share, never a site:

- byline markers: words before the names ("By", "Par", "Von", "Por", "Di", "Door", "Автор:", "Του"/"Της", "بقلم",
  "نوشته", "מאת", "记者", "文：") or after them ("김민수 기자", "山田太郎記者");
- date forms: ISO dates; a day, a month name and a year in the language's order (month names from CLDR
  through Babel, in every regional variant, so "حزيران" and "يونيو" are both June); the CJK forms
  "2024年6月12日" and "2024년 6월 12일"; dotted day-first dates ("12.06.2024"); Persian solar dates
  ("۱۲ خرداد ۱۴۰۳"), converted to the Gregorian calendar. Any script's digits are read ("١٢" is 12). A
  date without a year ("March 1") gives no date: guessing the year is worse than leaving it out.
- a name is cleaned of the marker, handles ("@ada"), e-mail addresses, times, dates, roles after a
  separator ("| Reporter") and of notes on other writers ("additional reporting by ...").
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import cache

from converter.extract.phrases import phrase_alternation

#: Byline markers written before the names, by language (matched case-insensitively at the line's start).
LEADING_MARKERS: dict[str, tuple[str, ...]] = {
    "en": ("posted by", "written by", "words by", "story by", "reporting by", "text by", "words:", "text:", "authors:",
           "author:", "by"),
    "fr": ("publié par", "écrit par", "texte de", "texte:", "texte et photos:", "par"),
    "de": ("ein beitrag von", "ein kommentar von", "eine analyse von", "ein gastbeitrag von", "text von",
           "text und fotos:", "text:", "von"),
    "es": ("escrito por", "texto de", "por"),
    "pt": ("escrito por", "texto de", "por"),
    "it": ("scritto da", "a cura di", "testo di", "di"),
    "nl": ("geschreven door", "tekst:", "door"),
    "sv": ("skriven av", "text och foto:", "av"),
    "nb": ("skrevet av", "tekst og foto:", "tekst:", "av"),
    "da": ("skrevet af", "tekst og foto:", "af"),
    "fi": ("kirjoittanut", "teksti:", "kirjoittaja:"),
    "pl": ("autor:", "tekst:", "napisał", "napisała"),
    "cs": ("autor:", "text:", "napsal", "napsala"),
    "tr": ("yazan:", "yazar:", "haber:"),
    "ru": ("автор:", "автор", "текст:", "текст"),
    # Greek names the writer in the genitive after the article ("Του Γιώργου Παπαδόπουλου", "Της Μαρίας
    # Αντωνίου", "Των ...") or after "Από" ("Από τον/την ..."); the names must still read as names
    # (capitalised, ``is_name``), so a line opening with the article ("της κοιλάδας ...") is no byline.
    "el": ("από τον", "από την", "από:", "από", "του", "της", "των", "συντάκτης:", "κείμενο:"),
    "ar": ("بقلم:", "بقلم", "كتب:", "كتبت:", "كتب", "كتبت", "إعداد:", "تقرير:"),
    "fa": ("نوشته\u200cی", "نوشته ی", "نوشتهٔ", "نوشته", "به قلم", "نویسنده:", "نویسنده", "گزارش:"),
    "he": ("מאת:", "מאת", "כתב:", "כתבה:", "כתבת", "כתב"),
    "zh": ("本报记者", "本報記者", "新华社记者", "记者", "記者", "作者：", "作者:", "文／", "文/", "文："),
    "ja": ("執筆：", "執筆:", "文：", "文:", "文・", "記者：", "筆者："),
    "ko": ("글:", "글·사진", "글="),
}
#: Byline markers written after the names: "김민수 기자", "山田太郎記者", "王小明 报道".
TRAILING_MARKERS: dict[str, tuple[str, ...]] = {
    "ko": ("특파원", "기자", "객원기자"),
    "ja": ("記者", "特派員", "編集委員"),
    "zh": ("报道", "報道", "记者", "記者"),
}
#: Words joining names, any language ("and", "und", "et", "y", "e", "en", "og", "och", "ja", "ve", "и", "و",
#: "和", "및"; "with" a co-writer).
_AND = (r"(?:\b(?:and|And|AND|with|With|avec|mit)\b|\bund\b|\bet\b|\by\b|\be\b|\ben\b|\bog\b|\boch\b|\bja\b|"
        r"\bve\b|\bи\b|\bκαι\b|\bو\b|\bו|和|及|및|&|、|،|,|;)")
#: Where the names stop: a separator, a time, a date, an e-mail, a handle's end, "on"/"le"/"am" + date ...
_STOP = re.compile(r"\s*(?:[|•·/—–]|\s-\s|\s+@|\S+@\S+\.\w+|https?://|\b\d{1,2}[:.h]\d\d\b|"
                   r"\b(?i:(?:last\s+)?update[ds]?|published|posted|filed (?:under|in)|publié|publiée|mis à jour|"
                   r"veröffentlicht|aktualisiert|stand:|"
                   r"publicado|actualizado|atualizado|pubblicato|aggiornato|gepubliceerd)(?!\w)|"
                   r"\b\d+\s*(?i:min|mins|minutes?)\b|"
                   r"\s+[^\W\d_]+\s*:(?=\s|$))")  # a label after the names: "Topics:", "Tags:", "Filed under:"
#: Notes on other writers that follow the names ("With additional reporting by ...", "More by ...": a list of
#: the site's other writers, never the article's).
_OTHERS = re.compile(r"\b(?:(?:with )?additional reporting|contributed to this|with reporting|more (?:by|from)\b|"
                     r"other (?:articles|stories|posts) by|(?:see |view )?all (?:articles|stories|posts) by|"
                     r"related authors?|weitere artikel|autres articles|plus d'articles|más artículos|"
                     r"altri articoli)\b.*$", re.I)
#: A credit for another contribution than the words, and everything after it: the photographer's, the
#: illustrator's ("Text: Anna Berg; Fotos: Kai Wu", "Words by Ann Lee, photos by Bo Chan", "Photos : Kai Wu").
#: Their names are not the article's authors. The word must be followed by "by"/"von"/"de" or a colon.
OTHER_CREDITS = ("photos", "photo", "photographs", "photography", "fotos", "foto", "fotografie", "bilder", "bild",
                 "illustrations", "illustration", "illustrationen", "grafik", "graphics", "images", "pictures",
                 "video", "videos", "karte", "map", "maps", "fotografía", "fotografías", "fotografia")
_OTHER_CREDIT = re.compile(r"(?:^|[\s,;|/•·—–-]+|\band\b|\bund\b|\bet\b)\s*\b(?:" + "|".join(OTHER_CREDITS)
                           + r")\b\s*(?::|：|\bby\b|\bvon\b|\bde\b|\bdi\b|\bpor\b).*$", re.I)
#: A social handle or an e-mail address inside a byline.
_HANDLE = re.compile(r"(?:^|\s)@\w+|\S+@\S+\.\w+")
#: Words naming a writer's job ("Staff Writer", "Games Editor", "Senior Correspondent", "Redakteurin").
ROLE_WORDS = ("staff writer", "reporter", "correspondent", "editor", "columnist", "contributor", "writer",
              "special to", "producer", "photographer", "critic", "analyst", "intern", "journalist",
              "redakteur", "redakteurin", "korrespondent", "korrespondentin", "journalistin", "reporterin",
              "rédacteur", "rédactrice", "journaliste", "correspondant", "correspondante", "envoyé spécial",
              "envoyée spéciale", "periodista", "redactor", "redactora", "corresponsal", "giornalista",
              "inviato", "corrispondente", "redacteur", "verslaggever", "correspondente", "repórter",
              "редактор", "корреспондент", "журналист", "scientist", "founder", "co-founder", "manager",
              "strategist", "director", "president", "engineer", "professor", "researcher", "designer",
              "developer", "consultant", "ceo", "cto", "cfo")
#: Roles a byline adds after the names, with the rank and desk words before them ("Games Editor", "Senior
#: Arts Correspondent", "Local Affairs Reporter").
_ROLE = re.compile(r"(?:\s+(?:senior|deputy|managing|executive|contributing|associate|assistant|chief|news|"
                   r"sports?|games|politics|political|business|science|tech(?:nology)?|culture|features|"
                   r"foreign|city|health|economics|arts|education|environment|transport|crime|legal|music|"
                   r"film|travel|food|fashion|local|affairs|world|national|regional|home|social))*"
                   r"\s*\b(?:" + "|".join(ROLE_WORDS) + r")s?\b.*$", re.I)
_ROLE_WORD = re.compile(r"\b(?:" + "|".join(ROLE_WORDS) + r")s?\b", re.I)
#: Degrees and licences written after a name ("Jane Roe, PhD", "Ann Lee MD").
CREDENTIALS = ("phd", "ph.d.", "md", "m.d.", "ma", "m.a.", "ms", "msc", "mph", "mba", "rn", "jd", "dds", "dvm",
               "bsc", "ba", "b.a.", "cpa", "llb", "llm", "esq", "esq.", "frcp", "mrcp", "dphil", "edd", "psyd")
#: A bracketed note holding an address, a handle or a number ("(http://example.org/ann)", "(@ann)").
_BRACKETED_NOTE = re.compile(r"\s*[(\[][^)\]]*(?:https?://|www\.|@|\d)[^)\]]*[)\]]")
#: A bracketed note on the agency or the other writers the article draws on ("(avec AFP)", "(with Reuters)").
_BRACKETED_WITH = re.compile(r"\s*[(\[]\s*(?:with|avec|mit|con|com|and|et|und|y)\b[^)\]]*[)\]]", re.I)
#: A name with another contribution than the words in brackets after it, joined to the names before it.
_CREDITED_IN_BRACKETS = re.compile(r"(?:\s*(?:,|;|\band\b|\bund\b|\bet\b|&)\s*|^)"
                                   r"(?:(?!\band\b|\bund\b|\bet\b|&)[^,;()])+\((?:"
                                   + "|".join(OTHER_CREDITS) + r")\)", re.I)
#: The writer's part in brackets after a name ("(reporting)", "(text)", "(words)").
_ROLE_IN_BRACKETS = re.compile(r"\s*\((?:reporting|report|words|text|texte|writing|research|interview)\)", re.I)
#: A date in figures with slashes ("03/11/2015", "3/11/15"): where a byline's names end.
_SLASHED = re.compile(r"(?<![\d/])\d{1,2}/\d{1,2}/(?:19|20)?\d\d(?![\d/])")
#: Words of a desk's credit, not a person's name, cut from a name's end ("Reuters Staff" -> "Reuters") and no
#: name alone ("Staff", "Staff and agencies").
STAFF_WORDS = frozenset({"staff", "agencies", "agency", "desk", "team", "newsroom", "wires", "wire", "reporters",
                         "correspondents", "editors", "redaktion", "rédaction", "redacción", "redazione",
                         "admin", "administrator", "webmaster", "guest"})
#: Links printed after a name in a byline box ("Jane Roe Follow", "Jane Roe Email"), cut from its end.
TRAILING_LINKS = frozenset({"follow", "email", "e-mail", "twitter", "facebook", "linkedin", "instagram", "rss", "feed",
                            "bio", "profile", "contact", "subscribe", "folgen", "suivre", "seguir", "segui"})
#: A bracketed note, its words inside (a link's label after the name: "Ann Lee (Contact)", "[email]").
_BRACKETED_WORDS = re.compile(r"\s*[(\[]([^()\[\]]*)[)\]]")
#: A name has at most this many words (CJK names: characters count one each, at most this many).
NAME_WORDS = 5
NAME_CHARS = 40
#: A name written in CJK characters without spaces has at most this many ("欧阳小明", "長谷川健太郎").
CJK_NAME_CHARS = 7
_CJK_CHARS = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af·・]+")
#: A byline line has at most this many words.
BYLINE_WORDS = 16

#: The Persian (solar Hijri) months, in order.
PERSIAN_MONTHS = ("فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن",
                  "اسفند")
#: Languages whose month names we read (those the issue names and the editions localise).
DATE_LANGUAGES = ("en", "fr", "de", "es", "pt", "it", "nl", "ru", "ar", "fa", "he", "ur", "cs", "pl", "sv",
                  "tr", "el", "uk", "hi", "th", "id", "ro", "hu", "da", "no", "fi")

_ANY_YEAR = re.compile(r"(?:19|20|13|14)\d\d")
_ISO = re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)(?!\d)")
_CJK = re.compile(r"(?P<y>(?:19|20)\d\d)\s*[年년]\s*(?P<m>\d{1,2})\s*[月월]\s*(?P<d>\d{1,2})\s*[日일]?")
_DOTTED = re.compile(r"(?<![\d.])(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>(?:19|20)\d\d)(?![\d.]\d)")
_YEAR = r"(?P<y>(?:19|20)\d\d)"
_DAY = r"(?P<d>\d{1,2})(?:st|nd|rd|th|er|º|°|\.)?"


def to_ascii_digits(text: str) -> str:
    """Every decimal digit of any script as 0-9 ("١٢ يونيو ٢٠٢٤" -> "12 يونيو 2024")."""
    if text.isascii():
        return text
    return _OTHER_DIGIT.sub(lambda m: str(unicodedata.decimal(m[0])), text)


#: A decimal digit of another script than ASCII's: ``\d`` is ``str.isdecimal`` (Unicode's Nd), searched in C
#: instead of a Python step per character.
_OTHER_DIGIT = re.compile(r"(?![0-9])\d")


#: The month names of every ``DATE_LANGUAGES`` language, as ``cldr_month_names`` gives them, shipped in the
#: package: reading CLDR through Babel for 26 languages and their regional variants costs about 0.25 s of
#: CPU, paid by every process that meets a date (each issue worker, each single conversion); the table
#: loads in about a millisecond. Written by ``scripts/month_names.py``; a test checks that it equals Babel's.
MONTH_NAMES_FILE = "month_names.json"


@cache
def month_names(language: str) -> dict[str, int]:
    """Lower-cased month name -> month number in ``language`` (all its regional variants), from CLDR.

    The shipped table's entry (the same names, in the same order) where it has the language; Babel's else.
    """
    table = _shipped_month_names()
    return dict(table[language]) if language in table else cldr_month_names(language)


@cache
def _shipped_month_names() -> dict[str, dict[str, int]]:
    import json
    from importlib import resources

    try:
        return json.loads(resources.files("converter.extract").joinpath(MONTH_NAMES_FILE).read_text("utf-8"))
    except FileNotFoundError:
        return {}


def cldr_month_names(language: str) -> dict[str, int]:
    """Lower-cased month name -> month number in ``language`` (all its regional variants), read from CLDR
    through Babel (empty without Babel): wide and abbreviated names, format and stand-alone forms."""
    try:
        from babel.dates import get_month_names
        from babel.localedata import locale_identifiers
    except ImportError:
        return {}
    names: dict[str, int] = {}
    for locale in (lid for lid in locale_identifiers() if lid == language or lid.startswith(f"{language}_")):
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context, locale).items():
                    key = " ".join(name.lower().split()).rstrip(".")
                    if key and not key[0].isdigit() and not key.startswith("m0") and not key.startswith("m1"):
                        names.setdefault(key, number)
    return names


@cache
def _month_pattern(language: str) -> tuple[re.Pattern[str], dict[str, int]] | None:
    names = month_names(language) if language else _all_month_names()
    if not names:
        return None
    alternatives = phrase_alternation(names, re.I, r"\s+")  # a trie: a thousand names, tried a few at a time
    month = rf"(?P<name>{alternatives})\.?(?:\s*/\s*(?:{alternatives}))?"
    prefix = r"(?:ב-?|ל-?)?" if language in ("he", "") else ""  # Hebrew: "12 ביוני 2024"
    of = r"(?:\s+(?:de|del|di|of))?"
    pattern = re.compile(
        rf"(?<!\w){_DAY}{of}\s*{prefix}{month}{of},?\s*{_YEAR}(?!\d)"  # 12 June 2024, 12 de junio de 2024
        rf"|(?<!\w){month.replace('name', 'name2')}\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+"
        r"(?P<y2>(?:19|20)\d\d)(?!\d)",
        re.I)
    return pattern, names


@cache
def _all_month_names() -> dict[str, int]:
    merged: dict[str, int] = {}
    for language in DATE_LANGUAGES:
        for name, number in month_names(language).items():
            merged.setdefault(name, number)
    return merged


_PERSIAN = re.compile(rf"(?P<d>\d{{1,2}})\s*(?P<name>{'|'.join(PERSIAN_MONTHS)})\s*(?P<y>1[34]\d\d)(?!\d)")


def find_date(text: str, language: str = "") -> str | None:
    """The first full date (day, month and year) in ``text`` as ``YYYY-MM-DD``; None if there is none.

    ``language`` (a BCP 47 tag) chooses the month names tried first; every language's are tried after.
    """
    text = to_ascii_digits(text)
    if not _ANY_YEAR.search(text):
        return None  # every form we read has a year: most lines are done here, cheaply
    lang = language.lower().replace("_", "-").split("-")[0]
    # without a language, its names are every language's: tried once, not twice
    for finder in (_iso, _cjk, _persian, _named(lang), _named("") if lang else None, _dotted):
        found = finder(text) if finder is not None else None
        if found:
            return found
    return None


def _valid(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _iso(text: str) -> str | None:
    m = _ISO.search(text)
    return _valid(int(m["y"]), int(m["m"]), int(m["d"])) if m else None


def _cjk(text: str) -> str | None:
    m = _CJK.search(text)
    return _valid(int(m["y"]), int(m["m"]), int(m["d"])) if m else None


def _dotted(text: str) -> str | None:
    m = _DOTTED.search(text)
    return _valid(int(m["y"]), int(m["m"]), int(m["d"])) if m else None


def _persian(text: str) -> str | None:
    m = _PERSIAN.search(text)
    if not m:
        return None
    return jalali_to_gregorian(int(m["y"]), PERSIAN_MONTHS.index(m["name"]) + 1, int(m["d"]))


def _named(language: str):
    if language and language not in DATE_LANGUAGES:
        return None
    compiled = _month_pattern(language)
    if compiled is None:
        return None
    pattern, names = compiled

    def finder(text: str) -> str | None:
        for m in pattern.finditer(text):
            name = m["name"] or m["name2"]
            month = names.get(" ".join(name.lower().split()).rstrip("."))
            day, year = (m["d"], m["y"]) if m["name"] else (m["d2"], m["y2"])
            found = _valid(int(year), month, int(day)) if month else None
            if found:
                return found
        return None

    return finder


def jalali_to_gregorian(year: int, month: int, day: int) -> str | None:
    """A Persian solar Hijri date as ISO ``YYYY-MM-DD`` (the 33-year arithmetic of the civil calendar)."""
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    jy = year + 1595
    days = (-355668 + 365 * jy + (jy // 33) * 8 + ((jy % 33) + 3) // 4 + day
            + ((month - 1) * 31 if month < 7 else (month - 7) * 30 + 186))
    return _from_days(days)


def _from_days(days: int) -> str | None:
    gy = 400 * (days // 146097)
    days %= 146097
    if days > 36524:
        days -= 1
        gy += 100 * (days // 36524)
        days %= 36524
        if days >= 365:
            days += 1
    gy += 4 * (days // 1461)
    days %= 1461
    if days > 365:
        gy += (days - 1) // 365
        days = (days - 1) % 365
    leap = gy % 4 == 0 and (gy % 100 != 0 or gy % 400 == 0)
    lengths = (31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
    gd, gm = days + 1, 0
    while gm < 12 and gd > lengths[gm]:
        gd -= lengths[gm]
        gm += 1
    return _valid(gy, gm + 1, gd)


@cache
def _leading() -> re.Pattern[str]:
    markers = sorted({m for ms in LEADING_MARKERS.values() for m in ms}, key=len, reverse=True)
    alternatives = "|".join(re.sub(r"([:：])$", r"\\s*\1", re.escape(m).replace(r"\ ", r"\s+")) for m in markers)
    # A marker is a word of its own, except the CJK and colon-ended ones glued to the name ("记者王小明").
    return re.compile(rf"^(?:{alternatives})(?:(?<=[:：/／・\u3000-\u9fff])|(?=[\s:：]))[\s:：]*", re.I)


@cache
def _trailing() -> re.Pattern[str]:
    markers = sorted({m for ms in TRAILING_MARKERS.values() for m in ms}, key=len, reverse=True)
    return re.compile(rf"\s*(?:{'|'.join(map(re.escape, markers))})(?=$|[\s,，、·|/（(])")


#: "Ada Ferreira @adaferreira ...": capitalised names, then a social handle.
_NAME_THEN_HANDLE = re.compile(r"^(?P<names>(?:[A-Z][\w'’.-]+\s+){1,3}[A-Z][\w'’.-]+)\s+@\w+")


def byline_names(text: str) -> tuple[str, ...] | None:
    """The names of a byline line ("By A and B", "بقلم سلمى الحداد — ١٢ يونيو ٢٠٢٤", "김민수 기자"), or None
    when the line is not a byline."""
    text = " ".join(text.split())
    if len(text.split()) > BYLINE_WORDS:
        return None
    leading = _leading().match(text)
    if leading:
        names = clean_names(text[leading.end():])
        return names or None
    handle = _NAME_THEN_HANDLE.match(text)
    if handle:
        return clean_names(handle["names"]) or None
    if text.isascii() or not _trailing().search(text):  # every trailing marker is Korean, Japanese or Chinese
        return None
    head = _cut_at_date(_STOP.split(to_ascii_digits(text), maxsplit=1)[0])
    trailing = _trailing().search(head)
    if trailing and trailing.start() > 0 and _trailing_byline(head, trailing):
        return clean_names(head[:trailing.start()]) or None
    return None


def _trailing_byline(head: str, trailing: re.Match[str]) -> bool:
    """"김민수 기자" and "山田太郎記者": a short name right before the marker, nothing but names before it."""
    before = head[:trailing.start()].strip()
    after = head[trailing.end():].strip(" ,，、")
    return 0 < len(before) <= NAME_CHARS and not after and not re.search(r"[.!?。！？]", before)


def clean_names(text: str) -> tuple[str, ...]:
    """The author names in a byline's text (the marker already removed, or not): handles, e-mail
    addresses, times, dates, roles and notes on other writers left out; one name per entry.

    A role after a comma is that writer's job, not a name: "By Jane Roe, Local Affairs Reporter" gives
    ``("Jane Roe",)``; so is a degree ("Jane Roe, PhD"). What follows a role after a comma is the
    writer's paper or town ("..., Reporter, The Courier"), also left out; a name joined by "and" is kept.
    """
    text = " ".join(to_ascii_digits(text).split())
    leading = _leading().match(text)
    if leading:
        text = text[leading.end():]
    text = _OTHERS.sub("", text)
    text = _OTHER_CREDIT.sub("", text)
    text = _BRACKETED_NOTE.sub("", text)
    text = _CREDITED_IN_BRACKETS.sub("", text)  # "Adrian Malloch (photography)": not a writer
    text = _ROLE_IN_BRACKETS.sub("", text)  # "Eleanor Roy (reporting)"
    text = _BRACKETED_WITH.sub("", text)
    text = _BRACKETED_WORDS.sub(lambda m: "" if is_interface_text(m[1]) or _is_staff_note(m[1]) else m[0],
                                text)  # "(Contact)", "(Our staff reporters)"
    text = re.sub(r"\s+[?•·*]+\s*$", "", text)  # a bullet left where a note on other writers was cut
    text = _HANDLE.sub(" ", text)
    text = _names_after_dateline(text)
    text = _cut_at_date(text)
    text = _STOP.split(text, maxsplit=1)[0]
    trailing = _trailing().search(text)
    if trailing and trailing.start() > 0:
        text = text[:trailing.start()]  # "김민수 기자 입력 ...": what follows the marker is not a name
    names: list[str] = []
    after_role = False
    pieces = re.split(rf"(\s*{_AND}\s*)", text)
    for index in range(0, len(pieces), 2):
        joiner = pieces[index - 1].strip().lower() if index else ""
        part = pieces[index]
        # "en" joins names in Dutch, but is "in" in Spanish ("corresponsal en Madrid"): after a job, a place
        if after_role and joiner in (",", ";", "،", "、", "en"):
            continue  # "Reporter, The Courier": the paper or the town after a writer's job
        after_role = False
        if index and _ROLE_WORD.search(part) and joiner in (",", ";", "،", "、"):
            after_role = True
            continue  # "Jane Roe, Local Affairs Reporter": the job of the name before it
        if index and joiner in (",", ";", "،", "、") and names and is_organisation(part, names[-1]):
            continue  # "Jane Roe, Associated Press", "Hans Müller, Berlin": her paper or town
        stripped = _ROLE.sub("", part)
        if stripped != part:
            after_role = True  # "Jane Roe Senior Editor, Games": the desk after the job
        part = stripped
        if not part.strip():
            continue
        part = _strip_credentials(_capitals_then_words(part))
        name = strip_trailing_words(title_case_capitals(part.strip(" .:：-–—'\"“”«»")))
        if is_name(name) and name not in names:
            names.append(name)
    return tuple(names)


#: Words of an organisation's name (a paper, an agency, a broadcaster): "Associated Press", "Bloomberg News",
#: "The Washington Post".
ORGANISATION_WORDS = frozenset({"press", "news", "post", "times", "agency", "service", "services", "wire", "media",
                                "journal", "herald", "tribune", "daily", "gazette", "chronicle", "network", "radio",
                                "tv", "magazine", "reuters", "afp", "ap", "dpa", "efe", "ansa", "upi", "cnn", "bbc",
                                "presse", "zeitung", "nachrichten", "agence", "agencia", "agenzia"})


def is_organisation(part: str, previous: str) -> bool:
    """A piece after a comma that names the writer's paper, agency or town, not another writer: a single
    word after a name of two words or more ("Jane Roe, Reuters", "Hans Müller, Berlin"), a name opening
    with "The", or one holding an organisation's word (``ORGANISATION_WORDS``: "Associated Press")."""
    words = part.split()
    if not words:
        return False
    folded = [w.strip(".,").casefold() for w in words]
    return ((len(words) == 1 and len(previous.split()) >= 2 and not _CJK_CHARS.search(part))
            or folded[0] == "the" or any(w in ORGANISATION_WORDS for w in folded))


def strip_trailing_words(name: str) -> str:
    """A name without a byline box's link after it ("Jane Roe Follow") or a desk's word ("Reuters Staff")."""
    words = name.split()
    while len(words) > 1 and words[-1].casefold() in TRAILING_LINKS | STAFF_WORDS:
        words.pop()
    if all(w.casefold() in STAFF_WORDS for w in words):
        return ""  # "Staff", "Admin": a desk or a CMS account, no one's name
    return " ".join(words)


#: Particles kept in lower case inside a name written in capitals ("JAN VAN DER BERG" -> "Jan van der Berg").
NAME_PARTICLES = ("de", "da", "van", "von", "der", "den", "del", "la", "le", "di", "du", "dos", "das", "ten", "ter")


def title_case_capitals(name: str) -> str:
    """A name written all in capitals, in title case; any other name unchanged.

    "JANE MORROW-ELLIS" -> "Jane Morrow-Ellis", "SEAN O'BRIEN" -> "Sean O'Brien", "ANN MCDONALD" ->
    "Ann McDonald", "JAN VAN DER BERG" -> "Jan van der Berg". Parts split on spaces, hyphens and
    apostrophes are capitalised each; "Mc" keeps its second capital ("Mac" does not: "Mack", "Macy").
    A single word in capitals ("AFP", "BBC") is an agency's or a desk's acronym and stays as written, and so
    does a part without a vowel (the acronym in "BBC NEWS" -> "BBC News"; no given name or surname in the
    Latin alphabet lacks one).
    """
    words = name.split()
    letters = [ch for ch in name if ch.isalpha()]
    if len(words) < 2 or not letters or not all(ch.isupper() for ch in letters if ch.lower() != ch.upper()):
        return name
    if not any(ch.lower() != ch.upper() for ch in letters):
        return name  # a script without case
    out = []
    for index, word in enumerate(words):
        if index and word.lower() in NAME_PARTICLES:
            out.append(word.lower())
            continue
        pieces = re.split(r"([-'’])", word)
        out.append("".join(_capitalise_part(piece) for piece in pieces))
    return " ".join(out)


def _capitalise_part(part: str) -> str:
    if len(part) > 1 and part.isascii() and part.isalpha() and not set(part.lower()) & set("aeiouy"):
        return part  # an acronym: "BBC", "NPR", "WSJ"
    if len(part) > 3 and part[:2].lower() == "mc":
        return "Mc" + part[2:].capitalize()
    return part.capitalize()


#: A word in capitals glued to a capitalised one: "ROBLESMcClatchy" (a line break lost between them).
_GLUED_CAPITALS = re.compile(r"(?<=[A-Z]{2})(?=[A-Z][a-z])")


def _capitals_then_words(part: str) -> str:
    """A name set in capitals and the paper or agency after it, the line break between them lost
    ("JASON ROE Associated Press Writer", "ANN LEE Daily Record") -> the name ("JASON ROE"): two words or
    more in capitals, then words that are not; a surname glued to the paper's name ("ROBLESMcClatchy") is
    split first."""
    words = _GLUED_CAPITALS.sub(" ", part).split()
    capitals = 0
    for word in words:
        letters = [ch for ch in word if ch.isalpha()]
        if not letters or not all(ch.isupper() for ch in letters) or (len(letters) < 2 and capitals == 0):
            break
        capitals += 1
    rest = words[capitals:]
    if capitals >= 2 and rest and any(ch.islower() for ch in rest[0]) and rest[0][:1].isupper():
        return " ".join(words[:capitals])
    return part


def _strip_credentials(part: str) -> str:
    """A name without the degrees written after it ("Ann Lee MD" -> "Ann Lee"; "PhD" alone -> "")."""
    words = part.split()
    while words and _is_credential(words[-1].strip(",")):
        words.pop()
    if words and _is_credential(words[0]):
        return ""  # "MA WebMD Health News": a degree and the desk after it, the newline between them lost
    return " ".join(words)


def _is_credential(word: str) -> bool:
    """A degree written as degrees are ("PhD", "MD", "M.A."), not a name that spells the same ("Ma")."""
    return word.lower() in CREDENTIALS and word != word.capitalize()


#: A byline marker inside a line, after a dateline ("Monday, November 12, 2012, by Ann Lee").
_INNER_MARKER = re.compile(r"[\s,;|•·—–-]\s*(?:by|par|von|por|door)\s+(?=\w)", re.I)


def _names_after_dateline(text: str) -> str:
    """The part of a line after a byline marker that follows a date: "Monday, November 12, 2012, by Ann
    Lee" -> "Ann Lee" (the date first, then the byline, on one line)."""
    m = _INNER_MARKER.search(text)
    return text[m.end():] if m and find_date(text[:m.start()]) else text


#: The weekday names of every ``DATE_LANGUAGES`` language, as ``cldr_weekday_names`` gives them, shipped in
#: the package for the reason the month names are (Babel's CLDR for 26 languages: about 0.2 s of CPU in every
#: process that meets a byline). Written by ``scripts/month_names.py``; a test checks that it equals Babel's.
WEEKDAY_NAMES_FILE = "weekday_names.json"


def cldr_weekday_names(language: str) -> list[str]:
    """Lower-cased weekday names of ``language`` (wide and abbreviated, format forms, a final dot dropped),
    read from CLDR through Babel, each once, in Babel's order (empty without Babel)."""
    try:
        from babel.dates import get_day_names
    except ImportError:
        return []
    names: dict[str, None] = {}
    for width in ("wide", "abbreviated"):
        names.update(dict.fromkeys(n.lower().rstrip(".") for n in get_day_names(width, "format", language).values()))
    return list(names)


@cache
def _shipped_weekday_names() -> dict[str, list[str]]:
    import json
    from importlib import resources

    try:
        return json.loads(resources.files("converter.extract").joinpath(WEEKDAY_NAMES_FILE).read_text("utf-8"))
    except FileNotFoundError:
        return {}


@cache
def _weekday_names() -> re.Pattern[str]:
    """A weekday's name (every ``DATE_LANGUAGES`` language, from CLDR: the shipped table, else Babel) at the
    end of a text, with the comma after it: what is left of "Ann Lee Thursday, December 27, 2007" once the
    date is cut."""
    table = _shipped_weekday_names()
    names: set[str] = set()
    for language in DATE_LANGUAGES:
        names.update(table[language] if language in table else cldr_weekday_names(language))
    names = {n for n in names if len(n) >= 3}
    alternatives = phrase_alternation(names, re.I)
    return re.compile(rf"[\s,]+(?:{alternatives})\.?,?\s*$", re.I)


@cache
def _yearless_date() -> re.Pattern[str]:
    """A day and a month's name without a year ("March 18", "18 mars"): where a byline's names end."""
    names = [n for n in _all_month_names() if len(n) >= 3]
    alternatives = phrase_alternation(names, re.I) if names else ""
    return re.compile(rf"(?<!\w)(?:(?:{alternatives})\.?\s+\d{{1,2}}(?!\d)|\d{{1,2}}\.?\s+(?:{alternatives})(?!\w))",
                      re.I)


def _cut_at_date(text: str) -> str:
    """``text`` up to its first date, and up to " on "/" le "/" am " before it ("By A on 3 May 2024")."""
    if not _ANY_YEAR.search(text):
        if re.search(r"\d", text) and (m := _yearless_date().search(text)):
            text = text[:m.start()]  # "Erin Cunningham March 18 at 3:57 PM"
        return re.sub(r"\s+(?:on|at|le|am|el|em|il|op|в|في|ב)\s*$", "", text.strip(), flags=re.I)
    for finder in (_ISO, _CJK, _DOTTED, _PERSIAN, _SLASHED):
        m = finder.search(text)
        if m:
            text = text[:m.start()]
    compiled = _month_pattern("")
    if compiled is not None:
        m = compiled[0].search(text)
        if m:
            text = text[:m.start()]
    text = _weekday_names().sub("", " " + text.strip()).strip()
    return re.sub(r"\s+(?:on|le|am|el|em|il|op|в|في|ב)\s*$", "", text.strip(), flags=re.I)


#: Words of the links and labels a byline box prints beside the name ("View Profile", "Email", "RSS",
#: "View Comments", "Permalink", "About Us", "[www]") and of a CMS's placeholder ("No Primary Author"):
#: a "name" made of these words alone is the box's furniture, never a writer.
INTERFACE_WORDS = frozenset({
    "view", "profile", "profiles", "email", "e", "mail", "twitter", "facebook", "linkedin", "instagram", "rss",
    "feed", "comments", "comment", "permalink", "link", "about", "us", "me", "contact", "share", "print",
    "follow", "bio", "biography", "website", "homepage", "home", "www", "web", "site", "all", "posts",
    "articles", "stories", "archive", "subscribe", "reply", "more", "read", "no", "primary", "author", "authors",
    "unknown", "anonymous", "by", "the", "on", "and", "or"})


def _is_staff_note(note: str) -> bool:
    """A bracketed note naming a desk or a job ("Our staff reporters", "Staff Writer")."""
    return bool(_ROLE_WORD.search(note)) or any(w in STAFF_WORDS for w in re.findall(r"\w+", note.casefold()))


def is_job_title(text: str) -> bool:
    """A writer's job printed on its own ("Games Editor", "Staff Writer", "Senior Correspondent"): a job's
    word, every word capitalised."""
    words = text.split()
    return bool(words) and bool(_ROLE_WORD.search(text)) and all(w[:1].isupper() for w in words)


#: A writer's job on its own line under a name is at most this many words ("Environment correspondent").
ROLE_LINE_WORDS = 5


def is_role_line(text: str) -> bool:
    """A writer's job printed on its own line under a byline without "By", in any case ("Environment
    correspondent", "Senior Arts Editor"): at most ``ROLE_LINE_WORDS`` words, a job's word among them, the first
    capitalised, no sentence's end."""
    words = text.split()
    return (0 < len(words) <= ROLE_LINE_WORDS and text[:1].isupper() and not text.endswith((".", "!", "?", ":"))
            and bool(_ROLE_WORD.search(text)))


def is_desk_credit(name: str) -> bool:
    """A "name" made only of a desk's words and job titles ("Staff Reporter", "Staff", "Admin"): no one's."""
    words = name.split()
    return bool(words) and all(w.casefold() in STAFF_WORDS or _ROLE_WORD.fullmatch(w) for w in words)


def is_interface_text(name: str) -> bool:
    """Is this "name" only the words of a byline box's links and labels (``INTERFACE_WORDS``)?"""
    words = re.findall(r"[^\W\d_]+", name.casefold())
    return bool(words) and all(w in INTERFACE_WORDS for w in words)


def is_name(name: str) -> bool:
    """A person's (or a desk's) name: letters, a few words, capitalised where the script has case; not a
    byline box's labels (``is_interface_text``), nothing in brackets or angles ("[www]")."""
    if not name or not any(ch.isalpha() for ch in name) or any(ch.isdigit() for ch in name):
        return False
    if is_interface_text(name) or re.search(r"[\[\]{}<>]", name):
        return False
    if is_desk_credit(name):
        return False
    words = name.split()
    if re.search(r"[.!?。！？]$|[。！？]", name):
        return False  # a sentence, not a name ("記者会見で首相は述べた。")
    if len(words) == 1 and _CJK_CHARS.fullmatch(name) and len(name) > CJK_NAME_CHARS:
        return False
    if len(words) > NAME_WORDS or len(name) > NAME_CHARS:
        return False
    cased = [w for w in words if w[:1].isalpha() and (w[:1].isupper() or w[:1].islower())]
    particles = ("de", "da", "van", "von", "der", "den", "del", "la", "le", "di", "du", "dos", "das", "bin", "al")
    return all(w[:1].isupper() or w.lower() in particles for w in cased)
