"""Markdown input as authors write it: front matter of every shape (YAML and TOML), the headline against a
body ``# H1``, task lists (a box, no bullet). Fixtures written here, in the shapes of trial 2's reproductions."""

from __future__ import annotations

import logging
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

import converter
from converter.article import METADATA_FIELDS
from converter.cli import main
from converter.errors import SourceError
from converter.extract.markdown import extract_markdown
from converter.markdown.frontmatter import split
from converter.markdown.to_html import render_body
from converter.policy.strict import StrictError, strict


def _front(block: str) -> str:
    return f"---\n{block}\n---\n\nA paragraph of text.\n"


@pytest.mark.parametrize("value", ["2025-02-30", "2025-13-45", "0000-00-00", "2025-02-01 25:00"])
def test_impossible_date_is_left_out_with_a_warning(value: str, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="converter"):
        article = converter.extract(_front(f"title: A bad date\ndate: {value}"), kind="markdown", name="bad.md")
    assert (article.title, article.date, article.body) == ("A bad date", "", "A paragraph of text.")
    assert [r.getMessage() for r in caplog.records] == [
        f"bad.md: front matter date '{value}' is not a real date (ISO 8601: 2025-02-28 or 2025-02-28T09:30); "
        "it is left out"]


def test_impossible_date_in_strict_mode_is_an_error() -> None:
    with strict(), pytest.raises(StrictError, match=r"^bad.md: front matter date '2025-02-30' is not a real"):
        converter.extract(_front("date: 2025-02-30"), kind="markdown", name="bad.md")


@pytest.mark.parametrize(("block", "fields"), [
    ("date: 2025-02-01 10:00", {"date": "2025-02-01T10:00:00"}),
    ("date: 2025-02-01T10:00:00+02:00", {"date": "2025-02-01T10:00:00+02:00"}),
    ("date: March 5, 2025", {"date": "2025-03-05"}),
    ("updated: 2025-03-01", {"updated": "2025-03-01"}),
    ("title: [Part one, Part two]", {"title": "Part one, Part two"}),
    ("author: 42", {"authors": ("42",)}),
    ("issue: 007", {"issue": "007"}),
    ("title: yes", {"title": "yes"}),
    ("subtitle: 1.10", {"subtitle": "1.10"}),
    ("title: " + "9" * 5000, {"title": "9" * 5000}),  # over Python's int-from-text cap: read as text
    ("title: ~\nsite: S", {"site": "S"}),
])
def test_front_matter_values_become_text(block: str, fields: dict[str, object]) -> None:
    assert split(_front(block), "x.md")[0] == fields


@pytest.mark.parametrize(("block", "shown", "wanted"), [
    ("tags: {a: 1}", "tags {'a': '1'}", "a text or a list of texts"),
    ("author: [[Ann, Bo]]", "author [['Ann', 'Bo']]", "a text or a list of texts"),
    ("title: {main: T}", "title {'main': 'T'}", "a text"),
    ("date: [2025-01-01]", "date ['2025-01-01']", "a real date (ISO 8601: 2025-02-28 or 2025-02-28T09:30)"),
])
def test_front_matter_of_the_wrong_shape_is_left_out(block: str, shown: str, wanted: str,
                                                      caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="converter"):
        assert split(_front(block + "\nsite: S"), "x.md")[0] == {"site": "S"}
    assert [r.getMessage() for r in caplog.records] == [f"x.md: front matter {shown} is not {wanted}; it is left out"]


def test_cli_bad_date_converts_with_one_warning_and_other_files_convert(tmp_path: Path) -> None:
    (tmp_path / "bad.md").write_text(_front("title: A bad date\ndate: 2025-02-30"), "utf-8")
    (tmp_path / "good.md").write_text(_front("title: Good"), "utf-8")
    result = CliRunner().invoke(main, ["convert", str(tmp_path / "bad.md"), str(tmp_path / "good.md"),
                                       "--out-dir", str(tmp_path / "out"), "--to", "md"])
    assert result.exit_code == 0, result.output
    assert result.stderr == (f"converter: warning: {tmp_path / 'bad.md'}: front matter date '2025-02-30' "
                             "is not a real date "
                             "(ISO 8601: 2025-02-28 or 2025-02-28T09:30); it is left out\n")
    assert (tmp_path / "out" / "bad.md").read_text("utf-8").startswith("---\ntitle: A bad date\nsource: bad.md\n")
    assert (tmp_path / "out" / "good.md").exists()
    strict_run = CliRunner().invoke(main, ["convert", str(tmp_path / "bad.md"), "--strict", "-o",
                                           str(tmp_path / "bad.html")])
    assert strict_run.exit_code == 1
    assert not (tmp_path / "bad.html").exists()


def test_toml_front_matter_is_read() -> None:
    text = '+++\ntitle = "TOML front matter"\ndate = 2025-01-02\ntags = ["a", "b"]\n+++\n\nText of it.\n'
    result = extract_markdown(text, "t.md")
    assert result.metadata == {"title": "TOML front matter", "date": "2025-01-02", "tags": ("a", "b")}
    assert result.body == "Text of it."


@pytest.mark.parametrize(("block", "message"), [
    ('title = "unclosed', "t.md: its front matter is not valid TOML (Unterminated string (at end of document))"),
    ("date = 2025-02-30", "t.md: its front matter is not valid TOML (Invalid date or datetime (at line 1, column 8))"),
    ("a = " + "[" * 3000 + "]" * 3000, "t.md: its front matter is nested too deeply to read; flatten it"),
    ("a = [" + ", ".join(["1"] * 20_000) + "]",
     "t.md: its front matter has more than 2,000 values (Limits.max_yaml_nodes)"),
])
def test_toml_front_matter_is_refused_with_a_reason(block: str, message: str) -> None:
    with pytest.raises(SourceError) as caught:
        split(f"+++\n{block}\n+++\n\nText.\n", "t.md")
    assert str(caught.value) == message


