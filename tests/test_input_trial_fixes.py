"""Input and option bugs from the fresh-user trial: encodings without a byte order mark, stray NUL bytes,
margins larger than the page, bidi controls in names and metadata, inline SVG pictures, DOCTYPE subsets."""

from __future__ import annotations

import random
import zipfile
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
    assert err.strip().endswith("nul.html: dropped a NUL byte (a control byte no article holds)")
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


RLO, PDF, LRI, PDI, RLM, ALM = "\u202e", "\u202c", "\u2066", "\u2069", "\u200f", "\u061c"


@pytest.mark.parametrize(("value", "cleaned"), [
    (f"{RLO}gpj.exe", "gpj.exe"),
    (f"Ferry news {RLO}txt.exe{PDF} and {RLM}{ALM} bidi {LRI}isolate",
     f"Ferry news txt.exe and {RLM}{ALM} bidi isolate"),
    (f"A {LRI}quoted{PDI} name", f"A {LRI}quoted{PDI} name"),
    (f"closers {PDI}{PDF} without openers", "closers  without openers"),
    ("\u202bembedded\u202c kept, \u202aopen dropped", "\u202bembedded\u202c kept, open dropped"),
])
def test_metadata_keeps_no_override_and_no_unbalanced_run(value: str, cleaned: str) -> None:
    from converter.article import Article, Masthead

    article = Article(title=value, body="Text.", authors=(value,), site=value, source=value)
    assert (article.title, article.authors, article.site, article.source) == (cleaned, (cleaned,), cleaned, cleaned)
    assert Masthead(title=value, publisher=value).publisher == cleaned


def test_body_keeps_bidi_runs_and_marks_but_closes_each_at_its_line_end() -> None:
    from converter.article import Article

    body = f"The ferry {RLO}left at dawn.\n\nNext {LRI}isolated{PDI} and {RLM}mark.\n\nA stray {PDF}closer."
    assert Article(title="T", body=body).body == (
        f"The ferry {RLO}left at dawn.{PDF}\n\nNext {LRI}isolated{PDI} and {RLM}mark.\n\nA stray closer.")
    assert Article(title="T", body=f"{LRI}a \u202bb").body == f"{LRI}a \u202bb{PDF}{PDI}"


def test_an_overriding_title_reaches_no_output_and_no_file_name(tmp_path: Path) -> None:
    from pypdf import PdfReader

    name = f"rtl{RLO}fdp.html"
    (tmp_path / name).write_text(f"<html><head><title>Ferry {RLO}gpj.exe</title><meta name=author content="
                                 f"'Evil {RLO}gnirts'></head><body><article><h1>Ferry {RLO}gpj.exe</h1><p>The "
                                 "harbour authority confirmed on Monday that ferry fares will rise by eight percent."
                                 "</p></article></body></html>", "utf-8")
    for fmt in ("pdf", "epub"):
        code, _out, err = run_cli("convert", name, "--to", fmt, cwd=tmp_path)
        assert code == 0, err
    code, _out, err = run_cli("convert", name, "--out-dir", "md", "--to", "md", cwd=tmp_path)
    assert code == 0, err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["md", "rtlfdp.epub", "rtlfdp.pdf", name]
    assert (tmp_path / "md" / "rtlfdp.md").read_text("utf-8").startswith(
        "---\ntitle: Ferry gpj.exe\nauthor: Evil gnirts\nsource: rtlfdp.html\n")
    assert PdfReader(tmp_path / "rtlfdp.pdf").metadata.title == "Ferry gpj.exe"
    book = zipfile.ZipFile(tmp_path / "rtlfdp.epub")
    opf = next(n for n in book.namelist() if n.endswith(".opf"))
    assert '<dc:title id="title">Ferry gpj.exe</dc:title>' in book.read(opf).decode()


def _svg_page() -> str:
    import base64

    svg = base64.b64encode(b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" '
                           b'height="10"/></svg>').decode()
    return ("<html><body><article><h1>Head</h1><p>The ferry left at dawn and the harbour master said the boats "
            f'are fine now, all of them.</p><img src="data:image/svg+xml;base64,{svg}" alt="A square"><p>More '
            "text about the harbour and the ferry fares going up again this year.</p></article></body></html>")


