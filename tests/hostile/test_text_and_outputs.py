"""Hostile bytes, markup in text, and output paths: decoding, escaping, atomic writes, safe names, the CLI."""

from __future__ import annotations

import codecs
import logging
import os
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from hostile_helpers import cpu_seconds

from converter import Article, render
from converter.cli import main
from converter.errors import ConverterError
from converter.load.source import from_bytes
from converter.render.writing import MAX_NAME_BYTES, safe_filename, write_atomic
from tests.conftest import assert_warned

#: (case, input bytes, the text it must decode to (a prefix), a warning's words or "").
DECODING_CASES = [
    ("UTF-7 declared", b'<meta charset="utf-7"><p>+ADw-script+AD4-</p>', '<meta charset="utf-7"><p>+ADw-script',
     "ignoring the declared charset 'utf-7'"),
    ("unicode_escape declared", b'<meta charset="unicode_escape"><p>\\u003cscript\\u003e',
     '<meta charset="unicode_', "ignoring the declared charset 'unicode_escape'"),
    ("BOM beats declaration", codecs.BOM_UTF8 + '<meta charset="koi8-r"><p>café'.encode(),
     '<meta charset="koi8-r"><p>café', ""),
    ("UTF-16 declared in ASCII", b'<meta charset="utf-16"><p>plain</p>', '<meta charset="utf-16"><p>plain</p>', ""),
    ("KOI8-R declared", '<meta charset="koi8-r"><p>Привет'.encode("koi8-r"), '<meta charset="koi8-r"><p>Привет', ""),
    ("latin1 label is windows-1252", '<meta charset="iso-8859-1"><p>“quoted”'.encode("cp1252"),
     '<meta charset="iso-8859-1"><p>“quoted”', ""),
    ("mojibake repaired", "Le cafÃ© est fermÃ©, câ€™est la vie.".encode(), "Le café est fermé, c’est la vie.",
     "repaired text that was UTF-8 read as windows-1252"),
    ("mojibake beside a real é left alone", "cafÃ© et café".encode(), "cafÃ© et café", ""),
    ("undeclared legacy bytes", ("Ein Stück Käse. " * 20).encode("cp1252"), "Ein Stück Käse.", "is not UTF-8"),
    ("bad bytes under a declaration", '<meta charset="utf-8"><p>Ça coûte trop cher, déjà.'.encode() + b' caf\xe9',
     '<meta charset="utf-8"><p>Ça coûte trop cher, déjà. caf\ufffd', "some bytes are not utf-8 as the page declares"),
    ("windows-1252 under a utf-8 declaration", b'<meta charset="utf-8"><p>caf\xe9',
     '<meta charset="utf-8"><p>café', "declares utf-8 but most of its non-ASCII bytes are not UTF-8; read it as "
     "cp1252"),
]


@pytest.mark.parametrize(("data", "text", "warning"),
                         [pytest.param(d, t, w, id=c) for c, d, t, w in DECODING_CASES])
def test_decoding(data: bytes, text: str, warning: str, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="converter"):
        decoded = from_bytes(data, name="in.html").text
    assert decoded.startswith(text)
    assert_warned(caplog, warning)


#: (case, Article, text that must not appear in the HTML edition, text that must).
ESCAPING_CASES = [
    ("script in title", Article(title="<script>alert(1)</script>", body="x"), "<script>", "&lt;script&gt;"),
    ("attribute in description", Article(title="t", body="x", description='"><img src=x onerror=alert(1)>'),
     "<img src=x", "&#34;&gt;&lt;img"),
    # raw HTML goes through the allow-list: a picture in raw HTML is reduced to its (absent) alt text
    ("raw HTML in body", Article(title="t", body="<img src=x onerror=alert(1)> kept"), "onerror", "<p> kept</p>"),
    ("javascript link", Article(title="t", body="[x](javascript:alert(1))"), "javascript:", "<p>x</p>"),
    ("mixed-case scheme", Article(title="t", body="[x]( JaVaScRiPt:alert(1))"), 'href="', "<p>x</p>"),
    ("data: link", Article(title="t", body="[x](data:text/html,<script>alert(1)</script>)"), 'href="data', "x"),
    ("vbscript link", Article(title="t", body="[x](vbscript:msgbox)"), "vbscript:", "<p>x</p>"),
    ("XML-forbidden characters", Article(title="t\x0b\x01", body="a\x0cb\x1bc"), "\x0c", "abc"),
    ("mailto kept", Article(title="t", body="[mail](mailto:a@example.org)"), "javascript",
     'href="mailto:a@example.org"'),
]


@pytest.mark.parametrize(("article", "absent", "present"),
                         [pytest.param(a, n, p, id=c) for c, a, n, p in ESCAPING_CASES])
def test_escaping_in_the_html_edition(article: Article, absent: str, present: str) -> None:
    html = render(article, "html").decode()
    body = html[html.index("<body"):]
    assert absent not in body
    assert present in html


