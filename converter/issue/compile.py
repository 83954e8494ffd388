"""Inputs -> an Issue: read every input (in parallel, through the executor), apply the manifest's
overrides, drop duplicates, and settle the issue's metadata. Inputs that fail are reported, not fatal.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import re
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass
from functools import partial
from os import PathLike
from pathlib import Path
from typing import Any

from converter.article import Article, Masthead, Resource
from converter.errors import ConverterError, ExtractionError, SourceError, UsageError
from converter.issue.cache import Cache, article_bytes, article_from_bytes, digest, file_digest
from converter.issue.executor import run_tasks
from converter.issue.inputs import expand_inputs
from converter.issue.manifest import Entry, Manifest, ManifestSection, load_manifest
from converter.issue.model import Failure, Issue, Section
from converter.issue.said import Said, capture, from_json, replay, to_json
from converter.policy.limits import Limits

log = logging.getLogger("converter.issue")

Progress = Callable[[str], None]


@dataclass(frozen=True)
class ReadResult:
    """What reading one input gave: its articles (a feed gives several), or why it failed."""

    articles: tuple[Article, ...] = ()
    failure: str = ""
    unreadable: bool = False
    """The failure is a ``SourceError``: the file is missing or cannot be read (not: read, but no article)."""
    used: tuple[tuple[str, str], ...] = ()
    """The files beside the input it read or looked for, with their fingerprints (for the cache)."""
    warnings: tuple[Said, ...] = ()
    """What reading it warned about (a blocked picture ...): kept with the cached extraction and said on
    every run, prefixed with the input's name."""


def read_input(path: str, limits: Limits | None = None) -> ReadResult:
    """Task: read and extract one input file under ``limits``. Top-level and plain-data, so any executor can
    run it."""
    from converter.pipeline import extract_all
    from converter.policy.resources import recording

    try:
        with capture() as said, recording() as used:
            articles = tuple(extract_all(Path(path), limits=limits))
        return ReadResult(articles, used=tuple(sorted(used.items())), warnings=tuple(said))
    except ConverterError as err:
        return ReadResult(failure=str(err), unreadable=isinstance(err, SourceError))
    except (RecursionError, ValueError, UnicodeError) as err:  # a page that trips a parser: its own failure
        return ReadResult(failure=f"{path}: cannot be extracted ({type(err).__name__}: {err})")


def compile_issue(inputs: Sequence[str | Path | Article] = (), *, title: str | None = None,
                  number: str | None = None, date: str | None = None, publisher: str | None = None,
                  language: str | None = None, cover: str | Path | Resource | None = None,
                  manifest: str | Path | Manifest | None = None, executor: Executor | None = None,
                  cache: Cache | None = None, progress: Progress | None = None,
                  limits: Limits | None = None, allow_outside: Sequence[str | Path] = ()) -> Issue:
    """An Issue from files, folders or ready Articles, optionally ordered and titled by a manifest.

    ``inputs`` is a list of them, or a single one (a ``str`` or ``Path`` is one file or folder, never a
    list of characters); ``allow_outside`` likewise.

    Explicit arguments win over the manifest, which wins over what the articles agree on. The paths a
    manifest names and the files found in a folder stay inside the manifest's folder or that folder
    (``converter.policy.confine``) unless they lead into a folder of ``allow_outside``. ``progress`` (a
    callable taking one line of text) is told ``read 3/12 inputs`` each time an input has been read (the
    cached ones count as read); ``executor`` reads them in parallel, ``cache`` keeps their extractions. Raises
    ``SourceError`` when no input could be read (all missing or unreadable), ``ExtractionError`` (listing
    why) when no article survives otherwise, ``UsageError`` for no inputs and no manifest and for a bad
    manifest (``OutsideError`` for a path in it that leaves its folder).
    """
    inputs, allow_outside = one_or_many(inputs), one_or_many(allow_outside)
    if not inputs and manifest is None:
        raise UsageError("an issue needs inputs: pass compile_issue() a list of files, folders or Articles, "
                         "or manifest=")
    plan = _load(manifest, allow_outside)
    check_issue_date(date)
    check_issue_date(plan.metadata.get("date") if plan else None, "the manifest's date")
    sections = plan.sections if plan else (ManifestSection("", tuple(_entries(inputs, allow_outside))),)
    read = _read_all([e.path for s in sections for e in s.entries if e.path is not None], executor, cache, progress,
                     limits or Limits())
    failures = [Failure(str(path), result.failure) for path, result in read.items() if result.failure]
    built = _dedupe([(s.title, _articles(s.entries, read, inputs)) for s in sections])
    built = tuple(s for s in built if s.articles)
    if not built:
        reasons = "; ".join(f.reason for f in failures) or "no input given"
        if failures and all(result.unreadable for result in read.values() if result.failure):
            # every input is missing or unreadable: the error ``extract()`` raises for one such input
            raise SourceError(f"no article could be read, so no issue was written ({reasons})")
        raise ExtractionError(f"no article could be read, so no issue was written ({reasons})")
    given = {"title": title, "number": number, "date": date, "publisher": publisher, "language": language}
    chosen = {**(plan.metadata if plan else {}), **_set(given)}
    metadata = settle_metadata(built, chosen, cover, limits or Limits())
    own_words = "\n".join([chosen.get("title", ""), *(s.title for s in built)]).strip()
    return Issue(metadata, built, tuple(failures), own_words)


