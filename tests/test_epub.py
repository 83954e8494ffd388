"""The EPUB edition: container, package metadata, contents, cover, pictures, reproducibility, epubcheck."""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from pathlib import Path

import pytest
from lxml import etree
from PIL import Image

from converter import Article, Resource, extract
from converter.errors import UsageError
from converter.render.epub import Masthead, render_epub

NS = {
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "x": "http://www.w3.org/1999/xhtml",
    "epub": "http://www.idpf.org/2007/ops",
    "ncx": "http://www.daisy.org/z3986/2005/ncx/",
    "c": "urn:oasis:names:tc:opendocument:xmlns:container",
}


def picture(fmt: str, size: tuple[int, int] = (40, 30), mode: str = "RGB") -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, (200, 80, 40, 128)[: len(mode)] if mode != "L" else 90).save(out, fmt)
    return out.getvalue()


def huge_png_header(width: int, height: int) -> bytes:
    """A real 1x1 PNG whose IHDR claims ``width`` x ``height`` (CRC fixed, so only the size is a lie)."""
    data = bytearray(picture("PNG", (1, 1)))
    ihdr = struct.pack(">II", width, height) + bytes(data[24:29])
    data[16:29] = ihdr
    data[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
    return bytes(data)


FERRY = Article(
    title="Harbour ferry saved", subtitle="The council found the money at the last minute.",
    body="The ferry runs again.\n\n## Winter timetable\n\nBoats leave hourly[^1].\n\n[^1]: Weather permitting.",
    authors=("Maren Ellis", "Tom Quayle"), date="2025-01-14", site="The Quay", language="en-GB",
    url="https://example.org/ferry", description="The harbour ferry will run through the winter.",
)

PICTURES = Article(
    title="Gulls & <herons> of the estuary", language="en",
    body=("Intro with a [link](https://example.org/birds) and an [anchor](#h-1) and a [dead one](#nowhere).\n\n"
          "::: figure\n![A grey heron on a post](img/heron.webp)\n\nA heron at dawn (Photo: A. Walker)\n:::\n\n"
          "## Counts\n\n| bird | count |\n|---|--:|\n| gull | 41 |\n| heron | 3 |\n\n"
          "![A gull with a crab](img/gull.png)\n\nSeen twice[^n].\n\n[^n]: On the 3rd and the 9th.\n\n"
          "Again[^n]. A control character \x01 is dropped."),
    resources=(Resource("img/heron.webp", "image/webp", picture("WEBP")),
               Resource("img/gull.png", "image/png", picture("PNG", mode="RGBA"))),
)

CAPTION_ONLY = Article(title="Camp notes", body="Plain text.\n\n::: figure\nFighters at a camp (Pic: Someone)\n:::")

GERMAN = Article(title="Die Fähre fährt wieder",
                 body="Die Fähre über die Förde fährt ab März.\n\n## Fahrplan\n\nStündlich.", language="de",
                 date="2025-03-01T08:30:00+01:00", site="Fördeblatt", authors=("Jörg Müller",))


def book(*articles: Article, **kwargs: object) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(render_epub(articles, **kwargs)))  # type: ignore[arg-type]


def xml(archive: zipfile.ZipFile, name: str) -> etree._Element:
    return etree.fromstring(archive.read(name))


def opf(archive: zipfile.ZipFile) -> etree._Element:
    return xml(archive, "EPUB/package.opf")


def test_container_mimetype_first_stored_without_extra_field() -> None:
    archive = book(FERRY)
    first = archive.infolist()[0]
    assert (first.filename, first.compress_type, first.extra) == ("mimetype", zipfile.ZIP_STORED, b"")
    assert archive.read("mimetype") == b"application/epub+zip"
    assert archive.fp.getvalue()[30:38] == b"mimetype"  # type: ignore[union-attr]  # no extra field before data
    rootfile = xml(archive, "META-INF/container.xml").find(".//c:rootfile", NS)
    assert rootfile.get("full-path") == "EPUB/package.opf"
    assert [i.filename for i in archive.infolist()[1:]] == sorted(i.filename for i in archive.infolist()[1:])


