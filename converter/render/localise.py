"""Words the editions generate ("By", "Contents", "Page", dates ...), in the article's or issue's language.

English is the fallback for a language we have no words for. Dates follow each language's usual
long form ("1 September 2021", "1. September 2021", "1 de septiembre de 2021", "2021年9月1日").
"""

from __future__ import annotations

from collections.abc import Sequence

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
    "ko": {"by": "글:", "and": ",", "issue": "제", "source": "출처", "contents": "목차", "page": "페이지",
           "continued": "계속", "retrieved": "검색일", "licence": "라이선스", "links": "링크", "picture": "그림"},
}

#: Language -> month names as a long date writes them (genitive where the language needs it).
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
    "cs": ("ledna", "února", "března", "dubna", "května", "června", "července", "srpna", "září",
           "října", "listopadu", "prosince"),
    "pl": ("stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia", "września",
           "października", "listopada", "grudnia"),
    "ru": ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
           "октября", "ноября", "декабря"),
}

#: Language -> long date pattern; ``{d}`` day, ``{m}`` month name, ``{n}`` month number, ``{y}`` year.
DATE_PATTERNS: dict[str, str] = {
    "en": "{d} {m} {y}", "en-us": "{m} {d}, {y}", "fr": "{d} {m} {y}", "de": "{d}. {m} {y}",
    "es": "{d} de {m} de {y}", "it": "{d} {m} {y}", "pt": "{d} de {m} de {y}", "nl": "{d} {m} {y}",
    "cs": "{d}. {m} {y}", "pl": "{d} {m} {y}", "ru": "{d} {m} {y} г.",
    "ja": "{y}年{n}月{d}日", "zh": "{y}年{n}月{d}日", "ko": "{y}년 {n}월 {d}일",
}


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
    return pattern.format(number=number) if pattern else f"{word('issue', language)} {number}"


def format_date(iso: str, language: str) -> str:
    """An ISO 8601 date in the language's long form; a date we cannot parse is shown as given."""
    parsed = parse_iso(iso[:10])
    if parsed is None:
        return iso
    day = parsed.date()
    lang = primary(language)
    pattern = DATE_PATTERNS.get(language.lower().replace("_", "-")) or DATE_PATTERNS[lang]
    month = MONTHS.get(lang, MONTHS["en"])[day.month - 1]
    return pattern.format(d=day.day, m=month, n=day.month, y=day.year)


def join_names(names: Sequence[str], language: str) -> str:
    """``A``, ``A and B``, ``A, B and C`` in the language's words."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} {word('and', language)} {names[-1]}"
