"""What kind of PDF is written: a standard variant (PDF/UA for accessibility, PDF/A for archives) and
whether the PDF is tagged (a structure tree of headings, paragraphs, lists, tables and figures that screen
readers and reflowing viewers follow).

The choice travels inside the page for print, as two ``<meta>`` elements in its head (``mark``), because
the page is the one thing every PDF path hands on: ``render_pdf``, the isolated worker and an issue's parts
all sanitise it, and the sanitiser reads the choice back into ``Sanitized`` (``read``) for
``pdf_layout.render_sanitized``, which passes it to WeasyPrint's ``write_pdf``. A user's own template
cannot lose it: the elements are added after the template has rendered.

Tagging costs little (``bench/pdf_tags.py``): on the seed article no measurable time (writing the tree is
about 0.02 s of a 0.5 s render) and 11 % more bytes; on the five-article test issue about 9 % more time
(the trees are joined) and a third more bytes. So it is on by default (``--no-pdf-tags`` turns it off).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import html as lxml_html

#: The variants WeasyPrint writes (``weasyprint.pdf.VARIANTS`` less ``debug``), named as on its command line.
PDF_VARIANTS = ("pdf/ua-1", "pdf/ua-2", "pdf/a-1b", "pdf/a-2b", "pdf/a-3b", "pdf/a-2u", "pdf/a-3u", "pdf/a-4u",
                "pdf/a-1a", "pdf/a-2a", "pdf/a-3a", "pdf/a-4e", "pdf/a-4f", "pdf/x-1a", "pdf/x-3", "pdf/x-4",
                "pdf/x-5g")

#: The ``<meta name>`` of each setting in the page for print.
VARIANT_META = "converter-pdf-variant"
TAGS_META = "converter-pdf-tags"

_HEAD = re.compile(r"<head\b[^>]*>", re.I)


@dataclass(frozen=True)
class PdfOutput:
    """The PDF's standard and tagging: ``variant`` is one of ``PDF_VARIANTS`` or "" (plain PDF 1.7)."""

    variant: str = ""
    tags: bool = True

    def write_options(self) -> dict[str, object]:
        """Keyword arguments for ``weasyprint.Document.write_pdf``."""
        options: dict[str, object] = {"pdf_tags": self.tags or self.variant.startswith("pdf/ua")}
        if self.variant:
            options["pdf_variant"] = self.variant
        return options


def mark(html: str, output: PdfOutput) -> str:
    """``html`` with the two ``<meta>`` elements saying ``output`` first in its head (or first of all)."""
    metas = (f'<meta name="{VARIANT_META}" content="{output.variant}">'
             f'<meta name="{TAGS_META}" content="{"on" if output.tags else "off"}">')
    m = _HEAD.search(html)
    if m is None:
        return metas + html
    return html[:m.end()] + metas + html[m.end():]


def read(root: lxml_html.HtmlElement) -> PdfOutput:
    """The settings ``mark`` put in a parsed page, removing their elements; a page without them (a caller's
    own HTML) gets the defaults; an unknown variant is ignored (the page is not trusted)."""
    found = {}
    for meta in root.iter("meta"):
        name = meta.get("name")
        if name in (VARIANT_META, TAGS_META):
            found[name] = (meta.get("content") or "").strip().lower()
            meta.drop_tree()
    variant = found.get(VARIANT_META, "")
    return PdfOutput(variant if variant in PDF_VARIANTS else "", found.get(TAGS_META, "on") != "off")
