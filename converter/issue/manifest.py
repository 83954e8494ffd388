"""An issue manifest (TOML): metadata, then ordered sections naming their articles by path or glob.

::

    title = "The Weekly Reader"
    number = "12"
    date = "2024-05-03"
    publisher = "Reading Club"
    language = "en"
    cover = "cover.jpg"

    [[sections]]
    title = "News"
    articles = ["news/*.txt", "brief.md"]

    [[sections]]
    title = "Features"
    [[sections.articles]]
    path = "long-read.html"
    title = "A better headline"
    author = "Jane Doe"

Paths and globs are relative to the manifest's folder and must stay inside it (``converter.policy.confine``:
no absolute path or ``..``, no symbolic link out, no file with several hard links), unless a folder is
allowed with ``allow_outside`` (``--allow-outside DIR``); a glob's matches come in natural order, less the
files named before it (``["news/03.md", "news/*.md"]``: the lead story first, then the others). Unknown
keys are errors, so a typo never silently drops a setting.
"""

from __future__ import annotations

import datetime as dt
import glob
import logging
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from converter.errors import UsageError
from converter.issue.inputs import natural_key
from converter.policy.confine import Confinement, OutsideError

log = logging.getLogger("converter.issue.manifest")

METADATA_KEYS = ("title", "number", "date", "publisher", "language", "cover")
ARTICLE_KEYS = ("path", "title", "author")


@dataclass(frozen=True)
class Entry:
    """One article of a section: a file, and the metadata the manifest overrides for it."""

    path: Path | None
    """``None`` for an Article handed to ``compile_issue`` ready-made."""
    title: str = ""
    author: str = ""


@dataclass(frozen=True)
class ManifestSection:
    title: str
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class Manifest:
    """A parsed manifest; ``metadata`` holds the keys it sets (``cover`` as a resolved path string)."""

    metadata: dict[str, str]
    sections: tuple[ManifestSection, ...]


def load_manifest(path: Path, allow_outside: Iterable[str | Path] = ()) -> Manifest:
    """Read and check a manifest; every path in it is resolved against its folder and confined to it
    (or to ``allow_outside``). Raises ``UsageError`` (``OutsideError`` for a path that leaves it)."""
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except OSError as err:
        raise UsageError(f"manifest {path}: cannot be read ({err.strerror})") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise UsageError(f"manifest {path}: is not valid TOML ({err})") from None
    except RecursionError:
        raise UsageError(f"manifest {path}: is nested too deeply to read; flatten it") from None
    return parse_manifest(data, path.parent, str(path), allow_outside)


def parse_manifest(data: dict[str, object], folder: Path, name: str = "manifest",
                   allow_outside: Iterable[str | Path] = ()) -> Manifest:
    """A ``Manifest`` from parsed TOML; ``folder`` anchors relative paths and confines them.

    Raises ``UsageError`` for a manifest that is not valid TOML or names what it may not.
    """
    _refuse_unknown(data, (*METADATA_KEYS, "sections"), name)
    metadata = {key: _text(data[key], f"{name}: {key}") for key in METADATA_KEYS if key in data}
    rule = Confinement.of(folder, allow_outside)
    if "cover" in metadata:
        metadata["cover"] = str(rule.check(metadata["cover"], f"{name}: cover"))
    sections = data.get("sections", [])
    if not isinstance(sections, list) or not sections:
        raise UsageError(f"{name}: needs at least one [[sections]] with a title and its articles")
    named: set[Path] = set()
    return Manifest(metadata, tuple(_section(s, rule, f"{name}: section {n}", named)
                                    for n, s in enumerate(sections, 1)))


