"""The seed article (../shared/seeds): every paragraph kept, headings, caption once, no boilerplate."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import converter
from converter.html_out import render_html

BOILERPLATE = ("Downloading PDF", "This article is over", "Read More", "Sign up for our daily email",
               "Related News", "Make a donation", "Help fund the resistance", "The Taliban—terror that the US made",
               "Five crucial questions about end of Afghanistan occupation")
HEADINGS = ["Tories want a scapegoat for evacuation failures", "Pointless animal rescue comes before Afghan people"]


def paragraphs(seed: Path) -> list[str]:
    """The article's 33 paragraphs, read from the seed itself: the lines between the caption with its
    credit and the newsletter footer, less the teaser cards and the two sub-heads."""
    lines = [line.strip() for line in seed.read_text("utf-8").splitlines() if line.strip()]
    start = next(i for i, line in enumerate(lines) if "(Pic:" in line) + 1
    end = next(i for i, line in enumerate(lines) if line.startswith("Sign up"))
    body = lines[start:end]
    teasers = {line for a, line in itertools.pairwise(body) if a == line} | {"Read More"}
    return [line for line in body if line not in teasers and line not in HEADINGS]


def test_seed_markdown(seed_path: Path) -> None:
    article = converter.extract(seed_path)
    assert article.title == "What is IS-K and what is its relationship with the Taliban?"
    assert article.issue == "2770"
    assert article.language == "en"
    expected = paragraphs(seed_path)
    assert len(expected) == 33
    blocks = article.body.split("\n\n")
    kept = [re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", b) for b in blocks if not b.startswith(("## ", "::: figure"))]
    assert kept == expected
    assert [b[3:] for b in blocks if b.startswith("## ")] == HEADINGS
    assert article.body.count("IS-K fighters at a training camp in Afghanistan") == 1
    assert "::: figure\nIS-K fighters at a training camp in Afghanistan (Pic: Flickr/ Prachatai)\n:::" in article.body
    markdown = article.to_markdown()
    assert not [b for b in BOILERPLATE if b in markdown]
    assert "issue: '2770'" in markdown


def test_seed_html_has_figure_with_credit(seed_path: Path) -> None:
    html = render_html(converter.extract(seed_path))
    assert ('<figcaption>IS-K fighters at a training camp in Afghanistan '
            '<span class="credit">(Pic: Flickr/ Prachatai)</span></figcaption>') in html
    assert html.count("<h2") == 2


def test_seed_pdf_text(seed_path: Path) -> None:
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(converter.render(converter.extract(seed_path), "pdf")))
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert "Though it is possible a number will now be put down." in text.replace("- ", "")
    assert [o.title for o in reader.outline[1]] == HEADINGS
    assert reader.metadata.title == "What is IS-K and what is its relationship with the Taliban?"
