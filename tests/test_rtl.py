"""Right-to-left editions: golden Arabic (Markdown), Hebrew (HTML) and Persian (text scrape) cases render
right-to-left in HTML, PDF and EPUB, with localised meta lines and no glyph warnings (epubcheck runs on them
with the other books, in test_epub.py)."""

from __future__ import annotations

import io
import logging
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from converter import extract, render
from converter.article import Article
from converter.render.epub import render_epub

CASES = Path(__file__).parent / "cases"
#: Case -> (input, the first and the last word of its first paragraph, language, date as the meta line shows it).
RTL_CASES = {
    "arabic-markdown": ("rtl-arabic-markdown/input.md", "افتتحت", "والعلوم", "ar-EG", "١٢ يونيو ٢٠٢٤"),
    "hebrew-html": ("rtl-hebrew-html/input.html", "המעבורת", "הקרובה", "he", "12 ביוני 2024"),
    "persian-text": ("rtl-persian-text/input.txt", "صبح", "دارد", "fa", "۱ ژوئن ۲۰۲۴"),
}
OPF = {"opf": "http://www.idpf.org/2007/opf"}
XHTML = "{http://www.w3.org/1999/xhtml}"


def _article(case: str) -> Article:
    return extract(CASES / RTL_CASES[case][0])


@pytest.mark.parametrize("case", sorted(RTL_CASES))
def test_html_edition_is_right_to_left_with_a_localised_meta_line(case: str) -> None:
    article = _article(case)
    html = render(article, "html").decode()
    language, date = RTL_CASES[case][3], RTL_CASES[case][4]
    assert re.search(rf'<html lang="{language}" dir="rtl">', html)
    assert re.search(r"<time datetime=\"\d{4}-\d\d-\d\d\">" + re.escape(date) + "</time>", html)


def test_a_block_in_the_other_direction_gets_its_own_dir() -> None:
    html = render(_article("hebrew-html"), "html").decode()
    assert '<p dir="ltr">The captain, Noa Levi, said the crossing took 14 minutes.</p>' in html
    assert html.count('dir="ltr"') == 1  # the Hebrew paragraphs inherit the page's rtl


def test_left_to_right_page_is_unchanged_but_declares_its_direction() -> None:
    html = render(Article(title="Ferry", body="The ferry ran.", language="en"), "html").decode()
    assert '<html lang="en" dir="ltr">' in html and "<p>The ferry ran.</p>" in html


@pytest.mark.parametrize("case", sorted(RTL_CASES))
def test_epub_spine_and_every_document_are_right_to_left(case: str) -> None:
    book = render_epub([_article(case)])
    with zipfile.ZipFile(io.BytesIO(book)) as archive:
        opf = etree.fromstring(archive.read("EPUB/package.opf"))
        assert opf.find("opf:spine", OPF).get("page-progression-direction") == "rtl"
        for name in ("EPUB/article-1.xhtml", "EPUB/nav.xhtml", "EPUB/cover.xhtml"):
            assert etree.fromstring(archive.read(name)).get("dir") == "rtl", name


def test_an_issue_mixing_directions_sets_each_articles_own(tmp_path: Path) -> None:
    english = Article(title="Ferry", body="The ferry ran again on Sunday.", language="en")
    book = render_epub([english, _article("hebrew-html")], title="Mixed")
    with zipfile.ZipFile(io.BytesIO(book)) as archive:
        assert etree.fromstring(archive.read("EPUB/package.opf")).find("opf:spine", OPF).get(
            "page-progression-direction") is None  # the first (main) article reads left to right
        assert etree.fromstring(archive.read("EPUB/article-1.xhtml")).get("dir") == "ltr"
        assert etree.fromstring(archive.read("EPUB/article-2.xhtml")).get("dir") == "rtl"


