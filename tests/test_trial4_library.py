"""Trial 4's library and folder findings: the library never writes over its own input (as the CLI), a
missing output folder is a ``UsageError``, options are checked when made, and ``extract(None)`` says
what to give."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

import converter
from converter import RenderOptions, UsageError
from tests.conftest import run_cli

ARTICLE_MD = """---
title: The ferry timetable
author: Ada Marsh
---

# The ferry timetable

The night crossing returns in spring, the harbour master said on Friday, after a winter without it.
"""


def test_render_refuses_to_write_over_the_file_the_article_was_read_from(tmp_path: Path) -> None:
    source = tmp_path / "same.md"
    source.write_text(ARTICLE_MD, encoding="utf-8")
    article = converter.extract(source)
    assert article.input_path == str(source.resolve())
    for output in (source, tmp_path / "." / "same.md"):
        with pytest.raises(UsageError) as caught:
            converter.render(article.with_metadata(title="Changed"), "md", output)
        assert str(caught.value) == (f"the output {output} is the input {source.resolve()}; nothing was written "
                                     "(choose another name, an input is never overwritten)")
    assert source.read_text(encoding="utf-8") == ARTICLE_MD
    assert sorted(p.name for p in tmp_path.iterdir()) == ["same.md"]


def test_the_input_path_is_not_metadata(tmp_path: Path) -> None:
    source = tmp_path / "a.md"
    source.write_text(ARTICLE_MD, encoding="utf-8")
    article = converter.extract(source)
    assert "input_path" not in converter.render(article, "md").decode()
    assert article == converter.extract(ARTICLE_MD).with_metadata(source="a.md")  # the path is not compared
    with pytest.raises(UsageError, match="Article has no field 'input_path'"):
        article.with_metadata(input_path="/elsewhere")


def test_render_issue_refuses_to_write_over_an_input(tmp_path: Path) -> None:
    source = tmp_path / "a.md"
    source.write_text(ARTICLE_MD, encoding="utf-8")
    issue = converter.compile_issue([source], title="Weekly")
    with pytest.raises(UsageError) as caught:
        converter.render_issue(issue, "md", source)
    assert str(caught.value) == (f"the output {source} is the input {source.resolve()}; nothing was written "
                                 "(choose another name, an input is never overwritten)")
    assert source.read_text(encoding="utf-8") == ARTICLE_MD


def test_render_to_a_missing_folder_is_a_usage_error(tmp_path: Path) -> None:
    output = tmp_path / "nowhere" / "x.html"
    with pytest.raises(UsageError) as caught:
        converter.render(converter.extract(ARTICLE_MD), "html", output)
    assert str(caught.value) == f"{output}: the folder {output.parent} does not exist; create it first"
    assert not output.parent.exists()


def test_an_unknown_theme_is_refused_when_the_options_are_made() -> None:
    with pytest.raises(UsageError) as caught:
        RenderOptions(theme="dark")
    assert str(caught.value).startswith("unknown theme 'dark'; use one of: ")
    assert str(caught.value).endswith(" (converter themes lists them)")
    assert "classic" in str(caught.value)
    assert RenderOptions(theme="classic").theme == "classic"


def test_extract_of_nothing_says_what_to_give() -> None:
    with pytest.raises(UsageError) as caught:
        converter.extract(None)
    assert str(caught.value) == ("no input given: pass the article as text (str), bytes or a pathlib.Path, "
                                 'or a file name as path="page.html"')


# 3 (#4): a folder's re-run sees a replaced picture beside an input

PAGE_HTML = """<!DOCTYPE html><html lang="en"><head><title>The new ferry</title></head><body><article>
<h1>The new ferry</h1>
<p>The council's new ferry made its first crossing on Friday morning, carrying forty passengers and a
bicycle across the harbour in eleven minutes, two faster than the old boat.</p>
<figure><img src="a_files/pic.png" alt="The ferry at the quay"><figcaption>The ferry at the quay.</figcaption></figure>
<p>Its captain said the engines were quieter and the deck drier, and that the winter timetable would
keep the late crossing that the old boat dropped three years ago.</p>
</article></body></html>
"""

PAGE_MD = """---
title: The harbour chart
---

The harbour office put up a new chart of the crossings by the ticket window this week.

![The chart by the window](b-img/chart.png)

