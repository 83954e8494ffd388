"""What a run has done, kept between runs: one row per source (URL or file) in ``OUT/.converter/state.sqlite``.

A row holds the source's edition name (so it never changes), the key its editions were made under, its
outcome (converted, skipped, failed), why, its catalogue row and, for an input file, the files beside it
that it used (pictures) with their fingerprints, as JSON. A restarted run asks here before
converting: same key and outcome converted or skipped means nothing to do. Rows are committed in small
batches as results arrive, so a killed run loses at most the last batch, which the next run redoes
(each edition is rewritten atomically under the same name: no duplicate, no half file). Only the parent
opens this file.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from converter.archive.naming import with_hash

_SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    source TEXT PRIMARY KEY, name TEXT UNIQUE, key TEXT, status TEXT, reason TEXT, rule TEXT, row TEXT,
    run INTEGER, used TEXT);
CREATE INDEX IF NOT EXISTS articles_status ON articles (status, source);
"""

#: Commit after this many results or this many seconds, whichever comes first.
COMMIT_EVERY = 50
COMMIT_SECONDS = 2.0


@dataclass(frozen=True)
class Done:
    """A source's last outcome: the key it was made under and what happened."""

    key: str
    status: str
    used: tuple[tuple[str, str], ...] | None = None
    """The files beside the input it used, with their fingerprints; ``None`` when not recorded."""


class State:
    """The run state of one output folder (see the module docstring)."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.con = sqlite3.connect(path)
        self.con.executescript(_SCHEMA)
        columns = {row[1] for row in self.con.execute("PRAGMA table_info(articles)")}
        if "used" not in columns:  # a state written before pictures were recorded: its rows convert again
            self.con.execute("ALTER TABLE articles ADD COLUMN used TEXT")
        self._unsaved = 0
        self._since = time.monotonic()
        self.run = int(self.con.execute("SELECT COALESCE(MAX(run), 0) + 1 FROM articles").fetchone()[0])

    def close(self) -> None:
        self.con.commit()
        self.con.close()

    def done(self, source: str) -> Done | None:
        row = self.con.execute("SELECT key, status, used FROM articles WHERE source = ?", (source,)).fetchone()
        if not row:
            return None
        used = None if row[2] is None else tuple((str(u), str(f)) for u, f in json.loads(row[2]))
        return Done(row[0] or "", row[1], used)

    def name_of(self, source: str) -> str:
        """The source's edition name, "" if it has none yet."""
        row = self.con.execute("SELECT name FROM articles WHERE source = ?", (source,)).fetchone()
        return str(row[0]) if row and row[0] else ""

    def name_for(self, source: str, wanted: str) -> str:
        """The source's edition name: the one it had, else ``wanted`` (with a hash when another has it)."""
        row = self.con.execute("SELECT name FROM articles WHERE source = ?", (source,)).fetchone()
        if row and row[0]:
            return str(row[0])
        name = wanted
        if self.con.execute("SELECT 1 FROM articles WHERE name = ?", (name,)).fetchone():
            name = with_hash(wanted, source)
        self.con.execute("INSERT INTO articles (source, name, key, status, run) VALUES (?, ?, '', 'pending', ?) "
                         "ON CONFLICT(source) DO UPDATE SET name = excluded.name", (source, name, self.run))
        self._tick()
        return name

    def record(self, source: str, key: str, status: str, reason: str = "", rule: str = "", row: str = "",
               used: tuple[tuple[str, str], ...] | None = None) -> None:
        """A source's outcome in this run (replacing what an earlier run said)."""
        used_json = None if used is None else json.dumps([list(pair) for pair in used])
        self.con.execute("INSERT INTO articles (source, key, status, reason, rule, row, run, used) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(source) DO UPDATE SET key = excluded.key, "
                         "status = excluded.status, reason = excluded.reason, rule = excluded.rule, "
                         "row = excluded.row, run = excluded.run, used = excluded.used",
                         (source, key, status, reason, rule, row, self.run, used_json))
        self._tick()

    def used_files(self) -> Iterator[tuple[str, tuple[str, ...]]]:
        """``(source, addresses)``: the files beside it each converted input file used (as written in it)."""
        for source, used in self.con.execute("SELECT source, used FROM articles WHERE used IS NOT NULL"):
            yield source, tuple(str(url) for url, _ in json.loads(used))

    def forget(self, status: str, rules: tuple[str, ...]) -> None:
        """Drop the rows of this outcome given by these rules (a run lists them afresh)."""
        marks = ", ".join("?" * len(rules))
        self.con.execute(f"DELETE FROM articles WHERE status = ? AND rule IN ({marks})", (status, *rules))
        self._tick()

    def _tick(self) -> None:
        self._unsaved += 1
        if self._unsaved >= COMMIT_EVERY or time.monotonic() - self._since > COMMIT_SECONDS:
            self.con.commit()
            self._unsaved, self._since = 0, time.monotonic()

    def rows(self, status: str) -> Iterator[tuple[str, str, str, str]]:
        """``(source, reason, rule, row)`` of every source with this outcome, by source."""
        cursor = self.con.execute("SELECT source, reason, rule, row FROM articles WHERE status = ? ORDER BY source",
                                  (status,))
        for source, reason, rule, row in cursor:
            yield source, reason or "", rule or "", row or ""

    def count(self, status: str) -> int:
        return int(self.con.execute("SELECT COUNT(*) FROM articles WHERE status = ?", (status,)).fetchone()[0])
