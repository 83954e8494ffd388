"""Feeds: each entry an article; entities never expanded."""

from __future__ import annotations

from pathlib import Path

import converter

RSS = """<?xml version="1.0"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>The Courier</title>
<item><title>Ferry saved</title><link>https://example.org/ferry</link><dc:creator>Maren Ellis</dc:creator>
<pubDate>Tue, 14 Jan 2025 08:00:00 GMT</pubDate>
<description>&lt;p&gt;The ferry runs again.&lt;/p&gt;&lt;p&gt;Volunteers keep it going.&lt;/p&gt;</description></item>
<item><title>Bridge reopens</title><link>https://example.org/bridge</link>
<description>Traffic flows.</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Notes</title>
<entry><title>A lathe rebuilt</title><link href="https://example.org/lathe"/><published>2024-03-03T10:00:00Z</published>
<author><name>Jo Marsh</name></author>
<content type="html">&lt;p&gt;It took a weekend.&lt;/p&gt;</content></entry></feed>"""


def test_rss_items_become_articles(tmp_path: Path) -> None:
    path = tmp_path / "feed.rss"
    path.write_text(RSS, "utf-8")
    first, second = converter.extract_all(path)
    assert (first.title, first.url, first.authors, first.date) == (
        "Ferry saved", "https://example.org/ferry", ("Maren Ellis",), "2025-01-14")
    assert first.body == "The ferry runs again.\n\nVolunteers keep it going."
    assert (second.title, second.body) == ("Bridge reopens", "Traffic flows.")


def test_atom_entries_become_articles(tmp_path: Path) -> None:
    path = tmp_path / "feed.atom"
    path.write_text(ATOM, "utf-8")
    (entry,) = converter.extract_all(path)
    assert (entry.title, entry.date, entry.authors, entry.body) == (
        "A lathe rebuilt", "2024-03-03", ("Jo Marsh",), "It took a weekend.")


def test_external_entities_are_not_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE", "utf-8")
    feed = (f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file://{secret}">]>'
            "<rss><channel><item><title>T &x;</title><description>Body text here.</description></item>"
            "</channel></rss>")
    path = tmp_path / "evil.xml"
    path.write_text(feed, "utf-8")
    articles = converter.extract_all(path)
    assert "TOP-SECRET-VALUE" not in repr(articles)
