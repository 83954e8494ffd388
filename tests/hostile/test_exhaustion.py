"""Exhaustion through the readers: every case runs the command line in a fresh process and must finish
within 60 s and 2 GB (``hostile_helpers.CASE_SECONDS``, ``CASE_BYTES``), with a clear one-line error where it
must fail. The large inputs are generated here (sparse where they can be), never committed."""

from __future__ import annotations

import os
import random
import struct
from pathlib import Path

import pytest
from hostile_helpers import CASE_BYTES, CASE_SECONDS, Bounded, run_cli

from converter.errors import SourceError
from converter.load.source import looks_binary_text
from converter.markdown.frontmatter import split


def _within_budget(run: Bounded) -> None:
    assert run.seconds < CASE_SECONDS, f"took {run.seconds:.1f} s"
    assert run.peak_bytes < CASE_BYTES, f"peaked at {run.peak_bytes / 1024**2:.0f} MB"


def _one_error(run: Bounded, message: str) -> None:
    assert run.rc == 1, run.stderr
    lines = run.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("converter: error: ") and message in lines[0], run.stderr


def billion_laughs(levels: int = 9) -> str:
    """YAML whose aliases expand to 9 ** levels strings."""
    rows = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    rows += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, levels)]
    return "---\n" + "\n".join(rows) + "\ntitle: laughs\n---\n\n# Laughs\n\nA paragraph.\n"


def test_yaml_billion_laughs_is_refused_at_once(tmp_path: Path) -> None:
    (tmp_path / "bomb.md").write_text(billion_laughs())
    run = run_cli(["convert", "bomb.md", "-o", "bomb.pdf"], tmp_path)
    _within_budget(run)
    _one_error(run, "bomb.md: its front matter is not valid YAML (aliases (*name) are not allowed in front matter)")
    assert not (tmp_path / "bomb.pdf").exists()


@pytest.mark.parametrize(("text", "message"), [
    ("---\n" + "".join(f"k{i}: v\n" for i in range(3000)) + "---\nx\n", "more than 2,000 values"),
    ("---\ntitle: " + "x" * 70_000 + "\n---\nbody\n", "over 64 KB"),
], ids=["nodes", "bytes"])
def test_front_matter_is_capped(text: str, message: str) -> None:
    with pytest.raises(SourceError, match=message):
        split(text, "page.md")


@pytest.mark.parametrize("kind", ["txt", "md"])
def test_twenty_mb_of_short_lines_is_refused_before_the_rules_run(tmp_path: Path, kind: str) -> None:
    page = tmp_path / f"lines.{kind}"
    page.write_bytes(b"ab\n" * (6 * 1024 * 1024))  # 18 MB, just under the input limit
    run = run_cli(["convert", page.name, "-o", "out.md"], tmp_path)
    _within_budget(run)
    _one_error(run, f"lines.{kind}: has 6,291,457 lines, over the limit of 50,000 (Limits.max_text_lines)")


def _random_bytes(size: int, seed: int) -> bytes:
    data = random.Random(seed).randbytes(size)
    return data.replace(b"\x00", b"\x01")  # no NUL: the byte check alone would not see it


