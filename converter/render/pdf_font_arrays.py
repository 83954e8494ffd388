"""Font subsetting without a C parser run per font: the same arrays, the same PDF.

WeasyPrint's HarfBuzz subsetting (``weasyprint.pdf.fonts.Font._harfbuzz_subset``) allocates its glyph lists
as ``ffi.new(f"hb_codepoint_t[{n}]", values)``. cffi caches a parsed C declaration by its text, and ``n``
is the number of glyphs a font uses in the document, so nearly every call is a new text that pycparser
parses again: about 4 ms each, three per font face and document. An issue's part is its own document in
its own forked child, whose cache is lost with it, so the parse was paid for every face of every part:
3 % of a 100-article issue's CPU (py-spy over the parent, workers and render children, 2026-12-01), about
as much as the subsetting itself.

``install`` gives that module an ``ffi`` whose ``new`` reads ``T[n]`` with an initialiser of exactly ``n``
items as ``T[]``, the open array cffi sizes from the initialiser: one declaration parsed once per process
(before the render child forks, by ``warm_fonts``), the same array of the same length and values. Every
other call goes to cffi unchanged. Like ``pdf_footnotes``, it is installed only on the WeasyPrint major
versions it was checked against (``VERIFIED_MAJORS``; ``tests/test_pdf_font_arrays.py`` compares the PDFs
byte for byte).
"""

from __future__ import annotations

import re
from collections.abc import Sized
from typing import Any

from converter.render.engine_patch import engine_verified

#: WeasyPrint major versions whose ``pdf.fonts`` module was checked to use ``ffi`` this way.
VERIFIED_MAJORS = frozenset({"70"})

#: Off: every array is allocated the engine's way (tests compare the two).
ENABLED = True

#: A declaration of a fixed-length array of a named C type: ``hb_codepoint_t[123]``.
_SIZED_ARRAY = re.compile(r"([A-Za-z_][A-Za-z0-9_ ]*)\[(\d+)\]")


class OpenArrayFFI:
    """A cffi ``FFI`` whose ``new("T[n]", init)`` is ``new("T[]", init)`` when ``init`` has ``n`` items."""

    def __init__(self, ffi: Any) -> None:
        self._ffi = ffi

    def __getattr__(self, name: str) -> Any:
        return getattr(self._ffi, name)

    def new(self, cdecl: Any, init: Any = None) -> Any:
        if ENABLED and isinstance(cdecl, str) and isinstance(init, Sized):
            sized = _SIZED_ARRAY.fullmatch(cdecl)
            if sized is not None and int(sized[2]) == len(init):
                cdecl = f"{sized[1]}[]"
        return self._ffi.new(cdecl, init)


def install() -> bool:
    """Give ``weasyprint.pdf.fonts`` an ``OpenArrayFFI``; ``False`` where the engine is not a verified
    version or the module has no ``ffi`` (left as it is)."""
    if not engine_verified(VERIFIED_MAJORS):
        return False
    from weasyprint.pdf import fonts

    ffi = getattr(fonts, "ffi", None)
    if ffi is None:
        return False
    if not isinstance(ffi, OpenArrayFFI):
        fonts.ffi = OpenArrayFFI(ffi)
    return True
