"""One confinement rule for every path the user did not type on the command line.

A path typed on the command line (an input, ``--manifest``, ``--cover``, ``--template``) is the user's
choice and is read as given. Every other path is named by a file someone else may have written (an issue
manifest's ``cover``, its article paths and globs) or found by walking a folder, and must stay inside its
*root*: the manifest's folder, or the folder given as input. The rule, in order:

1. written relative: an absolute path or a ``..`` step is refused (it names the way out as written);
2. after resolving every symbolic link, the file lies inside the root (a symlink planted in the folder
   that points out of it is refused; one that points to another file inside is followed);
3. a regular file with one name: a file with several hard links may be a second name of a file outside
   the folder (``ln ~/.ssh/id_rsa page/cover.jpg``), and nothing in the file tells which, so it is refused,
   as the resource policy refuses pictures with several links.

``--allow-outside DIR`` (``Confinement.allowed``) adds folders the user vouches for: a path that resolves
inside one of them passes rules 1 and 2. Rule 3 has no exception.
"""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path, PurePath

from converter.errors import UsageError

log = logging.getLogger("converter.policy.confine")


class OutsideError(UsageError):
    """A path that breaks the confinement rule; the message names the path, the root and the way out."""


@dataclass(frozen=True)
class Confinement:
    """Where the paths a file or a folder names may lead."""

    root: Path
    """The folder they must stay in (resolved on creation)."""
    allowed: tuple[Path, ...] = ()
    """Folders the user allowed besides (``--allow-outside DIR``)."""

    @staticmethod
    def of(root: Path, allowed: Iterable[str | os.PathLike[str]] | str | os.PathLike[str] = ()) -> Confinement:
        """``root``'s rule; ``allowed`` is folders, or one folder (a ``str`` is never read as its characters:
        ``"/"`` among them would allow the whole file system)."""
        if isinstance(allowed, (str, os.PathLike)):
            allowed = (allowed,)
        return Confinement(Path(root).resolve(), tuple(Path(a).resolve() for a in allowed))

    def written(self, relative: str, what: str) -> Path:
        """``root / relative`` if ``relative`` is written as a path below the root (rule 1), or inside
        an allowed folder; raises ``OutsideError``."""
        pure = PurePath(relative)
        path = Path(os.path.normpath(self.root / pure))
        if (pure.is_absolute() or ".." in pure.parts) and not self._allowed(path):
            raise OutsideError(f"{what} {relative!r}: leaves the folder {self.root}; paths in it must stay inside "
                               "(--allow-outside DIR allows a folder)")
        return self.root / pure

    def resolved(self, path: Path, what: str) -> Path:
        """``path`` if, symbolic links resolved, it lies inside the root or an allowed folder (rule 2)
        and is a file with one name (rule 3); raises ``OutsideError``."""
        real = path.resolve()
        if not (real.is_relative_to(self.root) or self._allowed(real)):
            raise OutsideError(f"{what} {path}: is a symbolic link out of the folder {self.root} (to {real}); "
                               "links out are not followed (--allow-outside DIR allows a folder)")
        check_single_link(real, what)
        return path

    def check(self, relative: str, what: str) -> Path:
        """Both: the path ``relative`` names, checked as written and as resolved."""
        return self.resolved(self.written(relative, what), what)

    def _allowed(self, path: Path) -> bool:
        real = path.resolve()
        return any(real.is_relative_to(folder) for folder in self.allowed)


def check_single_link(path: Path, what: str) -> None:
    """Refuse a regular file with several hard links (rule 3); a missing file passes (reported when read).

    Raises ``OutsideError`` for a file with several hard links.
    """
    try:
        info = os.stat(path)
    except OSError:
        return
    if stat.S_ISREG(info.st_mode) and info.st_nlink > 1:
        raise OutsideError(f"{what} {path}: has {info.st_nlink} hard links, so it may be another name for a "
                           "file outside the folder; it is not read (copy the file instead of linking it)")


def walk_files(folder: Path, allowed: Iterable[str | os.PathLike[str]] = (),
               suffixes: Iterable[str] | None = None, warn: bool = True) -> list[Path]:
    """Every file under ``folder`` (with one of ``suffixes``, lower case, if given), walked without
    following symbolic links to folders; a symlinked file is kept only when it resolves inside ``folder``
    (or an allowed one), a file with several hard links never. What is left out is logged as a warning
    naming it (``warn=False``: at debug level, for a second walk of a folder already reported). Hidden names
    (``.git``) are not entered."""
    rule = Confinement.of(folder, allowed)
    say = log.warning if warn else log.debug
    keep = frozenset(suffixes) if suffixes is not None else None
    found: list[Path] = []
    for top, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = [d for d in dirs if not d.startswith(".") and not _is_link_out(Path(top) / d, say)]
        for name in files:
            if name.startswith(".") or (keep is not None and Path(name).suffix.lower() not in keep):
                continue
            path = Path(top) / name
            try:
                rule.resolved(path, "file")
            except OutsideError as why:
                say("%s; left out", why)
                continue
            found.append(path)
    return found


def _is_link_out(path: Path, say: Callable[..., None]) -> bool:
    """A symlinked folder is never entered (``os.walk`` does not follow it); say so."""
    if path.is_symlink():
        say("folder %s: is a symbolic link (to %s); links to folders are not followed; left out",
                    path, path.resolve())
        return True
    return False
