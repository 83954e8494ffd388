"""The converter's one exception family.

Every error the library raises on purpose is a ``ConverterError``; each subclass names the stage that
failed and carries the exit code the CLI uses, so the CLI can print one line and exit without a traceback.
"""

from __future__ import annotations


class ConverterError(Exception):
    """Base of every error the converter raises on purpose. ``str(error)`` is a message a user can act on."""

    exit_code = 1


class UsageError(ConverterError):
    """The call itself is wrong: an unknown format, an output that is the input, a bad option value."""

    exit_code = 2


class SourceError(ConverterError):
    """The input cannot be read: missing, empty, binary, undecodable, too large."""


class ExtractionError(ConverterError):
    """The input was read but no article could be found in it."""


class RenderError(ConverterError):
    """An output could not be produced (PDF engine failure, a limit hit while rendering)."""
