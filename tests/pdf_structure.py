"""Reading a tagged PDF back: its structure tree (roles, alt texts, languages) and XMP metadata, with pikepdf.

Used by the tagged-PDF tests; a plain helper module, not a test file.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass

import pikepdf


@dataclass(frozen=True)
class Element:
    """A structure element: its role (``H1``, ``P``, ``Table``...), alt text, language and own text."""

    role: str
    alt: str
    lang: str
    kids: tuple[Element, ...]
    marked: int
    """Marked-content references (MCIDs) directly under the element: the content it tags."""

    def walk(self) -> Iterator[Element]:
        yield self
        for kid in self.kids:
            yield from kid.walk()

    def roles(self) -> list[str]:
        return [e.role for e in self.walk()]


def structure(data: bytes) -> Element:
    """The structure tree of a PDF; fails the test when the PDF is untagged."""
    pdf = pikepdf.open(io.BytesIO(data))
    tree = pdf.Root.get("/StructTreeRoot")
    assert tree is not None, "the PDF has no structure tree (untagged)"
    return _element(tree, "StructTreeRoot", set())


def _element(node: pikepdf.Object, role: str, seen: set[tuple[int, int]]) -> Element:
    kids, marked = [], 0
    children = node.get("/K")
    items = list(children) if isinstance(children, pikepdf.Array) else ([] if children is None else [children])
    for kid in items:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            key = kid.objgen
            assert key not in seen or key == (0, 0), "a structure element appears twice in the tree"
            seen.add(key)
            kids.append(_element(kid, str(kid.S).lstrip("/"), seen))
        elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR":
            marked += 1
        else:  # an MCID (integer) or a marked-content reference dictionary
            marked += 1
    return Element(role, _text(node, "/Alt"), _text(node, "/Lang"), tuple(kids), marked)


def _text(node: pikepdf.Object, key: str) -> str:
    value = node.get(key)
    return str(value) if value is not None else ""


def xmp(data: bytes) -> str:
    """The XMP metadata packet, as text ("" when there is none)."""
    pdf = pikepdf.open(io.BytesIO(data))
    metadata = pdf.Root.get("/Metadata")
    return metadata.read_bytes().decode("utf-8") if metadata is not None else ""


def catalog(data: bytes) -> dict[str, object]:
    """What the catalogue says about reading the PDF: language, marked, title shown in the window."""
    pdf = pikepdf.open(io.BytesIO(data))
    root = pdf.Root
    prefs = root.get("/ViewerPreferences") or {}
    return {
        "lang": str(root.get("/Lang", "")),
        "marked": bool((root.get("/MarkInfo") or {}).get("/Marked", False)),
        "display_title": bool(prefs.get("/DisplayDocTitle", False)),
        "title": str(pdf.docinfo.get("/Title", "")),
        "pages": len(pdf.pages),
    }


#: Findings of the checker that are wrong for WeasyPrint's PDFs, each with the test that checks the rule
#: itself: UA-15-003 counts only header cells' own /Scope or /Headers, but WeasyPrint associates headers
#: the other way round (each data cell's /Headers names its headers' /IDs), which PDF/UA allows
#: (``test_pdf_tagged.test_table_headers_are_associated``).
CHECKER_MISREADS = ("UA-15-003",)


def pdfua_findings(path: str) -> list[str]:
    """What the ``pdfua`` checker finds (errors and warnings), one line each; [] when it passes.

    The checker covers a machine-checkable subset of PDF/UA-1 (about 15 % of the rules). Judged sound
    for what it checks, with two gaps: it does not look into form XObjects, and its empty-heading rule
    (UA-14-001) crashes on headings whose kids are an array of MCIDs, as WeasyPrint writes them; it then
    skips the rule (reported as "skip", not as a finding), so the structure tests check headings themselves.
    """
    from pdfua import validate

    report = validate(path)
    return [f"{f.rule_id} {f.severity.name}: {f.message}" for f in report.findings
            if f.severity.name in ("ERROR", "WARNING") and f.rule_id not in CHECKER_MISREADS]
