"""Every example in the commands' help runs as printed (in a folder holding files of the names it uses),
and warnings never land inside the live progress line."""

from __future__ import annotations

import logging
import shlex
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from converter.cli import main
from converter.cli.common import PROGRESS, ProgressLine, _StderrHandler
from converter.cli.convert import EXAMPLES as CONVERT_EXAMPLES
from converter.cli.issue import EXAMPLES as ISSUE_EXAMPLES

CASES = Path(__file__).parent / "cases"


def examples(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip().startswith(("converter ", "cat "))]


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The files the examples name, made from our test cases."""
    text, html = CASES / "text-news" / "input.txt", CASES / "html-news" / "input.html"
    for name, source in {"article.txt": text, "a.txt": text, "b.txt": CASES / "text-blog" / "input.txt",
                         "page.html": html, "a.html": html, "c.html": CASES / "html-blog" / "input.html"}.items():
        shutil.copy(source, tmp_path / name)
    shutil.copy(CASES / "issue-basic" / "news" / "1-bridge.md", tmp_path / "c.md")
    shutil.copytree(CASES / "issue-basic", tmp_path / "saved")
    shutil.copytree(CASES / "issue-basic", tmp_path, dirs_exist_ok=True)  # issue.toml and its articles
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run_example(line: str) -> tuple[int, str, bytes]:
    """Run one example line in-process: ``cat FILE |`` feeds standard input, ``> FILE`` takes standard output."""
    stdin = None
    if line.startswith("cat "):
        source, line = line[4:].split("|", 1)
        stdin = Path(source.strip()).read_bytes()
    words = shlex.split(line)
    target = None
    if ">" in words:
        at = words.index(">")
        words, target = words[:at], words[at + 1]
    assert words[0] == "converter"
    result = CliRunner().invoke(main, words[1:], input=stdin)
    if target is not None:
        Path(target).write_bytes(result.stdout_bytes)
    return result.exit_code, result.stderr, result.stdout_bytes


@pytest.mark.parametrize("line", [e for e in examples(CONVERT_EXAMPLES) + examples(ISSUE_EXAMPLES)
                                  if ".pdf" not in e and "--to pdf" not in e])
def test_help_example_runs(folder: Path, line: str) -> None:
    code, stderr, _ = run_example(line)
    assert code == 0, f"{line}: exit {code}: {stderr}"


@pytest.mark.slow
@pytest.mark.parametrize("line", [e for e in examples(CONVERT_EXAMPLES) + examples(ISSUE_EXAMPLES)
                                  if ".pdf" in e or "--to pdf" in e])
def test_help_example_making_pdf_runs(folder: Path, line: str) -> None:
    code, stderr, _ = run_example(line)
    assert code == 0, f"{line}: exit {code}: {stderr}"


def test_explain_to_dev_null_reports_and_writes_nothing_else(folder: Path) -> None:
    code, stderr, stdout = run_example("converter convert article.txt --explain -o /dev/null")
    assert code == 0
    assert " lines kept" in stderr and stdout == b""
    assert Path("/dev/null").is_char_device()  # written into, never replaced


def test_warnings_are_written_above_the_progress_line(capsys: pytest.CaptureFixture[str]) -> None:
    line = ProgressLine()
    line.show("[1/3] a.html")
    line.above("converter: warning: picture x not printed")
    line.show("[2/3] b.html")
    line.clear()
    assert capsys.readouterr().err == ("\r\033[K[1/3] a.html"
                                       "\r\033[Kconverter: warning: picture x not printed\n[1/3] a.html"
                                       "\r\033[K[2/3] b.html"
                                       "\r\033[K")


def test_the_cli_handler_writes_through_the_progress_line(capsys: pytest.CaptureFixture[str]) -> None:
    PROGRESS.show("[1/2] a.html")
    try:
        _StderrHandler().emit(logging.makeLogRecord({"msg": "a table is cut", "levelname": "WARNING"}))
    finally:
        PROGRESS.clear()
    err = capsys.readouterr().err
    assert err == "\r\033[K[1/2] a.html\r\033[Kconverter: warning: a table is cut\n[1/2] a.html\r\033[K"
