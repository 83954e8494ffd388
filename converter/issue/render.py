"""An Issue -> an edition: one renderer per format, in one table, like ``pipeline.RENDERERS``."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass, field
from pathlib import Path

from converter.article import Article
from converter.errors import UsageError
from converter.issue.cache import Cache
from converter.issue.model import Issue
from converter.options import RenderOptions, given_options
from converter.pipeline import FORMAT_OF_EXTENSION, check_output_format
from converter.policy.outputs import refuse_writing_over_inputs
from converter.render.writing import write_atomic

Progress = Callable[[str], None]


@dataclass(frozen=True)
class Edition:
    """A rendered issue, and the issue as it was printed (articles that failed to render in its failures)."""

    data: bytes
    issue: Issue
    files: dict[Path, bytes] = field(default_factory=dict)
    """Files to write beside the edition first (a Markdown edition's pictures), path -> bytes."""

    def write(self, output: Path) -> None:
        """The files beside it, then the edition, each atomically (the edition never points at a missing
        picture). Raises ``ConverterError`` when one cannot be written."""
        for path, data in self.files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, data)
        write_atomic(output, self.data)


def _markdown(issue: Issue, options: RenderOptions, executor: Executor | None, cache: Cache | None,
              progress: Progress | None) -> Edition:
    from converter.issue.markdown import issue_markdown

    return Edition(issue_markdown(issue).encode("utf-8"), issue)


def _html(issue: Issue, options: RenderOptions, executor: Executor | None, cache: Cache | None,
          progress: Progress | None) -> Edition:
    from converter.issue.html import issue_page

    return Edition(issue_page(issue, options, options.media).encode("utf-8"), issue)


def _pdf(issue: Issue, options: RenderOptions, executor: Executor | None, cache: Cache | None,
         progress: Progress | None) -> Edition:
    from converter.issue.pdf import render_issue_pdf

    return Edition(*render_issue_pdf(issue, options, executor, cache, progress))


def _epub(issue: Issue, options: RenderOptions, executor: Executor | None, cache: Cache | None,
          progress: Progress | None) -> Edition:
    from converter.issue.epub import issue_epub

    return Edition(issue_epub(issue, options), issue)


#: Output format -> issue renderer.
ISSUE_RENDERERS: dict[str, Callable[..., Edition]] = {"md": _markdown, "html": _html, "pdf": _pdf, "epub": _epub}


def render_edition(issue: Issue, fmt: str, options: RenderOptions | None = None, executor: Executor | None = None,
                   cache: Cache | None = None, progress: Progress | None = None,
                   output: Path | None = None) -> Edition:
    """The issue rendered as ``fmt``, with what was left out while rendering. A Markdown edition to be
    saved as ``output`` points at its pictures in ``<stem>_files/`` and carries them (``Edition.files``).

    Raises ``UsageError`` for an unknown format.
    """
    renderer = ISSUE_RENDERERS.get(fmt.lower().lstrip("."))
    if renderer is None:
        raise UsageError(f"unknown issue format {fmt!r}; use one of: {', '.join(ISSUE_RENDERERS)}")
    if renderer is _markdown and output is not None:
        from converter.issue.markdown import issue_markdown_files

        text, files = issue_markdown_files(issue, Path(output))
        return Edition(text.encode("utf-8"), issue, files)
    return renderer(issue, options or RenderOptions(), executor, cache, progress)


def render_issue(issue: Issue, fmt: str, output: str | Path | None = None, options: RenderOptions | None = None,
                 executor: Executor | None = None, cache: Cache | None = None, *,
                 progress: Progress | None = None) -> bytes:
    """``issue`` as ``fmt`` (md, html, pdf, epub), as bytes; written atomically to ``output`` if given
    (a Markdown edition with its pictures beside it, in ``<stem>_files/``).

    ``progress`` (a callable taking one line of text, as ``compile_issue``'s; the CLI's progress line) is
    told ``rendered 3/7 parts (42 pages laid out, before joining)`` each time a part of a PDF has been laid
    out (the parts found in ``cache`` count as done; a PDF found whole in it says nothing). The other
    formats are written in one step and say nothing.

    An article that fails to render is left out and listed in the issue's failures (the PDF lays out each
    part in the capped worker). Raises ``UsageError`` for an unknown format, an ``output`` named for
    another format (``check_output_format``), one that is a file an article was read from (an input is
    never overwritten) or in a folder that does not exist, ``RenderError`` when no article
    could be rendered, ``ConverterError`` when ``output`` cannot be written.
    """
    options = given_options(options, "render_issue()")
    if output is not None:
        check_output_format(fmt, output)
        refuse_writing_over_inputs(Path(output), [a.input_path for a in issue.articles])
    edition = render_edition(issue, fmt, options, executor, cache, progress,
                             output=None if output is None else Path(output))
    if output is not None:
        edition.write(Path(output))
    return edition.data


def issue_format(path: str | Path) -> str:
    """The issue format a file name's extension asks for (the same table as an article's edition).

    Raises ``UsageError`` for an extension no format has.
    """
    fmt = FORMAT_OF_EXTENSION.get(Path(path).suffix.lower())
    if fmt is None:
        raise UsageError(f"cannot tell the issue format of {str(path)!r}; name it .pdf, .epub, .html or .md")
    return fmt


def render_single(article: Article, fmt: str, options: RenderOptions) -> bytes:
    """One article's own edition, for ``--individual`` (EPUB through the EPUB edition, the rest the pipeline)."""
    if fmt == "epub":
        from converter.render.epub import render_epub

        return render_epub([article], options=options)
    from converter.pipeline import render

    return render(article, fmt, options=options)


@dataclass(frozen=True)
class SingleJob:
    """One article's own edition to render (for ``--individual``), as a task any executor can run."""

    article: Article
    fmt: str
    options: RenderOptions


def render_single_task(job: SingleJob) -> tuple[bytes, str]:
    """Task: ``(edition, "")``, or ``(b"", why)`` when this article's edition cannot be made."""
    from converter.errors import ConverterError

    try:
        return render_single(job.article, job.fmt, job.options), ""
    except ConverterError as err:
        return b"", str(err)
