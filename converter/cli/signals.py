"""Termination signals handled like Ctrl-C: ``SIGTERM`` and ``SIGHUP`` stop a command the way ``KeyboardInterrupt``
does (workers stopped, temporary files removed, exit ``128 + signal``), instead of killing it mid-write."""

from __future__ import annotations

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
    _RECEIVED.clear()
    try:
        yield
        if _RECEIVED:  # raised where it could not propagate: stop now all the same
            raise Terminated(_RECEIVED[-1])
    finally:
        for name, handler in previous.items():
            signal.signal(getattr(signal, name), handler)
