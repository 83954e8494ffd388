"""A content-addressed cache of the expensive steps (extraction, PDF parts), so a rebuild after changing
one article renders only that article.

Keys are SHA-256 digests of everything the result depends on: the input's resolved path and bytes (two
identical ``page.html`` in different folders use different pictures) or the part's HTML, the options and
limits, and the converter's version and code (``code_version``: an edited checkout starts afresh too).
What a key cannot hold is checked when the entry is read: an extraction records the fingerprint of every
file beside the input it read or looked for (``converter.policy.resources.recording``), and the entry is
used only while each file still has it (a picture replaced, deleted or added since is a miss).

Entries are written atomically with a SHA-256 checksum of their payload, verified on every read, and
the caller's decoder checks the content (a PDF part's page count against its PDF). A damaged entry
(garbage, truncated, a field missing) is a miss: it is removed, rebuilt, and counted in
``Cache.damaged``, which the CLI reports once; it is never an error.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import stat
from base64 import b64decode, b64encode
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path
from typing import TypeVar

from converter.article import Article, Resource
from converter.errors import ConverterError

log = logging.getLogger("converter.issue.cache")

T = TypeVar("T")

#: The first line of every entry; a new layout changes it, and old entries are misses.
MAGIC = b"converter-cache 2\n"

#: What a decoder may raise on an entry that is not what it claims (every such entry is a miss).
BAD_ENTRY = (ValueError, KeyError, TypeError, IndexError, AttributeError, UnicodeError)


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


@cache
def code_version() -> str:
    """The package's version and a digest of its code and data files: a checkout edited without a new
    version number must not be served the old code's results."""
    root = Path(__file__).resolve().parents[1]
    h = hashlib.sha256(converter_version().encode())
    for path in sorted(root.rglob("*")):
        if path.suffix in (".py", ".j2", ".css", ".json", ".toml") and "__pycache__" not in path.parts:
            with contextlib.suppress(OSError):
                h.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def digest(*parts: str | bytes) -> str:
    """A key from several parts; each is length-prefixed so ``("ab", "c")`` and ``("a", "bc")`` differ."""
    h = hashlib.sha256(code_version().encode())
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
    """Bytes under a key, in ``folder/<kind>/<key[:2]>/<key>``, each entry checksummed."""

    folder: Path
    damaged: set[str] = field(default_factory=set, compare=False, hash=False)
    """Entries found damaged (removed and rebuilt) during this run: ``kind/key``."""

    def get(self, kind: str, key: str) -> bytes | None:
        """The payload stored under ``key``, or ``None``: missing, unreadable, or failing its checksum."""
        path = self._path(kind, key)
        try:
            data = path.read_bytes()
        except OSError:
            return None
        payload = _verified(data)
        if payload is None:
            self.discard(kind, key)
        return payload

    def load(self, kind: str, key: str, decode: Callable[[bytes], T]) -> T | None:
        """The entry decoded by ``decode``; an entry it rejects (raising one of ``BAD_ENTRY``) is a miss."""
        data = self.get(kind, key)
        if data is None:
            return None
        try:
            return decode(data)
        except BAD_ENTRY as err:
            log.debug("cache entry %s/%s rejected: %s", kind, key, err)
            self.discard(kind, key)
            return None

    def discard(self, kind: str, key: str) -> None:
        """Remove a damaged entry (it is rebuilt) and count it."""
        self.damaged.add(f"{kind}/{key}")
        with contextlib.suppress(OSError):
            self._path(kind, key).unlink()

    def put(self, kind: str, key: str, data: bytes) -> None:
        """Store ``data``; a cache that cannot be written only costs speed, so errors are ignored."""
        from converter.render.writing import write_atomic

        path = self._path(kind, key)
        entry = MAGIC + hashlib.sha256(data).hexdigest().encode("ascii") + b"\n" + data
        with contextlib.suppress(OSError, ConverterError):
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, entry)

    def _path(self, kind: str, key: str) -> Path:
        return self.folder / kind / key[:2] / key


def _verified(data: bytes) -> bytes | None:
    """The payload of an entry whose checksum matches, else ``None``."""
    if not data.startswith(MAGIC):
        return None
    checksum, newline, payload = data[len(MAGIC):].partition(b"\n")
    if not newline or hashlib.sha256(payload).hexdigest().encode("ascii") != checksum:
        return None
    return payload


def damage_note(cache: Cache | None) -> str:
    """One line for the damaged entries found in this run ("" when none)."""
    if cache is None or not cache.damaged:
        return ""
    return (f"{len(cache.damaged)} damaged cache entr{'y was' if len(cache.damaged) == 1 else 'ies were'} "
            f"found in {cache.folder} and rebuilt")


def article_bytes(article: Article) -> bytes:
    """An Article as canonical JSON (pictures base64): the cache's form and the part keys' input."""
    data = asdict(article)
    data["resources"] = [{**r, "data": b64encode(r["data"]).decode("ascii")} for r in data["resources"]]
    return json.dumps(data, sort_keys=True, ensure_ascii=False).encode("utf-8")


def article_from_bytes(data: bytes) -> Article:
    """The Article ``article_bytes`` wrote; ``ValueError``/``KeyError``/``TypeError`` for anything else.

    Raises ``TypeError`` for an entry that is not an article's record (the cache reads it as a miss).
    """
    fields = json.loads(data)
    fields["resources"] = tuple(Resource(str(r["ref"]), str(r["media_type"]), b64decode(r["data"], validate=True))
                                for r in fields["resources"])
    fields["authors"], fields["tags"] = tuple(fields["authors"]), tuple(fields["tags"])
    article = Article(**fields)
    if not all(isinstance(getattr(article, name), str) for name in ("title", "body", "source", "language")):
        raise TypeError("an article field is not a text")
    return article
