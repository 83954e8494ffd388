"""The issue's Markdown edition (trial 2, #2 and #8): footnotes of different articles never collide, and
pictures are written beside the file as ``convert -o x.md`` does."""

from __future__ import annotations

import io
from pathlib import Path

from click.testing import CliRunner
from PIL import Image

import converter
from converter.cli import main
from converter.issue import compile_issue, render_issue
from converter.markdown.footnotes import prefix_footnotes


def png(colour: tuple[int, int, int]) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (12, 8), colour).save(buffer, "PNG")
    return buffer.getvalue()


def test_prefix_footnotes_renames_labels_but_not_code_or_unknown_labels() -> None:
    body = "Text[^1] and [^note] [^x].\n\n```\n[^1]\n```\n\n[^1]: One.\n[^note]: Two\n"
    assert prefix_footnotes(body, "a2-") == (
        "Text[^a2-1] and [^a2-note] [^x].\n\n```\n[^1]\n```\n\n[^a2-1]: One.\n[^a2-note]: Two\n")


def test_issue_markdown_keeps_every_note_and_every_picture(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "pic.png").write_bytes(png((200, 0, 0)))
    (tmp_path / "b" / "pic.png").write_bytes(png((0, 0, 200)))  # same name, other picture
    (tmp_path / "a" / "one.md").write_text("---\ntitle: One\n---\n\nAlpha claims.[^1]\n\n![Red](pic.png)\n\n"
                                           "[^1]: Note of the FIRST article.\n", "utf-8")
    (tmp_path / "b" / "two.md").write_text("---\ntitle: Two\n---\n\nBeta claims.[^1]\n\n![Blue](pic.png \"t\")\n\n"
                                           "[^1]: Note of the SECOND article.\n", "utf-8")
    result = CliRunner().invoke(main, ["issue", str(tmp_path / "a" / "one.md"), str(tmp_path / "b" / "two.md"),
                                       "--title", "Weekly", "-o", str(tmp_path / "out" / "x.md")])
    assert result.exit_code == 0, result.output
    text = (tmp_path / "out" / "x.md").read_text("utf-8")
    assert text.split("---\n", 2)[2] == (
        "\n# One\n\nAlpha claims.[^a1-1]\n\n![Red](x_files/pic.png)\n\n[^a1-1]: Note of the FIRST article.\n\n"
        "# Two\n\nBeta claims.[^a2-1]\n\n![Blue](x_files/pic-2.png \"t\")\n\n[^a2-1]: Note of the SECOND article.\n")
    assert (tmp_path / "out" / "x_files" / "pic.png").read_bytes() == png((200, 0, 0))
    assert (tmp_path / "out" / "x_files" / "pic-2.png").read_bytes() == png((0, 0, 200))
    again = converter.extract(tmp_path / "out" / "x.md")  # read back: both notes, both pictures
    html = converter.render(again, "html").decode()
    assert "Note of the FIRST article." in html and "Note of the SECOND article." in html
    assert html.count('<img src="data:image/png;base64,') == 2


def test_render_issue_to_a_markdown_file_writes_pictures_too(tmp_path: Path) -> None:
    (tmp_path / "pic.png").write_bytes(png((0, 150, 0)))
    (tmp_path / "one.md").write_text("---\ntitle: One\n---\n\n![Green](pic.png)\n", "utf-8")
    issue = compile_issue([tmp_path / "one.md"], title="Weekly")
    assert b"![Green](pic.png)" in render_issue(issue, "md")  # no file: refs as they are
    data = render_issue(issue, "md", tmp_path / "out.md")
    assert b"![Green](out_files/pic.png)" in data
    assert (tmp_path / "out_files" / "pic.png").read_bytes() == png((0, 150, 0))


def test_individual_markdown_editions_get_their_pictures_beside(tmp_path: Path) -> None:
    (tmp_path / "pic.png").write_bytes(png((0, 150, 0)))
    (tmp_path / "one.md").write_text("---\ntitle: One\n---\n\n![Green](pic.png)\n", "utf-8")
    (tmp_path / "out").mkdir()
    result = CliRunner().invoke(main, ["issue", str(tmp_path / "one.md"), "--title", "W", "--individual",
                                       "-o", str(tmp_path / "out" / "w.md")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "w" / "one.md").read_text("utf-8").endswith("![Green](one_files/pic.png)\n")
    assert (tmp_path / "out" / "w" / "one_files" / "pic.png").read_bytes() == png((0, 150, 0))


def test_the_markdown_edition_keeps_the_cover_beside_it(tmp_path: Path) -> None:
    """Trial 4 #11: the HTML and EPUB editions show the cover, the Markdown file left it out."""
    (tmp_path / "cover.png").write_bytes(png((200, 30, 30)))
    (tmp_path / "pic.png").write_bytes(png((0, 150, 0)))
    (tmp_path / "cover").mkdir()
    (tmp_path / "cover" / "cover.png").write_bytes(png((1, 2, 3)))  # an article picture with the cover's name
    (tmp_path / "one.md").write_text("---\ntitle: One\n---\n\n![Green](pic.png) ![Other](cover/cover.png)\n",
                                     "utf-8")
    issue = compile_issue([tmp_path / "one.md"], title="Weekly", cover=tmp_path / "cover.png")
    assert b"cover:" not in render_issue(issue, "md")  # no file: nowhere to put the picture
    data = render_issue(issue, "md", tmp_path / "out.md").decode()
    assert data.startswith("---\ntitle: Weekly\nlanguage: en\ncover: out_files/cover-2.png\n---\n")
    assert "![Other](out_files/cover.png)" in data
    assert (tmp_path / "out_files" / "cover-2.png").read_bytes() == png((200, 30, 30))
    assert (tmp_path / "out_files" / "cover.png").read_bytes() == png((1, 2, 3))
