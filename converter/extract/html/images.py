"""Pictures: the real address behind lazy loading, tracking pixels dropped, pictures loaded as resources.

Lazy-loading pages put a placeholder in ``src`` and the picture in ``data-src`` (or ``srcset``, or a
``<noscript>`` copy, or ``<picture><source>``); ``resolve_lazy_pictures`` writes the real address into
``src`` so the rest of the extractor only ever reads ``src``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

from lxml.html import HtmlElement

from converter.article import Resource
from converter.policy.resources import is_remote, short

log = logging.getLogger("converter.policy.resources")

#: Attributes that lazy-loading scripts read the real address from, most specific first.
LAZY_SOURCES = ("data-src", "data-lazy-src", "data-original", "data-lazy", "data-url", "data-hi-res-src")
LAZY_SRCSETS = ("data-srcset", "data-lazy-srcset", "srcset")
#: Words of a placeholder's file name (``blank.gif``, ``lazy-placeholder.png``).
PLACEHOLDER_WORDS = ("blank", "placeholder", "spacer", "lazy", "loading", "transparent", "grey", "gray")
#: A ``data:`` URI shorter than this is a 1x1 placeholder (a transparent GIF takes 70 to 90 characters).
PLACEHOLDER_URI_LENGTH = 120
#: Words of a tracking pixel's address (``/pixel.gif``, ``/b/ss/beacon``).
PIXEL_WORDS = ("pixel", "beacon", "tracking", "tracker", "spacer", "1x1", "counter", "analytics", "px")
#: Pictures this small (width or height, in CSS pixels) are pixels or icons, not illustrations.
TINY = 24
#: srcset widths above this are print masters, not what a reader needs.
MAX_WIDTH = 2400
_WORDS = re.compile(r"[a-z0-9]+")
_MEDIA_EXTENSIONS = {"image/png": "png", "image/jpeg": "jpg", "image/gif": "gif", "image/webp": "webp",
                     "image/svg+xml": "svg"}


@dataclass(frozen=True)
class Picture:
    """What the Markdown shows for one picture address."""

    target: str
    """The resource ref (embedded) or the remote URL ("" when neither can be shown)."""
    resource: Resource | None


def resolve_lazy_pictures(root: HtmlElement) -> None:
    """Write the real address of every ``<img>`` into its ``src``; drop pixels and placeholders."""
    for noscript in list(root.iter("noscript")):
        _use_noscript_copy(noscript)
    for picture in list(root.iter("picture")):
        _use_largest_source(picture)
    for img in list(root.iter("img")):
        src = real_source(img)
        if not src or is_tracking_pixel(img, src):
            img.drop_tree()
        else:
            img.set("src", src)


def real_source(img: HtmlElement) -> str:
    """The address a browser with scripts on would show: lazy attributes, then srcset, then src."""
    for attribute in LAZY_SOURCES:
        if (img.get(attribute) or "").strip():
            return img.get(attribute).strip()
    src = (img.get("src") or "").strip()
    if src and not is_placeholder(src) and not urlsplit(src).netloc:
        return src  # a saved page's own copy (page_files/..., data:) beats a remote srcset
    for attribute in LAZY_SRCSETS:
        best = largest_candidate(img.get(attribute) or "")
        if best:
            return best
    return "" if is_placeholder(src) else src


def largest_candidate(srcset: str) -> str:
    """The widest candidate of a ``srcset`` up to ``MAX_WIDTH`` (``1x``/``2x`` count as 1000/2000)."""
    candidates = []
    for item in srcset.split(","):
        parts = item.split()
        if not parts or parts[0].startswith("data:"):
            continue
        size = parts[1] if len(parts) > 1 else "1x"
        number = re.match(r"[\d.]+", size)
        width = float(number.group(0)) * (1000 if size.endswith("x") else 1) if number else 0
        candidates.append((width if width <= MAX_WIDTH else -width, parts[0]))
    return max(candidates)[1] if candidates else ""


def is_placeholder(src: str) -> bool:
    """A tiny inline GIF or a file named like a placeholder."""
    if src.startswith("data:"):
        return len(src) < PLACEHOLDER_URI_LENGTH
    name = PurePosixPath(urlsplit(src).path).name.lower()
    return any(w in PLACEHOLDER_WORDS for w in _WORDS.findall(name))


def is_tracking_pixel(img: HtmlElement, src: str) -> bool:
    """Declared at most ``TINY`` pixels wide or high, or an address made of pixel words."""
    sizes = [_pixels(img.get(a)) for a in ("width", "height")]
    if any(s is not None and s <= TINY for s in sizes):
        return True
    path_words = _WORDS.findall(unquote(urlsplit(src).path).lower()) if not src.startswith("data:") else []
    return any(w in PIXEL_WORDS for w in path_words[-2:])


def load_pictures(urls: list[str], load: Callable[[str], Resource | None] | None,
                  base_url: str = "") -> dict[str, Picture]:
    """Each picture address -> what the Markdown shows: an embedded ref, a remote URL, or nothing.

    A remote picture (``https:``, ``//host/``, written with the scheme of ``base_url``, else https) stays
    a link-style picture, ``![alt](https://...)``: the renderers show a placeholder with its alt text,
    and fetch nothing. ``load`` decides how loudly a refusal is logged (see ``converter.policy.resources``).
    """
    pictures: _Pictures = _Pictures()
    taken = pictures.targets
    for url in dict.fromkeys(urls):
        site = site_address(url, base_url)
        if site and serves_site_addresses(load):
            loaded = load(site) if load else None
            if loaded is not None:
                ref = _unique_ref(site, loaded.media_type, taken)
                pictures[url] = Picture(ref, Resource(ref, loaded.media_type, loaded.data))
                continue
        if site:
            log.info("not read %s: a path on the page's web site (%s); the converter works offline", short(url), site)
            pictures[url] = Picture(site, None)
            continue
        loaded = load(url) if load else None
        if loaded is not None:
            ref = _unique_ref(url, loaded.media_type, taken)
            pictures[url] = Picture(ref, Resource(ref, loaded.media_type, loaded.data))
        elif is_remote(url):
            scheme = urlsplit(base_url).scheme if base_url.startswith(("http:", "https:")) else "https"
            pictures[url] = Picture(f"{scheme}:{url.strip()}" if url.strip().startswith("//") else url, None)
        else:
            pictures[url] = Picture("", None)
    return dict(pictures)


class _Pictures(dict[str, Picture]):
    """The pictures found so far, with the set of their targets kept as they are added (made anew for each
    picture, it was the square of their number: 20,000 data: URIs)."""

    def __init__(self) -> None:
        super().__init__()
        self.targets = _Taken()

    def __setitem__(self, url: str, picture: Picture) -> None:
        super().__setitem__(url, picture)
        self.targets.add(picture.target)


class _Taken(set[str]):
    """Targets taken, and the number each ``_unique_ref`` name got to (the ones below it stay taken)."""

    def __init__(self) -> None:
        super().__init__()
        self.numbered: dict[str, int] = {}


def serves_site_addresses(load: Callable[[str], Resource | None] | None) -> bool:
    """Whether ``load`` holds the web site's own files by address (a web archive's captures), so a
    site path is asked of it (as its full address) instead of being left as a remote picture."""
    return bool(getattr(load, "serves_site_addresses", False))


def site_address(url: str, base_url: str) -> str:
    """The web address of a site-relative picture (``/images/x.png``) when the page names its own
    (``<base href>`` or canonical URL), else "".

    A page saved "HTML only" keeps such paths; they name a file on the web site, not on this disk (a
    saved-complete page points at its own folder, ``page_files/x.png``), so they are remote pictures:
    a placeholder, and fetched never. Without the page's address the resource policy decides (a path
    outside the input's folder is a warning)."""
    url = url.strip()
    if not base_url.startswith(("http://", "https://")) or not url.startswith("/") or url.startswith("//"):
        return ""
    return urljoin(base_url, url)


def _unique_ref(url: str, media_type: str, taken: _Taken) -> str:
    """``images/<file name>``, a safe and unique name for the body (data: URIs are numbered)."""
    extension = _MEDIA_EXTENSIONS.get(media_type, "img")
    stem = "" if url.startswith("data:") else PurePosixPath(unquote(urlsplit(url).path)).stem
    stem = "-".join(_WORDS.findall(stem.lower()))[:60] or "picture"
    numbered = taken.numbered
    n = numbered.get(f"{stem}.{extension}", 1)
    ref = f"images/{stem}.{extension}" if n == 1 else f"images/{stem}-{n}.{extension}"
    while ref in taken:
        n += 1
        ref = f"images/{stem}-{n}.{extension}"
    numbered[f"{stem}.{extension}"] = n
    return ref


def _use_noscript_copy(noscript: HtmlElement) -> None:
    """``<img data-src=..><noscript><img src=..></noscript>``: keep the copy, drop the placeholder."""
    if noscript.find(".//img") is None or noscript.getparent() is None:
        return
    before = noscript.getprevious()
    if before is not None:
        for placeholder in [before] if before.tag == "img" else list(before.iter("img")):
            placeholder.drop_tree()
    noscript.drop_tag()


def _use_largest_source(picture: HtmlElement) -> None:
    """``<picture>``: the largest ``<source>`` candidate becomes the ``<img>``'s srcset."""
    img = picture.find(".//img")
    sources = " , ".join(s.get("srcset") or s.get("data-srcset") or "" for s in picture.iter("source"))
    if img is not None and largest_candidate(sources) and not img.get("data-src"):
        img.set("srcset", f"{sources} , {img.get('srcset') or ''}")
    for source in list(picture.iter("source")):
        source.drop_tag()  # not drop_tree: libxml2 does not know <source> is empty and nests the <img> in it


def _pixels(value: str | None) -> float | None:
    number = re.match(r"\s*(\d+(?:\.\d+)?)\s*(?:px)?\s*$", value or "")
    return float(number.group(1)) if number else None