def test_an_inline_svg_picture_is_left_out_with_a_warning_that_says_why(tmp_path: Path) -> None:
    (tmp_path / "svg.html").write_text(_svg_page(), "utf-8")
    code, _out, err = run_cli("convert", str(tmp_path / "svg.html"), "-o", str(tmp_path / "x.epub"))
    assert code == 0, err
    assert err == ("converter: warning: blocked data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My"
                   "...Ii8+PC9zdmc+: not a PNG, JPEG, GIF or WebP picture but SVG, which is left out (an SVG picture "
                   "can carry scripts and name other files)\n")


def test_an_inline_svg_picture_reaches_the_policy_and_is_embedded_where_it_allows_svg() -> None:
    from converter.extract.html import extract_html
    from converter.policy.resources import ResourcePolicy

    allowed = extract_html(_svg_page(), load_resource=ResourcePolicy(None, allow_svg=True).load)
    assert "\n\n![A square](images/picture.svg)\n\n" in allowed.body
    assert [(r.ref, r.media_type) for r in allowed.resources] == [("images/picture.svg", "image/svg+xml")]
    refused = extract_html(_svg_page(), load_resource=ResourcePolicy(None).load)
    assert "\n\n::: figure\nA square\n:::\n\n" in refused.body and refused.resources == ()


