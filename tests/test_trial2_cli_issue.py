"""Fixes from the second fresh-user trial: batch inputs, issue warnings and language, the configuration file,
strict issue wording, saved pages and MHTML pictures. All inputs are written here."""

from __future__ import annotations

import base64
import io
import logging
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from PIL import Image

from converter import Article
from converter.issue import compile_issue
from converter.issue.executor import run_tasks
from tests.conftest import run_cli

STORY = "---\ntitle: {title}\n---\n\nThe ferry runs again this winter, the harbour office says.\n"


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (60, 40), (20, 90, 160)).save(out, "PNG")
    return out.getvalue()


# 1 (#9): a folder plus a missing input


def test_a_folder_plus_a_missing_input_converts_the_folder_and_exits_1(tmp_path: Path) -> None:
    (tmp_path / "desk").mkdir()
    (tmp_path / "desk" / "story.md").write_text(STORY.format(title="Ferry"), "utf-8")
    code, _, err = run_cli("convert", "desk", "nope.txt", "--out-dir", "out", "--to", "md", cwd=tmp_path)
    lines = err.splitlines()
    assert code == 1
    assert lines[0] == "converter: error: nope.txt: no such file or folder; check the path"
    assert lines[1].startswith("converter: 1 converted, 0 unchanged, 0 skipped, 0 failed in ")
    assert lines[2] == "converter: 1 input not found (above); the others were converted"
    assert (tmp_path / "out" / "story.md").read_text("utf-8").startswith("---\ntitle: Ferry\n")


def test_only_missing_batch_inputs_make_no_folder(tmp_path: Path) -> None:
    code, _, err = run_cli("convert", "crawl.warc.gz", "--out-dir", "out", cwd=tmp_path)
    assert (code, err) == (1, "converter: error: crawl.warc.gz: no such file or folder; check the path\n")
    assert not (tmp_path / "out").exists()


def test_two_files_plus_a_missing_one_convert_and_exit_1(tmp_path: Path) -> None:
    for name in ("a", "b"):
        (tmp_path / f"{name}.md").write_text(STORY.format(title=name.upper()), "utf-8")
    code, _, err = run_cli("convert", "a.md", "nope.md", "b.md", "--out-dir", "out", "--to", "md", cwd=tmp_path)
    assert (code, err) == (1, "converter: error: nope.md: no such file; check the path\n")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a.md", "b.md"]


# 2 (#10): issue warnings name the input, survive the cache, and come from the parent


def test_issue_warnings_name_the_input_and_are_said_again_from_the_cache(tmp_path: Path) -> None:
    (tmp_path / "roof.html").write_text(
        "<html><head><title>Roof</title></head><body><article><h1>Roof repaired</h1>"
        '<p><img src="/images/roof.png" alt="The roof"></p>'
        "<p>The town hall roof was repaired over the summer by a local firm, after the storm in March tore "
        "away a third of its slates and let the rain into the council chamber.</p></article></body></html>",
        "utf-8")
    (tmp_path / "a.md").write_text(STORY.format(title="Ferry"), "utf-8")
    args = ("issue", "roof.html", "a.md", "-o", "issue.md", "--cache", "cache", "--jobs", "1")
    line = "converter: warning: roof.html: blocked /images/roof.png: it lies outside the input's folder\n"
    first = run_cli(*args, cwd=tmp_path)
    second = run_cli(*args, cwd=tmp_path)  # every extraction from the cache
    assert (first[0], first[2]) == (0, line)
    assert (second[0], second[2]) == (0, line)


def _warn(number: int) -> int:
    logging.getLogger("converter.policy.resources").warning("blocked picture %d", number)
    return number * 2


def test_a_workers_warnings_are_said_by_the_parent(caplog: pytest.LogCaptureFixture) -> None:
    with ProcessPoolExecutor(1) as pool, caplog.at_level(logging.WARNING, "converter"):
        results = dict(run_tasks(pool, _warn, [1, 2]))
    assert results == {0: 2, 1: 4}
    said = sorted((r.name, r.getMessage()) for r in caplog.records)
    assert said == [("converter.policy.resources", "blocked picture 1"),
                    ("converter.policy.resources", "blocked picture 2")]


