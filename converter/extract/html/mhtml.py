"""MHTML archives (``.mhtml``, ``.mht``): the page and its pictures in one MIME message.

The archive's parts are the input itself, so pictures found in it are allowed; anything else goes
through the same rule as a page read from memory (``data:`` URIs only).
"""

from __future__ import annotations

import email
import email.policy
import logging
import re
from collections.abc import Callable
from email.message import EmailMessage
from html import unescape
from urllib.parse import urljoin

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
    page_url = page_address(message, page)

    def saved(url: str) -> EmailMessage | None:
        url = unescape(url.strip())
        return archive.get(url) or (archive.get(urljoin(page_url, url)) if page_url else None)

    def load(url: str) -> Resource | None:
        part = saved(url)
        return _picture(url, part, policy.limits) if part is not None else policy.load(url)

    html = prefer_saved_candidates(_html_text(page), lambda url: saved(url) is not None)
    return extract_html(html, load_resource=load, keep_comments=keep_comments, page_url=page_url,
                        max_elements=policy.limits.max_input_elements,
                        max_attributes=policy.limits.max_element_attributes)


def page_address(message: EmailMessage, page: EmailMessage) -> str:
    """The address the page was saved from: its part's ``Content-Location``, else the archive's
    ``Snapshot-Content-Location`` (Chrome writes both; some tools only the second); "" when neither is an
    http(s) address."""
    for value in (page.get("Content-Location"), message.get("Snapshot-Content-Location")):
        url = str(value or "").strip()
        if url.lower().startswith(("http://", "https://")):
            return url
    return ""


#: A ``srcset`` (or lazy ``data-srcset``) attribute and its quoted value, on ``<img>`` and ``<source>``.
_SRCSET = re.compile(r"""(\s(?:data-)?srcset\s*=\s*)("[^"]*"|'[^']*')""", re.I)


def prefer_saved_candidates(html: str, is_saved: Callable[[str], bool]) -> str:
    """Rule: in an archive, a picture's saved copy beats a larger one that was not saved. Every ``srcset``
    keeps only the candidates the archive holds (none, when it holds none of them), so a ``<picture>``'s
    unsaved ``<source srcset>`` no longer wins over the saved ``<img src>``, and the Markdown points at the
    picture, not at the web."""

    def keep_saved(found: re.Match[str]) -> str:
        quote, value = found.group(2)[0], found.group(2)[1:-1]
        items = [item for item in value.split(",") if item.strip()]
        kept = [item for item in items if is_saved(item.split()[0])]
        if len(kept) == len(items):
            return found.group(0)
        return f"{found.group(1)}{quote}{','.join(kept)}{quote}"

    return _SRCSET.sub(keep_saved, html)


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
