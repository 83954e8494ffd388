"""The PDF of an issue in parts: each part (the front matter, or a run of articles) is its own WeasyPrint
document, rendered by a top-level task any executor can run, and cached by its HTML.

A part reports what joining needs: its page count, its bookmarks (level, label, page) and the pages its
anchors fall on (``a3`` -> the page where article 3 starts), so the contents can print true numbers.
"""

from __future__ import annotations

import json
import os
import re
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from functools import cache

from converter.errors import ConverterError
from converter.policy.limits import MB, Limits

#: Anchors of sections (``s1``) and articles (``a1``): the places the contents points at.
_ISSUE_ANCHOR = re.compile(r"^[as]\d+$")


@dataclass(frozen=True)
class Bookmark:
    """A PDF bookmark: its level (1 the issue, 2 a section, 3 an article, 4+ sub-heads), label and page."""

    level: int
    label: str
    page: int
    """Page index from 0, within the part (then within the whole issue once joined)."""


@dataclass(frozen=True)
class PartResult:
    """A rendered part, or why it failed."""

    pdf: bytes = b""
    pages: int = 0
    bookmarks: tuple[Bookmark, ...] = ()
    anchors: dict[str, int] = field(default_factory=dict)
    """Anchor -> page index (from 0) within the part."""
    failure: str = ""


@dataclass(frozen=True)
class PartJob:
    """What a worker needs: the part's whole HTML and the limits it renders under."""

    html: str
    limits: Limits = field(default_factory=Limits)
    planner: int = field(default_factory=os.getpid)
    """The process that planned the job: a task running anywhere else is in a worker, which it may cap."""


def render_part(job: PartJob) -> PartResult:
    """Task: sanitise, lay out and write one part, as ``pdf_out`` does an article. A failure is reported in
    the result, not raised; in a worker process the part renders under the memory and time caps."""
    from converter.render.pdf_layout import layout_document
    from converter.render.sanitize import sanitize

    try:
        with worker_caps(job):
            document = layout_document(sanitize(job.html, job.limits), job.limits)
            return PartResult(document.write_pdf(), len(document.pages), _bookmarks(document), _anchors(document))
    except ConverterError as err:
        return PartResult(failure=str(err))
    except MemoryError:
        return PartResult(failure=f"over the PDF engine's memory limit of {job.limits.pdf_memory_bytes // MB} MB")
    except _TooLong:
        return PartResult(failure=f"took longer than {job.limits.pdf_seconds:g} s and was stopped")


class _TooLong(Exception):
    """Raised in a worker by the alarm when a part outlives ``Limits.pdf_seconds``."""


@contextmanager
def worker_caps(job: PartJob) -> Iterator[None]:
    """In a worker (not the planning process, and on its main thread): cap the address space at
    ``pdf_memory_bytes`` (once per process) and stop the part after ``pdf_seconds``.

    The planning process is never capped: a library caller's own program must not inherit our limits.
    Without a worker the part renders uncapped, like a small article in ``pdf_out``, after the sanitiser.
    """
    if os.getpid() == job.planner or threading.current_thread() is not threading.main_thread():
        yield
        return
    _cap_address_space(job.limits.pdf_memory_bytes)

    def stop(signum: int, frame: object) -> None:
        raise _TooLong

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, job.limits.pdf_seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@cache
def _cap_address_space(cap: int) -> None:
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if soft == resource.RLIM_INFINITY or cap < soft:
        resource.setrlimit(resource.RLIMIT_AS, (cap if hard == resource.RLIM_INFINITY else min(cap, hard), hard))


def _bookmarks(document: object) -> tuple[Bookmark, ...]:
    return tuple(Bookmark(level, label, index) for index, page in enumerate(document.pages)  # type: ignore[attr-defined]
                 for level, label, *_ in page.bookmarks)


def _anchors(document: object) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, page in enumerate(document.pages):  # type: ignore[attr-defined]
        for name in page.anchors:
            if _ISSUE_ANCHOR.match(name):
                found.setdefault(name, index)
    return found


def part_bytes(part: PartResult) -> bytes:
    """A part for the cache: one JSON line (pages, bookmarks, anchors), then the PDF."""
    head = {"pages": part.pages, "anchors": part.anchors, "bookmarks": [asdict(b) for b in part.bookmarks]}
    return json.dumps(head, ensure_ascii=False).encode("utf-8") + b"\n" + part.pdf


def part_from_bytes(data: bytes) -> PartResult:
    head, _, pdf = data.partition(b"\n")
    fields = json.loads(head)
    bookmarks = tuple(Bookmark(**b) for b in fields["bookmarks"])
    return PartResult(pdf, fields["pages"], bookmarks, fields["anchors"])
