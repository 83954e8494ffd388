"""Input and option bugs from the fresh-user trial: encodings without a byte order mark, stray NUL bytes,
margins larger than the page, bidi controls in names and metadata, inline SVG pictures, DOCTYPE subsets."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from converter.errors import SourceError
from converter.load.decoding import wide_codec
from converter.load.source import from_bytes
from tests.conftest import run_cli

GERMAN = "Fähre: Preise steigen\n\nDie Hafenbehörde bestätigte am Montag, dass die Fährpreise steigen.\n"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_without_a_byte_order_mark_are_read_by_their_nul_pattern(codec: str) -> None:
    data = GERMAN.encode(codec)
    assert wide_codec(data) == codec
    assert from_bytes(data, name="x.txt").text == GERMAN


def test_utf16_without_a_byte_order_mark_converts_from_the_command_line(tmp_path: Path) -> None:
    (tmp_path / "f.txt").write_bytes(GERMAN.encode("utf-16-le"))
    code, _out, err = run_cli("convert", str(tmp_path / "f.txt"), "-o", str(tmp_path / "f.md"))
    assert code == 0, err
    assert "f.txt has no byte order mark; read it as utf-16-le (the pattern of its NUL bytes)" in err
    assert (tmp_path / "f.md").read_text("utf-8") == (
        "---\ntitle: 'Fähre: Preise steigen'\nsource: f.txt\n---\n\n# Fähre: Preise steigen\n\n"
        "Die Hafenbehörde bestätigte am Montag, dass die Fährpreise steigen.\n")


def test_an_odd_byte_at_the_end_of_utf16_is_dropped() -> None:
    assert from_bytes("The ferry left.".encode("utf-16-le") + b"\n", name="x.txt").text == "The ferry left."


@pytest.mark.parametrize("data", [
    b"The ferry\x00 left at dawn.\n" * 3,
    "Zoë’s café\x00 opened.\n".encode(),
    b"\x00\x00",
    random.Random(4).randbytes(4000),
], ids=["ASCII with stray NULs", "UTF-8 with a stray NUL", "only NULs", "random bytes"])
def test_text_with_a_stray_nul_or_random_bytes_shows_no_wide_pattern(data: bytes) -> None:
    assert wide_codec(data) is None


def test_a_page_with_one_stray_nul_converts_with_the_nul_dropped(tmp_path: Path) -> None:
    page = b"<html><head><title>NUL</title></head><body><article><h1>One NUL</h1><p>The harbour confirmed on Monday." \
           b"\x00 that ferry fares will rise by eight percent from April.</p></article></body></html>"
    (tmp_path / "nul.html").write_bytes(page)
    code, out, err = run_cli("convert", str(tmp_path / "nul.html"))
    assert code == 0, err
    assert err.strip().endswith("nul.html: dropped 1 NUL byte (a stray control byte no article holds)")
    assert out.endswith("# One NUL\n\nThe harbour confirmed on Monday. that ferry fares will rise by eight percent "
                        "from April.\n")


@pytest.mark.parametrize("data", [
    b"<html><body><p>" + b"text\x00" * 9 + b"</p></body></html>",
    b"SQLite format 3\x00" + b"\x10\x00\x01\x01\x00@  \x00\x00\x00\x02" * 40,
    random.Random(5).randbytes(6000),
], ids=["nine NULs", "a database", "random bytes"])
def test_many_nuls_or_random_bytes_are_still_refused_as_binary(data: bytes) -> None:
    with pytest.raises(SourceError, match=r"^x\.html: looks like a binary file, not an article; give a text, HTML"):
        from_bytes(data, name="x.html")


@pytest.mark.parametrize(("size", "margins", "message"), [
    ("A5", "200mm", "margins '200mm' leave a text area of -252 x -190 mm on the A5 page (148 x 210 mm); leave at "
                    "least 20 mm of width and height (the default margins are 18mm 16mm 20mm)"),
    ("A4", "10mm 100mm", "margins '10mm 100mm' leave a text area of 10 x 277 mm on the A4 page (210 x 297 mm)"),
    ("100mmx150mm", "10mm 10mm 121mm", "margins '10mm 10mm 121mm' leave a text area of 80 x 19 mm"),
    ("7in", "2in", "margins '2in' leave a text area of 5.4 x 40.4 mm on the 7in page (107 x 142 mm)"),
])
def test_margins_that_leave_no_room_for_text_are_a_usage_error(size: str, margins: str, message: str) -> None:
    from converter.errors import UsageError
    from converter.options import RenderOptions

    with pytest.raises(UsageError) as caught:
        RenderOptions(page_size=size, margins=margins)
    assert str(caught.value).startswith(message)


@pytest.mark.parametrize(("size", "margins"), [("A5", "18mm 16mm 20mm"), ("letter", "1in"), ("6in", "50mm 10mm"),
                                               ("A5", "10mm 60mm 10mm 50mm"), ("60mmx150mm", "8mm"),
                                               ("100mmx150mm", "10mm 10mm 120mm")])
def test_margins_that_leave_twenty_millimetres_or_more_are_accepted(size: str, margins: str) -> None:
    from converter.options import RenderOptions

    assert RenderOptions(page_size=size, margins=margins).margins == margins


def test_margins_larger_than_the_page_exit_2_from_the_command_line(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("# Title\n\nText.\n", "utf-8")
    code, out, err = run_cli("convert", str(tmp_path / "a.md"), "-o", str(tmp_path / "a.pdf"), "--margins", "200mm")
    assert (code, out) == (2, "")
    assert err == ("converter: error: margins '200mm' leave a text area of -252 x -190 mm on the A5 page "
                   "(148 x 210 mm); leave at least 20 mm of width and height (the default margins are 18mm 16mm "
                   "20mm)\n")
    assert not (tmp_path / "a.pdf").exists()
