"""Pictures in Markdown input (trial 2, #7): titled, percent-encoded, raw HTML, missing, remote. Every
picture left out is one warning naming it and why, and strict mode stops at it."""

from __future__ import annotations

import io
import logging
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

import converter
from converter.cli import main


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (20, 10), (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "pic.png").write_bytes(png())
    (tmp_path / "my pic.png").write_bytes(png())
    return tmp_path


def test_titled_and_spaced_pictures_are_copied_and_repointed(folder: Path) -> None:
    (folder / "a.md").write_text('---\ntitle: T\n---\n\n![A red box](pic.png "The title")\n\n![Plain](pic.png)\n\n'
                                 "![Spaces](my%20pic.png)\n\n![Angle](<my pic.png>)\n", "utf-8")
    article = converter.extract(folder / "a.md")
    converter.render(article, "md", folder / "out" / "a.md")
    assert (folder / "out" / "a.md").read_text("utf-8").split("# T\n\n")[1] == (
        '![A red box](a_files/pic.png "The title")\n\n![Plain](a_files/pic.png)\n\n'
        "![Spaces](<a_files/my pic.png>)\n\n![Angle](<a_files/my pic.png>)\n")
    assert sorted(p.name for p in (folder / "out" / "a_files").iterdir()) == ["my pic.png", "pic.png"]
    again = converter.extract(folder / "out" / "a.md")  # read back: every picture found
    assert [r.ref for r in again.resources] == ["a_files/pic.png", "a_files/my pic.png"]


def test_raw_html_pictures_become_markdown_pictures(folder: Path) -> None:
    (folder / "r.md").write_text(
        'Text <img src="pic.png" alt="inline"> and `<img src="x.png">` code.\n\n<img src="pic.png" alt="Raw">\n\n'
        '<figure><img src="pic.png" alt="fig"><figcaption>A raw *figure* caption</figcaption></figure>\n\n'
        '<picture><source srcset="https://x.example/p.webp"><img src="my pic.png" alt="pic"></picture>\n', "utf-8")
    article = converter.extract(folder / "r.md")
    assert article.body == ('Text ![inline](pic.png) and `<img src="x.png">` code.\n\n![Raw](pic.png)\n\n'
                            "::: figure\n![fig](pic.png)\n\nA raw \\*figure\\* caption\n:::\n\n"
                            "![pic](<my pic.png>)")
    assert [r.ref for r in article.resources] == ["pic.png", "my pic.png"]
    html = converter.render(article, "html").decode()
    assert html.count('<img src="data:image/png;base64,') == 4
    assert "<figcaption>A raw *figure* caption</figcaption>" in html


def test_raw_picture_inside_text_block_is_warned_about(folder: Path, caplog: pytest.LogCaptureFixture) -> None:
    (folder / "d.md").write_text('<div>Words <img src="pic.png" alt="in div"></div>\n', "utf-8")
    with caplog.at_level(logging.WARNING, logger="converter"):
        html = converter.render(converter.extract(folder / "d.md"), "html").decode()
    assert "<div>Words in div</div>" in html
    assert [r.getMessage() for r in caplog.records] == [
        "picture pic.png in raw HTML is left out (its alt text is shown); write it as ![alt](pic.png) on a "
        "line of its own"]


def test_missing_and_remote_pictures_are_warned_and_strict_stops(folder: Path) -> None:
    (folder / "m.md").write_text("Text.\n\n![Missing](nothere.png)\n\n![Remote](https://img.example.com/x.jpg)\n",
                                 "utf-8")
    result = CliRunner().invoke(main, ["convert", str(folder / "m.md"), "-o", str(folder / "m.pdf")])
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        "converter: warning: not read nothere.png: missing: not saved beside the page\n"
        "converter: warning: not read https://img.example.com/x.jpg: the converter works offline and never "
        "fetches from the network\n")
    text = subprocess.run(["pdftotext", str(folder / "m.pdf"), "-"], capture_output=True, text=True).stdout
    assert "Missing" in text and "Remote" in text  # their placeholders keep the alt text
    strict = CliRunner().invoke(main, ["convert", str(folder / "m.md"), "--strict", "-o", str(folder / "s.pdf")])
    assert strict.exit_code == 1
    assert strict.stderr == ("converter: error: not read nothere.png: missing: not saved beside the page "
                             "(strict mode: warnings are errors)\n")
    assert not (folder / "s.pdf").exists()


def test_data_uri_picture_is_embedded_and_saved_beside(folder: Path) -> None:
    import base64

    uri = "data:image/png;base64," + base64.b64encode(png()).decode()
    (folder / "u.md").write_text(f'Text.\n\n![Inline]({uri} "Its title")\n', "utf-8")
    article = converter.extract(folder / "u.md")
    html = converter.render(article, "html").decode()
    assert f'<img src="{uri}" alt="Inline" title="Its title">' in html
    converter.render(article, "md", folder / "out.md")
    assert (folder / "out.md").read_text("utf-8").endswith('Text.\n\n![Inline](out_files/picture.png "Its title")\n')
    assert (folder / "out_files" / "picture.png").read_bytes() == png()


