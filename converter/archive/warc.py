"""Reading web archives: the records of a ``.warc``, ``.warc.gz`` or ``.wacz`` file, by a scan or at an offset.

We read with warcio (Webrecorder's library, also behind pywb and the WACZ tools): it reads plain and
gzipped WARC 1.0/1.1 and ARC, undoes chunked transfer and gzip/brotli content encodings, gives each
record's offset for random access, and ships a writer, which the tests and the benchmark use to make
their archives. fastwarc parses faster, but parsing is a few milliseconds of an article's second
(extraction and rendering are the rest), and it would bring a compiled extension for no gain here.

A ``.wacz`` is a ZIP holding WARCs under ``archive/`` (stored, not recompressed, so a member can be read at
an offset); each is read like a plain WARC. Records are addressed by a ``Location`` (file, member, offset):
a scan records where each one is, and a worker reads only the record it needs, from the same file.

A broken record (bad header, corrupt gzip member, truncated) is reported as ``Broken`` and the scan goes
on at the next record it can find, so one bad record never hides the rest of the archive.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import IO
from urllib.parse import urljoin

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from converter.archive.inputs import is_archive
from converter.errors import SourceError

#: Record types that carry a page or a picture (``revisit`` points at one of them).
PAYLOAD_TYPES = ("response", "resource", "revisit")

#: Signatures a scan looks for to find the next record after a broken one.
_WARC_START = b"WARC/1."
_GZIP_START = b"\x1f\x8b\x08"

#: How far ahead (bytes) a scan looks for the next record after a broken one, per read.
_RESYNC_CHUNK = 1 << 20


@dataclass(frozen=True)
class Location:
    """Where a record lies: the archive file, the WARC inside it (WACZ; "" for a WARC) and the byte offset."""

    container: str
    member: str
    offset: int


@dataclass(frozen=True)
class Capture:
    """One record's headers, what the index keeps of it (the payload stays in the archive)."""

    url: str
    """``WARC-Target-URI``."""
    date: str
    """``WARC-Date``, ISO 8601 UTC (``2024-05-01T10:00:00Z``)."""
    kind: str
    """``response``, ``resource`` or ``revisit``."""
    status: int
    """HTTP status (200); 200 for a ``resource`` record, 0 when the record has no HTTP headers."""
    media_type: str
    """The payload's type, lower case without parameters (``text/html``)."""
    charset: str
    """The charset the HTTP headers declare ("" if none)."""
    digest: str
    """``WARC-Payload-Digest`` (``sha1:...``); for HTML we compute a SHA-256 of the payload when it is missing."""
    location: Location
    refers_to_url: str = ""
    """A revisit's original capture (``WARC-Refers-To-Target-URI``); for a redirect (a 3xx response), where
    it leads (its ``Location``, made absolute)."""
    refers_to_date: str = ""
    """A revisit's original capture date (``WARC-Refers-To-Date``)."""


@dataclass(frozen=True)
class Broken:
    """A record that could not be read, and why."""

    location: Location
    reason: str


def scan(path: Path) -> Iterator[Capture | Broken]:
    """Every page or picture record of the archive at ``path``, in file order; broken records as ``Broken``.

    Raises ``SourceError`` when the file cannot be opened or a WACZ is not a ZIP with WARCs in it.
    """
    for member in members(path):
        with open_member(path, member) as stream:
            yield from _scan_stream(stream, str(path), member)


def members(path: Path) -> list[str]:
    """The WARCs inside a WACZ (``archive/*.warc[.gz]``), or ``[""]`` for a plain WARC.

    Raises ``SourceError`` when the WACZ is not a readable zip or holds no WARC.
    """
    if not str(path).lower().endswith(".wacz"):
        if not path.is_file():
            raise SourceError(f"{path}: no such archive; check the path")
        return [""]
    try:
        with zipfile.ZipFile(path) as zf:
            found = sorted(n for n in zf.namelist() if n.startswith("archive/") and is_archive(n))
    except (OSError, zipfile.BadZipFile) as err:
        raise SourceError(f"{path}: not a readable WACZ (a ZIP file): {err}") from None
    if not found:
        raise SourceError(f"{path}: a WACZ with no WARC under archive/; is it a web archive?")
    return found


