"""Warnings said while a task ran, kept as data: carried back from a worker process, stored with a cached
extraction, and said again in the parent, where the progress line is drawn.

A worker inherits the parent's log handler when it is forked, but not the parent's progress line: a warning
it wrote itself would land in the middle of ``read 20/21 inputs``. And an extraction served from the cache
runs no code that warns, so a blocked picture would be said on the first run only. So a task's warnings
are captured (``capture``), returned with its result, and said by the parent (``replay``), prefixed with
the input's name when one article's warnings are said among many.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

#: The logger whose records are captured (every module logs below it).
ROOT = "converter"


@dataclass(frozen=True)
class Said:
    """One warning: the logger that said it, its level (``logging.WARNING`` ...) and its message."""

    logger: str
    level: int
    message: str


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.said: list[Said] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.said.append(Said(record.name, record.levelno, record.getMessage()))


@contextmanager
def capture() -> Iterator[list[Said]]:
    """Within the block, warnings (and errors) logged below ``converter`` are collected into the yielded
    list instead of reaching any other handler (strict mode's still raises); the logger is restored after."""
    logger = logging.getLogger(ROOT)
    collector = _Collector()
    saved = (logger.handlers[:], logger.propagate, logger.level)
    from converter.policy.strict import STRICT_HANDLER

    # strict mode's handler stays first: a warning still raises where it is logged, as it would uncaptured
    logger.handlers = [*(h for h in saved[0] if h is STRICT_HANDLER), collector]
    logger.propagate = False
    if logger.level == logging.NOTSET or logger.level > logging.WARNING:
        logger.setLevel(logging.WARNING)
    try:
        yield collector.said
    finally:
        logger.handlers, logger.propagate = saved[0], saved[1]
        logger.setLevel(saved[2])


def replay(said: tuple[Said, ...] | list[Said], name: str = "") -> None:
    """Say ``said`` again through the same loggers; ``name`` (an input) prefixes each message that does
    not already begin with it: ``fn-a.md: blocked /images/x.png: ...``."""
    for one in said:
        message = one.message
        if name and not message.startswith(f"{name}:"):
            message = f"{name}: {message}"
        logging.getLogger(one.logger).log(one.level, "%s", message)


def captured(task: Callable[[T], R], item: T) -> tuple[R, tuple[Said, ...]]:
    """Task wrapper for a worker: ``task(item)`` and the warnings it said (``replay`` them in the parent)."""
    with capture() as said:
        result = task(item)
    return result, tuple(said)


def to_json(said: tuple[Said, ...]) -> list[list[object]]:
    """``said`` as JSON-ready lists (for a cache entry)."""
    return [[one.logger, one.level, one.message] for one in said]


def from_json(data: object) -> tuple[Said, ...]:
    """What ``to_json`` wrote. Raises ``TypeError`` (or ``ValueError``) for anything else."""
    if not isinstance(data, list):
        raise TypeError("warnings are not a list")
    return tuple(Said(str(logger), int(level), str(message)) for logger, level, message in data)
