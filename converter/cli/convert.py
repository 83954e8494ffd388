"""``converter convert``: one edition per input (a thin layer over ``converter.pipeline``).

Exit codes: 0 done; 1 an input could not be read or converted; 2 the call itself is wrong.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import click

from converter.article import Article
from converter.cli.common import PROGRESS, STDIO, render_options, reporting
from converter.errors import ConverterError, UsageError
from converter.extract.result import Extraction
from converter.options import RenderOptions
from converter.pipeline import BINARY_FORMATS, RENDERERS, format_of
from converter.render.pdf_output import PDF_VARIANTS

log = logging.getLogger("converter.cli")

EXAMPLES = """
\b
Examples:
  converter convert article.txt -o article.pdf
  converter convert page.html --to html > page.html.out
  converter convert a.txt b.txt c.html --out-dir editions --to pdf
  converter convert page.html -o page.epub
  cat article.txt | converter convert - -o article.md
  converter convert article.txt --explain -o /dev/null
"""


@dataclass(frozen=True)
class Job:
    """One input and where its edition goes (``None``: standard output)."""

    source: str
    output: Path | None
    fmt: str
    out_dir: Path | None = None
    """Set when the editions go to a folder: a feed's items then each get their own file there."""


@click.command(epilog=EXAMPLES)
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("-o", "--output", help="Output file; its extension picks the format. '-' writes to standard output.")
@click.option("--to", "fmt", callback=lambda _c, _p, v: _formats(v), metavar="FORMAT[,FORMAT...]",
              help=f"Output format: {', '.join(RENDERERS)} (default: from -o, else md); a comma list with --out-dir.")
@click.option("--out-dir", type=click.Path(path_type=Path),
              help="Write one output per input into this folder (named after the input); folders and web "
                   "archives (.warc, .warc.gz, .wacz) are mirrored into it, with a catalogue and index.html.")
@click.option("--scheduler", default="processes", show_default=True, metavar="processes|dask-local|dask://HOST:PORT",
              help="Where folders and archives are converted: a process pool here, a local Dask cluster, or a "
                   "running Dask scheduler.")
@click.option("--jobs", type=click.IntRange(1), help="Workers for folders and archives (default: one per CPU).")
@click.option("--retry-failed", is_flag=True, help="Folders and archives: try again what failed in an earlier run.")
@click.option("--kind", type=click.Choice(["text", "html", "mhtml", "markdown", "feed"]),
              help="Read the input as this kind instead of detecting it.")
@click.option("--page-size", default="A5", show_default=True,
              help="PDF page size: A4, A5, B5, Letter, 6in (e-reader), 7in or WxH (150mmx200mm).")
@click.option("--theme", default="classic", show_default=True, help="A built-in look ('converter themes').")
@click.option("--css", multiple=True, metavar="FILE_OR_TEXT", help="Extra CSS after the theme (a file or CSS text).")
@click.option("--template", "template_dir", type=click.Path(file_okay=False, path_type=Path),
              help="A folder of Jinja2 templates overriding ours by name.")
@click.option("--margins", default="18mm 16mm 20mm", show_default=True, help="PDF page margins (CSS lengths).")
@click.option("--columns", type=click.IntRange(1, 4), default=1, show_default=True, help="PDF text columns.")
@click.option("--hyphenate/--no-hyphenate", default=True, show_default=True, help="Hyphenate words.")
@click.option("--justify/--ragged", default=True, show_default=True, help="Justified or ragged-right PDF text.")
@click.option("--links", type=click.Choice(["footnotes", "inline", "hidden", "endnotes"]), default="footnotes",
              show_default=True, help="How link addresses appear in the PDF.")
@click.option("--pdf-variant", type=click.Choice(PDF_VARIANTS), default=None,
              help="Write a standard PDF: pdf/ua-1 (accessible), pdf/a-3b (archival)...")
@click.option("--pdf-tags/--no-pdf-tags", default=True, show_default=True,
              help="Tag the PDF (structure for screen readers).")
