"""Hyphenation dictionaries that keep proper names whole.

Print typography divides common words at line ends but not names: "Schwarz-|enegger" or "Mont-|gomery"
reads as a typesetting slip (Chicago Manual of Style, 17th ed., 7.40: avoid dividing proper nouns; Robert
Bringhurst, *The Elements of Typographic Style*, 2.4.8). WeasyPrint hyphenates every word pyphen can divide,
so the dictionaries loaded here (into ``pyphen.hdcache``, where WeasyPrint's own lookup finds them) give no
break points for a word that starts with a capital. A capitalised common word at a sentence's start stays
whole too, which costs a line's justification little. Languages that capitalise every noun (German,
Luxembourgish) keep pyphen's break points as they are: there a capital says nothing about a name.

Either way the dictionary is ``converter.render.hyphen_patterns.LazyHyphDict``: pyphen's, its patterns parsed
when a word first needs them (German's load: 0.66 s in pyphen, a tenth of that here).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

#: Languages whose nouns all start with a capital (ISO 639-1 codes): names cannot be told by their case.
CAPITALISED_NOUNS = frozenset({"de", "lb"})


def load_dictionary(lang: str) -> bool:
    """Load the hyphenation dictionary for ``lang`` (a BCP 47 tag) into pyphen's cache, name-keeping unless
    the language capitalises every noun. Returns False when pyphen has no dictionary for it (or is absent).
    """
    try:
        import pyphen

        from converter.render.hyphen_patterns import LazyHyphDict
    except ImportError:
        return False
    name = pyphen.language_fallback(lang)
    if not name:
        return False
    path = Path(pyphen.LANGUAGES[name])
    if path not in pyphen.hdcache:
        keeps_names = name.split("_")[0].lower() not in CAPITALISED_NOUNS
        pyphen.hdcache[path] = _name_keeping(LazyHyphDict)(path) if keeps_names else LazyHyphDict(path)
    return True


def _name_keeping(base: type) -> type:
    """The hyphenation dictionary ``base`` (pyphen's ``HyphDict`` or one like it) that gives no break point in
    a word starting with a capital."""

    class NameKeepingHyphDict(base):
        def positions(self, word: str) -> list[Any]:
            if word[:1].isupper():
                return []
            return super().positions(word)

    return NameKeepingHyphDict
