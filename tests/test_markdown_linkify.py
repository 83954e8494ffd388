"""linkify-it's pretest behind a cheap test (``converter.markdown.linkify``): the same verdict as linkify-it
alone on texts with and without addresses, look-alikes that only case folding matches included, and the
same links in the rendered body."""

from __future__ import annotations

import pytest
from linkify_it import LinkifyIt

from converter.markdown.linkify import PrefilteredLinkify
from converter.markdown.to_html import make_parser, render_body

TEXTS = [
    "The harbour board met on Tuesday to hear the ferry operators.",
    "He said: the timetable has not changed since spring.",
    "Tickets at https://ferries.example.org/night or HTTP://EXAMPLE.ORG.",
    "Write to clerk@harbour.example.org before Friday.",
    "See www.example.org. Or WWW. on its own, then a full stop.",
    "The model ran on localhost and on LOCALHOST:8080.",
    "The server at 10.0.0.12 answered; version 3.5 did not.",
    "Visit example.com, example.co.uk) or пример.рф now.",
    "Figures for the U.S. and the e.g. case, 4.5 per cent.",
    "//comment-like text and mailto:someone",
    "httpſ://ſchema with a long s, and a Kelvin sign K.Kk",
    "ftp: a colon after ftp, and ‘quoted’ words…",
    "",
]


@pytest.mark.parametrize("text", TEXTS)
def test_pretest_gives_linkify_its_own_verdict(text: str) -> None:
    assert PrefilteredLinkify().pretest(text) == LinkifyIt().pretest(text)


def test_the_cheap_test_refuses_plain_prose_without_the_pattern() -> None:
    assert not PrefilteredLinkify().pretest(TEXTS[0])
    assert PrefilteredLinkify().pretest(TEXTS[2])


def test_rendered_links_are_linkify_its() -> None:
    assert isinstance(make_parser().linkify, PrefilteredLinkify)
    html = render_body("Tickets at https://ferries.example.org/night, mail clerk@harbour.example.org.\n\n"
                       "He said: no change.")
    assert html == ('<p>Tickets at <a href="https://ferries.example.org/night">https://ferries.example.org/night</a>, '
                    'mail <a href="mailto:clerk@harbour.example.org">clerk@harbour.example.org</a>.</p>\n'
                    "<p>He said: no change.</p>\n")


@pytest.mark.parametrize("text", [*TEXTS, "http://example.org", "mail x@y.example", "See example.com now",
                                  "WWW.EXAMPLE.ORG", "//example.org/path", "ſee httpſ://x"])
def test_test_gives_linkify_its_own_verdict(text: str) -> None:
    # markdown-it asks ``test`` of each text run of a paragraph that passed the pretest
    assert PrefilteredLinkify().test(text) == LinkifyIt().test(text)


def test_bare_addresses_in_a_paragraph_with_a_markdown_link_are_linked() -> None:
    html = render_body("See [the board](https://board.example.org) and www.example.org, not e.g. this.")
    assert html == ('<p>See <a href="https://board.example.org">the board</a> and '
                    '<a href="http://www.example.org">www.example.org</a>, not e.g. this.</p>\n')

