"""The issue the way a user makes one from the shared corpus dev pages (about a hundred saved pages in two
sections, through a manifest): the PDF read back (contents numbers against the pages where sections and
articles start, a bookmark for each) and the EPUB through epubcheck. Skipped when ../shared is absent."""

from __future__ import annotations

import io
import re
import shutil
import subprocess

import pytest

from converter.issue import compile_issue, render_issue
from converter.issue.executor import make_executor
from tests.conftest import CORPUS, need_shared

pypdf = pytest.importorskip("pypdf")

#: A contents line as pdftotext lays it out: the title (or its last line), leader dots, the page number in
#: its column (a title that fills its line leaves no room for dots, only the gap before the column); not
#: the footer, which is a number alone.
_NUMBERED = re.compile(r"^[ \t]*\S.*(?:\.|[ \t]{3})[ \t]*(\d+)[ \t]*$")


@pytest.fixture(scope="module")
def corpus_issue(tmp_path_factory: pytest.TempPathFactory):
    corpus = need_shared(CORPUS)
    folder = tmp_path_factory.mktemp("corpus-issue")
    manifest = folder / "issue.toml"
    manifest.write_text(
        'title = "Corpus Weekly"\nnumber = "7"\ndate = "2026-11-20"\nlanguage = "en"\n\n'
        f'[[sections]]\ntitle = "Zyte pages"\narticles = ["{corpus / "zyte" / "*" / "page.html"}"]\n\n'
        f'[[sections]]\ntitle = "Readability pages"\narticles = ["{corpus / "readability" / "*" / "page.html"}"]\n',
        encoding="utf-8")
    executor = make_executor(2)
    try:
        issue = compile_issue(manifest=manifest, executor=executor, allow_outside=[corpus])  # globs name ../shared
        pdf = render_issue(issue, "pdf", executor=executor)
    finally:
        if executor is not None:
            executor.shutdown()
    return issue, pdf, folder


def test_every_section_and_article_has_a_bookmark(corpus_issue):
    issue, pdf, _ = corpus_issue
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    top, children = reader.outline[0], reader.outline[1]
    assert top.title == "Corpus Weekly"
    sections = [item for item in children if not isinstance(item, list)]
    assert [s.title for s in sections] == ["Zyte pages", "Readability pages"]
    nested = [item for item in children if isinstance(item, list)]
    for section, articles in zip(issue.sections, nested, strict=True):
        titles = [item.title for item in articles if not isinstance(item, list)]
        assert titles == [" ".join(a.title.split()) or "Untitled article" for a in section.articles]
    assert len(issue.articles) >= 90  # a few pages are the same text, and are included once


def test_contents_numbers_are_the_pages_where_sections_and_articles_start(corpus_issue):
    _, pdf, _ = corpus_issue
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    starts = []
    for section, articles in zip(reader.outline[1][0::2], reader.outline[1][1::2], strict=True):
        starts.append(reader.get_destination_page_number(section) + 1)
        starts += [reader.get_destination_page_number(a) + 1 for a in articles if not isinstance(a, list)]
    front = subprocess.run(["pdftotext", "-layout", "-l", str(min(starts) - 1), "-", "-"], input=pdf,
                           capture_output=True, check=True).stdout.decode()
    printed = [int(m.group(1)) for line in front.splitlines() if (m := _NUMBERED.search(line))]
    assert printed == starts


def test_the_corpus_issue_epub_passes_epubcheck(corpus_issue, epubcheck):
    issue, _, folder = corpus_issue
    book = folder / "issue.epub"
    book.write_bytes(render_issue(issue, "epub"))
    report = epubcheck([book])[book]
    assert "Messages: 0 fatals / 0 errors / 0 warnings" in report, report