@contextlib.contextmanager
def open_member(path: Path | str, member: str) -> Iterator[IO[bytes]]:
    """A seekable binary stream of the WARC ``member`` of ``path`` (the file itself for a plain WARC).

    Raises ``SourceError`` when the member cannot be read from the archive.
    """
    try:
        if not member:
            with open(path, "rb") as fh:
                yield fh
            return
        with zipfile.ZipFile(path) as zf, zf.open(member) as fh:
            yield fh
    except (OSError, zipfile.BadZipFile, KeyError) as err:
        raise SourceError(f"{path}{'!' + member if member else ''}: cannot be read ({err})") from None


def _scan_stream(stream: IO[bytes], container: str, member: str) -> Iterator[Capture | Broken]:
    start, retried_at = 0, -1
    suspect: Broken | None = None  # a failure at an offset a fresh reader may yet read (then it was not broken)
    while True:
        stream.seek(start)
        iterator = ArchiveIterator(stream)  # its offsets are absolute: it starts from the stream's position
        complaints = io.StringIO()  # warcio writes a bad Content-Length to sys.stderr: make it a Broken
        try:
            with contextlib.redirect_stderr(complaints):
                for record in iterator:
                    # the payload is read (for its digest) before the offset is asked for: warcio reads a
                    # record of an uncompressed WARC to its end to learn its offset, leaving nothing to read
                    capture = _capture(record, partial(_location, iterator, container, member))
                    location = capture.location if capture is not None else _location(iterator, container, member)
                    if suspect is not None:
                        if location.offset != suspect.location.offset:
                            yield suspect
                        suspect = None
                    if complaints.getvalue():
                        yield Broken(location, "a broken record (its Content-Length does not match its content)")
                        complaints.seek(0)
                        complaints.truncate()
                    if capture is not None:
                        yield capture
            if suspect is not None:
                yield suspect
            return
        except (ArchiveLoadFailed, OSError, EOFError, ValueError) as err:
            broken_at = max(start, iterator.offset)  # the end of the last record read whole
            if suspect is not None:
                yield suspect
            suspect = Broken(Location(container, member, broken_at), _why(err))
            # read again from there (a fresh reader may manage), then past it; never twice from one place
            following = _next_record(stream, broken_at if broken_at > retried_at else broken_at + 1)
            if following is None:
                yield suspect
                return
            start = retried_at = following


def _why(err: Exception) -> str:
    text = " ".join(str(err).split())
    if not text.isascii() or not text.isprintable():
        text = text.split(":", 1)[0]  # "Invalid WARC record, first line: <binary>": the words, not the bytes
    text = text[:120]
    return f"a broken record ({type(err).__name__}: {text})" if text else f"a broken record ({type(err).__name__})"


def _next_record(stream: IO[bytes], position: int) -> int | None:
    """The offset of the next thing that looks like the start of a record (plain or gzipped), or ``None``."""
    while True:
        stream.seek(position)
        chunk = stream.read(_RESYNC_CHUNK + len(_WARC_START))
        if not chunk:
            return None
        hits = [i for i in (chunk.find(_WARC_START), chunk.find(_GZIP_START)) if i >= 0]
        if hits:
            return position + min(hits)
        position += _RESYNC_CHUNK


def _location(iterator: ArchiveIterator, container: str, member: str) -> Location:
    """Where the record the iterator is on starts (reads it to its end when the WARC is not compressed)."""
    return Location(container, member, iterator.get_record_offset())


