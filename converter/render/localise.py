"""Words the editions generate ("By", "Contents", "Page", dates ...), in the article's or issue's language.

Dates, lists of names and digits come from CLDR through Babel, so every language Babel knows gets its
long date ("1 September 2021", "1. September 2021", "2021年9月1日", Persian "۱ سپتامبر ۲۰۲۱"), its own
"and" and its usual digits. The few words CLDR does not hold ("By", "Contents", "Page") are in
``WORDS``; English is the fallback for a language without them.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from converter.extract.dates import parse_iso

#: Language -> the generated words. Every language has every key.
WORDS: dict[str, dict[str, str]] = {
    "en": {"by": "By", "and": "and", "issue": "Issue", "source": "Source", "contents": "Contents",
           "page": "Page", "continued": "Continued", "retrieved": "Retrieved", "licence": "Licence",
           "links": "Links", "picture": "Picture"},
    "fr": {"by": "Par", "and": "et", "issue": "Numéro", "source": "Source", "contents": "Sommaire",
           "page": "Page", "continued": "Suite", "retrieved": "Consulté le", "licence": "Licence",
           "links": "Liens", "picture": "Image"},
    "de": {"by": "Von", "and": "und", "issue": "Ausgabe", "source": "Quelle", "contents": "Inhalt",
           "page": "Seite", "continued": "Fortsetzung", "retrieved": "Abgerufen am", "licence": "Lizenz",
           "links": "Links", "picture": "Bild"},
    "es": {"by": "Por", "and": "y", "issue": "Número", "source": "Fuente", "contents": "Índice",
           "page": "Página", "continued": "Continuación", "retrieved": "Consultado el", "licence": "Licencia",
           "links": "Enlaces", "picture": "Imagen"},
    "it": {"by": "Di", "and": "e", "issue": "Numero", "source": "Fonte", "contents": "Sommario",
           "page": "Pagina", "continued": "Continua", "retrieved": "Consultato il", "licence": "Licenza",
           "links": "Link", "picture": "Immagine"},
    "pt": {"by": "Por", "and": "e", "issue": "Edição", "source": "Fonte", "contents": "Sumário",
           "page": "Página", "continued": "Continuação", "retrieved": "Consultado em", "licence": "Licença",
           "links": "Links", "picture": "Imagem"},
    "nl": {"by": "Door", "and": "en", "issue": "Nummer", "source": "Bron", "contents": "Inhoud",
           "page": "Pagina", "continued": "Vervolg", "retrieved": "Geraadpleegd op", "licence": "Licentie",
           "links": "Links", "picture": "Afbeelding"},
    "cs": {"by": "Autor:", "and": "a", "issue": "Číslo", "source": "Zdroj", "contents": "Obsah",
           "page": "Strana", "continued": "Pokračování", "retrieved": "Staženo", "licence": "Licence",
           "links": "Odkazy", "picture": "Obrázek"},
    "pl": {"by": "Autor:", "and": "i", "issue": "Numer", "source": "Źródło", "contents": "Spis treści",
           "page": "Strona", "continued": "Ciąg dalszy", "retrieved": "Pobrano", "licence": "Licencja",
           "links": "Odnośniki", "picture": "Obraz"},
    "ru": {"by": "Автор:", "and": "и", "issue": "Выпуск", "source": "Источник", "contents": "Содержание",
           "page": "Страница", "continued": "Продолжение", "retrieved": "Дата обращения", "licence": "Лицензия",
           "links": "Ссылки", "picture": "Изображение"},
    "ja": {"by": "著者:", "and": "、", "issue": "第", "source": "出典", "contents": "目次", "page": "ページ",
           "continued": "続き", "retrieved": "取得日", "licence": "ライセンス", "links": "リンク", "picture": "画像"},
    "zh": {"by": "作者：", "and": "、", "issue": "第", "source": "来源", "contents": "目录", "page": "页",
           "continued": "续", "retrieved": "检索日期", "licence": "许可", "links": "链接", "picture": "图片"},
    "ar": {"by": "بقلم", "and": "و", "issue": "العدد", "source": "المصدر", "contents": "المحتويات",
           "page": "صفحة", "continued": "تتمة", "retrieved": "تاريخ الاسترجاع", "licence": "الترخيص",
           "links": "روابط", "picture": "صورة"},
    "fa": {"by": "نوشتهٔ", "and": "و", "issue": "شماره", "source": "منبع", "contents": "فهرست مطالب",
           "page": "صفحه", "continued": "ادامه", "retrieved": "بازیابی‌شده در", "licence": "مجوز",
           "links": "پیوندها", "picture": "تصویر"},
    "he": {"by": "מאת", "and": "ו", "issue": "גיליון", "source": "מקור", "contents": "תוכן העניינים",
           "page": "עמוד", "continued": "המשך", "retrieved": "אוחזר", "licence": "רישיון",
           "links": "קישורים", "picture": "תמונה"},
    "ko": {"by": "글:", "and": ",", "issue": "제", "source": "출처", "contents": "목차", "page": "페이지",
           "continued": "계속", "retrieved": "검색일", "licence": "라이선스", "links": "링크", "picture": "그림"},
}

#: Language tag -> the CLDR locale whose long dates and lists we print (English: the British forms,
#: "1 September 2021" and "A, B and C"; ``en-US`` keeps its own).
LOCALE_OF = {"en": "en_GB"}
#: Numbering systems (CLDR's names) -> their digit zero; a date in Persian prints "۱ سپتامبر ۲۰۲۱".
DIGIT_ZERO = {"arab": 0x0660, "arabext": 0x06F0, "beng": 0x09E6, "deva": 0x0966, "mymr": 0x1040,
              "thai": 0x0E50, "tibt": 0x0F20, "olck": 0x1C50, "adlm": 0x1E950, "nkoo": 0x07C0}


def primary(language: str) -> str:
    """The primary subtag we have words for (``fr-CA`` -> ``fr``), English otherwise."""
    tag = language.lower().replace("_", "-").split("-")[0]
    return tag if tag in WORDS else "en"


def word(key: str, language: str) -> str:
    """A generated word in ``language``."""
    return WORDS[primary(language)][key]


#: Languages that wrap an issue number in words instead of naming it first ("第12号", not "第 12").
ISSUE_PATTERNS = {"ja": "第{number}号", "zh": "第{number}期", "ko": "제{number}호"}


def issue_line(number: str, language: str) -> str:
    """``Issue 12`` in the language's words."""
    pattern = ISSUE_PATTERNS.get(primary(language))
    number = native_digits(number, language)
    return pattern.format(number=number) if pattern else f"{word('issue', language)} {number}"


