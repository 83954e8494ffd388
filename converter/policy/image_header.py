"""Picture type and size from the first bytes of the file, without decoding a single pixel.

A 600 KB PNG can claim 100000 x 100000 pixels and decode to tens of gigabytes, so the pixel cap is
checked here, from the header, before any decoder sees the data. Each reader below knows one
format's header layout and returns ``None`` when the bytes do not follow it (a truncated or forged
header is refused, not guessed at).
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class ImageHeader:
    """What the header of a picture says about it."""

    media_type: str
    """``image/png``, ``image/jpeg``, ``image/gif``, ``image/webp`` or ``image/svg+xml``."""
    width: int
    """Pixels across (0 for SVG: a vector picture has no pixel size of its own)."""
    height: int
    """Pixels down (0 for SVG)."""

    @property
    def pixels(self) -> int:
        return self.width * self.height


def _png(data: bytes) -> ImageHeader | None:
    """PNG: signature, then the IHDR chunk (length 13) holding width and height as big-endian u32."""
    if len(data) < 24 or data[12:16] != b"IHDR":
        return None
    width, height = struct.unpack(">II", data[16:24])
    return ImageHeader("image/png", width, height)


#: JPEG start-of-frame markers (baseline, progressive, lossless, arithmetic ...), not DHT/JPG/DAC.
_SOF_MARKERS = frozenset({0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF})

#: JPEG markers that stand alone, without a length field.
_STANDALONE = frozenset({0x01, *range(0xD0, 0xD9)})


def _jpeg(data: bytes) -> ImageHeader | None:
    """JPEG: walk the marker segments up to the first SOF, whose body holds height then width (u16)."""
    pos = 2
    while pos + 4 <= len(data):
        if data[pos] != 0xFF:
            return None
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte before a marker
            pos += 1
            continue
        if marker in _STANDALONE:
            pos += 2
            continue
        (length,) = struct.unpack(">H", data[pos + 2:pos + 4])
        if marker in _SOF_MARKERS and pos + 9 <= len(data):
            height, width = struct.unpack(">HH", data[pos + 5:pos + 9])
            return ImageHeader("image/jpeg", width, height)
        if length < 2:
            return None
        pos += 2 + length
    return None


def _gif(data: bytes) -> ImageHeader | None:
    """GIF: the logical screen size (little-endian u16) right after the signature.

    Frames may claim more than the screen; GIF decoders clip them to it, so the screen is the bound.
    """
    if len(data) < 10:
        return None
    width, height = struct.unpack("<HH", data[6:10])
    return ImageHeader("image/gif", width, height)


def _webp(data: bytes) -> ImageHeader | None:
    """WebP: a RIFF container whose first chunk is VP8 (lossy), VP8L (lossless) or VP8X (extended)."""
    chunk = data[12:16]
    if chunk == b"VP8X" and len(data) >= 30:
        width = 1 + int.from_bytes(data[24:27], "little")
        height = 1 + int.from_bytes(data[27:30], "little")
    elif chunk == b"VP8L" and len(data) >= 25 and data[20] == 0x2F:
        bits = int.from_bytes(data[21:25], "little")
        width, height = 1 + (bits & 0x3FFF), 1 + ((bits >> 14) & 0x3FFF)
    elif chunk == b"VP8 " and len(data) >= 30 and data[23:26] == b"\x9d\x01\x2a":
        width = int.from_bytes(data[26:28], "little") & 0x3FFF
        height = int.from_bytes(data[28:30], "little") & 0x3FFF
    else:
        return None
    return ImageHeader("image/webp", width, height)


def _svg(data: bytes) -> ImageHeader | None:
    """SVG: text with an ``<svg`` tag early on (only considered when SVG is allowed)."""
    return ImageHeader("image/svg+xml", 0, 0) if b"<svg" in data[:1024] else None


#: (magic prefix, header reader), tried in order; the prefix alone never decides the type.
READERS: tuple[tuple[bytes, Callable[[bytes], ImageHeader | None]], ...] = (
    (b"\x89PNG\r\n\x1a\n", _png),
    (b"\xff\xd8\xff", _jpeg),
    (b"GIF87a", _gif),
    (b"GIF89a", _gif),
    (b"RIFF", lambda data: _webp(data) if data[8:12] == b"WEBP" else None),
)

#: How many leading bytes the readers need at most (a JPEG's SOF may follow EXIF and ICC segments).
HEADER_BYTES = 256 * 1024


def read_header(data: bytes, allow_svg: bool = False) -> ImageHeader | None:
    """The type and size the picture's header states, or ``None`` if it is not a picture we embed."""
    head = data[:HEADER_BYTES]
    for magic, reader in READERS:
        if head.startswith(magic):
            return reader(head)
    return _svg(head) if allow_svg else None
