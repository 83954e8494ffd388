"""A run over folders and web archives: plan, convert through the scheduler, keep state, write the lists.

1. Inputs: ``.warc``, ``.warc.gz`` and ``.wacz`` files (also found inside folders) are indexed
   (``captures``); the other article files of a folder are mirrored by their path below it.
2. Plan (in the parent, streamed): for each page URL its latest capture (revisits resolved to the record
   holding the payload); a page whose content another URL already has is a duplicate; URL rules
   (``pages``) skip home and list pages; anything whose key (content, options, formats, version) matches
   what the state says was done is left alone.
3. Convert: each remaining article is one task (``task.convert_page``) on the scheduler, results streamed
   back and recorded as they come (``state``).
4. Lists: ``catalogue.jsonl``/``.csv``, ``failures.jsonl``, ``skipped.jsonl`` and ``index.html``.

Everything the run keeps for itself is under ``OUT/.converter/``.
"""

from __future__ import annotations

import hashlib
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TextIO

from converter.archive.captures import CaptureIndex, update_index
from converter.archive.inputs import is_archive
from converter.archive.naming import file_name, url_name
from converter.archive.pages import Skip, skip_by_url
from converter.archive.scheduler import open_scheduler, stream
from converter.archive.state import Done, State
from converter.archive.task import CONVERTED, FAILED, SKIPPED, PageResult, PageTask, convert_page
from converter.archive.warc import Capture
from converter.errors import ConverterError, SourceError, UsageError
from converter.options import RenderOptions

#: The run's own files, below the output folder.
STATE_FOLDER = ".converter"

Progress = Callable[[int, int, int], None]
"""``progress(done, total, converted)`` after each article; ``total`` is an upper bound (pages indexed)."""


@dataclass(frozen=True)
class RunSettings:
    """What to convert, where to, how, and on what."""

    inputs: tuple[Path, ...]
    out_dir: Path
    formats: tuple[str, ...] = ("md",)
    options: RenderOptions = field(default_factory=RenderOptions)
    keep_comments: bool = False
    scheduler: str = "processes"
    jobs: int | None = None
    retry_failed: bool = False
    """Try again the articles that failed in an earlier run with the same key (by default they are reported)."""


@dataclass(frozen=True)
class RunReport:
    """What a run did, counted by article (the details are in the lists it wrote)."""

    converted: int = 0
    unchanged: int = 0
    skipped: int = 0
    failed: int = 0
    failed_before: int = 0
    older_captures: int = 0
    seconds: float = 0.0

    def summary(self) -> str:
        parts = [f"{self.converted} converted", f"{self.unchanged} unchanged", f"{self.skipped} skipped",
                 f"{self.failed} failed"]
        if self.failed_before:
            parts.append(f"{self.failed_before} failed in an earlier run (not retried; --retry-failed)")
        if self.older_captures:
            parts.append(f"{self.older_captures} older captures superseded")
        return ", ".join(parts) + f" in {self.seconds:.1f} s"


@dataclass
class _Tally:
    converted: int = 0
    unchanged: int = 0
    skipped: int = 0
    failed: int = 0
    failed_before: int = 0
    older: int = 0
    done: int = 0


def run_archive(settings: RunSettings, progress: Progress | None = None) -> RunReport:
    """Convert everything in ``settings.inputs`` into ``settings.out_dir``; see the module docstring.

    Raises ``UsageError`` (bad call: output inside an input folder, unknown scheduler) and ``SourceError``
    (an input that cannot be read at all); one article's failure is recorded, never raised.
    """
    started = time.monotonic()
    out = settings.out_dir
    archives, files = _split_inputs(settings.inputs, out)
    private = out / STATE_FOLDER
    try:
        private.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise ConverterError(f"{out}: cannot be written ({err.strerror or err}); check the folder's permissions "
                             "and free space, or choose another --out-dir (nothing was converted)") from None
    remove_partial_writes(out)
    index_path = private / "captures.sqlite"
    if archives:
        update_index(index_path, archives)
    state = State(private / "state.sqlite")
    tally = _Tally()
    try:
        index = CaptureIndex(index_path) if archives else None
        total = (index.page_count() if index else 0) + len(files)
        stamp = index_path.stat().st_mtime_ns if archives else 0
        tasks = _plan(settings, state, tally, index, str(index_path), stamp, files)
        with open_scheduler(settings.scheduler, settings.jobs) as scheduler:
            for outcome in stream(scheduler, convert_page, tasks):
                task = outcome.item
                result = outcome.result or PageResult(task.source, FAILED, outcome.error)
                _record(state, tally, task, result)
                tally.done += 1
                if progress:
                    progress(tally.done, total, tally.converted)
        if index:
            index.close()
        _note_unread(settings, state, tally)
        from converter.archive.catalogue import write_lists
        from converter.archive.index import write_index

        write_lists(state, out)
        write_index(state, out)
    finally:
        state.close()
    return RunReport(tally.converted, tally.unchanged, tally.skipped, tally.failed, tally.failed_before, tally.older,
                     time.monotonic() - started)


