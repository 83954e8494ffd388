"""The resource policy: what the converter may read besides the input, in one place.

Every output goes through it. The HTML extractor gets ``ResourcePolicy.load`` as its
``load_resource`` callback and keeps what it returns in ``Article.resources``; the HTML, EPUB and
PDF editions embed only those; WeasyPrint's URL fetcher (``pdf_out``) serves only what
``pdf_engine_resource`` allows. The rules:

1. No network, ever: ``http``, ``https``, ``ftp``, ``//host/`` and every other scheme are refused.
2. ``data:`` URIs are decoded in memory.
3. Local files only inside the input's folder, named by a relative path or a ``file:`` URL without a
   host: no ``..`` segment, no percent-encoding left after one decoding, no symlink at any step
   (each step opened with ``O_NOFOLLOW`` below the folder's descriptor), regular files only
   (``O_NONBLOCK`` so a FIFO cannot block, then ``fstat``) with one name: a file with several hard
   links may be a second name of a file outside the folder, so it is refused like a symlink.
4. At most ``Limits.max_resource_bytes`` bytes and ``Limits.max_image_pixels`` pixels, the pixels read
   from the header before anything decodes the picture; PNG, JPEG, GIF and WebP, sniffed from the
   bytes; SVG only when asked for (it can reference other files and run a parser).
5. The PDF engine additionally reads our packaged font files, and nothing else from disk.

Whatever is refused is logged naming it, at the level its ``Reason`` has in ``SEVERITY``. What is normal
in a saved page is INFO: a picture on the web (``https:``, ``//host/``; the Markdown keeps it as a link and
the HTML, PDF and EPUB show a placeholder with its alt text), and a picture that was not saved beside the
page ("Save page as HTML only" leaves ``hmhome.gif`` and ``page_files/`` behind) or that an in-memory
input cannot have. What is suspicious, or means the output lost something it had, is a WARNING, which
strict mode turns into an error: a path out of the folder, a ``file:`` URL, another scheme, a symlink,
a file over the caps, a file that is not a picture or cannot be read.
"""

from __future__ import annotations

import base64
import binascii
import errno
import hashlib
import logging
import os
import re
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from urllib.parse import unquote, unquote_to_bytes, urlsplit

from converter.article import Resource
from converter.policy.image_header import ImageHeader, read_header
from converter.policy.limits import Limits

log = logging.getLogger("converter.policy.resources")

#: Percent-encoding still present after one decoding: ``%252e%252e`` was meant to become ``..`` later.
_STILL_ENCODED = re.compile(r"%[0-9a-fA-F]{2}")

#: Flags for every step of a local path: never follow a symlink, never wait on a FIFO.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)


class Reason(Enum):
    """Why a resource was refused; ``SEVERITY`` says how loudly that is reported."""

    REMOTE = "remote"
    """``http:``, ``https:`` or ``//host/``: a picture on the web, never fetched."""
    NOT_SAVED = "not saved"
    """A bare file name or a path into a browser's save folder (``page_files/``) with no file there ("Save
    page as HTML only"), or any path when the input is not a file (MHTML, a string)."""
    MISSING = "missing"
    """Any other relative path with no file there (``images/hive.jpg``): the page's own picture is lost."""
    OUTSIDE = "outside"
    """Out of the input's folder: an absolute path elsewhere, a ``..`` step, a file on another host."""
    FILE_URL = "file URL"
    """A ``file:`` URL that is not read, whatever the cause: saved pages do not hold them."""
    SCHEME = "scheme"
    """Any other scheme (``ftp:``, ``javascript:``, ``cid:``, a drive letter ``C:``)."""
    DISGUISED = "disguised"
    """Tricks on the path or the file: double percent-encoding, NUL, a symlink, a FIFO or a folder."""
    TOO_BIG = "too big"
    """Over ``Limits.max_resource_bytes`` or ``Limits.max_image_pixels``."""
    BROKEN = "broken"
    """Not a picture we embed, a broken header, a ``data:`` URI that does not decode, a read error."""

    @property
    def level(self) -> int:
        return SEVERITY[self]


#: How each refusal is logged. WARNING fails strict mode (``converter.policy.strict``); INFO is what nearly every
#: saved page holds and says nothing about the page being wrong, so ``--strict`` works on real pages.
SEVERITY: dict[Reason, int] = {
    Reason.REMOTE: logging.INFO,
    Reason.NOT_SAVED: logging.INFO,
    Reason.MISSING: logging.WARNING,
    Reason.OUTSIDE: logging.WARNING,
    Reason.FILE_URL: logging.WARNING,
    Reason.SCHEME: logging.WARNING,
    Reason.DISGUISED: logging.WARNING,
    Reason.TOO_BIG: logging.WARNING,
    Reason.BROKEN: logging.WARNING,
}

