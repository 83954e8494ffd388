"""What the PDF engine's C libraries print on their own, said in our words, once.

Pango, HarfBuzz, fontconfig and GLib report problems by printing GLib-style lines straight to the
process's standard error (``(process:12): Pango-CRITICAL **: 10:00:00.000: pango_...: assertion ...``),
past Python's logging, once per glyph or run. ``engine_messages`` catches them while the engine runs (in the
isolated PDF child, ``converter.render.pdf_worker``) and logs one warning per library under
``converter.render.pdf``; any other line is passed on to standard error unchanged.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager

log = logging.getLogger("converter.render.pdf")

#: A GLib-style message of a library the PDF engine uses: the library, then the message.
ENGINE_MESSAGE = re.compile(r"\b(Pango|HarfBuzz|GLib|GLib-GObject|Fontconfig|cairo)-(?:CRITICAL|WARNING)"
                            r"\s*\**:?\s*(?:\d\d:\d\d:\d\d\.\d+:\s*)?(.*)")


@contextmanager
def engine_messages() -> Iterator[None]:
    """Within the block, standard error (the descriptor) is captured; on leaving, each library's messages
    become one warning in our words, and other lines go on to standard error."""
    try:
        saved = os.dup(2)
    except OSError:  # no standard error to capture
        yield
        return
    with tempfile.TemporaryFile() as captured:
        os.dup2(captured.fileno(), 2)
        try:
            yield
        finally:
            os.dup2(saved, 2)
            os.close(saved)
            captured.seek(0)
            relay(captured.read().decode("utf-8", "replace"))


def relay(text: str) -> None:
    """Log the engine's messages in ``text`` (one warning per library); write the other lines to stderr."""
    said: set[str] = set()
    others = []
    for line in text.splitlines():
        found = ENGINE_MESSAGE.search(line)
        if found is None:
            others.append(line)
        elif found.group(1) not in said:
            said.add(found.group(1))
            log.warning("the PDF engine's text layout (%s) reported a problem: %s", found.group(1),
                        found.group(2).strip()[:160])
    if others:
        with contextlib.suppress(OSError):
            os.write(2, ("\n".join(others) + "\n").encode("utf-8", "replace"))
