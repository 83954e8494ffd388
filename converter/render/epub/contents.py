"""The book's table of contents as a tree, shared by the navigation document and the NCX.

Articles appear in reading order, each with its sub-heads; ``sections`` (title, article indices) group
articles under a section entry that points at the section's first article.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import count

from converter.errors import UsageError
from converter.render.epub.chapters import Chapter

#: A section of an issue: its title and the indices (from 0) of its articles in the book's order.
Section = tuple[str, Sequence[int]]


@dataclass(frozen=True)
class Entry:
    """One line of the contents."""

    label: str
    href: str
    position: int
    """Place in the contents, depth-first from 1 (the NCX's ``navPoint`` id)."""
    order: int
    """Place of the target in reading order, from 1 (the NCX's ``playOrder``)."""
    children: tuple[Entry, ...] = ()


def contents(chapters: Sequence[Chapter], sections: Sequence[Section] | None = None) -> tuple[Entry, ...]:
    """The contents tree: sections (if any) -> articles -> sub-heads, numbered in reading order."""
    owner = section_of(sections or (), len(chapters))
    groups: list[tuple[str | None, list[Chapter]]] = []
    for index, chapter in enumerate(chapters):
        title = owner.get(index)
        if title is not None and groups and groups[-1][0] == title:
            groups[-1][1].append(chapter)
        else:
            groups.append((title, [chapter]))
    return _numbered(tuple(entry for title, members in groups for entry in _group(title, members)))


def section_of(sections: Sequence[Section], count: int) -> dict[int, str]:
    """Article index -> its section's title; an index out of range or in two sections is a usage error.

    Raises ``UsageError`` when the sections do not cover every article once.
    """
    owner: dict[int, str] = {}
    for title, indices in sections:
        for index in indices:
            if not 0 <= index < count:
                raise UsageError(f"section {title!r} names article {index}, but the book has {count} articles")
            if index in owner:
                raise UsageError(f"article {index} is in two sections: {owner[index]!r} and {title!r}")
            owner[index] = title
    return owner


def _group(title: str | None, members: list[Chapter]) -> tuple[Entry, ...]:
    articles = tuple(_article(chapter) for chapter in members)
    if title is None:
        return articles
    return (Entry(title, members[0].href, 0, 0, articles),)


def _article(chapter: Chapter) -> Entry:
    heads = tuple(Entry(h.text, f"{chapter.href}#{h.id}", 0, 0) for h in chapter.headings if h.text)
    return Entry(chapter.title, chapter.href, 0, 0, heads)


def _numbered(entries: tuple[Entry, ...]) -> tuple[Entry, ...]:
    """The same tree numbered depth-first; entries pointing at the same place share a play order (NCX rule)."""
    positions = count(1)
    orders: dict[str, int] = {}

    def number(entry: Entry) -> Entry:
        position = next(positions)
        order = orders.setdefault(entry.href, len(orders) + 1)
        return Entry(entry.label, entry.href, position, order, tuple(number(c) for c in entry.children))

    return tuple(number(e) for e in entries)


def size(entries: tuple[Entry, ...]) -> int:
    """How many entries the tree holds."""
    return sum(1 + size(e.children) for e in entries)


def depth(entries: tuple[Entry, ...]) -> int:
    """How deep the tree goes (1 for a flat list)."""
    return max((1 + depth(e.children) for e in entries), default=0)
