"""A content-addressed cache of the expensive steps (extraction, PDF parts), so a rebuild after changing
one article renders only that article.

Keys are SHA-256 digests of everything the result depends on: the input's bytes or the article, the
options, and the converter's version (a new version may render differently, so it starts afresh).
Entries are written atomically; a corrupt or unreadable entry is a miss, never an error.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
from base64 import b64decode, b64encode
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path

from converter.article import Article, Resource
from converter.errors import ConverterError


def default_folder() -> Path:
    """``$XDG_CACHE_HOME/converter``, else ``~/.cache/converter``."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "converter"


def converter_version() -> str:
    """This package's installed version (part of every cache key)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("converter")
    except PackageNotFoundError:
        return "0+unknown"


#: Where fontconfig finds fonts on Linux and macOS: a font installed or removed changes the mtime of one of
#: these folders or of a folder inside them, and with it what a cached PDF part would look like.
FONT_FOLDERS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.local/share/fonts", "~/.fonts",
                "/Library/Fonts", "~/Library/Fonts")


@cache
def rendering_environment() -> str:
    """What a PDF part depends on besides its HTML: the PDF engine's version and the installed fonts
    (folder mtimes, two levels deep; a change only costs a re-render)."""
    from importlib.metadata import PackageNotFoundError, version

    stamps = []
    for package in ("weasyprint", "pydyf", "tinycss2"):
        with contextlib.suppress(PackageNotFoundError):
            stamps.append(f"{package} {version(package)}")
    for folder in (Path(f).expanduser() for f in FONT_FOLDERS):
        with contextlib.suppress(OSError):
            stamps.append(f"{folder} {folder.stat().st_mtime_ns}")
            for child in sorted(folder.iterdir()):
                if child.is_dir():
                    stamps.append(f"{child} {child.stat().st_mtime_ns}")
    return "\n".join(stamps)


def digest(*parts: str | bytes) -> str:
    """A key from several parts; each is length-prefixed so ``("ab", "c")`` and ``("a", "bc")`` differ."""
    h = hashlib.sha256(converter_version().encode())
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


def file_digest(path: Path, max_bytes: int, chunk: int = 1024 * 1024) -> str:
    """SHA-256 of a file's bytes, read in chunks (memory stays at one chunk whatever the size); "" for a
    file that is not a regular file, cannot be read, or is over ``max_bytes`` (it will be refused when
    read, so it needs no key, and a 3 GB input is never hashed)."""
    h = hashlib.sha256()
    try:
        with open(path, "rb", buffering=0) as fh:
            info = os.fstat(fh.fileno())
            if not stat.S_ISREG(info.st_mode) or info.st_size > max_bytes:
                return ""
            size = 0
            while part := fh.read(chunk):
                size += len(part)
                if size > max_bytes:
                    return ""
                h.update(part)
    except OSError:
        return ""
    return h.hexdigest()


@dataclass(frozen=True)
class Cache:
    """Bytes under a key, in ``folder/<kind>/<key[:2]>/<key>``."""

    folder: Path

    def get(self, kind: str, key: str) -> bytes | None:
        try:
            return self._path(kind, key).read_bytes()
        except OSError:
            return None

    def put(self, kind: str, key: str, data: bytes) -> None:
        """Store ``data``; a cache that cannot be written only costs speed, so errors are ignored."""
        from converter.render.writing import write_atomic

        path = self._path(kind, key)
        with contextlib.suppress(OSError, ConverterError):
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, data)

    def _path(self, kind: str, key: str) -> Path:
        return self.folder / kind / key[:2] / key


def article_bytes(article: Article) -> bytes:
    """An Article as canonical JSON (pictures base64): the cache's form and the part keys' input."""
    data = asdict(article)
    data["resources"] = [{**r, "data": b64encode(r["data"]).decode("ascii")} for r in data["resources"]]
    return json.dumps(data, sort_keys=True, ensure_ascii=False).encode("utf-8")


def article_from_bytes(data: bytes) -> Article:
    """The Article ``article_bytes`` wrote."""
    fields = json.loads(data)
    fields["resources"] = tuple(Resource(r["ref"], r["media_type"], b64decode(r["data"])) for r in fields["resources"])
    fields["authors"], fields["tags"] = tuple(fields["authors"]), tuple(fields["tags"])
    return Article(**fields)
