"""Bare addresses found as linkify-it finds them, with a cheap test first for text that cannot hold one.

linkify-it's ``pretest`` (its own "very quick check") is a search of a 1,500-character pattern with
Unicode punctuation classes and ``IGNORECASE``: about 1.5 microseconds a character, run on every paragraph
of every article (1 % of a 100-article issue's CPU, py-spy 2026-12-01; 24 s against 5 s over the corpus's
148,000 text lines). Every text it accepts holds one of ``_MAY_LINK``'s shapes, so a text without any is
refused here without it: the same verdict on every corpus line and on case-folding look-alikes
(``tests/test_markdown_linkify.py``). linkify-it's ``test``, run on each text run of a paragraph that passed
the pretest, gets the same cheap test first.
"""

from __future__ import annotations

import re

from linkify_it import LinkifyIt

#: What any of linkify-it's pretest alternatives needs (its ``ucre`` templates, linkify-it-py 2.x):
#: a schema's end (``http:``, ``https:``, ``ftp:``, ``mailto:`` end in p, s or o and a colon; ``//``),
#: an e-mail's ``@``, ``localhost``, ``www.``, or a dot before a digit (an IP address) or before two
#: letters or digits (a top-level domain, two characters or more). Case-insensitive, as linkify-it is:
#: its ``s`` matches the long s, which this pattern's does too. The look-ahead names the alternatives' first
#: characters, so the search skips others without trying each alternative (a third cheaper on the corpus).
_MAY_LINK = re.compile(r"(?=[pso@/.lw])(?:[pso]:|@|//|\.(?:\d|[^\W_]{2})|localhost|www\.)", re.IGNORECASE)


class PrefilteredLinkify(LinkifyIt):
    """linkify-it whose ``pretest`` and ``test`` refuse, without its patterns, a text with none of
    ``_MAY_LINK``'s shapes."""

    def pretest(self, text: str) -> bool:
        return _MAY_LINK.search(text) is not None and bool(super().pretest(text))

    def test(self, text: str) -> bool:
        """linkify-it's ``test``, which markdown-it runs on every text run of a paragraph that passed ``pretest``
        (a paragraph holding one Markdown link passes, and then each of its runs of prose is searched with
        linkify-it's schema, host and e-mail patterns). Whatever ``test`` accepts, ``pretest`` accepts too (its
        pattern is the union of the schema and host tests and ``@``), so ``_MAY_LINK`` refuses only what it
        would refuse."""
        return _MAY_LINK.search(text) is not None and bool(super().test(text))
