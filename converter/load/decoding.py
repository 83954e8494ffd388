"""Bytes to text: BOM first, then UTF-16/32 by its NUL pattern or its CJK characters, the declared charset, strict
UTF-8, a detector.

The order follows the WHATWG encoding standard's spirit: a byte order mark wins over everything; UTF-16 or
UTF-32 saved without one is recognised by where its NUL bytes fall, or (Chinese, Japanese, Korean text, whose
code units have no NUL) by its characters (``wide_codec``); a
charset the document declares (``<meta charset>``, an XML declaration) comes next, looked up by its
WHATWG label (``whatwg_codec``: only the standard's labels are honoured; UTF-7, which smuggles markup
past filters, is not one), except a page that declares UTF-8 but is plainly saved in a legacy encoding
(``_misdeclared_utf8``); undeclared input is tried as strict UTF-8, then handed to charset-normalizer,
and windows-1252 is the last resort.
"""

from __future__ import annotations

import codecs
import logging
import re

from converter.errors import SourceError

log = logging.getLogger("converter.load")

#: Byte order marks and the codec each one selects, longest first (UTF-32 LE starts like UTF-16 LE).
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

#: WHATWG encodings (by their standard name) read differently from what the label lookup gives.
#: A document that declares UTF-16 in its own ASCII bytes cannot be UTF-16 (WHATWG: read it as UTF-8);
#: x-user-defined is windows-1252's bytes for our purpose (a text, not binary data).
WHATWG_OVERRIDES: dict[str, str] = {"utf-16le": "utf-8", "utf-16be": "utf-8", "x-user-defined": "cp1252"}

#: The Python codecs a detector's guess may name: those of the WHATWG encoding standard. Anything else
#: Python can decode (utf-7, unicode_escape, punycode, idna, raw_unicode_escape ...) turns innocent bytes
#: into markup and is never used.
WHATWG_CODECS = frozenset({
    "utf-8", "cp866", "koi8-r", "koi8-u", "mac-roman", "mac-cyrillic", "cp874", "gbk", "gb18030", "big5",
    "euc_jp", "iso2022_jp", "shift_jis", "euc_kr", "utf-16-le", "utf-16-be",
    *(f"iso8859-{n}" for n in (2, 3, 4, 5, 6, 7, 8, 10, 13, 14, 15, 16)),
    *(f"cp{n}" for n in range(1250, 1259)),
})


def whatwg_codec(label: str) -> str | None:
    """The Python codec for a charset label, looked up as the WHATWG Encoding Standard says (the
    ``webencodings`` package's table: ``latin1`` is windows-1252, ``gb2312`` is GBK); ``None`` for a label
    the standard does not name (``utf-7``, ``unicode_escape``) or maps to its "replacement" decoder."""
    import webencodings

    encoding = webencodings.lookup(label.strip().strip("\"'"))
    if encoding is None or encoding.name == "replacement":
        return None
    return WHATWG_OVERRIDES.get(encoding.name, encoding.codec_info.name)


#: UTF-8 read as windows-1252: "Ã©" for "é", "â€™" for "’", "Â " for a no-break space.
_MOJIBAKE = re.compile("[ÂÃ][\x80-\xbf\u0152-\u2122]|â€[\x80-\xbf\u0152-\u2122\u201c\u201d]")

