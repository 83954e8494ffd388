"""Fresh-user trial 3: library and CLI defects (metadata checks, one extraction per input, issue wording)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

import converter
from converter import Article, UsageError
from converter.cli import main

ARTICLE = Article(title="A ferry crossing", body="The ferry left at nine.\n\nIt came back at noon.",
                  authors=("Ada Lane",), date="2026-03-07", language="en")


def test_with_metadata_takes_a_date_object_as_iso() -> None:
    edited = ARTICLE.with_metadata(date=dt.date(2026, 3, 8), updated=dt.datetime(2026, 3, 9, 10, 30))
    assert (edited.date, edited.updated) == ("2026-03-08", "2026-03-09T10:30:00")
    assert "\ndate: '2026-03-08'\n" in edited.to_markdown()


def test_with_metadata_normalises_what_front_matter_does() -> None:
    edited = ARTICLE.with_metadata(language="en_gb", direction="RTL", authors="Bo Berg", date="2026-03-08T09:30")
    assert (edited.language, edited.direction, edited.authors, edited.date) == (
        "en-GB", "rtl", ("Bo Berg",), "2026-03-08T09:30:00")
    assert ARTICLE.with_metadata(language="", direction="").language == ""


@pytest.mark.parametrize(("change", "message"), [
    ({"date": "2026-02-30"},
     "Article date '2026-02-30' is not a real date (ISO 8601: 2025-02-28 or 2025-02-28T09:30)"),
    ({"date": 20260308}, "Article date 20260308 is not a text or a datetime.date"),
    ({"language": "not a lang!"}, "Article language 'not a lang!' is not a BCP 47 language tag (en, fr-CA, zh-Hant)"),
    ({"direction": "up"}, "Article direction 'up' is not \"ltr\", \"rtl\" or \"\""),
    ({"authors": ["A B", None]}, "Article authors ['A B', None] is not a list of texts: None is not a text"),
    ({"title": None}, "Article title None is not a text"),
    ({"colour": "red"}, "Article has no field 'colour'; the fields are: authors, body, date, description, "
                        "direction, image, issue, language, license, resources, retrieved, section, site, "
                        "source, subtitle, tags, title, updated, url"),
])
def test_with_metadata_refuses_a_value_naming_field_and_value(change: dict[str, object], message: str) -> None:
    with pytest.raises(UsageError) as caught:
        ARTICLE.with_metadata(**change)
    assert str(caught.value) == message


def test_render_refuses_text_with_a_usage_error() -> None:
    with pytest.raises(UsageError) as caught:
        converter.render("plain text", "md")  # type: ignore[arg-type]
    assert str(caught.value) == ("render() takes an Article (from converter.extract), not str; "
                                 "for text, call converter.render(converter.extract(text), ...)")


def test_a_date_object_renders() -> None:
    html = converter.render(ARTICLE.with_metadata(date=dt.date(2026, 3, 8)), "html").decode()
    assert '<time datetime="2026-03-08">8 March 2026</time>' in html


MARKDOWN_ONE = "---\ntitle: The first crossing\n---\n\nThe ferry left at nine and came back at noon.\n"
MARKDOWN_TWO = "---\ntitle: The second crossing\n---\n\nThe ferry left at ten and came back at one.\n"


def test_several_formats_extract_each_input_once(tmp_path: Path) -> None:
    one, two = tmp_path / "one.md", tmp_path / "two.md"
    one.write_text(MARKDOWN_ONE)
    two.write_text(MARKDOWN_TWO)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["convert", str(one), str(two), str(tmp_path / "nope.md"),
                                       "--out-dir", str(out), "--to", "md,html", "--explain"])
    assert result.exit_code == 1
    assert result.stderr.count(f"converter: error: {tmp_path / 'nope.md'}: no such file; check the path") == 1
    assert result.stderr.count(": what extraction kept and dropped") == 2  # --explain once per input
    assert result.stderr.count(f"{one}: what extraction kept and dropped") == 1
    assert sorted(p.name for p in out.iterdir()) == ["one.html", "one.md", "two.html", "two.md"]
    assert (out / "two.md").read_text() == ("---\ntitle: The second crossing\nsource: two.md\n---\n\n"
                                            "# The second crossing\n\nThe ferry left at ten and came back at one.\n")
    assert "The second crossing</h1>" in (out / "two.html").read_text()


def test_issue_says_where_it_wrote_and_its_true_page_count(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    import converter.cli.issue

    shown: list[str] = []
    monkeypatch.setattr(converter.cli.issue, "_progress", lambda quiet: shown.append)  # as on a terminal
    (tmp_path / "one.md").write_text(MARKDOWN_ONE)
    (tmp_path / "two.md").write_text(MARKDOWN_TWO)
    out = tmp_path / "issue.pdf"
    result = CliRunner().invoke(main, ["issue", str(tmp_path / "one.md"), str(tmp_path / "two.md"), "-o", str(out),
                                       "--no-cache", "--jobs", "1", "--title", "The Weekly"])
    assert result.exit_code == 0, result.output
    pages = len(PdfReader(out).pages)
    assert result.stderr.splitlines()[-1] == f"converter: wrote {out} ({pages} pages, 2 articles)"
    assert shown[-1].startswith("rendered ")
    monkeypatch.undo()  # piped: a successful run says nothing
    again = CliRunner().invoke(main, ["issue", str(tmp_path / "one.md"), "-o", str(tmp_path / "again.md"),
                                      "--no-cache", "--jobs", "1"])
    assert (again.exit_code, again.stderr) == (0, "")


def test_issue_pdf_progress_says_what_it_counts(tmp_path: Path) -> None:
    from converter.issue import compile_issue
    from converter.issue.render import render_edition

    said: list[str] = []
    issue = compile_issue([ARTICLE, ARTICLE.with_metadata(title="A second crossing")], title="The Weekly")
    render_edition(issue, "pdf", progress=said.append)
    assert said[-1].startswith("rendered ") and said[-1].endswith(" pages laid out, before joining)")
    assert re.fullmatch(r"rendered (\d+)/\1 parts \(\d+ pages laid out, before joining\)", said[-1])


def test_issue_refuses_a_web_archive_saying_how_to_convert_it(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "one.md").write_text(MARKDOWN_ONE)
    (folder / "site.warc.gz").write_bytes(b"\x1f\x8b\x08\x00not really a gzip")
    advice = ("is a web archive (.warc, .warc.gz, .wacz), not one article; convert its pages first with "
              "'converter convert {0} --out-dir DIR --to md', then give 'converter issue' the site's folder of "
              "Markdown under DIR")
    named = CliRunner().invoke(main, ["issue", str(folder / "one.md"), str(folder / "site.warc.gz"),
                                      "-o", str(tmp_path / "a.md"), "--no-cache", "--jobs", "1"])
    archive = folder / "site.warc.gz"
    assert named.exit_code == 3
    assert f"converter: error: {archive}: {advice.format(archive)} (left out of the issue)" in named.stderr
    walked = CliRunner().invoke(main, ["issue", str(folder), "-o", str(tmp_path / "b.md"), "--no-cache",
                                       "--jobs", "1"])
    assert walked.exit_code == 0
    assert f"converter: warning: {archive}: {advice.format(archive)}; it is left out\n" in walked.stderr
    assert "The first crossing" in (tmp_path / "b.md").read_text()


def test_extract_refuses_a_web_archive_with_a_source_error(tmp_path: Path) -> None:
    archive = tmp_path / "crawl.wacz"
    archive.write_bytes(b"PK\x03\x04")
    with pytest.raises(converter.SourceError) as caught:
        converter.extract(archive)
    assert str(caught.value).startswith(f"{archive}: is a web archive (.warc, .warc.gz, .wacz), not one article;")


@pytest.mark.parametrize(("css", "problem"), [
    ("p { color: red", "1 { } block left open at the end (a '}' is missing): CSS closes it there, so what was "
                       "meant to follow is lost"),
    ("p color: red }", "Parse error at 1:14: EOF reached before {} block for a qualified rule."),
])
def test_broken_css_is_a_warning_naming_it(tmp_path: Path, css: str, problem: str) -> None:
    (tmp_path / "one.md").write_text(MARKDOWN_ONE)
    result = CliRunner().invoke(main, ["convert", str(tmp_path / "one.md"), "--css", css,
                                       "-o", str(tmp_path / "one.html")])
    assert result.exit_code == 0
    assert result.stderr == f"converter: warning: --css {css!r}: {problem}\n"


def test_sound_css_says_nothing(tmp_path: Path) -> None:
    from converter.render.user_css import css_problems

    assert css_problems('p { color: red } /* { */ h1::before { content: "{" }') == []


def test_an_output_folder_that_takes_no_files_is_a_usage_error(tmp_path: Path) -> None:
    if not Path("/proc/self").is_dir():
        pytest.skip("needs /proc, which takes no new files even from root")
    (tmp_path / "one.md").write_text(MARKDOWN_ONE)
    result = CliRunner().invoke(main, ["convert", str(tmp_path / "one.md"), "-o", "/proc/x.pdf"])
    assert result.exit_code == 2
    assert result.stderr.startswith("converter: error: the output /proc/x.pdf: the folder /proc cannot be "
                                    "written in (")
    assert result.stderr.endswith("); choose another folder (nothing was written)\n")


def test_the_library_names_its_own_columns_field() -> None:
    with pytest.raises(UsageError) as caught:
        converter.RenderOptions(columns=7)
    assert str(caught.value) == "RenderOptions.columns must be a whole number from 1 to 4, not 7"
    with pytest.raises(UsageError) as caught:
        converter.RenderOptions(columns="2")  # type: ignore[arg-type]
    assert str(caught.value) == "RenderOptions.columns must be a whole number from 1 to 4, not '2'"


def test_compile_issue_tells_progress_as_documented(tmp_path: Path) -> None:
    from converter.issue import compile_issue

    (tmp_path / "one.md").write_text(MARKDOWN_ONE)
    (tmp_path / "two.md").write_text(MARKDOWN_TWO)
    said: list[str] = []
    compile_issue([tmp_path / "one.md", tmp_path / "two.md"], progress=said.append)
    assert said == ["read 1/2 inputs", "read 2/2 inputs"]
    assert "is told ``read 3/12 inputs`` each time an input has been read" in " ".join(
        (compile_issue.__doc__ or "").split())


@pytest.mark.parametrize("page_size", ["A5", "6in"])
def test_issue_cover_with_picture_and_publisher_fits_one_page(tmp_path: Path, page_size: str) -> None:
    from PIL import Image

    Image.new("RGB", (600, 800), (200, 180, 120)).save(tmp_path / "cover.jpg")  # portrait, as a magazine's
    for name, text in (("a.md", MARKDOWN_ONE), ("b.md", MARKDOWN_TWO)):
        (tmp_path / name).write_text(text)
    (tmp_path / "issue.toml").write_text(
        'title = "The Valley Weekly"\nnumber = "48"\ndate = "2026-11-21"\npublisher = "Valley Gazette Library"\n'
        'cover = "cover.jpg"\n[[sections]]\ntitle = "News"\narticles = ["a.md"]\n'
        '[[sections]]\ntitle = "Culture"\narticles = ["b.md"]\n')
    out = tmp_path / "issue.pdf"
    result = CliRunner().invoke(main, ["issue", "--manifest", str(tmp_path / "issue.toml"), "-o", str(out),
                                       "--no-cache", "--jobs", "1", "-q", "--page-size", page_size])
    assert result.exit_code == 0, result.output
    pages = PdfReader(out).pages
    cover = " ".join(pages[0].extract_text().split())
    assert cover == "VALLEY GAZETTE LIBRARY The Valley Weekly Issue 48 · 21 November 2026"
    assert b" Do" in pages[0].get_contents().get_data()  # the picture is drawn on the cover page itself
    assert pages[1].extract_text().startswith("Contents\n")  # was: the picture and section list spilled here