def test_package_metadata() -> None:
    meta = opf(book(FERRY)).find("opf:metadata", NS)
    dc = {name: meta.xpath(f"dc:{name}/text()", namespaces=NS)
          for name in ("title", "creator", "language", "date", "publisher", "source", "description")}
    assert dc == {"title": ["Harbour ferry saved"], "creator": ["Maren Ellis", "Tom Quayle"],
                  "language": ["en-GB"], "date": ["2025-01-14"], "publisher": ["The Quay"],
                  "source": ["https://example.org/ferry"],
                  "description": ["The harbour ferry will run through the winter."]}
    prop = {p: meta.xpath(f"opf:meta[@property='{p}']/text()", namespaces=NS) for p in (
        "dcterms:modified", "schema:accessMode", "schema:accessModeSufficient", "schema:accessibilityHazard")}
    assert prop == {"dcterms:modified": ["2025-01-14T00:00:00Z"], "schema:accessMode": ["textual"],
                    "schema:accessModeSufficient": ["textual"], "schema:accessibilityHazard": ["none"]}
    assert "alternativeText" not in meta.xpath("opf:meta[@property='schema:accessibilityFeature']/text()",
                                                namespaces=NS)


def test_language_falls_back_to_english_and_pictures_declare_visual_access() -> None:
    meta = opf(book(PICTURES)).find("opf:metadata", NS)
    assert meta.xpath("dc:language/text()", namespaces=NS) == ["en"]
    assert meta.xpath("opf:meta[@property='schema:accessMode']/text()", namespaces=NS) == ["textual", "visual"]
    assert "alternativeText" in meta.xpath("opf:meta[@property='schema:accessibilityFeature']/text()",
                                           namespaces=NS)
    assert opf(book(CAPTION_ONLY)).xpath("//dc:language/text()", namespaces=NS) == ["en"]


def test_identifier_is_stable_and_follows_the_content() -> None:
    def uid(article: Article) -> str:
        return opf(book(article)).xpath("//dc:identifier/text()", namespaces=NS)[0]

    assert re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", uid(FERRY))
    assert uid(FERRY) == uid(FERRY)
    assert uid(FERRY) != uid(FERRY.with_metadata(body=FERRY.body + " More."))
    assert xml(book(FERRY), "EPUB/toc.ncx").xpath("//ncx:meta[@name='dtb:uid']/@content", namespaces=NS) == [
        uid(FERRY)]


def test_byte_identical_under_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    first, second = render_epub([PICTURES, FERRY]), render_epub([PICTURES, FERRY])
    assert first == second
    archive = zipfile.ZipFile(io.BytesIO(first))
    assert {i.date_time for i in archive.infolist()} == {(2023, 11, 14, 22, 13, 20)}
    assert opf(archive).xpath("//opf:meta[@property='dcterms:modified']/text()", namespaces=NS) == [
        "2023-11-14T22:13:20Z"]


def test_spine_cover_then_articles_with_single_article_contents_out_of_flow() -> None:
    package = opf(book(FERRY))
    spine = [(r.get("idref"), r.get("linear", "yes")) for r in package.find("opf:spine", NS)]
    assert spine == [("cover", "yes"), ("nav", "no"), ("article-1", "yes")]
    assert package.find("opf:spine", NS).get("toc") == "ncx"
    nav_item = package.find("opf:manifest/opf:item[@id='nav']", NS)
    assert (nav_item.get("href"), nav_item.get("properties")) == ("nav.xhtml", "nav")


def test_nav_and_ncx_list_the_article_and_its_subheads() -> None:
    archive = book(FERRY)
    nav = xml(archive, "EPUB/nav.xhtml")
    toc = nav.find(".//x:nav[@epub:type='toc']", NS)
    assert [(a.text, a.get("href")) for a in toc.iter(f"{{{NS['x']}}}a")] == [
        ("Harbour ferry saved", "article-1.xhtml"), ("Winter timetable", "article-1.xhtml#a1-h-1")]
    marks = nav.xpath("//x:nav[@epub:type='landmarks']//x:a/@epub:type", namespaces=NS)
    assert marks == ["cover", "toc", "bodymatter"]
    ncx = xml(archive, "EPUB/toc.ncx")
    points = ncx.xpath("//ncx:navPoint", namespaces=NS)
    assert [(p.get("playOrder"), p.find("ncx:content", NS).get("src")) for p in points] == [
        ("1", "article-1.xhtml"), ("2", "article-1.xhtml#a1-h-1")]