#: The message of a remote refusal (the converter never fetches).
OFFLINE = "the converter works offline and never fetches from the network"


class Refused(Exception):
    """A resource the policy does not allow; the message says why, ``reason`` how loudly to report it."""

    def __init__(self, message: str, reason: Reason = Reason.BROKEN) -> None:
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True)
class ResourcePolicy:
    """Reads pictures for one input, under the rules in this module's docstring."""

    folder: Path | None
    """The input's folder; ``None`` (in-memory input) allows only ``data:`` URIs."""
    allow_svg: bool = False
    """Embed SVG pictures too (off by default: SVG can reference files and needs an XML parser)."""
    limits: Limits = field(default_factory=Limits)
    every_loss_warns: bool = False
    """Log every refusal as a WARNING (strict mode stops at it): for Markdown, whose pictures are its
    author's own, a picture on the web or not beside the file is lost from the edition, not page noise."""

    def load(self, url: str) -> Resource | None:
        """The picture at ``url`` as a Resource, or ``None``, logged at its reason's level (``SEVERITY``).

        Its pixels are not decoded here: a picture whose header is sound but whose data is not is kept in
        the Markdown, and each renderer shows its placeholder (``check_decodes``)."""
        url = url.strip()
        data = None
        if not url:  # <img src="">: nothing was lost, nothing to name
            log.info("not read a picture with an empty address (src=\"\"): there is nothing to read")
            return None
        try:
            data = self._read(url)
            header = check_picture(data, self.limits, self.allow_svg)
        except Refused as why:
            report(why, url, level=logging.WARNING if self.every_loss_warns else None)
            return None
        finally:
            _record(url, data)
        return Resource(ref=url, media_type=header.media_type, data=data)

    def fingerprint(self, url: str) -> str:
        """What ``load`` would read at ``url`` now, as a digest (``"-"``: nothing, or refused); logs nothing.
        A cache compares it with the one ``recording`` kept to know whether a picture changed."""
        try:
            return _digest(self._read(url.strip()))
        except Refused:
            return _digest(None)

    def _read(self, url: str) -> bytes:
        scheme = _scheme(url)
        if scheme == "data":
            return decode_data_uri(url, self.limits.max_resource_bytes)[1]
        if scheme == "file":
            try:
                return self._local_file(url)
            except Refused as why:
                if why.reason is Reason.MISSING:  # a file: URL is blocked as such, whatever its folder
                    raise Refused("missing: not saved beside the page", Reason.FILE_URL) from None
                raise Refused(str(why), max(why.reason, Reason.FILE_URL, key=SEVERITY.__getitem__)) from None
        if is_remote(url):
            raise Refused(OFFLINE, Reason.REMOTE)
        if scheme == "":
            return self._local_file(url)
        raise Refused(f"the {scheme}: scheme is not read; {OFFLINE}", Reason.SCHEME)

    def _local_file(self, url: str) -> bytes:
        if self.folder is None:
            relative_parts(url, None)  # a way out of the folder is refused as such, even with no folder
            raise Refused("only files beside the input are read, and this input is not a file", Reason.NOT_SAVED)
        parts = relative_parts(url, self.folder)
        try:
            fd = open_beneath(self.folder, parts)
        except Refused as why:
            if why.reason is Reason.NOT_SAVED and not is_browser_save_path(parts):
                raise Refused("no such file beside the page; the output shows its caption or alt text instead",
                              Reason.MISSING) from None
            raise
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > self.limits.max_resource_bytes or info.st_nlink > 1:
            os.close(fd)
            if not stat.S_ISREG(info.st_mode):
                raise Refused("not a regular file (a folder, device or pipe)", Reason.DISGUISED)
            if info.st_nlink > 1:  # maybe a second name of a file outside the folder: links are never followed
                raise Refused(f"a file with {info.st_nlink} hard links (links are never followed)", Reason.DISGUISED)
            raise Refused(f"{info.st_size} bytes, over the {self.limits.max_resource_bytes}-byte picture limit",
                          Reason.TOO_BIG)
        with os.fdopen(fd, "rb") as fh:
            data = fh.read(self.limits.max_resource_bytes + 1)  # it may have grown since fstat
        if len(data) > self.limits.max_resource_bytes:
            raise Refused(f"over the {self.limits.max_resource_bytes}-byte picture limit", Reason.TOO_BIG)
        return data