def one_or_many(items: Any) -> tuple[Any, ...]:
    """``items`` as a sequence: a single ``str``, path or Article is one item, never iterated (a str's
    characters would be read as inputs: ``"."`` the current folder, ``"/"`` the whole file system).

    Raises ``UsageError`` for ``bytes`` (not a path).
    """
    if isinstance(items, (str, PathLike, Article)):
        return (items,)
    if isinstance(items, bytes):
        raise UsageError("inputs are paths (str or pathlib.Path) or Articles, not bytes; name the file instead")
    return tuple(items)


def check_issue_date(value: str | None, where: str = "the issue date") -> None:
    """Refuse an issue date that is not a calendar date written ``YYYY-MM-DD``: it is printed on the cover and
    becomes the EPUB's ``dc:date``, so ``2026-13-45`` or ``April 4`` would be printed as given and dated
    otherwise. Raises ``UsageError``; ``None`` and ``""`` (no date given) pass."""
    if not value:
        return
    try:
        ok = re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) is not None and bool(dt.date.fromisoformat(value))
    except ValueError:
        ok = False
    if not ok:
        raise UsageError(f"{where} {value!r} is not a date; write it as YYYY-MM-DD, for example 2026-04-04")


def _load(manifest: str | Path | Manifest | None, allow_outside: Sequence[str | Path]) -> Manifest | None:
    if manifest is None or isinstance(manifest, Manifest):
        return manifest
    return load_manifest(Path(manifest), allow_outside)


def _entries(inputs: Sequence[str | Path | Article], allow_outside: Sequence[str | Path] = ()) -> list[Entry]:
    """Files and folders expand to entries; a ready Article becomes an entry without a path (``None``)."""
    entries: list[Entry] = []
    for item in inputs:
        if isinstance(item, Article):
            entries.append(Entry(None))
        else:
            entries.extend(Entry(p) for p in expand_inputs([item], allow_outside))
    return entries


def _articles(entries: Sequence[Entry], read: dict[Path, ReadResult],
              inputs: Sequence[str | Path | Article]) -> list[tuple[Article, str]]:
    """Each entry's articles, with the input they came from as the user named it (for messages)."""
    ready = iter(item for item in inputs if isinstance(item, Article))
    found: list[tuple[Article, str]] = []
    for entry in entries:
        articles = read[entry.path].articles if entry.path is not None else (next(ready),)
        origin = str(entry.path) if entry.path is not None else ""
        found.extend((_override(a, entry), origin) for a in articles)
    return found


def _override(article: Article, entry: Entry) -> Article:
    """The manifest's per-article title and author replace the extracted ones."""
    changes: dict[str, object] = {}
    if entry.title:
        changes["title"] = entry.title
    if entry.author:
        changes["authors"] = (entry.author,)
    return article.with_metadata(**changes) if changes else article


def _read_all(paths: list[Path], executor: Executor | None, cache: Cache | None,
              progress: Progress | None, limits: Limits) -> dict[Path, ReadResult]:
    """Read every distinct path once: cached extractions from the cache, the rest through the executor, each
    submitted as soon as the cache is found to lack it (a rebuild's edited page is read while the others are
    looked up). Each input's warnings are said (again, for a cached one) under its name."""
    unique = list(dict.fromkeys(paths))
    results: dict[Path, ReadResult] = {}
    keys: dict[Path, str] = {}
    todo: list[Path] = []

    def misses() -> Iterator[str]:
        for path in unique:
            keys[path] = _extraction_key(path, limits) if cache else ""
            hit = cache.load("articles", keys[path], _entry_from_bytes) if cache and keys[path] else None
            if hit is not None and still_current(path, hit.used, limits):
                results[path] = hit
                replay(hit.warnings, str(path))
                continue
            todo.append(path)
            yield str(path)

    for index, result in run_tasks(executor, partial(read_input, limits=limits), misses()):
        results[todo[index]] = result
        replay(result.warnings, str(todo[index]))
        if cache and keys[todo[index]] and not result.failure:
            cache.put("articles", keys[todo[index]], _entry_bytes(result))
        if progress:
            progress(f"read {len(results)}/{len(unique)} inputs")
    return {path: results[path] for path in unique}


