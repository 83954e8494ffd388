"""Joining the parts of an issue into one PDF: pages in order, page numbers stamped in the footer, the
contents' lines made into jumps, the bookmarks nested across parts, metadata, a content-derived /ID.

Page numbers are drawn here rather than by WeasyPrint because a part does not know, while it is
rendered in parallel with the others, on which page it will start. Laying out a WeasyPrint document of
N empty pages just for their numbers costs about 8 ms a page (5 s for 600 pages, on the critical path);
drawing them in the PDF's standard Helvetica costs nothing, and every Helvetica digit is 0.556 em
wide, so a number centres exactly without reading any font file.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    ByteStringObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    TextStringObject,
)

from converter.issue.html import PAGE_LINK
from converter.issue.pdf_parts import Bookmark

#: Points per unit of the CSS lengths ``RenderOptions.margins`` may use.
POINTS = {"mm": 72 / 25.4, "cm": 72 / 2.54, "in": 72.0, "pt": 1.0, "px": 0.75, "pc": 12.0}
_LENGTH = re.compile(r"(\d+(?:\.\d+)?)(mm|cm|in|pt|px|pc)", re.I)

#: The footer of ``print.css``: 8pt, grey #6b6b66.
NUMBER_SIZE = 8.0
NUMBER_GREY = (0x6B / 255, 0x6B / 255, 0x66 / 255)
HELVETICA_DIGIT_EM = 0.556
_FONT = NameObject("/FIssuePageNumber")


@dataclass(frozen=True)
class PdfInfo:
    """What the joined PDF says about itself."""

    title: str
    language: str
    author: str = ""
    margins: str = "18mm 16mm 20mm"
    """The page margins (CSS), to place the page numbers where ``print.css`` puts them."""


def join_parts(parts: Sequence[bytes], bookmarks: Sequence[Bookmark], info: PdfInfo) -> bytes:
    """One PDF from the parts' PDFs, in order; ``bookmarks`` carry page indices of the joined PDF."""
    writer = PdfWriter()
    for pdf in parts:
        writer.append(PdfReader(io.BytesIO(pdf)), import_outline=False)
    stamp_page_numbers(writer, bottom_margin(info.margins), first=1)
    link_contents(writer)
    add_outline(writer, bookmarks)
    writer.add_metadata({"/Title": info.title, "/Author": info.author, "/Creator": "converter",
                         "/Producer": "converter"})
    writer._root_object[NameObject("/Lang")] = TextStringObject(info.language)
    file_id = ByteStringObject(hashlib.md5(b"".join(parts) + info.title.encode(), usedforsecurity=False).digest())
    writer._ID = ArrayObject([file_id, file_id])  # derived from the content: same input, same bytes
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def bottom_margin(margins: str) -> float:
    """The bottom of a CSS ``margin`` shorthand (1 to 4 lengths), in points."""
    lengths = [float(n) * POINTS[unit.lower()] for n, unit in _LENGTH.findall(margins)] or [0.0]
    return lengths[{1: 0, 2: 0, 3: 2, 4: 2}[min(len(lengths), 4)]]


def stamp_page_numbers(writer: PdfWriter, margin: float, first: int = 1) -> None:
    """Draw each page's number (from 1) centred in its bottom margin, from page index ``first`` on."""
    font = writer._add_object(DictionaryObject({
        NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/BaseFont"): NameObject("/Helvetica")}))
    save = writer._add_object(_stream(b"q\n"))  # keep the page's own graphics state away from ours
    for index in range(first, len(writer.pages)):
        page = writer.pages[index]
        resources = page["/Resources"].get_object()
        fonts = resources.setdefault(NameObject("/Font"), DictionaryObject()).get_object()
        fonts[_FONT] = font
        number = _number_stream(str(index + 1), float(page.mediabox.width), margin)
        contents = page.get("/Contents")
        existing = list(contents.get_object()) if isinstance(contents.get_object(), ArrayObject) else [contents]
        page[NameObject("/Contents")] = ArrayObject([save, *existing, writer._add_object(number)])


def _number_stream(text: str, width: float, margin: float) -> DecodedStreamObject:
    x = width / 2 - len(text) * HELVETICA_DIGIT_EM * NUMBER_SIZE / 2
    y = margin / 2 - NUMBER_SIZE * 0.35  # the baseline that centres the digits' height in the margin
    r, g, b = NUMBER_GREY
    return _stream(f"Q q {r:.3f} {g:.3f} {b:.3f} rg BT {_FONT} {NUMBER_SIZE:g} Tf "
                   f"{x:.2f} {y:.2f} Td ({text}) Tj ET Q\n".encode("ascii"))


def _stream(data: bytes) -> DecodedStreamObject:
    stream = DecodedStreamObject()
    stream.set_data(data)
    return stream


def link_contents(writer: PdfWriter) -> None:
    """Turn the contents' ``PAGE_LINK`` addresses into jumps to the page (the target was in another part)."""
    for page in writer.pages:
        for ref in page.get("/Annots") or ():
            annotation = ref.get_object()
            uri = str(annotation.get("/A", {}).get("/URI", ""))
            if uri.startswith(PAGE_LINK) and uri[len(PAGE_LINK):].isdigit():
                target = writer.pages[min(int(uri[len(PAGE_LINK):]), len(writer.pages)) - 1]
                del annotation[NameObject("/A")]
                annotation[NameObject("/Dest")] = ArrayObject([target.indirect_reference, NameObject("/Fit")])


def add_outline(writer: PdfWriter, bookmarks: Sequence[Bookmark]) -> None:
    """Nest the bookmarks by level: each goes under the nearest earlier one of a lower level."""
    stack: list[tuple[int, object]] = []
    for mark in bookmarks:
        while stack and stack[-1][0] >= mark.level:
            stack.pop()
        parent = stack[-1][1] if stack else None
        item = writer.add_outline_item(title=mark.label, page_number=mark.page, parent=parent)  # type: ignore[arg-type]
        stack.append((mark.level, item))

