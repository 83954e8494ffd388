"""Tagged PDF, PDF/UA and PDF/A: the structure tree, the catalogue and the XMP metadata read back with pikepdf,
and the ``pdfua`` checker (see ``tests/pdf_structure.py`` for what it covers)."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from converter import Article, RenderOptions, UsageError, render
from converter.article import Resource
from tests.conftest import SEED, need_shared
from tests.pdf_structure import catalog, pdfua_findings, structure, xmp


def picture(size: tuple[int, int] = (320, 200)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (40, 90, 140)).save(out, "PNG")
    return out.getvalue()


#: A page with a table and figures: what a screen reader must be told about.
TABLE_AND_FIGURES = Article(
    title="Tide tables for the harbour",
    body="\n\n".join([
        "The harbour master publishes the times each week.",
        "## This week",
        "| Day | High | Low |\n| --- | --- | --- |\n| Monday | 06:12 | 12:30 |\n| Tuesday | 06:58 | 13:15 |",
        "::: figure\n![The quay at dawn](img/quay.png)\n\nThe quay at dawn (Photo: T. Brand)\n:::",
        "- Ferries run at high tide.\n- Fishing boats leave at low tide.",
        "::: figure\n![A heron on the breakwater](img/heron.png)\n\nA heron waits for the tide.\n:::",
    ]),
    authors=("Maren Ellis",),
    language="en",
    resources=(Resource("img/quay.png", "image/png", picture()), Resource("img/heron.png", "image/png", picture())),
)


def pdf_of(article: Article, **options: object) -> bytes:
    return render(article, "pdf", options=RenderOptions(**options))  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def ua_pdf() -> bytes:
    return pdf_of(TABLE_AND_FIGURES, pdf_variant="pdf/ua-1")


def test_tagged_by_default_with_headings_paragraphs_lists_tables_and_figures() -> None:
    tree = structure(pdf_of(TABLE_AND_FIGURES))
    roles = tree.roles()
    for role in ("H1", "H2", "P", "L", "LI", "Table", "TR", "TH", "TD", "Figure", "Caption"):
        assert role in roles, f"no {role} in the structure tree: {sorted(set(roles))}"
    assert roles.count("TH") == 3 and roles.count("TD") == 6
    figures = [e for e in tree.walk() if e.role == "Figure"]
    assert sorted(f.alt for f in figures) == ["A heron on the breakwater", "The quay at dawn"]
    headings = [e for e in tree.walk() if e.role in ("H1", "H2")]
    assert all(h.marked or h.kids for h in headings), "an empty heading"


def test_ua_catalogue_and_xmp(ua_pdf: bytes) -> None:
    assert catalog(ua_pdf) | {"pages": 0} == {"lang": "en", "marked": True, "display_title": True,
                                              "title": "Tide tables for the harbour", "pages": 0}
    packet = xmp(ua_pdf)
    assert 'pdfuaid:part="1"' in packet
    assert "Tide tables for the harbour" in packet


def test_ua_passes_the_pdfua_checker(ua_pdf: bytes, tmp_path) -> None:
    path = tmp_path / "table.pdf"
    path.write_bytes(ua_pdf)
    assert pdfua_findings(str(path)) == []


def test_table_headers_are_associated(ua_pdf: bytes) -> None:
    """What the checker's UA-15-003 cannot see: WeasyPrint gives each header cell an /ID and each data cell
    /Headers naming its column's header, so the association is machine-determinable."""
    import pikepdf

    pdf = pikepdf.open(io.BytesIO(ua_pdf))
    cells: dict[str, list[pikepdf.Dictionary]] = {"/TH": [], "/TD": []}
    stack = [pdf.Root.StructTreeRoot]
    while stack:
        node = stack.pop()
        kids = node.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                cells.setdefault(str(kid.S), []).append(kid)
                stack.append(kid)
    ids = {str(th.ID) for th in cells["/TH"]}
    assert len(ids) == 3
    assert all(len(td.A.Headers) == 1 and str(td.A.Headers[0]) in ids for td in cells["/TD"])


