"""The hyphenation dictionaries parse their patterns on first use (``converter.render.hyphen_patterns``) and
still divide every word where pyphen's own eagerly parsed dictionary does, nonstandard alternatives
(Hungarian's "asz-szony") included; the PDF they lay out is byte for byte the one pyphen's give."""

from __future__ import annotations

import random
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyphen
import pytest

from converter import Article, RenderOptions, render
from converter.render import pdf_worker
from converter.render.hyphen_patterns import LazyHyphDict
from converter.render.hyphenation import _name_keeping, load_dictionary

#: A broad sample: the largest dictionaries (German, the one "de" loads; Hungarian with its 2,673 nonstandard
#: alternatives), the common ones, other scripts (Greek, Cyrillic, Thai), Catalan's "l·l" alternative, files
#: in legacy encodings.
SAMPLE = ["de_AT", "hu_HU", "nl_NL", "en_US", "en_GB", "fr", "cs_CZ", "el_GR", "ru_RU", "ca", "eo", "th_TH",
          "lv_LV", "pl_PL"]


def path_of(name: str) -> Path:
    """The dictionary file of a pyphen name ("de_AT") or of the language a page declares ("de")."""
    return Path(pyphen.LANGUAGES[pyphen.language_fallback(name)])


@pytest.fixture(scope="module")
def eager() -> Iterator[dict[str, Any]]:
    """pyphen's own dictionaries, each parsed once for the module."""
    yield {name: pyphen.HyphDict(path_of(name)) for name in SAMPLE}


def points(positions: list[Any]) -> list[tuple[int, type, Any]]:
    """A ``positions`` result (or a pattern's values) with what pyphen's callers read of each point: value,
    type and ``data``."""
    return [(int(p), type(p), getattr(p, "data", None)) for p in positions]


def words_for(hyph: LazyHyphDict, seed: str) -> list[str]:
    """The dictionary's own pattern letters as words, pairs and triples of them run together, random strings
    of its alphabet, and a few capitalised ones: 800 words that meet many patterns each."""
    rng = random.Random(seed)
    pieces = sorted({key.strip(".") for key in hyph._entries} - {""})
    alphabet = sorted(set("".join(pieces)))
    words = rng.sample(pieces, min(300, len(pieces)))
    words += ["".join(rng.sample(pieces, rng.choice([2, 3]))) for _ in range(300)]
    words += ["".join(rng.choices(alphabet, k=rng.randint(2, 16))) for _ in range(180)]
    words += [w.capitalize() for w in words[:20]]
    return words


@pytest.mark.parametrize("name", SAMPLE)
def test_positions_are_pyphens_for_every_word(name: str, eager: dict[str, Any]) -> None:
    lazy = LazyHyphDict(path_of(name))
    assert lazy.maxlen == eager[name].maxlen
    for word in words_for(lazy, name):
        assert points(lazy.positions(word)) == points(eager[name].positions(word)), word


def test_the_patterns_are_pyphens_once_parsed(eager: dict[str, Any]) -> None:
    """Every pattern, parsed on demand, has pyphen's offset and values (``DataInt`` data included), and no
    other pattern is there: those pyphen skips (all values 0) are absent, a later duplicate won."""
    for name in ["hu_HU", "ca", "eo"]:
        lazy = LazyHyphDict(path_of(name))
        mine = eager[name].patterns
        assert lazy._entries.keys() == mine.keys()
        # Hungarian: its alternatives and a sample of the rest (every pattern of every dictionary: the slow test)
        keys = [key for key, entry in lazy._entries.items() if "=" in entry] + random.Random(name).sample(
            sorted(mine), min(3000, len(mine)))
        for key in keys:
            offset, values = lazy._parsed(key)
            assert (offset, points(list(values))) == (mine[key][0], points(list(mine[key][1]))), (name, key)


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted({path.name[5:-4] for path in pyphen.LANGUAGES.values()}))
def test_every_dictionary_of_pyphens_loads_its_patterns(name: str) -> None:
    path = path_of(name)
    lazy, mine = LazyHyphDict(path), pyphen.HyphDict(path)
    assert lazy.maxlen == mine.maxlen
    assert {k: (o, points(list(v))) for k, (o, v) in lazy.patterns.items()} == \
        {k: (o, points(list(v))) for k, (o, v) in mine.patterns.items()}