@pytest.mark.parametrize("case", sorted(RTL_CASES))
def test_pdf_paragraph_is_right_aligned_and_no_glyph_is_missing(case: str, tmp_path: Path,
                                                                caplog: pytest.LogCaptureFixture) -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    first, last = RTL_CASES[case][1], RTL_CASES[case][2]
    with caplog.at_level(logging.WARNING):
        render(_article(case), "pdf", output=tmp_path / "a.pdf")
    assert not [r for r in caplog.records if "glyph" in r.getMessage()]
    lines = _lines(tmp_path / "a.pdf")
    words = [w for line in lines for w in line]
    right_edge, left_edge = max(w[2] for w in words), min(w[1] for w in words)
    first_line = next(line for line in lines if any(w[0] == first for w in line))
    last_line = next(line for line in lines if any(w[0] == last for w in line))
    first_word = next(w for w in first_line if w[0] == first)
    last_word = next(w for w in last_line if w[0] == last)
    # The paragraph starts at the right margin, with its first word the rightmost of its line ...
    assert first_word[2] == pytest.approx(right_edge, abs=3)
    assert first_word[2] == max(w[2] for w in first_line)
    # ... and ends on a line that also starts at the right margin, its last word leftmost and short of
    # the left margin (the ragged end of a right-to-left paragraph is on the left).
    assert max(w[2] for w in last_line) == pytest.approx(right_edge, abs=3)
    assert last_word[1] == min(w[1] for w in last_line)
    assert last_word[1] > left_edge + 10


def _lines(pdf: Path) -> list[list[tuple[str, float, float]]]:
    return _lines_of_page(pdf, 1)


def _lines_of_page(pdf: Path, page: int) -> list[list[tuple[str, float, float]]]:
    """A page's lines as pdftotext groups them: (word in logical order, xMin, xMax) each; pdftotext writes
    right-to-left words reversed."""
    out = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-bbox-layout", str(pdf), "-"],
                         capture_output=True, text=True, check=True).stdout
    lines = []
    for line in re.findall(r"<line [^>]*>(.*?)</line>", out, re.S):
        words = []
        for m in re.finditer(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>',
                             line):
            text = m[3][::-1] if any(0x590 <= ord(ch) <= 0x6FF for ch in m[3]) else m[3]
            words.append((text.strip(".,،:()[]\""), float(m[1]), float(m[2])))
        lines.append(words)
    return lines


def test_issue_sets_each_articles_direction_and_mirrors_its_running_head(tmp_path: Path) -> None:
    """A right-to-left issue (Arabic) holding Arabic, Hebrew and English articles: the page is rtl, each
    article declares its own language and direction, the contents title is Arabic, and in the PDF the
    issue's name runs at the top right of an article's page."""
    from converter.issue import compile_issue, render_issue

    english = Article(title="Harbour ferry returns", body="The ferry ran again on Sunday. " * 20, language="en")
    issue = compile_issue([_article("arabic-markdown"), _article("hebrew-html"), english], title="صحيفة المدينة",
                          number="12", language="ar")
    html = render_issue(issue, "html").decode()
    assert re.findall(r'<html[^>]*>|<article class="article issue-article"[^>]*>', html) == [
        '<html lang="ar" dir="rtl">',
        '<article class="article issue-article" id="a1" lang="ar-EG" dir="rtl">',
        '<article class="article issue-article" id="a2" lang="he" dir="rtl">',
        '<article class="article issue-article" id="a3" lang="en" dir="ltr">']
    assert "المحتويات" in html
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    render_issue(issue, "pdf", output=tmp_path / "issue.pdf")
    lines = _lines_of_page(tmp_path / "issue.pdf", 3)
    words = [w for line in lines for w in line]
    head = next(line for line in lines if [w[0] for w in line] == ["المدينة", "صحيفة"])
    assert max(w[2] for w in head) == pytest.approx(max(w[2] for w in words), abs=1)
    # The contents' page numbers, stamped after layout, stand at the left end of their lines, inside the
    # page's 16 mm margin (a column computed for left-to-right lines would put them in the margin).
    numbers = [w for line in _lines_of_page(tmp_path / "issue.pdf", 2) for w in line if w[0] in ("3", "4", "5")]
    assert [w[0] for w in numbers] == ["3", "4", "5"]
    assert all(16 / 25.4 * 72 - 0.5 <= w[1] < 100 for w in numbers)


