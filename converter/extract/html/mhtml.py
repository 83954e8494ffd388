"""MHTML archives (``.mhtml``, ``.mht``): the page and its pictures in one MIME message.

The archive's parts are the input itself, so pictures found in it are allowed; anything else goes
through the same rule as a page read from memory (``data:`` URIs only).
"""

from __future__ import annotations

import email
import email.policy
import logging
import re
from email.message import EmailMessage

from converter.article import Resource
from converter.errors import SourceError
from converter.extract.html import extract_html
from converter.extract.result import Extraction
from converter.load.decoding import whatwg_codec
from converter.policy.limits import Limits
from converter.policy.resources import Refused, ResourcePolicy, check_picture, report

log = logging.getLogger("converter.extract.mhtml")

#: ``<meta charset="...">`` or ``<meta http-equiv="Content-Type" content="text/html; charset=...">``.
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.I)


def extract_mhtml(data: bytes, *, keep_comments: bool = False, limits: Limits | None = None) -> Extraction:
    """The article of an MHTML archive: its first HTML part, decoded by its charset, with its pictures.

    Raises ``SourceError`` when the archive holds no HTML part.
    """
    message = email.message_from_bytes(data, policy=email.policy.default)
    parts = [p for p in message.walk() if not p.is_multipart()]
    page = next((p for p in parts if p.get_content_type() == "text/html"), None)
    if page is None:
        raise SourceError("the MHTML archive holds no HTML page (no text/html part); was it saved as "
                          "'Webpage, Single File'?")
    archive = _by_location(parts)
    policy = ResourcePolicy(None, limits=limits or Limits())

    def load(url: str) -> Resource | None:
        part = archive.get(url.strip())
        return _picture(url, part, policy.limits) if part is not None else policy.load(url)

    return extract_html(_html_text(page), load_resource=load, keep_comments=keep_comments)


def _by_location(parts: list[EmailMessage]) -> dict[str, EmailMessage]:
    """Each part by the addresses the page may use for it: ``Content-Location`` and ``cid:``."""
    found: dict[str, EmailMessage] = {}
    for part in parts:
        location = (part.get("Content-Location") or "").strip()
        if location:
            found.setdefault(location, part)
        content_id = (part.get("Content-ID") or "").strip().strip("<>")
        if content_id:
            found.setdefault(f"cid:{content_id}", part)
    return found


def _html_text(part: EmailMessage) -> str:
    """The page's text, decoded by the part's charset, else its ``<meta charset>``, else UTF-8.

    The transfer encoding is undone first (``_payload``), so the ``<meta>`` is read from the page itself,
    not from its quoted-printable form (``charset=3D...``). Only WHATWG labels are honoured
    (``whatwg_codec``): ``charset=unicode_escape`` is ignored with a warning."""
    raw = _payload(part)
    declared = _META_CHARSET.search(raw[:4096])
    labels = [part.get_param("charset"), declared.group(1).decode("ascii", "replace") if declared else None]
    for label in (str(x) for x in labels if isinstance(x, str) and x.strip()):
        codec = whatwg_codec(label)
        if codec is not None:
            return raw.decode(codec, errors="replace")
        log.warning("ignoring the MHTML page's charset %r: it is not one of the web's encodings (WHATWG)",
                    label[:40])
    return raw.decode("utf-8", errors="replace")


def _picture(url: str, part: EmailMessage, limits: Limits) -> Resource | None:
    data = _payload(part)
    try:
        header = check_picture(data, limits)
    except Refused as why:
        report(why, url)
        return None
    return Resource(url, header.media_type, data)


def _payload(part: EmailMessage) -> bytes:
    """A leaf part's decoded bytes (``b""`` when it has none: the bytes case is the only one for a leaf)."""
    payload = part.get_payload(decode=True)
    return payload if isinstance(payload, bytes) else b""