def _capture(record: object, locate: Callable[[], Location]) -> Capture | None:
    headers = record.rec_headers  # type: ignore[attr-defined]
    kind = record.rec_type  # type: ignore[attr-defined]
    url = headers.get_header("WARC-Target-URI") or ""
    if kind not in PAYLOAD_TYPES or not url:
        return None
    http = record.http_headers  # type: ignore[attr-defined]
    if http is not None:
        status = int(http.get_statuscode() or 0) if (http.get_statuscode() or "").isdigit() else 0
        content_type = http.get_header("Content-Type") or ""
    else:
        status = 200 if kind == "resource" else 0
        content_type = headers.get_header("Content-Type") or ""
    media_type, charset = parse_content_type(content_type)
    digest = headers.get_header("WARC-Payload-Digest") or ""
    if kind != "revisit" and is_page_type(media_type) and status == 200:
        # our own digest of the page: the article's id and the duplicate check must not depend on a
        # crawler having written one (and a revisit's digest names the payload it repeats)
        digest = digest or "sha256:" + hashlib.sha256(record.content_stream().read()).hexdigest()  # type: ignore[attr-defined]
    refers_to = (headers.get_header("WARC-Refers-To-Target-URI") or "").strip("<>")
    target = (http.get_header("Location") or "").strip() if http is not None else ""
    if kind == "response" and 300 <= status < 400 and target:
        refers_to = urljoin(url.strip("<>"), target)  # where the redirect leads
    return Capture(url=url.strip("<>"), date=headers.get_header("WARC-Date") or "", kind=kind, status=status,
                   media_type=media_type, charset=charset, digest=digest, location=locate(),
                   refers_to_url=refers_to,
                   refers_to_date=headers.get_header("WARC-Refers-To-Date") or "")


def parse_content_type(value: str) -> tuple[str, str]:
    """``text/html; charset=UTF-8`` -> (``text/html``, ``utf-8``)."""
    media_type, _, params = value.partition(";")
    charset = ""
    for param in params.split(";"):
        key, _, val = param.partition("=")
        if key.strip().lower() == "charset":
            charset = val.strip().strip("\"'").lower()
    return media_type.strip().lower(), charset


#: Media types of pages that can be articles.
PAGE_TYPES = ("text/html", "application/xhtml+xml")


def is_page_type(media_type: str) -> bool:
    """A page that can be an article (HTML or XHTML)."""
    return media_type in PAGE_TYPES


def read_payload(location: Location, max_bytes: int) -> bytes:
    """The payload (HTTP body, encodings undone) of the record at ``location``, at most ``max_bytes``.

    Raises ``SourceError`` when the record cannot be read or is larger than ``max_bytes``.
    """
    name = location.container + (f"!{location.member}" if location.member else "")
    with open_member(location.container, location.member) as stream:
        try:
            stream.seek(location.offset)
            record = next(iter(ArchiveIterator(stream)))
            data = record.content_stream().read(max_bytes + 1)
            if len(data) <= max_bytes and _cut_short(record):
                raise SourceError(f"{name} at byte {location.offset}: the record is cut short (the archive ends "
                                  "before the length its header gives); the page is left out, not converted in part")
        except (StopIteration, ArchiveLoadFailed, OSError, EOFError, ValueError) as err:
            raise SourceError(f"{name} at byte {location.offset}: {_why(err)}") from None
    if len(data) > max_bytes:
        raise SourceError(f"{name} at byte {location.offset}: over the {max_bytes}-byte limit")
    return data


def _cut_short(record: object) -> bool:
    """Whether the archive ended inside the record: its header's ``Content-Length`` promised bytes that
    are not there (a download or a copy stopped early). warcio gives what there is without a word."""
    raw = record.raw_stream  # type: ignore[attr-defined]
    while raw.read(65536):  # what the payload's decoding left (trailing bytes), read to the record's end
        pass
    return bool(getattr(raw, "limit", 0))


def payload_digest(data: bytes) -> str:
    """A digest of bytes, in the form ``sha256:<hex>`` (for ids and duplicate checks)."""
    return "sha256:" + hashlib.sha256(data).hexdigest()

