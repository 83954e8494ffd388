"""The library's edges from trial 2 (#19, #20): messages worded for the library and the command line,
a readable repr, an output named for another format, the update date of a scrape, a missing cover."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import converter
from converter import Article, Resource
from converter.cli import main
from converter.issue import compile_issue, render_issue

SCRAPE = ("The ferry is back\n\nBy Ann Lee\n\nPublished 3 March 2025 | Updated 12 March 2025\n\n"
          "The ferry runs again this winter, the harbour office says, and many are glad of it.\n\n"
          "A second paragraph of the article with enough words in it to count as text.\n")


def test_resource_repr_counts_bytes() -> None:
    article = Article(title="T", body="![a](p.png)", resources=(Resource("p.png", "image/png", b"\x89PNG" * 512),))
    assert repr(article.resources[0]) == "Resource(ref='p.png', media_type='image/png', 2,048 bytes)"
    assert "\\x89PNG" not in repr(article)


def test_scrape_update_line_fills_updated() -> None:
    article = converter.extract(SCRAPE)
    assert (article.date, article.updated, article.authors) == ("2025-03-03", "2025-03-12", ("Ann Lee",))


def test_render_refuses_an_output_named_for_another_format(tmp_path: Path) -> None:
    article = Article(title="T", body="Text.")
    with pytest.raises(converter.UsageError) as caught:
        converter.render(article, "pdf", tmp_path / "x.epub")
    assert str(caught.value) == (f"the output '{tmp_path / 'x.epub'}' is named for epub, but the format asked for "
                                 "is pdf: name it 'x.pdf' or pass fmt='epub' (--to on the command line)")
    assert not (tmp_path / "x.epub").exists()
    assert converter.render(article, "md", tmp_path / "notes.txt").startswith(b"---\n")  # no format's name


def test_render_issue_refuses_an_output_named_for_another_format(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("---\ntitle: A\n---\n\nText.\n", "utf-8")
    issue = compile_issue([tmp_path / "a.md"], title="W")
    with pytest.raises(converter.UsageError, match=r"is named for html, but the format asked for is md: name it "
                                                   r"'x.md' or pass fmt='html' \(--to on the command line\)$"):
        render_issue(issue, "md", tmp_path / "x.html")


def test_library_messages_name_the_argument_and_the_option() -> None:
    with pytest.raises(converter.ExtractionError) as caught:
        converter.extract("Hi", name="short.txt")
    assert str(caught.value) == ("short.txt: no article text found; check that it is the saved article (read as "
                                 "text; pass kind=... (--kind on the command line) to force another reading)")


def test_missing_cover_says_no_such_file(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("---\ntitle: A\n---\n\nText.\n", "utf-8")
    result = CliRunner().invoke(main, ["issue", str(tmp_path / "a.md"), "--cover", str(tmp_path / "nope.png"),
                                       "-o", str(tmp_path / "x.epub")])
    assert result.exit_code == 2
    assert result.stderr == f"converter: error: cover {tmp_path / 'nope.png'}: no such file\n"
