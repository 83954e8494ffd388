"""Joining the parts of an issue into one PDF: pages in order, page numbers stamped in the footer, the
contents' lines made into jumps, the bookmarks nested across parts, metadata, a content-derived /ID.

Page numbers are drawn here rather than by WeasyPrint because a part does not know, while it is
rendered in parallel with the others, on which page it will start. They are drawn exactly as WeasyPrint
draws the footer: a one-page "digits" document in the issue's own stylesheet, whose page counter reads
1234567890, gives the footer's text state (font, size, colour, position) and each digit's glyph and width
(``FooterDigits``); every page then gets its number in the same font, centred the same way. A footer the
stylesheet turned off (``content: none``) stays off.

qpdf (through pikepdf) does the joining: it reads and writes the parts' compressed object streams in C++,
about ten times faster than a pure-Python PDF library, and the join is on the critical path.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import cast

import pikepdf

from converter.errors import RenderError
from converter.issue.html import CONTENTS_GUTTER_EM, PAGE_DIGITS, PAGE_LINK
from converter.issue.pdf_parts import Bookmark
from converter.issue.pdf_tags import ARTIFACT_CLOSE, ARTIFACT_OPEN, StructureMerger, keep_standard_metadata

#: CSS for the digits document: the footer's counter reads ``PAGE_DIGITS`` and nothing else is printed there.
DIGITS_CSS = (f"@page {{ counter-increment: page {PAGE_DIGITS}; @top-left {{ content: none; }} "
              "@top-center { content: none; } @top-right { content: none; } }")

#: Operators that set the graphics state the footer text is drawn in (kept from the digits page).
_STATE_OPERATORS = frozenset({"cm", "gs", "rg", "RG", "g", "G", "k", "K", "cs", "CS", "sc", "SC", "scn", "SCN"})

#: Resource kinds the footer's operators may name; copied to every page under a ``Num`` prefix.
_RESOURCE_KINDS = ("/Font", "/ExtGState", "/ColorSpace")

#: An operand we write into a content stream: a parsed one, or a number we computed (a position).
Operand = pikepdf.Object | Decimal


@dataclass(frozen=True)
class PdfInfo:
    """What the joined PDF says about itself."""

    title: str
    """The issue as a library names it: ``Weekly — Issue 12`` (the EPUB's title)."""
    language: str
    author: str = ""
    keywords: tuple[str, ...] = ()
    """The subjects most of the issue's articles share (the EPUB's ``dc:subject``)."""


@dataclass(frozen=True)
class FooterDigits:
    """How the footer draws digits: the operators around its text, each digit's code and width."""

    state: tuple[tuple[list[pikepdf.Object], str], ...]
    """Graphics-state operators in force at the footer's text (a matrix, the colour, the opacity)."""
    text: tuple[tuple[list[pikepdf.Object], str], ...]
    """The text object's own operators before the glyphs (``Tm``, ``Tf``...)."""
    codes: dict[str, bytes]
    widths: dict[str, float]
    """Digit -> advance in text space units (the ``Tm`` matrix applies on top)."""
    centre: float
    """The x of the footer's centre in text space, where every number is centred."""
    resources: dict[str, dict[str, pikepdf.Object]]
    """Resource kind -> name -> object, from the digits page."""
    source: pikepdf.Pdf
    """The digits document, kept open while its objects are copied."""


class DamagedPart(RenderError):
    """A part's PDF that does not open, or holds another page count than its record claims: a damaged cache
    entry (the join is where a part's PDF is opened, once). ``slot`` is its place among the joined parts
    (-1 for the digits document), ``source`` what the caller said the part came from."""

    def __init__(self, slot: int, reason: str, source: tuple[str, ...] = ()) -> None:
        super().__init__(f"part {slot} of the issue's PDF is damaged: {reason}")
        self.slot = slot
        self.source = source


class PartJoiner:
    """One PDF from the parts' PDFs, given in any order: ``add`` each part for its slot (the front matter 0,
    the runs of articles 1...) as soon as it is known, ``finish`` once every slot is given.

    A rebuild gives the parts found in the cache while the edited one is still being laid out, so most of
    its join is done when that part arrives. The parts are copied in one fixed order whatever order they
    are given in (1, 2 ... then the front matter, which is known last): qpdf groups the objects into object
    streams by their numbers in the joined PDF, which follow the copying, so any other order would give
    other bytes for the same pages (a build would depend on which worker finished first, a rebuild would
    differ from a fresh build). A part given early waits, as bytes, for the slots before it.

    One part is open at a time: pikepdf copies a part's objects, stream data included, into the joined PDF
    as its pages are added, so each part is closed (its objects freed) before the next is read (opened all
    at once, the 34 parts of a 100-article issue held about 70 MB beside their copies).
    """

    def __init__(self, count: int) -> None:
        self.out = pikepdf.Pdf.new()
        self.structure = StructureMerger(self.out)
        self.count = count
        self.pages: dict[int, int] = {}  # slot -> pages copied
        self.waiting: dict[int, tuple[bytes, int | None, PdfInfo | None, tuple[str, ...]]] = {}
        self.order = [*range(1, count), 0][:count] if count > 1 else [0]

    @property
    def missing(self) -> list[int]:
        """The slots not given yet."""
        return [slot for slot in range(self.count) if slot not in self.pages and slot not in self.waiting]

    def add(self, slot: int, pdf: bytes, pages: int | None = None, info: PdfInfo | None = None,
            source: tuple[str, ...] = ()) -> None:
        """Give the part for ``slot``; it is copied in once the slots before it in the join's order are.
        ``pages``, the count its record claims, is checked; ``info`` retitles the standard's metadata the
        front matter carries (slot 0); ``source`` comes back with a ``DamagedPart``.

        Raises ``DamagedPart`` for a PDF (this one or one that waited for it) that does not open or holds
        another page count (the joiner is then spent: join again with a new one); ``ValueError`` for a slot
        given twice or outside the parts.
        """
        if slot in self.pages or slot in self.waiting or not 0 <= slot < self.count:
            raise ValueError(f"slot {slot} is given twice or outside the {self.count} parts")
        self.waiting[slot] = (pdf, pages, info, source)
        while self.order and self.order[0] in self.waiting:
            next_slot = self.order.pop(0)
            self._copy(next_slot, *self.waiting.pop(next_slot))

    def _copy(self, slot: int, pdf: bytes, pages: int | None, info: PdfInfo | None,
              source: tuple[str, ...]) -> None:
        first = sum(n for s, n in self.pages.items() if s < slot)
        try:
            document = pikepdf.Pdf.open(io.BytesIO(pdf))
        except pikepdf.PdfError as err:
            raise DamagedPart(slot, f"its PDF cannot be read ({err})", source) from None
        with document:
            count = len(document.pages)
            if pages is not None and count != pages:
                raise DamagedPart(slot, f"it claims {pages} pages and holds {count}", source)
            if first == len(self.out.pages):
                self.out.pages.extend(document.pages)
            else:
                for offset, page in enumerate(document.pages):
                    self.out.pages.insert(first + offset, page)
            self.structure.add(document, first, slot)
            if slot == 0 and info is not None:
                keep_standard_metadata(self.out, document, info.title, info.author, info.keywords)
        self.pages[slot] = count

    def finish(self, bookmarks: Sequence[Bookmark], info: PdfInfo, digits: bytes = b"",
               targets: dict[str, int] | None = None) -> bytes:
        """The joined PDF: page numbers drawn from ``digits`` (none without it), the contents' links to
        ``targets`` (anchor -> page number), ``bookmarks`` (page indices of the joined PDF) nested, metadata.

        Raises ``DamagedPart`` (slot -1) for a digits document that does not open.
        """
        if self.missing:
            raise ValueError(f"the parts in slots {self.missing} were not added")
        out = self.out
        self.structure.finish()
        try:
            footer = footer_digits(digits) if digits else None
        except pikepdf.PdfError as err:
            raise DamagedPart(-1, f"the digits document cannot be read ({err})") from None
        if footer is not None:
            stamp_page_numbers(out, footer, first=1)
        link_contents(out, targets or {}, self.pages.get(0))
        add_outline(out, bookmarks)
        out.docinfo["/Title"] = info.title
        out.docinfo["/Author"] = info.author
        if info.keywords:
            out.docinfo["/Keywords"] = ", ".join(info.keywords)
        out.docinfo["/Creator"] = "converter"
        out.docinfo["/Producer"] = "converter"
        out.Root.Lang = pikepdf.String(info.language)
        buffer = io.BytesIO()
        # deterministic_id: the /ID is a hash of the content, so the same input gives the same bytes
        # stream_decode_level none: the parts' streams are written as they are (qpdf otherwise decodes each to
        # look at it, and writes the same bytes: a fifth of the save)
        out.save(buffer, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.generate,
                 stream_decode_level=pikepdf.StreamDecodeLevel.none)
        return buffer.getvalue()


def join_parts(parts: Sequence[bytes], bookmarks: Sequence[Bookmark], info: PdfInfo, digits: bytes = b"",
               targets: dict[str, int] | None = None) -> bytes:
    """One PDF from the parts' PDFs, in order; ``bookmarks`` carry page indices of the joined PDF;
    ``digits`` is the digits document (no numbers are drawn without it); ``targets`` maps the anchors
    the contents links to (``a3``) to page numbers of the joined PDF (``PartJoiner``, parts added in order).

    Raises ``DamagedPart`` for a part that does not open.
    """
    joiner = PartJoiner(len(parts))
    for slot, part in enumerate(parts):
        joiner.add(slot, part, info=info)
    return joiner.finish(bookmarks, info, digits, targets)


def footer_digits(pdf: bytes) -> FooterDigits | None:
    """Read the digits document's footer; ``None`` when it prints no page number (turned off in CSS)."""
    document = pikepdf.Pdf.open(io.BytesIO(pdf))
    page = document.pages[0]
    state: list[list[tuple[list[pikepdf.Object], str]]] = [[]]
    text: list[tuple[list[pikepdf.Object], str]] | None = None
    for instruction in pikepdf.parse_content_stream(page):
        operands, name = instruction.operands, str(instruction.operator)
        if name == "q":
            state.append(list(state[-1]))
        elif name == "Q" and len(state) > 1:
            state.pop()
        elif name in _STATE_OPERATORS:
            state[-1].append((list(operands), name))
        elif name == "BT":
            text = []
        elif text is not None and name in ("TJ", "Tj"):
            found = _digits_of(list(operands), text, state[-1], document)
            if found is not None:
                return found
        elif text is not None and name != "ET":
            text.append((list(operands), name))
    return None


def _digits_of(operands: list[pikepdf.Object], text: list[tuple[list[pikepdf.Object], str]],
               state: list[tuple[list[pikepdf.Object], str]], document: pikepdf.Pdf) -> FooterDigits | None:
    """The footer, if this text-showing operator draws the ten digits in one font."""
    page = document.pages[0]
    glyphs = _shown(operands)
    font_op = next((ops for ops, name in reversed(text) if name == "Tf"), None)
    matrix = next((ops for ops, name in reversed(text) if name == "Tm"), None)
    if len(glyphs) != len(PAGE_DIGITS) or font_op is None or matrix is None:
        return None
    font = _font(page, font_op)
    size = float(font_op[1])
    codes, advance = _digit_metrics(glyphs, _glyph_widths(font), size)
    centre = float(matrix[4]) + sum(advance.values()) / 2 * float(matrix[0])
    # indirect, so that the joined PDF can copy them (with what they refer to) from this document
    resources = {kind: {name: obj if obj.is_indirect else document.make_indirect(obj)
                        for name, obj in page.Resources[kind].items()}
                 for kind in _RESOURCE_KINDS if kind in page.Resources}
    return FooterDigits(tuple(state), tuple(text), codes, advance, centre, resources, document)


def _font(page: pikepdf.Page, tf_operands: Sequence[pikepdf.Object]) -> pikepdf.Object:
    """The font a ``Tf`` operator selects from the page's resources."""
    return page.Resources.Font[cast(pikepdf.Name, tf_operands[0])]  # a Tf's first operand is a name


def _digit_metrics(glyphs: Sequence[bytes], widths: dict[int, float],
                   size: float) -> tuple[dict[str, bytes], dict[str, float]]:
    """From ten glyph codes showing ``PAGE_DIGITS`` and the font's widths (``_glyph_widths``): digit -> code,
    and digit -> advance in text space."""
    codes = dict(zip(PAGE_DIGITS, glyphs, strict=True))
    return codes, {d: widths.get(int.from_bytes(code, "big"), 1000.0) / 1000 * size for d, code in codes.items()}


def _glyph_widths(font: pikepdf.Object) -> dict[int, float]:
    """A composite font's widths by CID, from its ``/W`` array (``c [w...]`` and ``c1 c2 w`` runs)."""
    descendant = font.DescendantFonts[0]
    items, widths, index = list(descendant.get("/W", [])), {}, 0
    while index < len(items):
        first = int(items[index])
        if isinstance(items[index + 1], pikepdf.Array):
            widths.update({first + n: float(w) for n, w in enumerate(items[index + 1])})
            index += 2
        else:
            widths.update(dict.fromkeys(range(first, int(items[index + 1]) + 1), float(items[index + 2])))
            index += 3
    return widths


def stamp_page_numbers(out: pikepdf.Pdf, footer: FooterDigits, first: int = 1) -> None:
    """Draw each page's number (from 1) in the footer, from page index ``first`` on."""
    shared = {kind: {f"/Num{name[1:]}": out.copy_foreign(obj) for name, obj in entries.items()}
              for kind, entries in footer.resources.items()}
    rename = {name[1:]: f"Num{name[1:]}" for entries in footer.resources.values() for name in entries}
    numbers = NumberStreams(footer, rename)
    for index in range(first, len(out.pages)):
        page = out.pages[index]
        resources = _entry(page.obj, "/Resources")
        for kind, entries in shared.items():
            group = _entry(resources, kind)
            for name, obj in entries.items():
                group[name] = obj
        page.contents_add(out.make_stream(b"q\n"), prepend=True)  # keep the page's own state away from ours
        page.contents_add(out.make_stream(b"Q\n" + ARTIFACT_OPEN + numbers.stream(str(index + 1))
                                          + b"\n" + ARTIFACT_CLOSE))


def _entry(dictionary: pikepdf.Object, key: str) -> pikepdf.Object:
    """``dictionary[key]``, made an empty dictionary first if missing."""
    if key not in dictionary:
        dictionary[key] = pikepdf.Dictionary()
    return dictionary[key]


class NumberStreams:
    """The footer's operators with a page's number shown, centred where the digits were, for every page of
    an issue at the cost of its own instructions a page (the text matrix and the glyphs): the footer's other
    instructions are the same on every page, so they are written once. ``unparse_content_stream`` writes one
    instruction a line, so the lines can be joined again: the bytes are those of the whole footer written for
    each page (a test checks it)."""

    def __init__(self, footer: FooterDigits, rename: dict[str, str]) -> None:
        self.footer = footer
        self.rename = rename
        ops: list[tuple[Sequence[Operand], str]] = [([], "q"), *footer.state, ([], "BT"), *footer.text,
                                                    ([], "Tj"), ([], "ET"), ([], "Q")]
        # each line: its bytes, or the operator and operands of an instruction that depends on the number
        self.lines: list[bytes | tuple[str, Sequence[Operand]]] = [
            (name, operands) if name in ("Tm", "Tj") else _unparse([(operands, name)], rename)
            for operands, name in ops]

    def stream(self, number: str) -> bytes:
        """The footer's operators with ``number`` shown, centred where the digits were."""
        footer = self.footer
        width = sum(footer.widths[d] for d in number)
        lines = []
        for line in self.lines:
            if isinstance(line, bytes):
                lines.append(line)
                continue
            name, m = line
            operands: Sequence[Operand] = (
                [*m[:4], Decimal(str(round(footer.centre - width / 2 * float(m[0]), 3))), m[5]] if name == "Tm"
                else [pikepdf.String(b"".join(footer.codes[d] for d in number))])
            lines.append(_unparse([(operands, name)], self.rename))
        return b"\n".join(lines)


def _unparse(ops: list[tuple[Sequence[Operand], str]], rename: dict[str, str]) -> bytes:
    renamed = [([_renamed(o, rename) for o in operands], name) for operands, name in ops]
    # cast: pikepdf encodes Decimal operands as PDF reals, but its stub names pikepdf objects only
    instructions = cast("list[tuple[list[pikepdf.Object], pikepdf.Operator]]",
                        [(operands, pikepdf.Operator(name)) for operands, name in renamed])
    return pikepdf.unparse_content_stream(instructions)


def _renamed(operand: Operand, rename: dict[str, str]) -> Operand:
    if isinstance(operand, pikepdf.Name) and str(operand)[1:] in rename:
        return pikepdf.Name("/" + rename[str(operand)[1:]])
    return operand


def link_contents(out: pikepdf.Pdf, targets: dict[str, int], front_pages: int | None = None) -> None:
    """Turn the contents' ``PAGE_LINK`` addresses (a page number, or an anchor in ``targets``) into jumps
    to the page: the target was in another part. Only the first ``front_pages`` pages hold the contents
    (``None``: every page is looked at); an article's own links are left as they are, even one that looks
    like ours."""
    for page in out.pages[:front_pages]:
        for annotation in page.obj.get("/Annots", []):
            action = annotation.get("/A")
            uri = str(action.get("/URI", "")) if action is not None else ""
            if not uri.startswith(PAGE_LINK):
                continue
            target = uri[len(PAGE_LINK):]
            number = int(target) if target.isdigit() else targets.get(target)
            if number is not None:
                del annotation["/A"]
                annotation.Dest = pikepdf.Array([out.pages[min(number, len(out.pages)) - 1].obj, pikepdf.Name.Fit])


def stamp_contents(pdf: bytes, numbers: Sequence[int]) -> bytes | None:
    """The front matter with each contents line's ``PAGE_DIGITS`` placeholder replaced by its page number,
    right-aligned in the numbers' column; ``None`` when the placeholders found are not one per number
    (a template or stylesheet of the user's changed the contents), so the caller lays it out again.

    The contents' layout does not depend on the numbers (they sit in a fixed column), so the front matter
    is laid out once, in parallel with the articles, before any page number is known.
    """
    document = pikepdf.Pdf.open(io.BytesIO(pdf))
    pages = [list(pikepdf.parse_content_stream(page)) for page in document.pages]
    fonts = _Fonts()
    found = [(p, i) for p, ops in enumerate(pages) for i, instruction in enumerate(ops)
             if str(instruction.operator) in ("TJ", "Tj")
             and len(_shown(list(instruction.operands))) == len(PAGE_DIGITS)]
    placeholders = [(p, i) for p, i in found if _is_placeholder(pages[p], i, document.pages[p], fonts)]
    if len(placeholders) != len(numbers):
        return None
    for (p, i), number in zip(placeholders, numbers, strict=True):
        _replace_placeholder(pages[p], i, str(number), document.pages[p], fonts)
    for page, ops in zip(document.pages, pages, strict=True):
        page.obj.Contents = document.make_stream(pikepdf.unparse_content_stream(ops))
    buffer = io.BytesIO()
    document.save(buffer, deterministic_id=True, stream_decode_level=pikepdf.StreamDecodeLevel.none)
    return buffer.getvalue()


def _shown(operands: Sequence[object]) -> list[bytes]:
    """The glyph codes a ``TJ``/``Tj`` shows: WeasyPrint's fonts are Identity-H, two bytes a glyph, and
    letter-spacing or kerning splits a run into several strings (of one or more glyphs each)."""
    shown = operands[0] if isinstance(operands[0], pikepdf.Array) else [operands[0]]
    data = b"".join(bytes(item) for item in shown if isinstance(item, pikepdf.String))
    return [data[i:i + 2] for i in range(0, len(data) - 1, 2)]


def _text_state(ops: list, index: int) -> tuple[list[pikepdf.Object] | None, list[pikepdf.Object] | None]:
    """The ``Tf`` and ``Tm`` operands in force at ``ops[index]``, within its text object."""
    font = matrix = None
    for back in range(index - 1, -1, -1):  # not reversed(ops[:index]): a contents page holds 10,000 operators
        operands, op = ops[back]
        name = str(op)
        if name == "BT":
            break
        if name == "Tf" and font is None:
            font = list(operands)
        elif name == "Tm" and matrix is None:
            matrix = list(operands)
    return font, matrix


def _is_placeholder(ops: list, index: int, page: pikepdf.Page, fonts: _Fonts) -> bool:
    """Ten glyphs that map back (``/ToUnicode``) to ``PAGE_DIGITS`` in order."""
    font, _ = _text_state(ops, index)
    if font is None or _font(page, font).get("/Encoding") != pikepdf.Name("/Identity-H"):
        return False
    cmap = fonts.to_unicode(_font(page, font))
    return "".join(cmap.get(code, "") for code in _shown(ops[index][0])) == PAGE_DIGITS


class _Fonts:
    """A document's fonts' ``/ToUnicode`` maps and widths, each read once (a contents page names its few
    fonts in a hundred lines)."""

    def __init__(self) -> None:
        self._maps: dict[tuple[int, int], dict[bytes, str]] = {}
        self._widths: dict[tuple[int, int], dict[int, float]] = {}

    def to_unicode(self, font: pikepdf.Object) -> dict[bytes, str]:
        if not font.is_indirect:  # no object number to know it by
            return _to_unicode(font)
        if font.objgen not in self._maps:
            self._maps[font.objgen] = _to_unicode(font)
        return self._maps[font.objgen]

    def widths(self, font: pikepdf.Object) -> dict[int, float]:
        if not font.is_indirect:
            return _glyph_widths(font)
        if font.objgen not in self._widths:
            self._widths[font.objgen] = _glyph_widths(font)
        return self._widths[font.objgen]


def _to_unicode(font: pikepdf.Object) -> dict[bytes, str]:
    """The font's ``bfchar`` pairs (code -> text), enough for the digits WeasyPrint maps one by one."""
    if "/ToUnicode" not in font:
        return {}
    data = font.ToUnicode.read_bytes().decode("latin-1")
    pairs = re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", data.split("beginbfchar", 1)[-1])
    return {bytes.fromhex(code): bytes.fromhex(text).decode("utf-16-be", "replace") for code, text in pairs}


def _replace_placeholder(ops: list, index: int, number: str, page: pikepdf.Page, fonts: _Fonts) -> None:
    """Show ``number`` instead of the placeholder, its right edge at the right of the numbers' column."""
    font, matrix = _text_state(ops, index)
    assert font is not None and matrix is not None  # checked by _is_placeholder
    size = float(font[1])
    codes, advance = _digit_metrics(_shown(ops[index][0]), fonts.widths(_font(page, font)), size)
    width = sum(advance[d] for d in number)
    right = float(matrix[4]) + CONTENTS_GUTTER_EM * size * float(matrix[0])
    x = Decimal(str(round(right - width * float(matrix[0]), 3)))
    ops[index] = pikepdf.ContentStreamInstruction([pikepdf.String(b"".join(codes[d] for d in number))],
                                                  pikepdf.Operator("Tj"))
    for back in range(index - 1, -1, -1):  # move the text object's origin: the last Tm before the glyphs
        operands, op = ops[back]
        if str(op) == "Tm":
            ops[back] = pikepdf.ContentStreamInstruction([*list(operands)[:4], x, list(operands)[5]], op)
            break


def add_outline(out: pikepdf.Pdf, bookmarks: Sequence[Bookmark]) -> None:
    """Nest the bookmarks by level: each goes under the nearest earlier one of a lower level."""
    with out.open_outline() as outline:
        stack: list[tuple[int, pikepdf.OutlineItem]] = []
        for mark in bookmarks:
            while stack and stack[-1][0] >= mark.level:
                stack.pop()
            item = pikepdf.OutlineItem(mark.label, mark.page)
            (stack[-1][1].children if stack else outline.root).append(item)
            stack.append((mark.level, item))
