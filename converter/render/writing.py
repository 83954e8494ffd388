"""Writing outputs atomically: a temporary file in the target folder, then a rename.

A reader never sees half a file, a failed render leaves nothing behind, and a symlink planted at the
output path is replaced, not followed. Output names made from titles go through ``safe_filename``.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import select
import stat
import tempfile
import unicodedata
from pathlib import Path

from converter.errors import ConverterError, UsageError


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and ``os.replace``.

    A device or a pipe (``/dev/null``, ``/dev/stdout``, ``/dev/fd/3``, a FIFO) is written into, never
    replaced (``stream_target``). Raises ``UsageError`` (exit 2, as ``policy.outputs`` before a command
    starts) for a folder that is missing (the caller's to make), a ``path`` that is a folder, a folder no
    file can be made in (no permission, read-only, /proc); ``ConverterError`` (exit 1) for a full disk and
    any other ``OSError``, naming the file.
    """
    stream = stream_target(path)
    if stream is not None:
        _write_stream(path, stream, data)
        return
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise UsageError(f"{path}: the folder {folder} does not exist; create it first")
    if path.is_dir():  # os.replace would fail with "Is a directory": the caller named a folder, not a file
        raise UsageError(f"{path}: is a folder; name a file (in it or beside it) as the output (nothing was "
                         "written)")
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name[:40]}.", suffix=".part")
    except OSError as err:  # read-only, no permission, a pseudo file system (/proc): the caller's choice of folder
        if err.errno in _WRONG_FOLDER:
            raise UsageError(f"{path}: the folder {folder} cannot be written in ({err.strerror or err}); choose "
                             "another folder (nothing was written)") from None
        raise ConverterError(f"{path}: cannot be written ({err.strerror or err}); check the folder's permissions "
                             "and free space") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as err:
        _remove(tmp)
        raise ConverterError(f"{path}: cannot be written ({err.strerror or err}); check the folder's permissions "
                             "and free space") from None
    except BaseException:
        _remove(tmp)
        raise


#: Why no file can be made in a folder that say the folder is the wrong place (as ``policy.outputs`` says
#: before a command starts: a ``UsageError``), not that the disk failed: no permission, a read-only file
#: system, a pseudo file system such as /proc (ENOENT for a new name there).
_WRONG_FOLDER = {errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOENT, errno.ENOTDIR}

#: Names of an open descriptor: written through that descriptor, so its offset and append mode hold.
_FD_NAMES = re.compile(r"^/(?:dev/fd|proc/self/fd)/(\d+)$")
_STD_NAMES = {"/dev/stdout": 1, "/dev/stderr": 2}


def stream_target(path: Path) -> int | Path | None:
    """How a path that is not a plain file is written: a descriptor number (``/dev/stdout``, ``/dev/fd/N``),
    the path itself (a character device or a FIFO, ``/dev/null``, anything under ``/dev``), or ``None`` for a
    file, which is replaced atomically.

    A symlink planted elsewhere (``out.pdf -> /dev/null``) is not followed (``lstat``): it is replaced.
    """
    text = os.path.normpath(str(path)) if str(path) else ""
    if text in _STD_NAMES:
        return _STD_NAMES[text]
    match = _FD_NAMES.match(text)
    if match:
        return int(match.group(1))
    try:
        mode = os.lstat(path).st_mode
    except (OSError, ValueError):
        return None
    if stat.S_ISCHR(mode) or stat.S_ISFIFO(mode) or (stat.S_ISLNK(mode) and text.startswith("/dev/")):
        return path
    return None


def _write_stream(path: Path, stream: int | Path, data: bytes) -> None:
    name = str(path)
    if isinstance(stream, int):
        write_fd(stream, data, name)
        return
    try:  # O_NONBLOCK: a FIFO nobody reads fails at once instead of hanging
        fd = os.open(stream, os.O_WRONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as err:
        raise ConverterError(f"{name}: cannot be written ({err.strerror})") from None
    try:
        os.set_blocking(fd, True)
        write_fd(fd, data, name)
    finally:
        os.close(fd)


def write_stdout(data: bytes) -> None:
    """Write ``data`` to standard output, every byte checked: a short write or a full disk is a
    ``ConverterError`` (exit 1), never a silent truncation. A real descriptor is written directly (Python's
    buffer flushed first); a replaced ``sys.stdout`` (a test runner's) through its buffer.

    Raises ``ConverterError`` when standard output is closed or a write falls short (a full disk).
    """
    import sys

    stream = sys.stdout
    if stream is None:
        raise ConverterError("standard output: is closed; give -o FILE instead")
    try:
        fd = stream.fileno()
    except (AttributeError, OSError, ValueError):
        fd = None
    try:
        stream.flush()
        if fd is None:
            stream.buffer.write(data)
            stream.buffer.flush()
            return
    except BrokenPipeError:
        raise
    except (OSError, ValueError) as err:
        raise ConverterError(f"standard output: cannot be written ({getattr(err, 'strerror', None) or err})") \
            from None
    write_fd(fd, data, "standard output")


def write_fd(fd: int, data: bytes, name: str) -> None:
    """Write all of ``data`` to the open descriptor ``fd``; ``ConverterError`` naming ``name`` on any failure.

    A closed reader (``| head``) raises ``BrokenPipeError``, which the CLI ends quietly.
    """
    view = memoryview(data)
    try:
        while view:
            try:
                written = os.write(fd, view)
            except BlockingIOError:  # a descriptor left non-blocking by the caller: wait until it drains
                select.select([], [fd], [])
                continue
            if written <= 0:
                raise ConverterError(f"{name}: the write stopped after {len(data) - len(view)} of {len(data)} bytes")
            view = view[written:]
    except BrokenPipeError:
        raise
    except OSError as err:
        if err.errno == errno.EBADF:
            raise ConverterError(f"{name}: is closed; give -o FILE instead") from None
        raise ConverterError(f"{name}: cannot be written ({err.strerror}); the output is incomplete after "
                             f"{len(data) - len(view)} of {len(data)} bytes") from None


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
