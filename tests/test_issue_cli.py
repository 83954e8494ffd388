"""``converter issue`` by exit code, messages and files written; the manifest and input ordering."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from converter.cli import main
from converter.errors import UsageError
from converter.issue import compile_issue
from converter.issue.inputs import expand_inputs
from converter.issue.manifest import parse_manifest

CASE = Path(__file__).parent / "cases" / "issue-basic"


@pytest.fixture
def news(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    shutil.copytree(CASE / "news", folder)
    return folder


def run(*args: str):
    return CliRunner().invoke(main, ["issue", *args, "--no-cache", "--jobs", "1"])


def test_a_bad_input_is_reported_and_left_out_with_exit_3(news, tmp_path):
    (news / "4-empty.md").write_text("")
    out = tmp_path / "issue.md"
    result = run(str(news), "-o", str(out))
    assert result.exit_code == 3
    assert "4-empty.md: is empty" in result.output and "left out of the issue" in result.output
    text = out.read_text()
    assert "# The Bridge Reopens" in text and "# Night Ferry Timetable Changes" in text


def test_strict_makes_a_failure_an_error_and_writes_nothing(news, tmp_path):
    (news / "4-empty.md").write_text("")
    out = tmp_path / "issue.md"
    result = run(str(news), "-o", str(out), "--strict")
    assert result.exit_code == 1
    assert "--strict" in result.output and not out.exists()


def test_nothing_is_written_when_no_article_survives(tmp_path):
    (tmp_path / "a.md").write_text("")
    out = tmp_path / "issue.pdf"
    result = run(str(tmp_path / "a.md"), str(tmp_path / "missing.md"), "-o", str(out))
    assert result.exit_code == 1
    assert "no article could be read" in result.output and "missing.md" in result.output
    assert not out.exists()


def test_the_same_article_twice_is_included_once_with_a_warning(news, tmp_path):
    shutil.copy(news / "2-market.md", news / "3-market-again.md")
    out = tmp_path / "issue.md"
    result = run(str(news), "-o", str(out))
    assert result.exit_code == 0
    assert (f"{news / '3-market-again.md'} ('Market Hall Gets a Roof'): the same text as "
            f"{news / '2-market.md'} ('Market Hall Gets a Roof'); included once") in " ".join(result.output.split())
    assert out.read_text().count("Market Hall Gets a Roof") == 1


def test_individual_editions_are_written_beside_the_issue(news, tmp_path):
    out = tmp_path / "weekly.html"
    result = run(str(news), "-o", str(out), "--individual", "--title", "Weekly")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "weekly").iterdir()) == ["1-bridge.html", "10-ferry.html",
                                                                       "2-market.html"]
    assert "<title>Weekly</title>" in out.read_text()


def test_unknown_output_extension_is_a_usage_error(news, tmp_path):
    result = run(str(news), "-o", str(tmp_path / "issue.docx"))
    assert result.exit_code == 2 and ".pdf, .epub, .html or .md" in result.output


@pytest.mark.parametrize("date", ["2026-13-45", "April 4", "2026-4-4"])
def test_an_issue_date_that_is_not_yyyy_mm_dd_is_a_usage_error(news, tmp_path, date):
    result = CliRunner().invoke(main, ["issue", str(news), "-o", str(tmp_path / "i.epub"), "--date", date])
    assert result.exit_code == 2
    assert result.output == (f"converter: error: the issue date '{date}' is not a date; write it as YYYY-MM-DD, "
                             "for example 2026-04-04\n")
    assert not (tmp_path / "i.epub").exists()


@pytest.mark.parametrize("option", ["--title", "--number", "--publisher"])
def test_a_blank_metadata_option_is_a_usage_error_not_the_default(news, tmp_path, option):
    result = CliRunner().invoke(main, ["issue", str(news), "-o", str(tmp_path / "i.md"), option, "  "])
    assert result.exit_code == 2
    name = option.removeprefix("--")
    assert result.output == (f"converter: error: {option} is empty: give the issue's {name}, or leave the option "
                             "out for the default (nothing was written)\n")
    assert not (tmp_path / "i.md").exists()


def test_folders_are_read_in_natural_order(news):
    assert [p.name for p in expand_inputs([news])] == ["1-bridge.md", "2-market.md", "10-ferry.md"]


def test_manifest_sections_globs_and_overrides():
    issue = compile_issue(manifest=CASE / "issue.toml")
    assert [s.title for s in issue.sections] == ["News", "Features"]
    assert [a.title for a in issue.sections[0].articles] == ["The Bridge Reopens", "Market Hall Gets a Roof",
                                                              "Night Ferry Timetable Changes"]
    library = issue.sections[1].articles[0]
    assert (library.title, library.authors) == ("The Library Stays Open", ("Eli Park-Jones",))
    assert issue.metadata.publisher == "Riverside Reading Club" and issue.failures == ()


def test_manifest_refuses_unknown_keys_and_empty_globs(tmp_path):
    with pytest.raises(UsageError, match="unknown key"):
        parse_manifest({"title": "x", "sections": [{"title": "A", "artciles": []}]}, tmp_path)
    with pytest.raises(UsageError, match="matches no file"):
        parse_manifest({"sections": [{"title": "A", "articles": ["*.md"]}]}, tmp_path)


def test_without_manifest_number_and_date_come_from_articles_when_they_agree(news):
    issue = compile_issue([news], title="Weekly")
    assert issue.metadata.number == "12"  # every article says issue 12
    assert issue.metadata.date == ""  # their dates differ
    assert compile_issue([news], title="Weekly", date="2024-05-06").metadata.date == "2024-05-06"


def test_a_link_out_of_an_input_folder_is_warned_about_once(news, tmp_path):
    (tmp_path / "secret.md").write_text("# Not for the issue\n\nA file outside the folder.\n")
    (news / "9-leak.md").symlink_to(tmp_path / "secret.md")
    result = run(str(news), "-o", str(tmp_path / "issue.md"))
    assert result.exit_code == 0, result.output
    assert result.output.count("9-leak.md: is a symbolic link out of the folder") == 1
    assert "Not for the issue" not in (tmp_path / "issue.md").read_text()
