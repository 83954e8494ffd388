"""Reading inputs: kind detection and decoding."""

from __future__ import annotations

import codecs
import logging
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from converter.errors import SourceError, UsageError
from converter.load.source import from_bytes, load, sniff_kind


@pytest.mark.parametrize(("text", "kind"), [
    ("<!DOCTYPE html><html><body><p>x</p></body></html>", "html"),
    ("  <html lang=en><p>x", "html"),
    ('<?xml version="1.0"?>\n<rss version="2.0"><channel></channel></rss>', "feed"),
    ('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"></feed>', "feed"),
    ("From: <Saved by Blink>\nMIME-Version: 1.0\nContent-Type: multipart/related;\n boundary=x\n\n", "mhtml"),
    ("---\ntitle: T\n---\n\nBody", "markdown"),
    ("# A heading\n\nBody", "markdown"),
    ("Skip to content\nHome\nA headline\n\nA paragraph of text.", "text"),
])
def test_kind_is_sniffed_from_content(text: str, kind: str) -> None:
    assert sniff_kind(text) == kind


def test_extension_wins_over_content_and_kind_can_be_forced(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("# Looks like Markdown\n\nBut it is a .txt file.", "utf-8")
    assert load(path).kind == "text"
    assert load(path, kind="markdown").kind == "markdown"
    with pytest.raises(UsageError, match="unknown input kind 'pdf'"):
        load(path, kind="pdf")


def test_a_string_is_always_text_and_a_file_is_a_path_or_path_argument(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("# T\n\nBody", "utf-8")
    assert load(path).path == path
    assert load(path=str(path)).path == path
    named = load(str(path))
    assert (named.path, named.text, named.kind) == (None, str(path), "text")
    assert load("# T\n\nBody").path is None
    with pytest.raises(SourceError, match="no such file"):
        load(path=tmp_path / "gone.txt")


@pytest.mark.parametrize("codec", ["utf-8-sig", "utf-16", "utf-32"])
def test_byte_order_mark_decides(codec: str) -> None:
    assert from_bytes("Zoë’s café".encode(codec), name="x").text == "Zoë’s café"


def test_declared_charset_is_honoured_but_utf7_is_not() -> None:
    html = '<html><head><meta charset="windows-1251"></head><body>Привет</body></html>'
    assert "Привет" in from_bytes(html.encode("cp1251"), name="x.html").text
    sneaky = b'<html><head><meta charset="utf-7"></head><body>+ADw-script+AD4-</body></html>'
    assert "+ADw-script+AD4-" in from_bytes(sneaky, name="x.html").text


def test_undeclared_legacy_text_falls_back_with_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    data = ("Le café est fermé. " * 20).encode("cp1252")
    with caplog.at_level(logging.WARNING, logger="converter"):
        text = from_bytes(data, name="old.txt").text
    assert text.startswith("Le café est fermé.")
    assert "old.txt is not UTF-8" in caplog.text


def test_bom_of_utf16_is_not_mistaken_for_binary() -> None:
    assert from_bytes(codecs.BOM_UTF16_LE + "hello".encode("utf-16-le"), name="x").text == "hello"


#: Samples for the binary-text check: each kind of character ``_odd`` judges, alone and mixed with text.
_BINARY_SAMPLES = {
    "all ASCII": "A plain paragraph of an article.\n\tWith a tab.\r\n" * 300,
    "ASCII controls": "text \x01\x02\x1b\x7f more" * 200,
    "C1 controls": "caf\u00e9 \x85\x9f na\u00efve " * 300,
    "private use": "\ue000\uf8ff\U000f0000 word " * 400,
    "replacement char": "bad \ufffd bytes \ufffd\ufffd " * 300,
    "unassigned": "\u0378\u0379 \U000e0080 ok " * 400,
    "lone surrogate": "x\ud800y\udfff " * 500,
    "CJK": "\u65e5\u672c\u8a9e\u306e\u30c6\u30ad\u30b9\u30c8\u3001\u6f22\u5b57\u3068\u4eee\u540d\u3002" * 900,
    "Arabic and emoji": "\u0645\u0631\u062d\u0628\u0627 \U0001f600 \u200f\u00a0" * 700,
    "a few odd in text": "An article " * 1500 + "\x00\x01\ufffd\ue000",
    "empty": "",
}


@pytest.mark.parametrize("name", sorted(_BINARY_SAMPLES))
def test_binary_text_fast_count_equals_the_per_character_count(name: str) -> None:
    """``_odd_count`` judges each distinct character once: the count, and so the verdict, must be what the
    per-character definition gives, for every kind of character it judges."""
    from converter.load.source import BINARY_SAMPLE, BINARY_SHARE, _odd, _odd_count, looks_binary_text

    text = _BINARY_SAMPLES[name]
    assert _odd_count(text) == sum(1 for ch in text if _odd(ch))
    n = len(text)
    middle = max(0, n // 2 - BINARY_SAMPLE // 2)
    sample = text if n <= 3 * BINARY_SAMPLE else (
        text[:BINARY_SAMPLE] + text[middle:middle + BINARY_SAMPLE] + text[-BINARY_SAMPLE:])
    expected = sum(1 for ch in sample if _odd(ch)) > BINARY_SHARE * max(len(sample), 200)
    assert looks_binary_text(text) is expected


def test_binary_text_verdicts_on_crafted_texts() -> None:
    from converter.load.source import looks_binary_text

    verdicts = {name: looks_binary_text(text) for name, text in _BINARY_SAMPLES.items()}
    assert [name for name, binary in verdicts.items() if binary] == [
        "ASCII controls", "C1 controls", "private use", "replacement char", "unassigned", "lone surrogate"]


@pytest.mark.parametrize(("text", "repaired"), [
    ("caf\u00c3\u00a9 cr\u00c3\u00a8me", "caf\u00e9 cr\u00e8me"),   # "cafÃ© crÃ¨me"
    ("it\u00e2\u20ac\u2122s", "it\u2019s"),                            # "itâ€™s"
    ("a\u00c2\u00a0b", "a\u00a0b"),                                     # "Â " for a no-break space
    ("plain ASCII text", "plain ASCII text"),
    ("caf\u00e9 and caf\u00c3\u00a9", "caf\u00e9 and caf\u00c3\u00a9"),  # a real "é" beside: left alone
    ("\u00c2 alone, \u00e2 alone", "\u00c2 alone, \u00e2 alone"),       # a start character, no pair
])
def test_mojibake_is_repaired_only_when_certain(text: str, repaired: str) -> None:
    from converter.load.decoding import repair_mojibake

    assert repair_mojibake(text, "page.html") == repaired


@given(st.text(alphabet=st.sampled_from("aé \u00c2\u00c3\u00e2\u20ac\u2122\u201c\u0152\u00a9\x80\xbf"), max_size=12))
def test_mojibake_prefilter_never_misses_a_match(text: str) -> None:
    """The substring test in front of the pattern may say yes without a match, never no with one."""
    from converter.load.decoding import _MOJIBAKE, _may_be_mojibake

    assert _may_be_mojibake(text) or not _MOJIBAKE.search(text)
