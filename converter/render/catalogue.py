"""What catalogues read: subjects from an article's keywords, and its section as a name.

A page's keywords are whatever its site put in ``keywords`` or ``article:tag``: real subjects next to
the site's plumbing (``_no-apple-news``, ``type:article``), ticker symbols (``NYSE:AAPL``, ``$TSLA``),
ids and whole sentences, often dozens of them. Each rule below drops one such kind; what is left is
deduplicated (ignoring case and spacing) and capped, so a book lists a handful of subjects a library
catalogue can use. An issue ranks its articles' subjects by how many articles share them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence

#: Most subjects a book lists (an issue: the ones most of its articles share).
MAX_SUBJECTS = 12

#: Longest subject, in characters and words: longer is a sentence or a headline, not a keyword.
MAX_SUBJECT_CHARS = 48
MAX_SUBJECT_WORDS = 5


def _internal(tag: str) -> bool:
    """A site's own flag: ``_no-apple-news``, ``@homepage``, ``#promo``."""
    return tag[0] in "_@#!"


def _faceted(tag: str) -> bool:
    """A CMS facet or a ticker with its exchange: ``type:article``, ``section=world``, ``NYSE:AAPL``,
    ``pb:video``. (A subject with a colon and spaces, ``Health: mental``, is kept.)"""
    return bool(re.fullmatch(r"[\w.-]+[:=][\w.:=/-]+", tag))


def _ticker(tag: str) -> bool:
    """A bare ticker symbol: ``$TSLA``, ``AAPL.O``."""
    return bool(re.fullmatch(r"\$[A-Za-z.]{1,6}|[A-Z]{1,5}\.[A-Z]{1,2}", tag))


def _identifier(tag: str) -> bool:
    """An id, not a word: mostly digits (``12345``, ``2024-06-01``) or a hash or uuid."""
    letters = sum(c.isalpha() for c in tag)
    return letters < len(tag) / 2 or bool(re.fullmatch(r"[0-9a-f-]{16,}", tag, re.I))


def _sentence(tag: str) -> bool:
    """Too long for a keyword: a headline or a sentence pasted into the keywords."""
    return len(tag) > MAX_SUBJECT_CHARS or len(tag.split()) > MAX_SUBJECT_WORDS


def _address(tag: str) -> bool:
    """A URL or a path: ``https://...``, ``/world/europe``."""
    return "://" in tag or tag.startswith("/") or tag.startswith("www.")


#: The rules, each dropping one kind of tag that is no subject.
NOT_SUBJECTS: tuple[tuple[str, Callable[[str], bool]], ...] = (
    ("internal", _internal),
    ("faceted", _faceted),
    ("ticker", _ticker),
    ("identifier", _identifier),
    ("sentence", _sentence),
    ("address", _address),
)


def is_subject(tag: str) -> bool:
    """``tag`` is a keyword a catalogue can use (no rule of ``NOT_SUBJECTS`` drops it)."""
    return bool(tag) and not any(rule(tag) for _, rule in NOT_SUBJECTS)


def subjects(tags: Iterable[str], limit: int = MAX_SUBJECTS) -> tuple[str, ...]:
    """The subjects among ``tags``, in order, once each (the first spelling kept), at most ``limit``."""
    found: dict[str, str] = {}
    for tag in tags:
        tag = " ".join(tag.split())
        if is_subject(tag):
            found.setdefault(tag.casefold(), tag)
    return tuple(found.values())[:limit]


def shared_subjects(tag_lists: Sequence[Iterable[str]], limit: int = MAX_SUBJECTS) -> tuple[str, ...]:
    """The subjects of several articles (an issue's): those most articles share first, then in order of
    first appearance, at most ``limit``."""
    per_article = [subjects(tags, limit=10_000) for tags in tag_lists]
    counts: Counter[str] = Counter(s.casefold() for found in per_article for s in found)
    first: dict[str, str] = {}
    for found in per_article:
        for subject in found:
            first.setdefault(subject.casefold(), subject)
    order = {key: index for index, key in enumerate(first)}
    ranked = sorted(first, key=lambda key: (-counts[key], order[key]))
    return tuple(first[key] for key in ranked[:limit])


def section_name(section: str) -> str:
    """A section as readers name it: the last step of a path, separators as spaces, capitals as in a name:
    ``/WORLD/MIDDLE_EAST`` -> ``Middle East``, ``news/climate-crisis`` -> ``Climate crisis``; a name stays
    as written (``Transport``, ``Mind & Body``, ``US``)."""
    text = section.strip()
    if "/" in text:
        parts = [p for p in text.split("/") if p.strip()]
        text = parts[-1] if parts else ""
    if "_" in text or (re.fullmatch(r"[\w-]+", text) and "-" in text):
        text = re.sub(r"[_-]+", " ", text)
    text = " ".join(text.split())
    if text.isupper() and len(text) > 3:
        return text.title()
    return text[:1].upper() + text[1:] if text.islower() else text