@pytest.mark.parametrize(("lang", "words"), [
    ("hu", ["asszonnyal", "összeggel", "mennyiség", "eddzen", "hosszú", "ASSZONNYAL", "játszott"]),
    ("ca", ["col·lecció", "il·lusió", "paral·lel"]),
    ("en", ["hyphenation", "infrastructure", "characteristically", "Montgomery"]),
    ("de", ["Untersuchungsergebnisse", "Hafenfährverbindung", "Bürgermeisterin"]),
    ("nl", ["lettergrepen", "ziekenhuisopname"]),
])
def test_pyphens_inserted_and_wrap_through_the_loaded_dictionary(
        lang: str, words: list[str], monkeypatch: pytest.MonkeyPatch, eager: dict[str, Any]) -> None:
    path = path_of(lang)
    mine = next(hyph for name, hyph in eager.items() if path_of(name) == path)
    monkeypatch.setitem(pyphen.hdcache, path, mine)
    before = pyphen.Pyphen(lang=lang)
    monkeypatch.setitem(pyphen.hdcache, path, LazyHyphDict(path))
    after = pyphen.Pyphen(lang=lang)
    assert isinstance(after.hd, LazyHyphDict)
    for word in words:
        assert after.inserted(word) == before.inserted(word)
        assert [after.wrap(word, width) for width in range(2, len(word) + 2)] == \
            [before.wrap(word, width) for width in range(2, len(word) + 2)]
    if lang == "hu":  # the nonstandard alternative: "ssz" divides as "sz-sz"
        assert after.inserted("asszonnyal") == "asz-szony-nyal"
        assert after.wrap("asszonnyal", 6) == ("asz-", "szonnyal")


def write_dic(tmp_path: Path, text: str, encoding: str = "UTF-8") -> Path:
    path = tmp_path / "hyph_xx.dic"
    path.write_bytes(f"{encoding}\n{text}".encode(encoding))
    return path


#: Each rule of pyphen's reading a real dictionary relies on: headers and comments (with digits), a pattern
#: whose values are all 0 (skipped), a duplicate (the later wins) unless the later is all 0, whitespace
#: around a line, digits in a row, first or last, a nonstandard alternative (and one whose values are all 0),
#: "/" without "=".
RULES = """LEFTHYPHENMIN 2
COMPOUNDRIGHTHYPHENMIN 3
% version 2.1, 2011
  # 1990
NOHYPHEN -,'
a1b
c1d
a3b
c0d
e0f
  g1h \t
.x2y
ab1c1d
k12l
mn3
0p1q0
s1sz/sz=,1,1
z0z/z=,1,1
o1p/q
tt5/t=t,1,1
"""


def test_a_file_read_by_each_rule_of_pyphens(tmp_path: Path) -> None:
    path = write_dic(tmp_path, RULES)
    lazy, mine = LazyHyphDict(path), pyphen.HyphDict(path)
    assert lazy.patterns == mine.patterns
    assert lazy.patterns == {
        "ab": (1, (3,)), "cd": (1, (1,)), "gh": (1, (1,)), ".xy": (2, (2,)), "abcd": (2, (1, 1)),
        "kl": (1, (1, 2)), "mn": (2, (3,)), "pq": (1, (1,)), "ssz": (1, (1,)), "op/q": (1, (1,)), "tt": (2, (5,))}
    assert [points(list(lazy.patterns[key][1])) for key in ("ssz", "tt")] == \
        [points(list(mine.patterns[key][1])) for key in ("ssz", "tt")] == \
        [[(1, pyphen.DataInt, ("sz=", -1, 1))], [(5, pyphen.DataInt, ("t=t", -2, 1))]]
    assert lazy.maxlen == mine.maxlen == 4
    for word in ["abcd", "xyab", "gheef", "asszab", "cdcd", "atte", "zzz", "ABCD", "klmn", "pqkl", "mnop"]:
        assert points(lazy.positions(word)) == points(mine.positions(word)), word


