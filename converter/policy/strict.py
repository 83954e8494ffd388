"""Strict mode: every warning the converter logs becomes an error.

Whatever a rule blocks or a limit reshapes is logged as a warning under ``converter.*`` (a blocked
picture, a flattened table, a guessed encoding). Remote pictures and pictures not saved beside the page
are logged at INFO (``resources.SEVERITY``): nearly every saved page has them, and they fail no page.
Some users would rather have no output than an output that differs from the page; inside
``with strict():`` the first such warning raises ``StrictError`` at the place it was logged, so the
render stops there and nothing is written.

The switch is a context variable, so threads and async tasks converting other inputs keep their own
setting, and one handler on the ``converter`` logger checks it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from converter.errors import ConverterError

_STRICT: ContextVar[bool] = ContextVar("converter_strict", default=False)


class StrictError(ConverterError):
    """A warning raised as an error because strict mode is on (exit code 1, like any failed input)."""


class _RaiseInStrictMode(logging.Handler):
    """Turns a warning record into ``StrictError`` while strict mode is on; otherwise does nothing."""

    def emit(self, record: logging.LogRecord) -> None:
        if _STRICT.get():
            raise StrictError(f"{record.getMessage()} (strict mode: warnings are errors)")


#: The one handler on the ``converter`` logger that checks the switch (kept by the isolated PDF worker).
STRICT_HANDLER = _RaiseInStrictMode(logging.WARNING)
logging.getLogger("converter").addHandler(STRICT_HANDLER)


@contextmanager
def strict(enabled: bool = True) -> Iterator[None]:
    """Within the block, a warning logged under ``converter.*`` raises ``StrictError``."""
    token = _STRICT.set(enabled)
    logger = logging.getLogger("converter")
    if enabled and not logger.isEnabledFor(logging.WARNING):  # a quiet caller must not hide what strict catches
        logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        _STRICT.reset(token)


def is_strict() -> bool:
    """Whether strict mode is on in the current context."""
    return _STRICT.get()
