"""A small language guesser: the writing system first, then the most frequent function words.

Good enough to pick hyphenation patterns and generated words when a page does not declare its language;
it answers "" when the text is too short or no profile stands out.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

#: What pages and feeds write for a language: ``en``, ``en_GB``, ``EN-gb``, ``zh-Hant-TW``, ``es-419``,
#: a list (``en-US,en;q=0.9``: the first is taken). RFC 5646's shape, without its registry.
_TAG = re.compile(r"([A-Za-z]{2,3})((?:[-_][A-Za-z0-9]{1,8})*)")


def language_tag(value: str) -> str:
    """A well-formed BCP 47 tag in its canonical case, or "" for what cannot be one.

    ``en_gb`` -> ``en-GB``, ``zh-hant-tw`` -> ``zh-Hant-TW``, ``en-US,en;q=0.9`` -> ``en-US``,
    ``english`` -> "" (an invalid ``xml:lang`` fails a whole EPUB, so nothing is guessed).
    """
    m = _TAG.fullmatch(value.strip().split(",")[0].split(";")[0].strip())
    if not m:
        return ""
    subtags = [m.group(1).lower(), *(s for s in re.split(r"[-_]", m.group(2)) if s)]
    return "-".join([subtags[0], *(_canonical_case(s) for s in subtags[1:])])


def _canonical_case(subtag: str) -> str:
    """Scripts title case (``Hant``), regions upper case (``GB``), the rest lower case (RFC 5646, 2.1.1)."""
    if len(subtag) == 4 and subtag.isalpha():
        return subtag.title()
    if len(subtag) == 2 and subtag.isalpha():
        return subtag.upper()
    return subtag.lower()

#: Scripts that name their language (or its usual one) by themselves: (language, first, last code point).
SCRIPTS: tuple[tuple[str, int, int], ...] = (
    ("ja", 0x3040, 0x30FF), ("ko", 0xAC00, 0xD7AF), ("zh", 0x4E00, 0x9FFF), ("ar", 0x0600, 0x06FF),
    ("he", 0x0590, 0x05FF), ("el", 0x0370, 0x03FF), ("ru", 0x0400, 0x04FF), ("th", 0x0E00, 0x0E7F),
    ("hi", 0x0900, 0x097F),
)

#: Language -> its most frequent function words (whole words, lower case).
STOPWORDS: dict[str, frozenset[str]] = {lang: frozenset(words.split()) for lang, words in {
    "en": "the and of to in is that it was for on are with as his they be at this have from or had by not",
    "fr": "le la les de des et est un une du en que qui dans pour pas sur au avec il elle sont ce se par",
    "de": "der die das und ist nicht ein eine zu den mit von sich des auf für im dem auch es als wird sie",
    "es": "el la los las de y en que es un una por con para del al se lo como más pero sus le ha fue",
    "it": "il la di che e è un una per non con del della sono le gli si da nel alla ha anche come",
    "pt": "o a os as de e que do da em um uma para com não por se mais na no foi ao dos das",
    "nl": "de het een en van is dat op te in zijn niet met voor er die ook als aan maar bij",
    "cs": "a je v na se že to s z do o jsou by ve k jako ale i pro tak už jeho které",
    "pl": "i w na z się nie to że do jest o jak po co ale od za tak przez są dla",
    "sv": "och att det som en på är av för med till den har inte om ett var jag men",
}.items()}

_WORD = re.compile(r"[^\W\d_]+")
#: Fewest function words before a guess is made.
MIN_HITS = 5


def detect_language(text: str) -> str:
    """The primary language tag of ``text`` (``en``, ``fr`` ...), or "" if unsure."""
    sample = text[:20_000]
    by_script = _script_language(sample)
    if by_script:
        return by_script
    counts = Counter(w for w in _WORD.findall(sample.lower()))
    scores = {lang: sum(counts[w] for w in words) for lang, words in STOPWORDS.items()}
    lang, best = max(scores.items(), key=lambda kv: kv[1])
    runner_up = max((v for k, v in scores.items() if k != lang), default=0)
    return lang if best >= MIN_HITS and best > 1.3 * runner_up else ""


#: Letters of the Arabic script that Arabic does not use: Persian's (پ چ ژ گ and the Persian ک ی) and
#: Urdu's own (ٹ ڈ ڑ ں ے ہ).
PERSIAN_LETTERS = frozenset("پچژگکی")
URDU_LETTERS = frozenset("ٹڈڑںےہ")


def _arabic_script_language(text: str) -> str:
    """``fa``, ``ur`` or ``ar`` for text in the Arabic script, by the letters only one of them writes."""
    urdu = sum(ch in URDU_LETTERS for ch in text)
    persian = sum(ch in PERSIAN_LETTERS for ch in text)
    arabic = sum(ch in "يك" for ch in text)  # Arabic's own yeh and kaf
    if urdu * 50 > len(text):
        return "ur"
    return "fa" if persian > arabic else "ar"


@cache
def _at_or_above_scripts() -> re.Pattern[str]:
    """Characters at or above the lowest code point of any script in ``SCRIPTS`` (Latin letters lie below).
    Compiled on first use (about 8 ms: ``re`` marks each code point of a range one by one), not at import:
    most pages declare their language, and a process reading them never asks."""
    return re.compile(f"[\\u{min(lo for _, lo, _ in SCRIPTS):04x}-\\U0010ffff]")


def _script_language(text: str) -> str:
    total = sum(map(str.isalpha, text))
    if not total:
        return ""
    if len(_at_or_above_scripts().findall(text)) * 3 < total:
        return ""  # Latin script (most pages): no script in SCRIPTS can make a third of the letters
    letters = [ord(ch) for ch in text if ch.isalpha()]
    counts = Counter(lang for cp in letters for lang, lo, hi in SCRIPTS if lo <= cp <= hi)
    if not counts:
        return ""
    lang, n = counts.most_common(1)[0]
    if lang == "zh" and counts.get("ja"):
        lang = "ja"  # Japanese mixes kana with kanji
    if lang == "ar":
        lang = _arabic_script_language(text)
    return lang if n * 3 >= len(letters) else ""
