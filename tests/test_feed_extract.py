"""Feeds: each RSS item or Atom entry an article, its HTML content as Markdown; entities never expanded."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import converter
from converter.extract.feed import extract_feed

CASES = Path(__file__).parent / "cases"
FEED_CASES = sorted(CASES.glob("html-feed-*"))


@pytest.mark.parametrize("case", FEED_CASES, ids=[p.name for p in FEED_CASES])
def test_golden_feed(case: Path) -> None:
    entries = extract_feed((case / "input.xml").read_bytes())
    metadata = [json.loads(json.dumps(dict(e.metadata), ensure_ascii=False)) for e in entries]
    expected_bodies = [p.read_text("utf-8") for p in sorted(case.glob("expected_body-*.md"))]
    assert [e.body + "\n" for e in entries] == expected_bodies
    assert metadata == json.loads((case / "expected_meta.json").read_text("utf-8"))


def test_rss_content_encoded_wins_over_description() -> None:
    (first, _) = extract_feed((CASES / "html-feed-rss" / "input.xml").read_bytes())
    assert "Short summary" not in first.body
    assert first.body.startswith("The leeks came through the frost *better* than the kale.")


def test_feed_as_text_is_read_too() -> None:
    feed = ('<rss version="2.0"><channel><title>T</title><item><title>Only item</title>'
            "<description>Plain words.</description></item></channel></rss>")
    (entry,) = extract_feed(feed)
    assert (entry.metadata["title"], entry.body) == ("Only item", "Plain words.")


def test_entries_through_the_pipeline(tmp_path: Path) -> None:
    articles = converter.extract_all(CASES / "html-feed-atom" / "input.xml")
    assert [(a.title, a.authors, a.date) for a in articles] == [
        ("Langs de dijk naar het veer", ("Femke de Wit",), "2024-08-19"),
        ("Korte lus door het bos", (), "2024-07-01")]


def test_external_entities_are_not_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE", "utf-8")
    feed = (f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file://{secret}">]>'
            "<rss><channel><item><title>T &x;</title><description>Body text here.</description></item>"
            "</channel></rss>")
    assert "TOP-SECRET-VALUE" not in repr(extract_feed(feed.encode()))


def test_entity_expansion_bomb_is_not_expanded() -> None:
    feed = ('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
            '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]><rss><channel><item><title>&c;</title>'
            "<description>Fine.</description></item></channel></rss>")
    (entry,) = extract_feed(feed.encode())
    assert "aaaaaaaaaa" not in repr(entry)


def test_not_a_feed_is_a_source_error() -> None:
    with pytest.raises(converter.SourceError):
        extract_feed(b"")
