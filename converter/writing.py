"""Writing outputs atomically: a temporary file in the target folder, then a rename.

A reader never sees half a file, a failed render leaves nothing behind, and a symlink planted at the
output path is replaced, not followed.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from converter.errors import ConverterError, UsageError


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and ``os.replace``."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ConverterError(f"{path}: the folder {folder} does not exist; create it first")
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name[:40]}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as err:
        _remove(tmp)
        raise ConverterError(f"{path}: cannot be written ({err.strerror}); check the folder's permissions") \
            from None
    except BaseException:
        _remove(tmp)
        raise


def refuse_overwriting_input(output: Path, inputs: list[Path]) -> None:
    """An output that is one of the inputs (same file, maybe by another name) is a usage error."""
    for source in inputs:
        if _same_file(output, source):
            raise UsageError(f"the output {output} is the input {source}; choose another output name")


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return a.resolve() == b.resolve()


def _remove(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)