#: English as CLDR writes it, for the tags most articles carry, without loading Babel (its import and
#: locale data are about a tenth of a one-page PDF's CPU time): tag -> (long date pattern, serial comma).
#: ``tests/test_localise.py`` checks every entry against Babel.
PLAIN_ENGLISH = {"en": ("{d} {month} {y}", False), "en-gb": ("{d} {month} {y}", False),
                 "en-us": ("{month} {d}, {y}", True)}
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def _plain_english(language: str) -> tuple[str, bool] | None:
    return PLAIN_ENGLISH.get(language.strip().replace("_", "-").lower() or "en")


def format_date(iso: str, language: str) -> str:
    """An ISO 8601 date in the language's long form (CLDR's, through Babel), in its usual digits; a date we
    cannot parse is shown as given."""
    parsed = parse_iso(iso[:10])
    if parsed is None:
        return iso
    day = parsed.date()
    english = _plain_english(language)
    if english:
        return english[0].format(d=day.day, month=MONTHS[day.month - 1], y=day.year)
    from babel.dates import format_date as babel_date

    locale = babel_locale(language)
    return native_digits(babel_date(day, "long", locale=locale), language)


def join_names(names: Sequence[str], language: str) -> str:
    """``A``, ``A and B``, ``A, B and C`` in the language's words (CLDR's list patterns)."""
    if len(names) <= 1:
        return "".join(names)
    english = _plain_english(language)
    if english:
        *first, last = names
        return f"{', '.join(first)}{',' if english[1] and len(first) > 1 else ''} and {last}"
    from babel.lists import format_list

    return format_list(list(names), locale=babel_locale(language))


def native_digits(text: str, language: str) -> str:
    """``text`` with 0-9 in the digits the language writes by default (CLDR): Persian ``۱۲``, Egyptian
    Arabic ``١٢``; unchanged for languages that write 0-9."""
    zero = DIGIT_ZERO.get(numbering_system(language))
    if zero is None:
        return text
    return text.translate({ord("0") + n: zero + n for n in range(10)})


@cache
def numbering_system(language: str) -> str:
    """CLDR's default numbering system of ``language`` (``latn``, ``arab``, ``arabext`` ...)."""
    if _plain_english(language):
        return "latn"
    from babel import Locale

    try:
        return str(Locale.parse(babel_locale(language)).default_numbering_system)
    except Exception:  # an old Babel without numbering systems
        return "latn"


@cache
def babel_locale(language: str) -> str:
    """The CLDR locale we format ``language`` with (``fr-CA`` -> ``fr_CA``); ``en_GB`` when unknown."""
    from babel import Locale, UnknownLocaleError

    tag = language.strip().replace("-", "_") or "en"
    for candidate in (LOCALE_OF.get(tag.lower(), tag), LOCALE_OF.get(tag.split("_")[0].lower(), tag.split("_")[0])):
        try:
            return str(Locale.parse(candidate))
        except (UnknownLocaleError, ValueError):
            continue
    return "en_GB"
