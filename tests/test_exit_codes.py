"""Issue 19: every error a user can cause is one line on standard error and exit 1 or 2 (70 is left for
bugs). The walk below takes each ordinary condition that used to end in "internal error ... report it"
(or in a silent exit 0) and asserts the exit code and the exact line. Also: user CSS under the resource
policy in every format, only WHATWG charsets honoured, library warnings said once in our words.
"""

from __future__ import annotations

import io
import logging
import os
import subprocess
import sys
import warnings
import zipfile
from pathlib import Path

import pypdf
import pytest

from converter.cli.common import library_warnings
from converter.load.decoding import whatwg_codec
from tests.conftest import run_cli


def cli(*args: str, cwd: Path) -> tuple[int, str, str]:
    return run_cli(*args, cwd=cwd)


def process(*args: str, cwd: Path, **streams: object) -> tuple[int, str]:
    """The converter as a real process, for conditions on its own descriptors: exit code, stderr."""
    done = subprocess.run([sys.executable, "-m", "converter", *args], cwd=cwd, timeout=60, check=False,
                          stderr=subprocess.PIPE, **streams)  # type: ignore[call-overload]
    return done.returncode, done.stderr.decode()


@pytest.fixture
def work(tmp_path: Path) -> Path:
    (tmp_path / "a.md").write_text("# Harbour\n\nThe ferry runs again this winter, the harbour office says.\n")
    return tmp_path


def template(folder: Path, text: str) -> None:
    """A template folder overriding the header (each case its own name: environments are cached by folder)."""
    folder.mkdir()
    (folder / "header.html.j2").write_text(text)


def deep_toml() -> str:
    return "x = " + "[" * 5000 + "]" * 5000 + "\n"


