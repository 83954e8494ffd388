"""Saved pages: the article's text through the text rules, metadata from the head."""

from __future__ import annotations

from pathlib import Path

import converter

PAGE = """<!DOCTYPE html>
<html lang="en-GB"><head>
<title>Harbour ferry saved by volunteers | The Coastal Courier</title>
<meta property="og:site_name" content="The Coastal Courier">
<meta property="article:published_time" content="2025-01-14T08:30:00Z">
<meta name="author" content="Maren Ellis">
<script>var tracking = "never shown";</script>
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li>
<li><a href="/culture">Culture</a></li></ul></nav>
<article>
<h1>Harbour ferry saved by volunteers</h1>
<p>For ninety-one years a small green ferry has carried passengers across the harbour mouth every day.</p>
<p>Last autumn the council announced that the crossing would close at the end of the season, for good.</p>
<h2>A crossing the town depends on</h2>
<p>Around three hundred people use the ferry on a working day, most of them on their way to work.</p>
</article>
<aside><p>Sign up for our weekly newsletter</p><p>Share this article</p></aside>
<footer><p>© 2025 The Coastal Courier</p></footer>
</body></html>"""


def test_article_and_metadata_from_a_saved_page(tmp_path: Path) -> None:
    path = tmp_path / "ferry.html"
    path.write_text(PAGE, "utf-8")
    article = converter.extract(path)
    assert (article.title, article.site, article.date, article.language, article.authors) == (
        "Harbour ferry saved by volunteers", "The Coastal Courier", "2025-01-14", "en-GB", ("Maren Ellis",))
    assert article.body == (
        "For ninety-one years a small green ferry has carried passengers across the harbour mouth every day.\n\n"
        "Last autumn the council announced that the crossing would close at the end of the season, for good.\n\n"
        "## A crossing the town depends on\n\n"
        "Around three hundred people use the ferry on a working day, most of them on their way to work.")


def test_mhtml_archive_reads_its_html_part(tmp_path: Path) -> None:
    mhtml = ("From: <Saved by Blink>\nMIME-Version: 1.0\nContent-Type: multipart/related;\n\tboundary=\"B\"\n\n"
             "--B\nContent-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n"
             f"{PAGE}\n--B--\n")
    path = tmp_path / "ferry.mhtml"
    path.write_text(mhtml, "utf-8")
    assert converter.extract(path).title == "Harbour ferry saved by volunteers"


def test_a_page_with_no_text_is_an_extraction_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<html><body><script>x()</script></body></html>", "utf-8")
    try:
        converter.extract(path)
    except converter.ExtractionError as err:
        assert "no article text found" in str(err)
    else:
        raise AssertionError("no error")
