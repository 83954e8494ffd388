"""A visual check that cannot drift silently: a handful of golden pages rendered to PNG (grey, 40 dpi) and
compared with reviewed references in ``tests/visual/``, within a tolerance for anti-aliasing.

When a change to the look is meant, the failing test leaves the new rendering and a difference picture in
its temporary folder (the paths are in the message); look at them, and copy the rendering over the
reference only once it is right. Nothing regenerates the references by itself.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from converter import RenderOptions, extract, render

REFERENCES = Path(__file__).parent / "visual"
CASES = Path(__file__).parent / "cases"

#: Resolution of the comparison: enough to see layout (columns, pictures, tables, margins), not glyphs.
DPI = 40

#: A pixel differs when its grey level moves by more than this (of 255): anti-aliasing moves edges a little.
PIXEL_TOLERANCE = 48

#: The page fails when more than this share of its pixels differ.
PAGE_TOLERANCE = 0.01


def _article_pdf() -> bytes:
    return render(extract(CASES / "text-news" / "input.txt"), "pdf")


def _table_pdf() -> bytes:
    from tests.test_pdf_tables import table_article

    return render(table_article(14), "pdf", options=RenderOptions(page_size="A5"))


def _figure_pdf() -> bytes:
    from tests.test_pdf_tagged import TABLE_AND_FIGURES

    return render(TABLE_AND_FIGURES, "pdf")


def _issue_pdf() -> bytes:
    from converter.issue import compile_issue, render_issue

    return render_issue(compile_issue(manifest=CASES / "issue-basic" / "issue.toml"), "pdf")


#: Golden page -> (how its PDF is made, the page number from 1).
PAGES: dict[str, tuple[Callable[[], bytes], int]] = {
    "article-p1": (_article_pdf, 1),
    "table-landscape-p2": (_table_pdf, 2),
    "figure-p1": (_figure_pdf, 1),
    "issue-contents-p2": (_issue_pdf, 2),
}


def rendering(pdf: bytes, page: int, folder: Path) -> Image.Image:
    """One page as a grey picture at ``DPI``."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed; run scripts/setup.sh")
    source = folder / "page.pdf"
    source.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-gray", "-r", str(DPI), "-f", str(page), "-l", str(page), "-png", "-singlefile",
                    str(source), str(folder / "page")], capture_output=True, check=True)
    with Image.open(folder / "page.png") as image:
        return image.convert("L")


def differing_share(actual: Image.Image, reference: Image.Image) -> float:
    """The share of pixels whose grey level differs by more than ``PIXEL_TOLERANCE`` (1.0: other sizes)."""
    if actual.size != reference.size:
        return 1.0
    diff = ImageChops.difference(actual, reference).point(lambda v: 255 if v > PIXEL_TOLERANCE else 0)
    return diff.histogram()[255] / (actual.width * actual.height)


@pytest.mark.parametrize("name", sorted(PAGES))
def test_golden_page_looks_as_reviewed(name: str, tmp_path: Path) -> None:
    make, page = PAGES[name]
    actual = rendering(make(), page, tmp_path)
    candidate = tmp_path / f"{name}.png"
    actual.save(candidate, optimize=True)
    reference = REFERENCES / f"{name}.png"
    assert reference.exists(), f"no reviewed reference {reference}; review {candidate} and copy it there"
    expected = Image.open(reference).convert("L")
    share = differing_share(actual, expected)
    if share > PAGE_TOLERANCE:
        if actual.size == expected.size:
            ImageChops.difference(actual, expected).save(tmp_path / f"{name}-diff.png")
        pytest.fail(f"{name}: {share:.1%} of the page differs from {reference} (tolerance {PAGE_TOLERANCE:.0%}); "
                    f"the new rendering is {candidate}, the difference {tmp_path / (name + '-diff.png')}")


def test_the_comparison_sees_a_change() -> None:
    """The tolerance lets anti-aliasing through but not a moved block: a page shifted by 3 mm fails."""
    page = Image.new("L", (233, 331), 255)
    page.paste(0, (40, 40, 190, 120))
    shifted = Image.new("L", page.size, 255)
    shifted.paste(0, (40, 45, 190, 125))
    assert differing_share(page, page) == 0.0
    assert differing_share(page, shifted) > PAGE_TOLERANCE
