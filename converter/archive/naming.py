"""Where an article's editions go under the output folder: its URL's host and path, or its file's path.

``https://news.example/2024/05/story.html`` -> ``news.example/2024/05/story`` (then ``.pdf``, ``.epub``,
``.md``). Each segment goes through ``safe_filename`` (no separators, no control characters, no Windows
device names, bounded length); a URL with a query, or one that had to be changed to be safe, gets a
short hash of the whole URL so two addresses never share a name. The same URL gives the same name in
every run.
"""

from __future__ import annotations

import hashlib
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from converter.render.writing import safe_filename

#: Suffixes a page's address may end in that the edition's name drops.
PAGE_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml", ".php", ".asp", ".aspx", ".jsp")

#: Deepest folder tree mirrored (deeper paths are folded into the last segment's name).
MAX_DEPTH = 12

#: What a URL whose path is "/" is named after its host.
FRONT_NAME = "index"


def url_name(url: str) -> str:
    """The edition's path for ``url``, relative to the output folder and without an extension (POSIX)."""
    parts = urlsplit(url)
    host = _segment(parts.hostname or "site")
    raw = [unquote(s) for s in parts.path.split("/") if s and s not in (".", "..")]
    if raw and raw[-1].lower().endswith(PAGE_SUFFIXES):
        raw[-1] = raw[-1].rsplit(".", 1)[0]
    raw = raw or [FRONT_NAME]
    if len(raw) > MAX_DEPTH:
        raw = [*raw[:MAX_DEPTH - 1], "-".join(raw[MAX_DEPTH - 1:])]
    safe = [_segment(s) for s in raw]
    changed = any(a != b for a, b in zip(safe, raw, strict=True)) or bool(parts.query)
    if changed:
        safe[-1] = f"{safe[-1][:80]}-{url_hash(url)}"
    return str(PurePosixPath(host, *safe))


def file_name(relative: PurePosixPath) -> str:
    """The edition's path for an input file at ``relative`` below its folder: the same path, no extension."""
    parts = [_segment(p) for p in relative.with_suffix("").parts if p not in ("", ".", "..")]
    return str(PurePosixPath(*parts)) if parts else "article"


def with_hash(name: str, source: str) -> str:
    """``name`` made unique for ``source`` (when another source already has it)."""
    return f"{name}-{url_hash(source)}"


def url_hash(text: str) -> str:
    """Eight hex digits of the text's SHA-1: short, stable, and distinct enough within one site."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


def _segment(text: str) -> str:
    name = safe_filename(text, "")
    return name if name not in ("", ".", "..") else "article"
