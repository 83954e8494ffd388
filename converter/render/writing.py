"""Writing outputs atomically: a temporary file in the target folder, then a rename.

A reader never sees half a file, a failed render leaves nothing behind, and a symlink planted at the
output path is replaced, not followed. Output names made from titles go through ``safe_filename``.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
import unicodedata
from pathlib import Path

from converter.errors import ConverterError, UsageError


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and ``os.replace``."""
    folder = path.parent if str(path.parent) else Path(".")
    if is_stream(path):
        _write_stream(path, data)
        return
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


def is_stream(path: Path) -> bool:
    """A character device or FIFO at the path itself (``-o /dev/null``): written into, never replaced.

    Renaming over it would swap ``/dev/null`` for a regular file. ``lstat``: a symlink is not followed,
    so a planted link is treated as a file and replaced.
    """
    try:
        mode = os.lstat(path).st_mode
    except OSError:
        return False
    return stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)


def _write_stream(path: Path, data: bytes) -> None:
    try:  # O_NONBLOCK: a FIFO nobody reads fails at once instead of hanging
        fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(fd, "wb") as fh:
            os.set_blocking(fh.fileno(), True)
            fh.write(data)
    except OSError as err:
        raise ConverterError(f"{path}: cannot be written ({err.strerror})") from None


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


#: Characters no file name should hold: path separators, Windows' reserved punctuation.
_UNSAFE_CHARS = re.compile(r'[/\\<>:"|?*]+')

#: Windows device names, reserved with any extension (``con.pdf`` opens the console).
_RESERVED_NAMES = frozenset({"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10)),
                             *(f"LPT{i}" for i in range(10))})

#: Longest file name we make, in UTF-8 bytes (most file systems allow 255; leave room for "-2" and temp names).
MAX_NAME_BYTES = 120

#: The name used when a title leaves nothing usable.
FALLBACK_NAME = "article"


def safe_filename(title: str, ext: str) -> str:
    """A file name made from ``title``: one path component, bounded, printable, portable.

    Control, format and bidi characters (U+202E could show ``fdp.exe`` as ``exe.pdf``) are removed,
    separators and Windows' reserved characters become "-", white space is collapsed, leading and
    trailing dots and spaces go, Windows device names get a "_" suffix, and the name is cut to
    ``MAX_NAME_BYTES`` bytes of UTF-8 at a character boundary. Nothing usable left: ``article``.
    """
    suffix = "." + re.sub(r"[^a-z0-9]", "", ext.lower()) if ext.strip(". ") else ""
    text = unicodedata.normalize("NFC", title)
    text = "".join(c for c in text if unicodedata.category(c) not in ("Cc", "Cf", "Cs", "Co", "Cn"))
    text = " ".join(_UNSAFE_CHARS.sub("-", text).split()).strip(" .-")
    if text.split(".")[0].upper() in _RESERVED_NAMES:
        text += "_"
    budget = MAX_NAME_BYTES - len(suffix.encode("utf-8"))
    stem = text.encode("utf-8")[:budget].decode("utf-8", "ignore").rstrip(" .-")
    return (stem or FALLBACK_NAME) + suffix
