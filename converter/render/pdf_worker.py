"""The isolated PDF render: every PDF is laid out in a child process under a memory and a time cap.

An article's PDF and each part of an issue's, whatever ``--jobs`` is, go through ``run_isolated``: one
mechanism and one implementation of the caps (``_cap_resources``), so a hostile page fails that page
(a ``RenderError``; for an issue, that part) instead of hanging or swapping the caller's process.

How the child starts:

- ``fork`` (Linux and other POSIX systems but macOS, when the calling process runs one thread): the child
  inherits the loaded PDF engine, the fonts and the stylesheets the parent parsed (``warm``), so the
  isolation costs a fork, a few milliseconds, instead of a second WeasyPrint start-up (about 0.8 s).
- a new interpreter (``python -m converter.render.pdf_worker``) where a fork is unsafe (the caller runs
  threads, whose locks a forked child would inherit held) or missing: the task and its argument are
  pickled to its standard input.

Either child caps its address space (``RLIMIT_AS = Limits.pdf_memory_bytes``) and CPU time, asks to die
with its parent (Linux), runs the task with strict mode as the parent had it, and sends back one pickled
outcome: the result or the error, with every log record the task made. The parent re-logs the records
under their own logger names (so ``--strict``, ``--quiet`` and a caller's log capture see them as if the
render had run here), enforces the wall-clock cap (``Limits.pdf_seconds``: the child is killed) and turns
every way the child can end into the result or a one-line ``ConverterError``.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import pickle
import select
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from converter import errors
from converter.errors import ConverterError, RenderError
from converter.policy.limits import MB, Limits
from converter.policy.strict import STRICT_HANDLER, StrictError, is_strict, strict
from converter.render.engine_messages import engine_messages

R = TypeVar("R")

log = logging.getLogger("converter.render.pdf")

#: Error kinds a child may report -> the exception the parent raises (other kinds become a RenderError).
ERRORS: dict[str, type[ConverterError]] = {
    "StrictError": StrictError,
    **{name: cls for name, cls in vars(errors).items() if isinstance(cls, type) and issubclass(cls, ConverterError)},
}


def run_isolated(task: Callable[..., R], *args: Any, limits: Limits, warm: Callable[[], None] | None = None) -> R:
    """``task(*args)`` run in a capped child process; its (picklable) result.

    ``task`` must be a module-level function (a new interpreter imports it by name). ``warm`` runs here
    first when the child is forked, so what it loads (the engine, a parsed stylesheet) is inherited and
    kept for the next call.

    Raises ``RenderError`` when the child outlives ``limits.pdf_seconds``, runs out of
    ``limits.pdf_memory_bytes`` or dies; the ``ConverterError`` (``StrictError`` included) the task raised.
    """
    strict_on = is_strict()
    if _can_fork():
        if warm is not None:
            warm()
        data, status, timed_out = _forked(task, args, limits, strict_on)
    else:
        data, status, timed_out = _spawned(task, args, limits, strict_on)
    if timed_out:
        raise RenderError(f"the PDF took longer than {limits.pdf_seconds:g} s and was stopped; the page is too "
                          "big or complex for the PDF engine (convert it to HTML or EPUB, or raise "
                          "Limits.pdf_seconds)")
    if not data:
        raise RenderError(f"the PDF engine stopped ({_how(status)}), most likely over its "
                          f"{limits.pdf_memory_bytes // MB} MB memory limit; convert the page to HTML or EPUB, "
                          "or raise Limits.pdf_memory_bytes")
    outcome = pickle.loads(data)
    for name, level, message in outcome["records"]:
        logging.getLogger(name).log(level, "%s", message)
    if "error" in outcome:
        kind, message = outcome["error"]
        raise ERRORS.get(kind, RenderError)(message)
    return outcome["result"]


def _can_fork() -> bool:
    """Fork only where it is the platform's safe default (not macOS) and no other thread holds a lock."""
    return hasattr(os, "fork") and sys.platform != "darwin" and threading.active_count() == 1


def _forked(task: Callable[..., R], args: tuple[Any, ...], limits: Limits, strict_on: bool) -> tuple[bytes, int, bool]:
    read_end, write_end = os.pipe()
    # The child's garbage collections leave alone what it inherited (the engine, the parsed stylesheet):
    # walking those objects cost a twentieth of a short article's render, and wrote to every page of them.
    gc.freeze()
    try:
        pid = os.fork()
    except OSError:
        gc.unfreeze()
        raise
    if pid:
        gc.unfreeze()
    if pid == 0:  # the child: never returns into the caller's code
        status = 70
        try:
            os.close(read_end)
            _write_all(write_end, _child_body(task, args, limits, strict_on))
            status = 0
        finally:
            os._exit(status)  # no atexit handlers, no flush of the parent's buffers
    os.close(write_end)
    try:
        data, timed_out = _read_until(read_end, time.monotonic() + limits.pdf_seconds)
    finally:
        os.close(read_end)
    if timed_out:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    _, wait_status = os.waitpid(pid, 0)
    return data, os.waitstatus_to_exitcode(wait_status), timed_out


