"""Our templates and styles, read through one loader; a user's template folder rendered as data, not code.

In a wheel ours live in ``converter/_data/``; in a source checkout (and an editable install) in the
top-level ``templates/`` and ``styles/`` folders beside the package.

A template folder may come from a configuration file in a folder someone else wrote, so templates are
treated as untrusted: they render in Jinja2's ``SandboxedEnvironment`` (no attribute of Python internals,
no calling unsafe methods), ``include``/``import``/``extends`` find only files inside the template folder
and our own templates (each step opened without following a symbolic link, at most
``MAX_TEMPLATE_BYTES``), and whatever goes wrong in a template is a ``TemplateError`` naming its file and
line.
"""

from __future__ import annotations

import functools
import os
import stat
import traceback
from collections.abc import Callable
from functools import cache
from pathlib import Path

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.loaders import split_template_path
from jinja2.sandbox import SandboxedEnvironment

from converter.errors import RenderError, UsageError

_PACKAGE = Path(__file__).resolve().parent.parent  # converter/ (this file is converter/render/templating.py)

#: Largest template file read (ours are under 4 KB).
MAX_TEMPLATE_BYTES = 256 * 1024


#: Longest string or list a template may make with ``*``.
MAX_REPEAT = 1_000_000


class TemplateError(RenderError):
    """A template (usually the user's ``--template`` folder) is broken, missing, recursive or refused."""


def data_dir(name: str) -> Path:
    """The folder of our ``templates`` or ``styles``, installed or in the source tree.

    Raises ``RenderError`` when the installed package lacks its templates or styles.
    """
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise RenderError(f"the converter's {name} folder is missing; reinstall the package")


class ConfinedLoader(jinja2.BaseLoader):
    """Templates from a list of folders, first match wins, never leaving them.

    A name is split by Jinja2's own rule (no ``..``); each path step is opened with ``O_NOFOLLOW``
    below the folder's descriptor, so a symbolic link planted in the folder is refused, not followed.
    """

    def __init__(self, folders: list[Path]) -> None:
        self.folders = [f.resolve() for f in folders]

    def get_source(self, environment: jinja2.Environment,
                   template: str) -> tuple[str, str, Callable[[], bool]]:
        from converter.policy.resources import Reason, Refused, open_beneath

        segments = split_template_path(template)  # raises TemplateNotFound for a ".." step
        for folder in self.folders:
            try:
                fd = open_beneath(folder, segments)
            except Refused as why:
                if why.reason is Reason.NOT_SAVED:  # missing here: try the next folder
                    continue
                raise TemplateError(f"template {template!r} in {folder}: refused, {why}") from None
            with os.fdopen(fd, "rb") as fh:
                info = os.fstat(fh.fileno())
                if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_TEMPLATE_BYTES:
                    raise TemplateError(f"template {template!r} in {folder}: not a regular file of at most "
                                        f"{MAX_TEMPLATE_BYTES // 1024} KB")
                data = fh.read(MAX_TEMPLATE_BYTES + 1)
            try:
                source = data.decode("utf-8")
            except UnicodeDecodeError:
                raise TemplateError(f"template {folder / template}: is not UTF-8 text") from None
            filename = str(folder.joinpath(*segments))
            mtime = info.st_mtime_ns
            return source, filename, functools.partial(_unchanged, filename, mtime)
        raise jinja2.TemplateNotFound(template)


def _unchanged(filename: str, mtime: int) -> bool:
    try:
        return os.stat(filename, follow_symlinks=False).st_mtime_ns == mtime
    except OSError:
        return False


class _BoundedSandbox(SandboxedEnvironment):
    """The sandbox, with ``*`` and ``**`` bounded: ``{{ "a" * 10**10 }}`` is refused, not allocated."""

    intercepted_binops = frozenset(["*", "**"])

    def call_binop(self, context: jinja2.runtime.Context, operator: str, left: object, right: object) -> object:
        if operator == "**" and isinstance(right, int) and abs(right) > 64:
            raise SecurityError(f"an exponent of {right} (at most 64)")
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(times, int) and len(seq) * times > MAX_REPEAT:
                    raise SecurityError(f"a repetition of {len(seq) * times:,} items (at most {MAX_REPEAT:,})")
        return super().call_binop(context, operator, left, right)


@cache
def environment(template_dir: Path | None = None) -> jinja2.Environment:
    """The sandboxed Jinja2 environment: every template autoescaped (``.html.j2`` and ``.xhtml.j2`` alike).

    Templates in ``template_dir`` (a house style) override ours by name; the others stay ours. Raises
    ``UsageError`` when ``template_dir`` is not a folder.
    """
    if template_dir is not None and not template_dir.is_dir():
        raise UsageError(f"template folder {template_dir} does not exist")
    folders = [template_dir] if template_dir is not None else []
    return _BoundedSandbox(
        loader=ConfinedLoader([*folders, data_dir("templates")]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=False,
        keep_trailing_newline=True,
    )


def render_template(name: str, template_dir: Path | None = None, **context: object) -> str:
    """Template ``name`` rendered with ``context``; any failure inside a template is a ``TemplateError``
    naming the template file and line (``template /x/article.html.j2, line 3: 'foo' is undefined``).

    Raises ``TemplateError`` (with the template's file and line) when a template is missing, broken or
    refused by the sandbox.
    """
    try:
        return environment(template_dir).get_template(name).render(**context)
    except TemplateError:
        raise
    except jinja2.TemplateSyntaxError as err:
        raise TemplateError(f"template {err.filename or err.name}, line {err.lineno}: {err.message}") from None
    except jinja2.TemplateNotFound as err:
        raise TemplateError(f"template {err.name!r} not found in {_where(template_dir)}") from None
    except (jinja2.TemplateError, RecursionError, TypeError, ValueError, AttributeError, KeyError,
            ZeroDivisionError, OverflowError, MemoryError) as err:
        what = "includes itself without end" if isinstance(err, RecursionError) else str(err) or type(err).__name__
        raise TemplateError(f"{_template_line(err, name)}: {what}") from None


def _where(template_dir: Path | None) -> str:
    return f"{template_dir} or the converter's templates" if template_dir else "the converter's templates"


def _template_line(err: BaseException, name: str) -> str:
    """``template FILE, line N`` of the innermost template frame of the traceback (Jinja2 rewrites
    frames to point at template lines)."""
    frames = [f for f in traceback.extract_tb(err.__traceback__) if f.filename.endswith(".j2")]
    if not frames:
        return f"template {name}"
    return f"template {frames[-1].filename}, line {frames[-1].lineno}"


@cache
def stylesheet(name: str) -> str:
    """The text of one of our stylesheets (``reader.css``, ``print.css``).

    Raises ``RenderError`` when a packaged stylesheet is missing.
    """
    path = data_dir("styles") / name
    try:
        return path.read_text("utf-8")
    except OSError as err:
        raise RenderError(f"stylesheet {name} cannot be read ({err.strerror}); reinstall the package") from None