def test_seed_as_pdf_ua_and_pdf_a(tmp_path) -> None:
    from converter import extract

    article = extract(need_shared(SEED))
    for variant, claim in (("pdf/ua-1", 'pdfuaid:part="1"'), ("pdf/a-3b", "pdfaid:part")):
        out = tmp_path / (variant.replace("/", "-") + ".pdf")
        out.write_bytes(pdf_of(article, pdf_variant=variant))
        data = out.read_bytes()
        assert claim in xmp(data)
        assert "H1" in structure(data).roles()
        # PDF/A-3b is tagged but claims no PDF/UA conformance: the only finding may be that claim's absence
        assert [f for f in pdfua_findings(str(out)) if not (variant == "pdf/a-3b" and f.startswith("UA-28-004"))] \
            == [], variant


def test_pdf_a_has_its_output_intent_and_conformance() -> None:
    import pikepdf

    data = pdf_of(TABLE_AND_FIGURES, pdf_variant="pdf/a-3b")
    packet = xmp(data)
    assert 'pdfaid:part="3"' in packet and 'pdfaid:conformance="B"' in packet
    pdf = pikepdf.open(io.BytesIO(data))
    intents = pdf.Root.OutputIntents
    assert str(intents[0].S) == "/GTS_PDFA1"
    assert "Figure" in structure(data).roles()  # archival and tagged


def test_untagged_on_request() -> None:
    import pikepdf

    pdf = pikepdf.open(io.BytesIO(pdf_of(TABLE_AND_FIGURES, pdf_tags=False)))
    assert "/StructTreeRoot" not in pdf.Root


def test_unknown_variant_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="unknown PDF variant 'pdf/z'; use one of pdf/ua-1"):
        RenderOptions(pdf_variant="pdf/z")


@pytest.mark.parametrize("variant", ["pdf/ua-1", "pdf/a-3b"])
def test_issue_in_parts_has_one_structure_tree(variant: str, tmp_path) -> None:
    """The issue renders in parts; the joined PDF has one tree holding every part's, whose page references
    and parent-tree numbers hold across the join, and the standard's claim of the first part."""
    import pikepdf

    from converter.issue import compile_issue, render_issue
    from tests.test_issue_pdf import ARTICLES, CASE

    data = render_issue(compile_issue(manifest=CASE / "issue.toml"), "pdf", options=RenderOptions(pdf_variant=variant))
    tree = structure(data)
    assert tree.kids[0].role == "Document"
    headlines = [e for e in tree.walk() if e.role == "H1"]
    assert len(headlines) >= len(ARTICLES) + 1  # the cover's title, then each article's
    pdf = pikepdf.open(io.BytesIO(data))
    pages = {page.objgen for page in pdf.pages}
    referenced = {e.Pg.objgen for e in _elements(pdf.Root.StructTreeRoot) if "/Pg" in e}
    assert referenced <= pages and len(referenced) == len(pages)
    keys = [int(k) for k in pdf.Root.StructTreeRoot.ParentTree.Nums[::2]]
    used = [int(p.StructParents) for p in pdf.pages] + [
        int(a.StructParent) for p in pdf.pages for a in p.get("/Annots", []) if "/StructParent" in a]
    assert sorted(used) == keys == list(range(len(keys)))  # each number once, none lost or shared
    import subprocess

    done = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True)
    assert b"Syntax Error" not in done.stderr  # the stamped numbers' artifact operators parse
    packet = xmp(data)
    assert "The Riverside Courier" in packet
    assert ('pdfuaid:part="1"' if variant == "pdf/ua-1" else 'pdfaid:part="3"') in packet
    path = tmp_path / "issue.pdf"
    path.write_bytes(data)
    findings = pdfua_findings(str(path))
    assert [f for f in findings if not (variant == "pdf/a-3b" and f.startswith("UA-28-004"))] == []


def _elements(node):  # -> Iterator[pikepdf.Dictionary]: every structure element under node
    import pikepdf

    kids = node.get("/K")
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            yield kid
            yield from _elements(kid)