#: A Thai sentence, written as Thai is, without spaces, and the words it is made of.
THAI_WORDS = ("ภาษา", "ไทย", "เป็น", "ภาษา", "ที่", "เขียน", "ติดกัน", "โดย", "ไม่มี", "ช่องว่าง", "ระหว่าง", "คำ",
              "การ", "ตัด", "บรรทัด", "จึง", "ต้อง", "ใช้", "พจนานุกรม", "เพื่อ", "หา", "ขอบเขต", "ของ", "แต่ละ", "คำ",
              "ใน", "ประโยค", "ยาว")


def test_thai_lines_break_between_words(tmp_path: Path) -> None:
    """Pango segments Thai into words itself (libthai), so no library of ours is needed: every line of a
    narrow page ends where a word ends."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    from converter.options import RenderOptions

    text = "".join(THAI_WORDS)
    render(Article(title="ทดสอบ", body=text, language="th"), "pdf", output=tmp_path / "th.pdf",
           options=RenderOptions(page_size="60mmx150mm", margins="8mm"))
    out = subprocess.run(["pdftotext", "-layout", str(tmp_path / "th.pdf"), "-"], capture_output=True, text=True,
                         check=True).stdout

    def plain(s: str) -> str:  # pdftotext writes SARA AM as SARA AA and may split a cluster with a space
        return "".join(s.split()).replace("ำ", "า")

    lines = [plain(line) for line in out.splitlines() if plain(line)][1:-1]  # the headline, the page number
    assert "".join(lines) == plain(text) and len(lines) >= 4
    ends, at = set(), 0
    for word in THAI_WORDS:
        at += len(plain(word))
        ends.add(at)
    at = 0
    for line in lines:
        at += len(line)
        assert at in ends, f"a line breaks inside a word: {line}"


def test_declared_direction_round_trips_through_markdown_and_wins() -> None:
    """``dir: rtl`` in the front matter (the page's own ``dir``) is kept and wins over the language's."""
    article = extract(b"---\ntitle: Notes\nlanguage: en\ndir: rtl\n---\n\nShort notes.\n", kind="markdown")
    assert article.direction == "rtl" and "direction: rtl" in article.to_markdown()
    assert '<html lang="en" dir="rtl">' in render(article, "html").decode()


#: An Arabic article with the blocks whose marks have a side: bullets, numbers, a quotation's rule, a note.
ARABIC_BLOCKS = """---
title: المكتبة الجديدة
language: ar
---

افتتحت البلدية صباح اليوم مكتبة عامة جديدة على ضفاف النهر.[^1]

- قاعة للمطالعة
- ركن للأطفال

1. السبت إلى الخميس
2. الجمعة بعد الظهر

> وقال رئيس البلدية إن المكتبة مكان للجميع.

[^1]: بحسب بيان البلدية.
"""


def test_rtl_pdf_marks_stand_on_the_right(tmp_path: Path) -> None:
    """In a right-to-left PDF each list marker stands right of its item's words (the start side), and the
    page footnote is set from the right margin like the text (``text-align: start``, not ``left``)."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    source = tmp_path / "a.md"
    source.write_text(ARABIC_BLOCKS, "utf-8")
    render(extract(source), "pdf", output=tmp_path / "a.pdf")
    lines = _lines(tmp_path / "a.pdf")
    right_edge = max(w[2] for line in lines for w in line)
    for marker, first in (("•", "قاعة"), ("•", "ركن"), ("1", "السبت"), ("2", "الجمعة")):
        line = next(line for line in lines if any(w[0] == first for w in line))
        mark = next(w for w in line if w[0] == marker)
        assert mark[1] > max(w[2] for w in line if w is not mark), (marker, line)
        assert right_edge - 15 < mark[2] < right_edge  # in the list's start padding, inside the text's column
    note = next(line for line in lines if any(w[0] == "بحسب" for w in line))
    assert max(w[2] for w in note) == pytest.approx(right_edge, abs=1)


def test_meta_line_pieces_are_isolated_in_every_edition() -> None:
    """Each piece of the meta line is a ``<bdi>``: in an Arabic line, an author's Latin name and the host
    stay two pieces with " · " between them (unisolated, the three read as one left-to-right run), in the
    EPUB too, whose stylesheets may not use ``unicode-bidi``."""
    article = Article(title="مكتبة", body="افتتحت البلدية مكتبة عامة جديدة.", language="ar", date="2024-06-12",
                      authors=("John Smith",), url="https://www.example.org/a")
    expected = ('<p class="meta-line"><span class="date"><bdi><time datetime="2024-06-12">12 يونيو 2024</time>'
                '</bdi></span><span class="sep" aria-hidden="true"> · </span><span class="author"><bdi>بقلم '
                'John Smith</bdi></span><span class="sep" aria-hidden="true"> · </span><span class="source"><bdi>'
                '<a href="https://www.example.org/a">example.org</a></bdi></span></p>')
    assert expected in render(article, "html").decode()
    with zipfile.ZipFile(io.BytesIO(render_epub([article]))) as archive:
        assert expected in archive.read("EPUB/article-1.xhtml").decode()


def test_rtl_pdf_meta_line_keeps_each_pieces_order(tmp_path: Path) -> None:
    """Read from the right, the PDF's meta line is date · author · host, the Latin name and host apart."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    article = Article(title="مكتبة", body="افتتحت البلدية مكتبة عامة جديدة.", language="ar", date="2024-06-12",
                      authors=("John Smith",), url="https://www.example.org/a")
    render(article, "pdf", output=tmp_path / "a.pdf")
    line = next(line for line in _lines(tmp_path / "a.pdf") if any(w[0] == "example.org" for w in line))
    assert [w[0] for w in sorted(line, key=lambda w: -w[1])] == [
        "12", "يونيو", "2024", "·", "بقلم", "Smith", "John", "·", "example.org"]


def test_a_list_item_in_the_other_direction_keeps_its_marker_on_the_lists_side() -> None:
    """An English item of an Arabic list: its text (up to its nested list) gets the ``dir``, in a ``span``;
    on the item, ``dir`` moved its bullet to the left, outside the list's padding (in the page margin)."""
    from converter.render.direction import mark_blocks

    assert mark_blocks("<ul><li>قاعة للمطالعة</li><li>Opening hours, <em>every day</em> but Friday<ul><li>السبت"
                       "</li></ul></li></ul>", "rtl", "ar") == (
        '<ul><li>قاعة للمطالعة</li><li><span dir="ltr">Opening hours, <em>every day</em> but Friday</span>'
        "<ul><li>السبت</li></ul></li></ul>")


def test_rtl_pdf_english_item_stands_under_its_arabic_siblings(tmp_path: Path) -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    source = tmp_path / "a.md"
    source.write_text("---\ntitle: المكتبة\nlanguage: ar\n---\n\nافتتحت البلدية صباح اليوم مكتبة عامة جديدة على "
                      "ضفاف النهر.\n\n- قاعة للمطالعة\n- Opening hours in English\n", "utf-8")
    render(extract(source), "pdf", output=tmp_path / "a.pdf")
    lines = _lines(tmp_path / "a.pdf")
    arabic = next(line for line in lines if any(w[0] == "قاعة" for w in line))
    english = next(line for line in lines if any(w[0] == "English" for w in line))
    bullet = next(w for w in english if w[0] == "•")
    assert bullet[1] == pytest.approx(next(w for w in arabic if w[0] == "•")[1], abs=0.5)
    assert bullet[1] > max(w[2] for w in english if w is not bullet)