def test_sections_nest_the_contents_and_bring_the_contents_page_into_the_flow() -> None:
    second = Article(title="Lighthouse repainted", body="Red and white again.")
    third = Article(title="Choir concert", body="A full hall.\n\n## Programme\n\nBach.")
    archive = book(FERRY, second, third, title="The Quay, issue 12",
                   sections=[("News", [0, 1]), ("Culture", [2])])
    toc = xml(archive, "EPUB/nav.xhtml").find(".//x:nav[@epub:type='toc']/x:ol", NS)
    tree = [(li.find("x:a", NS).text, [a.text for a in li.findall("x:ol/x:li/x:a", NS)]) for li in toc]
    assert tree == [("News", ["Harbour ferry saved", "Lighthouse repainted"]), ("Culture", ["Choir concert"])]
    ncx = xml(archive, "EPUB/toc.ncx")
    assert ncx.xpath("//ncx:navMap/ncx:navPoint/ncx:navLabel/ncx:text/text()", namespaces=NS) == ["News", "Culture"]
    assert ncx.xpath("//ncx:meta[@name='dtb:depth']/@content", namespaces=NS) == ["3"]
    package = opf(archive)
    assert package.xpath("//dc:title/text()", namespaces=NS) == ["The Quay, issue 12"]
    assert [r.get("idref") for r in package.find("opf:spine", NS) if r.get("linear") != "no"] == [
        "cover", "nav", "article-1", "article-2", "article-3"]


def test_sections_naming_a_missing_article_are_refused() -> None:
    with pytest.raises(Exception, match="names article 5"):
        render_epub([FERRY], sections=[("News", [5])])


def test_ids_unique_across_the_book_and_internal_links_resolve() -> None:
    archive = book(PICTURES, PICTURES.with_metadata(title="Second"))
    all_ids: list[str] = []
    for name in ("EPUB/article-1.xhtml", "EPUB/article-2.xhtml"):
        doc = xml(archive, name)
        ids = doc.xpath("//@id")
        all_ids += ids
        assert {h[1:] for h in doc.xpath("//x:a/@href[starts-with(., '#')]", namespaces=NS)} <= set(ids)
        assert doc.xpath("string(//x:a[.='dead one']/@href)", namespaces=NS) == ""
    assert len(all_ids) == len(set(all_ids))
    assert "a2-fnref1-1" in all_ids


def test_pictures_webp_converted_and_linked_not_inlined() -> None:
    archive = book(PICTURES)
    items = {i.get("href"): i.get("media-type") for i in opf(archive).iterfind(".//opf:item", NS)}
    assert items["images/a1-1.jpg"] == "image/jpeg"  # WebP without alpha -> JPEG
    assert items["images/a1-2.png"] == "image/png"
    assert "image/webp" not in items.values()
    assert Image.open(io.BytesIO(archive.read("EPUB/images/a1-1.jpg"))).format == "JPEG"
    article = xml(archive, "EPUB/article-1.xhtml")
    assert article.xpath("//x:figure/x:img/@src", namespaces=NS) == ["images/a1-1.jpg"]
    assert article.xpath("//x:figure/x:img/@alt", namespaces=NS) == ["A grey heron on a post"]
    assert b"data:" not in archive.read("EPUB/article-1.xhtml")
    assert article.xpath("//x:h1/text()", namespaces=NS) == ["Gulls & <herons> of the estuary"]


def test_webp_with_alpha_becomes_png_and_max_image_px_downscales() -> None:
    big = Resource("a.webp", "image/webp", picture("WEBP", (800, 400), "RGBA"))
    archive = book(Article(title="T", body="![alpha](a.webp)", resources=(big,)), max_image_px=200)
    stored = Image.open(io.BytesIO(archive.read("EPUB/images/a1-1.png")))
    assert (stored.format, stored.mode, stored.size) == ("PNG", "RGBA", (200, 100))