def _read_until(fd: int, deadline: float) -> tuple[bytes, bool]:
    """Everything the child writes until it closes its end; ``timed_out`` when the deadline comes first."""
    chunks: list[bytes] = []
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return b"", True
        ready, _, _ = select.select([fd], [], [], remaining)
        if not ready:
            return b"", True
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            return b"".join(chunks), False
        chunks.append(chunk)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _spawned(task: Callable[..., R], args: tuple[Any, ...], limits: Limits, strict_on: bool) -> tuple[bytes, int, bool]:
    request = pickle.dumps((task, args, limits, strict_on))
    try:
        done = subprocess.run([sys.executable, "-m", "converter.render.pdf_worker"], input=request,
                              capture_output=True, timeout=limits.pdf_seconds, env=_child_env(), check=False)
    except subprocess.TimeoutExpired:
        return b"", 0, True
    return done.stdout, done.returncode, False


def _child_env() -> dict[str, str]:
    """The parent's environment, with this package importable even from an uninstalled checkout."""
    package_parent = str(Path(__file__).resolve().parents[2])
    path = os.environ.get("PYTHONPATH", "")
    return {**os.environ, "PYTHONPATH": package_parent + (os.pathsep + path if path else "")}


def _how(status: int) -> str:
    return f"signal {-status}" if status < 0 else f"exit status {status}"


class _Collect(logging.Handler):
    """In the child: every record the task logs, kept to be sent back to the parent."""

    def __init__(self) -> None:
        super().__init__(logging.NOTSET)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


#: The render child's garbage collector thresholds (generation 0, 1, 2; Python's defaults are 700, 10, 10).
CHILD_GC_THRESHOLDS = (10_000, 10, 10)


def _child_body(task: Callable[..., R], args: tuple[Any, ...], limits: Limits, strict_on: bool) -> bytes:
    """The child's side: caps, then the task; the pickled outcome (result or error, with the records)."""
    _die_with_parent()
    _cap_resources(limits)
    # Layout allocates far more objects than it frees: collecting every 700 allocations found little, 2 %
    # of a part's CPU (gc callbacks over 12 corpus articles); every 10,000 costs a third of that.
    gc.set_threshold(*CHILD_GC_THRESHOLDS)
    collect = _Collect()
    logger = logging.getLogger("converter")
    # Only the collector and strict mode's handler: the parent prints what the parent's handlers print.
    logger.handlers = [collect, *(h for h in logger.handlers if h is STRICT_HANDLER)]
    logger.propagate = False
    try:
        with strict(strict_on), engine_messages():  # Pango's own lines on stderr, in our words, once
            result = task(*args)
        return pickle.dumps({"records": collect.records, "result": result})
    except ConverterError as err:
        error = (type(err).__name__, str(err))
    except MemoryError:
        error = ("RenderError", f"the PDF engine ran out of its {limits.pdf_memory_bytes // MB} MB memory limit; "
                                "convert the page to HTML or EPUB, or raise Limits.pdf_memory_bytes")
    except Exception as err:  # the engine failed on this page: that page's failure, not the caller's crash
        error = ("RenderError", f"the PDF engine failed on this page ({type(err).__name__}: {err})")
    return pickle.dumps({"records": collect.records, "error": error})


def _cap_resources(limits: Limits) -> None:
    """Address space and CPU time caps, set before the task allocates anything."""
    import resource

    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = limits.pdf_memory_bytes if hard == resource.RLIM_INFINITY else min(limits.pdf_memory_bytes, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    _, hard_cpu = resource.getrlimit(resource.RLIMIT_CPU)
    used = int(time.process_time())  # a forked child inherits its parent's CPU time
    seconds = used + int(limits.pdf_seconds) + 10  # a backstop should the parent die before its deadline
    if hard_cpu == resource.RLIM_INFINITY or seconds <= hard_cpu:
        resource.setrlimit(resource.RLIMIT_CPU, (seconds, hard_cpu))


#: ``PR_SET_PDEATHSIG`` from ``<linux/prctl.h>``.
PR_SET_PDEATHSIG = 1


def parent_death_signal(signum: int) -> bool:
    """Ask Linux to send ``signum`` to this process when its parent dies; ``False`` where that cannot be asked
    (other systems). The one implementation, for the render child and the issue's pool workers."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        # The symbols this process has loaded, libc's among them: ``find_library("c")`` would run
        # ``ldconfig -p`` (a fork of this process) for every render child and pool worker.
        libc = ctypes.CDLL(None, use_errno=True)
        return bool(libc.prctl(PR_SET_PDEATHSIG, signum, 0, 0, 0) == 0)
    except (OSError, AttributeError):
        return False


def _die_with_parent() -> None:
    """Ask the kernel to kill this child when its parent dies; elsewhere the CPU-time cap ends an orphan."""
    parent_death_signal(signal.SIGKILL)


def load_engine() -> None:
    """Import WeasyPrint (and through it Pango and fontconfig); a missing library is reported later, by
    the render that needs it."""
    from converter.render.pdf_layout import _import_engine

    with contextlib.suppress(ImportError, OSError):
        _import_engine()


def main() -> int:
    """A new interpreter's side: read the pickled request, run it, write the pickled outcome."""
    task, args, limits, strict_on = pickle.loads(sys.stdin.buffer.read())
    load_engine()  # before the caps: loading libraries is not the hostile part, and it forks ldconfig
    out: Any = sys.stdout.buffer
    out.write(_child_body(task, args, limits, strict_on))
    out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
