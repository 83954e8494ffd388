"""Typography rules of the editions (converter.render.typography): exact text in, exact text out."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from converter import Article, render
from converter.render.typography import apply_typography, keep_digit_groups

NB = "\u00a0"


@pytest.mark.parametrize(("text", "expected"), [
    ("près de 400 000 euros", f"près de 400{NB}000 euros"),
    ("1 250 000,50 €", f"1{NB}250{NB}000,50 €"),
    ("12 500 Einwohner", f"12{NB}500 Einwohner"),
    ("in 2024 300 people", "in 2024 300 people"),  # a 4-digit first group is a year, not a number's head
    ("pages 12 34 and 1 0000", "pages 12 34 and 1 0000"),  # groups after the first have exactly 3 digits
    ("version 3.1 000", "version 3.1 000"),  # not glued to a decimal
    ("already 400\u00a0000", "already 400\u00a0000"),
])
def test_keep_digit_groups(text: str, expected: str) -> None:
    assert keep_digit_groups(text) == expected


def test_only_text_outside_tags_and_verbatim_elements_changes() -> None:
    html = ('<p title="1 000">a 3 000 b</p><pre><code>400 000</code></pre>'
            '<p>c <code>2 000</code> 5 000</p><img alt="7 000"/><p>8 000</p>')
    assert apply_typography(html) == (f'<p title="1 000">a 3{NB}000 b</p><pre><code>400 000</code></pre>'
                                      f'<p>c <code>2 000</code> 5{NB}000</p><img alt="7 000"/><p>8{NB}000</p>')


def test_a_space_grouped_number_never_breaks_across_lines_in_the_pdf(tmp_path: Path) -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    # Words of every length before the numbers, so that without the rule some line ends inside one.
    words = " ".join(f"{'m' * (n % 7 + 1)} 400 000 euros" for n in range(60))
    article = Article(title="Budget", body=words, language="fr")
    pdf = tmp_path / "budget.pdf"
    render(article, "pdf", output=pdf)
    lines = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                           check=True).stdout.splitlines()
    body = [line for line in lines if "euros" in line or "000" in line]
    assert len(body) > 5
    assert not [line for line in body if line.rstrip().endswith("400") or line.lstrip().startswith("000")]
    assert sum(line.count("400 000") for line in lines) == 60


@pytest.mark.parametrize("text", ["près de 400 000 euros", "1 250 000,50 €", "in 2024 300 people", "١٢ ٣٤٥ x",
                                  "pages 12 34", "no digits", "12\u00a0500", " 500 at the start", "a 1000 2 000",
                                  "x  500 and 7 500"])
def test_the_cheap_test_never_refuses_a_digit_group(text: str) -> None:
    from converter.render.typography import _MAY_GROUP_DIGITS, DIGIT_GROUPS, may_group_digits

    assert DIGIT_GROUPS.search(text) is None or _MAY_GROUP_DIGITS.search(text) is not None
    assert may_group_digits(text) == (_MAY_GROUP_DIGITS.search(text) is not None)
    assert apply_typography(f"<p>{text}</p>") == f"<p>{keep_digit_groups(text)}</p>"