def test_decompression_bomb_is_refused_before_decoding(caplog: pytest.LogCaptureFixture) -> None:
    bomb = Resource("bomb.png", "image/png", huge_png_header(10_000, 6_000))
    archive = book(Article(title="T", body="![Too big](bomb.png)", resources=(bomb,)))
    assert "over the 50 Mpx limit" in caplog.text
    assert not [n for n in archive.namelist() if "a1-" in n]
    assert xml(archive, "EPUB/article-1.xhtml").xpath("//x:span[@class='picture-missing']/text()",
                                                      namespaces=NS) == ["Too big"]


def test_cover_generated_when_there_is_no_picture() -> None:
    archive = book(FERRY)
    cover_items = opf(archive).xpath("//opf:item[@properties='cover-image']", namespaces=NS)
    assert [(i.get("href"), i.get("id")) for i in cover_items] == [("images/cover.png", "img-cover")]
    assert opf(archive).xpath("//opf:meta[@name='cover']/@content", namespaces=NS) == ["img-cover"]
    assert Image.open(io.BytesIO(archive.read("EPUB/images/cover.png"))).size == (1200, 1600)
    page = xml(archive, "EPUB/cover.xhtml")
    assert page.xpath("//x:img/@src", namespaces=NS) == ["images/cover.png"]
    assert page.xpath("//x:img/@alt", namespaces=NS) == ["Harbour ferry saved · The Quay · 14 January 2025"]


def test_cover_is_the_lead_picture_when_there_is_one() -> None:
    archive = book(PICTURES.with_metadata(image="img/gull.png"))
    cover_items = opf(archive).xpath("//opf:item[@properties='cover-image']/@href", namespaces=NS)
    assert cover_items == ["images/a1-2.png"]
    assert "EPUB/images/cover.png" not in archive.namelist()
    assert xml(archive, "EPUB/cover.xhtml").xpath("//x:img/@src", namespaces=NS) == ["images/a1-2.png"]
    first = opf(book(PICTURES)).xpath("//opf:item[@properties='cover-image']/@href", namespaces=NS)
    assert first == ["images/a1-1.jpg"]


def test_stylesheet_leaves_sizes_and_themes_to_the_reader() -> None:
    css = book(FERRY).read("EPUB/css/ereader.css").decode()
    assert not re.search(r"font-size:\s*[\d.]+(px|pt)", css)
    assert "@page" not in css and "prefers-color-scheme" not in css


# --- epubcheck -----------------------------------------------------------------------------------------

#: Three books cover the cases (each epubcheck run costs seconds, they run side by side): right-to-left
#: articles, a text-like article with a caption-only
#: figure leading an issue in sections (generated cover) with pictures, tables, notes and links, English and
#: German articles; and a German book whose cover is its lead picture, downscaled.
EPUBCHECK_BOOKS = {
    "issue": ([CAPTION_ONLY, PICTURES, FERRY, GERMAN],
              {"title": "Issue 12", "sections": [("Home", [0, 1]), ("Abroad", [3])]}),
    "german-with-cover-picture": ([GERMAN.with_metadata(body=GERMAN.body + "\n\n![Die Fähre](img/heron.webp)",
                                                        resources=PICTURES.resources)], {"max_image_px": 64}),
    # Right to left (issue 15): the Arabic, Hebrew and Persian golden cases, then an English article.
    "right-to-left": ([*(extract(Path(__file__).parent / "cases" / case) for case in (
        "rtl-arabic-markdown/input.md", "rtl-hebrew-html/input.html", "rtl-persian-text/input.txt")), FERRY],
        {"title": "Mixed"}),
}


def test_epubcheck_reports_no_error_and_no_warning(tmp_path: Path, epubcheck) -> None:
    paths = []
    for name, (articles, kwargs) in EPUBCHECK_BOOKS.items():
        path = tmp_path / f"{name}.epub"
        path.write_bytes(render_epub(articles, **kwargs))  # type: ignore[arg-type]
        paths.append(path)
    for path, report in epubcheck(paths).items():
        assert "Messages: 0 fatals / 0 errors / 0 warnings" in report, f"{path.name}:\n{report}"


