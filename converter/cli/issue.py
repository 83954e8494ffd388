"""``converter issue``: many articles into one edition (a thin layer over ``converter.issue``).

Exit codes: 0 every input is in the issue; 3 the issue was written without the inputs reported on
standard error; 1 nothing was written (no article survived, or ``--strict`` and one failed); 2 bad call.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

from converter.cli.common import PROGRESS, render_options, reporting
from converter.cli.convert import convert, css_files
from converter.errors import ConverterError, UsageError
from converter.options import RenderOptions
from converter.policy.outputs import OutputPlan

if TYPE_CHECKING:  # the issue compiler (and its process pool) loads only when ``issue`` runs
    from concurrent.futures import Executor

    from converter.issue.manifest import Manifest
    from converter.issue.model import Failure, Issue

#: The issue was written, but without some inputs.
EXIT_INCOMPLETE = 3

#: Options of ``convert`` that shape an issue too (the reading options do not apply).
STYLE_OPTIONS = ("page_size", "theme", "css", "template_dir", "margins", "columns", "hyphenate", "justify",
                 "links", "font_family", "max_image_px", "media", "pdf_variant", "pdf_tags")

EXAMPLES = """
\b
Examples:
  converter issue saved/ -o weekly.pdf --title "The Weekly" --number 12
  converter issue --manifest issue.toml -o issue.epub
  converter issue a.html b.txt c.md -o digest.html --individual