def _utf16_noise(size: int, seed: int) -> bytes:
    """Random UTF-16-LE code units that decode (no surrogates), behind a byte order mark."""
    rng = random.Random(seed)
    units = (rng.choice((rng.randrange(0x20, 0xD800), rng.randrange(0xE000, 0x10000))) for _ in range(size // 2))
    return b"\xff\xfe" + b"".join(struct.pack("<H", u) for u in units)


@pytest.mark.parametrize(("data", "name"), [
    (lambda: _random_bytes(3 * 1024 * 1024, 1), "noise.html"),
    (lambda: _utf16_noise(1024 * 1024, 2), "utf16.html"),
    (lambda: b"<!DOCTYPE html><html><body><p>" + b"words " * 2000 + _random_bytes(3 * 1024 * 1024, 3), "tail.html"),
], ids=["random bytes", "UTF-16 mark then noise", "HTML head then noise"])
def test_a_binary_file_named_html_is_refused_before_layout(tmp_path: Path, data, name: str) -> None:
    (tmp_path / name).write_bytes(data())
    run = run_cli(["convert", name, "-o", "out.pdf"], tmp_path)
    _within_budget(run)
    _one_error(run, "looks like a binary file, not an article")
    assert not (tmp_path / "out.pdf").exists()


def test_real_text_in_many_scripts_is_not_taken_for_binary() -> None:
    for text in ("The ferry left at dawn.\n" * 500, "Паром ушёл на рассвете.\n" * 500, "渡し船は夜明けに出た。\n" * 500,
                 "العبارة غادرت عند الفجر.\n" * 500, "Emoji 🚢⚓ and tabs\t" * 500):
        assert not looks_binary_text(text)
    assert looks_binary_text(_random_bytes(30_000, 1).decode("latin-1"))


@pytest.mark.parametrize("stdin", ["/dev/zero", "big"])
def test_standard_input_is_read_up_to_the_cap_only(tmp_path: Path, stdin: str) -> None:
    source = Path(stdin)
    if stdin == "big":
        source = tmp_path / "big.txt"
        with open(source, "wb") as fh:
            fh.write(b"# Big\n\n")
            fh.truncate(200 * 1024 * 1024)
    run = run_cli(["convert", "-", "-o", "out.md"], tmp_path, stdin=source)
    _within_budget(run)
    assert run.peak_bytes < 300 * 1024**2, f"peaked at {run.peak_bytes / 1024**2:.0f} MB"
    _one_error(run, "<stdin>: is over the 20 MB input limit (Limits.max_input_bytes)")


def test_a_3_gb_input_to_an_issue_is_refused_without_reading_it(tmp_path: Path) -> None:
    (tmp_path / "1-ferry.md").write_text("# Ferry\n\nThe ferry left at dawn with twelve passengers.\n")
    with open(tmp_path / "2-huge.md", "wb") as fh:
        fh.write(b"# Huge\n\n")
        fh.truncate(3 * 1024**3)
    run = run_cli(["issue", "1-ferry.md", "2-huge.md", "-o", "issue.md", "--cache", str(tmp_path / "cache"),
                   "--jobs", "1"], tmp_path)
    _within_budget(run)
    assert run.peak_bytes < 300 * 1024**2, f"peaked at {run.peak_bytes / 1024**2:.0f} MB"
    assert run.rc == 3, run.stderr
    assert "2-huge.md: is " in run.stderr and "MB, over the 20 MB input limit" in run.stderr
    assert "Ferry" in (tmp_path / "issue.md").read_text()


def test_streamed_cache_key_matches_the_whole_file_digest(tmp_path: Path) -> None:
    import hashlib

    from converter.issue.cache import file_digest

    data = os.urandom(3 * 1024 * 1024 + 7)
    (tmp_path / "a.txt").write_bytes(data)
    assert file_digest(tmp_path / "a.txt", 10 * 1024**2, chunk=65536) == hashlib.sha256(data).hexdigest()
    assert file_digest(tmp_path / "a.txt", 1024**2) == ""


def _feed(entries: int) -> bytes:
    items = "".join(f"<item><title>Story {i}</title><link>https://example.org/{i}</link>"
                    f"<description>&lt;p&gt;Short story number {i} about the harbour.&lt;/p&gt;</description></item>"
                    for i in range(entries))
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour</title>{items}</channel></rss>'.encode()


def test_a_feed_of_60000_items_is_capped_with_a_message(tmp_path: Path) -> None:
    (tmp_path / "feed.xml").write_bytes(_feed(60_000))
    run = run_cli(["issue", "feed.xml", "-o", "issue.md", "--no-cache", "--jobs", "1"], tmp_path)
    _within_budget(run)
    assert run.rc == 0, run.stderr
    assert run.stderr == ("converter: warning: feed.xml: has 60,000 entries; only the first 1,000 are read "
                          "(Limits.max_feed_entries)\n")
    text = (tmp_path / "issue.md").read_text()
    assert "Story 999" in text and "Story 1000\n" not in text


def gif_frame_bomb(width: int = 7000, height: int = 7000, frames: int = 400) -> bytes:
    """A small GIF whose screen is just under the pixel limit and that has many frames, each a 1 x 1
    picture: every frame a decoder composes costs the whole screen."""
    out = bytearray(b"GIF89a" + struct.pack("<HHBBB", width, height, 0x80, 0, 0) + b"\x00\x00\x00\xff\xff\xff")
    out += b"!\xff\x0bNETSCAPE2.0\x03\x01\x00\x00\x00"
    for _ in range(frames):
        out += b"!\xf9\x04\x00\x01\x00\x00\x00"  # graphic control: 10 ms
        out += b"," + struct.pack("<HHHHB", 0, 0, 1, 1, 0) + b"\x02\x02\x44\x01\x00"
    return bytes(out + b";")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_gif_frame_bomb_in_an_issue_pdf(tmp_path: Path, jobs: str) -> None:
    (tmp_path / "bomb.gif").write_bytes(gif_frame_bomb())
    body = "<p>" + "The ferry left at dawn with twelve passengers and a dog on board. " * 6 + "</p>"
    (tmp_path / "page.html").write_text(f"<!DOCTYPE html><html><head><title>Frames</title></head><body><article>"
                                        f"<h1>Frames</h1>{body}<img src='bomb.gif' alt='frames'>{body}</article>"
                                        "</body></html>")
    (tmp_path / "plain.md").write_text("# Plain\n\nA plain article that must be printed whatever happens.\n")
    run = run_cli(["issue", "page.html", "plain.md", "-o", "issue.pdf", "--no-cache", "--jobs", jobs], tmp_path)
    _within_budget(run)
    assert run.rc in (0, 3), run.stderr
    assert (tmp_path / "issue.pdf").exists()