#: (case, title, the file name it must give).
FILENAME_CASES = [
    ("separators", "Harbour/ferry: a \"test\"?", "Harbour-ferry- a -test.pdf"),
    ("dot-dot", "../../etc/passwd", "etc-passwd.pdf"),
    ("only dots", "..", "article.pdf"),
    ("hidden", "  .bashrc", "bashrc.pdf"),
    ("bidi override", "\u202egnp.exe", "gnp.exe.pdf"),
    ("isolates and marks", "a\u2066b\u2069c\u200e\u200fd", "abcd.pdf"),
    ("control characters", "\x1b[31mred\x00", "[31mred.pdf"),
    ("windows device", "CON", "CON_.pdf"),
    ("windows device with a dot", "aux.notes", "aux.notes_.pdf"),
    ("empty", "", "article.pdf"),
    ("white space only", " \t\n", "article.pdf"),
]


@pytest.mark.parametrize(("title", "name"), [pytest.param(t, n, id=c) for c, t, n in FILENAME_CASES])
def test_safe_filename(title: str, name: str) -> None:
    assert safe_filename(title, "pdf") == name


@pytest.mark.parametrize("title", ["x" * 400, "é" * 400, "日本語" * 100, "a" * 119 + "€€€"])
def test_safe_filename_is_bounded_in_bytes(title: str) -> None:
    name = safe_filename(title, "epub")
    assert len(name.encode("utf-8")) <= MAX_NAME_BYTES and name.endswith(".epub") and "\ufffd" not in name


def test_symlink_planted_at_the_output_is_replaced_not_followed(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    out = tmp_path / "out.md"
    out.symlink_to(victim)
    write_atomic(out, b"edition")
    assert victim.read_text() == "keep me"
    assert not out.is_symlink() and out.read_bytes() == b"edition"


def test_failed_write_leaves_the_old_output_and_no_temporary_file(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out.md"
    out.write_text("old edition")

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(ConverterError, match=r"cannot be written \(No space left on device\)"):
        write_atomic(out, b"new edition")
    assert out.read_text() == "old edition"
    assert [p.name for p in tmp_path.iterdir()] == ["out.md"]


def test_fifo_output_is_written_into_not_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    time.sleep(0.1)
    write_atomic(fifo, b"streamed")
    reader.join(timeout=5)
    assert received == [b"streamed"] and fifo.is_fifo()


def test_fifo_output_without_a_reader_fails_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(ConverterError, match="cannot be written"):
        write_atomic(fifo, b"nobody listens")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_cli_refuses_an_output_that_is_the_input(runner: CliRunner, tmp_path: Path) -> None:
    article = tmp_path / "a.md"
    article.write_text("# Title\n\nText.\n")
    (tmp_path / "b.md").hardlink_to(article)
    result = runner.invoke(main, ["convert", str(article), "-o", str(tmp_path / "b.md")])
    assert result.exit_code == 2
    assert "is the input" in result.stderr
    assert article.read_text() == "# Title\n\nText.\n"


@pytest.mark.parametrize(("make", "message"), [
    (lambda d: _fifo(d / "pipe.md"), "is not a regular file (a device or a pipe)"),
    (lambda d: Path("/dev/zero"), "is not a regular file (a device or a pipe)"),
    (lambda d: _sparse(d / "big.md", 21 * 1024 * 1024), "over the 20 MB input limit"),
    (lambda d: _write(d / "zip.md", b"PK\x03\x04" + b"\x00" * 100), "looks like a binary file"),
    (lambda d: _write(d / "bad-bom.md", codecs.BOM_UTF16_LE + b"\x00\xd8"), "is not valid utf-16-le"),
])
def test_cli_bad_inputs_exit_1_in_one_line_without_hanging(runner: CliRunner, tmp_path: Path, make,
                                                          message: str) -> None:
    path, out = make(tmp_path), tmp_path / "out.md"
    start = cpu_seconds()
    result = runner.invoke(main, ["convert", str(path), "-o", str(out)])
    assert cpu_seconds() - start < 10
    assert result.exit_code == 1
    assert message in result.stderr and len(result.stderr.splitlines()) == 1
    assert not out.exists()


def test_cli_hostile_markdown_to_pdf_succeeds_and_leaks_nothing(runner: CliRunner, secret: Path) -> None:
    from hostile_helpers import SECRET, pdf_haystack

    page = secret.parent / "page"
    article = page / "a.md"
    article.write_text(f'# Title\n\n<a rel="attachment" href="{secret.as_uri()}">x</a>\n\n![p]({secret.as_uri()})\n\n'
                       f"[link]({secret.as_uri()})\n")
    out = page / "a.pdf"
    result = runner.invoke(main, ["convert", str(article), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert SECRET not in pdf_haystack(out.read_bytes())


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def _sparse(path: Path, size: int) -> Path:
    with open(path, "wb") as fh:
        fh.write(b"# big\n")
        fh.truncate(size)
    return path