def _note_unread(settings: RunSettings, state: State, tally: _Tally) -> None:
    """List in ``skipped.jsonl`` (and count) the files of the input folders that the run does not read:
    another kind of file, a picture no input uses (``converter.archive.unread``); listed afresh each run."""
    from converter.archive.unread import UNREAD_RULES, unread_files, used_paths

    state.forget(SKIPPED, UNREAD_RULES)
    used = {path for source, urls in state.used_files() for path in used_paths(source, urls)}
    for folder in dict.fromkeys(p for p in settings.inputs if p.is_dir()):
        for path, skip in unread_files(folder, used):
            _note(state, tally, str(path.resolve()), "unread", SKIPPED, skip.reason, skip.rule)


def remove_partial_writes(out: Path) -> int:
    """Delete the temporary files a killed run left behind (``.NAME.XXXX.part``, see ``write_atomic``); the
    editions themselves are never partial. Returns how many were removed."""
    import os
    import re

    pattern = re.compile(r"^\..+\.part$")
    removed = 0
    for folder, _, names in os.walk(out):
        for name in names:
            if pattern.match(name):
                Path(folder, name).unlink(missing_ok=True)
                removed += 1
    return removed


def _split_inputs(inputs: tuple[Path, ...], out: Path) -> tuple[list[Path], list[tuple[Path, str]]]:
    """The archives, and the article files with their edition names (mirrored below their folder)."""
    from converter.issue.inputs import folder_articles

    archives: list[Path] = []
    files: list[tuple[Path, str]] = []
    folders = [p for p in inputs if p.is_dir()]
    for path in inputs:
        if not path.exists():
            raise SourceError(f"{path}: no such file or folder; check the path")
        if path.is_dir():
            if _inside(out, path):
                raise UsageError(f"the output folder {out} is inside the input folder {path}; a later run would "
                                 "read the editions as inputs: choose a folder outside it")
            archives.extend(sorted(p for p in path.rglob("*") if p.is_file() and is_archive(p)
                                   and not any(part.startswith(".") for part in p.relative_to(path).parts)))
            prefix = PurePosixPath(path.resolve().name) if len(folders) > 1 else PurePosixPath()
            for item in folder_articles(path):
                files.append((item, file_name(prefix / PurePosixPath(item.relative_to(path).as_posix()))))
        elif is_archive(path):
            archives.append(path)
        else:
            files.append((path, file_name(PurePosixPath(path.name))))
    return list(dict.fromkeys(archives)), files


def _inside(child: Path, parent: Path) -> bool:
    try:
        child.resolve().relative_to(parent.resolve())
    except ValueError:
        return False
    return True


def _plan(settings: RunSettings, state: State, tally: _Tally, index: CaptureIndex | None, index_path: str,
          stamp: int, files: list[tuple[Path, str]]) -> Iterator[PageTask]:
    """The tasks still to do, lazily; what needs no task (duplicates, list pages, done) is recorded here."""
    options_key = repr((settings.options, settings.formats, settings.keep_comments))
    if index is not None:
        for location, reason in index.broken():
            source = f"{location.container}{'!' + location.member if location.member else ''}@{location.offset}"
            _note(state, tally, source, "broken:" + source, FAILED, reason)
        previous = ""
        for capture in index.pages():
            if capture.url == previous:
                tally.older += 1
                continue
            previous = capture.url
            task = _archive_task(settings, state, tally, index, capture, options_key, index_path, stamp)
            if task is not None:
                yield task
        for capture in index.unanswered():
            skip = unanswered_skip(capture)
            _note(state, tally, capture.url, _key(article_id(capture.url, f"http {capture.status} {capture.date}"),
                                                  options_key), SKIPPED, skip.reason, skip.rule)
    for path, name in files:
        task = _file_task(settings, state, tally, path, name, options_key)
        if task is not None:
            yield task


def unanswered_skip(capture: Capture) -> Skip:
    """Why a response that is not a success is not converted: the rule (``redirect``, ``http_status``) and the
    status in words, with where a redirect leads."""
    from http import HTTPStatus

    try:
        phrase = f" {HTTPStatus(capture.status).phrase}"
    except ValueError:
        phrase = ""
    if 300 <= capture.status < 400:
        where = f" to {capture.refers_to_url}" if capture.refers_to_url else ""
        return Skip("redirect", f"a redirect ({capture.status}{phrase}){where}; the archive holds no page "
                                "at this address")
    return Skip("http_status", f"the archive holds only a {capture.status}{phrase} response for this address, "
                               "not a page")


