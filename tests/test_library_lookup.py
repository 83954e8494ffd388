"""The PDF engine's libraries found from one ``ldconfig -p``: the answers ``ctypes.util.find_library`` gives."""

from __future__ import annotations

import ctypes.util
import sys
from pathlib import Path

import pytest

from converter.render.library_lookup import _ldconfig_listing, find_in_listing, one_listing

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux") or not Path("/sbin/ldconfig").exists(),
                                reason="glibc's ldconfig is Linux's")

#: What WeasyPrint asks for (a found name, then the Windows and macOS names that are not there), and C.
NAMES = ["gobject-2.0", "libgobject-2.0-0", "pango-1.0", "pangoft2-1.0", "harfbuzz", "libharfbuzz-0",
         "fontconfig", "fontconfig-1", "libpango-1.0.so.0", "c", "m", "no-such-library-here"]


def test_same_answers_as_the_standard_lookup() -> None:
    listing = _ldconfig_listing()
    assert listing
    for name in NAMES:
        standard = ctypes.util.find_library(name)
        if standard is None or find_in_listing(listing, name) is not None:  # gcc/ld-only finds may differ
            assert find_in_listing(listing, name) == standard, name
    assert find_in_listing(listing, "pango-1.0") == "libpango-1.0.so.0"


def test_the_standard_lookup_is_back_after_the_block() -> None:
    standard = ctypes.util.find_library
    with one_listing():
        assert ctypes.util.find_library is not standard
        assert ctypes.util.find_library("no-such-library-here") is None
    assert ctypes.util.find_library is standard
