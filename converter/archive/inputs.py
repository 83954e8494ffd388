"""What ``converter convert`` recognises as a web archive or a batch input, by name alone.

Kept apart from ``warc`` and ``run`` (warcio, fsspec, asyncio, sqlite, the process pool: about a fifth of a
one-page conversion's CPU time to import) so that converting one file never loads them.
"""

from __future__ import annotations

from pathlib import Path

#: File names read as web archives.
ARCHIVE_SUFFIXES = (".warc", ".warc.gz", ".wacz")


def is_archive(path: str | Path) -> bool:
    """Whether ``path`` names a web archive (by its suffix)."""
    return str(path).lower().endswith(ARCHIVE_SUFFIXES)


def is_batch_input(path: str | Path) -> bool:
    """A folder or a web archive: an input ``converter convert --out-dir`` mirrors instead of converting alone."""
    return Path(path).is_dir() or is_archive(path)