#: ``<meta charset=...>``, ``content="text/html; charset=..."`` or ``<?xml ... encoding="..."?>`` early on.
_DECLARED = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)|<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)""", re.I
)


def decode(data: bytes, name: str) -> str:
    """Decode ``data`` (named ``name`` in messages) to text, by BOM, declaration, UTF-8 or detection."""
    for bom, codec in BOMS:
        if data.startswith(bom):
            return _strictly(data[len(bom):], codec, name)
    sample = data[:WIDE_SAMPLE]
    wide, evidence = nul_pattern_codec(sample), "the pattern of its NUL bytes"
    if wide is None:
        wide, evidence = cjk_wide_codec(sample), "its characters are Chinese, Japanese or Korean"
    if wide:
        log.warning("%s has no byte order mark; read it as %s (%s)", name, wide, evidence)
        text = data[:len(data) - len(data) % _UNIT[wide]].decode(wide, errors="replace")
        if "\ufffd" in text:
            log.warning("%s: some bytes are not %s; they show as \ufffd", name, wide)
        return text
    declared = declared_charset(data[:4096])
    if declared:
        return repair_mojibake(_as_declared(data, declared, name), name)
    try:
        return repair_mojibake(data.decode("utf-8"), name)
    except UnicodeDecodeError:
        return _detected(data, name)


#: Bytes per code unit of each codec ``wide_codec`` may give.
_UNIT = {"utf-32-le": 4, "utf-32-be": 4, "utf-16-le": 2, "utf-16-be": 2}

#: Share of the code units in the sample that must show the codec's NUL pattern (ASCII-range text: all of
#: them; a German or French text in UTF-16 has a few per cent of letters above U+00FF, which have no NUL).
WIDE_SHARE = 0.7

#: Bytes sampled from the start by ``wide_codec``.
WIDE_SAMPLE = 4096


def wide_codec(data: bytes) -> str | None:
    """The codec of UTF-16 or UTF-32 text saved without a byte order mark (``nul_pattern_codec``, else
    ``cjk_wide_codec``); ``None`` when the start of ``data`` shows neither."""
    sample = data[:WIDE_SAMPLE]
    return nul_pattern_codec(sample) or cjk_wide_codec(sample)


def nul_pattern_codec(data: bytes) -> str | None:
    """The codec of UTF-16 or UTF-32 text saved without a byte order mark, from the pattern of its NUL bytes;
    ``None`` when the start of ``data`` does not show one.

    Text in the Latin, Greek or Cyrillic range puts a NUL in a fixed place of each code unit: UTF-16-LE
    ``"A"`` is ``41 00``, UTF-16-BE ``00 41``, UTF-32-LE ``41 00 00 00``. The rule: in at least
    ``WIDE_SHARE`` of the sample's units the codec's high bytes are NUL, the low byte is not, and the
    sample decodes strictly as that codec. UTF-32 is tried first (its units also match UTF-16's pattern);
    for UTF-32 only the top two bytes must be NUL, so text of any script of the Basic Multilingual Plane
    (Chinese ``"中"`` is ``2d 4e 00 00``) shows it too.
    An ASCII-compatible file with a stray NUL, or random bytes, shows no such pattern.
    """
    sample = data[:WIDE_SAMPLE]
    nuls = sample.count(0)  # most inputs have none: no unit need be looked at
    for codec, low, high in (("utf-32-le", slice(0, 2), slice(2, 4)), ("utf-32-be", slice(2, 4), slice(0, 2)),
                             ("utf-16-le", slice(0, 1), slice(1, 2)), ("utf-16-be", slice(1, 2), slice(0, 1))):
        size = _UNIT[codec]
        starts = range(0, len(sample) - size + 1, size)
        if len(starts) < 2 or nuls < WIDE_SHARE * len(starts) * (high.stop - high.start):
            continue  # too few NULs for the share of units the rule asks (each has its high bytes NUL)
        units = [sample[i:i + size] for i in starts]
        fitting = sum(1 for u in units if any(u[low]) and not any(u[high]))
        if fitting >= WIDE_SHARE * len(units) and _decodes(sample[:len(units) * size], codec):
            return codec
    return None


#: Code points of Chinese, Japanese and Korean text: ideographs (the unified block, extension A and the
#: compatibility block), kana, Hangul (syllables and jamo), CJK symbols and punctuation, full- and
#: half-width forms. Most characters of such a text are in these blocks.
CJK_BLOCKS: tuple[tuple[int, int], ...] = (
    (0x1100, 0x11FF), (0x3000, 0x303F), (0x3040, 0x30FF), (0x3130, 0x318F), (0x31F0, 0x31FF),
    (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xAC00, 0xD7A3), (0xF900, 0xFAFF), (0xFF00, 0xFFEF),
)

#: Share of a sample's characters that must be in ``CJK_BLOCKS`` for ``cjk_wide_codec``; random code units
#: land there about 60 % of the time, real CJK text 80 to 100 %.
CJK_SHARE = 0.6

#: Share of a sample's characters that may be outside ``CJK_BLOCKS``, ASCII and general punctuation: a
#: real text has none there but the odd symbol; random code units have 40 %.
CJK_STRAY_SHARE = 0.02

#: Fewest code units ``cjk_wide_codec`` judges: a few bytes that happen to decode (a 6-byte file read as two
#: ideographs entered an issue as an article) are no evidence.
CJK_MIN_UNITS = 16

#: Legacy encodings of Chinese, Japanese and Korean text: a sample that reads as one of them is not taken
#: for UTF-16 (Shift_JIS kanji, read as UTF-16-BE, are ideographs too).
CJK_LEGACY_CODECS = ("cp932", "euc_jp", "gbk", "big5", "cp949")


def cjk_wide_codec(data: bytes) -> str | None:
    """The codec (``utf-16-le`` or ``utf-16-be``) of Chinese, Japanese or Korean text saved as UTF-16 without
    a byte order mark, whose code units have no NUL pattern (``"中文"`` is ``2d 4e 87 65``); else ``None``.

    The rule, each part on the sample (the first ``WIDE_SAMPLE`` bytes):

    - it decodes strictly as the codec: no unpaired surrogate (random bytes have one every 30 units);
    - it has at least ``CJK_MIN_UNITS`` code units;
    - with its NUL bytes removed (a line break of such a text is ``0a 00``) it is neither UTF-8 (ASCII
      letters paired up as UTF-16 are ideographs: English read this way is "Chinese") nor one of
      ``CJK_LEGACY_CODECS`` (a text in Shift_JIS or GBK);
    - at least ``CJK_SHARE`` of its characters are in ``CJK_BLOCKS``, and at most ``CJK_STRAY_SHARE`` are
      outside those blocks, ASCII (letters, digits, line breaks) and general punctuation.
    """
    sample = data[:WIDE_SAMPLE]
    if len(sample) < 2 * CJK_MIN_UNITS or _reads_as_other_text(sample.replace(b"\x00", b"")):
        return None
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = codecs.getincrementaldecoder(codec)().decode(sample[:len(sample) - len(sample) % 2],
                                                                 final=False)
        except UnicodeDecodeError:
            continue
        cjk = sum(1 for ch in text if _in_cjk_block(ord(ch)))
        stray = sum(1 for ch in text if not _in_cjk_block(ord(ch)) and not _plain(ord(ch)))
        if cjk >= CJK_SHARE * len(text) and stray <= CJK_STRAY_SHARE * len(text):
            return codec
    return None


def _in_cjk_block(point: int) -> bool:
    return any(first <= point <= last for first, last in CJK_BLOCKS)


def _plain(point: int) -> bool:
    """ASCII text (printable, tab, line ends) and general punctuation (dashes, quotes, ellipsis)."""
    return 0x20 <= point <= 0x7E or point in (0x09, 0x0A, 0x0D) or 0x2000 <= point <= 0x206F


def _reads_as_other_text(sample: bytes) -> bool:
    """Whether ``sample`` decodes strictly as UTF-8 or one of ``CJK_LEGACY_CODECS`` (a cut character at the
    end allowed)."""
    return any(_decodes(sample, codec) for codec in ("utf-8", *CJK_LEGACY_CODECS))


def _decodes(sample: bytes, codec: str, *, whole: bool = False) -> bool:
    """Whether ``sample`` decodes as ``codec``; unless it is the ``whole`` input, a character (a UTF-16
    surrogate pair, a multi-byte sequence) cut at its end is allowed."""
    try:
        codecs.getincrementaldecoder(codec)().decode(sample, final=whole)
    except UnicodeDecodeError:
        return False
    return True


def _as_declared(data: bytes, codec: str, name: str) -> str:
    text = data.decode(codec, errors="replace")
    if "\ufffd" in text and b"\xef\xbf\xbd" not in data:
        fallback = _misdeclared_utf8(data, text) if codec == "utf-8" else None
        if fallback:
            log.warning("%s declares utf-8 but most of its non-ASCII bytes are not UTF-8; read it as %s, "
                        "which they all are", name, fallback)
            return data.decode(fallback)
        log.warning("%s: some bytes are not %s as the page declares; they show as \ufffd", name, codec)
    return text


#: Share of a page's non-ASCII bytes that must fail to decode as UTF-8 before its ``charset=utf-8`` is
#: doubted: a page saved by an editor in windows-1252 fails on nearly every accent; a UTF-8 page with a
#: damaged byte or a pasted fragment fails on a few, and stays UTF-8 (those bytes show as \ufffd).
MISDECLARED_SHARE = 0.5

#: Bytes 0-127, deleted to count the others.
_ASCII = bytes(range(128))


def _misdeclared_utf8(data: bytes, text: str) -> str | None:
    """The codec of a page that declares UTF-8 but is saved in a legacy encoding, or ``None``.

    The rule: at least ``MISDECLARED_SHARE`` of its non-ASCII bytes fail as UTF-8 (each becomes a \ufffd in
    ``text``, ``data`` decoded with replacement), and the whole page decodes without error as windows-1252
    (the web's legacy default: WHATWG reads latin1 and ascii labels as it) where the detector rates it at
    least as plausible as its own best guess, else as the detector's best guess among the web's encodings
    (a Cyrillic page in windows-1251 reads as gibberish in windows-1252, which the detector sees).
    """
    failed = text.count("\ufffd")
    if failed < MISDECLARED_SHARE * len(data.translate(None, _ASCII)):
        return None
    from charset_normalizer import from_bytes

    results = list(from_bytes(data[:200_000]))
    best = min((r.chaos for r in results), default=0.0)
    plausible = [r for r in results if r.chaos <= best]
    candidates = ["cp1252"] if not results or any("cp1252" in r.could_be_from_charset for r in plausible) else []
    candidates += [r.encoding for r in plausible if _is_web_codec(r.encoding)]
    return next((c for c in candidates if _decodes(data, c, whole=True)), None)


def repair_mojibake(text: str, name: str) -> str:
    """UTF-8 that was once read as windows-1252 and saved again ("cafÃ©"), put back ("café").

    Only when it is certain: the text shows the telltale pairs, the whole text encodes back to
    windows-1252, and those bytes are valid UTF-8. A text with one real "é" beside a "Ã©" fails the
    last test and is left alone.
    """
    if not _may_be_mojibake(text) or not _MOJIBAKE.search(text):
        return text
    try:
        repaired = text.encode("cp1252").decode("utf-8")
    except UnicodeError:
        return text
    log.warning("%s: repaired text that was UTF-8 read as windows-1252 (\"Ã©\" -> \"é\")", name)
    return repaired


def _may_be_mojibake(text: str) -> bool:
    """Whether ``text`` holds a character that every ``_MOJIBAKE`` match starts with ("Â", "Ã" or "â"):
    three substring searches (memchr-fast) instead of the pattern's scan, which cost more than the rest of
    decoding on a large page. Where none is present the pattern cannot match, so the answer is the same."""
    return "Ã" in text or "Â" in text or "â" in text


def declared_charset(head: bytes) -> str | None:
    """The Python codec for the charset the document declares in its first bytes, if it names a usable one."""
    m = _DECLARED.search(head)
    if not m:
        return None
    label = (m.group(1) or m.group(2)).decode("ascii", "replace").strip().lower()
    codec = whatwg_codec(label)
    if codec is None:
        log.warning("ignoring the declared charset %r: it is not one of the web's encodings (WHATWG)", label[:40])
    return codec


def _strictly(data: bytes, codec: str, name: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as err:
        raise SourceError(
            f"{name}: starts with a {codec} byte order mark but is not valid {codec} "
            f"(byte {err.start}); re-save it as UTF-8"
        ) from None


def _detected(data: bytes, name: str) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is not None and best.encoding and _is_web_codec(best.encoding):
        log.warning("%s is not UTF-8; read it as %s (a guess)", name, best.encoding)
        return data.decode(best.encoding, errors="replace")
    log.warning("%s is not UTF-8 and its encoding is unknown; read it as windows-1252", name)
    return data.decode("cp1252", errors="replace")


def _is_web_codec(label: str) -> bool:
    try:
        return codecs.lookup(label).name in WHATWG_CODECS
    except LookupError:
        return False