# Each case: the arguments, what to set up (a function of the folder), the exit code, the one stderr line.
CASES = {
    "missing output folder": (
        ["convert", "a.md", "-o", "nowhere/a.html"], None, 2,
        "converter: error: the output nowhere/a.html: the folder nowhere does not exist; create it first "
        "(nothing was written)"),
    "--out-dir under a file": (
        ["convert", "a.md", "--out-dir", "a.md/editions"], None, 2,
        "converter: error: --out-dir a.md/editions: is under a.md, which is a file; give a folder "
        "(nothing was written)"),
    "--out-dir that is a file": (
        ["convert", "a.md", "--out-dir", "a.md"], None, 2,
        "converter: error: --out-dir a.md: is a file; give a folder (nothing was written)"),
    "issue --individual folder that is a file": (
        ["issue", "a.md", "-o", "a.html", "--individual", "--no-cache"], lambda d: (d / "a").write_text("x"), 2,
        "converter: error: --individual a: is a file; give a folder (nothing was written)"),
    "deeply nested manifest": (
        ["issue", "--manifest", "deep.toml", "-o", "issue.md", "--no-cache"],
        lambda d: (d / "deep.toml").write_text(deep_toml()), 2,
        "converter: error: manifest deep.toml: is nested too deeply to read; flatten it"),
    "deeply nested configuration": (
        ["convert", "a.md", "-o", "a.html"],
        lambda d: (d / "converter.toml").write_text(deep_toml()), 2,
        "converter: error: {cwd}/converter.toml: is nested too deeply to read; flatten it"),
    "deeply nested YAML front matter": (
        ["convert", "deep.md", "-o", "deep.html"],
        lambda d: (d / "deep.md").write_text("---\ntitle: " + "[" * 5000 + "]" * 5000 + "\n---\n\nText.\n"), 1,
        "converter: error: deep.md: its front matter is nested too deeply to read; flatten it"),
    "missing template folder": (
        ["convert", "a.md", "-o", "a.html", "--template", "nope"], None, 2,
        "converter: error: template folder nope does not exist"),
    "missing template": (
        ["convert", "a.md", "-o", "a.html", "--template", "tm"], lambda d: template(d / "tm", '{% include "x.j2" %}'),
        1, "converter: error: template 'x.j2' not found in tm or the converter's templates"),
    "recursive template": (
        ["convert", "a.md", "-o", "a.html", "--template", "tr"],
        lambda d: template(d / "tr", '{% include "header.html.j2" %}'), 1,
        "converter: error: template {cwd}/tr/header.html.j2, line 1: includes itself without end"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_user_errors_are_one_line_and_exit_1_or_2(case: str, work: Path) -> None:
    args, setup, code, line = CASES[case]
    if setup is not None:
        setup(work)
    result = cli(*args, cwd=work)
    assert (result[0], result[2]) == (code, line.format(cwd=work) + "\n")


def test_a_folder_that_cannot_be_written_is_exit_2_as_a_missing_one(work: Path) -> None:
    folder = work / "read-only"
    folder.mkdir()
    folder.chmod(0o555)
    if os.access(folder, os.W_OK):  # root writes anywhere; /sys refuses even root
        if not os.path.isdir("/sys/kernel"):
            pytest.skip("running as root with no /sys to refuse a write")
        folder = Path("/sys/kernel")
    code, _, err = cli("convert", "a.md", "-o", str(folder / "a.html"), cwd=work)
    assert code == 2  # a wrong place, as a missing folder is (trial 3 #15)
    assert err == (f"converter: error: the output {folder}/a.html: the folder {folder} cannot be written in "
                   "(Permission denied); choose another folder (nothing was written)\n")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_full_disk_on_standard_output_is_exit_1_not_a_truncated_file(work: Path) -> None:
    with open("/dev/full", "wb") as full:
        code, err = process("convert", "a.md", cwd=work, stdout=full)
    assert code == 1
    assert err.startswith("converter: error: standard output: cannot be written (No space left on device); "
                          "the output is incomplete after 0 of ")
    assert err.count("\n") == 1


def test_closed_standard_output_is_exit_1(work: Path) -> None:
    done = subprocess.run(f"{sys.executable} -m converter convert a.md >&-", shell=True, cwd=work,
                          stderr=subprocess.PIPE, timeout=60, check=False)
    assert (done.returncode, done.stderr.decode()) == (
        1, "converter: error: standard output: is closed; give -o FILE instead\n")


def test_closed_standard_input_is_exit_2(work: Path) -> None:
    done = subprocess.run(f"{sys.executable} -m converter convert - -o out.md <&-", shell=True, cwd=work,
                          stderr=subprocess.PIPE, timeout=60, check=False)
    assert (done.returncode, done.stderr.decode()) == (
        2, "converter: error: standard input is closed; give the article as a file, or pipe it in\n")


# --- user CSS: the same resource policy in every format -------------------------------------------------

HOSTILE_CSS = ('@import url(http://tracker.example/house.css); body { background: url(file:///etc/passwd) } '
               'h1 { color: #123456 }')

CSS_WARNINGS = (
    "converter: warning: removed @import url(http://tracker.example/house.css) from the user CSS: the editions "
    "load no other file or address\n"
    "converter: warning: removed 'background: url(file:///etc/passwd)' from the user CSS: url(file:///etc/passwd) "
    "is not embedded; the editions fetch and read nothing\n")


@pytest.fixture(autouse=True)
def fresh_css_cache() -> None:
    """The cleaned CSS is remembered per process (its warnings said once per run); each test is a run."""
    from converter.policy.user_css import clean_user_css

    clean_user_css.cache_clear()


def test_user_css_references_are_removed_from_html(work: Path) -> None:
    code, _, err = cli("convert", "a.md", "-o", "a.html", "--css", HOSTILE_CSS, cwd=work)
    assert (code, err) == (0, CSS_WARNINGS)
    html = (work / "a.html").read_text()
    assert "tracker.example" not in html and "/etc/passwd" not in html
    assert "h1 {color: #123456 ;}" in html


def test_user_css_from_the_configuration_is_removed_from_epub(work: Path, epubcheck) -> None:
    (work / "converter.toml").write_text(f"css = [{HOSTILE_CSS!r}]\n".replace("'", '"'))
    code, _, err = cli("convert", "a.md", "-o", "a.epub", cwd=work)
    assert (code, err) == (0, CSS_WARNINGS)
    with zipfile.ZipFile(work / "a.epub") as book:
        text = "".join(book.read(n).decode("utf-8", "replace") for n in book.namelist() if not n.endswith(".png"))
    assert "tracker.example" not in text and "/etc/passwd" not in text and "#123456" in text
    report = epubcheck([work / "a.epub"])[work / "a.epub"]
    assert "No errors or warnings detected" in report, report


def test_absurd_css_values_are_dropped_and_the_pdf_parses(work: Path) -> None:
    code, _, err = cli("convert", "a.md", "-o", "a.pdf", "--css", "*{transform:scale(1e30)}", cwd=work)
    assert (code, err) == (0, "converter: warning: removed 'transform: scale(1e30)' from the user CSS: the value "
                              "1e30 is out of range\n")
    reader = pypdf.PdfReader(io.BytesIO((work / "a.pdf").read_bytes()))
    assert "The ferry runs again this winter" in " ".join(p.extract_text() for p in reader.pages)


# --- charsets: the WHATWG labels only -------------------------------------------------------------------


@pytest.mark.parametrize(("label", "codec"), [
    ("latin1", "cp1252"), ("ISO-8859-1", "cp1252"), ("gb2312", "gbk"), ("utf-16", "utf-8"), ("UTF8", "utf-8"),
    ("x-user-defined", "cp1252"), ("unicode_escape", None), ("utf-7", None), ("iso-2022-kr", None), ("3d", None),
])
def test_only_whatwg_labels_are_honoured(label: str, codec: str | None) -> None:
    assert whatwg_codec(label) == codec


MHTML = """From: <Saved by Blink>
Subject: Harbour
MIME-Version: 1.0
Content-Type: multipart/related; type="text/html"; boundary="----B"

------B
Content-Type: text/html{charset}
Content-Transfer-Encoding: quoted-printable
Content-Location: https://example.com/harbour

<html><head><meta http-equiv=3D"Content-Type" content=3D"text/html; charset=3D=
windows-1252"></head><body><article><h1>Harbour caf=E9</h1><p>The caf=E9 by the ferry \\u0041 opens again =
this winter, with words enough for an article.</p></article></body></html>
------B--
"""


def test_mhtml_quoted_printable_meta_is_read_after_decoding(work: Path) -> None:
    (work / "page.mhtml").write_text(MHTML.format(charset=""))
    code, out, err = cli("convert", "page.mhtml", "--to", "md", cwd=work)
    assert (code, err) == (0, "")
    assert "The café by the ferry" in out


@pytest.mark.parametrize("label", ["unicode_escape", "rot13", "hex", "utf-7"])
def test_mhtml_odd_charsets_are_not_honoured(work: Path, label: str) -> None:
    (work / "page.mhtml").write_text(MHTML.format(charset=f"; charset={label}"))
    code, out, err = cli("convert", "page.mhtml", "--to", "md", cwd=work)
    assert code == 0
    assert err == (f"converter: warning: ignoring the MHTML page's charset '{label}': it is not one of the "
                   "web's encodings (WHATWG)\n")
    assert "\\u0041 opens" in out.replace("\\\\", "\\")  # unicode_escape would have made it "A opens"


# --- third-party warnings -------------------------------------------------------------------------------


def test_a_library_warning_is_said_once_in_our_words(caplog: pytest.LogCaptureFixture) -> None:
    from PIL import Image

    with caplog.at_level(logging.WARNING, logger="converter"), library_warnings():
        for _ in range(3):
            warnings.warn(Image.DecompressionBombWarning(
                "Image size (100000000 pixels) exceeds limit of 89478485 pixels, could be decompression bomb DOS "
                "attack."), stacklevel=1)
    assert caplog.messages == ["a picture of 100,000,000 pixels is over the picture library's safety threshold of "
                               "89,478,485; it was decoded, slowly and with much memory"]


def test_pango_criticals_on_stderr_are_said_once_in_our_words(caplog: pytest.LogCaptureFixture,
                                                             capfd: pytest.CaptureFixture[str]) -> None:
    from converter.render.engine_messages import engine_messages

    line = b"(process:42): Pango-CRITICAL **: 10:00:00.000: pango_font_get_glyph_extents: assertion failed\n"
    with caplog.at_level(logging.WARNING, logger="converter"), engine_messages():
        for _ in range(3):
            os.write(2, line)
        os.write(2, b"another library's own line\n")
    assert caplog.messages == ["the PDF engine's text layout (Pango) reported a problem: "
                               "pango_font_get_glyph_extents: assertion failed"]
    assert capfd.readouterr().err == "another library's own line\n"
