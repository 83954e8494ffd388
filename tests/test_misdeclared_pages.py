"""Pages that say one thing and hold another: ``charset=utf-8`` over windows-1252 (or windows-1251) bytes,
and a script app whose only text is its ``<noscript>`` fallback. Every page here is written for the test."""

from __future__ import annotations

import logging

import pytest

from converter.load.source import from_bytes
from tests.conftest import assert_warned, run_cli

FRENCH = ("<html><head><meta charset='utf-8'><title>Café</title></head><body><article>"
          "<h1>Le café du quai rouvre</h1><p>Après deux années de travaux, le café a rouvert samedi. Les habitués "
          "étaient là, malgré la pluie. Le propriétaire, Jérôme Lefèvre, promet des prix honnêtes.</p>"
          "</article></body></html>")


def test_a_utf8_declaration_over_windows_1252_bytes_reads_as_windows_1252(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="converter"):
        text = from_bytes(FRENCH.encode("cp1252"), name="cafe.html").text
    assert text == FRENCH
    assert_warned(caplog, "cafe.html declares utf-8 but most of its non-ASCII bytes are not UTF-8; read it as "
                          "cp1252, which they all are")


def test_a_utf8_declaration_over_windows_1251_bytes_reads_as_the_detector_says() -> None:
    page = ("<html><head><meta charset=\"utf-8\"></head><body><p>Паром снова ходит по расписанию: первый рейс "
            "отправляется в семь утра, последний в десять вечера. Билеты продаются на причале.</p></body></html>")
    assert from_bytes(page.encode("cp1251"), name="ferry.html").text == page


def test_a_utf8_page_with_one_damaged_byte_stays_utf8(caplog: pytest.LogCaptureFixture) -> None:
    data = FRENCH.encode("utf-8").replace("Jérôme".encode(), b"J\xe9r\xc3\xb4me")
    with caplog.at_level(logging.WARNING, logger="converter"):
        text = from_bytes(data, name="cafe.html").text
    assert text == FRENCH.replace("Jérôme", "J\ufffdrôme")
    assert_warned(caplog, "cafe.html: some bytes are not utf-8 as the page declares; they show as \ufffd")


def test_convert_reads_the_misdeclared_page_with_its_accents(tmp_path) -> None:
    (tmp_path / "cafe.html").write_bytes(FRENCH.encode("cp1252"))
    code, out, err = run_cli("convert", str(tmp_path / "cafe.html"))
    assert code == 0, err
    assert out.splitlines()[1] == "title: Le café du quai rouvre"
    assert "Après deux années de travaux, le café a rouvert samedi." in out
    assert "\ufffd" not in out
    assert err == (f"converter: warning: {tmp_path / 'cafe.html'} declares utf-8 but most of its non-ASCII bytes "
                   "are not UTF-8; read it as cp1252, which they all are\n")


APP_SHELL = ("<!doctype html><html><head><title>App</title></head><body><div id=root></div>"
             "<script>render()</script><noscript><h1>Night trains return to the coast line</h1><p>The overnight "
             "service will run again from March, the operator said on Monday.</p><script>track()</script>"
             "<p>Sleeper cars have been refitted.</p></noscript></body></html>")


def test_a_script_apps_noscript_fallback_is_read_when_the_page_shows_nothing_else(tmp_path) -> None:
    (tmp_path / "app.html").write_text(APP_SHELL, "utf-8")
    code, out, err = run_cli("convert", str(tmp_path / "app.html"))
    assert (code, err) == (0, "")
    assert out == ("---\ntitle: Night trains return to the coast line\nsource: app.html\nlanguage: en\n---\n\n"
                   "# Night trains return to the coast line\n\nThe overnight service will run again from March, "
                   "the operator said on Monday.\n\nSleeper cars have been refitted.\n")


def test_an_ordinary_page_ignores_its_noscript_notes(tmp_path) -> None:
    page = ("<html><head><title>Ferry</title></head><body><noscript><p>Please enable JavaScript to see the "
            "comments and the live departure board, which need it.</p></noscript><article><h1>The ferry runs "
            "again</h1><p>After two winters at the quay the ferry to the island runs again from Monday, six "
            "crossings a day, the first at seven.</p><p>Tickets are sold on board.</p></article>"
            "<noscript><p>This site works best with scripts on: the timetable, the map of the crossings and "
            "the live departure board are drawn by them, and so are the comments under each article."
            "</p></noscript></body></html>")
    (tmp_path / "ferry.html").write_text(page, "utf-8")
    code, out, err = run_cli("convert", str(tmp_path / "ferry.html"))
    assert code == 0, err
    assert "JavaScript" not in out and "scripts on" not in out
    assert out.endswith("six crossings a day, the first at seven.\n\nTickets are sold on board.\n")


def test_a_shell_whose_noscript_only_asks_for_javascript_is_still_refused(tmp_path) -> None:
    page = ("<html><body><div id=app></div><noscript>You need to enable JavaScript to run this app."
            "</noscript></body></html>")
    (tmp_path / "shell.html").write_text(page, "utf-8")
    code, _, err = run_cli("convert", str(tmp_path / "shell.html"))
    assert code == 1
    assert "no article text found in the page (0 characters of visible text)" in err
