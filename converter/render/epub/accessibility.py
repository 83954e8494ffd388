"""The book's schema.org accessibility metadata, from what its chapters hold.

Values are from the EPUB Accessibility vocabulary; they describe this converter's output: reflowable
text, headings in the contents, a stylesheet with no fixed font sizes, pictures with their alt text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

#: Features every book we make has.
BASE_FEATURES = ("structuralNavigation", "tableOfContents", "readingOrder", "displayTransformability")


@dataclass(frozen=True)
class Accessibility:
    """The ``schema:access*`` and ``schema:accessibility*`` values of the package."""

    modes: tuple[str, ...]
    sufficient: tuple[str, ...]
    features: tuple[str, ...]
    summary: str


def accessibility(picture_alts: Sequence[str]) -> Accessibility:
    """The accessibility metadata of a book whose body pictures have ``picture_alts`` (empty: no alt)."""
    if not picture_alts:
        return Accessibility(("textual",), ("textual",), BASE_FEATURES,
                             "Text only, with its headings in the table of contents.")
    described = all(alt.strip() for alt in picture_alts)
    if described:
        return Accessibility(("textual", "visual"), ("textual", "textual,visual"),
                             (*BASE_FEATURES, "alternativeText"),
                             "Text with pictures, each described by a text alternative; "
                             "headings are in the table of contents.")
    return Accessibility(("textual", "visual"), ("textual,visual",), BASE_FEATURES,
                         "Text with pictures, some without a text alternative; "
                         "headings are in the table of contents.")
