"""The seed article (../shared/seeds): every paragraph kept, headings, caption once, no boilerplate.

The expected paragraphs and teaser titles are read from the seed at run time; nothing of it is copied here.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import converter
from converter.extract.text import extract_text
from converter.render.html import render_html

TITLE = "What is IS-K and what is its relationship with the Taliban?"
BOILERPLATE = ("Downloading PDF", "This article is over", "Read More", "Sign up for our daily email",
               "Related News", "Make a donation", "Help fund the resistance")
HEADINGS = ["Tories want a scapegoat for evacuation failures",
            "Pointless animal rescue comes before Afghan people"]
CAPTION = "IS-K fighters at a training camp in Afghanistan"
LACKS_PERIOD = ("Downing Street and the military are accusing the Foreign Office of negligence in "
                "preparations for the evacuation")


def seed_lines(seed: Path) -> list[str]:
    return [line.strip() for line in seed.read_text("utf-8").splitlines() if line.strip()]


def teaser_titles(lines: list[str]) -> set[str]:
    """Titles printed twice in a row (the teaser cards)."""
    return {b for a, b in itertools.pairwise(lines) if a == b}


def paragraphs(seed: Path) -> list[str]:
    """The article's paragraphs, read from the seed itself: the lines between the caption with its
    credit and the newsletter footer, less the teaser cards and the two sub-heads."""
    lines = seed_lines(seed)
    start = next(i for i, line in enumerate(lines) if "(Pic:" in line) + 1
    end = next(i for i, line in enumerate(lines) if line.startswith("Sign up"))
    body = lines[start:end]
    skip = teaser_titles(body) | {"Read More", *HEADINGS}
    return [line for line in body if line not in skip]


def unescape(block: str) -> str:
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", block)


def test_seed_extraction(seed_path: Path) -> None:
    result = extract_text(seed_path.read_text("utf-8"))
    assert result.metadata["title"] == TITLE
    assert result.metadata["issue"] == "2770"
    assert result.metadata["language"] == "en"
    expected = paragraphs(seed_path)
    assert len(expected) == 33
    assert LACKS_PERIOD in expected
    blocks = result.body.split("\n\n")
    assert [unescape(b) for b in blocks if not b.startswith(("## ", "::: figure"))] == expected
    assert [b[3:] for b in blocks if b.startswith("## ")] == HEADINGS
    assert result.body.count(CAPTION) == 1
    assert f"::: figure\n{CAPTION} (Pic: Flickr/ Prachatai)\n:::" in result.body
    unwanted = [*BOILERPLATE, *teaser_titles(seed_lines(seed_path))]
    assert [b for b in unwanted if b in result.body] == []


def test_seed_decisions_name_the_rules(seed_path: Path) -> None:
    rules = {d.text: d.rule for d in extract_text(seed_path.read_text("utf-8")).decisions}
    assert rules["This article is over 2 years, 5 months old"] == "status_vocabulary"
    assert rules["Read More"] == "teaser_card"
    assert rules[HEADINGS[0]] == "subhead_between_paragraphs"


def test_seed_markdown(seed_path: Path) -> None:
    article = converter.extract(seed_path)
    assert article.title == TITLE
    markdown = article.to_markdown()
    assert not [b for b in BOILERPLATE if b in markdown]
    assert "issue: '2770'" in markdown


def test_seed_html_has_figure_with_credit(seed_path: Path) -> None:
    html = render_html(converter.extract(seed_path))
    assert f'<figcaption>{CAPTION} <span class="credit">(Pic: Flickr/ Prachatai)</span></figcaption>' in html
    assert html.count("<h2") == 2


def test_seed_pdf_text(seed_path: Path) -> None:
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(converter.render(converter.extract(seed_path), "pdf")))
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert paragraphs(seed_path)[-1] in text.replace("- ", "")
    assert [o.title for o in reader.outline[1]] == HEADINGS
    assert reader.metadata.title == TITLE
