"""The one path for data: load -> extract -> Article -> render. The only module that chains stages.

The library (``converter.extract``, ``converter.render``), the command line and the issue compiler all call
these functions; ``RenderOptions.limits`` reaches every stage (the input cap when loading, the picture caps
when extracting, the PDF caps when rendering).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import fields
from os import PathLike
from pathlib import Path
from typing import Any

from converter.article import Article, Resource
from converter.errors import ConverterError, ExtractionError, UsageError
from converter.extract.language import detect_language, language_tag
from converter.extract.result import Extraction
from converter.load.source import Source, load
from converter.options import RenderOptions, given_options
from converter.policy.limits import Limits
from converter.policy.outputs import refuse_writing_over_inputs, resolved_path
from converter.policy.resources import ResourcePolicy
from converter.render.writing import write_atomic

log = logging.getLogger("converter.pipeline")

_FIELDS = {f.name for f in fields(Article)} - {"body", "resources", "input_path"}
#: The limits a call that gives none works under (``Limits``' documented defaults).
DEFAULT_LIMITS = Limits()


def _text(source: Source, limits: Limits = DEFAULT_LIMITS, **_: object) -> list[Extraction]:
    from converter.extract.text import extract_text

    return [extract_text(source.text, max_lines=limits.max_text_lines, name=source.name)]


def _html(source: Source, keep_comments: bool = False, limits: Limits = DEFAULT_LIMITS,
          **_: object) -> list[Extraction]:
    from converter.extract.html import extract_html

    policy = ResourcePolicy(source.folder, limits=limits)
    return [extract_html(source.text, base_dir=source.folder, load_resource=policy.load,
                         keep_comments=keep_comments, max_elements=limits.max_input_elements,
                         max_attributes=limits.max_element_attributes)]


def _mhtml(source: Source, keep_comments: bool = False, limits: Limits = DEFAULT_LIMITS,
           **_: object) -> list[Extraction]:
    from converter.extract.html.mhtml import extract_mhtml

    return [extract_mhtml(source.data, keep_comments=keep_comments, limits=limits)]


def _markdown(source: Source, limits: Limits = DEFAULT_LIMITS, **_: object) -> list[Extraction]:
    from dataclasses import replace

    from converter.extract.markdown import extract_markdown, front_matter_picture, with_lead_picture
    from converter.markdown.pictures import load_pictures

    extraction = extract_markdown(source.text, source.name, max_blocks=limits.max_text_lines, limits=limits)
    lead = front_matter_picture(extraction.body, extraction.metadata)
    body = with_lead_picture(extraction.body, lead) if lead else extraction.body
    resources = load_pictures(body, ResourcePolicy(source.folder, limits=limits, every_loss_warns=True).load)
    if lead and not any(r.ref == lead for r in resources):
        body = extraction.body  # refused (missing, outside the folder, on the web): no picture that shows nothing
    return [replace(extraction, body=body, resources=resources)]


def _feed(source: Source, limits: Limits = DEFAULT_LIMITS, **_: object) -> list[Extraction]:
    from converter.extract.feed import extract_feed

    return extract_feed(source.data, max_entries=limits.max_feed_entries, name=source.name,
                        max_elements=limits.max_input_elements, max_attributes=limits.max_element_attributes)


#: Input kind -> extractor. Each returns one Extraction per article (feeds: one per entry).
EXTRACTORS: dict[str, Callable[..., list[Extraction]]] = {
    "text": _text, "html": _html, "mhtml": _mhtml, "markdown": _markdown, "feed": _feed,
}


def load_source(source: str | bytes | PathLike[str] | None = None, *, path: str | PathLike[str] | None = None,
                kind: str | None = None, name: str | None = None, limits: Limits | None = None) -> Source:
    """Stage 1: read and decode an input within ``limits.max_input_bytes``.

    The input is ``source`` or ``path=``, never both: a ``str`` ``source`` is always the text itself, however
    much it looks like a file name; ``bytes`` are the encoded text; a file is a ``pathlib.Path`` or
    ``path="..."``. Raises ``SourceError`` (unreadable, empty, binary, too big) or ``UsageError`` (unknown
    ``kind``, both or neither of ``source`` and ``path``).
    """
    return load(source, kind=kind, name=name, max_bytes=(limits or DEFAULT_LIMITS).max_input_bytes, path=path)


def extract_source(source: Source, keep_comments: bool = False, limits: Limits | None = None) -> list[Extraction]:
    """Stage 2: the extractions of a loaded source (several for a feed, at most ``limits.max_feed_entries``);
    pictures, lines and front matter under ``limits``.

    Raises ``ExtractionError`` when no article text is found, ``SourceError`` for a text over
    ``limits.max_text_lines`` or front matter that is refused.
    """
    try:
        extractions = EXTRACTORS[source.kind](source, keep_comments=keep_comments, limits=limits or DEFAULT_LIMITS)
    except ExtractionError as err:  # a reader's refusal (a cap reached) names the input, as every error here
        if str(err).startswith(f"{source.name}: "):
            raise
        raise ExtractionError(f"{source.name}: {err}") from None
    if not extractions or not any(e.body.strip() or e.metadata.get("title") for e in extractions):
        raise ExtractionError(f"{source.name}: no article text found; check that it is the saved article "
                              f"(read as {source.kind}; pass kind=... (--kind on the command line) to force "
                              "another reading)")
    return extractions


def extract_all(source: str | bytes | PathLike[str] | None = None, *, path: str | PathLike[str] | None = None,
                kind: str | None = None, name: str | None = None, keep_comments: bool = False,
                limits: Limits | None = None) -> list[Article]:
    """Every article in the input (one, or one per entry of a feed, at most ``limits.max_feed_entries``).

    The input is ``source`` or ``path=``, never both. A ``str`` ``source`` is always the text itself,
    however much it looks like a file name (a service can pass what its users send without them naming a
    file on its disk); ``bytes`` are the encoded text; a file is a ``pathlib.Path`` or ``path="..."``.
    Raises ``SourceError`` (missing, unreadable, empty, binary, over ``limits.max_input_bytes``, more than
    ``limits.max_text_lines`` lines), ``ExtractionError`` (no article text) or ``UsageError``.
    """
    loaded = load_source(source, path=path, kind=kind, name=name, limits=limits)
    return [build_article(e, loaded) for e in extract_source(loaded, keep_comments, limits)]


def extract(source: str | bytes | PathLike[str] | None = None, *, path: str | PathLike[str] | None = None,
            kind: str | None = None, name: str | None = None, keep_comments: bool = False,
            limits: Limits | None = None) -> Article:
    """The article in the input: ``source`` (a ``str`` is the text, ``bytes`` the encoded text, a
    ``pathlib.Path`` a file) or ``path=`` (a file, named by a string or a path). Its kind is detected
    unless ``kind`` is given. For a feed, its first entry. Raises as ``extract_all``::

        extract("Title\\n\\nA paragraph of the article.")   # text, never a file name
        extract(Path("page.html"))                         # a file
        extract(path="page.html")                          # a file, explicitly
    """
    return extract_all(source, path=path, kind=kind, name=name, keep_comments=keep_comments, limits=limits)[0]


def convert(source: Source, fmt: str, options: RenderOptions | None = None, *, keep_comments: bool = False,
            inspect: Callable[[Extraction, Article], None] | None = None,
            output: str | Path | None = None, out_dir: Path | None = None,
            adjust: Callable[[Article], Article] | None = None) -> bytes:
    """Stages 2 to 4 for one loaded input: extract its article, build it, render it as ``fmt``.

    ``inspect`` sees the extraction and the article before rendering (the CLI's ``--explain`` and
    ``--debug-dir``); ``adjust`` may change it last (the CLI leaves the pictures out of Markdown on standard
    output, where no file can hold them). Written atomically to ``output`` if given (see ``render``). A feed
    of several items needs ``out_dir``: each item is written there, named after its title, and ``b""`` is returned;
    without it a ``UsageError`` says so (never only the first item). Raises what ``extract_source`` and
    ``render`` raise.
    """
    return convert_to(source, [(fmt, output)], options, keep_comments=keep_comments, inspect=inspect,
                      out_dir=out_dir, adjust=adjust)[0]


def convert_to(source: Source, targets: Sequence[tuple[str, str | Path | None]],
               options: RenderOptions | None = None, *, keep_comments: bool = False,
               inspect: Callable[[Extraction, Article], None] | None = None, out_dir: Path | None = None,
               adjust: Callable[[Article], Article] | None = None,
               failed: Callable[[str, ConverterError], None] | None = None) -> list[bytes]:
    """``convert`` to several ``(format, output)`` targets: the input is extracted once (``inspect`` called
    once) and each format rendered from that one Article, in order; one ``bytes`` per target (``b""`` for a
    feed's items, written to ``out_dir``, and for a target that failed).

    Without ``failed`` the first error is raised; with it a ``ConverterError`` while rendering one target
    (not a ``UsageError``) is given to ``failed(format, error)`` and the next target is still rendered.
    Extraction errors are always raised (no target can be rendered then).
    """
    options = given_options(options, "convert()")
    extractions = extract_source(source, keep_comments, options.limits)
    results: list[bytes] = []
    article = None
    if len(extractions) == 1:
        article = build_article(extractions[0], source)
        if inspect is not None:
            inspect(extractions[0], article)
        if adjust is not None:
            article = adjust(article)
    for fmt, output in targets:
        try:
            if article is None:
                write_items(source, extractions, fmt, out_dir, options)
                results.append(b"")
            else:
                results.append(render(article, fmt, output, options=options))
        except UsageError:
            raise
        except ConverterError as err:
            if failed is None:
                raise
            failed(fmt, err)
            results.append(b"")
    return results


def write_items(source: Source, extractions: list[Extraction], fmt: str, out_dir: Path | None,
                options: RenderOptions) -> list[Path]:
    """A feed's items, one file each in ``out_dir`` named after its title (``-2``, ``-3`` for repeats).

    Raises ``UsageError`` for a feed of several items without a folder to write them in.
    """
    from converter.render.writing import safe_filename

    if out_dir is None:
        raise UsageError(f"{source.name} is a feed of {len(extractions)} items; write them to a folder, "
                         "one file per item (out_dir=...; --out-dir DIR on the command line), or compile them "
                         "into one edition with 'converter issue'")
    written: list[Path] = []
    for extraction in extractions:
        article = build_article(extraction, source)
        stem, n = safe_filename(article.title or Path(source.name).stem, ""), 1
        while (path := out_dir / f"{stem}{'' if n == 1 else f'-{n}'}.{fmt}") in written:
            n += 1
        render(article, fmt, path, options=options)
        written.append(path)
    return written


def page_source(data: bytes, url: str, charset: str = "") -> Source:
    """A page captured in a web archive as a Source: decoded by its BOM or its own declaration, else by the
    ``charset`` its HTTP headers declared (when it is a web encoding), else detected. Raises ``SourceError``."""
    from converter.load.decoding import BOMS, declared_charset
    from converter.load.source import check_content, from_bytes

    codec = _http_codec(charset) if charset and declared_charset(data[:4096]) is None else ""
    if codec and not any(data.startswith(bom) for bom, _ in BOMS):
        check_content(data, url)
        return Source(text=data.decode(codec, errors="replace"), data=data, kind="html", name=url)
    return from_bytes(data, name=url, kind="html")


def extract_page(data: bytes | Source, url: str, load_resource: Callable[[str], Resource | None] | None, *,
                 captured: str = "", charset: str = "", keep_comments: bool = False) -> tuple[Article, Extraction]:
    """The article of a page captured in a web archive: its bytes (or ``page_source`` of them), its address
    and a reader of its pictures.

    ``load_resource(url)`` gives a picture captured in the same archive (``converter.archive.resources``),
    never fetched. ``charset`` is the one the HTTP headers declared (see ``page_source``); ``captured``
    (ISO 8601) becomes the article's ``retrieved`` date. Returns the Article and the Extraction it was
    built from. Raises ``SourceError`` (not a page) or ``ExtractionError`` (no article in it).
    """
    from dataclasses import replace

    from converter.extract.html import extract_html

    source = data if isinstance(data, Source) else page_source(data, url, charset)
    extraction = extract_html(source.text, base_dir=None, load_resource=load_resource, keep_comments=keep_comments)
    metadata = {**extraction.metadata, "url": extraction.metadata.get("url") or url, "source": url}
    if captured:
        metadata["retrieved"] = captured
    extraction = replace(extraction, metadata=metadata)
    return build_article(extraction, source), extraction


def _http_codec(label: str) -> str:
    """The Python codec of an HTTP charset when it is a web encoding (the WHATWG table), else ""."""
    from converter.load.decoding import whatwg_codec

    return whatwg_codec(label) or ""


def build_article(extraction: Extraction, source: Source) -> Article:
    """The Article from an extraction: metadata fields, body, resources, and defaults for what is missing."""
    # Any: by the end each value is of its Article field's type (str, or a tuple of str)
    meta: dict[str, Any] = {k: v for k, v in extraction.metadata.items() if k in _FIELDS and v}
    for key in ("authors", "tags"):
        if key in meta and isinstance(meta[key], str):
            meta[key] = (meta[key],)
        elif key in meta:
            meta[key] = tuple(meta[key])
    meta = {k: v if k in ("authors", "tags") else str(v) for k, v in meta.items()}
    if not meta.get("source") and source.path is not None:
        meta["source"] = meta.get("url") or source.path.name
    meta["language"] = language_tag(str(meta.get("language", ""))) or _guess_language(extraction.body)
    resources = tuple(r for r in extraction.resources if isinstance(r, Resource))
    input_path = "" if source.path is None else resolved_path(source.path)
    return Article(title=str(meta.pop("title", "")), body=extraction.body, resources=resources,
                   input_path=input_path, **meta)


def _guess_language(body: str) -> str:
    return detect_language(body)


def _markdown_bytes(article: Article, options: RenderOptions) -> bytes:
    return article.to_markdown().encode("utf-8")


def _html_bytes(article: Article, options: RenderOptions) -> bytes:
    from converter.render.html import render_html

    return render_html(article, options, media=options.media).encode("utf-8")


def _pdf_bytes(article: Article, options: RenderOptions) -> bytes:
    from converter.render.fonts import warn_unknown_font_family
    from converter.render.glyphs import warn_missing_glyphs
    from converter.render.html import render_html
    from converter.render.pdf import render_pdf
    from converter.render.pdf_access import warn_pictures_without_alt

    warn_unknown_font_family(options.font_family)
    warn_missing_glyphs(f"{article.title}{article.subtitle}{article.body}", options.font_family)
    html = render_html(article, options, media="print")
    warn_pictures_without_alt(html, article.resources, options.pdf_variant)
    return render_pdf(html, options.limits)


def _epub_bytes(article: Article, options: RenderOptions) -> bytes:
    from converter.render.epub import render_epub

    return render_epub([article], options=options)


#: Output format -> renderer. Every output is rendered from the Article.
RENDERERS: dict[str, Callable[[Article, RenderOptions], bytes]] = {
    "md": _markdown_bytes, "html": _html_bytes, "pdf": _pdf_bytes, "epub": _epub_bytes,
}

#: Formats that are binary: never written to standard output.
BINARY_FORMATS = ("pdf", "epub")

#: File extension -> output format.
FORMAT_OF_EXTENSION = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".pdf": "pdf",
                       ".epub": "epub"}


def render(article: Article, fmt: str, output: str | Path | None = None,
           options: RenderOptions | None = None) -> bytes:
    """Stage 4: ``article`` as ``fmt`` (md, html, pdf, epub), as bytes; written atomically to ``output`` if given.

    A Markdown edition written to a file gets its pictures beside it, in ``<stem>_files/``
    (``converter.markdown.pictures``); written nowhere (or to standard output) it keeps its refs.
    Raises ``UsageError`` for an unknown format, an ``output`` named for another format
    (``check_output_format``), one that is the file the article was read from (``article.input_path``: an
    input is never overwritten), is a folder or in a folder that does not exist or cannot be written in,
    or ``options`` that are not a ``RenderOptions``; ``RenderError`` (``StrictError`` in strict mode) when
    rendering fails or a limit refuses the page; ``ConverterError`` when ``output`` cannot be written (a
    full disk).
    """
    if not isinstance(article, Article):  # a text passed by mistake: a UsageError, not AttributeError deep inside
        raise UsageError(f"render() takes an Article (from converter.extract), not {type(article).__name__}; "
                         "for text, call converter.render(converter.extract(text), ...)")
    if not isinstance(fmt, str):
        raise UsageError(f"render() takes the format as a text (md, html, pdf, epub), not {fmt!r}")
    renderer = RENDERERS.get(fmt.lower().lstrip("."))
    if renderer is None:
        raise UsageError(f"unknown output format {fmt!r}; use one of: {', '.join(RENDERERS)}")
    options = given_options(options, "render()")
    if output is not None:
        check_output_format(fmt, output)
        refuse_writing_over_inputs(Path(output), [article.input_path])
    if output is not None and renderer is _markdown_bytes:
        from converter.markdown.pictures import with_pictures_beside

        article, pictures = with_pictures_beside(article, Path(output))
        for path, picture in pictures.items():  # the pictures first: the Markdown never points at a missing one
            if _holds(path, picture):  # e.g. ``page.md`` beside a saved page's own ``page_files/``: left as it is
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, picture)
    data = renderer(article, options)
    if output is not None:
        write_atomic(Path(output), data)
    return data


def _holds(path: Path, data: bytes) -> bool:
    """Whether the file at ``path`` already holds exactly ``data`` (then it is not written again: it may be
    one of the input's own pictures, which is never rewritten)."""
    try:
        return path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def check_output_format(fmt: str, output: str | Path) -> None:
    """Refuse an output named for another format than the one rendered (a PDF written as ``x.epub`` opens
    nowhere); a name with no known extension (``x.out``, ``report``) takes any format.

    Raises ``UsageError`` naming both.
    """
    fmt = fmt.lower().lstrip(".")
    named = FORMAT_OF_EXTENSION.get(Path(output).suffix.lower())
    if named is not None and named != fmt:
        raise UsageError(f"the output {str(output)!r} is named for {named}, but the format asked for is {fmt}: "
                         f"name it {Path(output).with_suffix('.' + fmt).name!r} or pass fmt={named!r} "
                         "(--to on the command line)")


def format_of(path: str | Path) -> str:
    """The output format a file name's extension asks for.

    Raises ``UsageError`` for an extension no format has.
    """
    fmt = FORMAT_OF_EXTENSION.get(Path(path).suffix.lower())
    if fmt is None:
        known = ", ".join(sorted(set(FORMAT_OF_EXTENSION)))
        raise UsageError(f"cannot tell the output format of {str(path)!r}; name it with {known} or pass the "
                         "format (fmt=...; --to on the command line)")
    return fmt
