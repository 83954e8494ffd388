"""Markdown out and back in: front matter, headline, body, and the round trip to the same Article."""

from __future__ import annotations

import converter
from converter import Article
from converter.extract.markdown import extract_markdown
from converter.markdown.frontmatter import split

ARTICLE = Article(
    title="Ferry *saved* by [volunteers] & friends",
    subtitle="A town keeps its crossing",
    authors=("Maren Ellis", "Tomas Brand"),
    date="2025-01-14",
    issue="42",
    source="https://example.org/ferry",
    site="The Coastal Courier",
    language="en",
    tags=("harbour", "transport"),
    body="First paragraph.\n\n## A sub-head\n\n::: figure\nThe ferry at dawn (Photo: T. Brand)\n:::\n\n"
         "1\\. not a list, and 2021\\. a year.",
)


def test_markdown_has_front_matter_headline_and_body() -> None:
    md = ARTICLE.to_markdown()
    assert md == (
        "---\n"
        "title: Ferry *saved* by [volunteers] & friends\n"
        "subtitle: A town keeps its crossing\n"
        "author:\n- Maren Ellis\n- Tomas Brand\n"
        "date: '2025-01-14'\n"
        "issue: '42'\n"
        "source: https://example.org/ferry\n"
        "site: The Coastal Courier\n"
        "language: en\n"
        "tags:\n- harbour\n- transport\n"
        "---\n\n"
        "# Ferry \\*saved\\* by \\[volunteers\\] & friends\n\n"
        "First paragraph.\n\n## A sub-head\n\n::: figure\nThe ferry at dawn (Photo: T. Brand)\n:::\n\n"
        "1\\. not a list, and 2021\\. a year.\n"
    )


def test_round_trip_gives_the_same_article() -> None:
    again = converter.extract(ARTICLE.to_markdown().encode(), kind="markdown")
    assert again == ARTICLE


def test_single_author_is_a_string_and_reads_back_as_a_tuple() -> None:
    article = Article(title="T", body="Body.", authors=("Ann Lee",))
    assert "author: Ann Lee\n" in article.to_markdown()
    assert converter.extract(article.to_markdown(), kind="markdown").authors == ("Ann Lee",)


def test_markdown_input_takes_title_from_heading_and_normalises() -> None:
    result = extract_markdown("# A title\r\n\r\nText   \r\n\r\n\r\n\r\nMore text\t\r\n")
    assert result.metadata == {"title": "A title"}
    assert result.body == "Text\n\nMore text"


def test_front_matter_dates_and_numbers_become_strings() -> None:
    meta, rest = split("---\ndate: 2021-09-01\nissue: 2770\nauthor: [A, B]\n---\nBody\n")
    assert meta == {"date": "2021-09-01", "issue": "2770", "authors": ("A", "B")}
    assert rest == "Body\n"


def test_bad_front_matter_is_a_source_error() -> None:
    try:
        split("---\ntitle: [unclosed\n---\nBody\n", "bad.md")
    except converter.SourceError as err:
        assert str(err).startswith("bad.md: its front matter is not valid YAML")
    else:
        raise AssertionError("no error")
