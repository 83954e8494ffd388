"""The index of every capture in a run's archives: an SQLite file, built by one scan, read by every worker.

The parent scans each archive once (again only when its size or time changes) and records where each
record lies; a worker finds a page's pictures here by URL and reads only those records from the archive.
On disk rather than in memory, so neither the parent nor a worker grows with the archive; workers open it
read-only (``immutable``: no locks, so it can sit on a shared file system).

Tables: ``archives`` (path, size, mtime of each archive scanned), ``captures`` (one row per page or
picture record: url, date, kind, status, media type, charset, digest, where it lies, what a revisit
refers to), ``broken`` (records that could not be read, and why).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from converter.archive.warc import PAGE_TYPES, Broken, Capture, Location, scan

_SCHEMA = """
CREATE TABLE IF NOT EXISTS archives (path TEXT PRIMARY KEY, size INTEGER, mtime INTEGER);
CREATE TABLE IF NOT EXISTS captures (
    url TEXT, date TEXT, kind TEXT, status INTEGER, media_type TEXT, charset TEXT, digest TEXT,
    container TEXT, member TEXT, offset INTEGER, refers_url TEXT, refers_date TEXT);
CREATE INDEX IF NOT EXISTS captures_url ON captures (url, date);
CREATE INDEX IF NOT EXISTS captures_digest ON captures (digest);
CREATE TABLE IF NOT EXISTS broken (container TEXT, member TEXT, offset INTEGER, reason TEXT);
"""

#: Rows written per transaction while scanning.
_BATCH = 2000

#: Media types of a response that could have been a page, when it was not a success.
UNANSWERED_TYPES = (*PAGE_TYPES, "text/plain", "")

_COLUMNS = ("url, date, kind, status, media_type, charset, digest, container, member, offset, refers_url, "
            "refers_date")


def normal_url(url: str) -> str:
    """A URL as the index keys it: the fragment dropped (``#section`` names a place in the same page)."""
    parts = urlsplit(url.strip())
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", parts.query, ""))


@dataclass(frozen=True)
class ScanReport:
    """What updating the index did: archives scanned anew, archives unchanged since the last run."""

    scanned: tuple[str, ...]
    unchanged: tuple[str, ...]


def update_index(db_path: Path, archives: list[Path], progress: Callable[[str], None] | None = None) -> ScanReport:
    """Scan the archives that are new or changed into the index at ``db_path``; drop archives no longer given.

    Raises ``SourceError`` for an archive that cannot be opened.
    """
    db_path.parent.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(db_path)
    try:
        con.executescript(_SCHEMA)
        known = {row[0]: (row[1], row[2]) for row in con.execute("SELECT path, size, mtime FROM archives")}
        wanted = {str(p.resolve()): p for p in archives}
        for gone in set(known) - set(wanted):
            _forget(con, gone)
        scanned, unchanged = [], []
        for key, path in wanted.items():
            info = path.stat()
            if known.get(key) == (info.st_size, info.st_mtime_ns):
                unchanged.append(str(path))
                continue
            _forget(con, key)
            if progress:
                progress(f"indexing {path}")
            _scan_into(con, path.resolve())
            con.execute("INSERT INTO archives VALUES (?, ?, ?)", (key, info.st_size, info.st_mtime_ns))
            con.commit()
            scanned.append(str(path))
        has_latest = con.execute("SELECT 1 FROM sqlite_master WHERE name = 'latest'").fetchone()
        if scanned or not has_latest or set(known) - set(wanted):
            _latest_table(con)
        return ScanReport(tuple(scanned), tuple(unchanged))
    finally:
        con.close()


def _latest_table(con: sqlite3.Connection) -> None:
    """``latest``: each page URL's latest capture's digest, for finding the same page under two URLs."""
    marks = ", ".join("?" * len(PAGE_TYPES))
    con.execute("DROP TABLE IF EXISTS latest")
    con.execute(f"CREATE TABLE latest AS SELECT url, digest FROM (SELECT url, digest, ROW_NUMBER() OVER "
                f"(PARTITION BY url ORDER BY date DESC, kind = 'revisit') AS n FROM captures WHERE status = 200 "
                f"AND media_type IN ({marks})) WHERE n = 1", PAGE_TYPES)
    con.execute("CREATE INDEX latest_digest ON latest (digest, url)")
    con.commit()


def _forget(con: sqlite3.Connection, container: str) -> None:
    for table in ("captures", "broken"):
        con.execute(f"DELETE FROM {table} WHERE container = ?", (container,))
    con.execute("DELETE FROM archives WHERE path = ?", (container,))
    con.commit()


def _scan_into(con: sqlite3.Connection, path: Path) -> None:
    rows: list[tuple[object, ...]] = []
    for item in scan(path):
        if isinstance(item, Broken):
            loc = item.location
            con.execute("INSERT INTO broken VALUES (?, ?, ?, ?)", (loc.container, loc.member, loc.offset, item.reason))
            continue
        rows.append(_row(item))
        if len(rows) >= _BATCH:
            con.executemany(f"INSERT INTO captures VALUES ({', '.join('?' * 12)})", rows)
            rows.clear()
    con.executemany(f"INSERT INTO captures VALUES ({', '.join('?' * 12)})", rows)


def _row(c: Capture) -> tuple[object, ...]:
    loc = c.location
    return (normal_url(c.url), c.date, c.kind, c.status, c.media_type, c.charset, c.digest, loc.container,
            loc.member, loc.offset, normal_url(c.refers_to_url) if c.refers_to_url else "", c.refers_to_date)


def _capture(row: tuple[object, ...]) -> Capture:
    url, date, kind, status, media, charset, digest, container, member, offset, refers, refers_date = row
    return Capture(str(url), str(date), str(kind), int(status), str(media), str(charset), str(digest),  # type: ignore[call-overload]
                   Location(str(container), str(member), int(offset)), str(refers), str(refers_date))  # type: ignore[call-overload]


class CaptureIndex:
    """Read access to an index: pages for the plan, pictures by URL, revisits resolved."""

    def __init__(self, db_path: Path | str, read_only: bool = True) -> None:
        uri = f"file:{Path(db_path).resolve()}?mode=ro&immutable=1" if read_only else f"file:{db_path}"
        self.con = sqlite3.connect(uri, uri=True, check_same_thread=False)

    def close(self) -> None:
        self.con.close()

    def page_count(self) -> int:
        """How many page records (HTML, status 200) the archives hold: the plan's upper bound."""
        marks = ", ".join("?" * len(PAGE_TYPES))
        query = f"SELECT COUNT(*) FROM captures WHERE status = 200 AND media_type IN ({marks})"
        return int(self.con.execute(query, PAGE_TYPES).fetchone()[0])

    def pages(self) -> Iterator[Capture]:
        """Page records (HTML, status 200), by URL, the latest capture of each URL first."""
        marks = ", ".join("?" * len(PAGE_TYPES))
        query = (f"SELECT {_COLUMNS} FROM captures WHERE status = 200 AND media_type IN ({marks}) "
                 "ORDER BY url, date DESC, kind = 'revisit'")
        for row in self.con.execute(query, PAGE_TYPES):
            yield _capture(row)

    def unanswered(self) -> Iterator[Capture]:
        """The latest response record of each URL the archives hold no successful (200) capture of, when it
        could have been a page (an HTML or plain-text body, or none: a redirect often has none) and its status
        is not 200: a 404, a 500, a redirect. By URL."""
        marks = ", ".join("?" * len(UNANSWERED_TYPES))
        query = (f"SELECT {_COLUMNS} FROM captures AS c WHERE kind = 'response' AND status != 200 AND status != 0 "
                 f"AND media_type IN ({marks}) AND NOT EXISTS (SELECT 1 FROM captures AS ok WHERE ok.url = c.url "
                 "AND ok.status = 200) ORDER BY url, date DESC")
        previous = ""
        for row in self.con.execute(query, UNANSWERED_TYPES):
            capture = _capture(row)
            if capture.url != previous:
                yield capture
            previous = capture.url

    def first_url_with(self, digest: str) -> str:
        """The first URL (in sort order) whose latest capture has this payload digest: the one a duplicate keeps."""
        row = self.con.execute("SELECT MIN(url) FROM latest WHERE digest = ?", (digest,)).fetchone()
        return str(row[0]) if row and row[0] else ""

    def broken(self) -> Iterator[tuple[Location, str]]:
        for container, member, offset, reason in self.con.execute(
                "SELECT container, member, offset, reason FROM broken ORDER BY container, member, offset"):
            yield Location(container, member, int(offset)), str(reason)

    def resolve(self, capture: Capture) -> Capture | None:
        """The capture holding a revisit's payload (by what it refers to, else by digest); others as they are."""
        if capture.kind != "revisit":
            return capture
        if capture.refers_to_url:
            row = self.con.execute(f"SELECT {_COLUMNS} FROM captures WHERE url = ? AND kind != 'revisit' "
                                   "AND (date = ? OR ? = '') ORDER BY date DESC LIMIT 1",
                                   (capture.refers_to_url, capture.refers_to_date, capture.refers_to_date)).fetchone()
            if row:
                return _capture(row)
        if capture.digest:
            row = self.con.execute(f"SELECT {_COLUMNS} FROM captures WHERE digest = ? AND kind != 'revisit' "
                                   "ORDER BY date LIMIT 1", (capture.digest,)).fetchone()
            if row:
                return _capture(row)
        return None

    def lookup(self, url: str, near: str = "") -> Capture | None:
        """The capture of ``url`` (fragment ignored, http and https alike) nearest in time to ``near``,
        status 200, revisits resolved; ``None`` when the archive does not hold it."""
        key = normal_url(url)
        variants = [key]
        if key.startswith("http://"):
            variants.append("https://" + key[7:])
        elif key.startswith("https://"):
            variants.append("http://" + key[8:])
        for variant in variants:
            rows = self.con.execute(f"SELECT {_COLUMNS} FROM captures WHERE url = ? AND status = 200",
                                    (variant,)).fetchall()
            if rows:
                best = min((_capture(r) for r in rows), key=lambda c: _distance(c.date, near))
                return self.resolve(best)
        return None


def _distance(date: str, near: str) -> tuple[int, str]:
    """Order captures by closeness to ``near`` (ISO dates compare as text, so this is approximate but stable)."""
    if not near:
        return (0, date)
    common = 0
    for a, b in zip(date, near, strict=False):
        if a != b:
            break
        common += 1
    return (-common, date)


@lru_cache(maxsize=4)
def shared_index(db_path: str, stamp: int) -> CaptureIndex:
    """One read-only index per worker process and index file version (``stamp``: its mtime)."""
    return CaptureIndex(db_path)