@click.option("--font-family", default="", help="A system font for the body text instead of Source Serif.")
@click.option("--media", type=click.Choice(["screen", "print"]), default="screen", show_default=True,
              help="HTML output for reading on screen, or with the PDF's paged-media CSS (print).")
@click.option("--max-image-px", type=click.IntRange(min=0), default=0,
              help="Cap the longer side of EPUB pictures, in pixels (0: keep).")
@click.option("--keep-comments", is_flag=True, help="Keep a page's reader comments (HTML input).")
@click.option("--explain", is_flag=True, help="Show on standard error what extraction kept and dropped, and why.")
@click.option("--explain-json", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the same report as JSON to this file.")
@click.option("--debug-dir", type=click.Path(path_type=Path),
              help="Write each stage's intermediate here (extraction.json, article.md, article.html).")
@click.option("--strict", "strict_mode", is_flag=True,
              help="Stop at the first warning (a blocked or missing picture, in Markdown any picture left out; "
                   "a reshaped table, a guessed encoding); write nothing.")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
@click.option("--debug", is_flag=True, help="Show a traceback for unexpected errors.")
def convert(inputs: tuple[str, ...], output: str | None, fmt: str | None, out_dir: Path | None,
            kind: str | None, keep_comments: bool, explain: bool, explain_json: Path | None,
            debug_dir: Path | None, strict_mode: bool, quiet: bool, debug: bool, scheduler: str,
            jobs: int | None, retry_failed: bool, **style: object) -> None:
    """Convert INPUT (a .txt scrape, a saved .html page or .md; '-' for standard input) to a reader edition.

    A folder or a web archive (.warc, .warc.gz, .wacz) given with --out-dir is converted whole: one edition
    per article and format, a catalogue, an index page; a second run does only what is missing or changed.
    """
    from converter.policy.strict import strict

    with reporting(quiet, debug):
        batch = _batch(inputs, out_dir)
        if batch:
            missing = _missing_inputs(inputs)
            inputs = tuple(source for source in inputs if source not in missing)
            if not inputs:
                raise SystemExit(1)  # each was reported; nothing to convert, no folder made
            _walk_folders(inputs)
    if batch:
        # warnings go to each article's catalogue row: a terminal cannot hold one line per picture of an archive
        with reporting(True, debug):
            _convert_batch(inputs, out_dir, fmt, render_options(style), keep_comments=keep_comments,
                           scheduler=scheduler, jobs=jobs, retry_failed=retry_failed, quiet=quiet,
                           missing=len(missing))
        return
    with reporting(quiet, debug), strict(strict_mode):
        given_css: tuple[str, ...] = tuple(style.get("css", ()))  # type: ignore[arg-type]
        jobs_ = plan_jobs(inputs, output, fmt, out_dir, explain_json=explain_json, debug_dir=debug_dir,
                          css_files=css_files(given_css))
        options = render_options(style)
        failures = 0
        tasks = _by_input(jobs_)  # one extraction per input, every format rendered from its Article
        several = len(jobs_) > 1
        for number, task in enumerate(tasks, 1):
            _progress(quiet, f"[{number}/{len(tasks)}] {task[0].source}")

            def failed(fmt: str, err: ConverterError) -> None:
                nonlocal failures
                failures += 1
                PROGRESS.above(f"converter: error: {err}")

            try:
                run_job(task, options, kind=kind, keep_comments=keep_comments, explain=explain,
                        explain_json=explain_json, debug_dir=debug_dir, failed=failed if several else None)
                job = task[0]
                if output is None and out_dir is None and job.output is not None and not quiet:
                    # the file name was ours to choose (a binary format without -o): say where it went
                    click.echo(f"converter: wrote {job.output}", err=True)
            except UsageError:
                raise
            except ConverterError as err:
                if not several:
                    raise
                failures += 1
                PROGRESS.above(f"converter: error: {err}")
        if failures:
            raise SystemExit(1)


def _by_input(jobs: list[Job]) -> list[list[Job]]:
    """The jobs grouped by input, in the order the inputs were given (``--to md,pdf`` plans one job per input
    and format)."""
    grouped: dict[str, list[Job]] = {}
    for job in jobs:
        grouped.setdefault(job.source, []).append(job)
    return list(grouped.values())


def _formats(value: str | None) -> str | None:
    """``--to``: one format, or a comma list of them (checked here, kept as written)."""
    if value is None:
        return None
    chosen = [f.strip().lower() for f in value.split(",") if f.strip()]
    unknown = [f for f in chosen if f not in RENDERERS]
    if not chosen or unknown:
        raise click.BadParameter(f"{', '.join(unknown) or value!r} is not a format; use {', '.join(RENDERERS)} "
                                 "(several with commas: pdf,epub,md)")
    return ",".join(dict.fromkeys(chosen))


def _batch(inputs: tuple[str, ...], out_dir: Path | None) -> bool:
    """Whether the inputs are converted whole into --out-dir: a folder or a web archive among them.

    Without --out-dir a web archive or a folder is a usage error (exit 2) that says how it is converted.
    """
    from converter.archive.inputs import is_archive, is_batch_input

    if out_dir is None:
        if any(source != STDIO and is_archive(source) for source in inputs):
            raise UsageError("folders and web archives need --out-dir DIR (one edition per article, mirrored)")
        for source in inputs:
            if source != STDIO and Path(source).is_dir():
                raise UsageError(f"{source}: is a folder; give an article file (.txt, .html, .md), or add "
                                 "--out-dir DIR to convert every article in it")
        return False
    return any(source != STDIO and is_batch_input(source) for source in inputs)


def _missing_inputs(inputs: tuple[str, ...]) -> tuple[str, ...]:
    """The inputs of a batch run that do not exist, each reported as an error line here: the others still
    convert (as with several files), and the run then exits 1."""
    missing = tuple(source for source in inputs if source != STDIO and not os.path.lexists(source))
    for source in missing:
        PROGRESS.above(f"converter: error: {source}: no such file or folder; check the path")
    return missing


def _walk_folders(inputs: tuple[str, ...]) -> None:
    """Walk each input folder once with warnings shown: the links and hard-linked files it leaves out are
    said here, since the batch run itself is quiet (its warnings go to each article's catalogue row)."""
    from converter.issue.inputs import folder_articles

    for source in inputs:
        if source != STDIO and Path(source).is_dir():
            folder_articles(Path(source))


def _convert_batch(inputs: tuple[str, ...], out_dir: Path | None, fmt: str | None, options: RenderOptions, *,
                   keep_comments: bool, scheduler: str, jobs: int | None, retry_failed: bool, quiet: bool,
                   missing: int = 0) -> None:
    """Folders and archives: the resumable run of ``converter.archive.run``; exit 1 if an article failed or
    ``missing`` inputs (already reported) were left out."""
    from converter.archive.run import RunSettings, TerminalProgress, run_archive
    from converter.archive.scheduler import check_scheduler

    assert out_dir is not None
    if STDIO in inputs:
        raise UsageError("standard input ('-') cannot be converted with folders or archives; save it to a file")
    settings = RunSettings(tuple(Path(i) for i in inputs), out_dir, tuple((fmt or "md").split(",")), options,
                           keep_comments, check_scheduler(scheduler), jobs, retry_failed)
    progress = TerminalProgress() if not quiet else None
    report = run_archive(settings, progress)
    if progress:
        progress.finish()
    if not quiet:
        click.echo(f"converter: {report.summary()}; catalogue in {out_dir / 'catalogue.jsonl'}", err=True)
    if report.failed or report.failed_before:
        click.echo(f"converter: {report.failed + report.failed_before} failed; reasons in "
                   f"{out_dir / 'failures.jsonl'}", err=True)
        raise SystemExit(1)
    if missing:
        click.echo(f"converter: {missing} input{'s' if missing > 1 else ''} not found (above); the others "
                   "were converted", err=True)
        raise SystemExit(1)


def plan_jobs(inputs: tuple[str, ...], output: str | None, fmt: str | None, out_dir: Path | None, *,
              explain_json: Path | None = None, debug_dir: Path | None = None,
              css_files: tuple[Path, ...] = ()) -> list[Job]:
    """Decide, before reading or writing anything, where each input's edition goes; refuse (exit 2) a plan
    that would write over an input or over another target (``converter.policy.outputs``)."""
    from converter.policy.outputs import OutputPlan, plan_debug_dir

    jobs = _jobs(inputs, output, fmt, out_dir)
    plan = OutputPlan()
    plan.add_inputs(s for s in inputs if s != STDIO)
    plan.add_inputs(css_files)
    if out_dir is not None:
        plan.add_folder(out_dir, "--out-dir")
    for job in jobs:
        if job.output is None:
            plan.add_stdout()
        else:
            plan.add_target(job.output, "the edition" if out_dir is not None else "the output")
    if explain_json is not None:
        plan.add_target(explain_json, "--explain-json")
    if debug_dir is not None:
        plan_debug_dir(plan, debug_dir)
    plan.ready()
    return jobs


def _jobs(inputs: tuple[str, ...], output: str | None, fmt: str | None, out_dir: Path | None) -> list[Job]:
    if fmt and "," in fmt:
        if out_dir is None:
            raise UsageError("several formats (--to a,b) need --out-dir DIR")
        return [job for one in fmt.split(",") for job in _jobs(inputs, None, one, out_dir)]
    if len(inputs) > 1 and out_dir is None:
        raise UsageError("several inputs need --out-dir DIR (one output per input)")
    if out_dir is not None:
        if output is not None:
            raise UsageError("use either -o or --out-dir, not both")
        return _out_dir_jobs(inputs, fmt or "md", out_dir)
    source = inputs[0]
    if output is None or output == STDIO:
        chosen = fmt or "md"
        if chosen in BINARY_FORMATS and output == STDIO:
            raise UsageError(f"{chosen.upper()} is binary; give a file name with -o instead of '-'")
        if chosen in BINARY_FORMATS:
            return [Job(source, Path(_stem(source) + f".{chosen}"), chosen)]
        return [Job(source, None, chosen)]
    return [Job(source, Path(output), fmt or _format_of_target(output))]


def _format_of_target(output: str) -> str:
    """The format ``-o`` asks for; a device such as ``/dev/stdout`` has no extension and gets Markdown."""
    from converter.render.writing import stream_target

    if stream_target(Path(output)) is not None and not Path(output).suffix:
        return "md"
    return format_of(output)


def _out_dir_jobs(inputs: tuple[str, ...], fmt: str, out_dir: Path) -> list[Job]:
    jobs, taken = [], set()
    for source in inputs:
        stem, n = _stem(source), 1
        while (name := f"{stem}{'' if n == 1 else f'-{n}'}.{fmt}") in taken:
            n += 1
        taken.add(name)
        jobs.append(Job(source, out_dir / name, fmt, out_dir))
    return jobs


def css_files(values: tuple[str, ...]) -> tuple[Path, ...]:
    """The ``--css`` values that name files (inputs too: never written over)."""
    return tuple(Path(v) for v in values if Path(v).suffix == ".css" or Path(v).is_file())


def _stem(source: str) -> str:
    """The output's name for an input, before its extension: the input's, made safe (``safe_filename``
    drops bidi controls, so ``rtl\u202efdp.txt`` does not give a PDF that shows as ``rtlfdp.pdf``)."""
    from converter.render.writing import safe_filename

    return "stdin" if source == STDIO else safe_filename(Path(source).stem, "")


def run_job(jobs: Job | list[Job], options: RenderOptions, *, kind: str | None, keep_comments: bool,
            explain: bool, explain_json: Path | None, debug_dir: Path | None = None,
            failed: Callable[[str, ConverterError], None] | None = None) -> None:
    """Read and extract one input once through ``converter.pipeline``; write its edition in each job's format
    (all ``jobs`` share one source). ``failed`` gets a format whose rendering failed, and the others still
    render (see ``pipeline.convert_to``)."""
    from converter.cli.explain import explain_json as as_json
    from converter.cli.explain import explain_text
    from converter.load.source import read_stream
    from converter.pipeline import convert_to, load_source
    from converter.render.writing import write_atomic, write_stdout

    jobs = [jobs] if isinstance(jobs, Job) else jobs
    job = jobs[0]
    limits = options.limits
    if job.source == STDIO:
        data = read_stream(stdin_buffer(), "<stdin>", limits.max_input_bytes)
        source = load_source(data, name="<stdin>", kind=kind, limits=limits)
    else:
        source = load_source(path=Path(job.source), kind=kind, limits=limits)

    def inspect(extraction: Extraction, article: Article) -> None:
        if explain:
            click.echo(explain_text(extraction, source.name), err=True, nl=False)
        if explain_json is not None:
            write_atomic(explain_json, as_json(extraction, source.name).encode("utf-8"))
        if debug_dir is not None:
            write_stages(debug_dir, extraction, article, options, source.name)

    adjust = (lambda article: without_pictures(article, source.name)) if job.output is None and job.fmt == "md" \
        else None
    results = convert_to(source, [(j.fmt, j.output) for j in jobs], options, keep_comments=keep_comments,
                         inspect=inspect, out_dir=job.out_dir, adjust=adjust, failed=failed)
    for one, data in zip(jobs, results, strict=True):
        if one.output is None:
            write_stdout(data)


def without_pictures(article: Article, name: str) -> Article:
    """The Article without its embedded pictures, for an edition on standard output: no file holds them there,
    so the Markdown must not point at one (``images/quay-1.jpg`` would name a file never written). Each
    ``![alt](ref)`` of an embedded picture is removed (a caption stays) and one warning says how many were
    left out and how to keep them; remote pictures (``https:``) and ``data:`` URIs are kept as they are."""
    import re
    from dataclasses import replace

    inline = tuple(r for r in article.resources if r.ref.startswith("data:"))  # held in the text itself: kept
    left_out = [r for r in article.resources if not r.ref.startswith("data:")]
    if not left_out:
        return article
    body = article.body
    for resource in left_out:
        ref = re.escape(resource.ref)
        body = re.sub(rf"!\[(?:[^\]\\]|\\.)*\]\(\s*(?:<{ref}>|{ref})(?:\s+\"[^\"\n]*\")?\s*\)", "", body)
    count = len(left_out)
    log.warning("%s: %d picture%s left out: Markdown on standard output cannot hold pictures (-o FILE.md writes "
                "them beside it, in FILE_files/)", name, count, "s" if count > 1 else "")
    return replace(article, body=re.sub(r"\n{3,}", "\n\n", body), resources=inline)


def write_stages(folder: Path, extraction: Extraction, article: Article, options: RenderOptions,
                 name: str) -> None:
    """Each stage's intermediate, so anyone can see where a page went wrong."""
    from converter.cli.explain import explain_json
    from converter.policy.outputs import DEBUG_MARKER
    from converter.render.html import render_html
    from converter.render.writing import write_atomic

    write_atomic(folder / DEBUG_MARKER, b"Stage files of converter --debug-dir; the next run replaces them.\n")
    write_atomic(folder / "extraction.json", explain_json(extraction, name).encode("utf-8"))
    write_atomic(folder / "article.md", article.to_markdown().encode("utf-8"))
    write_atomic(folder / "article.html", render_html(article, options, media="print").encode("utf-8"))


def stdin_buffer() -> BinaryIO:
    """Standard input's byte stream; a closed standard input (``<&-``) is the caller's error (exit 2)."""
    if sys.stdin is None:
        raise UsageError("standard input is closed; give the article as a file, or pipe it in")
    return sys.stdin.buffer


def _progress(quiet: bool, message: str) -> None:
    if not quiet and sys.stderr.isatty():
        PROGRESS.show(message)
