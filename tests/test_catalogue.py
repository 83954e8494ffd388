"""Metadata catalogues can use, read back from the EPUB package and the PDF: subjects from real keywords
only, sections as names, the periodical and issue number of a single article."""

from __future__ import annotations

import io

import pikepdf
import pytest

from converter import Article, render
from converter.render.catalogue import section_name, shared_subjects, subjects
from tests.test_epub import NS, book, opf

#: Keywords shaped like a news site's: plumbing, tickers, ids, a pasted headline, duplicates, real subjects.
SITE_TAGS = ("banks", "money", "_no-apple-news", "Money", "NYSE:AAPL", "$TSLA", "type:article", "1234567",
             "e3b0c44298fc1c149afbf4c8996fb924", "How the banks learned to stop worrying and love the bond market",
             "https://example.org/tag/banks", " Climate  change ", "@homepage", "Interest rates")

ARTICLE = Article(title="The banks and the bond market", body="Bond yields rose again this week.", language="en",
                  site="The Ledger", issue="2770", section="/BUSINESS/MARKETS_AND_FINANCE", tags=SITE_TAGS)


def test_subjects_keep_real_keywords_once_each() -> None:
    assert subjects(SITE_TAGS) == ("banks", "money", "Climate change", "Interest rates")


def test_subjects_are_capped() -> None:
    assert len(subjects([f"topic {chr(97 + i)}" for i in range(26)])) == 12


def test_an_issue_ranks_subjects_its_articles_share() -> None:
    assert shared_subjects([["ferries", "harbour"], ["Harbour", "weather"], ["harbour", "weather", "tides"]]) == (
        "harbour", "weather", "ferries", "tides")


@pytest.mark.parametrize(("raw", "name"), [
    ("/WORLD/MIDDLE_EAST", "Middle East"), ("news/climate-crisis", "Climate crisis"), ("Transport", "Transport"),
    ("Mind & Body", "Mind & Body"), ("US", "US"), ("world", "World"), ("/", ""),
])
def test_sections_as_names(raw: str, name: str) -> None:
    assert section_name(raw) == name


def test_epub_subjects_series_and_section() -> None:
    archive = book(ARTICLE)
    meta = opf(archive).find("opf:metadata", NS)
    assert meta.xpath("dc:subject/text()", namespaces=NS) == ["banks", "money", "Climate change", "Interest rates"]
    assert meta.xpath("dc:publisher/text()", namespaces=NS) == ["The Ledger"]
    series = meta.xpath("opf:meta[@property='belongs-to-collection']", namespaces=NS)
    assert [(s.text, s.get("id")) for s in series] == [("The Ledger", "series")]
    refines = {m.get("property"): m.text for m in meta.xpath("opf:meta[@refines='#series']", namespaces=NS)}
    assert refines == {"collection-type": "series", "group-position": "2770"}
    chapter = next(n for n in archive.namelist() if n.endswith(".xhtml") and "nav" not in n and "cover" not in n)
    text = archive.read(chapter).decode()
    assert "The Ledger · Markets And Finance" in text
    assert "BUSINESS" not in text and "_no-apple-news" not in archive.read("EPUB/package.opf").decode()


def test_epub_without_an_issue_number_is_no_series_part() -> None:
    meta = opf(book(Article(title="T", body="B.", site="The Ledger"))).find("opf:metadata", NS)
    assert meta.xpath("opf:meta[@property='belongs-to-collection']", namespaces=NS) == []


def test_pdf_keywords_and_kicker() -> None:
    data = render(ARTICLE, "pdf")
    pdf = pikepdf.open(io.BytesIO(data))
    assert str(pdf.docinfo["/Keywords"]) == "banks, money, Climate change, Interest rates"
    html = render(ARTICLE, "html").decode()
    assert '<p class="kicker">The Ledger · Markets And Finance</p>' in html
