"""The unit of work: one article, read, extracted, rendered in every format and written, on any worker.

``convert_page`` is a top-level function of plain, picklable data (``PageTask`` -> ``PageResult``), so a
process pool and a Dask cluster run it alike. It writes the editions itself (atomically, so a killed
worker leaves no half edition) and sends back only the catalogue row: the parent's memory does not grow
with the articles' size. Expected failures (a page that cannot be read or holds no article, a render
refused by a limit) come back as a result; anything else raises, and the scheduler retries it once.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from converter.archive.pages import Skip
from converter.archive.warc import Location
from converter.article import Article
from converter.errors import ConverterError
from converter.options import RenderOptions

#: Outcomes of a task.
CONVERTED, SKIPPED, FAILED = "converted", "skipped", "failed"

#: At most this many warnings are kept per article in the catalogue.
MAX_WARNINGS = 20


@dataclass(frozen=True)
class PageTask:
    """One article to convert: where to read it, where its editions go, how they look."""

    source: str
    """The page's URL (an archive) or the input file's path (a folder)."""
    name: str
    """The editions' path below ``out_dir`` without extension (``news.example/2024/05/story``)."""
    formats: tuple[str, ...]
    out_dir: str
    options: RenderOptions
    key: str
    """What the editions depend on (content, options, formats, converter version): unchanged means done."""
    id: str
    """The article's id: a hash of its source and its content."""
    keep_comments: bool = False
    captured: str = ""
    """The capture date (archives)."""
    location: Location | None = None
    """The page's record in an archive; ``None`` for a file."""
    charset: str = ""
    """The charset the HTTP headers declared."""
    index: str = ""
    """The capture index (``captures.sqlite``) to look pictures up in, and its mtime as a version stamp."""
    index_stamp: int = 0


@dataclass(frozen=True)
class PageResult:
    """What became of a task: the outcome, why (skipped, failed), and the catalogue row (JSON)."""

    source: str
    status: str
    reason: str = ""
    rule: str = ""
    row: str = ""
    used: tuple[tuple[str, str], ...] = ()
    """The files beside an input file that its extraction read or looked for, with their fingerprints
    (``converter.policy.resources.recording``): a later run converts it again when one changed."""


def convert_page(task: PageTask) -> PageResult:
    """Task: read, check, extract, render and write one article. Runs on a worker; see the module docstring."""
    with _warnings() as warnings:
        try:
            return _convert(task, warnings)
        except ConverterError as err:
            return PageResult(task.source, FAILED, str(err))
        except (RecursionError, ValueError, UnicodeError) as err:  # a page that trips a parser: its own failure
            return PageResult(task.source, FAILED, f"cannot be extracted ({type(err).__name__}: {err})")


def _convert(task: PageTask, warnings: list[str]) -> PageResult:
    from converter.archive.confidence import confidence
    from converter.pipeline import render

    if task.location is not None:
        article, skip = _from_archive(task)
        if skip is not None:
            return PageResult(task.source, SKIPPED, skip.reason, skip.rule)
        used: dict[str, str] = {}
    else:
        from converter.policy.resources import recording

        with recording() as used:
            article = _from_file(task)
    out = Path(task.out_dir)
    outputs = []
    for fmt in task.formats:
        target = out / f"{task.name}.{fmt}"
        target.parent.mkdir(parents=True, exist_ok=True)
        render(article, fmt, target, task.options)
        outputs.append(f"{task.name}.{fmt}")
    row = catalogue_row(task, article, tuple(outputs), tuple(warnings[:MAX_WARNINGS]), confidence(article))
    return PageResult(task.source, CONVERTED, row=json.dumps(row, ensure_ascii=False, sort_keys=True),
                      used=tuple(sorted(used.items())))


def _from_archive(task: PageTask) -> tuple[Article, Skip | None]:
    """The article of an archived page, unless a page rule says it is not one."""
    from converter.archive.captures import shared_index
    from converter.archive.pages import skip_by_page
    from converter.archive.resources import ArchiveResources
    from converter.archive.warc import read_payload
    from converter.pipeline import extract_page, page_source

    assert task.location is not None
    data = read_payload(task.location, task.options.limits.max_input_bytes)
    source = page_source(data, task.source, task.charset)
    skip = skip_by_page(source.text)
    if skip is not None:
        return Article("", ""), skip
    loader = ArchiveResources(shared_index(task.index, task.index_stamp), task.source, task.captured,
                              task.options.limits)
    article, _ = extract_page(source, task.source, loader, captured=task.captured, keep_comments=task.keep_comments)
    return article, None


def _from_file(task: PageTask) -> Article:
    from converter.pipeline import extract

    return extract(Path(task.source), keep_comments=task.keep_comments)


def catalogue_row(task: PageTask, article: Article, outputs: tuple[str, ...], warnings: tuple[str, ...],
                  sure: float) -> dict[str, object]:
    """One catalogue row (the fields of ``catalogue.jsonl``, in ``converter.archive.catalogue.FIELDS``)."""
    return {
        "id": task.id,
        "title": article.title,
        "authors": list(article.authors),
        "date": article.date,
        "language": article.language,
        "section": article.section,
        "site": article.site,
        "url": article.url or (task.source if task.location is not None else ""),
        "source": task.source,
        "captured": task.captured,
        "outputs": list(outputs),
        "warnings": list(warnings),
        "confidence": sure,
    }


class _ThreadWarnings(logging.Handler):
    """Warnings logged by this thread only (a Dask worker runs tasks in threads side by side)."""

    def __init__(self, into: list[str]) -> None:
        super().__init__(logging.WARNING)
        self.into = into
        self.thread = threading.get_ident()

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread == self.thread:
            self.into.append(record.getMessage())


@contextmanager
def _warnings() -> Iterator[list[str]]:
    found: list[str] = []
    handler = _ThreadWarnings(found)
    logger = logging.getLogger("converter")
    logger.addHandler(handler)
    if logger.level == logging.NOTSET or logger.level > logging.WARNING:
        logger.setLevel(logging.WARNING)
    try:
        yield found
    finally:
        logger.removeHandler(handler)
