"""Finding the PDF engine's native libraries with one ``ldconfig -p`` instead of twenty-two.

WeasyPrint opens each library (GObject, Pango, HarfBuzz, fontconfig ...) by trying several names, the
Windows and macOS ones first; cffi hands every name it cannot open directly to ``ctypes.util.find_library``,
which on Linux runs ``ldconfig -p`` and, for a name that is not there, ``gcc`` and then ``ld``. That is 22
lookups and about 40 child processes: some 0.14 s of CPU, a seventh of WeasyPrint's import, for names
that mostly cannot exist on this system.

``one_listing`` answers those lookups, while the engine is imported, from one ``ldconfig -p`` listing with
the regular expression CPython applies to it (``ctypes.util._findSoname_ldconfig``); a name the listing
lacks is "not found" at once. A library that only ``gcc`` or ``ld`` could find is still found: the caller
imports again with the standard lookup when the first import fails (``converter.render.pdf_layout``).
"""

from __future__ import annotations

import functools
import os
import re
import struct
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager

#: CPython's map from machine and word size to the ABI tag ``ldconfig -p`` prints (ctypes/util.py).
ABI_TYPES = {"x86_64-64": "libc6,x86-64", "ppc64-64": "libc6,64bit", "sparc64-64": "libc6,64bit",
             "s390x-64": "libc6,64bit", "ia64-64": "libc6,IA-64"}


@contextmanager
def one_listing() -> Iterator[None]:
    """Inside the block, ``ctypes.util.find_library`` reads one ``ldconfig -p`` listing (Linux with glibc's
    ldconfig); elsewhere, or when the listing cannot be read, the block runs with the standard lookup."""
    listing = _ldconfig_listing() if sys.platform.startswith("linux") else None
    if not listing:
        yield
        return
    import ctypes.util

    standard = ctypes.util.find_library
    ctypes.util.find_library = functools.partial(find_in_listing, listing)
    try:
        yield
    finally:
        ctypes.util.find_library = standard


def find_in_listing(listing: bytes, name: str) -> str | None:
    """What ``ctypes.util.find_library(name)`` returns from ``ldconfig -p``'s ``listing`` (``libpango-1.0.so.0``
    for ``pango-1.0``), or ``None``."""
    machine = os.uname().machine + ("-32" if struct.calcsize("l") == 4 else "-64")
    pattern = rf"\s+(lib{re.escape(name)}\.[^\s]+)\s+\({ABI_TYPES.get(machine, 'libc6')}"
    found = re.search(os.fsencode(pattern), listing)
    return os.fsdecode(found.group(1)) if found else None


def _ldconfig_listing() -> bytes | None:
    try:
        done = subprocess.run(["/sbin/ldconfig", "-p"], stdin=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              stdout=subprocess.PIPE, env={"LC_ALL": "C", "LANG": "C"}, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None
