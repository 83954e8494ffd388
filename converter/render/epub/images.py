"""Pictures as the book stores them: formats every reader shows, a bounded size, no decompression bombs.

EPUB 3.2's core image types are PNG, JPEG, GIF and SVG; WebP and AVIF are shown by few readers (and
epubcheck 4 rejects them without a fallback), so they are re-encoded: PNG when the picture has
transparency, JPEG otherwise.
"""

from __future__ import annotations

import io
import logging
from dataclasses import replace

from PIL import Image

from converter.article import Resource
from converter.policy.limits import Limits

log = logging.getLogger("converter.render.epub")

#: Largest picture we decode, in pixels: the one pixel cap, ``Limits.max_image_pixels`` (an extracted article's
#: pictures already passed it, with the caller's limits, when they were read; this guards Articles a library
#: caller built by hand).
MAX_PIXELS = Limits.max_image_pixels

#: Pillow format -> media type, for the formats every EPUB reader shows as they are.
CORE_FORMATS: dict[str, str] = {"PNG": "image/png", "JPEG": "image/jpeg", "GIF": "image/gif"}

#: Media type -> file extension inside the book.
EXTENSIONS: dict[str, str] = {
    "image/png": "png", "image/jpeg": "jpg", "image/gif": "gif", "image/svg+xml": "svg",
}

#: JPEG quality for re-encoded photos: visually lossless on an e-reader, a third of the size of 95.
JPEG_QUALITY = 85


def book_resource(resource: Resource, max_side: int | None = None) -> Resource | None:
    """``resource`` as the book stores it (core format, longer side at most ``max_side``), or None if refused."""
    if resource.media_type == "image/svg+xml":
        return resource  # a vector picture: nothing to convert or downscale
    try:
        with Image.open(io.BytesIO(resource.data)) as picture:
            return _normalise(resource, picture, max_side)
    except (OSError, ValueError, Image.DecompressionBombError) as err:
        log.warning("picture %s left out of the EPUB: it cannot be read (%s)", resource.ref, err)
        return None


def _normalise(resource: Resource, picture: Image.Image, max_side: int | None) -> Resource | None:
    # The size comes from the header: nothing has been decoded yet.
    width, height = picture.size
    if width * height > MAX_PIXELS:
        log.warning("picture %s left out of the EPUB: %d x %d pixels is over the %d Mpx limit",
                    resource.ref, width, height, MAX_PIXELS // 1_000_000)
        return None
    media_type = CORE_FORMATS.get(picture.format or "")
    # CMYK JPEGs are re-encoded too: many reading systems show them with inverted colours.
    if media_type and picture.mode != "CMYK" and not _too_large(picture.size, max_side):
        return replace(resource, media_type=media_type)  # keep the bytes; trust the header, not the label
    return _reencode(resource, picture, max_side)


def _too_large(size: tuple[int, int], max_side: int | None) -> bool:
    return max_side is not None and max(size) > max_side


def _reencode(resource: Resource, picture: Image.Image, max_side: int | None) -> Resource:
    picture.seek(0)  # an animation keeps its first frame
    frame = picture.convert("RGBA" if has_alpha(picture) else "RGB")
    if max_side is not None:
        frame.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    keep_png = has_alpha(picture) or picture.format in ("PNG", "GIF")
    media_type = "image/png" if keep_png else "image/jpeg"
    return replace(resource, media_type=media_type, data=encode(frame, media_type, picture.info.get("icc_profile")))


def has_alpha(picture: Image.Image) -> bool:
    """Whether the picture has transparency (an alpha band or a transparent palette entry)."""
    return picture.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in picture.info


def encode(frame: Image.Image, media_type: str, icc_profile: bytes | None = None) -> bytes:
    """PNG or JPEG bytes of ``frame``, with no metadata that would change from run to run."""
    out = io.BytesIO()
    extra = {"icc_profile": icc_profile} if icc_profile else {}
    if media_type == "image/png":
        frame.save(out, "PNG", optimize=True, **extra)
    else:
        frame.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=False, **extra)
    return out.getvalue()


def file_name(resource: Resource, stem: str) -> str:
    """The picture's file name in the book: ``stem`` plus the extension of its media type."""
    return f"{stem}.{EXTENSIONS.get(resource.media_type, 'bin')}"
