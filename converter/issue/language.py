"""The language of an issue's own words (cover date, "Contents", running heads) and so its direction.

The rules, in order:

1. The language given (``--language`` of the library call, ``language`` in the manifest).
2. Else the language most of the articles' text is in: each article counts by the length of its body, in
   the language it declares, else the one its text is detected to be in (``detect_language``; "" when
   too short to tell: it then counts for none). Among equal counts the earliest article's language wins,
   and its first tag as written (``en-GB``) is kept.
   Only languages written in the script of the issue's own words take part: the title a user gave and
   the section titles. A manifest titled "Manifest Weekly" with a "World" section is not made a Hebrew
   issue by one long Hebrew article among short English ones that declare no language.
3. Else English, the language of the converter's own words.
"""

from __future__ import annotations

from collections.abc import Sequence

from converter.article import Article

#: What the issue's words fall back to.
FALLBACK = "en"

#: Primary language tag -> the script it is written in; languages not listed are written in Latin letters.
SCRIPT_OF_LANGUAGE: dict[str, str] = {
    **dict.fromkeys(("ar", "fa", "ur", "ps", "ckb"), "arabic"), **dict.fromkeys(("he", "yi"), "hebrew"),
    **dict.fromkeys(("ru", "uk", "bg", "sr", "mk", "be", "kk"), "cyrillic"), "el": "greek", "ja": "japanese",
    "zh": "chinese", "ko": "korean", "th": "thai", **dict.fromkeys(("hi", "mr", "ne"), "devanagari"),
}


def script_of_language(tag: str) -> str:
    """The script a language tag's language is written in (``latin`` for those not in the table)."""
    return SCRIPT_OF_LANGUAGE.get(tag.split("-")[0].lower(), "latin")


def script_of_text(text: str) -> str:
    """The script most letters of ``text`` are in (``latin`` when no script of ``SCRIPTS`` holds a third of
    them), or "" for a text without letters."""
    from converter.extract.language import SCRIPTS

    letters = [ord(ch) for ch in text if ch.isalpha()]
    if not letters:
        return ""
    counts: dict[str, int] = {}
    for point in letters:
        for language, low, high in SCRIPTS:
            if low <= point <= high:
                script = script_of_language(language)
                counts[script] = counts.get(script, 0) + 1
                break
    script, count = max(counts.items(), key=lambda kv: kv[1], default=("latin", 0))
    return script if count * 3 >= len(letters) else "latin"


def issue_language(given: str, articles: Sequence[Article], own_words: str = "") -> str:
    """The issue's language by the rules of this module; ``own_words`` are the title a user gave and the
    section titles (empty: no script is required)."""
    if given:
        return given
    from converter.extract.language import detect_language

    script = script_of_text(own_words)
    weight: dict[str, int] = {}
    first_tag: dict[str, str] = {}
    for article in articles:
        tag = article.language or detect_language(f"{article.title}\n{article.body}")
        if not tag or (script and script_of_language(tag) != script):
            continue
        primary = tag.split("-")[0].lower()
        first_tag.setdefault(primary, tag)
        weight[primary] = weight.get(primary, 0) + max(len(article.body), 1)
    if not weight:
        return FALLBACK
    return first_tag[max(weight, key=lambda primary: weight[primary])]  # dicts keep order: the earliest wins
