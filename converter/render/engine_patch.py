"""How a patch of the PDF engine (WeasyPrint) is put in place: only on the engine's major versions the patch
was checked against (each patch's ``VERIFIED_MAJORS``, with a test that the PDFs are byte-identical), once,
keeping the engine's own method for the cases the patch hands back to it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def engine_verified(majors: frozenset[str]) -> bool:
    """Whether WeasyPrint imports and its major version (``"70"`` of ``70.0``) is one of ``majors``."""
    try:
        import weasyprint
    except ImportError:
        return False
    return str(getattr(weasyprint, "__version__", "")).split(".")[0] in majors


def replace_method(owner: Any, name: str, replacement: Callable[..., Any], original: list[Any]) -> bool:
    """``owner.name`` replaced by ``replacement``, the engine's own appended to ``original``; a second call
    finds the replacement in place and changes nothing. ``False`` where ``owner`` has no such method."""
    method = getattr(owner, name, None)
    if method is None:
        return False
    if getattr(method, "_converter", False):
        return True
    original.append(method)
    setattr(replacement, "_converter", True)  # noqa: B010 (a function's attribute; mypy refuses the dot)
    setattr(owner, name, replacement)
    return True
