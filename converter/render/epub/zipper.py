"""The OCF container: a zip that is byte-identical for the same files and the same SOURCE_DATE_EPOCH.

``mimetype`` comes first, stored uncompressed with no extra field, as OCF requires (readers sniff the
first 58 bytes); the other entries follow in sorted order, with one fixed timestamp and mode.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Mapping

MIMETYPE = b"application/epub+zip"

#: Zip timestamps cannot go before 1980; it is also the timestamp without SOURCE_DATE_EPOCH.
ZIP_EPOCH = dt.datetime(1980, 1, 1, tzinfo=dt.UTC)


def zip_book(files: Mapping[str, bytes], epoch: int | None = None) -> bytes:
    """The EPUB file holding ``files`` (path in the container -> bytes)."""
    stamp = zip_timestamp(epoch)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(_entry("mimetype", stamp, zipfile.ZIP_STORED), MIMETYPE)
        for name in sorted(files):
            archive.writestr(_entry(name, stamp, zipfile.ZIP_DEFLATED), files[name], compresslevel=9)
    return buffer.getvalue()


def zip_timestamp(epoch: int | None) -> tuple[int, int, int, int, int, int]:
    """SOURCE_DATE_EPOCH as a zip date-time in UTC, never before 1980-01-01."""
    moment = ZIP_EPOCH if epoch is None else max(ZIP_EPOCH, dt.datetime.fromtimestamp(epoch, dt.UTC))
    return (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)


def _entry(name: str, stamp: tuple[int, int, int, int, int, int], method: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=stamp)
    info.compress_type = method
    info.create_system = 3  # Unix on every platform, so Windows builds give the same bytes
    info.external_attr = 0o644 << 16
    return info