def test_a_warning_clears_the_progress_line_first(capsys: pytest.CaptureFixture[str]) -> None:
    from converter.cli.common import PROGRESS, reporting

    with reporting(quiet=False, debug=False):
        PROGRESS.show("read 1/2 inputs")
        logging.getLogger("converter.issue").warning("a.md: blocked x.png")
    err = capsys.readouterr().err
    assert err == ("\r\033[Kread 1/2 inputs\r\033[Kconverter: warning: a.md: blocked x.png\n"
                   "read 1/2 inputs\r\033[K")


# 3 (#19): the issue's language


def _article(title: str, body: str, language: str = "") -> Article:
    return Article(title=title, body=body, language=language)


HEBREW = _article("הספרייה נפתחת מחדש", "הספרייה העירונית נפתחה מחדש ביום ראשון אחרי שנתיים של שיפוצים. " * 3, "he")
ARABIC = _article("افتتاح المكتبة", "افتتحت المكتبة العامة أبوابها من جديد بعد عامين من أعمال الترميم. " * 4, "ar")


def test_short_unlabelled_english_articles_and_a_long_hebrew_one_make_an_english_issue() -> None:
    english = [_article(f"Note {n}", "Alpha claims a thing.") for n in range(3)]
    issue = compile_issue([*english, HEBREW, ARABIC], title="Manifest Weekly")
    assert issue.language == "en"  # the title is in Latin letters: Hebrew and Arabic cannot be its language


def test_the_language_with_most_text_wins_and_unlabelled_text_is_detected() -> None:
    long_english = _article("Harbour", "The ferry is back and the harbour office says it will run all winter. " * 8)
    assert compile_issue([HEBREW, long_english]).language == "en"  # detected, and more text than the Hebrew
    assert compile_issue([HEBREW, HEBREW.with_metadata(title="שני")]).language == "he"  # no title given
    assert compile_issue([HEBREW, ARABIC], title="גיליון").language == "he"  # a Hebrew title: only Hebrew
    assert compile_issue([HEBREW], language="de").language == "de"  # given: always


# 4 (#13): the configuration file's values