def test_language_tag_normalised_and_unparsable_date_shown_as_text() -> None:
    archive = book(Article(title="T", body="Text.", language="en_US", date="last Tuesday"))
    assert opf(archive).xpath("//dc:language/text()", namespaces=NS) == ["en-US"]
    assert opf(archive).xpath("//dc:date", namespaces=NS) == []
    article = xml(archive, "EPUB/article-1.xhtml")
    assert article.get("{http://www.w3.org/XML/1998/namespace}lang") == article.get("lang") == "en-US"
    assert article.xpath("//x:time", namespaces=NS) == []
    assert article.xpath("//x:span[@class='date-text']/x:bdi/text()", namespaces=NS) == ["last Tuesday"]


def test_cmyk_jpeg_is_reencoded_as_rgb() -> None:
    cmyk = Resource("c.jpg", "image/jpeg", picture("JPEG", mode="CMYK"))
    archive = book(Article(title="T", body="![ink](c.jpg)", resources=(cmyk,)))
    assert Image.open(io.BytesIO(archive.read("EPUB/images/a1-1.jpg"))).mode == "RGB"


def test_footnotes_carry_epub_semantics_declared_once() -> None:
    raw = book(FERRY).read("EPUB/article-1.xhtml").decode()
    doc = etree.fromstring(raw.encode())
    kinds = [(e.tag.split("}")[1], e.get(f"{{{NS['epub']}}}type")) for e in doc.iterfind(".//*[@epub:type]", NS)]
    assert kinds == [("body", "bodymatter"), ("a", "noteref"), ("section", "endnotes"), ("li", "endnote")]
    assert raw.count('xmlns:epub="http://www.idpf.org/2007/ops"') == 1


# --- a book that is an issue (Masthead) ----------------------------------------------------------------

def test_issue_info_names_dates_and_places_the_book_in_its_series() -> None:
    info = Masthead("Fördeblatt", number="12", date="2026-11-20", publisher="Verlag Nord", language="de")
    archive = book(GERMAN, FERRY, info=info, sections=[("Lokales", [0]), ("Welt", [1])])
    meta = opf(archive).find("opf:metadata", NS)
    dc = {name: meta.xpath(f"dc:{name}/text()", namespaces=NS)
          for name in ("title", "date", "publisher", "language", "creator", "description")}
    assert dc == {"title": ["Fördeblatt — Ausgabe 12"], "date": ["2026-11-20"], "publisher": ["Verlag Nord"],
                  "language": ["de", "en-GB"], "creator": ["Jörg Müller", "Maren Ellis", "Tom Quayle"],
                  "description": []}
    series = meta.xpath("opf:meta[@property='belongs-to-collection']", namespaces=NS)
    assert [s.text for s in series] == ["Fördeblatt"]
    refines = {m.get("property"): m.text for m in meta.xpath("opf:meta[@refines='#series']", namespaces=NS)}
    assert refines == {"collection-type": "series", "group-position": "12"}
    assert xml(archive, "EPUB/toc.ncx").xpath("//ncx:docTitle/ncx:text/text()", namespaces=NS) == [
        "Fördeblatt — Ausgabe 12"]
    cover = xml(archive, "EPUB/cover.xhtml")
    assert cover.xpath("//x:img/@src", namespaces=NS) == ["images/cover.png"]
    assert cover.xpath("//x:img/@alt", namespaces=NS) == [
        "Fördeblatt · Verlag Nord · Ausgabe 12 · 20. November 2026 · Lokales · Welt"]


