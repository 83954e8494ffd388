"""Whether a picture's pixels decode: a header can be sound (``image_header``) over no image data at all.

A 45-byte PNG with a header and no ``IDAT`` chunk passes every header check, and the PDF engine then
stops on it ("cannot load this image"). Each picture is decoded once here, by Pillow, after the pixel
cap was checked on its header, so the decode is bounded; JPEGs are decoded at an eighth of their size
(``draft``), which still reads every coefficient. The verdict is remembered per picture (by digest), so
the extractor and the PDF sanitiser do not decode one picture twice in a process.

Pillow's own warnings (``DecompressionBombWarning``) are caught here: the pixel cap already ruled on size.
"""

from __future__ import annotations

import hashlib
import io
import warnings

from converter.policy.limits import Limits

#: Most pixels decoded here: ``Limits.max_image_pixels``' default, for pictures that reach this check
#: without the extractor's header check (an Article built by a library caller).
MAX_PIXELS = Limits().max_image_pixels

#: Verdicts remembered, by the picture's digest (the pictures themselves are not kept).
_VERDICTS: dict[bytes, str] = {}
_REMEMBERED = 4096


def decode_problem(data: bytes) -> str:
    """Why the picture in ``data`` cannot be decoded ("" when it decodes)."""
    key = hashlib.sha256(data).digest()
    if key not in _VERDICTS:
        if len(_VERDICTS) >= _REMEMBERED:
            _VERDICTS.clear()
        _VERDICTS[key] = _problem(data)
    return _VERDICTS[key]


def _problem(data: bytes) -> str:
    try:
        from PIL import Image, ImageFile
    except ImportError:  # no decoder to ask: the header checks stand alone
        return ""
    # WeasyPrint's import sets Pillow's LOAD_TRUNCATED_IMAGES for the whole process; the verdict must not
    # depend on whether it was imported, so a truncated picture is always a problem here.
    lenient, ImageFile.LOAD_TRUNCATED_IMAGES = ImageFile.LOAD_TRUNCATED_IMAGES, False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with Image.open(io.BytesIO(data)) as picture:
                width, height = picture.size  # from the header: nothing decoded yet
                if width * height > MAX_PIXELS:
                    return f"{width} x {height} pixels is over the {MAX_PIXELS // 1_000_000} Mpx limit"
                if picture.format == "JPEG":
                    picture.draft(picture.mode, (max(1, picture.width // 8), max(1, picture.height // 8)))
                picture.load()
    except Exception as err:  # Pillow raises OSError, SyntaxError, ValueError, struct.error ... on bad data
        return str(err).strip() or type(err).__name__
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = lenient
    return ""