def test_no_resource_warning_has_an_empty_name(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    import logging

    from converter.policy.resources import Refused, ResourcePolicy, report

    with caplog.at_level(logging.INFO, logger="converter"):
        assert ResourcePolicy(tmp_path).load(" ") is None
        assert ResourcePolicy(tmp_path).load("./") is None
        report(Refused("why"), "")
    assert [r.getMessage() for r in caplog.records] == [
        'not read a picture with an empty address (src=""): there is nothing to read',
        "blocked ./: the address names a folder, not a file",
        "blocked a picture with an empty address: why"]
    assert [r.levelno for r in caplog.records] == [logging.INFO, logging.WARNING, logging.WARNING]


_LAUGHS = "".join(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">\n' for n in range(1, 10))


@pytest.mark.parametrize("subset", [
    f'[<!ENTITY lol "lol">\n{_LAUGHS}]',
    '[ <!ENTITY a "x]>y"> <!-- a ]> in a comment --> <!ATTLIST p id ID #IMPLIED> ]',
], ids=["billion laughs", "brackets quoted and in a comment"])
def test_an_xhtml_doctype_internal_subset_leaks_nothing_and_expands_nothing(tmp_path: Path, subset: str) -> None:
    page = (f'<?xml version="1.0"?>\n<!DOCTYPE html {subset}>\n<html xmlns="http://www.w3.org/1999/xhtml"><head>'
            "<title>Subset</title></head><body><h1>Subset</h1><p>The ferry &lol9; left at dawn, the harbour master "
            "said on Monday.</p></body></html>")
    (tmp_path / "lol.xhtml").write_text(page, "utf-8")
    code, out, err = run_cli("convert", str(tmp_path / "lol.xhtml"))
    assert (code, err) == (0, "")
    assert out == ("---\ntitle: Subset\nsource: lol.xhtml\n---\n\n# Subset\n\nThe ferry \\&lol9; left at dawn, the "
                   "harbour master said on Monday.\n")


@pytest.mark.parametrize("page", [
    "<!DOCTYPE html><p>x</p>",
    '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">'
    "<p>x</p>",
    '<!DOCTYPE html [ <!ENTITY a "never closed">',
    "<p>No doctype [at all]></p>",
    # damaged: before any subset the first ">" ends the DOCTYPE, quoted or not, as the HTML tokenizer reads it
    "<meta charset='utf-8'><!DOCTYPE html PUves' title='May 2008' href='/2008/05/' />\n"
    "<p>First paragraph.</p><p>It's [not] over.</p><p>Last paragraph.</p>",
])
def test_a_page_without_an_internal_subset_is_left_as_it_is(page: str) -> None:
    from converter.extract.html.parse import without_internal_subset

    assert without_internal_subset(page) == page


@pytest.mark.parametrize(("data", "kind"), [
    (b"PK\x03\x04\x14\x00\x00\x00mimetypeapplication/epub+zip",
     "a ZIP archive: an EPUB, an office document or other files"),
    (b"\x7fELF\x02\x01\x01" + b"\x00" * 40, "a program"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "a PDF document"),
])
def test_a_known_binary_format_is_named_in_the_refusal(tmp_path: Path, data: bytes, kind: str) -> None:
    (tmp_path / "book.epub").write_bytes(data)
    code, out, err = run_cli("convert", str(tmp_path / "book.epub"))
    assert (code, out) == (1, "")
    assert err == (f"converter: error: {tmp_path / 'book.epub'}: looks like a binary file ({kind}), not an article; "
                   "give a text, HTML or Markdown file\n")


def test_a_feed_with_an_entity_bomb_in_its_doctype_is_read_and_nothing_expands(tmp_path: Path) -> None:
    feed = (f'<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd"><!ENTITY lol "lol">'
            f"{_LAUGHS}]>\n<rss version=\"2.0\"><channel><title>Feed &lol9;</title><link>http://ex.com/</link>"
            "<item><title>Item one &xxe;</title><link>http://ex.com/1</link><description>&lol9; The ferry left "
            "at dawn, the harbour master said on Monday.</description></item></channel></rss>")
    (tmp_path / "lol.rss").write_text(feed, "utf-8")
    code, out, err = run_cli("convert", str(tmp_path / "lol.rss"))
    assert (code, err) == (0, "")
    assert out == ("---\ntitle: Item one &xxe;\nsource: http://ex.com/1\nsite: Feed\nurl: http://ex.com/1\n---\n\n"
                   "# Item one \\&xxe;\n\n\\&lol9; The ferry left at dawn, the harbour master said on Monday.\n")


def test_an_svg_picture_given_as_the_article_is_refused_unless_read_as_text(tmp_path: Path) -> None:
    svg = (f'<?xml version="1.0"?>\n<!DOCTYPE svg [{_LAUGHS}]>\n<svg xmlns="http://www.w3.org/2000/svg"><text>&lol9;'
           "</text></svg>")
    (tmp_path / "lol.svg").write_text(svg, "utf-8")
    code, out, err = run_cli("convert", str(tmp_path / "lol.svg"))
    assert (code, out) == (1, "")
    assert err == (f"converter: error: {tmp_path / 'lol.svg'}: is an SVG picture, not an article; give a text, HTML "
                   "or Markdown file (or --kind text to read its markup as text)\n")
    assert "SVG" not in run_cli("convert", str(tmp_path / "lol.svg"), "--kind", "text")[2]


def test_setup_filters_only_pips_warning_about_local_indexes_and_keeps_its_exit_status(tmp_path: Path) -> None:
    import subprocess

    setup = (Path(__file__).parents[1] / "scripts" / "setup.sh").read_text("utf-8")
    function = setup[setup.index("pip_quietly() {"):]
    function = function[:function.index("\n}\n") + 3]
    fake = tmp_path / ".venv" / "bin" / "python"
    fake.parent.mkdir(parents=True)
    fake.write_text("#!/bin/sh\necho installed\n"
                    "echo \"WARNING: Location 'file:///opt/pypi/simple/click/' is ignored: it is neither a file nor "
                    "a directory.\" >&2\necho 'WARNING: something else' >&2\nexit 3\n")
    fake.chmod(0o755)
    run = subprocess.run(["bash", "-c", f"set -euo pipefail\n{function}\npip_quietly install x; echo unreached"],
                         cwd=tmp_path, capture_output=True, text=True)
    assert (run.returncode, run.stdout, run.stderr) == (3, "installed\n", "WARNING: something else\n")
