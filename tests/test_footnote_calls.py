"""Footnotes called more than once, and calls of notes never defined, in every edition.

A note cited twice shows the same number at both calls (as books do), is printed once (a page footnote at
its first call in the PDF, one list entry with a back-link per call in HTML/EPUB); a ``[^label]`` with no
definition is printed as written, with a warning that strict mode turns into a refusal.
"""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from lxml import html as lxml_html

from converter.markdown.to_html import render_body
from converter.render.print_notes import notes_for_print
from tests.conftest import assert_warned, run_cli

TWICE = "---\ntitle: Twice\n---\n\nA claim.[^a] The same source again.[^a] Another claim.[^b]\n\n" \
        "[^a]: The first note.\n[^b]: The second note.\n"
MISSING = "---\ntitle: Missing\n---\n\nA claim whose note is missing.[^nope] Another.[^b]\n\n" \
          "[^b]: The second note.\n"
XHTML = {"x": "http://www.w3.org/1999/xhtml", "epub": "http://www.idpf.org/2007/ops"}


def test_a_note_called_twice_shows_one_number_and_links_back_to_each_call() -> None:
    html = render_body("A claim.[^a] Again.[^a] Another.[^b]\n\n[^a]: The first note.\n[^b]: The second note.\n")
    doc = lxml_html.fragment_fromstring(html, create_parent="div")
    calls = doc.xpath("//sup[@class='footnote-ref']/a")
    assert [(a.text, a.get("href"), a.get("id")) for a in calls] == [
        ("[1]", "#fn1", "fnref1"), ("[1]", "#fn1", "fnref1:1"), ("[2]", "#fn2", "fnref2")]
    notes = doc.xpath("//li[@class='footnote-item']")
    assert [n.get("id") for n in notes] == ["fn1", "fn2"]
    assert [a.get("href") for a in notes[0].xpath(".//a[@class='footnote-backref']")] == ["#fnref1", "#fnref1:1"]


def test_in_print_a_note_called_twice_is_one_footnote_and_the_list_goes() -> None:
    body = notes_for_print(render_body("A.[^a] B.[^a] C.[^b]\n\n[^a]: First.\n[^b]: Second.\n"))
    doc = lxml_html.fragment_fromstring(body, create_parent="div")
    assert [(s.get("data-label"), s.text_content()) for s in doc.xpath("//span[@class='note-footnote']")] == [
        ("1", "First."), ("2", "Second.")]
    assert [s.text for s in doc.xpath("//span[@class='note-recall']")] == ["1"]
    assert doc.xpath("//*[@class='footnotes']") == []
    assert doc.text_content().strip() == "A.First. B.1 C.Second."


def test_pdf_prints_a_twice_called_note_once_at_the_foot(tmp_path: Path) -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    (tmp_path / "t.md").write_text(TWICE, "utf-8")
    code, _, err = run_cli("convert", str(tmp_path / "t.md"), "--strict", "-o", str(tmp_path / "t.pdf"))
    assert (code, err) == (0, "")
    text = subprocess.run(["pdftotext", str(tmp_path / "t.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert text.split("\f")[0].split() == ["Twice", "A", "claim.1", "The", "same", "source", "again.1", "Another",
                                           "claim.2", "1.", "The", "first", "note.", "2.", "The", "second", "note.",
                                           "1"]


def test_epub_keeps_both_back_links_of_a_twice_called_note(tmp_path: Path) -> None:
    (tmp_path / "t.md").write_text(TWICE, "utf-8")
    code, _, err = run_cli("convert", str(tmp_path / "t.md"), "-o", str(tmp_path / "t.epub"))
    assert (code, err) == (0, "")
    book = zipfile.ZipFile(tmp_path / "t.epub")
    name = next(n for n in book.namelist() if n.endswith(".xhtml") and "nav" not in n)
    chapter = etree.fromstring(book.read(name))
    refs = chapter.xpath("//x:a[@epub:type='noteref']", namespaces=XHTML)
    assert [a.text for a in refs] == ["[1]", "[1]", "[2]"]
    ids = set(chapter.xpath("//@id"))
    backs = chapter.xpath("//x:li[@epub:type='endnote']//x:a[@class='footnote-backref']/@href", namespaces=XHTML)
    assert len(backs) == 3 and all(href.startswith("#") and href[1:] in ids for href in backs)
    assert [b[1:] for b in backs] == [a.get("id") for a in refs]


def test_a_call_of_an_undefined_note_is_printed_as_written_with_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    html = render_body("A claim.[^nope] Another.[^b]\n\n[^b]: The second note.\n")
    assert html.startswith('<p>A claim.[^nope] Another.<sup class="footnote-ref">')
    assert_warned(caplog, "footnote [^nope] is referenced but never defined; printed as written")


def test_escaped_or_code_calls_are_not_missing_notes(caplog: pytest.LogCaptureFixture) -> None:
    html = render_body("Write \\[^a] or `[^b]` for a note.\n")
    assert html == "<p>Write [^a] or <code>[^b]</code> for a note.</p>\n"
    assert_warned(caplog, "")


def test_strict_refuses_a_call_of_an_undefined_note(tmp_path: Path) -> None:
    (tmp_path / "m.md").write_text(MISSING, "utf-8")
    code, _, err = run_cli("convert", str(tmp_path / "m.md"), "-o", str(tmp_path / "m.html"))
    assert (code, err) == (0, "converter: warning: footnote [^nope] is referenced but never defined; "
                              "printed as written\n")
    code, _, err = run_cli("convert", str(tmp_path / "m.md"), "--strict", "-o", str(tmp_path / "s.pdf"))
    assert (code, err) == (1, "converter: error: footnote [^nope] is referenced but never defined; printed as "
                              "written (strict mode: warnings are errors)\n")
    assert not (tmp_path / "s.pdf").exists()
