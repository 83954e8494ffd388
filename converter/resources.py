"""The resource policy: what the converter may read besides the input, in one place.

It reads only ``data:`` URIs and regular files whose real path lies inside the input's folder (no
symlink out of it, no ``..``, no ``file://host/``, no device or pipe), under a byte cap, sniffed as a
picture format we embed. It never opens a network connection: remote URLs are refused and reported,
so the outputs show a placeholder instead. WeasyPrint gets the same policy as its URL fetcher; by the
time it runs, pictures are already embedded, so it only needs our own fonts and ``data:`` URIs.
"""

from __future__ import annotations

import base64
import binascii
import logging
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from converter.article import Resource

log = logging.getLogger("converter.resources")

#: Largest picture embedded, in bytes.
MAX_RESOURCE_BYTES = 15 * 1024 * 1024

#: Magic numbers of the picture formats we embed -> media type.
SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
)


def sniff_image(data: bytes, allow_svg: bool = False) -> str | None:
    """The media type of a picture we embed, from its first bytes (never from its name)."""
    for magic, media_type in SIGNATURES:
        if data.startswith(magic):
            return media_type
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    if allow_svg and b"<svg" in data[:1024]:
        return "image/svg+xml"
    return None


@dataclass(frozen=True)
class ResourcePolicy:
    """Reads pictures for one input, under the rules in this module's docstring."""

    folder: Path | None
    """The input's folder; ``None`` (in-memory input) allows only ``data:`` URIs."""
    allow_svg: bool = False
    max_bytes: int = MAX_RESOURCE_BYTES

    def load(self, url: str) -> Resource | None:
        """The picture at ``url`` as a Resource, or ``None`` with a warning naming what was refused."""
        url = url.strip()
        data = self._read(url)
        if data is None:
            return None
        media_type = sniff_image(data, self.allow_svg)
        if media_type is None:
            log.warning("blocked %s: not a PNG, JPEG, GIF or WebP picture", _short(url))
            return None
        return Resource(ref=url, media_type=media_type, data=data)

    def _read(self, url: str) -> bytes | None:
        scheme = urlsplit(url).scheme.lower() if ":" in url[:12] else ""
        if scheme == "data":
            return self._data_uri(url)
        if scheme in ("", "file"):
            return self._local_file(url)
        log.warning("not fetched %s: the converter works offline", _short(url))
        return None

    def _data_uri(self, url: str) -> bytes | None:
        header, _, payload = url[5:].partition(",")
        try:
            data = (base64.b64decode(payload, validate=False) if header.endswith(";base64")
                    else unquote(payload).encode("latin-1", "replace"))
        except (binascii.Error, ValueError):
            log.warning("blocked a data: URI that does not decode")
            return None
        if len(data) > self.max_bytes:
            log.warning("blocked a %d-byte data: URI: over the %d-byte picture limit", len(data), self.max_bytes)
            return None
        return data

    def _local_file(self, url: str) -> bytes | None:
        path = self.inside_folder(url)
        if path is None:
            return None
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
        except OSError:
            log.warning("missing picture %s", _short(url))
            return None
        with os.fdopen(fd, "rb") as fh:
            info = os.fstat(fh.fileno())
            if not stat.S_ISREG(info.st_mode) or info.st_size > self.max_bytes:
                log.warning("blocked %s: not a regular file under %d bytes", _short(url), self.max_bytes)
                return None
            return fh.read(self.max_bytes + 1)[: self.max_bytes]

    def inside_folder(self, url: str) -> Path | None:
        """The real path ``url`` names if it lies inside the input's folder, else ``None`` (and a warning)."""
        parts = urlsplit(url)
        if self.folder is None or (parts.scheme == "file" and parts.netloc not in ("", "localhost")):
            log.warning("blocked %s: only files beside the input are read", _short(url))
            return None
        raw = unquote(parts.path)
        if not raw or "\x00" in raw:
            return None
        folder = self.folder.resolve()
        target = Path(raw) if parts.scheme == "file" else folder / raw
        real = Path(os.path.realpath(target))
        if real != folder and folder not in real.parents:
            log.warning("blocked %s: it lies outside the input's folder", _short(url))
            return None
        return real


def _short(url: str) -> str:
    return url if len(url) <= 80 else url[:60] + "..." + url[-12:]
