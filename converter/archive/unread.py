"""The files of an input folder that ``convert DIR --out-dir`` does not read, and why, for ``skipped.jsonl``.

A folder run converts the article files (``converter.load.source.EXTENSION_KINDS``) and the web archives;
until now everything else was passed over in silence, so a ``notes.docx`` or a stray picture looked
converted. Each file is told by the first rule that matches:

- hidden (a name starting with ``.``: ``.DS_Store``, ``.git/``): silent. They are the system's or a
  tool's own files, present in most folders and never meant as articles; listing them would bury the
  useful lines (the folder walk never enters hidden folders either).
- the page's own folder (``page_files/`` beside ``page.html``, as a browser saves it): silent. It holds
  the page's stylesheets and scripts besides its pictures, which are the page's, not inputs.
- a picture an input uses (read or looked for while extracting it, ``converter.policy.resources``):
  silent, it is converted with that article.
- ``unused_picture``: a picture no input uses.
- ``not_an_input``: any other file, a kind ``convert`` does not read (``.docx``, ``.json``, ``.pdf``).
"""

from __future__ import annotations

import mimetypes
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

from converter.archive.inputs import is_archive
from converter.archive.pages import Skip
from converter.load.source import EXTENSION_KINDS

#: The ``skipped.jsonl`` rules this module gives (a run forgets its earlier rows of these before listing).
UNREAD_RULES = ("unused_picture", "not_an_input")

#: Suffixes of the pages a browser saves with a ``<stem>_files/`` folder beside them.
_PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")


def unread_files(folder: Path, used: Iterable[Path]) -> Iterator[tuple[Path, Skip]]:
    """Each file under ``folder`` (no hidden name, no symlinked folder entered) that a folder run does not
    read, with the rule and reason; ``used``: the resolved paths of the files the inputs used."""
    kept = set(used)
    for top, dirs, files in os.walk(folder, followlinks=False):
        here = Path(top)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not _page_folder(here / d)
                         and not (here / d).is_symlink())
        for name in sorted(files):
            path = here / name
            suffix = path.suffix.lower()
            if name.startswith(".") or suffix in EXTENSION_KINDS or is_archive(path) or path.is_symlink():
                continue
            if (mimetypes.guess_type(name)[0] or "").startswith("image/"):
                if path.resolve() not in kept:
                    yield path, Skip("unused_picture", "a picture no input uses; a picture is converted with "
                                                       "the article that shows it")
                continue
            what = f"a {suffix} file" if suffix else "a file without an extension"
            yield path, Skip("not_an_input", f"{what}, not an input convert reads (.txt, .md, .html, .mhtml, "
                                             "a feed, a web archive)")


def used_paths(source: str, urls: Iterable[str]) -> Iterator[Path]:
    """The files an input file used, resolved: each recorded address is relative to the input's folder."""
    base = Path(source).parent
    for url in urls:
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or not parts.path:
            continue
        yield (base / unquote(parts.path)).resolve()


def _page_folder(folder: Path) -> bool:
    """``page_files`` beside ``page.html`` (or ``.htm`` ...): a saved page's own folder."""
    if not folder.name.endswith("_files"):
        return False
    stem = folder.name[: -len("_files")]
    return any((folder.parent / f"{stem}{suffix}").is_file() for suffix in _PAGE_SUFFIXES)
