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
