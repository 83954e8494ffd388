"""What every command shares: warnings and errors on standard error, exit codes, the style flags."""

from __future__ import annotations

import logging
import re
import traceback
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from converter.cli.signals import Terminated, terminate_like_interrupt
from converter.errors import ConverterError, UsageError
from converter.options import RenderOptions

#: The file name that means standard input or output.
STDIO = "-"


class ProgressLine:
    """A live progress line on a terminal's standard error: each message overwrites the last, and every
    other line (a warning, an error) is written above it: the line is cleared, the message printed, and
    the progress drawn again below, so a warning never lands in the middle of the progress text."""

    def __init__(self) -> None:
        self.text = ""

    def show(self, message: str) -> None:
        click.echo(f"\r\033[K{message}", err=True, nl=False, color=True)  # color: keep the erase code
        self.text = message

    def above(self, line: str) -> None:
        """Write ``line`` (and a newline) on standard error, above the progress line if one is shown."""
        if not self.text:
            click.echo(line, err=True)
            return
        click.echo(f"\r\033[K{line}", err=True, color=True)
        click.echo(self.text, err=True, nl=False)

    def clear(self) -> None:
        if self.text:
            click.echo("\r\033[K", err=True, nl=False, color=True)
            self.text = ""


#: The process's one progress line (commands show it only on a terminal).
PROGRESS = ProgressLine()


class _StderrHandler(logging.Handler):
    """Library warnings as ``converter: warning: ...`` lines on standard error, above the progress line."""

    def emit(self, record: logging.LogRecord) -> None:
        PROGRESS.above(f"converter: {record.levelname.lower()}: {record.getMessage()}")


def render_options(style: dict[str, Any]) -> RenderOptions:
    """The options object from the style flags (click's values, each of its option's type); ``--css``
    values naming a file are read."""
    given = tuple(style.pop("css", ()))
    css = tuple(_css_text(value) for value in given)
    for value, text in zip(given, css, strict=True):
        _check_css(value, text)
    if style.get("pdf_variant") is None:  # not given: the option's default
        style.pop("pdf_variant", None)
    return RenderOptions(css=css, **style)


def _check_css(value: str, text: str) -> None:
    """Each problem of a ``--css`` stylesheet as a warning naming it (its file, or its text cut short):
    CSS repairs its errors silently, so the user would never learn why a rule did nothing."""
    from converter.render.user_css import css_problems

    shown = value if len(value) <= 40 else value[:37] + "..."
    for problem in css_problems(text):
        logging.getLogger("converter.cli").warning("--css %r: %s", shown, problem)


def _css_text(value: str) -> str:
    path = Path(value)
    if value.endswith(".css") or (len(value) < 300 and "{" not in value and path.is_file()):
        try:
            return path.read_text("utf-8")
        except OSError as err:
            raise UsageError(f"--css {value}: cannot be read ({err.strerror})") from None
    return value


#: A library's warning category (by module) -> the library's name in our messages.
LIBRARIES = {"PIL": "the picture library (Pillow)", "weasyprint": "the PDF engine (WeasyPrint)",
             "fontTools": "the font library (fontTools)", "lxml": "the HTML parser (lxml)"}

_PIXELS = re.compile(r"Image size \((\d+) pixels\) exceeds limit of (\d+)")


def in_our_words(message: Warning | str, category: type[Warning]) -> str:
    """A third-party warning as one line of ours: what happened, which library said it."""
    text = str(message).strip().splitlines()[0] if str(message).strip() else category.__name__
    found = _PIXELS.search(text)
    if category.__name__ == "DecompressionBombWarning" and found:
        return (f"a picture of {int(found.group(1)):,} pixels is over the picture library's safety threshold "
                f"of {int(found.group(2)):,}; it was decoded, slowly and with much memory")
    library = LIBRARIES.get(category.__module__.split(".")[0], category.__module__.split(".")[0])
    return f"{library} warned: {text[:200]}"


@contextmanager
def library_warnings() -> Iterator[None]:
    """Within the block, Python warnings from the libraries we call reach standard error in our words, each
    distinct one once (``converter: warning: ...``), instead of their file, line and source text."""
    seen: set[str] = set()
    logger = logging.getLogger("converter.libraries")

    def show(message: Warning | str, category: type[Warning], filename: str, lineno: int,
             file: object = None, line: str | None = None) -> None:
        text = in_our_words(message, category)
        if text not in seen:
            seen.add(text)
            logger.warning("%s", text)

    with warnings.catch_warnings():
        warnings.showwarning = show
        yield


@contextmanager
def reporting(quiet: bool, debug: bool) -> Iterator[None]:
    """Route library warnings to stderr and turn errors into one line and an exit code."""
    logger = logging.getLogger("converter")
    handler = _StderrHandler(logging.ERROR if quiet else logging.WARNING)
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    try:
        with terminate_like_interrupt(), library_warnings():
            yield
    except ConverterError as err:
        PROGRESS.clear()
        click.echo(f"converter: error: {err}", err=True)
        raise SystemExit(err.exit_code) from None
    except Terminated as stop:
        raise SystemExit(128 + stop.signum) from None
    except KeyboardInterrupt:
        raise SystemExit(130) from None
    except BrokenPipeError:  # the reader went away (``| head``): nothing left to say to it
        _quiet_stdout()
        raise SystemExit(141) from None
    except Exception as err:  # a bug: say so in one line, keep the traceback for --debug
        PROGRESS.clear()
        if debug:
            traceback.print_exc()
        click.echo(f"converter: internal error: {type(err).__name__}: {err} (run with --debug and report it)",
                   err=True)
        raise SystemExit(70) from None
    finally:
        PROGRESS.clear()
        logger.removeHandler(handler)


def _quiet_stdout() -> None:
    """Point standard output at /dev/null so the interpreter's final flush cannot fail on the closed pipe."""
    import os
    import sys

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.close(devnull)
    except OSError:
        pass
    if sys.stdout is not None:
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - lives until the process ends