def _section(data: object, rule: Confinement, where: str, named: set[Path]) -> ManifestSection:
    """One section's entries; ``named`` (the files listed so far, updated) keeps a glob from listing again a
    file named before it."""
    if not isinstance(data, dict):
        raise UsageError(f"{where}: must be a table with title and articles")
    _refuse_unknown(data, ("title", "articles"), where)
    items = data.get("articles", [])
    if not isinstance(items, list):
        raise UsageError(f"{where}: articles must be a list of paths, globs or tables")
    entries: list[Entry] = []
    for item in items:
        for entry in _entries(item, rule, where):
            key = _same_file_key(entry.path)
            if _is_glob(item) and key in named:
                # "lead story first, then the rest" (["news/03.md", "news/*.md"]): the glob means the others,
                # so the file stays once, where it was first named (no "same text as itself" warning)
                continue
            named.add(key)
            entries.append(entry)
    return ManifestSection(_text(data.get("title", ""), f"{where}: title"), tuple(entries))


def _is_glob(item: object) -> bool:
    return isinstance(item, str) and glob.has_magic(item)


def _same_file_key(path: Path | None) -> Path:
    """The name two manifest entries for one file share (``a/./b.md`` and ``a/b.md``, a link and its file)."""
    assert path is not None  # a manifest's entries are files; only ready Articles have none
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a symlink loop: reported when it is read
        return path


def _entries(item: object, rule: Confinement, where: str) -> list[Entry]:
    """A path or glob (string) gives its files; a table gives one file with overrides."""
    if isinstance(item, str):
        return [Entry(path) for path in expand_glob(item, rule, where)]
    if not isinstance(item, dict) or "path" not in item:
        raise UsageError(f"{where}: each article is a path, a glob, or a table with a path")
    _refuse_unknown(item, ARTICLE_KEYS, where)
    fields = {key: _text(item[key], f"{where}: {key}") for key in ARTICLE_KEYS if key in item}
    return [Entry(rule.check(fields.pop("path"), f"{where}: article"), **fields)]


def expand_glob(pattern: str, rule: Confinement | Path, where: str = "manifest") -> list[Path]:
    """The files a glob names (natural order); a plain path is kept even if missing, to be reported later.

    The pattern must be written inside the manifest's folder (no absolute path, no ``..``, unless
    allowed); a match that a symbolic link takes out of it, or a file with several hard links, is left
    out with a warning.

    Raises ``UsageError`` for a pattern that leaves the manifest's folder.
    """
    if isinstance(rule, Path):
        rule = Confinement.of(rule)
    anchored = rule.written(pattern, f"{where}: {'pattern' if glob.has_magic(pattern) else 'article'}")
    if not glob.has_magic(pattern):
        return [rule.resolved(anchored, f"{where}: article")]
    matches = _glob(anchored)
    if not matches:
        raise UsageError(f"the manifest's pattern {pattern!r} matches no file in {rule.root}")
    kept = []
    for path in matches:
        if not path.is_file():
            continue
        try:
            kept.append(rule.resolved(path, f"{where}: pattern {pattern!r} matched"))
        except OutsideError as why:
            log.warning("%s; left out", why)
    return sorted(kept, key=natural_key)


def _glob(pattern: Path) -> list[Path]:
    """Matches of an absolute pattern, hidden names skipped (as the shell does). ``pathlib``'s glob, not
    ``glob.glob``: its ``**`` does not enter symlinked folders, so two links to ``.`` cannot make the
    walk exponential."""
    parts = pattern.parts
    fixed = next((i for i, part in enumerate(parts) if glob.has_magic(part)), len(parts))
    base = Path(*parts[:fixed])
    rest = parts[fixed:]
    found = []
    for match in base.glob(str(Path(*rest))):
        named = match.relative_to(base).parts
        if any(name.startswith(".") and not part.startswith(".") for name, part in zip(named, rest, strict=False)):
            continue
        found.append(match)
    return found


def _refuse_unknown(data: dict[str, object], known: tuple[str, ...], where: str) -> None:
    unknown = sorted(set(data) - set(known))
    if unknown:
        raise UsageError(f"{where}: unknown key(s) {', '.join(unknown)}; known: {', '.join(known)}")


def _text(value: object, where: str) -> str:
    if isinstance(value, dt.date):  # an unquoted TOML date (date = 2024-05-03)
        return value.isoformat()
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise UsageError(f"{where}: must be a text or a number")
    return str(value)
