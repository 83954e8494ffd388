"""Render options: one frozen object with documented defaults; CLI flags map onto it one to one."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from converter.errors import UsageError
from converter.limits import Limits

#: Named page sizes -> CSS ``size`` value. "6in" is a 6-inch e-reader screen (about 90 x 122 mm).
PAGE_SIZES: dict[str, str] = {
    "a4": "A4",
    "a5": "A5",
    "b5": "B5",
    "letter": "letter",
    "6in": "90mm 122mm",
    "ereader": "90mm 122mm",
    "7in": "107mm 142mm",
}

_CUSTOM_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)(mm|cm|in|pt)\s*[x×]\s*(\d+(?:\.\d+)?)(mm|cm|in|pt)\s*$", re.I)


@dataclass(frozen=True)
class RenderOptions:
    """How outputs look. Defaults give the reader edition."""

    page_size: str = "A5"
    """PDF page size: A4, A5, B5, Letter, 6in (e-reader), 7in, or ``WxH`` with units (``150mmx200mm``)."""
    limits: Limits = field(default_factory=Limits)
    """Caps on what rendering may cost (see ``converter.limits``)."""

    def __post_init__(self) -> None:
        css_page_size(self.page_size)  # fail early, with the list of sizes


def css_page_size(name: str) -> str:
    """The CSS ``size`` value for a page size name or ``WxH`` with units."""
    named = PAGE_SIZES.get(name.strip().lower())
    if named:
        return named
    m = _CUSTOM_SIZE.match(name)
    if m:
        return f"{m.group(1)}{m.group(2).lower()} {m.group(3)}{m.group(4).lower()}"
    raise UsageError(f"unknown page size {name!r}; use A4, A5, B5, Letter, 6in, 7in or WxH like 150mmx200mm")
