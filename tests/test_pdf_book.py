"""The PDF as a book, from the second fresh-user trial: table cells keep their alignment (no warning, strict
passes), table rows never break across pages, one footnote series per page, an unknown font family is
named, PDF/UA pictures need alt text."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from converter import Article, RenderOptions, render
from tests.conftest import assert_warned


def words(pdf: bytes, first: int = 1, last: int = 0) -> list[tuple[str, float, float, int]]:
    """``(word, x_min, x_max, page)`` for each word of the PDF, as pdftotext places it."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed; run scripts/setup.sh")
    done = subprocess.run(["pdftotext", "-bbox", "-", "-"], input=pdf, capture_output=True, check=True)
    found, page = [], 0
    for line in done.stdout.decode().splitlines():
        if "<page " in line:
            page += 1
        match = re.search(r'xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">(.*)</word>', line)
        if match:
            found.append((match[3], float(match[1]), float(match[2]), page))
    return found


def text_of(pdf: bytes) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed; run scripts/setup.sh")
    return subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()


ALIGNED = Article(title="Aligned table", language="en", body=(
    "Figures below.\n\n| Item | Cost |\n|:-----|-----:|\n| Shell | 2,400,000 |\n| Shelves | 610,000 |\n"))


def test_an_aligned_markdown_table_keeps_its_alignment_in_the_pdf_without_a_warning(
        caplog: pytest.LogCaptureFixture) -> None:
    pdf = render(ALIGNED, "pdf")  # no warning, so --strict passes too
    placed = {w: (x0, x1) for w, x0, x1, _ in words(pdf)}
    assert abs(placed["2,400,000"][1] - placed["610,000"][1]) < 0.5  # right-aligned: same right edge
    assert abs(placed["Cost"][1] - placed["610,000"][1]) < 0.5
    assert abs(placed["Shell"][0] - placed["Shelves"][0]) < 0.5  # left-aligned: same left edge
    assert placed["610,000"][0] > placed["2,400,000"][0]
    assert_warned(caplog, "")


def test_any_other_inline_style_is_still_removed_with_its_own_reason(caplog: pytest.LogCaptureFixture) -> None:
    from converter.policy.limits import Limits
    from converter.render.sanitize import sanitize

    page = ('<html><body><table><tr><td style="text-align:right; background:url(http://x.example/a.png)">1</td>'
            '<td style="text-align: center">2</td></tr></table><p style="text-align:right">3</p></body></html>')
    html = sanitize(page, Limits()).html
    assert '<td>1</td><td style="text-align: center">2</td>' in html
    assert "<p>3</p>" in html
    assert_warned(caplog, "removed style='text-align:right; background:url(http://x.example/a.png)' from <td>: "
                          "the PDF keeps no inline styles but a table cell's text-align (a style can fetch files)")


def test_a_table_row_is_never_split_across_pages_and_the_header_repeats() -> None:
    rows = "\n".join(f"| Shelf{n:02d} and climate control, stage S{n:02d} | {n * 1000 + 610:,} | 2026 |"
                     for n in range(1, 13))
    article = Article(title="Budget", language="en", body=(
        "The council voted.\n\n" + "Paragraph before the table, long enough to push it down. " * 12 + "\n\n"
        "| Item | Cost | Year |\n|:--|--:|:-:|\n" + rows + "\n\nAfter the table.\n"))
    pdf = render(article, "pdf", options=RenderOptions(theme="large-print", page_size="6in"))
    placed = words(pdf)
    pages_of = {w: {p for x, _, _, p in placed if x == w} for w in ("2026", "Item", "Cost")}
    for n in range(1, 13):
        row = [f"Shelf{n:02d}", f"S{n:02d}", f"{n * 1000 + 610:,}"]  # the label's first and last word, the figure
        assert sorted(x for x, _, _, _ in placed if x in row) == sorted(row)  # each printed once
        assert len({p for x, _, _, p in placed if x in row}) == 1, (n, [(x, p) for x, _, _, p in placed if x in row])
    table_pages = pages_of["2026"]
    assert len(table_pages) > 1  # the table does cross a page
    assert table_pages <= pages_of["Item"] and table_pages <= pages_of["Cost"]  # its header on every one


def test_link_notes_are_lettered_beside_the_articles_numbered_notes() -> None:
    body = "\n\n".join(f"Claim {n} with a note.[^{n}] And [source {n}](https://example.org/p{n}) to read." for n in
                       (1, 2)) + "\n\n[^1]: The article's own note.\n[^2]: Another of its notes.\n"
    page = text_of(render(Article(title="Notes and links", body=body, language="en"), "pdf"))
    notes = [line for line in page.splitlines() if re.match(r"^\w\. ", line)]
    assert notes == ["1. The article's own note.", "a. https://example.org/p1", "2. Another of its notes.",
                     "b. https://example.org/p2"]
    assert "Claim 1 with a note.1 And source 1 a to read." in page
    from converter.render.print_links import letter

    assert [letter(n) for n in (1, 26, 27, 52, 53, 702, 703)] == ["a", "z", "aa", "az", "ba", "zz", "aaa"]


