"""Everything the article holds survives into every edition: figures, footnotes, code, lists, tables,
raw HTML in Markdown, pictures beside the Markdown edition, feeds through ``convert``.

The pages are the golden cases in ``tests/cases/`` (their exact Markdown is checked by
``test_html_extract.py``); here each is converted to the formats where the form matters and the
outputs are read back: HTML and EPUB as trees, PDF as text (pdftotext) and pictures (pypdf).
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree
from lxml import html as lxml_html
from pypdf import PdfReader

from converter.cli import main

CASES = Path(__file__).parent / "cases"


def convert(*args: str) -> None:
    result = CliRunner().invoke(main, ["convert", *args])
    assert result.exit_code == 0, result.output


def pdf_text(path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def pdf_pictures(path: Path) -> int:
    return sum(len(page.images) for page in PdfReader(path).pages)


def epub_chapters(path: Path) -> list[etree._Element]:
    book = zipfile.ZipFile(path)
    names = [n for n in book.namelist() if n.endswith(".xhtml") and "nav" not in n]
    return [etree.fromstring(book.read(n)) for n in names]


XHTML = {"x": "http://www.w3.org/1999/xhtml", "epub": "http://www.idpf.org/2007/ops"}


@pytest.fixture
def figures_page(tmp_path: Path) -> Path:
    shutil.copytree(CASES / "html-figures", tmp_path / "page")
    return tmp_path / "page" / "input.html"


def test_figures_keep_pictures_captions_and_credits_in_html_and_epub(figures_page: Path, tmp_path: Path) -> None:
    convert(str(figures_page), "-o", str(tmp_path / "a.html"))
    doc = lxml_html.parse(str(tmp_path / "a.html")).getroot()
    captions = [" ".join(f.xpath("string(figcaption)").split()) for f in doc.iter("figure")]
    assert captions == ["Boats tied up along the quay on Friday at dawn. (Photo: Ana Lima)",
                        "Nets drying on the harbour wall. (Tom Reyes / Tidewater Herald)",
                        "Mending nets in the boathouse. (Ana Lima)", "The fish market on Saturday."]
    embedded = [img.get("src")[:22] for img in doc.iter("img")]
    assert embedded == ["data:image/png;base64,"] * 2  # the two saved pictures; the remote ones are placeholders
    assert doc.xpath("//figcaption/span[@class='credit']/text()") == ["(Photo: Ana Lima)"]
    convert(str(figures_page), "-o", str(tmp_path / "a.epub"))
    chapter = epub_chapters(tmp_path / "a.epub")[0]
    figures = chapter.findall(".//x:figure", XHTML)
    assert len(figures) == 4 and len(chapter.findall(".//x:figure/x:img", XHTML)) == 2
    assert [f.findtext("x:figcaption", namespaces=XHTML) or "" for f in figures][3] == "The fish market on Saturday."


def test_figures_in_the_pdf(figures_page: Path, tmp_path: Path) -> None:
    convert(str(figures_page), "-o", str(tmp_path / "a.pdf"))
    text = " ".join(pdf_text(tmp_path / "a.pdf").split())
    for caption in ("Boats tied up along the quay on Friday at dawn.", "(Tom Reyes / Tidewater Herald)",
                    "Mending nets in the boathouse. (Ana Lima)"):
        assert caption in text
    assert pdf_pictures(tmp_path / "a.pdf") == 2


def test_markdown_edition_writes_its_pictures_beside_it_and_reads_them_back(figures_page: Path,
                                                                            tmp_path: Path) -> None:
    out = tmp_path / "harbour.md"
    convert(str(figures_page), "-o", str(out))
    markdown = out.read_text("utf-8")
    assert "![The quay at dawn](harbour_files/quay.png)" in markdown
    assert "![Mending nets](harbour_files/nets.png)" in markdown
    assert "images/" not in markdown
    assert sorted(p.name for p in (tmp_path / "harbour_files").iterdir()) == ["nets.png", "quay.png"]
    assert (tmp_path / "harbour_files" / "quay.png").read_bytes() == (figures_page.parent / "page_files" /
                                                                       "quay.png").read_bytes()
    convert(str(out), "-o", str(tmp_path / "again.pdf"))
    assert pdf_pictures(tmp_path / "again.pdf") == 2


def test_footnotes_are_linked_notes_in_html_and_epub(tmp_path: Path) -> None:
    page = CASES / "html-footnotes" / "input.html"
    convert(str(page), "-o", str(tmp_path / "n.html"))
    doc = lxml_html.parse(str(tmp_path / "n.html")).getroot()
    refs = doc.xpath("//sup[@class='footnote-ref']/a")
    assert [a.text_content() for a in refs] == ["[1]", "[2]", "[3]"]
    notes = doc.xpath("//section[@class='footnotes']//li")
    assert [n.get("id") for n in notes] == [a.get("href")[1:] for a in refs]
    assert "Volunteer groups exist" in notes[2].text_content()
    convert(str(page), "-o", str(tmp_path / "n.epub"))
    chapter = epub_chapters(tmp_path / "n.epub")[0]
    noterefs = chapter.xpath("//x:a[@epub:type='noteref']", namespaces=XHTML)
    assert len(noterefs) == 3
    assert len(chapter.xpath("//*[@epub:type='endnote']", namespaces=XHTML)) == 3


def test_footnotes_are_page_footnotes_in_the_pdf(tmp_path: Path) -> None:
    convert(str(CASES / "html-footnotes" / "input.html"), "-o", str(tmp_path / "n.pdf"), "--links", "inline")
    text = pdf_text(tmp_path / "n.pdf")
    body_end = text.index("look after them.")
    for label, note in (("1", "Daymarks are listed in the pilot books"), ("2", "See the list of lights for 1890"),
                        ("3", "Volunteer groups exist for most towers")):
        assert re.search(rf"^{label}\. {note}", text, re.M), text
        assert text.index(note) > body_end  # at the foot of the page, not where it was called
    assert "↩" not in text


def test_code_lists_definitions_tables_and_quotes_in_html(tmp_path: Path) -> None:
    convert(str(CASES / "html-structure" / "input.html"), "-o", str(tmp_path / "s.html"))
    doc = lxml_html.parse(str(tmp_path / "s.html")).getroot()
    assert doc.xpath("//pre/code/text()") == ["pip install tidegauge\n"]
    assert doc.xpath("//h2/a/@href") == ["https://tidewater.example/gauge/readings"]
    assert [dt.text for dt in doc.iter("dt")] == ["Level", "Surge"]
    assert doc.xpath("string(//blockquote)").strip() == "Never take the card out while the light is green."
    assert [th.text_content() for th in doc.iter("th")] == ["Spring tides", "", "Neap"]
    assert doc.xpath("//ul/preceding-sibling::p[1]/text()") == ["What you need:"]


def test_markdown_raw_html_is_rendered_through_the_allow_list(tmp_path: Path) -> None:
    source = tmp_path / "notes.md"
    source.write_text("---\ntitle: Tide words\n---\n\nA spring tide<sup>1</sup> <!-- check this --> is high; "
                      "see www.example.org for tables.\n\n<dl>\n<dt>Neap</dt>\n<dd>A small range.</dd>\n</dl>\n\n"
                      "<script>alert(1)</script>\n", "utf-8")
    for fmt in ("html", "epub", "pdf"):
        convert(str(source), "-o", str(tmp_path / f"t.{fmt}"))
    doc = lxml_html.parse(str(tmp_path / "t.html")).getroot()
    body = doc.xpath("string(//div[@class='article-body'])")
    assert "<" not in body and "check this" not in body and "alert" not in body
    assert doc.xpath("//sup/text()") == ["1"] and [dd.text for dd in doc.iter("dd")] == ["A small range."]
    assert doc.xpath("//a[text()='www.example.org']/@href") == ["http://www.example.org"]
    chapter = epub_chapters(tmp_path / "t.epub")[0]
    assert chapter.findtext(".//x:dd", namespaces=XHTML) == "A small range."
    text = pdf_text(tmp_path / "t.pdf")
    assert "Neap" in text and "<dl>" not in text and "check this" not in text


def test_a_feed_through_convert_writes_one_file_per_item_or_says_why_not(tmp_path: Path) -> None:
    feed = CASES / "html-feed-rss" / "input.xml"
    result = CliRunner().invoke(main, ["convert", str(feed), "-o", str(tmp_path / "f.md")])
    assert result.exit_code == 2
    assert result.output.strip() == (
        f"converter: error: {feed} is a feed of 2 items; write them to a folder, one file per item "
        "(out_dir=...; --out-dir DIR on the command line), or compile them into one edition with 'converter issue'")
    assert not (tmp_path / "f.md").exists()
    convert(str(feed), "--out-dir", str(tmp_path / "items"))
    written = sorted((tmp_path / "items").iterdir())
    assert [p.name for p in written] == ["Leeks after the frost.md", "Seed swap on Saturday.md"]
    for path in written:
        body = path.read_text("utf-8").split("\n---\n", 1)[1]
        number = 1 if path.name.startswith("Leeks") else 2
        expected = (CASES / "html-feed-rss" / f"expected_body-{number}.md").read_text("utf-8")
        assert expected.strip() in body


def test_epub_has_no_literal_markup(tmp_path: Path) -> None:
    """The EPUB of the structure case is well-formed XHTML with a definition list and the code block."""
    convert(str(CASES / "html-structure" / "input.html"), "-o", str(tmp_path / "s.epub"))
    data = zipfile.ZipFile(tmp_path / "s.epub")
    chapter = epub_chapters(tmp_path / "s.epub")[0]
    assert chapter.findtext(".//x:pre/x:code", namespaces=XHTML) == "pip install tidegauge\n"
    assert len(chapter.findall(".//x:dl/x:dd", namespaces=XHTML)) == 2
    assert io.BytesIO(data.read(data.namelist()[0])).read() == b"application/epub+zip"


def test_notes_are_numbered_per_article_inside_an_issue(tmp_path: Path) -> None:
    from converter import Article
    from converter.issue import compile_issue, render_issue

    articles = [Article(title=f"Tide tables, part {n}", language="en",
                        body=f"Part {n} of the series on tides.[^1]\n\n[^1]: The note of part {n}.\n")
                for n in (1, 2)]
    issue = compile_issue(articles, title="Tides")
    (tmp_path / "i.pdf").write_bytes(render_issue(issue, "pdf"))
    text = pdf_text(tmp_path / "i.pdf")
    assert re.search(r"^1\. The note of part 1\.", text, re.M) and re.search(r"^1\. The note of part 2\.", text, re.M)
    doc = lxml_html.fromstring(render_issue(issue, "html"))
    targets = [a.get("href") for a in doc.xpath("//sup[@class='footnote-ref']/a")]
    assert len(targets) == 2 and len(set(targets)) == 2  # one note each, ids kept apart across articles
    assert all(doc.xpath(f"//*[@id='{t[1:]}']") for t in targets)