It shows every crossing of the winter timetable, the late one included.
"""


def picture(colour: tuple[int, int, int]) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (80, 50), colour).save(out, "PNG")
    return out.getvalue()


def test_a_folder_re_run_converts_again_an_input_whose_picture_was_replaced(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "a_files").mkdir(parents=True)
    (folder / "b-img").mkdir()
    (folder / "a.html").write_text(PAGE_HTML, "utf-8")
    (folder / "b.md").write_text(PAGE_MD, "utf-8")
    (folder / "a_files" / "pic.png").write_bytes(picture((20, 90, 160)))
    (folder / "b-img" / "chart.png").write_bytes(picture((200, 40, 40)))
    args = ("convert", "in", "--out-dir", "out", "--to", "md")

    def run() -> str:
        code, _, err = run_cli(*args, cwd=tmp_path)
        assert code == 0, err
        return err.splitlines()[-1].split(" in ")[0]

    assert run() == "converter: 2 converted, 0 unchanged, 0 skipped, 0 failed"
    assert run() == "converter: 0 converted, 2 unchanged, 0 skipped, 0 failed"
    (folder / "a_files" / "pic.png").write_bytes(picture((250, 250, 0)))
    (folder / "b-img" / "chart.png").write_bytes(picture((0, 120, 0)))
    assert run() == "converter: 2 converted, 0 unchanged, 0 skipped, 0 failed"
    assert (tmp_path / "out" / "a_files" / "pic.png").read_bytes() == picture((250, 250, 0))
    assert (tmp_path / "out" / "b_files" / "chart.png").read_bytes() == picture((0, 120, 0))
    (folder / "a_files" / "pic.png").unlink()  # a picture gone is a change too
    assert run() == "converter: 1 converted, 1 unchanged, 0 skipped, 0 failed"
    assert run() == "converter: 0 converted, 2 unchanged, 0 skipped, 0 failed"


# 6 (#15): a folder's files that convert does not read are listed, not passed over


def test_a_folder_run_lists_the_files_it_does_not_read(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "b-img").mkdir(parents=True)
    (folder / "a_files").mkdir()
    (folder / "a.html").write_text(PAGE_HTML, "utf-8")
    (folder / "a_files" / "pic.png").write_bytes(picture((20, 90, 160)))
    (folder / "a_files" / "page.css").write_text("p { margin: 0 }", "utf-8")  # the saved page's own: silent
    (folder / "b.md").write_text(PAGE_MD, "utf-8")
    (folder / "b-img" / "chart.png").write_bytes(picture((200, 40, 40)))  # used by b.md: silent
    (folder / "b-img" / "spare.png").write_bytes(picture((0, 0, 0)))
    (folder / "notes.docx").write_bytes(b"PK\x03\x04")
    (folder / "data.json").write_text('{"a": 1}', "utf-8")
    (folder / "README").write_text("notes", "utf-8")
    (folder / ".DS_Store").write_bytes(b"\0\0\0\1")  # hidden: the system's, silent
    code, _, err = run_cli("convert", "in", "--out-dir", "out", "--to", "md", cwd=tmp_path)
    assert code == 0, err
    assert err.splitlines()[-1].startswith("converter: 2 converted, 0 unchanged, 4 skipped, 0 failed in ")
    lines = (tmp_path / "out" / "skipped.jsonl").read_text("utf-8").splitlines()
    where = folder.resolve()
    other = "not an input convert reads (.txt, .md, .html, .mhtml, a feed, a web archive)"
    assert [json.loads(line) for line in lines] == [
        {"source": str(where / "README"), "rule": "not_an_input", "reason": f"a file without an extension, {other}"},
        {"source": str(where / "b-img" / "spare.png"), "rule": "unused_picture",
         "reason": "a picture no input uses; a picture is converted with the article that shows it"},
        {"source": str(where / "data.json"), "rule": "not_an_input", "reason": f"a .json file, {other}"},
        {"source": str(where / "notes.docx"), "rule": "not_an_input", "reason": f"a .docx file, {other}"},
    ]
    (folder / "notes.docx").unlink()
    (folder / "README").unlink()
    code, _, err = run_cli("convert", "in", "--out-dir", "out", "--to", "md", cwd=tmp_path)
    assert err.splitlines()[-1].startswith("converter: 0 converted, 2 unchanged, 2 skipped, 0 failed in ")
    assert len((tmp_path / "out" / "skipped.jsonl").read_text("utf-8").splitlines()) == 2
