"""Reading an input: a path, a string or bytes, to a ``Source`` with its text and detected kind.

This is the only module that reads the input file itself. It refuses what cannot be an article
(missing, empty, too large, binary) with a message that says what to do.
"""

from __future__ import annotations

import re
import stat
from dataclasses import dataclass
from pathlib import Path

from converter.decoding import decode
from converter.errors import SourceError, UsageError

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

#: Largest input read, in bytes (a long article is well under 1 MB of text; a saved page a few MB).
MAX_INPUT_BYTES = 20 * 1024 * 1024

#: Content sniffing, in order: the first pattern that matches the start of the text picks the kind.
SNIFF_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("mhtml", re.compile(r"\A(?:[\w-]+:[^\n]*\n)*?MIME-Version:[^\n]*\n(?:[\w-]+:[^\n]*\n|\s+[^\n]*\n)*?"
                         r"Content-Type:\s*multipart/related", re.I)),
    ("feed", re.compile(r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:rss|feed|rdf:RDF)\b", re.I | re.S)),
    ("html", re.compile(r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
                        re.I | re.S)),
    ("markdown", re.compile(r"\A\s*---[ \t]*\n.*?\n---[ \t]*\n|\A\s*#{1,6}[ \t]+\S", re.S)),
)


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


def load(source: str | bytes | Path, kind: str | None = None, name: str | None = None) -> Source:
    """Read ``source`` (a path, a text or bytes) and detect its kind unless ``kind`` forces one."""
    if kind is not None and kind not in KINDS:
        raise UsageError(f"unknown input kind {kind!r}; use one of: {', '.join(KINDS)}")
    path = _as_path(source)
    if path is not None:
        data = read_file(path)
        name = name or str(path)
        folder = path.resolve().parent
    else:
        data = source.encode("utf-8") if isinstance(source, str) else bytes(source)
        folder = None
        name = name or "<string>"
    return from_bytes(data, name=name, kind=kind, folder=folder, path=path)


def from_bytes(data: bytes, *, name: str, kind: str | None = None, folder: Path | None = None,
               path: Path | None = None) -> Source:
    """A ``Source`` from bytes already in memory (standard input, a test)."""
    check_content(data, name)
    text = decode(data, name)
    if not text.strip():
        raise SourceError(f"{name}: has no text (only white space); give the saved article instead")
    detected = kind or kind_from_name(name) or sniff_kind(text)
    return Source(text=text, data=data, kind=detected, name=name, folder=folder, path=path)


def _as_path(source: str | bytes | Path) -> Path | None:
    """A path if ``source`` names a file: a ``Path``, or a one-line string that looks like a file name."""
    if isinstance(source, Path):
        return source
    if isinstance(source, bytes) or "\n" in source or len(source) > 4096 or "<" in source:
        return None
    candidate = Path(source)
    if candidate.exists() or candidate.suffix.lower() in EXTENSION_KINDS:
        return candidate
    return None


def read_file(path: Path) -> bytes:
    """The bytes of an input file, refusing what is not a regular, readable file of sane size."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise SourceError(f"{path}: no such file; check the path") from None
    except OSError as err:
        raise SourceError(f"{path}: cannot be read ({err.strerror}); check the path") from None
    if stat.S_ISDIR(info.st_mode):
        raise SourceError(f"{path}: is a folder; give an article file (.txt, .html, .md)")
    if not stat.S_ISREG(info.st_mode):
        raise SourceError(f"{path}: is not a regular file (a device or a pipe); give an article file")
    if info.st_size > MAX_INPUT_BYTES:
        raise SourceError(f"{path}: is {info.st_size // (1024 * 1024)} MB, over the "
                          f"{MAX_INPUT_BYTES // (1024 * 1024)} MB input limit; is it really one article?")
    try:
        return path.read_bytes()
    except OSError as err:
        raise SourceError(f"{path}: cannot be read ({err.strerror}); check its permissions") from None


def check_content(data: bytes, name: str) -> None:
    """Refuse empty, oversized and binary input before decoding it."""
    if not data.strip():
        raise SourceError(f"{name}: is empty; give the saved article instead")
    if len(data) > MAX_INPUT_BYTES:
        raise SourceError(f"{name}: is over the {MAX_INPUT_BYTES // (1024 * 1024)} MB input limit")
    if _looks_binary(data[:8192]):
        raise SourceError(f"{name}: looks like a binary file, not an article; "
                          "give a text, HTML or Markdown file")


def _looks_binary(head: bytes) -> bool:
    """NUL bytes outside a UTF-16/32 text, or a known binary signature (PDF, ZIP, images)."""
    if head.startswith((b"%PDF", b"PK\x03\x04", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x7fELF")):
        return True
    if head.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")):
        return False
    return b"\x00" in head


def kind_from_name(name: str) -> str | None:
    """The kind a file extension announces, if it is one we know."""
    return EXTENSION_KINDS.get(Path(name).suffix.lower())


def sniff_kind(text: str) -> str:
    """The kind the start of the text shows; plain text when nothing else matches."""
    head = text[:4096].lstrip("\ufeff")
    return next((kind for kind, pattern in SNIFF_RULES if pattern.search(head)), "text")