@pytest.mark.parametrize(("text", "encoding"), [
    ("a1b\n^^e41b\nc^^31d\n", "ISO8859-1"),  # ^^hh: a character by its code, here a value too
    ("a1b\nc\u0663d\n", "UTF-8"),  # an Arabic-Indic 3, a value to pyphen
    ("\u04301\u0431\n\u04322\u0433\n", "ISO8859-5"),  # Cyrillic in a legacy encoding
])
def test_unusual_files_are_read_as_pyphen_reads_them(tmp_path: Path, text: str, encoding: str) -> None:
    path = write_dic(tmp_path, text, encoding)
    lazy, mine = LazyHyphDict(path), pyphen.HyphDict(path)
    assert (lazy.patterns, lazy.maxlen) == (mine.patterns, mine.maxlen)
    for word in ["abab", "cd", "\u00e4b", "c1d", "\u0430\u0431\u0432\u0433"]:
        assert points(lazy.positions(word)) == points(mine.positions(word))
    if "\u0663" in text:
        assert lazy.patterns["cd"] == (1, (3,))


def test_names_are_kept_whole_where_nouns_are_not_capitalised(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pyphen, "hdcache", {})
    assert load_dictionary("en-GB") and load_dictionary("de")
    english, german = pyphen.hdcache[path_of("en_GB")], pyphen.hdcache[path_of("de")]
    assert isinstance(english, LazyHyphDict) and isinstance(german, LazyHyphDict)
    assert english.positions("Featherstonehaugh") == []
    assert pyphen.Pyphen(lang="en_GB").inserted("featherstonehaugh") == "feath-er-stone-haugh"
    assert pyphen.Pyphen(lang="de").inserted("Bürgermeisterin") == "Bür-ger-meis-te-rin"
    assert not load_dictionary("tlh")


ENGLISH = Article(title="Infrastructure", language="en", body=(
    "The intergovernmental commission published its characteristically comprehensive recommendations on "
    "infrastructure maintenance yesterday, and the administration's representatives acknowledged "
    "extraordinary responsibilities for communication networks, reconstruction programmes and the "
    "accountability of subcontractors. " * 2))
GERMAN = Article(title="Fähre", language="de", body=(
    "Die Gemeindeverwaltung veröffentlichte gestern die Untersuchungsergebnisse zur Hafenfährverbindung, "
    "und die Verkehrsministerin kündigte Sanierungsarbeiten an der Anlegestelle, Ersatzverbindungen für "
    "Berufspendlerinnen und Fahrplanänderungen für die Wintermonate an, wie die Bürgermeisterin bestätigte. "
    * 2))


def divided_words(pdf: bytes) -> list[str]:
    text = subprocess.run(["pdftotext", "-raw", "-", "-"], input=pdf, capture_output=True, check=True).stdout
    return re.findall(r"(\w+)[\u2010-]\n", text.decode())


def test_the_pdf_is_the_one_pyphens_dictionaries_lay_out(monkeypatch: pytest.MonkeyPatch,
                                                          eager: dict[str, Any]) -> None:
    """A German and an English article, hyphenated, byte for byte as with pyphen's own (eagerly parsed)
    dictionaries, name-keeping as before."""
    assert pdf_worker._can_fork(), "the render child must inherit the dictionaries loaded here"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    options = RenderOptions(page_size="90mmx150mm")
    monkeypatch.setattr(pyphen, "hdcache", {
        path_of("en"): _name_keeping(pyphen.HyphDict)(path_of("en")), path_of("de"): eager["de_AT"]})
    before = [render(article, "pdf", options=options) for article in (ENGLISH, GERMAN)]
    assert not any(isinstance(hyph, LazyHyphDict) for hyph in pyphen.hdcache.values())
    monkeypatch.setattr(pyphen, "hdcache", {})
    after = [render(article, "pdf", options=options) for article in (ENGLISH, GERMAN)]
    assert all(isinstance(hyph, LazyHyphDict) for hyph in pyphen.hdcache.values()) and len(pyphen.hdcache) == 2
    english, german = map(divided_words, after)
    assert english and not [w for w in english if w[0].isupper()]
    assert [w for w in german if w[0].isupper()], german
    assert after == before
