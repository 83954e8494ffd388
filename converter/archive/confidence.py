"""How sure an extraction is that it found an article: a number from 0 to 1 for the catalogue.

A sum of named signals, each with the weight it adds; a reader of the catalogue sorts by it to look at
the doubtful editions first. It is not a probability: 1.0 means every signal an article page usually
gives was there.
"""

from __future__ import annotations

from collections.abc import Callable

from converter.article import Article

#: Words of body text at which the length signal is full (a short news item has about this many).
FULL_LENGTH_WORDS = 400


def length(article: Article) -> float:
    """Running text: full at ``FULL_LENGTH_WORDS`` words, in proportion below."""
    return min(1.0, len(article.body.split()) / FULL_LENGTH_WORDS)


def has_title(article: Article) -> float:
    return 1.0 if article.title.strip() else 0.0


def has_date(article: Article) -> float:
    return 1.0 if article.date else 0.0


def has_author(article: Article) -> float:
    return 1.0 if article.authors else 0.0


#: Signal -> (weight, function of the Article giving 0..1). The weights add up to 1.
SIGNALS: tuple[tuple[str, float, Callable[[Article], float]], ...] = (
    ("length", 0.5, length),
    ("title", 0.2, has_title),
    ("date", 0.15, has_date),
    ("author", 0.15, has_author),
)


def confidence(article: Article) -> float:
    """The weighted sum of ``SIGNALS`` for ``article``, rounded to two decimals."""
    return round(sum(weight * signal(article) for _, weight, signal in SIGNALS), 2)
