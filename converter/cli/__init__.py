"""The ``converter`` command: ``main`` is the click group (what tests and embedders invoke); ``run`` is the
process entry point (``converter.cli:run``, ``python -m converter``)."""

from __future__ import annotations

import atexit
import os
import sys
import threading
from typing import NoReturn

from converter.cli.app import main

__all__ = ["main", "run"]


def run() -> NoReturn:
    """Run ``main`` as the whole process, then leave without the interpreter's teardown.

    Tearing down frees every object and module one by one (the PDF engine's included): about a tenth of a
    one-page conversion's CPU time, for memory the system takes back at once. The exit handlers still run
    (temporary font folders, logging), and the standard streams are flushed; where something could still
    need the teardown (another thread, a stream that cannot be flushed) the ordinary exit is taken.
    """
    try:
        main()
        code: str | int | None = 0
    except SystemExit as done:
        code = done.code
    if threading.active_count() > 1:
        sys.exit(code)
    if code is None:
        code = 0
    elif not isinstance(code, int):  # sys.exit("message"): what the interpreter would print, and status 1
        print(code, file=sys.stderr)
        code = 1
    atexit._run_exitfuncs()
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:  # None: the descriptor was closed when the process started (>&-)
                stream.flush()
    except (OSError, ValueError):  # a closed pipe, a closed stream: the interpreter reports it as usual
        sys.exit(code)
    os._exit(code)