def _extraction_key(path: Path, limits: Limits) -> str:
    """The input's resolved path (its folder holds its pictures; its extension decides how it is read), the
    limits it was read under and its bytes (hashed in chunks); empty if it cannot be read or is over the input
    limit (then reading it says why). The pictures it used are checked on read (``still_current``)."""
    content = file_digest(path, limits.max_input_bytes)
    try:
        folder = str(path.resolve())
    except (OSError, RuntimeError):
        return ""
    return digest("extract", folder, repr(limits), content) if content else ""


def still_current(path: Path, used: tuple[tuple[str, str], ...], limits: Limits | None = None) -> bool:
    """Whether every file beside ``path`` that its extraction read or looked for is as it was then."""
    from converter.policy.resources import ResourcePolicy

    if not used:
        return True
    policy = ResourcePolicy(path.resolve().parent, limits=limits or Limits())
    return all(policy.fingerprint(url) == fingerprint for url, fingerprint in used)


def _entry_bytes(result: ReadResult) -> bytes:
    """A cache entry: the files used and the warnings said (one JSON line), then one line per article."""
    head = json.dumps({"used": [list(pair) for pair in result.used],
                       "warnings": to_json(result.warnings)}).encode("utf-8")
    return b"\n".join([head, *(article_bytes(a) for a in result.articles)])


def _entry_from_bytes(data: bytes) -> ReadResult:
    head, *lines = data.split(b"\n")  # JSON has no raw newline, so it separates safely
    fields = json.loads(head)
    used = tuple((str(url), str(fingerprint)) for url, fingerprint in fields["used"])
    if not lines:
        raise ValueError("an extraction entry without articles")
    return ReadResult(tuple(article_from_bytes(line) for line in lines), used=used,
                      warnings=from_json(fields["warnings"]))


def _dedupe(sections: Sequence[tuple[str, list[tuple[Article, str]]]]) -> tuple[Section, ...]:
    """Sections of the articles, keeping the first of articles with the same text and warning about the others."""
    seen: dict[str, str] = {}
    kept = []
    for title, found in sections:
        articles = []
        for article, origin in found:
            fingerprint = text_fingerprint(article)
            name = _describe(article, origin)
            if fingerprint in seen:
                log.warning("%s: the same text as %s; included once", name, seen[fingerprint])
                continue
            seen[fingerprint] = name
            articles.append(article)
        kept.append(Section(title, tuple(articles)))
    return tuple(kept)


def _describe(article: Article, origin: str) -> str:
    """An article as a message names it: the input path as given, and its title ("page.html" alone is vague)."""
    title = (article.title or "untitled")[:60]
    return f"{origin} ({title!r})" if origin else repr(title)


def text_fingerprint(article: Article) -> str:
    """The body with white space collapsed, hashed: re-wrapped copies of one text are the same article."""
    return hashlib.sha256(re.sub(r"\s+", " ", article.body).strip().encode("utf-8")).hexdigest()


def settle_metadata(sections: tuple[Section, ...], given: dict[str, str],
                    cover: str | Path | Resource | None, limits: Limits | None = None) -> Masthead:
    """The issue's metadata: what was given, else what every article agrees on, else a plain default."""
    articles = [a for s in sections for a in s.articles]
    number = given.get("number") or agreed(a.issue for a in articles)
    site = agreed(a.site for a in articles)
    cover_path = cover if cover is not None else given.get("cover")
    return Masthead(
        title=given.get("title") or site or "Collected articles",
        number=number,
        date=given.get("date") or agreed(a.date[:10] for a in articles),
        publisher=given.get("publisher") or site,
        language=given.get("language") or "",
        cover=read_cover(cover_path, limits) if cover_path else None,
    )


def agreed(values: object) -> str:
    """The one value every article has, or ``""`` when some differ or lack it."""
    distinct = set(values)  # type: ignore[call-overload]
    return distinct.pop() if len(distinct) == 1 else ""


def read_cover(cover: str | Path | Resource, limits: Limits | None = None) -> Resource:
    """The cover picture, read under the resource policy (a picture format we embed, within ``limits``).

    Raises ``UsageError`` when there is no such file or it cannot be used.
    """
    from converter.policy.resources import ResourcePolicy

    if isinstance(cover, Resource):
        return cover
    path = Path(cover)
    if not path.is_file():
        raise UsageError(f"cover {path}: no such file" if not path.exists() else f"cover {path}: not a file")
    picture = ResourcePolicy(path.resolve().parent, limits=limits or Limits()).load(path.name)
    if picture is None:
        raise UsageError(f"cover {path}: cannot be used; give a PNG, JPEG, GIF or WebP picture")
    return Resource("cover", picture.media_type, picture.data)


def _set(values: dict[str, str | None]) -> dict[str, str]:
    return {key: value for key, value in values.items() if value}
