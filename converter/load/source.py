"""Reading an input: a path, a string or bytes, to a ``Source`` with its text and detected kind.

This is the only module that reads the input file itself. It refuses what cannot be an article
(missing, empty, too large, binary) with a message that says what to do.
"""

from __future__ import annotations

import logging
import os
import re
import stat
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from converter.errors import SourceError, UsageError
from converter.load.decoding import decode, wide_codec
from converter.policy.limits import Limits

log = logging.getLogger("converter.load")

#: Input kinds the converter reads.
KINDS = ("text", "html", "mhtml", "markdown", "feed")

#: File extension -> kind.
EXTENSION_KINDS: dict[str, str] = {
    ".txt": "text", ".text": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
    ".mhtml": "mhtml", ".mht": "mhtml",
    ".md": "markdown", ".markdown": "markdown", ".mdown": "markdown",
    ".xml": "feed", ".rss": "feed", ".atom": "feed",
}

#: Largest input read by default, in bytes (``Limits.max_input_bytes``, documented there).
MAX_INPUT_BYTES = Limits.max_input_bytes

#: Content sniffing, in order: the first pattern that matches the start of the text picks the kind.
SNIFF_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("mhtml", re.compile(r"\A(?:[\w-]+:[^\n]*\n)*?MIME-Version:[^\n]*\n(?:[\w-]+:[^\n]*\n|\s+[^\n]*\n)*?"
                         r"Content-Type:\s*multipart/related", re.I)),
    ("feed", re.compile(r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:rss|feed|rdf:RDF)\b", re.I | re.S)),
    ("html", re.compile(r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
                        re.I | re.S)),
    # YAML (---) or TOML (+++, Hugo's) front matter, or a heading first
    ("markdown", re.compile(r"\A\s*(---|\+\+\+)[ \t]*\n.*?\n\1[ \t]*\n|\A\s*#{1,6}[ \t]+\S", re.S)),
)


#: An SVG picture: ``<svg`` first, after an XML declaration, a DOCTYPE (its internal subset too) and comments.
_SVG_PICTURE = re.compile(r"\A\ufeff?\s*(?:<\?xml[^>]*>\s*)?(?:<!DOCTYPE[^\[>]*(?:\[.*?\]\s*)?>\s*)?"
                          r"(?:<!--.*?-->\s*)*<svg\b", re.I | re.S)


@dataclass(frozen=True)
class Source:
    """An input, read and decoded."""

    text: str
    """The decoded text (MHTML: the raw message text, decoded as ASCII-compatible)."""
    data: bytes
    """The bytes as read (MHTML and feeds are parsed from bytes)."""
    kind: str
    """One of ``KINDS``."""
    name: str
    """File name for messages and default output names (``<stdin>``, ``<string>`` for in-memory input)."""
    folder: Path | None = None
    """The folder whose files (pictures) the input may use; ``None`` for in-memory input."""
    path: Path | None = None
    """The input file, if it is one."""


