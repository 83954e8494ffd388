"""The run's lists, written at the end of every run from its state: ``catalogue.jsonl`` and ``catalogue.csv``
(one row per article converted, in this or an earlier run), ``failures.jsonl`` and ``skipped.jsonl``.

Each file is streamed from the state into a temporary file beside it, then renamed: memory stays flat for
a million rows, and a reader never sees half a list.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from converter.archive.state import State
from converter.archive.task import CONVERTED, FAILED, SKIPPED

#: Catalogue columns, in order. ``id``: a hash of the source and its content; ``captured``: when the archive
#: saved the page; ``outputs``: the editions' paths below the output folder; ``confidence``: 0 to 1
#: (``converter.archive.confidence``).
FIELDS = ("id", "title", "authors", "date", "language", "section", "site", "url", "source", "captured", "outputs",
          "warnings", "confidence")


@contextlib.contextmanager
def atomic_text(path: Path) -> Iterator[IO[str]]:
    """A text file written through a temporary file in the same folder and renamed into place at the end."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def catalogue_rows(state: State) -> Iterator[dict[str, object]]:
    """Every converted article's catalogue row, by source."""
    for _, _, _, row in state.rows(CONVERTED):
        if row:
            yield json.loads(row)


def write_lists(state: State, out: Path) -> None:
    """``catalogue.jsonl``, ``catalogue.csv``, ``failures.jsonl`` and ``skipped.jsonl`` in ``out``."""
    with atomic_text(out / "catalogue.jsonl") as fh:
        for row in catalogue_rows(state):
            fh.write(json.dumps({k: row.get(k) for k in FIELDS}, ensure_ascii=False) + "\n")
    with atomic_text(out / "catalogue.csv") as fh:
        writer = csv.writer(fh)
        writer.writerow(FIELDS)
        for row in catalogue_rows(state):
            writer.writerow([_cell(row.get(k)) for k in FIELDS])
    with atomic_text(out / "failures.jsonl") as fh:
        for source, reason, _, _ in state.rows(FAILED):
            fh.write(json.dumps({"source": source, "reason": reason}, ensure_ascii=False) + "\n")
    with atomic_text(out / "skipped.jsonl") as fh:
        for source, reason, rule, _ in state.rows(SKIPPED):
            fh.write(json.dumps({"source": source, "rule": rule, "reason": reason}, ensure_ascii=False) + "\n")


def _cell(value: object) -> str:
    """A CSV cell: lists joined with "; ", numbers and text as they are."""
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return "" if value is None else str(value)