def test_bad_configuration_values_are_all_named_with_the_file(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(STORY.format(title="Ferry"), "utf-8")
    (tmp_path / "converter.toml").write_text('columns = 7\ntheme = "dark"\n', "utf-8")
    toml = tmp_path / "converter.toml"
    code, _, err = run_cli("convert", "a.md", "-o", "a.pdf", cwd=tmp_path)
    assert (code, err) == (2, f"converter: error: {toml}: 2 settings are wrong: columns = 7: allowed: a whole "
                              'number from 1 to 4; theme = "dark": not a theme; allowed: classic, large-print, '
                              "modern\n")
    assert not (tmp_path / "a.pdf").exists()
    code, out, err = run_cli("config", cwd=tmp_path)
    assert code == 1
    assert "# error: columns = 7: allowed: a whole number from 1 to 4" in out.splitlines()
    assert '# error: theme = "dark": not a theme; allowed: classic, large-print, modern' in out.splitlines()
    assert err.splitlines() == [
        f"converter: error: {toml}: columns = 7: allowed: a whole number from 1 to 4",
        f'converter: error: {toml}: theme = "dark": not a theme; allowed: classic, large-print, modern']


def test_a_value_of_the_wrong_type_and_a_bad_page_size_are_named(tmp_path: Path) -> None:
    (tmp_path / "converter.toml").write_text('page-size = "Q7"\njustify = "often"\n', "utf-8")
    code, out, err = run_cli("config", cwd=tmp_path)
    assert code == 1
    assert '# error: justify = "often": allowed: true or false' in out.splitlines()
    assert err.splitlines() == [
        f"converter: error: {tmp_path / 'converter.toml'}: page-size = \"Q7\": unknown page size 'Q7'; use A4, "
        "A5, B5, Letter, 6in, 7in or WxH like 150mmx200mm",
        f'converter: error: {tmp_path / "converter.toml"}: justify = "often": allowed: true or false']


# 8 (#20): --strict issue wording


def test_a_strict_issue_says_nothing_was_written(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(STORY.format(title="Ferry"), "utf-8")
    code, _, err = run_cli("issue", "a.md", "nope.md", "-o", "issue.md", "--strict", "--no-cache", cwd=tmp_path)
    assert (code, err.splitlines()) == (1, [
        "converter: error: nope.md: no such file; check the path (--strict: the issue is not written)",
        "converter: error: 1 input failed and --strict is on; nothing was written"])
    assert not (tmp_path / "issue.md").exists()


# 6 (#18): MHTML pictures and address


def mhtml(page_location: bool) -> bytes:
    page = ('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>New bridge</title></head><body>'
            "<article><h1>New bridge opens</h1><figure><picture>"
            '<source srcset="https://town.example/img/bridge.webp" type="image/webp">'
            '<img src="https://town.example/img/bridge.png" alt="The bridge"></picture>'
            "<figcaption>The bridge from the west.</figcaption></figure>"
            "<p>The mayor opened the bridge on Tuesday. It is 140 metres long, with lanes for bicycles and for "
            'people on foot. <a href="report.html">The report</a> has the figures.</p></article></body></html>')
    location = "Content-Location: https://town.example/news/bridge\n" if page_location else ""
    return (f"MIME-Version: 1.0\nSnapshot-Content-Location: https://town.example/news/bridge\n"
            'Content-Type: multipart/related; type="text/html"; boundary="B"\n\n'
            f"--B\nContent-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: base64\n{location}\n"
            f"{base64.encodebytes(page.encode()).decode()}\n"
            "--B\nContent-Type: image/png\nContent-Transfer-Encoding: base64\n"
            "Content-Location: https://town.example/img/bridge.png\n\n"
            f"{base64.encodebytes(png()).decode()}\n--B--\n").encode()


@pytest.mark.parametrize("page_location", [True, False])
def test_mhtml_prefers_the_saved_picture_and_knows_its_address(tmp_path: Path, page_location: bool) -> None:
    (tmp_path / "bridge.mhtml").write_bytes(mhtml(page_location))
    code, _, err = run_cli("convert", "bridge.mhtml", "-o", "bridge.md", cwd=tmp_path)
    assert (code, err) == (0, "")
    text = (tmp_path / "bridge.md").read_text("utf-8")
    assert "url: https://town.example/news/bridge\n" in text
    assert "![The bridge](bridge_files/bridge.png)" in text
    assert "[The report](https://town.example/news/report.html)" in text
    assert (tmp_path / "bridge_files" / "bridge.png").read_bytes() == png()


# 7 (#12): a saved "complete" page


SAVED = """<!DOCTYPE html>
<!-- saved from url=(0043)https://paper.example/news/2025/04/new-pier -->
<html lang="en"><head><meta charset="utf-8"><title>New pier | Paper</title></head><body><article>
<h1>New pier opens</h1><figure><img src="./pier_files/pier.png" alt="The pier"><figcaption>The pier at dawn.
</figcaption></figure><p>The new pier opened on Tuesday morning. It is 140 metres long and has room for the ferry
and for the fishing boats that used the old one, which will be taken down in the spring.</p>
<p>It cost less than the budget, the council said. Read <a href="/reports/pier">the report</a>.</p>
</article></body></html>
"""


def test_a_saved_page_takes_its_address_from_the_saved_from_comment(tmp_path: Path) -> None:
    (tmp_path / "pier.html").write_text(SAVED, "utf-8")
    (tmp_path / "pier_files").mkdir()
    (tmp_path / "pier_files" / "pier.png").write_bytes(png())
    code, out, err = run_cli("convert", "pier.html", cwd=tmp_path)
    assert code == 0
    assert err == ("converter: warning: pier.html: 1 picture left out: Markdown on standard output cannot hold "
                   "pictures (-o FILE.md writes them beside it, in FILE_files/)\n")
    assert "url: https://paper.example/news/2025/04/new-pier\n" in out
    assert "Read [the report](https://paper.example/reports/pier)." in out
    assert "![" not in out and "The pier at dawn." in out  # no file named that was never written
    code, _, err = run_cli("convert", "pier.html", "-o", "edition.md", cwd=tmp_path)
    assert (code, err) == (0, "")
    assert "![The pier](edition_files/pier.png)" in (tmp_path / "edition.md").read_text("utf-8")