#: The local files read or looked for while recording (``recording``): url -> digest.
_RECORD: ContextVar[dict[str, str] | None] = ContextVar("converter_resource_record", default=None)


@contextmanager
def recording() -> Iterator[dict[str, str]]:
    """Within the block, every file beside the input that a policy reads or looks for is recorded in the
    dictionary yielded: ``url -> fingerprint`` (``ResourcePolicy.fingerprint``'s form). What a result
    depends on besides the input's bytes, for a cache to check (``converter.issue.cache``)."""
    found: dict[str, str] = {}
    token = _RECORD.set(found)
    try:
        yield found
    finally:
        _RECORD.reset(token)


def _record(url: str, data: bytes | None) -> None:
    found = _RECORD.get()
    if found is not None and _scheme(url) in ("", "file") and not is_remote(url):
        found.setdefault(url, _digest(data))


def _digest(data: bytes | None) -> str:
    return hashlib.sha256(data).hexdigest() if data is not None else "-"


def check_decodes(data: bytes, header: ImageHeader) -> None:
    """``Refused`` for a picture whose header is sound but whose pixels cannot be decoded (no image data,
    a truncated or corrupt stream): the PDF engine would stop on it, a reader would show a broken icon."""
    if header.media_type == "image/svg+xml":
        return
    from converter.policy.picture_check import decode_problem

    problem = decode_problem(data)
    if problem:
        raise Refused(f"the picture cannot be decoded ({problem})")


def report(why: Refused, url: str, logger: logging.Logger = log, level: int | None = None) -> None:
    """Log a refusal at ``level`` (default: its reason's): ``blocked`` or ``missing`` (warnings) or ``not
    read`` (a picture on the web or not saved, INFO in pages)."""
    verb = ("missing" if why.reason is Reason.MISSING
            else "blocked" if why.reason.level >= logging.WARNING else "not read")
    logger.log(why.reason.level if level is None else level, "%s %s: %s", verb,
               short(url) or "a picture with an empty address", why)


def is_remote(url: str) -> bool:
    """An address on the web: ``http:``, ``https:`` or protocol-relative ``//host/`` (not ``\\\\host``)."""
    url = url.strip()
    return _scheme(url) in ("http", "https") or (url.startswith("//") and len(url) > 2 and url[2] not in "/\\")


def _scheme(url: str) -> str:
    """The URL's scheme, lower case; '' for a relative path (a Windows drive letter counts as a scheme)."""
    head = url.split("/", 1)[0]
    return urlsplit(url).scheme.lower() if ":" in head else ""


def relative_parts(url: str, folder: Path | None) -> list[str]:
    """The path segments ``url`` names below ``folder``, or ``Refused`` for any way out of it."""
    parts = urlsplit(url.replace("\\", "/"))
    if parts.netloc not in ("", "localhost"):
        raise Refused("a file on another host; only files beside the input are read", Reason.OUTSIDE)
    try:
        path = unquote(parts.path, errors="strict")
    except UnicodeDecodeError:
        raise Refused("percent-encoding that is not UTF-8", Reason.DISGUISED) from None
    if "\x00" in path:
        raise Refused("a NUL byte in the path", Reason.DISGUISED)
    if _STILL_ENCODED.search(path):
        raise Refused("percent-encoded twice", Reason.DISGUISED)
    if path.startswith("/"):
        path = _below(path, folder)
    segments = [s for s in path.split("/") if s not in ("", ".")]
    if ".." in segments:
        raise Refused("a '..' step, out of the input's folder", Reason.OUTSIDE)
    if not segments:
        raise Refused("the address names a folder, not a file")
    return segments


def _below(absolute: str, folder: Path | None) -> str:
    """An absolute path as a path relative to ``folder``, if it lies inside it (compared as written)."""
    base = str(folder.resolve()).rstrip("/") + "/" if folder is not None else None
    if base is None or not absolute.startswith(base):
        raise Refused("it lies outside the input's folder", Reason.OUTSIDE)
    return absolute[len(base):]


def open_beneath(folder: Path, segments: list[str]) -> int:
    """A descriptor for ``folder/segments...``, opened one step at a time without following any symlink."""
    try:
        fd = os.open(folder.resolve(), _OPEN_FLAGS | os.O_DIRECTORY)
    except OSError as err:
        raise Refused(f"the input's folder cannot be opened ({err.strerror})") from None
    try:
        for step in segments[:-1]:
            fd = _step(fd, step, os.O_DIRECTORY)
        return _step(fd, segments[-1], 0)
    except OSError as err:
        raise _explain(err) from None


