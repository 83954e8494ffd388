"""Termination signals handled like Ctrl-C: ``SIGTERM`` and ``SIGHUP`` stop a command the way ``KeyboardInterrupt``
does (workers stopped, temporary files removed, exit ``128 + signal``), instead of killing it mid-write."""

from __future__ import annotations

import _thread
import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

#: Signals received in this process (a handler's exception can be lost when it lands in a ``__del__`` or a
#: weakref callback; ``terminate_like_interrupt`` raises it again when the block ends).
_RECEIVED: list[int] = []


class Terminated(KeyboardInterrupt):
    """``SIGTERM`` (or ``SIGHUP``) raised like Ctrl-C, so the same clean-up runs; ``signum`` gives the exit code."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def _raise_terminated(signum: int, frame: FrameType | None) -> None:
    _RECEIVED.append(signum)
    raise Terminated(signum)


#: The signals held back while a child is forked (see ``_quiet_forks``).
_HELD = {signal.SIGTERM, signal.SIGINT, *([signal.SIGHUP] if hasattr(signal, "SIGHUP") else [])}
_FORK_HOOKS: list[bool] = []


def _quiet_forks() -> None:
    """A stop signal that lands in a child between its fork and its own set-up would run the parent's
    handler inside the interpreter's after-fork hooks (logging's lock release), which prints "Exception
    ignored ... Traceback" instead of stopping. So the signals are blocked across every fork: in the
    parent they arrive right after it; in the child the parent's stop handler becomes the default (end the
    process) before they are let through."""
    if _FORK_HOOKS or not hasattr(os, "register_at_fork") or not hasattr(signal, "pthread_sigmask"):
        return
    _FORK_HOOKS.append(True)

    saved = threading.local()  # the forking thread's own mask, restored after the fork (not just unblocked)

    def before() -> None:
        saved.mask = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)

    def in_parent() -> None:
        unblock_after_fork(saved.mask)

    def in_child() -> None:
        for signum in _HELD - {signal.SIGINT}:
            if signal.getsignal(signum) is _raise_terminated:
                signal.signal(signum, signal.SIG_DFL)
        signal.pthread_sigmask(signal.SIG_SETMASK, saved.mask)

    os.register_at_fork(before=before, after_in_parent=in_parent, after_in_child=in_child)


@contextmanager
def _recording() -> Iterator[list[int]]:
    """Within the block (main thread), the stop signals' Python handlers only note the signal in the list
    yielded; the handlers are put back when it ends."""
    landed: list[int] = []
    handlers = {signum: signal.getsignal(signum) for signum in _HELD}
    for signum, handler in handlers.items():
        if callable(handler):
            signal.signal(signum, lambda number, frame: landed.append(number))
    try:
        yield landed
    finally:
        for signum, handler in handlers.items():
            if callable(handler):
                signal.signal(signum, handler)


def unblock_after_fork(mask: set[signal.Signals]) -> None:
    """The parent's signal ``mask`` restored after a fork, where a held signal that arrived meanwhile is
    delivered. Its handler's exception would be raised inside the fork hook, where the interpreter prints
    it ("Exception ignored ... Traceback") and drops it, and the command ran on to its end. So the handlers
    are swapped for a recorder while the mask is restored, and each signal recorded is raised again in
    the main thread a moment later (``_thread.interrupt_main``), once the hook has returned."""
    if threading.current_thread() is not threading.main_thread():  # handlers run in the main thread
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        return
    with _recording() as landed:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
    for number in landed:
        threading.Timer(0.001, _thread.interrupt_main, (number,)).start()


@contextmanager
def held() -> Iterator[None]:
    """Stop signals (``SIGTERM``, ``SIGHUP``, Ctrl-C) that arrive inside the block take effect when it ends.

    For imports of compiled extensions: an exception raised while pikepdf's pybind11 module initialises
    becomes an ``ImportError`` ("internal error", exit 70) or ends the process through ``std::terminate``
    (SIGABRT), where a stop should exit ``128 + signal`` cleanly. Outside the main thread it does nothing
    (handlers only run there). Raises the held signal's exception (``Terminated``, ``KeyboardInterrupt``)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    handlers = {signum: signal.getsignal(signum) for signum in _HELD}
    with _recording() as landed:
        yield
    for number in landed[:1]:
        handler = handlers[signal.Signals(number)]
        if callable(handler):
            handler(number, None)


@contextmanager
def terminate_like_interrupt() -> Iterator[None]:
    """Within the block (main thread only), ``SIGTERM`` and ``SIGHUP`` raise ``Terminated`` as Ctrl-C raises
    ``KeyboardInterrupt``: workers are stopped and temporary files removed before the process ends."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    _quiet_forks()
    names = ("SIGTERM", "SIGHUP")
    previous = {name: signal.signal(getattr(signal, name), _raise_terminated)
                for name in names if hasattr(signal, name)}
    _RECEIVED.clear()
    try:
        yield
        if _RECEIVED:  # raised where it could not propagate: stop now all the same
            raise Terminated(_RECEIVED[-1])
    finally:
        for name, handler in previous.items():
            signal.signal(getattr(signal, name), handler)