"""


@click.command(epilog=EXAMPLES)
@click.argument("inputs", nargs=-1, metavar="INPUT...")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The issue file; its extension picks the format: .pdf, .epub, .html or .md.")
@click.option("--manifest", type=click.Path(dir_okay=False, path_type=Path),
              help="A TOML file with the issue's metadata and its ordered sections of articles.")
@click.option("--title", help="The issue's title (default: the manifest's, else the articles' common site).")
@click.option("--number", help="The issue number (default: the articles' when they all agree).")
@click.option("--date", help="The issue date, YYYY-MM-DD (default: the articles' when they all agree).")
@click.option("--publisher", help="Who publishes the issue (shown on the cover).")
@click.option("--cover", type=click.Path(dir_okay=False, path_type=Path), help="A picture for the cover.")
@click.option("--allow-outside", "allow_outside", multiple=True, metavar="DIR",
              type=click.Path(file_okay=False, exists=True, path_type=Path),
              help="Let the manifest's paths and globs, and links in input folders, lead into DIR too "
                   "(by default they must stay inside the manifest's or the input's folder). Repeatable.")
@click.option("--individual", is_flag=True,
              help="Also write each article's own edition, in a folder named after the output.")
@click.option("--jobs", type=click.IntRange(1), help="Worker processes (default: one per CPU).")
@click.option("--cache", "cache_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Cache folder for extractions and PDF parts (default: ~/.cache/converter).")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the cache.")
@click.option("--strict", is_flag=True, help="Write nothing and exit 1 if any input fails.")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
@click.option("--debug", is_flag=True, help="Show a traceback for unexpected errors.")
def issue(inputs: tuple[str, ...], output: Path, manifest: Path | None, cover: Path | None,
          allow_outside: tuple[Path, ...], individual: bool, jobs: int | None, cache_dir: Path | None,
          no_cache: bool, strict: bool, quiet: bool, debug: bool,
          **options: object) -> None:
    """Compile INPUT files and folders (any kind the converter reads, mixed) into one issue."""
    with reporting(quiet, debug):
        from converter.issue import compile_issue
        from converter.issue.cache import Cache, damage_note, default_folder
        from converter.issue.executor import reading
        from converter.issue.render import issue_format, render_edition

        metadata = {key: options.pop(key) for key in ("title", "number", "date", "publisher")}
        _check_not_blank(metadata)
        if not inputs and manifest is None:
            raise UsageError("give the articles (files or folders) or a --manifest")
        fmt = issue_format(output)
        given_css: tuple[str, ...] = tuple(options.get("css", ()))  # type: ignore[arg-type]
        plan, loaded = plan_issue(inputs, output, manifest, cover, individual, css_files(given_css), allow_outside)
        style = render_options(options)
        cache = None if no_cache else Cache(cache_dir or default_folder())
        progress = _progress(quiet)
        with _executor(jobs, quiet, fmt) as executor:
            with reading(executor):  # the PDF engine loads here while the workers read
                compiled = compile_issue([Path(i) for i in inputs], **metadata,  # type: ignore[arg-type]
                                         cover=cover, manifest=loaded, executor=executor, cache=cache,
                                         progress=progress, limits=style.limits, allow_outside=allow_outside)
            _stop_if_strict(strict, compiled)
            if fmt == "pdf":
                _load_pdf_code()  # loaded already where a pool preloaded it
            edition = render_edition(compiled, fmt, style, executor, cache, progress, output=output)
            _stop_if_strict(strict, edition.issue)
            edition.write(output)
            failures = edition.issue.failures
            if individual:
                failures += _write_individual(edition.issue, output, fmt, style, executor, plan)
        PROGRESS.clear()  # what follows is not progress: never on the progress line
        note = damage_note(cache)
        if note and not quiet:
            click.echo(f"converter: note: {note}", err=True)
        _report(failures)
        if progress is not None:  # on a terminal the progress line ends with where the issue went and what it
            # holds; piped or scripted a successful run stays silent (a script names the output itself)
            click.echo(f"converter: wrote {output} ({_extent(edition.data, fmt, len(edition.issue.articles))})",
                       err=True)
        if failures:
            raise SystemExit(EXIT_INCOMPLETE)


def _extent(data: bytes, fmt: str, articles: int) -> str:
    """What the issue holds, for the final line: ``24 pages, 5 articles`` (pages for a PDF only)."""
    counted = f"{articles} article{'s' if articles != 1 else ''}"
    if fmt != "pdf":
        return counted
    import io

    import pikepdf

    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            pages = len(pdf.pages)
    except pikepdf.PdfError:  # ours, so never expected; the line is only a report
        return counted
    return f"{pages} page{'s' if pages != 1 else ''}, {counted}"


def _check_not_blank(metadata: dict[str, object]) -> None:
    """A metadata option given but blank (``--title ""``) is a slip, not a wish for the default: say so
    instead of printing a masthead the user did not ask for. Raises ``UsageError`` (exit 2)."""
    for key, value in metadata.items():
        if isinstance(value, str) and not value.strip():
            raise UsageError(f"--{key} is empty: give the issue's {key}, or leave the option out for the "
                             "default (nothing was written)")


def plan_issue(inputs: tuple[str, ...], output: Path, manifest: Path | None, cover: Path | None,
               individual: bool, css: tuple[Path, ...],
               allow_outside: tuple[Path, ...] = ()) -> tuple[OutputPlan, Manifest | None]:
    """Every input (files, the files of folders, the manifest, what it names, the cover, the CSS) and every
    target, checked before anything is read or written: an input is never overwritten (exit 2)."""
    from converter.issue.manifest import load_manifest

    plan = OutputPlan(allow_outside=allow_outside)
    plan.add_inputs(inputs)
    plan.add_inputs(css)
    loaded = None
    if manifest is not None:
        plan.add_input(manifest)
        plan.check_target_free(output)  # before the manifest is read
        loaded = load_manifest(manifest, allow_outside)
        plan.add_inputs(e.path for s in loaded.sections for e in s.entries if e.path is not None)
        if "cover" in loaded.metadata:
            plan.add_input(loaded.metadata["cover"])
    if cover is not None:
        plan.add_input(cover)
    plan.add_target(output, "the output")
    if individual:
        folder = output.with_suffix("")
        plan.add_folder(folder, "--individual")
        holder = plan.input_inside(folder)
        if holder is not None:
            raise UsageError(f"--individual would write the articles' editions into {folder}, which holds the "
                             f"input {holder}; name the output elsewhere (nothing was written)")
    plan.check()
    plan.make_folders()
    return plan, loaded


@contextmanager
def _executor(jobs: int | None, quiet: bool, fmt: str) -> Iterator[Executor | None]:
    """The issue's worker pool (``--jobs``, at most one per CPU); on an error, Ctrl-C or ``SIGTERM`` its
    workers are stopped at once, not waited for. For a PDF the PDF engine and the issue's PDF code are
    loaded here before the workers that render start, so that they inherit it rather than each load it,
    and while the workers that read work (``WorkerPool``)."""
    from converter.issue.executor import WorkerPool, make_executor, worker_count

    _, note = worker_count(jobs)
    if note and not quiet:
        click.echo(f"converter: note: {note}", err=True)
    executor = make_executor(jobs, preload=_load_pdf_code if fmt == "pdf" else None)
    try:
        yield executor
    except BaseException:
        if isinstance(executor, WorkerPool):
            executor.terminate()
        raise
    if executor is not None:
        executor.shutdown(cancel_futures=True)


def _load_pdf_code() -> None:
    """The PDF engine, and what writes and joins an issue's parts (Jinja2, markdown-it, pikepdf). A stop
    signal waits for the end of the loading (``held``): pikepdf's compiled module, interrupted while it
    initialises, fails to import or aborts the process."""
    from converter.cli.signals import held

    with held():
        from converter.issue.pdf import preload

        preload()


def _stop_if_strict(strict: bool, compiled: Issue) -> None:
    if strict and compiled.failures:
        _report(compiled.failures, strict=True)
        count = len(compiled.failures)
        raise ConverterError(f"{count} input{'s' if count > 1 else ''} failed and --strict is on; nothing was "
                             "written")


def _report(failures: tuple[Failure, ...], strict: bool = False) -> None:
    """One line per input left out (or, with ``--strict``, that stopped the issue): the file, then the reason."""
    outcome = "(--strict: the issue is not written)" if strict else "(left out of the issue)"
    for failure in dict.fromkeys(failures):
        reason = failure.reason if failure.reason.startswith(failure.source) else f"{failure.source}: {failure.reason}"
        PROGRESS.above(f"converter: error: {reason} {outcome}")


def _progress(quiet: bool) -> Callable[[str], None] | None:
    """Progress on one overwritten line of a terminal; nothing when piped or quiet."""
    if quiet or not sys.stderr.isatty():
        return None
    return PROGRESS.show


def _write_individual(compiled: Issue, output: Path, fmt: str, options: RenderOptions,
                      executor: Executor | None, plan: OutputPlan) -> tuple[Failure, ...]:
    """Each article's own edition in ``<output without extension>/``, named after its input, rendered
    through the issue's executor; the articles whose edition failed."""
    from converter.issue.executor import run_tasks
    from converter.issue.model import Failure
    from converter.issue.render import SingleJob, render_single_task
    from converter.render.writing import safe_filename, write_atomic

    folder = output.with_suffix("")
    taken: set[str] = set()
    names = []
    for number, article in enumerate(compiled.articles, 1):
        stem = (safe_filename(Path(article.source).stem, "") if article.source and "://" not in article.source
                else f"article-{number}")
        names.append(stem if stem not in taken else f"{stem}-{number}")
        taken.add(names[-1])
    articles = list(compiled.articles)
    pictures: list[dict[Path, bytes]] = [{} for _ in names]
    if fmt == "md":  # a Markdown edition's pictures go beside it, as with convert -o x.md
        from converter.markdown.pictures import with_pictures_beside

        for i, article in enumerate(articles):
            articles[i], pictures[i] = with_pictures_beside(article, folder / f"{names[i]}.md")
    jobs = [SingleJob(article, fmt, options) for article in articles]
    failures = []
    for index, (data, why) in run_tasks(executor, render_single_task, jobs):
        target = folder / f"{names[index]}.{fmt}"
        source = plan.input_of(target)
        if source is not None:  # the folder was checked; this is the last guard
            why = f"{target} is the input {source}; not written"
        if why:
            failures.append(Failure(f"{names[index]}.{fmt}", why))
        else:
            for path, picture in pictures[index].items():
                path.parent.mkdir(parents=True, exist_ok=True)
                write_atomic(path, picture)
            write_atomic(target, data)
    return tuple(failures)


# The look of an issue is set by the same flags as a single edition's: share them, do not copy them.
issue.params.extend(p for p in convert.params if p.name in STYLE_OPTIONS)