def _step(dir_fd: int, name: str, extra: int) -> int:
    try:
        return os.open(name, _OPEN_FLAGS | extra, dir_fd=dir_fd)
    finally:
        os.close(dir_fd)


#: Folder names browsers give a saved page's files (Firefox/Chrome ``x_files``, German ``x-Dateien``, ...).
BROWSER_SAVE_FOLDER = re.compile(r"[-_](files|dateien|fichiers|archivos|bestanden|file)$", re.IGNORECASE)


def is_browser_save_path(parts: list[str]) -> bool:
    """A bare file name (``hmhome.gif``) or a path into a browser's save folder (``page_files/x.png``):
    what a page saved "HTML only" names and was never given, so its absence is normal (INFO)."""
    return len(parts) <= 1 or bool(BROWSER_SAVE_FOLDER.search(parts[0]))


def _explain(err: OSError) -> Refused:
    if err.errno in (errno.ELOOP, errno.ENOTDIR):  # O_NOFOLLOW met a symlink (last step, or mid-path)
        return Refused("a symbolic link (links are never followed)", Reason.DISGUISED)
    if err.errno == errno.ENOENT:  # "Save page as HTML only" saves no pictures: common, not a fault
        return Refused("missing: not saved beside the page", Reason.NOT_SAVED)
    return Refused(f"unreadable ({err.strerror})")


def decode_data_uri(url: str, max_bytes: int) -> tuple[str, bytes]:
    """``data:image/png;base64,...`` -> (media type, bytes), refusing what does not decode or is too big."""
    header, comma, payload = url[5:].partition(",")
    if not comma:
        raise Refused("a data: URI without data")
    if len(payload) > max_bytes * 4 // 3 + 4:  # checked before decoding, so the bytes never exist
        raise Refused(f"a data: URI over the {max_bytes}-byte picture limit", Reason.TOO_BIG)
    try:
        data = (base64.b64decode(payload, validate=False) if header.lower().endswith(";base64")
                else unquote_to_bytes(payload))
    except (binascii.Error, ValueError):
        raise Refused("a data: URI that does not decode") from None
    if len(data) > max_bytes:
        raise Refused(f"a data: URI over the {max_bytes}-byte picture limit", Reason.TOO_BIG)
    return header.split(";")[0].lower() or "text/plain", data


def check_picture(data: bytes, limits: Limits, allow_svg: bool = False) -> ImageHeader:
    """The header of a picture we may embed, or ``Refused``: its size in bytes checked, its type sniffed, its
    pixels counted (``Limits.max_resource_bytes``, ``Limits.max_image_pixels``)."""
    if len(data) > limits.max_resource_bytes:
        raise Refused(f"{len(data)} bytes, over the {limits.max_resource_bytes}-byte picture limit", Reason.TOO_BIG)
    header = read_header(data, allow_svg)
    if header is None and read_header(data, allow_svg=True) is not None:
        raise Refused("not a PNG, JPEG, GIF or WebP picture but SVG, which is left out (an SVG picture can carry "
                      "scripts and name other files)")
    if header is None:
        raise Refused("not a PNG, JPEG, GIF or WebP picture" + (" or SVG" if allow_svg else ""))
    if header.pixels > limits.max_image_pixels:
        raise Refused(f"{header.width} x {header.height} pixels, over the {limits.max_image_pixels:,}-pixel limit",
                      Reason.TOO_BIG)
    if header.media_type != "image/svg+xml" and header.pixels == 0:
        raise Refused("a picture of zero pixels (a broken header)")
    return header


def pdf_engine_resource(url: str, limits: Limits, font_files: frozenset[Path]) -> tuple[str, bytes]:
    """What the PDF engine may read: embedded pictures as ``data:`` URIs and our font files; else ``Refused``."""
    if _scheme(url) == "data":
        _, data = decode_data_uri(url, limits.max_resource_bytes)
        return check_picture(data, limits).media_type, data
    parts = urlsplit(url)
    if parts.scheme == "file" and parts.netloc in ("", "localhost"):
        path = Path(unquote(parts.path))
        if path in font_files:
            return "font/ttf", path.read_bytes()
    if is_remote(url):
        raise Refused(OFFLINE, Reason.REMOTE)
    raise Refused("the PDF engine reads only embedded pictures and the converter's fonts", Reason.OUTSIDE)


def short(url: str) -> str:
    """A URL short enough for a one-line message."""
    return url if len(url) <= 80 else url[:60] + "..." + url[-12:]
