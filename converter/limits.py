"""Limits that keep a hostile input from exhausting time, memory or the PDF engine.

Each limit is documented where it is defined and can be changed through ``RenderOptions.limits``.
What a limit removes is always reported, never dropped silently.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """Caps applied while rendering; defaults fit any real article with a wide margin."""

    max_pages: int = 2000
    """Most pages a PDF may have."""
    pdf_seconds: float = 120.0
    """Longest a PDF may take to render."""