def load(source: str | bytes | os.PathLike[str] | None = None, kind: str | None = None, name: str | None = None,
         max_bytes: int = MAX_INPUT_BYTES, *, path: str | os.PathLike[str] | None = None) -> Source:
    """Read an input and detect its kind unless ``kind`` forces one.

    ``source`` is the input itself: a ``str`` is always the text (never a file name, however much it looks
    like one, so a service can pass what its users send), ``bytes`` are the encoded text, and a
    ``pathlib.Path`` (any ``os.PathLike``) names a file. ``path=`` names a file explicitly, as a string or a
    path, instead of ``source``. Raises ``SourceError`` for a missing, unreadable, empty, binary or oversized
    input and ``UsageError`` for a bad ``kind`` or for giving both or neither of ``source`` and ``path``.
    """
    if kind is not None and kind not in KINDS:
        raise UsageError(f"unknown input kind {kind!r}; use one of: {', '.join(KINDS)}")
    if source is None and path is None:
        raise UsageError("no input given: pass the article as text (str), bytes or a pathlib.Path, "
                         "or a file name as path=\"page.html\"")
    if source is not None and path is not None:
        raise UsageError("give the input either as text, bytes or a pathlib.Path, or as path=; not both")
    if path is None and isinstance(source, os.PathLike):
        path = source
    if path is not None:
        file = Path(path)
        from converter.archive.inputs import is_archive, not_an_article

        if is_archive(file):  # a whole site: "looks like a binary file" would not say what to do with it
            raise SourceError(not_an_article(name or file))
        data = read_file(file, max_bytes)
        return from_bytes(data, name=name or str(file), kind=kind, folder=file.resolve().parent, path=file,
                          max_bytes=max_bytes)
    if isinstance(source, str):
        data = source.encode("utf-8")
    elif isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
    else:
        raise UsageError(f"the input must be text (str), bytes or a pathlib.Path, not {type(source).__name__}")
    return from_bytes(data, name=name or "<string>", kind=kind, max_bytes=max_bytes)


def from_bytes(data: bytes, *, name: str, kind: str | None = None, folder: Path | None = None,
               path: Path | None = None, max_bytes: int = MAX_INPUT_BYTES) -> Source:
    """A ``Source`` from bytes already in memory (standard input, a test).

    Raises ``SourceError`` for empty, oversized or binary input.
    """
    check_content(data, name, max_bytes)
    # An MHTML archive is a MIME message: ASCII headers around parts in a transfer encoding, each with its
    # own charset (read by the MHTML extractor after undoing the transfer encoding). Its raw bytes are
    # never charset-detected: a quoted-printable "charset=3D..." is not a declaration.
    head = data[:4096].decode("latin-1")
    if (kind or kind_from_name(name) or ("mhtml" if dict(SNIFF_RULES)["mhtml"].search(head) else None)) == "mhtml":
        text = data.decode("latin-1")
    else:
        text = decode(data, name)
    if "\x00" in text:
        data, text = _without_stray_nuls(data, text, name)
    if not text.strip():
        raise SourceError(f"{name}: has no text (only white space); give the saved article instead")
    if looks_binary_text(text):
        raise SourceError(f"{name}: looks like a binary file, not an article (too many control or unassigned "
                          "characters); give a text, HTML or Markdown file")
    detected = kind or kind_from_name(name) or sniff_kind(text)
    if not kind and not kind_from_name(name) and _SVG_PICTURE.search(text[:8192]):
        raise SourceError(f"{name}: is an SVG picture, not an article; give a text, HTML or Markdown file "
                          "(or --kind text to read its markup as text)")
    return Source(text=text, data=data, kind=detected, name=name, folder=folder, path=path)


def read_stream(stream: BinaryIO, name: str = "<stdin>", max_bytes: int = MAX_INPUT_BYTES,
                chunk: int = 1024 * 1024) -> bytes:
    """The bytes of a stream (standard input), read in chunks and refused as soon as they pass
    ``max_bytes``, so ``/dev/zero`` or an endless pipe never takes more than the cap plus one chunk.

    Raises ``SourceError`` when the stream is over the cap or cannot be read.
    """
    parts: list[bytes] = []
    size = 0
    while True:
        try:
            part = stream.read(min(chunk, max_bytes + 1 - size))
        except OSError as err:
            raise SourceError(f"{name}: cannot be read ({err.strerror})") from None
        if not part:
            return b"".join(parts)
        parts.append(part)
        size += len(part)
        if size > max_bytes:
            raise SourceError(f"{name}: is over the {max_bytes / (1024 * 1024):g} MB input limit "
                              "(Limits.max_input_bytes); is it really one article?")


