"""Themes and style options, asserted on what a reader sees in the PDF or HTML."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree
from pypdf import PdfReader

from converter import Article, RenderOptions, UsageError, render
from converter.cli import main

LONG = ("The harbour ferry carries nurses and care workers across the estuary every morning, "
        "and the extraordinarily uncompromising volunteers maintain the characteristically temperamental engine. ")
ARTICLE = Article(title="Ferry", body="\n\n".join([LONG * 3] * 6), language="en")


def words(pdf: bytes, page: int = 1) -> list[tuple[float, float, float, str]]:
    """(xMin, yMin, xMax, word) of every word on a page, read by pdftotext -bbox."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed; run scripts/setup.sh")
    out = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), "-", "-"], input=pdf,
                         capture_output=True, check=True).stdout
    tree = etree.fromstring(out.replace(b'xmlns="http://www.w3.org/1999/xhtml"', b""))
    return [(float(w.get("xMin")), float(w.get("yMin")), float(w.get("xMax")), w.text or "")
            for w in tree.iter("word")]


def text(pdf: bytes, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(["pdftotext", *pages, "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()


def body_fonts(pdf: bytes) -> set[str]:
    reader = PdfReader(io.BytesIO(pdf))
    return {str(f.get_object()["/BaseFont"]).split("+")[-1] for f in reader.pages[0]["/Resources"]["/Font"].values()}


@pytest.mark.parametrize(("theme", "fonts"), [
    ("classic", {"Source-Serif-Pro", "Source-Sans-Pro-Bold"}),
    ("modern", {"Source-Sans-Pro", "Source-Sans-Pro-Bold"}),
    ("large-print", {"Source-Sans-Pro", "Source-Sans-Pro-Bold"}),
])
def test_each_theme_sets_its_fonts(theme: str, fonts: set[str]) -> None:
    assert fonts <= body_fonts(render(ARTICLE, "pdf", options=RenderOptions(theme=theme)))


def test_large_print_has_bigger_text_than_classic() -> None:
    def height(theme: str) -> float:
        w = words(render(ARTICLE, "pdf", options=RenderOptions(theme=theme)))
        harbour = next(x for x in w if x[3] == "harbour")
        return harbour[2] - harbour[0]

    assert height("large-print") > 1.4 * height("classic")


def test_unknown_theme_lists_the_themes() -> None:
    with pytest.raises(UsageError, match="unknown theme 'glossy'; use one of: classic, large-print, modern"):
        render(ARTICLE, "html", options=RenderOptions(theme="glossy"))


def test_margins_move_the_text() -> None:
    first = words(render(ARTICLE, "pdf", options=RenderOptions(margins="30mm")))[0]
    assert 84 <= first[0] <= 87  # 30 mm = 85 pt


def test_two_columns_put_text_on_both_halves() -> None:
    pdf = render(ARTICLE, "pdf", options=RenderOptions(page_size="A4", columns=2))
    width = 595
    assert any(x0 > width / 2 + 5 for x0, _, _, w in words(pdf) if w == "harbour")
    assert any(x1 < width / 2 - 5 for _, _, x1, w in words(pdf) if w == "harbour")


def test_hyphenation_can_be_turned_off() -> None:
    on = text(render(ARTICLE, "pdf"))
    off = text(render(ARTICLE, "pdf", options=RenderOptions(hyphenate=False)))
    assert "‐\n" in on or "-\n" in on
    assert "‐\n" not in off and "-\n" not in off


def test_ragged_lines_end_unevenly_and_justified_evenly() -> None:
    def line_ends(options: RenderOptions) -> set[int]:
        rows: dict[int, float] = {}
        for _, y, x1, _ in words(render(ARTICLE, "pdf", options=options), 2):
            rows[round(y)] = max(rows.get(round(y), 0), x1)
        return {round(v) for v in list(rows.values())[1:-2]}  # skip the running header and last lines

    assert len(line_ends(RenderOptions())) <= 3
    assert len(line_ends(RenderOptions(justify=False))) > 6


LINKED = Article(title="Links", language="en",
                 body="Read the [council report](https://example.org/report) and "
                      "[https://example.org/raw](https://example.org/raw) and [above](#h-1).")


def test_links_as_footnotes_on_the_same_page() -> None:
    page = text(render(LINKED, "pdf"), 1)
    assert "council reporta" in page.replace(" a", "a")
    assert "a. https://example.org/report" in page  # lettered: the article's own notes are numbered
    assert page.count("https://example.org/raw") == 1  # its text is its address: no footnote


def test_links_inline_hidden_and_endnotes() -> None:
    inline = " ".join(text(render(LINKED, "pdf", options=RenderOptions(links="inline"))).split())
    assert "council report (https://example.org/report)" in inline
    hidden = text(render(LINKED, "pdf", options=RenderOptions(links="hidden")))
    assert "example.org/report" not in hidden
    endnotes = " ".join(text(render(LINKED, "pdf", options=RenderOptions(links="endnotes"))).split())
    assert endnotes.endswith("Links a. https://example.org/report 1")


def test_html_keeps_links_clickable_whatever_the_print_style() -> None:
    html = render(LINKED, "html", options=RenderOptions(links="endnotes")).decode()
    assert '<a href="https://example.org/report">council report</a>' in html
    assert "link-endnotes" not in html


def test_header_date_and_words_in_the_article_language() -> None:
    german = Article(title="Fähre", body="Text.", date="2021-09-01", authors=("Anna Weber", "Jonas Krüger"),
                     language="de", issue="12")
    page = " ".join(text(render(german, "pdf")).split())
    assert "Ausgabe 12 · 1. September 2021 · Von Anna Weber und Jonas Krüger" in page


def test_colophon_shows_source_retrieval_and_licence() -> None:
    article = Article(title="T", body="Text.", url="https://example.org/a", retrieved="2025-02-03",
                      license="CC BY 4.0", language="en")
    page = " ".join(text(render(article, "pdf")).split())
    assert "Source: https://example.org/a Retrieved: 3 February 2025 Licence: CC BY 4.0" in page


def test_template_folder_overrides_ours_by_name(tmp_path: Path) -> None:
    (tmp_path / "header.html.j2").write_text('<header class="house">HOUSE MASTHEAD {{ article.title }}</header>')
    html = render(Article(title="Ferry", body="Text."), "html", options=RenderOptions(template_dir=tmp_path))
    assert b'<header class="house">HOUSE MASTHEAD Ferry</header>' in html
    assert b'<div class="article-body">' in html  # the other templates are still ours


def test_css_is_added_after_the_theme() -> None:
    html = render(ARTICLE, "html", options=RenderOptions(theme="modern", css=(".headline { color: #ff0000; }",)))
    style = html.decode()
    assert style.index("#1f5fa8") < style.index(".headline { color: #ff0000; }")


def test_only_characters_no_installed_font_draws_are_warned(tmp_path: Path) -> None:
    """☃ and 漢 are drawn by fallback fonts (DejaVu, the CJK fonts setup installs): no warning for them;
    an Egyptian hieroglyph no installed font has is still warned about."""
    if _fc_has(0x13000):
        pytest.skip("an installed font has U+13000: no character left to warn about")
    if not (_fc_has(0x2603) and _fc_has(0x6F22)):
        pytest.skip("fonts for ☃ and 漢 are not installed (scripts/setup.sh installs them)")
    source = tmp_path / "a.md"
    source.write_text("# Ferry\n\nThe sign said 漢 and ☃, and \U00013000.\n", "utf-8")
    result = CliRunner().invoke(main, ["convert", str(source), "-o", str(tmp_path / "a.pdf")])
    assert result.exit_code == 0
    assert "no installed font has a glyph for \U00013000 (U+13000);" in result.stderr
    assert "U+2603" not in result.stderr and "U+6F22" not in result.stderr


def _fc_has(point: int) -> bool:
    if shutil.which("fc-list") is None:
        return False
    return bool(subprocess.run(["fc-list", f":charset={point:x}", "file"], capture_output=True, text=True).stdout)


def test_configuration_file_sets_options_and_the_flag_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    runner = CliRunner()
    monkeypatch.chdir(tmp_path)
    Path("a.md").write_text("# Ferry\n\nText.\n", "utf-8")
    Path("converter.toml").write_text('page-size = "A4"\ntheme = "modern"\n', "utf-8")
    assert runner.invoke(main, ["convert", "a.md", "-o", "a.pdf"]).exit_code == 0
    assert round(float(PdfReader("a.pdf").pages[0].mediabox.width)) == 595
    assert runner.invoke(main, ["convert", "a.md", "-o", "b.pdf", "--page-size", "Letter"]).exit_code == 0
    assert round(float(PdfReader("b.pdf").pages[0].mediabox.width)) == 612
    shown = runner.invoke(main, ["config"]).stdout
    assert 'page-size = "A4"' in shown and 'theme = "modern"' in shown


def test_pyproject_tool_table_and_unknown_keys(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    runner = CliRunner()
    monkeypatch.chdir(tmp_path)
    Path("pyproject.toml").write_text('[tool.converter]\nlinks = "inline"\n', "utf-8")
    assert 'links = "inline"' in runner.invoke(main, ["config"]).stdout
    Path("converter.toml").write_text('pagesize = "A4"\n', "utf-8")
    result = runner.invoke(main, ["config"])
    assert result.exit_code == 1  # 'converter config' shows the file's problems, then exits 1
    assert "converter.toml: unknown option 'pagesize'" in result.stderr
    assert runner.invoke(main, ["convert", "a.md"]).exit_code == 2


def test_themes_command_lists_name_and_description() -> None:
    lines = CliRunner().invoke(main, ["themes"]).stdout.splitlines()
    assert [line.split()[0] for line in lines] == ["classic", "large-print", "modern"]
    assert all(len(line.split(maxsplit=1)[1]) > 20 for line in lines)
