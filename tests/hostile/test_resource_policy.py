"""Hostile resource references: each case is a URL a saved page might hold and the exact refusal."""

from __future__ import annotations

import base64
import logging
import os
import struct
import zlib
from pathlib import Path

import pytest
from hostile_helpers import SECRET

from converter.policy.image_header import read_header
from converter.policy.limits import Limits
from converter.policy.resources import ResourcePolicy


def png(width: int, height: int) -> bytes:
    """A PNG header claiming ``width`` x ``height`` (a real IHDR, CRC included; no pixel data)."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    chunk = struct.pack(">I", 13) + b"IHDR" + ihdr + struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
    return b"\x89PNG\r\n\x1a\n" + chunk + b"\x00" * 64


SMALL_PNG = png(2, 2)
JPEG_BOMB = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" \
            b"\xff\xc0\x00\x11\x08\xff\xff\xff\xff\x03\x01\x22\x00\x02\x11\x01\x03\x11\x01" + b"\x00" * 32
GIF_BOMB = b"GIF89a\xff\xff\xff\xff\x00\x00\x00" + b"\x00" * 32
WEBP_VP8X_BOMB = b"RIFF\x00\x00\x00\x00WEBPVP8X\x0a\x00\x00\x00\x00\x00\x00\x00\xff\x3f\x00\xff\x3f\x00" + b"\x00" * 8
WEBP_VP8L_BOMB = b"RIFF\x00\x00\x00\x00WEBPVP8L\x00\x00\x00\x00\x2f" + (0x3FFF | 0x3FFF << 14).to_bytes(4, "little")
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><image href="file:///etc/passwd"/></svg>'


@pytest.fixture
def page(secret: Path) -> Path:
    """The input's folder, with a picture, traps pointing out of it, a FIFO and a big file."""
    folder = secret.parent / "page"
    (folder / "img").mkdir()
    (folder / "img" / "ok.png").write_bytes(SMALL_PNG)
    (folder / "img" / "bomb.png").write_bytes(png(100_000, 100_000))
    (folder / "img" / "bomb.jpg").write_bytes(JPEG_BOMB)
    (folder / "img" / "bomb.gif").write_bytes(GIF_BOMB)
    (folder / "img" / "bomb.webp").write_bytes(WEBP_VP8X_BOMB)
    (folder / "img" / "bomb-lossless.webp").write_bytes(WEBP_VP8L_BOMB)
    (folder / "img" / "drawing.svg").write_bytes(SVG)
    (folder / "img" / "truncated.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (folder / "secret-link.png").symlink_to(secret)
    (folder / "zero.png").symlink_to("/dev/zero")
    (folder / "outside").symlink_to(secret.parent, target_is_directory=True)
    (secret.parent / "secret.png").write_bytes(SMALL_PNG)
    os.mkfifo(folder / "pipe.png")
    with open(folder / "huge.png", "wb") as fh:  # sparse: 16 MB on paper, nothing on disk
        fh.write(SMALL_PNG)
        fh.truncate(16 * 1024 * 1024)
    return folder


#: (case, URL as the page writes it, the words the warning must hold).
REFUSED = [
    ("dot-dot", "../secret.txt", "a '..' step, out of the input's folder"),
    ("dot-dot deep", "img/../../secret.txt", "a '..' step, out of the input's folder"),
    ("encoded slash", "img/..%2F..%2Fsecret.txt", "a '..' step, out of the input's folder"),
    ("encoded dots", "%2e%2e/secret.txt", "a '..' step, out of the input's folder"),
    ("encoded twice", "%252e%252e/secret.txt", "percent-encoded twice"),
    ("backslashes", "..\\secret.txt", "a '..' step, out of the input's folder"),
    ("bad utf-8 escape", "img/%ff%fe.png", "percent-encoding that is not UTF-8"),
    ("NUL byte", "img/ok.png%00.txt", "a NUL byte"),
    ("absolute path", "/etc/passwd", "outside the input's folder"),
    ("file URL outside", "file:///etc/passwd", "outside the input's folder"),
    ("file URL with host", "file://fileserver/share/secret.txt", "a file on another host"),
    ("file URL to a missing file inside", "file:///{page}/img/none.png", "missing"),
    ("UNC path", "\\\\fileserver\\share\\secret.png", "a file on another host"),
    ("symlink to a file outside", "secret-link.png", "a symbolic link"),
    ("symlink to a device", "zero.png", "a symbolic link"),
    ("symlinked folder", "outside/secret.png", "a symbolic link"),
    ("FIFO", "pipe.png", "not a regular file"),
    ("folder", "img", "not a regular file"),
    ("over the byte cap", "huge.png", "over the 15728640-byte picture limit"),
    ("SVG off by default", "img/drawing.svg", "not a PNG, JPEG, GIF or WebP picture"),
    ("text named .png", "data:image/png;base64," + base64.b64encode(SECRET.encode()).decode(), "not a PNG"),
    ("PNG bomb", "img/bomb.png", "100000 x 100000 pixels, over the 50,000,000-pixel limit"),
    ("JPEG bomb", "img/bomb.jpg", "65535 x 65535 pixels"),
    ("GIF bomb", "img/bomb.gif", "65535 x 65535 pixels"),
    ("WebP VP8X bomb", "img/bomb.webp", "16384 x 16384 pixels"),
    ("WebP VP8L bomb", "img/bomb-lossless.webp", "16384 x 16384 pixels"),
    ("broken header", "img/truncated.png", "not a PNG, JPEG, GIF or WebP picture"),
    ("data: bomb", "data:image/png;base64," + base64.b64encode(png(100_000, 100_000)).decode(), "pixel limit"),
    ("data: without data", "data:image/png;base64", "a data: URI without data"),
    ("ftp", "ftp://example.org/x.png", "the converter works offline"),
    ("javascript", "javascript:alert(1)", "the converter works offline"),
    ("windows drive", "C:\\Windows\\win.ini", "the converter works offline"),
]


#: (case, URL, words of the message): refused too, but normal in a saved page, so reported at INFO only.
NOT_READ = [
    ("http", "http://127.0.0.1:9/x.png", "the converter works offline"),
    ("https", "https://example.org/x.png", "the converter works offline"),
    ("protocol-relative", "//127.0.0.1/x.png", "the converter works offline"),
    ("missing bare name", "none.png", "missing: not saved beside the page"),
    ("missing folder", "page_files/none.png", "missing: not saved beside the page"),
]


@pytest.mark.parametrize(("url", "why"), [pytest.param(u, w, id=c) for c, u, w in REFUSED])
def test_refused_with_a_warning_naming_it(page: Path, url: str, why: str, caplog: pytest.LogCaptureFixture) -> None:
    url = url.replace("file:///{page}", page.resolve().as_uri())
    with caplog.at_level(logging.DEBUG, logger="converter"):
        assert ResourcePolicy(page).load(url) is None
    assert why in caplog.text
    assert f"blocked {url[:60]}" in caplog.text
    assert [r.levelno for r in caplog.records] == [logging.WARNING]


def test_a_missing_picture_in_a_folder_of_the_pages_own_is_a_warning(page: Path,
                                                                     caplog: pytest.LogCaptureFixture) -> None:
    """``img/none.png`` is not what a "Save page as HTML only" leaves (a bare name, ``page_files/``): the
    page's own picture is lost, and the user is told."""
    with caplog.at_level(logging.DEBUG, logger="converter"):
        assert ResourcePolicy(page).load("img/none.png") is None
    assert [(r.levelno, r.getMessage()) for r in caplog.records] == [
        (logging.WARNING, "missing img/none.png: no such file beside the page; the output shows its caption or "
                          "alt text instead")]


@pytest.mark.parametrize(("url", "why"), [pytest.param(u, w, id=c) for c, u, w in NOT_READ])
def test_remote_and_unsaved_pictures_are_refused_at_info(page: Path, url: str, why: str,
                                                         caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG, logger="converter"):
        assert ResourcePolicy(page).load(url) is None
    assert why in caplog.text
    assert f"not read {url[:60]}" in caplog.text
    assert [r.levelno for r in caplog.records] == [logging.INFO]


@pytest.mark.parametrize("url", ["img/ok.png", "./img/ok.png", "img//ok.png", "img/ok.png?v=2#x"])
def test_pictures_inside_the_folder_are_read(page: Path, url: str) -> None:
    resource = ResourcePolicy(page).load(url)
    assert resource is not None and (resource.media_type, resource.data) == ("image/png", SMALL_PNG)


def test_file_url_inside_the_folder_is_read(page: Path) -> None:
    resource = ResourcePolicy(page).load((page / "img" / "ok.png").resolve().as_uri())
    assert resource is not None and resource.data == SMALL_PNG


def test_svg_only_when_asked_for(page: Path) -> None:
    resource = ResourcePolicy(page, allow_svg=True).load("img/drawing.svg")
    assert resource is not None and resource.media_type == "image/svg+xml"


def test_caps_come_from_limits(page: Path, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="converter"):
        assert ResourcePolicy(page, limits=Limits(max_image_pixels=3)).load("img/ok.png") is None
    assert "2 x 2 pixels, over the 3-pixel limit" in caplog.text


@pytest.mark.parametrize(("data", "size"), [
    (png(640, 480), (640, 480)), (JPEG_BOMB, (65535, 65535)), (GIF_BOMB, (65535, 65535)),
    (WEBP_VP8X_BOMB, (16384, 16384)), (WEBP_VP8L_BOMB, (16384, 16384)),
    (b"RIFF\x00\x00\x00\x00WEBPVP8 \x00\x00\x00\x00\x00\x00\x00\x9d\x01\x2a\x80\x02\xe0\x01", (640, 480)),
])
def test_header_reader_states_the_size_without_decoding(data: bytes, size: tuple[int, int]) -> None:
    header = read_header(data)
    assert header is not None and (header.width, header.height) == size