def read_file(path: Path, max_bytes: int = MAX_INPUT_BYTES) -> bytes:
    """The bytes of an input file, refusing what is not a regular, readable file of sane size.

    Opened first, then checked with ``fstat`` on the open file, so what is checked is what is read;
    ``O_NONBLOCK`` so that a FIFO given as input is refused instead of waiting for a writer.

    Raises ``SourceError`` for a missing, unreadable, non-regular or oversized file.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise SourceError(f"{path}: no such file; check the path") from None
    except IsADirectoryError:
        raise SourceError(f"{path}: is a folder; give an article file (.txt, .html, .md)") from None
    except OSError as err:
        raise SourceError(f"{path}: cannot be read ({err.strerror}); check the path and its permissions") from None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        if stat.S_ISDIR(info.st_mode):
            raise SourceError(f"{path}: is a folder; give an article file (.txt, .html, .md)")
        raise SourceError(f"{path}: is not a regular file (a device or a pipe); give an article file")
    with os.fdopen(fd, "rb") as fh:
        _check_size(info.st_size, str(path), max_bytes)
        try:
            data = fh.read(max_bytes + 1)  # the file may have grown since fstat
        except OSError as err:
            raise SourceError(f"{path}: cannot be read ({err.strerror}); check its permissions") from None
    _check_size(len(data), str(path), max_bytes)
    return data


def _check_size(size: int, name: str, max_bytes: int) -> None:
    if size > max_bytes:
        raise SourceError(f"{name}: is {_amount(size)}, over the {_amount(max_bytes)} input limit "
                          "(Limits.max_input_bytes); is it really one article?")


def _amount(size: int) -> str:
    """``20 MB``, ``2.5 MB`` or ``200 bytes``: megabytes (2**20 bytes) from one up, bytes below."""
    return f"{size / (1024 * 1024):.3g} MB" if size >= 1024 * 1024 else f"{size:,} bytes"


def check_content(data: bytes, name: str, max_bytes: int = MAX_INPUT_BYTES) -> None:
    """Refuse empty, oversized and binary input before decoding it.

    Raises ``SourceError`` for empty, oversized or binary input.
    """
    if not data.strip():
        raise SourceError(f"{name}: is empty; give the saved article instead")
    _check_size(len(data), name, max_bytes)
    if _looks_binary(data[:8192], data):
        kind = next((what for magic, what in SIGNATURES if data.startswith(magic)), "")
        raise SourceError(f"{name}: looks like a binary file{f' ({kind})' if kind else ''}, not an article; "
                          "give a text, HTML or Markdown file")


def _looks_binary(head: bytes, data: bytes = b"") -> bool:
    """A known binary signature (PDF, ZIP, images), more than ``STRAY_NULS`` NUL bytes outside a UTF-16/32
    text (with or without a byte order mark), or too many C0 control bytes (``_control_share``) in samples
    from the start, middle and end of ``data``."""
    if head.startswith(tuple(magic for magic, _ in SIGNATURES)):
        return True
    if head.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")) or wide_codec(head):
        return False
    return (data or head).count(b"\x00") > STRAY_NULS or _control_share(data or head) > BINARY_SHARE


#: Binary formats known by their first bytes, and what the refusal calls each (an EPUB or a DOCX is a ZIP).
SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive: an EPUB, an office document or other files"),
    (b"\x89PNG", "a PNG picture"),
    (b"\xff\xd8\xff", "a JPEG picture"),
    (b"GIF8", "a GIF picture"),
    (b"\x7fELF", "a program"),
)

#: NUL bytes an ASCII-compatible text may hold and still be read, NULs dropped (``_without_stray_nuls``):
#: a page saved by a broken tool or an editor's slip has one or two; binary formats (databases, executables,
#: office files, fonts) have them by the hundred in every few kilobytes.
STRAY_NULS = 8


def _without_stray_nuls(data: bytes, text: str, name: str) -> tuple[bytes, str]:
    """``data`` and ``text`` without the few NUL bytes ``_looks_binary`` let through, with a warning.

    A NUL is never part of an article (HTML parsers turn it into U+FFFD, PDF and EPUB cannot hold it), so
    it goes from the text and, in an ASCII-compatible file, from the bytes the feed and MHTML readers parse
    (no multi-byte sequence of UTF-8 or the legacy encodings holds a NUL byte)."""
    count = text.count("\x00")
    log.warning("%s: dropped %s (a control byte no article holds)", name,
                "a NUL byte" if count == 1 else f"{count} NUL bytes")
    if wide_codec(data[:8192]) is None and not data.startswith(_WIDE_BOMS):
        data = data.replace(b"\x00", b"")
    return data, text.replace("\x00", "")


#: Byte order marks of the encodings whose text has NUL bytes of its own.
_WIDE_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")


#: C0 control bytes no ASCII-compatible text holds (tab, line ends, form feed and ESC, which ISO-2022
#: encodings use, are left out).
_CONTROL_BYTES = bytes([*range(0x01, 0x09), 0x0B, *range(0x0E, 0x1B), *range(0x1C, 0x20), 0x7F])


def _control_share(data: bytes) -> float:
    """Share of control bytes in up to three 4 KB samples of ``data`` (random bytes: about 11 %)."""
    n = len(data)
    middle = max(0, n // 2 - BINARY_SAMPLE // 2)
    sample = data if n <= 3 * BINARY_SAMPLE else (
        data[:BINARY_SAMPLE] + data[middle:middle + BINARY_SAMPLE] + data[-BINARY_SAMPLE:])
    if not sample:
        return 0.0
    return (len(sample) - len(sample.translate(None, _CONTROL_BYTES))) / max(len(sample), 200)


#: Share of a sample's characters that may be controls, unassigned, private-use or U+FFFD before the
#: input counts as binary. Real text (any script) stays under 0.1 %; random bytes decoded as a single-byte
#: encoding give about 12 % controls, as UTF-16 about 20 % private-use and unassigned code points.
BINARY_SHARE = 0.05

#: Characters sampled at each of the start, middle and end of the text.
BINARY_SAMPLE = 4096


def looks_binary_text(text: str) -> bool:
    """Decoded text that is really a binary file: too many characters no article holds (``BINARY_SHARE``).

    Catches what the byte check misses (no NUL in the first 8 KB, a UTF-16 byte order mark in front of
    random bytes) before any extractor or the PDF engine spends time on it.
    """
    n = len(text)
    middle = max(0, n // 2 - BINARY_SAMPLE // 2)
    sample = text if n <= 3 * BINARY_SAMPLE else (
        text[:BINARY_SAMPLE] + text[middle:middle + BINARY_SAMPLE] + text[-BINARY_SAMPLE:])
    return _odd_count(sample) > BINARY_SHARE * max(len(sample), 200)


def _odd_count(sample: str) -> int:
    """How many characters of ``sample`` are ``_odd``: each distinct character is judged once and, when odd,
    counted with ``str.count`` (a page's 12,000 sampled characters are a hundred or so distinct ones, so
    this is the per-character count without a Python call per character)."""
    return sum(sample.count(ch) for ch in set(sample) if _odd(ch))


def _odd(ch: str) -> bool:
    """A character no article holds: a control (not white space), unassigned, private-use, a lone
    surrogate, or U+FFFD (what a decoder puts for bytes it could not read)."""
    if ch in "\t\n\r\f\v":
        return False
    return ch == "\ufffd" or unicodedata.category(ch) in ("Cc", "Cn", "Co", "Cs")


def kind_from_name(name: str) -> str | None:
    """The kind a file extension announces, if it is one we know."""
    return EXTENSION_KINDS.get(Path(name).suffix.lower())


def sniff_kind(text: str) -> str:
    """The kind the start of the text shows; plain text when nothing else matches."""
    head = text[:4096].lstrip("\ufeff")
    return next((kind for kind, pattern in SNIFF_RULES if pattern.search(head)), "text")
