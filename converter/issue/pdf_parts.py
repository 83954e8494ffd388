"""The PDF of an issue in parts: each part (the front matter, or a run of articles) is its own WeasyPrint
document, rendered by a top-level task any executor can run, and cached by its HTML.

A part reports what joining needs: its page count, its bookmarks (level, label, page) and the pages its
anchors fall on (``a3`` -> the page where article 3 starts), so the contents can print true numbers.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from functools import partial

from converter.errors import ConverterError
from converter.policy.limits import Limits
from converter.render.pdf_layout import layout_document, warm, warm_fonts
from converter.render.pdf_worker import run_isolated
from converter.render.sanitize import Sanitized, sanitize

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
    source: tuple[str, ...] = field(default=(), compare=False)
    """The cache entry it was read from (kind, key), so a damaged one found at the join can be discarded;
    empty for a part rendered in this run."""


@dataclass(frozen=True)
class PartJob:
    """What a worker needs: the part's whole HTML and the limits it renders under."""

    html: str
    limits: Limits = field(default_factory=Limits)


def render_part(job: PartJob) -> PartResult:
    """Task: sanitise one part here, then lay it out and write it in the isolated, capped child process that
    renders every PDF (``converter.render.pdf_worker``), wherever this task runs (a pool worker, a cluster
    node, or the caller's process with ``--jobs 1``). A failure is reported in the result, not raised."""
    try:
        page = sanitize(job.html, job.limits)
        return run_isolated(_lay_out_part, page, job.limits, limits=job.limits, warm=partial(_warm, page, job.limits))
    except ConverterError as err:
        return PartResult(failure=str(err))


def _warm(page: Sanitized, limits: Limits) -> None:
    """Before the fork: the engine, the stylesheet and hyphenation (``warm``), and, from a process's second
    part on, the fonts, which a process rendering many parts keeps for all of them (``warm_fonts``). Not
    before the first: a rebuild renders one part, whose child loads the fonts it uses in less time than
    the sample costs (the sample's layout is about 0.1 s; the faces a part loads, about 35 ms), and which
    waits for this."""
    warm(page, limits)
    if _PARTS_WARMED:
        warm_fonts(page, limits)
    _PARTS_WARMED.append(page.stylesheet)


#: The stylesheets of the parts this process has warmed for (``_warm``).
_PARTS_WARMED: list[str] = []


def _lay_out_part(page: Sanitized, limits: Limits) -> PartResult:
    """In the child: the part's PDF with what joining needs (pages, bookmarks, anchors)."""
    document = layout_document(page, limits)
    pdf = document.write_pdf(**page.pdf_output().write_options())  # the variant and tags the page asks for
    return PartResult(pdf, len(document.pages), _bookmarks(document), _anchors(document))


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
