"""The issue as Markdown, HTML and EPUB: structure that nests, links that resolve, a valid EPUB."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from io import BytesIO
from pathlib import Path

import pytest

from converter.issue import compile_issue, render_issue
from converter.issue.markdown import demote_headings

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


def test_epub_groups_articles_by_section_and_passes_epubcheck(issue, tmp_path):
    book = render_issue(issue, "epub")
    with zipfile.ZipFile(BytesIO(book)) as archive:
        nav = archive.read("EPUB/nav.xhtml").decode()
        chapters = [n for n in archive.namelist() if re.search(r"EPUB/.*\d+\.xhtml$", n)]
    assert len(chapters) == 5
    assert nav.index("News") < nav.index("The Bridge Reopens") < nav.index("Features") < nav.index(
        "The Library Stays Open")
    epubcheck = shutil.which("epubcheck")
    if epubcheck is None or shutil.which("java") is None:
        pytest.skip("epubcheck (and java) are not installed")
    path = tmp_path / "issue.epub"
    path.write_bytes(book)
    result = subprocess.run(["java", "-jar", str(Path(epubcheck).resolve()), str(path)], capture_output=True, text=True)
    assert "0 fatals / 0 errors / 0 warnings" in result.stdout + result.stderr, result.stdout + result.stderr
