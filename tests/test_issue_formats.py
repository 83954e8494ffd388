"""The issue as Markdown, HTML and EPUB: structure that nests, links that resolve, a valid EPUB."""

from __future__ import annotations

import re
import zipfile
from dataclasses import replace
from io import BytesIO
from pathlib import Path

import pytest
from lxml import etree
from PIL import Image

from converter import Resource
from converter.issue import Failure, compile_issue, render_issue
from converter.markdown.headings import demote_headings

CASE = Path(__file__).parent / "cases" / "issue-basic"


@pytest.fixture(scope="module")
def issue():
    return compile_issue(manifest=CASE / "issue.toml")


def test_markdown_has_the_issue_front_matter_and_nested_headings(issue):
    text = render_issue(issue, "md").decode()
    front = text.split("---\n")[1]
    assert "title: The Riverside Courier" in front and "issue: '12'" in front
    headings = [line for line in text.splitlines() if line.startswith("#")]
    assert headings[:4] == ["# News", "## The Bridge Reopens", "### Traffic returns", "### What comes next"]
    assert "# Features" in headings and "### January" in headings


def test_demoting_leaves_code_alone_and_turns_setext_into_atx():
    body = "Intro\n=====\n\n```\n# not a heading\n```\n\n## Sub ##\n"
    assert demote_headings(body, 2) == "### Intro\n\n\n```\n# not a heading\n```\n\n#### Sub\n"


def test_html_is_one_page_whose_contents_links_resolve(issue):
    page = render_issue(issue, "html").decode()
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) == len(set(ids)), "ids repeat across articles"
    targets = re.findall(r'class="toc-link" href="#([^"]+)"', page)
    assert len(targets) == 7 and set(targets) <= set(ids)
    assert page.count('<article class="article issue-article"') == 5
    assert "<style>" in page and "<script" not in page and 'src="http' not in page


NS = {"opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/",
      "x": "http://www.w3.org/1999/xhtml"}


def tiny_png() -> bytes:
    out = BytesIO()
    Image.new("RGB", (30, 40), (20, 90, 160)).save(out, "PNG")
    return out.getvalue()


def with_cover(issue):
    return replace(issue, metadata=replace(issue.metadata, cover=Resource("cover.png", "image/png", tiny_png())))


def read(book: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(BytesIO(book)) as archive:
        return etree.fromstring(archive.read(name))


def test_epub_groups_articles_by_section_and_passes_epubcheck(issue, tmp_path, epubcheck):
    book = render_issue(issue, "epub")
    with zipfile.ZipFile(BytesIO(book)) as archive:
        nav = archive.read("EPUB/nav.xhtml").decode()
        chapters = [n for n in archive.namelist() if re.search(r"EPUB/.*\d+\.xhtml$", n)]
    assert len(chapters) == 5
    assert nav.index("News") < nav.index("The Bridge Reopens") < nav.index("Features") < nav.index(
        "The Library Stays Open")
    paths = [tmp_path / "issue.epub", tmp_path / "issue-with-cover.epub"]
    paths[0].write_bytes(book)
    paths[1].write_bytes(render_issue(with_cover(issue), "epub"))
    for path, report in epubcheck(paths).items():
        assert "Messages: 0 fatals / 0 errors / 0 warnings" in report, f"{path.name}:\n{report}"


def test_epub_describes_itself_as_the_issue(issue):
    meta = read(render_issue(issue, "epub"), "EPUB/package.opf").find("opf:metadata", NS)
    dc = {name: meta.xpath(f"dc:{name}/text()", namespaces=NS)
          for name in ("title", "date", "publisher", "language", "creator")}
    assert dc == {"title": ["The Riverside Courier — Issue 12"], "date": ["2024-05-06"],
                  "publisher": ["Riverside Reading Club"], "language": ["en"],
                  "creator": ["Ana Lima", "Ben Okafor", "Chloe Weiss", "Eli Park-Jones", "Dana Ruiz"]}
    assert meta.xpath("opf:meta[@refines='#series'][@property='group-position']/text()", namespaces=NS) == ["12"]


def test_epub_cover_without_a_picture_shows_the_masthead(issue):
    book = render_issue(issue, "epub")
    cover_items = read(book, "EPUB/package.opf").xpath("//opf:item[@properties='cover-image']/@href",
                                                       namespaces=NS)
    assert cover_items == ["images/cover.png"]
    with zipfile.ZipFile(BytesIO(book)) as archive:
        assert Image.open(BytesIO(archive.read("EPUB/images/cover.png"))).size == (1200, 1600)
    page = read(book, "EPUB/cover.xhtml")
    assert page.xpath("//x:img/@src", namespaces=NS) == cover_items
    text = page.xpath("string(//x:img/@alt)", namespaces=NS)
    for said in ("The Riverside Courier", "Issue 12", "6 May 2024", "Riverside Reading Club", "News", "Features"):
        assert said in text


def test_epub_cover_is_the_issue_picture(issue):
    book = render_issue(with_cover(issue), "epub")
    items = read(book, "EPUB/package.opf").xpath("//opf:item[@properties='cover-image']", namespaces=NS)
    assert [(i.get("href"), i.get("media-type")) for i in items] == [("images/cover.png", "image/png")]
    with zipfile.ZipFile(BytesIO(book)) as archive:
        assert archive.read("EPUB/images/cover.png") == tiny_png()
    page = read(book, "EPUB/cover.xhtml")
    assert page.xpath("//x:img/@src", namespaces=NS) == ["images/cover.png"]
    assert page.xpath("//x:img/@alt", namespaces=NS) == ["The Riverside Courier — Issue 12"]


def test_epub_leaves_the_issue_failures_out(issue):
    failed = replace(issue, failures=(Failure("news/4-missing.md", "news/4-missing.md: no such file"),))
    with zipfile.ZipFile(BytesIO(render_issue(failed, "epub"))) as archive:
        assert not [n for n in archive.namelist() if b"4-missing" in archive.read(n)]


def test_the_issue_speaks_the_language_most_of_its_articles_are_in():
    from converter import Article

    def article(n: int, language: str) -> Article:
        return Article(title=f"Article {n}", body=f"Text of article {n}.", language=language)

    mostly_english = compile_issue([article(1, "cs"), article(2, "en-GB"), article(3, "en"), article(4, "fr")])
    assert mostly_english.language == "en-GB"  # the first tag of the winning language, region kept
    assert compile_issue([article(1, "cs"), article(2, "en")]).language == "cs"  # a tie: the earliest
    assert compile_issue([article(1, "")]).language == "en"
    assert compile_issue([article(1, "cs")], language="de").language == "de"


def test_the_issue_number_is_written_the_way_each_language_writes_it():
    from converter.render.localise import issue_line

    assert [issue_line("12", lang) for lang in ("en", "de", "ja", "zh-Hant", "ko")] == [
        "Issue 12", "Ausgabe 12", "第12号", "第12期", "제12호"]
