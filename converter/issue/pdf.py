"""An Issue -> PDF, in parts rendered in parallel: plan the parts, render (or reuse) them together with
the front matter and a digits page, stamp the contents' page numbers once the parts' page counts are
known, and join.

Why parts: WeasyPrint lays out one document in one thread, and its memory grows with the document.
Runs of a few articles render on every core, each in bounded memory, and are cached one by one, so a
rebuild after editing one article renders only that article's part, and joins the cached parts while that
part is laid out (``PartJoiner``: each cached part's PDF is opened once, there). The front matter's layout does not
depend on its page numbers (they sit in a fixed column), so it is laid out alongside the articles and
its numbers stamped in afterwards; it is laid out again with printed numbers only when that fails.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import re
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor
from dataclasses import replace
from functools import lru_cache, partial
from typing import cast

import pikepdf

from converter.article import Article
from converter.errors import RenderError
from converter.issue.cache import Cache, article_bytes, digest, rendering_environment
from converter.issue.executor import run_tasks
from converter.issue.html import PAGE_LINK, blocks, contents_lines, issue_direction, render_page
from converter.issue.model import Failure, Issue
from converter.issue.pdf_join import DIGITS_CSS, DamagedPart, PartJoiner, PdfInfo, stamp_contents
from converter.issue.pdf_parts import PartJob, PartResult, part_bytes, part_from_bytes, render_part
from converter.options import RenderOptions

log = logging.getLogger("converter.render.pdf")

#: Body characters per part (about ten A5 pages). Each WeasyPrint document costs about 0.1 s of set-up,
#: so short articles share a part; a long one (80,000 characters on the corpus) is a part of its own,
#: and parts are submitted longest first, so no core waits on one huge part at the end.
PART_CHARS = 15_000

#: At most this many articles per part, so a rebuild after one edit re-renders few articles.
MAX_ARTICLES_PER_PART = 6

#: How often the front matter is laid out again when its own length moves the page numbers it prints.
FRONT_ATTEMPTS = 3


def render_issue_pdf(issue: Issue, options: RenderOptions, executor: Executor | None = None,
                     cache: Cache | None = None, progress: Callable[[str], None] | None = None) -> tuple[bytes, Issue]:
    """The issue's PDF, and the issue as printed (articles that failed to render moved to its failures).

    A cached part found damaged where it is joined (its PDF does not open, or holds another page count than
    its record) is removed from the cache and the issue rendered again, that part anew.

    Raises ``RenderError`` when no article of the issue could be rendered (``DamagedPart`` when a part
    rendered in this run cannot be read back).
    """
    from converter.render.fonts import warn_unknown_font_family
    from converter.render.pdf_access import warn_pictures_without_alt_in

    warn_unknown_font_family(options.font_family)
    warn_pictures_without_alt_in(issue.articles, options.pdf_variant)
    groups = plan_parts(issue)
    articles = issue.articles
    jobs: list[Callable[[], PartJob]] = [partial(front_job, issue, options, None), partial(digits_job, issue, options),
                                         *(partial(part_job, issue, options, g) for g in groups)]
    # the front matter first (its result is waited for last), then the parts longest first
    sizes = [2**62, 2**61, *(sum(len(articles[i].body) for i in g) for g in groups)]
    recipes = [None, None, *part_recipes(issue, options, groups)] if cache is not None else None
    # Each run of articles goes into the joined PDF as soon as it is known (slot 0 waits for the front
    # matter): a rebuild joins the cached parts while the edited one is laid out.
    joiner = PartJoiner(1 + len(groups))
    damaged: list[tuple[str, ...]] = []

    def arrived(index: int, result: PartResult) -> None:
        if index >= 2 and not result.failure and not damaged:  # after a damaged part, the join is redone
            _add(joiner, index - 1, result, damaged)

    probe, digits, *parts = render_all(jobs, executor, cache, progress, sizes, recipes, arrived)
    info = pdf_info(issue)
    if damaged:
        return _again(issue, options, executor, cache, progress, damaged)
    regrouped = any(part.failure for part in parts)  # a failed run is rendered again an article at a time
    parts, failures = _isolate(issue, options, parts, groups, executor, cache)
    if not parts:
        raise RenderError("no article of the issue could be rendered: " + "; ".join(f.reason for f in failures))
    if regrouped:  # the runs of articles are not the planned ones (even where every article came back on its
        # own): join the parts as they are now
        joiner = PartJoiner(1 + len(parts))
        for slot, part in enumerate(parts, 1):
            _add(joiner, slot, part, damaged)
        if damaged:
            return _again(issue, options, executor, cache, progress, damaged)
    offsets = _offsets(parts)
    try:
        front = None if failures else stamped_front(issue, probe, parts, offsets, cache)
        if front is None:  # an article left out (its contents line goes), or a contents the stamp cannot read
            front = render_front(issue, options, parts, offsets, executor, cache, probe.pages or 2)
        _add(joiner, 0, front, damaged, info)
        if damaged:
            return _again(issue, options, executor, cache, progress, damaged)
        shift = front.pages
        marks = [*front.bookmarks, *(replace(b, page=b.page + shift + o) for p, o in zip(parts, offsets, strict=True)
                                     for b in p.bookmarks)]
        targets = page_numbers(parts, offsets, shift)
        pdf = joiner.finish(marks, info, digits.pdf, targets)
    except DamagedPart as err:  # the cached front matter (read to stamp it) or digits document
        source = err.source or (digits.source if err.slot == -1 else ())
        if cache is None or not source:
            raise
        return _again(issue, options, executor, cache, progress, [source])
    return pdf, replace(issue, failures=(*issue.failures, *failures))


def _add(joiner: PartJoiner, slot: int, part: PartResult, damaged: list[tuple[str, ...]],
         info: PdfInfo | None = None) -> None:
    """Give a part to the join; a cached part whose PDF is damaged is noted in ``damaged`` (a part rendered
    in this run that does not open is the engine's failure, raised as ``DamagedPart``)."""
    try:
        joiner.add(slot, part.pdf, part.pages, info, part.source)
    except DamagedPart as err:  # this part, or one that waited for it
        if not err.source:
            raise
        log.debug("cache entry %s damaged: %s", "/".join(err.source), err)
        damaged.append(err.source)


def _again(issue: Issue, options: RenderOptions, executor: Executor | None, cache: Cache | None,
           progress: Callable[[str], None] | None, damaged: Sequence[tuple[str, ...]]) -> tuple[bytes, Issue]:
    """The issue rendered again once the damaged cache entries are removed (each is a miss then, rendered
    anew; every other part comes from the cache). Ends: each round removes at least one entry."""
    assert cache is not None  # only cached parts are noted as damaged
    for kind, key in damaged:
        cache.discard(kind, key)
    return render_issue_pdf(issue, options, executor, cache, progress)


def preload() -> None:
    """The PDF engine and the modules this file loads when it needs them, loaded now: a pool runs this
    before it forks the workers that render, and while the workers that read work (``WorkerPool``)."""
    import converter.render.catalogue
    import converter.render.epub.metadata
    import converter.render.fonts
    import converter.render.pdf_access  # noqa: F401
    from converter.render.pdf_worker import load_engine

    load_engine()


def pdf_info(issue: Issue) -> PdfInfo:
    """What the issue's PDF says about itself, as its EPUB does: the title with the number (or date),
    the publisher as author, the subjects its articles share as keywords."""
    from converter.render.catalogue import shared_subjects
    from converter.render.epub.metadata import issue_title

    return PdfInfo(issue_title(issue.metadata, issue.language), issue.language, issue.metadata.publisher,
                   shared_subjects([a.tags for a in issue.articles]))


def plan_parts(issue: Issue) -> list[list[int]]:
    """Article indices per part: consecutive articles of one section (its opener always starts a part)
    until ``PART_CHARS`` or ``MAX_ARTICLES_PER_PART`` is reached. Boundaries move only when an edit
    carries a part across the threshold, so a rebuild finds the other parts in the cache."""
    groups: list[list[int]] = []
    index = 0
    for section in issue.sections:
        size = PART_CHARS
        for article in section.articles:
            if size >= PART_CHARS or len(groups[-1]) >= MAX_ARTICLES_PER_PART:
                groups.append([])
                size = 0
            groups[-1].append(index)
            size += len(article.body)
            index += 1
    return groups


def part_job(issue: Issue, options: RenderOptions, indices: Sequence[int]) -> PartJob:
    return PartJob(render_page(issue, options, "print", blocks(issue, indices, options, "print"), parts=True),
                   options.limits)


def render_all(jobs: Sequence[PartJob | Callable[[], PartJob]], executor: Executor | None, cache: Cache | None,
               progress: Callable[[str], None] | None = None, sizes: Sequence[int] | None = None,
               recipes: Sequence[str | None] | None = None,
               arrived: Callable[[int, PartResult], None] | None = None) -> list[PartResult]:
    """Every part: from the cache where its HTML was rendered before, else through the executor.

    A job may be given as a function that builds it: jobs are built one by one as they are submitted
    (in order of ``sizes``, largest first; default the HTML's length), so the workers start on the first
    part while the main process writes the HTML of the next. A job's ``recipes`` entry (``part_recipes``)
    finds its cached part without building its HTML at all: a rebuild after one edit writes the HTML of
    the edited part only (writing every part's HTML to key it was a third of a rebuild).

    ``arrived(index, part)`` is called for each part as it is known: the parts found in the cache once
    every part to render is submitted (so their work overlaps the rendering), the others as they finish.
    """
    order = sorted(range(len(jobs)), key=lambda i: -sizes[i]) if sizes is not None else _by_html_length(jobs)
    results: list[PartResult | None] = [None] * len(jobs)
    keys: dict[int, str] = {}
    submitted: list[int] = []

    def to_render() -> Iterator[PartJob]:
        for index in order:
            recipe = recipes[index] if recipes is not None and cache is not None else None
            if recipe is not None:
                results[index] = _by_recipe(cache, recipe)
                if results[index] is not None:
                    continue
            job = jobs[index]
            job = job() if callable(job) else job
            keys[index] = digest("pdf-part", rendering_environment(), repr(job.limits), job.html)
            results[index] = _cached(cache, keys[index])
            if recipe is not None and cache is not None:
                cache.put("pdf-recipes", recipe, keys[index].encode("ascii"))
            if results[index] is None:
                submitted.append(index)
                yield job
        if arrived is not None:
            for index in order:
                if index not in submitted:
                    arrived(index, cast(PartResult, results[index]))

    pages = 0
    for n, result in run_tasks(executor, render_part, to_render()):
        index = submitted[n]
        results[index] = result
        if cache is not None and not result.failure:
            cache.put("pdf-parts", keys[index], part_bytes(result))
        pages += result.pages
        if arrived is not None:
            arrived(index, result)
        if progress:  # parts found in the cache count as done
            done = sum(r is not None for r in results)
            # pages of the parts laid out in this run, before joining (which drops their blank filler pages
            # and cached parts are not counted): the final count is in the CLI's "wrote" line
            progress(f"rendered {done}/{len(jobs)} parts ({pages} pages laid out, before joining)")
    return [r for r in results if r is not None]


def part_recipes(issue: Issue, options: RenderOptions, groups: Sequence[Sequence[int]]) -> list[str | None]:
    """For each run of articles, a key made of everything its part's HTML is made of, without making it:
    the code, our templates and stylesheets, the libraries that write the HTML, the options, the issue's
    masthead and direction, and the part's articles (whole, as cached) with their numbers and section
    openers. ``None`` for every part with a template folder of the user's (its templates see the whole
    issue), so those parts are keyed by their HTML alone.
    """
    if options.template_dir is not None:
        return [None] * len(groups)
    meta = issue.metadata
    cover = hashlib.sha256(meta.cover.data).hexdigest() if meta.cover else ""
    shared = digest("pdf-recipe", html_sources(), rendering_environment(), repr(options), meta.title, meta.number,
                    meta.date, meta.publisher, meta.language, cover, issue.language, issue_direction(issue),
                    "\0".join(s.title for s in issue.sections))
    where: list[tuple[int, int, Article]] = []  # (section number, position in it, article) by article number
    for s_index, section in enumerate(issue.sections, 1):
        where.extend((s_index, position, article) for position, article in enumerate(section.articles))
    recipes: list[str | None] = []
    for group in groups:
        pieces: list[str | bytes] = [shared]
        for index in group:
            s_index, position, article = where[index]
            pieces += [f"{index + 1} {s_index} {position}", article_bytes(article)]
        recipes.append(digest(*pieces))
    return recipes


@lru_cache(maxsize=1)
def html_sources() -> str:
    """A digest of what turns articles into a part's HTML besides our code: the templates and stylesheets
    (outside the package in a source checkout) and the versions of the libraries that write it."""
    from importlib.metadata import PackageNotFoundError, version

    from converter.render.templating import data_dir

    h = hashlib.sha256()
    for name in ("templates", "styles"):
        for path in sorted(data_dir(name).rglob("*")):
            if path.is_file():
                h.update(str(path.relative_to(data_dir(name))).encode() + b"\0" + path.read_bytes())
    for package in ("jinja2", "markupsafe", "markdown-it-py", "mdit-py-plugins", "linkify-it-py", "babel", "lxml"):
        with contextlib.suppress(PackageNotFoundError):
            h.update(f"{package} {version(package)}\n".encode())
    return h.hexdigest()


def _by_recipe(cache: Cache | None, recipe: str) -> PartResult | None:
    """The cached part a recipe led to before (``part_recipes``), checked as any cached part is."""
    key = cache.get("pdf-recipes", recipe) if cache is not None else None
    if key is None or not re.fullmatch(rb"[0-9a-f]{64}", key):
        return None
    return _cached(cache, key.decode("ascii"))


def _by_html_length(jobs: Sequence[PartJob | Callable[[], PartJob]]) -> list[int]:
    lengths = [len(job.html) if isinstance(job, PartJob) else 0 for job in jobs]
    return sorted(range(len(jobs)), key=lambda i: -lengths[i])


def _cached(cache: Cache | None, key: str) -> PartResult | None:
    """A part from the cache, checked (``verified_part``); a damaged entry is a miss and is rendered again."""
    part = cache.load("pdf-parts", key, verified_part) if cache is not None else None
    return replace(part, source=("pdf-parts", key)) if part is not None else None


def verified_part(data: bytes) -> PartResult:
    """A cached part whose record is sound: a PDF, a page count, anchors and bookmarks on its pages. The PDF
    itself is opened once, where it is joined (``PartJoiner.add``), which checks its page count against the
    record (``DamagedPart``).

    Raises ``ValueError`` for a record that is not sound (read as a miss).
    """
    part = part_from_bytes(data)
    if not isinstance(part.pages, int) or part.pages < 1 or not part.pdf.startswith(b"%PDF-"):
        raise ValueError("not a rendered part")
    if not all(isinstance(v, int) and 0 <= v < part.pages for v in part.anchors.values()):
        raise ValueError("an anchor points outside the part")
    if not all(isinstance(b.label, str) and isinstance(b.level, int) and 0 <= b.page < part.pages
               for b in part.bookmarks):
        raise ValueError("a bookmark points outside the part")
    return part


def _isolate(issue: Issue, options: RenderOptions, parts: list[PartResult], groups: list[list[int]],
             executor: Executor | None, cache: Cache | None) -> tuple[list[PartResult], list[Failure]]:
    """A failed run of articles is rendered again one article at a time, so one bad article costs only itself."""
    kept, failures = [], []
    articles = issue.articles
    for part, group in zip(parts, groups, strict=True):
        if not part.failure:
            kept.append(part)
            continue
        singles = group if len(group) > 1 else []
        retried = render_all([part_job(issue, options, [i]) for i in singles], executor, cache)
        for index, result in zip(singles or group, retried or [part], strict=True):
            if result.failure:
                failures.append(Failure(articles[index].source or articles[index].title, result.failure))
                log.warning("%s: left out of the PDF (%s)", articles[index].title, result.failure)
            else:
                kept.append(result)
    return kept, failures


def _offsets(parts: Sequence[PartResult]) -> list[int]:
    """Each part's first page, counted from the first article part."""
    offsets, total = [], 0
    for part in parts:
        offsets.append(total)
        total += part.pages
    return offsets


def digits_job(issue: Issue, options: RenderOptions) -> PartJob:
    """An empty page of the issue whose footer prints every digit: ``pdf_join`` draws page numbers from it."""
    return PartJob(render_page(issue, options, "print", (), extra_css=DIGITS_CSS), options.limits)


def front_job(issue: Issue, options: RenderOptions, pages: dict[str, int] | None) -> PartJob:
    """Cover and contents. ``pages=None``: every line prints the placeholder that ``stamp_contents``
    replaces with its number, so this renders alongside the articles; else the numbers are printed
    (only the lines of articles that were rendered)."""
    if pages is None:
        lines = contents_lines(issue, {}, stamped=True)
    else:
        lines = [line for line in contents_lines(issue, pages) if line.page is not None]
    return PartJob(render_page(issue, options, "print", (), lines, cover=True, parts=True), options.limits)


def page_numbers(parts: Sequence[PartResult], offsets: Sequence[int], front_pages: int) -> dict[str, int]:
    """Anchor (``a3``, ``s1``) -> the printed number of the page it falls on in the joined PDF."""
    return {anchor: front_pages + offset + page + 1
            for part, offset in zip(parts, offsets, strict=True) for anchor, page in part.anchors.items()}


def stamped_front(issue: Issue, probe: PartResult, parts: Sequence[PartResult], offsets: Sequence[int],
                  cache: Cache | None = None) -> PartResult | None:
    """The front matter rendered with the articles, its page numbers stamped in; ``None`` if that cannot be
    done (the front failed, a line's target is missing, the placeholders are not one per line). The stamped
    PDF is cached by the probe's PDF and the numbers: a rebuild whose edit moves no page does not stamp.

    Raises ``DamagedPart`` (slot 0) when the probe's PDF cannot be read.
    """
    if probe.failure:
        return None
    pages = page_numbers(parts, offsets, probe.pages)
    anchors = [line.href[len(PAGE_LINK):] for line in contents_lines(issue, {}, stamped=True)]
    if not all(anchor in pages for anchor in anchors):
        return None
    numbers = [pages[anchor] for anchor in anchors]
    key = digest("pdf-front", hashlib.sha256(probe.pdf).hexdigest(), " ".join(map(str, numbers)))
    stamped = cache.get("pdf-fronts", key) if cache is not None else None
    if stamped is not None and stamped.startswith(b"%PDF-"):
        return replace(probe, pdf=stamped, source=("pdf-fronts", key))
    try:
        pdf = stamp_contents(probe.pdf, numbers)
    except pikepdf.PdfError as err:
        raise DamagedPart(0, f"its PDF cannot be read ({err})", probe.source) from None
    if pdf is None:
        log.info("the contents' page numbers could not be stamped; laying the contents out again")
        return None
    if cache is not None:
        cache.put("pdf-fronts", key, pdf)
    return replace(probe, pdf=pdf)


def render_front(issue: Issue, options: RenderOptions, parts: Sequence[PartResult], offsets: Sequence[int],
                 executor: Executor | None, cache: Cache | None, front_pages: int) -> PartResult:
    """Cover and contents with printed page numbers; laid out again if its own length shifts them.

    Raises ``RenderError`` when the front matter cannot be laid out.
    """
    for _ in range(FRONT_ATTEMPTS):
        pages = page_numbers(parts, offsets, front_pages)
        front = render_all([front_job(issue, options, pages)], executor, cache)[0]
        if front.failure:
            raise RenderError(f"the issue's cover and contents could not be rendered: {front.failure}")
        if front.pages == front_pages:
            return front
        front_pages = front.pages
    return front
