"""A page's pictures from the archive it was captured in: looked up by URL, never fetched.

``ArchiveResources`` is a ``load_resource`` callback like ``converter.policy.resources.ResourcePolicy.load``
and applies the same rules to what it returns: ``data:`` URIs decoded in memory, pictures sniffed and
capped (``check_picture``, ``Limits``), every refusal logged by ``report`` at its reason's level. What the
archive does not hold is a picture that was not saved (``Reason.NOT_SAVED``, INFO): the edition shows its
placeholder, as for a page saved "HTML only". Stylesheets are captured too and can be looked up the same
way, but the editions use the converter's own themes, so none is embedded.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from converter.archive.captures import CaptureIndex
from converter.archive.warc import read_payload
from converter.article import Resource
from converter.errors import SourceError
from converter.policy.limits import Limits
from converter.policy.resources import OFFLINE, Reason, Refused, ResourcePolicy, check_picture, report


@dataclass(frozen=True)
class ArchiveResources:
    """Reads the pictures of the page at ``page_url`` from the captures in ``index``."""

    index: CaptureIndex
    page_url: str
    captured: str = ""
    """The page's capture date: of several captures of a picture, the nearest in time is used."""
    limits: Limits = field(default_factory=Limits)
    allow_svg: bool = False

    #: Site paths (``/images/x.png``) are asked of this loader as full addresses (``load_pictures``).
    serves_site_addresses = True

    def __call__(self, url: str) -> Resource | None:
        """The picture at ``url`` (as the page writes it) as a Resource, or ``None``, logged with why."""
        url = url.strip()
        scheme = urlsplit(url).scheme.lower()
        if scheme == "data":
            return ResourcePolicy(None, self.allow_svg, self.limits).load(url)
        address = urljoin(self.page_url, url)
        if urlsplit(address).scheme.lower() not in ("http", "https"):
            report(Refused(f"the {scheme or 'file'}: scheme is not read from an archive", Reason.SCHEME), url)
            return None
        try:
            data = self._read(address)
            header = check_picture(data, self.limits, self.allow_svg)
        except Refused as why:
            report(why, url)
            return None
        return Resource(ref=url, media_type=header.media_type, data=data)

    def _read(self, address: str) -> bytes:
        capture = self.index.lookup(address, self.captured)
        if capture is None:
            raise Refused(f"not captured in the archive; {OFFLINE}", Reason.NOT_SAVED)
        try:
            return read_payload(capture.location, self.limits.max_resource_bytes)
        except SourceError as err:
            reason = Reason.TOO_BIG if "limit" in str(err) else Reason.BROKEN
            raise Refused(str(err), reason) from None
