"""What every command shares: warnings and errors on standard error, exit codes, the style flags."""

from __future__ import annotations

import logging
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

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
    css = tuple(_css_text(value) for value in style.pop("css", ()))
    if style.get("pdf_variant") is None:  # not given: the option's default
        style.pop("pdf_variant", None)
    return RenderOptions(css=css, **style)


def _css_text(value: str) -> str:
    path = Path(value)
    if value.endswith(".css") or (len(value) < 300 and "{" not in value and path.is_file()):
        try:
            return path.read_text("utf-8")
        except OSError as err:
            raise UsageError(f"--css {value}: cannot be read ({err.strerror})") from None
    return value


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
        yield
    except ConverterError as err:
        PROGRESS.clear()
        click.echo(f"converter: error: {err}", err=True)
        raise SystemExit(err.exit_code) from None
    except (KeyboardInterrupt, BrokenPipeError):
        raise SystemExit(130) from None
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
