"""No address is hyphenated in the PDFs of real pages: each corpus page is converted, its PDF read back with
pdftotext, and every address it prints (in the text, and each link's in its footnote) must appear whole,
broken across lines only where the address allows. A fast subset runs by default; the sweep is slow."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from converter import RenderOptions, extract, render
from converter.render.print_links import ADDRESS
from tests.conftest import CORPUS, need_shared
from tests.test_print_polish import hyphenated_addresses

#: Pages with many addresses in their text or links (found by a scan of the corpus), run by default.
FAST = ("dragnet/T159", "l3s/a19c590c-e5ea-4a5e-be55-a563d2be8a63", "dragnet/R361")

#: Every this many pages of the corpus in the slow sweep (about 90 pages).
SWEEP_STEP = 10

_LINK = re.compile(r"\]\((https?://[^)\s]+|mailto:[^)\s]+)\)")


def printed_addresses(body: str) -> list[str]:
    """The addresses a PDF of ``body`` prints: each link's address (its footnote) and those in the text."""
    text = re.sub(r"\\(.)", r"\1", body)  # Markdown escapes (``\_``) are not printed
    links = [m.removeprefix("mailto:") for m in _LINK.findall(text)]
    return sorted(set(links + ADDRESS.findall(_LINK.sub(" ", text))))


#: The default page, and the e-reader's, whose short lines end inside an address far more often (dragnet/R361
#: printed two addresses hyphenated there before addresses got their own breaks).
SIZES = ("A5", "6in")


def check_page(folder: Path) -> list[str]:
    """The addresses printed with a hyphen of the engine's, at each of ``SIZES``."""
    article = extract(folder / "page.html")
    addresses = printed_addresses(article.body)
    found = []
    for size in SIZES:
        pdf = render(article, "pdf", options=RenderOptions(page_size=size))
        done = subprocess.run(["pdftotext", "-raw", "-", "-"], input=pdf, capture_output=True, check=True)
        found += [f"{size}: {a}" for a in hyphenated_addresses(done.stdout.decode(), addresses)]
    return found


def test_printed_addresses_of_a_body() -> None:
    body = "See [the report](https://example.org/r\\_1) at www.example.org/a-b, or write to [us](mailto:a@b.org)."
    assert printed_addresses(body) == ["a@b.org", "https://example.org/r_1", "www.example.org/a-b"]


@pytest.mark.parametrize("page", FAST)
def test_no_address_is_hyphenated_in_corpus_pdfs(page: str) -> None:
    folder = need_shared(CORPUS / page)
    assert check_page(folder) == []


@pytest.mark.slow
def test_no_address_is_hyphenated_in_a_sweep_of_the_corpus() -> None:
    folders = sorted(p.parent for p in need_shared(CORPUS).glob("*/*/page.html"))[::SWEEP_STEP]
    found = {}
    for folder in folders:
        try:
            bad = check_page(folder)
        except Exception as err:  # a page the converter refuses is another test's business
            if type(err).__name__.endswith("Error") and "converter" in type(err).__module__:
                continue
            raise
        if bad:
            found[str(folder.relative_to(CORPUS))] = bad
    assert found == {}