def test_issue_info_without_number_is_titled_by_its_date_and_not_a_series_part() -> None:
    meta = opf(book(FERRY, info=Masthead("The Quay", date="2026-11-20"))).find("opf:metadata", NS)
    assert meta.xpath("dc:title/text()", namespaces=NS) == ["The Quay — 20 November 2026"]
    assert meta.xpath("dc:publisher", namespaces=NS) == []  # the articles' sites do not publish the issue
    assert meta.xpath("opf:meta[@property='belongs-to-collection']", namespaces=NS) == []
    named = opf(book(FERRY, info=Masthead("The Quay", number="Winter special"))).find("opf:metadata", NS)
    assert named.xpath("dc:title/text()", namespaces=NS) == ["The Quay — Issue Winter special"]
    assert named.xpath("opf:meta[@property='group-position']", namespaces=NS) == []


def test_issue_identifier_follows_the_issue_and_is_reproducible(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")

    def uid(info: Masthead) -> str:
        return opf(book(FERRY, PICTURES, info=info)).xpath("//dc:identifier/text()", namespaces=NS)[0]

    twelve = Masthead("The Quay", number="12")
    assert render_epub([FERRY, PICTURES], info=twelve) == render_epub([FERRY, PICTURES], info=twelve)
    assert uid(twelve) == uid(twelve) != uid(Masthead("The Quay", number="13"))
    assert uid(twelve) != opf(book(FERRY, PICTURES, title="The Quay")).xpath("//dc:identifier/text()",
                                                                              namespaces=NS)[0]


def test_issue_cover_picture_is_the_cover_and_an_unreadable_one_falls_back(caplog: pytest.LogCaptureFixture) -> None:
    photo = Resource("cover.webp", "image/webp", picture("WEBP", (300, 400)))
    archive = book(PICTURES, info=Masthead("The Quay", number="12", cover=photo), max_image_px=200)
    covers = opf(archive).xpath("//opf:item[@properties='cover-image']/@href", namespaces=NS)
    assert covers == ["images/cover.jpg"]  # the issue's picture, not the lead story's
    assert Image.open(io.BytesIO(archive.read("EPUB/images/cover.jpg"))).size == (150, 200)
    assert xml(archive, "EPUB/cover.xhtml").xpath("//x:img/@src", namespaces=NS) == covers
    broken = book(FERRY, info=Masthead("The Quay", cover=Resource("c.png", "image/png", b"not a picture")))
    assert "cannot be read" in caplog.text
    assert opf(broken).xpath("//opf:item[@properties='cover-image']/@href", namespaces=NS) == ["images/cover.png"]


def test_a_book_is_named_by_title_or_by_info_not_both() -> None:
    with pytest.raises(UsageError, match="not both"):
        render_epub([FERRY], title="A", info=Masthead("B"))


def test_generated_issue_cover_cuts_what_does_not_fit() -> None:
    from converter.render.epub.cover import MAX_SECTION_LINES, CoverText, cover_png, fit_line, font, section_lines

    sans = font("SourceSansPro-Semibold", 40)
    cut = fit_line("A section title far too long to stand on one line of the cover", sans.getlength, 400)
    assert cut.endswith(" …") and sans.getlength(cut) <= 400
    lines = section_lines(tuple(f"Section {n}" for n in range(10)), 960)
    assert len(lines) == MAX_SECTION_LINES and lines[-1][0] == "…"
    text = CoverText("A title " * 30, "P " * 80, "20 November 2026", "Issue " + "9" * 80, tuple(t for t, _ in lines))
    assert Image.open(io.BytesIO(cover_png(text))).size == (1200, 1600)


def test_chapter_header_names_the_site_once_and_numbers_keep_their_groups() -> None:
    article = Article(title="Die Brücke", body="Die Sanierung kostet 1 250 000 Euro.", language="de",
                      date="2025-03-01", site="Fördeblatt", authors=("Jörg Müller",))
    chapter = xml(book(article), "EPUB/article-1.xhtml")
    ns = {"x": "http://www.w3.org/1999/xhtml"}
    header = "".join(chapter.xpath("//x:header//text()", namespaces=ns))
    assert header.count("Fördeblatt") == 1
    assert chapter.xpath("//x:p[@class='kicker']/text()", namespaces=ns) == ["Fördeblatt"]
    assert "Die Sanierung kostet 1\u00a0250\u00a0000 Euro." in chapter.xpath("//x:p/text()", namespaces=ns)
