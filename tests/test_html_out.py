"""The HTML edition: one self-contained, escaped page with the reader's structure."""

from __future__ import annotations

import base64

from lxml import html as lxml_html

from converter import Article, Resource, render

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


def page(article: Article) -> lxml_html.HtmlElement:
    return lxml_html.fromstring(render(article, "html"))


def test_structure_metadata_line_and_language() -> None:
    doc = page(Article(title="Harbour ferry saved", body="Para one.\n\n## Winter\n\nPara two.",
                       authors=("Maren Ellis",), date="2025-01-14", issue="42", language="en-GB",
                       url="https://www.example.org/ferry"))
    assert doc.get("lang") == "en-GB"
    assert doc.findtext(".//title") == "Harbour ferry saved"
    assert doc.xpath("//article/header/h1/text()") == ["Harbour ferry saved"]
    assert doc.xpath("//article//h2/text()") == ["Winter"]
    line = doc.xpath("string(//p[@class='meta-line'])")
    assert line == "Issue 42 · 14 January 2025 · By Maren Ellis · example.org"
    assert doc.xpath("//p[@class='meta-line']//a/@href") == ["https://www.example.org/ferry"]
    assert doc.xpath("//time/@datetime") == ["2025-01-14"]


def test_the_meta_line_names_the_site_not_the_input_file() -> None:
    from_file = page(Article(title="T", body="Text.", date="2025-01-14", source="ferry.txt"))
    assert from_file.xpath("string(//p[@class='meta-line'])") == "14 January 2025"
    named = page(Article(title="T", body="Text.", date="2025-01-14", source="ferry.txt", site="Harbour Gazette"))
    # The kicker above the title names the site: the meta line does not repeat it.
    assert named.xpath("//header/p[@class='kicker']/text()") == ["Harbour Gazette"]
    assert named.xpath("string(//p[@class='meta-line'])") == "14 January 2025"
    assert named.xpath("//p[@class='meta-line']//a") == []


def test_the_site_name_appears_once_in_the_header_and_the_address_host_stays() -> None:
    doc = page(Article(title="Rooftop bees", body="Text.", date="2025-01-14", authors=("Ivo Marsh",),
                       site="Larch & Lantern", section="Gardens", url="https://larch.example/bees"))
    assert doc.xpath("//header/p[@class='kicker']/text()") == ["Larch & Lantern · Gardens"]
    assert doc.xpath("string(//p[@class='meta-line'])") == "14 January 2025 · By Ivo Marsh · larch.example"
    assert doc.xpath("string(//header)").count("Larch & Lantern") == 1


def test_space_grouped_numbers_do_not_break_in_the_edition_but_stay_in_the_markdown() -> None:
    body = ("Le chantier coûtera près de 400 000 euros, soit 1 250 000,50 francs.\n\n"
            "In 2024 300 people came.\n\n    400 000 in code")
    article = Article(title="T", body=body, language="fr")
    doc = page(article)
    paragraphs = doc.xpath("//div[contains(@class, 'article-body')]//p/text()")
    assert paragraphs == ["Le chantier coûtera près de 400\u00a0000 euros, soit 1\u00a0250\u00a0000,50 francs.",
                          "In 2024 300 people came."]
    assert doc.xpath("//pre//text()") == ["400 000 in code\n"]
    assert "400 000 euros" in render(article, "md").decode("utf-8")


def test_self_contained_no_script_no_external_reference() -> None:
    text = render(Article(title="T", body="Text."), "html").decode()
    doc = lxml_html.fromstring(text)
    assert doc.xpath("//script | //link | //iframe") == []
    assert "prefers-color-scheme: dark" in doc.xpath("string(//style)")
    assert "http" not in "".join(doc.xpath("//@src"))


def test_caption_without_picture_becomes_figure_with_credit() -> None:
    doc = page(Article(title="T", body="::: figure\nFighters at a camp (Pic: Flickr/ Someone)\n:::"))
    figure = doc.xpath("//figure")[0]
    assert figure.xpath("string(figcaption)") == "Fighters at a camp (Pic: Flickr/ Someone)"
    assert figure.xpath("figcaption/span[@class='credit']/text()") == ["(Pic: Flickr/ Someone)"]
    assert figure.xpath(".//img") == []


def test_embedded_picture_is_a_data_uri_and_missing_one_a_placeholder() -> None:
    body = "::: figure\n![A quay](img/quay.png)\n\nThe quay\n:::\n\n![Remote](https://example.org/x.jpg)"
    doc = page(Article(title="T", body=body, resources=(Resource("img/quay.png", "image/png", PNG),)))
    assert doc.xpath("//figure/img/@src")[0].startswith("data:image/png;base64,iVBOR")
    assert doc.xpath("//figure/img/@alt") == ["A quay"]
    assert doc.xpath("//span[@class='picture-missing']/text()") == ["Remote"]


def test_title_is_escaped_and_raw_html_goes_through_the_allow_list() -> None:
    body = ('<img src=x onerror=alert(1)> hi <sup onclick="x()">2</sup> <!-- note to self -->\n\n'
            '<script>alert(2)</script>\n\n<dl><dt>Term</dt><dd>Said <a href="javascript:x()">so</a></dd></dl>\n')
    doc = page(Article(title="<script>alert(1)</script>", body=body))
    assert doc.xpath("//script | //img | //@onclick | //@onerror") == []
    assert doc.findtext(".//h1") == "<script>alert(1)</script>"
    text = doc.xpath("string(//div[@class='article-body'])")
    assert "note to self" not in text and "alert(2)" not in text and "<" not in text
    assert doc.xpath("//div[@class='article-body']//sup/text()") == ["2"]
    assert [dd.xpath("string()") for dd in doc.iter("dd")] == ["Said so"]
    assert doc.xpath("//dd/a/@href") == []


def test_raw_html_with_a_control_character_is_cleaned_not_refused() -> None:
    # Found by the fuzz test: a CDATA section keeps U+001F into a text lxml then refuses to set.
    body = "The ferry left at nine.\n\n<![CDATA[<svg><image href=x>\x1f\n"
    doc = page(Article(title="T", body=body))
    assert doc.xpath("string(//div[@class='article-body'])").split() == ["The", "ferry", "left", "at", "nine."]


def test_only_safe_link_schemes_stay_links() -> None:
    body = "[a](javascript:alert(1)) [b](https://ok.example) [c](mailto:x@example.org) [d](#h-1) [e](file:///etc/passwd)"
    doc = page(Article(title="T", body=body))
    assert doc.xpath("//div[@class='article-body']//a/@href") == ["https://ok.example", "mailto:x@example.org",
                                                                   "#h-1"]
    assert doc.xpath("string(//div[@class='article-body']/p)") == "a b c d e"
