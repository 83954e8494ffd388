"""Bytes to text: BOM first, then the declared charset, then strict UTF-8, then a detector.

The order follows the WHATWG encoding standard's spirit: a byte order mark wins over everything; a
charset the document declares (``<meta charset>``, an XML declaration) comes next, looked up by its
WHATWG label; UTF-7 is never honoured (it smuggles markup past filters); undeclared input is tried as
strict UTF-8, then handed to charset-normalizer, and windows-1252 is the last resort.
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

#: WHATWG labels that Python's codec registry does not know by the same name.
WHATWG_LABELS: dict[str, str] = {
    "latin1": "cp1252",  # WHATWG maps ISO-8859-1 and ASCII to windows-1252
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "x-sjis": "shift_jis",
    "x-gbk": "gbk",
    "gb2312": "gbk",
    "x-mac-roman": "mac_roman",
    "macintosh": "mac_roman",
    "x-user-defined": "cp1252",
    "unicode": "utf-16-le",
    "utf-16": "utf-16-le",
}

#: Labels refused outright: decoders that turn innocent bytes into markup.
REFUSED_LABELS = frozenset({"utf-7", "utf7", "unicode-1-1-utf-7", "csunicode11utf7", "x-unicode20utf8"})

#: ``<meta charset=...>``, ``content="text/html; charset=..."`` or ``<?xml ... encoding="..."?>`` early on.
_DECLARED = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)|<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)""", re.I
)


def decode(data: bytes, name: str) -> str:
    """Decode ``data`` (named ``name`` in messages) to text, by BOM, declaration, UTF-8 or detection."""
    for bom, codec in BOMS:
        if data.startswith(bom):
            return _strictly(data[len(bom):], codec, name)
    declared = declared_charset(data[:4096])
    if declared:
        return data.decode(declared, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return _detected(data, name)


def declared_charset(head: bytes) -> str | None:
    """The Python codec for the charset the document declares in its first bytes, if it names a usable one."""
    m = _DECLARED.search(head)
    if not m:
        return None
    label = (m.group(1) or m.group(2)).decode("ascii", "replace").strip().lower()
    if label in REFUSED_LABELS:
        log.warning("ignoring the declared charset %r: it is unsafe", label)
        return None
    label = WHATWG_LABELS.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


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
    if best is not None and best.encoding and best.encoding.replace("_", "-") not in REFUSED_LABELS:
        log.warning("%s is not UTF-8; read it as %s (a guess)", name, best.encoding)
        return data.decode(best.encoding, errors="replace")
    log.warning("%s is not UTF-8 and its encoding is unknown; read it as windows-1252", name)
    return data.decode("cp1252", errors="replace")