def test_reference_style_pictures_are_read_and_repointed(folder: Path) -> None:
    (folder / "r.md").write_text("Text.\n\n![Ref pic][r] and ![Shortcut] and [a link][l].\n\n[r]: pic.png \"T\"\n"
                                 "[shortcut]: <my pic.png>\n[l]: https://example.org\n", "utf-8")
    article = converter.extract(folder / "r.md")
    assert [r.ref for r in article.resources] == ["pic.png", "my pic.png"]
    assert converter.render(article, "html").decode().count('<img src="data:image/png;base64,') == 2
    converter.render(article, "md", folder / "out.md")
    assert (folder / "out.md").read_text("utf-8").endswith(
        '[r]: out_files/pic.png "T"\n[shortcut]: <out_files/my pic.png>\n[l]: https://example.org\n')


def test_data_uri_picture_stays_in_markdown_on_standard_output(folder: Path) -> None:
    import base64

    uri = "data:image/png;base64," + base64.b64encode(png()).decode()
    (folder / "u.md").write_text(f"Text.\n\n![Inline]({uri})\n", "utf-8")
    result = CliRunner().invoke(main, ["convert", str(folder / "u.md")])
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith(f"Text.\n\n![Inline]({uri})\n") and result.stderr == ""


def test_each_body_gets_its_own_pictures_and_notes_from_the_one_parser(caplog: pytest.LogCaptureFixture) -> None:
    """``render_body`` reuses one parser: what one body brings (its pictures, its undefined note calls)
    reaches neither the next body nor the same body rendered again."""
    from converter.article import Resource
    from converter.markdown.to_html import data_uri, render_body

    picture = Resource("pic.png", "image/png", png())
    body = "![Box](pic.png) and a call[^nope]."
    caplog.set_level(logging.WARNING, logger="converter.render.markdown")
    with_picture = render_body(body, [picture])
    without = render_body(body)
    assert with_picture == f'<p><img src="{data_uri(picture)}" alt="Box"> and a call[^nope].</p>\n'
    assert without == '<p><span class="picture-missing" role="img" aria-label="Box">Box</span> and a call[^nope].</p>\n'
    assert render_body(body, [picture]) == with_picture
    assert [r.getMessage() for r in caplog.records].count(
        "footnote [^nope] is referenced but never defined; printed as written") == 3


def test_a_front_matter_lead_picture_is_shown_and_copied_with_the_markdown_edition(folder: Path) -> None:
    """Hugo's and Jekyll's ``image: pic.png`` (trial 5, #10): the article's lead picture, above the body,
    in every edition; the Markdown edition copies it and points the front matter at the copy."""
    (folder / "h.md").write_text("---\ntitle: T\nimage: pic.png\n---\n\nThe text.\n", "utf-8")
    article = converter.extract(folder / "h.md")
    assert article.body == "![](pic.png)\n\nThe text."
    assert [r.ref for r in article.resources] == ["pic.png"]
    assert converter.render(article, "html").decode().count('<img src="data:image/png;base64,') == 1
    converter.render(article, "md", folder / "out" / "h.md")
    written = (folder / "out" / "h.md").read_text("utf-8")
    assert "image: h_files/pic.png\n" in written
    assert written.endswith("# T\n\n![](h_files/pic.png)\n\nThe text.\n")
    assert (folder / "out" / "h_files" / "pic.png").read_bytes() == png()
    again = converter.extract(folder / "out" / "h.md")  # read back: the picture once, not twice
    assert again.body == "![](h_files/pic.png)\n\nThe text." and again.image == "h_files/pic.png"


def test_a_front_matter_picture_the_body_shows_or_the_policy_refuses_adds_nothing(
        folder: Path, caplog: pytest.LogCaptureFixture) -> None:
    (folder / "shown.md").write_text("---\ntitle: T\nimage: pic.png\n---\n\n![Box](pic.png)\n\nText.\n", "utf-8")
    assert converter.extract(folder / "shown.md").body == "![Box](pic.png)\n\nText."
    (folder / "sub").mkdir()
    for image in ("missing.png", "../pic.png", "https://example.com/p.png"):  # ../pic.png: outside its folder
        (folder / "sub" / "x.md").write_text(f"---\ntitle: T\nimage: {image}\n---\n\nText.\n", "utf-8")
        article = converter.extract(folder / "sub" / "x.md")
        assert (article.body, article.resources, article.image) == ("Text.", (), image)
