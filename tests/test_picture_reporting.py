"""Pictures a saved page names but the converter does not read: remote ones are normal, escapes are not.

``tests/cases/saved-page-pictures/`` holds two pages in the shape browsers save them: ``page.html`` with
a picture beside it (``page_files/quay.png``), a remote one and one out of its folder (``../outside.png``);
``remote-only.html`` with remote pictures (``https:`` and ``//host/``) and pictures a "Save page as HTML
only" did not save (``hmhome.gif``, ``page_files/ferry-map.png``).
"""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import converter
from converter import Article, RenderOptions, render
from converter.cli import main

CASE = Path(__file__).parent / "cases" / "saved-page-pictures"
PAGE = CASE / "page.html"
REMOTE_ONLY = CASE / "remote-only.html"


def _records(caplog: pytest.LogCaptureFixture, level: int) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno == level and r.name.startswith("converter")]


def test_remote_picture_is_a_placeholder_the_local_one_embedded_the_outside_one_a_warning(
        caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG, logger="converter"):
        article = converter.extract(PAGE)
    assert "![Divers at the foot of the wall](https://cdn.coastnews.example/2024/quay-divers.jpg)" in article.body
    assert "![The northern end of the quay wall](images/quay.png)" in article.body
    assert article.resource("images/quay.png").data == (CASE / "page_files" / "quay.png").read_bytes()
    assert "outside.png" not in article.body
    assert "Plans for the new steps" in article.body  # the caption of the refused picture stays

    warnings = _records(caplog, logging.WARNING)
    assert warnings == ["blocked ../outside.png: a '..' step, out of the input's folder"]
    assert not any("quay-divers" in w for w in warnings)
    assert any("quay-divers.jpg" in m and "works offline" in m for m in _records(caplog, logging.INFO))


def test_remote_and_unsaved_pictures_log_no_warning(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG, logger="converter"):
        article = converter.extract(REMOTE_ONLY)
    assert _records(caplog, logging.WARNING) == []
    info = _records(caplog, logging.INFO)
    assert any("ferry-morning.jpg" in m for m in info)
    assert any("//cdn.coastnews.example/2024/ferry-deck.jpg" in m for m in info)
    assert "not read page_files/ferry-map.png: missing: not saved beside the page" in info
    # A protocol-relative picture is written with the page's scheme, so the Markdown link is usable.
    assert "![Passengers on the car deck](https://cdn.coastnews.example/2024/ferry-deck.jpg)" in article.body
    assert "ferry-map" not in article.body and article.resources == ()


def test_html_edition_shows_a_placeholder_for_a_remote_picture() -> None:
    html = render(converter.extract(REMOTE_ONLY), "html").decode("utf-8")
    assert '<span class="picture-missing" role="img" aria-label="The ferry leaving at dawn">' in html
    assert "cdn.coastnews.example" not in html  # no address the browser would fetch


def test_strict_passes_on_a_page_with_only_remote_pictures(tmp_path: Path) -> None:
    out = tmp_path / "out.md"
    result = CliRunner().invoke(main, ["convert", str(REMOTE_ONLY), "--strict", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert "Winter ferry timetable published" in out.read_text("utf-8")


def test_strict_fails_in_one_line_on_a_picture_outside_the_folder(tmp_path: Path) -> None:
    out = tmp_path / "out.md"
    result = CliRunner().invoke(main, ["convert", str(PAGE), "--strict", "-o", str(out)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "converter: error: blocked ../outside.png: a '..' step, out of the input's folder "
        "(strict mode: warnings are errors)"]
    assert not out.exists()


def test_cli_prints_the_warning_but_not_the_remote_pictures(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["convert", str(PAGE), "-o", str(tmp_path / "out.md")])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == ["converter: warning: blocked ../outside.png: a '..' step, out of the "
                                          "input's folder"]


def test_the_library_prints_nothing_when_the_caller_set_up_no_logging() -> None:
    """No last-resort "blocked ..." lines on stderr: the ``converter`` logger has a NullHandler."""
    code = f"import converter; converter.extract(path={str(PAGE)!r}); print('done')"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False)
    assert (done.returncode, done.stdout, done.stderr) == (0, "done\n", "")


def test_pdf_engine_refuses_a_remote_url_quietly(caplog: pytest.LogCaptureFixture,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """A remote URL reaching WeasyPrint's fetcher (from a template's CSS) is never fetched and is INFO only.
    (User CSS loses such a URL before, with a warning: ``converter.policy.user_css``; let it through here.)"""
    import sys

    monkeypatch.setattr(sys.modules["converter.render.html"], "clean_user_css", lambda css: css)
    css = 'body { background: url("https://cdn.coastnews.example/paper.png"); }'
    with caplog.at_level(logging.DEBUG, logger="converter"):
        pdf = render(Article(title="House style", body="Text."), "pdf", options=RenderOptions(css=(css,)))
    assert pdf.startswith(b"%PDF")
    assert _records(caplog, logging.WARNING) == []
    assert any(m.startswith("not read https://cdn.coastnews.example/paper.png") for m in _records(caplog, logging.INFO))


SITE_PATH_PAGE = """<!DOCTYPE html><html><head><title>Harbour lights</title>{canonical}</head><body>
<article><h1>Harbour lights are switched on</h1>
<p>The new lamps along the harbour wall were switched on last night, a week before the winter timetable.</p>
<figure><img src="/images/2024/harbour-lamps.jpg" alt="Lamps along the wall">
<figcaption>The lamps at dusk.</figcaption></figure>
<p>The council says the lamps use a third of the power of the old ones and will be dimmed after midnight.</p>
<p>Residents of the quay had asked for brighter lights after two falls on the steps last winter.</p>
</article></body></html>"""


def test_a_site_path_is_a_remote_picture_when_the_page_names_its_address(tmp_path: Path,
                                                                      caplog: pytest.LogCaptureFixture) -> None:
    canonical = '<link rel="canonical" href="https://coastnews.example/local/harbour-lights.html">'
    page = tmp_path / "page.html"
    page.write_text(SITE_PATH_PAGE.format(canonical=canonical), encoding="utf-8")
    with caplog.at_level(logging.DEBUG, logger="converter"):
        article = converter.extract(page)
    assert "![Lamps along the wall](https://coastnews.example/images/2024/harbour-lamps.jpg)" in article.body
    assert _records(caplog, logging.WARNING) == []
    assert any("a path on the page's web site" in m for m in _records(caplog, logging.INFO))


def test_a_site_path_without_the_page_address_is_still_a_path_outside_the_folder(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    page = tmp_path / "page.html"
    page.write_text(SITE_PATH_PAGE.format(canonical=""), encoding="utf-8")
    with caplog.at_level(logging.DEBUG, logger="converter"):
        article = converter.extract(page)
    assert "harbour-lamps" not in article.body
    assert _records(caplog, logging.WARNING) == [
        "blocked /images/2024/harbour-lamps.jpg: it lies outside the input's folder"]