def test_an_unknown_font_family_is_named_once_with_what_the_pdf_uses(caplog: pytest.LogCaptureFixture) -> None:
    from converter.render import fonts

    if shutil.which("fc-list") is None or shutil.which("fc-match") is None:
        pytest.skip("fontconfig's fc-list and fc-match are not installed")
    fonts._warn_unknown.cache_clear()
    instead = subprocess.run(["fc-match", "serif", "family"], capture_output=True, text=True).stdout.split(",")[0]
    article = Article(title="Fonts", body="A short text.", language="en")
    for _ in range(2):
        render(article, "pdf", options=RenderOptions(font_family="No Such Font"))
    warned = [r.getMessage() for r in caplog.records if r.levelno >= 30 and r.name.startswith("converter")]
    assert warned == [f"font family 'No Such Font' is not installed; the PDF uses {instead.strip()} instead "
                      "(fc-list : family lists the installed ones)"]
    caplog.clear()
    installed = sorted(fonts.installed_families())[0]
    render(article, "pdf", options=RenderOptions(font_family=installed.upper()))
    render(article, "pdf", options=RenderOptions(font_family="Source Serif Pro"))
    assert_warned(caplog, "")


def _png(colour: tuple[int, int, int] = (40, 90, 140)) -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 30), colour).save(out, "PNG")
    return out.getvalue()


def test_pdf_ua_warns_about_a_picture_without_alt_text_and_strict_refuses_it(
        caplog: pytest.LogCaptureFixture) -> None:
    from converter import Resource, StrictError, strict

    pictures = (Resource("harbour.png", "image/png", _png()), Resource("quay.png", "image/png", _png((200, 90, 40))))
    article = Article(title="Pictures", language="en", resources=pictures,
                      body="Text.\n\n![](harbour.png)\n\n![The quay at dawn](quay.png)\n")
    message = ("picture harbour.png has no alt text: PDF/UA-1 requires a text alternative for every picture; "
               "write one in ![...](harbour.png)")
    render(article, "pdf")  # a plain PDF does not ask for one
    assert_warned(caplog, "")
    pdf = render(article, "pdf", options=RenderOptions(pdf_variant="pdf/ua-1"))
    assert pdf.startswith(b"%PDF")
    assert [r.getMessage() for r in caplog.records if r.name.startswith("converter")] == [message]
    with strict(), pytest.raises(StrictError) as refused:
        render(article, "pdf", options=RenderOptions(pdf_variant="pdf/ua-1"))
    assert str(refused.value) == message + " (strict mode: warnings are errors)"


def overflow(pdf: bytes) -> list[tuple[str, float]]:
    """Words whose box ends past the text area's right edge (the page less the 16 mm right margin), with
    their right edge in points."""
    done = subprocess.run(["pdftotext", "-bbox", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    width = float(re.search(r'<page width="([\d.]+)"', done)[1])
    edge = width - 16 / 25.4 * 72 + 1  # a point of slack for rounding
    return [(w, x1) for w, _, x1, _ in words(pdf) if x1 > edge]


@pytest.mark.parametrize("body, theme", [
    ("Code follows.\n\n```\nsha256=" + "9f86d081884c7d659a2feaa0c55ad015" * 4 + "\n```\n\nAnd inline `"
     + "verylong" * 10 + "` here.", "classic"),
    ("| a | b | c | d | e | f | g | h |\n|---|---|---|---|---|---|---|---|\n| https://example.org/a/very/long/url/"
     "that/does/not/break/anywhere/at/all/really | x | y | z | 1 | 2 | 3 | 4 |\n| supercalifragilistic"
     "expialidociousandevenlongerwordwithoutspaces | x | y | z | 1 | 2 | 3 | 4 |", "classic"),
    ("The minutes are at https://council.example.org/minutes/2025/03/04/extraordinary-session-on-the-library-wing"
     "-and-the-archive-digitisation-programme-final-version.pdf and will be read out.", "large-print"),
], ids=["long-code", "wide-table", "long-url"])
def test_long_code_wide_tables_and_long_addresses_stay_inside_a_narrow_page(body: str, theme: str) -> None:
    pdf = render(Article(title="Narrow", body=body, language="en"), "pdf",
                 options=RenderOptions(page_size="6in", theme=theme))
    assert overflow(pdf) == []
    text = "".join(text_of(pdf).split()).replace("\u2010", "").replace("-", "")
    for token in ("9f86d081884c7d659a2feaa0c55ad015" * 4, "verylong" * 10, "supercalifragilisticexpialidocious",
                  "extraordinarysessiononthelibrarywing"):
        if token[:12] in body.replace("-", ""):
            assert token in text  # broken across lines, never cut