def _archive_task(settings: RunSettings, state: State, tally: _Tally, index: CaptureIndex, capture: Capture,
                  options_key: str, index_path: str, stamp: int) -> PageTask | None:
    url = capture.url
    payload = index.resolve(capture)
    if payload is None:
        _note(state, tally, url, "revisit:" + capture.digest, FAILED,
              f"a revisit of {capture.refers_to_url or url} whose original capture is not in the archive")
        return None
    content_id = article_id(url, payload.digest)
    key = _key(content_id, options_key)
    skip = skip_by_url(url)
    if skip is not None:
        _note(state, tally, url, key, SKIPPED, skip.reason, skip.rule)
        return None
    first = index.first_url_with(payload.digest) if payload.digest else url
    if first and first != url:
        _note(state, tally, url, key, SKIPPED, f"the same page as {first}", "duplicate")
        return None
    if _already(state, tally, url, key, settings):
        return None
    name = state.name_for(url, url_name(url))
    return PageTask(url, name, settings.formats, str(settings.out_dir), settings.options, key, content_id,
                    settings.keep_comments, capture.date, payload.location, payload.charset, index_path, stamp)


def _file_task(settings: RunSettings, state: State, tally: _Tally, path: Path, name: str,
               options_key: str) -> PageTask | None:
    source = str(path.resolve())
    try:
        content = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError as err:
        _note(state, tally, source, "", FAILED, f"{path}: cannot be read ({err.strerror})")
        return None
    content_id = article_id(source, content)
    key = _key(content_id, options_key)
    if _already(state, tally, source, key, settings):
        return None
    name = state.name_for(source, name)
    return PageTask(source, name, settings.formats, str(settings.out_dir), settings.options, key, content_id,
                    settings.keep_comments)


def _already(state: State, tally: _Tally, source: str, key: str, settings: RunSettings) -> bool:
    """Done before under the same key (and its editions still there): nothing to do."""
    done = state.done(source)
    if done is None or done.key != key:
        return False
    if done.status == FAILED and not settings.retry_failed:
        tally.failed_before += 1
        return True
    if done.status == SKIPPED:
        tally.skipped += 1
        return True
    if done.status == CONVERTED:
        name = state.name_of(source)
        if name and all((settings.out_dir / f"{name}.{fmt}").exists() for fmt in settings.formats) \
                and _pictures_unchanged(source, done, settings):
            tally.unchanged += 1
            return True
    return False


def _pictures_unchanged(source: str, done: Done, settings: RunSettings) -> bool:
    """An input file's editions are current only while every file beside it that its extraction read or
    looked for (a saved page's ``x_files/`` picture, a Markdown picture) is as it was: the key covers only
    the input's own bytes. An archive's pages have none (their pictures are in the archive, by digest)."""
    if not Path(source).is_absolute():  # an archived page's URL
        return True
    if done.used is None:  # converted before pictures were recorded: cannot tell
        return False
    from converter.issue.compile import still_current

    return still_current(Path(source), done.used, settings.options.limits)


def _note(state: State, tally: _Tally, source: str, key: str, status: str, reason: str, rule: str = "") -> None:
    """An outcome decided while planning (no task runs for it)."""
    done = state.done(source)
    if done is not None and done.key == key and done.status == status:
        tally.skipped += status == SKIPPED
        tally.failed_before += status == FAILED
        return
    state.record(source, key, status, reason, rule)
    tally.skipped += status == SKIPPED
    tally.failed += status == FAILED


def _record(state: State, tally: _Tally, task: PageTask, result: PageResult) -> None:
    used = result.used if result.status == CONVERTED and task.location is None else None
    state.record(task.source, task.key, result.status, result.reason, result.rule, result.row, used)
    if result.status == CONVERTED:
        tally.converted += 1
    elif result.status == SKIPPED:
        tally.skipped += 1
    else:
        tally.failed += 1


def article_id(source: str, content_digest: str) -> str:
    """An article's id: a hash of its source (URL or path) and its content's digest (20 hex digits)."""
    return hashlib.sha256(f"{source}\n{content_digest}".encode()).hexdigest()[:20]


def _key(content_id: str, options_key: str) -> str:
    from converter.issue.cache import converter_version

    return hashlib.sha256(f"{converter_version()}\n{content_id}\n{options_key}".encode()).hexdigest()


class TerminalProgress:
    """``[done/total] N converted, R/s, about M min left`` on one line of standard error, redrawn at most
    twice a second; silent when standard error is not a terminal (piped, a log file)."""

    def __init__(self, stream_: TextIO | None = None) -> None:
        self.stream: TextIO = stream_ or sys.stderr
        self.started = time.monotonic()
        self.last = 0.0
        self.active = bool(getattr(self.stream, "isatty", lambda: False)())

    def __call__(self, done: int, total: int, converted: int) -> None:
        now = time.monotonic()
        if not self.active or now - self.last < 0.5:
            return
        self.last = now
        rate = done / max(now - self.started, 1e-6)
        left = max(total - done, 0) / rate if rate > 0 else 0
        eta = f"about {left / 60:.0f} min left" if left >= 90 else f"about {left:.0f} s left"
        self.stream.write(f"\r[{done}/{total}] {converted} converted, {rate:.1f}/s, {eta}   ")
        self.stream.flush()

    def finish(self) -> None:
        if self.active:
            self.stream.write("\r\033[K")
            self.stream.flush()
