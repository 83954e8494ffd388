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


def not_an_article(name: str | Path) -> str:
    """Why a web archive is not read as one article (by ``converter.extract`` or in an issue), and the
    command that converts its pages, whose Markdown an issue then takes."""
    return (f"{name}: is a web archive (.warc, .warc.gz, .wacz), not one article; convert its pages first "
            f"with 'converter convert {name} --out-dir DIR --to md', then give 'converter issue' the site's "
            "folder of Markdown under DIR")