@pytest.mark.parametrize(("text", "title", "body"), [
    ("---\ntitle: FM title\n---\n\n# Body H1 title\n\nText.\n", "FM title", "## Body H1 title\n\nText."),
    ("---\ntitle: Same  title\n---\n\n# Same Title\n\nText.\n\n# Part two\n\n## Sub\n", "Same  title",
     "Text.\n\n## Part two\n\n### Sub"),
    ("# Title\n\nText.\n\n## Sub\n\n```\n# code\n```\n", "Title", "Text.\n\n## Sub\n\n```\n# code\n```"),
    ("# Title\n\nText.\n\nPart\n====\n", "Title", "Text.\n\n## Part\n"),
    # Setext headlines, as pandoc writes Markdown: the first is the title, a Setext H2 stays as it is
    ("Harbour notes\n=============\n\nText.\n\nFirst part\n----------\n\nMore.\n", "Harbour notes",
     "Text.\n\nFirst part\n----------\n\nMore."),
    ("A headline on\ntwo lines\n===\nText right under it.\n", "A headline on two lines", "Text right under it."),
    ("- a list item\n===\n\nText.\n", "", "- a list item\n===\n\nText."),
    ("---\ntitle: FM title\n---\n\nFM Title\n========\n\nText.\n", "FM title", "Text."),
])
def test_one_headline_per_article(text: str, title: str, body: str) -> None:
    article = converter.extract(text, kind="markdown")
    assert (article.title, article.body) == (title, body)


def test_task_lists_show_ballot_boxes() -> None:
    html = render_body("- [ ] open task\n- [x] done task\n- plain\n\n`[ ]` code\n")
    assert html == ('<ul>\n<li class="task">\u2610 open task</li>\n<li class="task">\u2611 done task</li>\n'
                    "<li>plain</li>\n</ul>\n<p><code>[ ]</code> code</p>\n")


def test_toml_front_matter_is_sniffed_as_markdown() -> None:
    article = converter.extract('+++\ntitle = "Via a string"\n+++\n\nBody text.\n')
    assert (article.title, article.body) == ("Via a string", "Body text.")


def test_other_tools_settings_are_ignored_quietly(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="converter"):
        fields = split(_front("title: T\nmenu: {main: {weight: 2}}\nparams: [a, [b]]\ndraft: false"), "h.md",
                       known=METADATA_FIELDS)[0]
    assert fields == {"title": "T", "draft": "false"}
    assert caplog.records == []


def _printed_text(html_path: Path, tmp_path: Path) -> str:
    """The text of ``html_path`` laid out by WeasyPrint with its own stylesheets, as pdftotext reads it."""
    import weasyprint

    pdf = tmp_path / f"{html_path.stem}-printed.pdf"
    weasyprint.HTML(filename=str(html_path)).write_pdf(pdf)
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def test_a_task_list_item_has_its_box_and_no_bullet_in_html_pdf_and_epub(tmp_path: Path) -> None:
    """The box is the item's marker: no bullet beside it, in the PDF, in the HTML edition and in the EPUB's
    chapter, each laid out with its own stylesheets; a plain list keeps its bullet."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    source = tmp_path / "tasks.md"
    source.write_text("# Chores\n\n- [ ] buy milk\n- [x] call Ada\n\nA plain list:\n\n- one\n", "utf-8")
    lines = ["Chores", "\u2610 buy milk", "\u2611 call Ada", "A plain list:", "\u2022 one"]
    for fmt in ("html", "pdf", "epub"):
        result = CliRunner().invoke(main, ["convert", str(source), "-q", "-o", str(tmp_path / f"tasks.{fmt}")])
        assert result.exit_code == 0, result.output
    pdf = subprocess.run(["pdftotext", str(tmp_path / "tasks.pdf"), "-"], capture_output=True, text=True,
                         check=True).stdout
    assert pdf.split("\n")[:5] == lines
    assert _printed_text(tmp_path / "tasks.html", tmp_path).split("\n")[:5] == lines
    with zipfile.ZipFile(tmp_path / "tasks.epub") as book:
        book.extractall(tmp_path / "book")
    assert _printed_text(tmp_path / "book" / "EPUB" / "article-1.xhtml", tmp_path).split("\n")[:5] == lines


@pytest.mark.parametrize(("line", "capped"), [
    ("> " * 24 + "x", "> " * 24 + "x"),  # 24 markers: kept
    ("> " * 25 + "x", ">" * 24 + " " + " x"),  # 25: pulled back to 24 (the space after the last one stays)
    ("\t" * 16 + "x", "\t" * 16 + "x"),  # 16 tabs are 64 columns: kept
    ("\t" * 16 + " x", " " * 64 + "x"),  # 65 columns: pulled back to 64
    (" " * 17 + "x", " " * 17 + "x"),  # 17 spaces: what the cheap search finds, kept by the rule
    ("> " * 3 + " " * 70 + "x", ">" * 3 + " " + " " * 64 + "x"),
])
def test_cap_nesting_at_its_limits(line: str, capped: str) -> None:
    # cap_nesting searches _MAY_NEST_DEEP first; a line past either cap must reach the rule
    from converter.markdown.to_html import cap_nesting

    assert cap_nesting(f"first\n{line}\nlast") == f"first\n{capped}\nlast"
