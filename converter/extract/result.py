"""What every extractor returns: metadata, the structured Markdown body and the reasons for each decision.

The text, HTML and Markdown extractors all return an ``Extraction``; the pipeline turns it into an
``Article``. ``decisions`` is what ``--explain`` prints: one entry per input line or block, with the name
of the rule that decided its fate.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

#: Verdicts a decision can carry, in the words ``--explain`` prints.
VERDICTS = ("kept", "dropped", "title", "heading", "caption", "metadata")


@dataclass(frozen=True)
class Decision:
    """Why one line (or block) of the input was kept, dropped or moved to metadata."""

    line: int
    """1-based line number in the input (for HTML: the source line of the block, or 0 if unknown)."""
    text: str
    """The line or block as it was read (whitespace trimmed)."""
    verdict: str
    """One of ``VERDICTS``."""
    rule: str
    """Name of the rule that decided, e.g. ``teaser_card`` or ``footer_vocabulary``."""


@dataclass(frozen=True)
class Extraction:
    """An extractor's result, before the pipeline builds the ``Article`` from it."""

    body: str
    """The article body as structured Markdown: no front matter and no title heading."""
    metadata: Mapping[str, object] = field(default_factory=lambda: MappingProxyType({}))
    """Article field name -> value (``title``, ``authors`` as a tuple, ``date`` as ISO 8601, ``issue`` ...)."""
    decisions: tuple[Decision, ...] = ()
    """Line-by-line record for ``--explain``; may be empty for kinds that do no extraction."""
    resources: tuple[object, ...] = ()
    """``converter.article.Resource`` objects for pictures the body refers to (HTML input)."""
