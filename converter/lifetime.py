"""Child processes that never outlive their parent, and termination signals handled like Ctrl-C.

A worker whose parent was killed (``kill -9``, an out-of-memory kill, a closed terminal) would run on
for ever, holding the caller's pipes open (a shell's ``$(converter issue ...)`` would never return).
``die_with_parent`` runs first in every worker: on Linux the kernel sends it ``SIGKILL`` when its parent
dies (``prctl(PR_SET_PDEATHSIG)``, asked through ``ctypes``); elsewhere a watchdog thread ends it once it
has been handed to another parent. (A pipe from the parent cannot serve as the watchdog everywhere:
``spawn``, the default start method on macOS, passes no descriptor but its own to the child.)
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

#: ``PR_SET_PDEATHSIG`` from ``<linux/prctl.h>``.
PR_SET_PDEATHSIG = 1

#: How often the watchdog looks at its parent, in seconds (where there is no parent-death signal).
WATCH_SECONDS = 0.5


def die_with_parent(parent: int | None = None) -> None:
    """In a child: end when ``parent`` (default: the current parent) ends. Also leaves Ctrl-C to the parent:
    the terminal sends it to the whole process group, and the parent stops its workers itself."""
    parent = os.getppid() if parent is None else parent
    with contextlib.suppress(ValueError):  # not the main thread: signals cannot be set, the watch still can
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if _parent_death_signal(signal.SIGKILL):
        if os.getppid() != parent:  # the parent died before the request took effect
            os._exit(1)
        return
    threading.Thread(target=_watch, args=(parent,), name="converter-parent-watch", daemon=True).start()


def _parent_death_signal(signum: int) -> bool:
    """Ask Linux to send ``signum`` when the parent dies; ``False`` where that cannot be asked."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        return libc.prctl(PR_SET_PDEATHSIG, signum, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(WATCH_SECONDS)
    os._exit(1)


class Terminated(KeyboardInterrupt):
    """``SIGTERM`` (or ``SIGHUP``) raised like Ctrl-C, so the same clean-up runs; ``signum`` gives the exit code."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def _raise_terminated(signum: int, frame: FrameType | None) -> None:
    raise Terminated(signum)


@contextmanager
def terminate_like_interrupt() -> Iterator[None]:
    """Within the block (main thread only), ``SIGTERM`` and ``SIGHUP`` raise ``Terminated`` as Ctrl-C raises
    ``KeyboardInterrupt``: workers are stopped and temporary files removed before the process ends."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    names = ("SIGTERM", "SIGHUP")
    previous = {name: signal.signal(getattr(signal, name), _raise_terminated)
                for name in names if hasattr(signal, name)}
    try:
        yield
    finally:
        for name, handler in previous.items():
            signal.signal(getattr(signal, name), handler)
