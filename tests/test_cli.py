"""The command line, through click's CliRunner: exit codes, messages and the files written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from converter.cli import main

MARKDOWN = "---\ntitle: Ferry saved\n---\n\nThe ferry runs again this winter.\n"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "ferry.md"
    path.write_text(MARKDOWN, "utf-8")
    return path


def test_markdown_to_standard_output_by_default(runner: CliRunner, article: Path) -> None:
    result = runner.invoke(main, ["convert", str(article)])
    assert result.exit_code == 0, result.output
    assert result.stdout == "---\ntitle: Ferry saved\nsource: ferry.md\n---\n\n# Ferry saved\n\n" \
                            "The ferry runs again this winter.\n"


def test_output_extension_picks_the_format(runner: CliRunner, article: Path, tmp_path: Path) -> None:
    out = tmp_path / "ferry.html"
    assert runner.invoke(main, ["convert", str(article), "-o", str(out)]).exit_code == 0
    assert out.read_text("utf-8").startswith("<!DOCTYPE html>")
    assert "<h1 class=\"headline\">Ferry saved</h1>" in out.read_text("utf-8")


def test_standard_input_and_output(runner: CliRunner) -> None:
    result = runner.invoke(main, ["convert", "-", "--kind", "markdown", "-o", "-", "--to", "html"], input=MARKDOWN)
    assert result.exit_code == 0
    assert "<title>Ferry saved</title>" in result.stdout


def test_out_dir_converts_the_good_inputs_and_reports_the_bad(runner: CliRunner, article: Path,
                                                             tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", "utf-8")
    out = tmp_path / "out"
    result = runner.invoke(main, ["convert", str(empty), str(article), "--out-dir", str(out)])
    assert result.exit_code == 1
    assert f"converter: error: {empty}: is empty; give the saved article instead" in result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["ferry.md"]


def test_several_inputs_need_out_dir(runner: CliRunner, article: Path) -> None:
    result = runner.invoke(main, ["convert", str(article), str(article)])
    assert result.exit_code == 2
    assert result.stderr == "converter: error: several inputs need --out-dir DIR (one output per input)\n"


@pytest.mark.parametrize(("make", "message"), [
    (lambda d: d / "missing.txt", "no such file; check the path"),
    (lambda d: _write(d / "empty.txt", b"   \n"), "is empty; give the saved article instead"),
    (lambda d: _write(d / "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00"),
     "looks like a binary file (a PNG picture), not an article"),
    (lambda d: _write(d / "bad.txt", b"\xef\xbb\xbfcaf\xe9 au lait\n"), "is not valid utf-8"),
])
def test_bad_inputs_give_one_line_and_exit_1(runner: CliRunner, tmp_path: Path, make, message: str) -> None:
    path = make(tmp_path)
    out = tmp_path / "out.md"
    result = runner.invoke(main, ["convert", str(path), "-o", str(out)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"converter: error: {path}")
    assert message in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert not out.exists()


def test_a_folder_without_out_dir_is_a_usage_error_that_says_how(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["convert", str(tmp_path), "-o", str(tmp_path / "out.pdf")])
    assert result.exit_code == 2
    assert result.stderr == (f"converter: error: {tmp_path}: is a folder; give an article file (.txt, .html, .md), "
                             "or add --out-dir DIR to convert every article in it\n")


def test_a_binary_format_without_o_says_where_it_was_written(runner: CliRunner, article: Path,
                                                              tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["convert", str(article), "--to", "epub"])
    assert result.exit_code == 0
    assert result.stderr == f"converter: wrote {article.stem}.epub\n"
    assert (tmp_path / f"{article.stem}.epub").is_file()
    quiet = runner.invoke(main, ["convert", str(article), "--to", "epub", "-q"])
    assert quiet.exit_code == 0 and quiet.stderr == ""


def test_unknown_output_extension_is_a_usage_error(runner: CliRunner, article: Path, tmp_path: Path) -> None:
    result = runner.invoke(main, ["convert", str(article), "-o", str(tmp_path / "x.docx")])
    assert result.exit_code == 2
    assert "cannot tell the output format of" in result.stderr
    assert "(fmt=...; --to on the command line)" in result.stderr


def test_output_equal_to_input_is_refused_and_input_untouched(runner: CliRunner, article: Path) -> None:
    result = runner.invoke(main, ["convert", str(article), "-o", str(article)])
    assert result.exit_code == 2
    assert "is the input" in result.stderr
    assert article.read_text("utf-8") == MARKDOWN


def test_pdf_to_standard_output_is_refused(runner: CliRunner, article: Path) -> None:
    result = runner.invoke(main, ["convert", str(article), "-o", "-", "--to", "pdf"])
    assert result.exit_code == 2
    assert "PDF is binary" in result.stderr


def test_explain_json_lists_decisions(runner: CliRunner, article: Path, tmp_path: Path) -> None:
    report = tmp_path / "why.json"
    result = runner.invoke(main, ["convert", str(article), "--explain-json", str(report), "-o", "-"])
    assert result.exit_code == 0
    data = json.loads(report.read_text("utf-8"))
    assert data["input"] == str(article)
    assert data["decisions"] == [{"line": 0, "text": "title", "verdict": "metadata", "rule": "front_matter"}]


def test_debug_dir_holds_every_stage(runner: CliRunner, article: Path, tmp_path: Path) -> None:
    stages = tmp_path / "stages"
    assert runner.invoke(main, ["convert", str(article), "--debug-dir", str(stages), "-o", "-"]).exit_code == 0
    assert sorted(p.name for p in stages.iterdir()) == [".converter-debug", "article.html", "article.md",
                                                        "extraction.json"]
    assert (stages / "article.md").read_text("utf-8").endswith("# Ferry saved\n\nThe ferry runs again this winter.\n")
    assert "@page" in (stages / "article.html").read_text("utf-8")


def test_help_shows_examples(runner: CliRunner) -> None:
    result = runner.invoke(main, ["convert", "--help"])
    assert "converter convert article.txt -o article.pdf" in result.output
    assert "--explain" in result.output


def test_python_dash_m_runs_the_cli() -> None:
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-m", "converter", "--help"], capture_output=True, text=True, check=True)
    assert "convert" in out.stdout


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
