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
   (``O_NONBLOCK`` so a FIFO cannot block, then ``fstat``).
4. At most ``Limits.max_resource_bytes`` bytes and ``Limits.max_image_pixels`` pixels, the pixels read
   from the header before anything decodes the picture; PNG, JPEG, GIF and WebP, sniffed from the
   bytes; SVG only when asked for (it can reference other files and run a parser).
5. The PDF engine additionally reads our packaged font files, and nothing else from disk.

Whatever is refused is logged as a warning naming it (strict mode turns that into an error).
"""

from __future__ import annotations

import base64
import binascii
import errno
import logging
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, unquote_to_bytes, urlsplit

from converter.article import Resource
from converter.image_header import ImageHeader, read_header
from converter.limits import Limits

log = logging.getLogger("converter.resources")

#: Percent-encoding still present after one decoding: ``%252e%252e`` was meant to become ``..`` later.
_STILL_ENCODED = re.compile(r"%[0-9a-fA-F]{2}")

#: Flags for every step of a local path: never follow a symlink, never wait on a FIFO.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)


class Refused(Exception):
    """A resource the policy does not allow; the message says why, for the warning."""


@dataclass(frozen=True)
class ResourcePolicy:
    """Reads pictures for one input, under the rules in this module's docstring."""

    folder: Path | None
    """The input's folder; ``None`` (in-memory input) allows only ``data:`` URIs."""
    allow_svg: bool = False
    """Embed SVG pictures too (off by default: SVG can reference files and needs an XML parser)."""
    limits: Limits = field(default_factory=Limits)

    def load(self, url: str) -> Resource | None:
        """The picture at ``url`` as a Resource, or ``None`` with a warning naming what was refused."""
        url = url.strip()
        try:
            data = self._read(url)
            header = check_picture(data, self.limits, self.allow_svg)
        except Refused as why:
            log.warning("blocked %s: %s", short(url), why)
            return None
        return Resource(ref=url, media_type=header.media_type, data=data)

    def _read(self, url: str) -> bytes:
        scheme = _scheme(url)
        if scheme == "data":
            return decode_data_uri(url, self.limits.max_resource_bytes)[1]
        if scheme in ("", "file"):
            return self._local_file(url)
        raise Refused("the converter works offline and never fetches from the network")

    def _local_file(self, url: str) -> bytes:
        if self.folder is None:
            raise Refused("only files beside the input are read, and this input is not a file")
        parts = relative_parts(url, self.folder)
        fd = open_beneath(self.folder, parts)
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > self.limits.max_resource_bytes:
            os.close(fd)
            if not stat.S_ISREG(info.st_mode):
                raise Refused("not a regular file (a folder, device or pipe)")
            raise Refused(f"{info.st_size} bytes, over the {self.limits.max_resource_bytes}-byte picture limit")
        with os.fdopen(fd, "rb") as fh:
            data = fh.read(self.limits.max_resource_bytes + 1)  # it may have grown since fstat
        if len(data) > self.limits.max_resource_bytes:
            raise Refused(f"over the {self.limits.max_resource_bytes}-byte picture limit")
        return data


def _scheme(url: str) -> str:
    """The URL's scheme, lower case; '' for a relative path (a Windows drive letter counts as a scheme)."""
    head = url.split("/", 1)[0]
    return urlsplit(url).scheme.lower() if ":" in head else ""


def relative_parts(url: str, folder: Path) -> list[str]:
    """The path segments ``url`` names below ``folder``, or ``Refused`` for any way out of it."""
    parts = urlsplit(url.replace("\\", "/"))
    if parts.netloc not in ("", "localhost"):
        raise Refused("a file on another host; only files beside the input are read")
    try:
        path = unquote(parts.path, errors="strict")
    except UnicodeDecodeError:
        raise Refused("percent-encoding that is not UTF-8") from None
    if "\x00" in path:
        raise Refused("a NUL byte in the path")
    if _STILL_ENCODED.search(path):
        raise Refused("percent-encoded twice")
    if path.startswith("/"):
        path = _below(path, folder)
    segments = [s for s in path.split("/") if s not in ("", ".")]
    if ".." in segments:
        raise Refused("a '..' step, out of the input's folder")
    if not segments:
        raise Refused("no file name")
    return segments


def _below(absolute: str, folder: Path) -> str:
    """An absolute path as a path relative to ``folder``, if it lies inside it (compared as written)."""
    base = str(folder.resolve()).rstrip("/") + "/"
    if not absolute.startswith(base):
        raise Refused("it lies outside the input's folder")
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
        raise Refused(_explain(err)) from None


def _step(dir_fd: int, name: str, extra: int) -> int:
    try:
        return os.open(name, _OPEN_FLAGS | extra, dir_fd=dir_fd)
    finally:
        os.close(dir_fd)


def _explain(err: OSError) -> str:
    if err.errno in (errno.ELOOP, errno.ENOTDIR):  # O_NOFOLLOW met a symlink (last step, or mid-path)
        return "a symbolic link (links are never followed)"
    return f"missing or unreadable ({err.strerror})"


def decode_data_uri(url: str, max_bytes: int) -> tuple[str, bytes]:
    """``data:image/png;base64,...`` -> (media type, bytes), refusing what does not decode or is too big."""
    header, comma, payload = url[5:].partition(",")
    if not comma:
        raise Refused("a data: URI without data")
    if len(payload) > max_bytes * 4 // 3 + 4:  # checked before decoding, so the bytes never exist
        raise Refused(f"a data: URI over the {max_bytes}-byte picture limit")
    try:
        data = (base64.b64decode(payload, validate=False) if header.lower().endswith(";base64")
                else unquote_to_bytes(payload))
    except (binascii.Error, ValueError):
        raise Refused("a data: URI that does not decode") from None
    if len(data) > max_bytes:
        raise Refused(f"a data: URI over the {max_bytes}-byte picture limit")
    return header.split(";")[0].lower() or "text/plain", data


def check_picture(data: bytes, limits: Limits, allow_svg: bool = False) -> ImageHeader:
    """The header of a picture we may embed, or ``Refused``: its type is sniffed, its pixels counted."""
    header = read_header(data, allow_svg)
    if header is None:
        raise Refused("not a PNG, JPEG, GIF or WebP picture" + (" or SVG" if allow_svg else ""))
    if header.pixels > limits.max_image_pixels:
        raise Refused(f"{header.width} x {header.height} pixels, over the {limits.max_image_pixels:,}-pixel limit")
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
    raise Refused("the PDF engine reads only embedded pictures and the converter's fonts")


def short(url: str) -> str:
    """A URL short enough for a one-line message."""
    return url if len(url) <= 80 else url[:60] + "..." + url[-12:]
