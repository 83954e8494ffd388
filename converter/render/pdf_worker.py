"""The isolated PDF render: a child process with a memory cap, killed when it takes too long.

Both sides of the exchange live here. The parent (``render_in_child``) starts
``python -m converter.render.pdf_worker`` and writes one JSON request to its standard input: the sanitised
page (``Sanitized``: HTML and stylesheet), the ``Limits`` and whether strict mode is on. The child caps
its address space (``RLIMIT_AS = Limits.pdf_memory_bytes``) and CPU time once WeasyPrint is loaded, renders, writes the
PDF to standard output and reports on standard error one JSON line per warning and, on failure, one
``{"error": ...}`` line. The parent re-logs the warnings under ``converter.*`` and turns every way the
child can end into a PDF or a one-line ``RenderError``.

A new interpreter (not ``fork``) because the parent may have threads, whose locks a forked child
would inherit held; the extra start-up (about 1 s) only touches documents big enough to need it.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import subprocess
import sys
from dataclasses import asdict
from pathlib import Path

from converter.errors import ConverterError, RenderError
from converter.policy.limits import MB, Limits
from converter.policy.strict import StrictError, is_strict, strict
from converter.render.sanitize import Sanitized

log = logging.getLogger("converter.render.pdf")

#: Exit status of a child that reported its error on standard error.
REPORTED = 3

#: Error kinds the child may report -> the exception the parent raises.
ERRORS: dict[str, type[ConverterError]] = {"RenderError": RenderError, "StrictError": StrictError}


def render_in_child(page: Sanitized, limits: Limits) -> bytes:
    """Render a sanitised page in a child process under ``limits``; its warnings are logged here."""
    request = json.dumps({"page": asdict(page), "limits": asdict(limits), "strict": is_strict()}).encode("utf-8")
    try:
        done = subprocess.run([sys.executable, "-m", "converter.render.pdf_worker"], input=request, capture_output=True,
                              timeout=limits.pdf_seconds, env=_child_env(), check=False)
    except subprocess.TimeoutExpired:
        raise RenderError(f"the PDF took longer than {limits.pdf_seconds:g} s and was stopped; the page is too "
                          "big or complex for the PDF engine (convert it to HTML or EPUB, or raise "
                          "Limits.pdf_seconds)") from None
    error = _relay(done.stderr)
    if done.returncode == 0:
        return done.stdout
    if error is not None:
        raise error
    raise RenderError(f"the PDF engine stopped ({_how(done.returncode)}), most likely over its "
                      f"{limits.pdf_memory_bytes // MB} MB memory limit; convert the page to HTML or EPUB, "
                      "or raise Limits.pdf_memory_bytes")


def _child_env() -> dict[str, str]:
    """The parent's environment, with this package importable even from an uninstalled checkout."""
    package_parent = str(Path(__file__).resolve().parents[2])
    path = os.environ.get("PYTHONPATH", "")
    return {**os.environ, "PYTHONPATH": package_parent + (os.pathsep + path if path else "")}


def _relay(stderr: bytes) -> ConverterError | None:
    """Log the child's warnings here; return the error it reported, if any."""
    error = None
    for line in stderr.decode("utf-8", "replace").splitlines():
        try:
            report = json.loads(line)
        except ValueError:
            continue  # a library printing on its own; not part of the exchange
        if not isinstance(report, dict):
            continue
        if "warning" in report:
            log.warning("%s", report["warning"])
        elif "error" in report:
            error = ERRORS.get(report.get("kind", ""), RenderError)(str(report["error"]))
    return error


def _how(returncode: int) -> str:
    return f"signal {-returncode}" if returncode < 0 else f"exit status {returncode}"


class _ReportToParent(logging.Handler):
    """In the child: each warning becomes one JSON line on standard error."""

    def emit(self, record: logging.LogRecord) -> None:
        sys.stderr.write(json.dumps({"warning": record.getMessage()}) + "\n")


def _cap_resources(limits: Limits) -> None:
    """Address space and CPU time caps, set before WeasyPrint allocates anything."""
    import resource

    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = limits.pdf_memory_bytes if hard == resource.RLIM_INFINITY else min(limits.pdf_memory_bytes, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    _, hard_cpu = resource.getrlimit(resource.RLIMIT_CPU)
    seconds = int(limits.pdf_seconds) + 10  # a backstop should the parent die before its timeout
    if hard_cpu == resource.RLIM_INFINITY or seconds <= hard_cpu:
        resource.setrlimit(resource.RLIMIT_CPU, (seconds, hard_cpu))


def _load_engine() -> None:
    """Import WeasyPrint (and through it Pango and fontconfig); a missing library is reported later."""
    with contextlib.suppress(ImportError, OSError):
        import weasyprint  # noqa: F401


def main() -> int:
    """The child's side: read the request, render, write the PDF or report the error."""
    request = json.loads(sys.stdin.buffer.read().decode("utf-8"))
    limits = Limits(**request["limits"])
    _load_engine()  # before the caps: loading libraries is not the hostile part, and it forks ldconfig
    _cap_resources(limits)
    logger = logging.getLogger("converter")
    logger.addHandler(_ReportToParent(logging.WARNING))
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    from converter.render.pdf_layout import render_sanitized

    try:
        with strict(bool(request.get("strict"))):
            pdf = render_sanitized(Sanitized(**request["page"]), limits)
    except ConverterError as err:
        return _report(type(err).__name__, str(err))
    except MemoryError:
        return _report("RenderError", f"the PDF engine ran out of its {limits.pdf_memory_bytes // MB} MB memory "
                                      "limit; convert the page to HTML or EPUB, or raise Limits.pdf_memory_bytes")
    sys.stdout.buffer.write(pdf)
    sys.stdout.buffer.flush()
    return 0


def _report(kind: str, message: str) -> int:
    sys.stderr.write(json.dumps({"error": message, "kind": kind}) + "\n")
    return REPORTED


if __name__ == "__main__":
    sys.exit(main())
