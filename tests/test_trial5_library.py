"""Trial 5's library findings: a single path given as an issue's inputs is one input (never its characters),
``options=`` that is not a ``RenderOptions`` and an output the library cannot write are ``UsageError``s (as
the CLI says them), and an issue whose inputs are all missing is a ``SourceError`` (as ``extract``)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import converter
from converter import SourceError, UsageError

ARTICLE_MD = """---
title: The ferry timetable
---

# The ferry timetable

The night crossing returns in spring, the harbour master said on Friday, after a winter without it.
"""


def _folder(tmp_path: Path) -> Path:
    arts = tmp_path / "arts"
    arts.mkdir()
    (arts / "a.md").write_text(ARTICLE_MD, encoding="utf-8")
    (arts / "b.md").write_text(ARTICLE_MD.replace("ferry timetable", "bridge repairs")
                                .replace("night crossing returns", "old bridge reopens"), encoding="utf-8")
    return arts


# relative names without "/": before the fix a "/" among the characters walked the whole file system
@pytest.mark.parametrize("given", ["str", "path"])
def test_a_single_folder_is_one_input_not_its_characters(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        given: str) -> None:
    _folder(tmp_path)
    monkeypatch.chdir(tmp_path)
    inputs = {"str": "arts", "path": Path("arts")}[given]
    said: list[str] = []
    issue = converter.compile_issue(inputs, title="Weekly", progress=said.append)  # type: ignore[arg-type]
    assert [a.title for a in issue.articles] == ["The ferry timetable", "The bridge repairs"]
    assert said[-1] == "read 2/2 inputs"


def test_a_single_file_and_a_single_allow_outside_are_one_each(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(_folder(tmp_path))  # "b.md" as characters: "." would be this folder, both articles
    issue = converter.compile_issue("b.md", title="Weekly", allow_outside="..")  # type: ignore[arg-type]
    assert [a.title for a in issue.articles] == ["The bridge repairs"]


def test_options_given_as_a_dict_name_render_options(tmp_path: Path) -> None:
    article = converter.extract(ARTICLE_MD)
    with pytest.raises(UsageError) as caught:
        converter.render(article, "pdf", tmp_path / "x.pdf", options={"theme": "modern"})  # type: ignore[arg-type]
    assert str(caught.value) == ("render() takes options=converter.RenderOptions(...), not a dict; pass "
                                 "options=converter.RenderOptions(theme='modern')")
    issue = converter.compile_issue([_folder(tmp_path)], title="Weekly")
    with pytest.raises(UsageError) as caught:
        converter.render_issue(issue, "md", options="modern")  # type: ignore[arg-type]
    assert str(caught.value) == "render_issue() takes options=converter.RenderOptions(...), not str"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["arts"]


def test_an_output_that_is_a_folder_is_a_usage_error(tmp_path: Path) -> None:
    article = converter.extract(ARTICLE_MD)
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(UsageError) as caught:
        converter.render(article, "pdf", out)
    assert str(caught.value) == (f"{out}: is a folder; name a file (in it or beside it) as the output "
                                 "(nothing was written)")
    assert list(out.iterdir()) == []


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="needs Linux /proc, where no file can be made")
def test_an_output_in_a_folder_no_file_can_be_made_in_is_a_usage_error() -> None:
    article = converter.extract(ARTICLE_MD)
    with pytest.raises(UsageError) as caught:
        converter.render(article, "html", "/proc/x.html")
    assert str(caught.value) == ("/proc/x.html: the folder /proc cannot be written in (No such file or directory); "
                                 "choose another folder (nothing was written)")


def test_an_issue_of_missing_inputs_is_a_source_error_as_in_extract(tmp_path: Path) -> None:
    with pytest.raises(SourceError) as caught:
        converter.extract(tmp_path / "nope.md")
    with pytest.raises(SourceError) as caught:
        converter.compile_issue([tmp_path / "nope", tmp_path / "gone.md"], title="Weekly")
    assert str(caught.value) == (f"no article could be read, so no issue was written ({tmp_path / 'nope'}: no such "
                                 f"file; check the path; {tmp_path / 'gone.md'}: no such file; check the path)")


def test_an_issue_of_no_inputs_is_a_usage_error() -> None:
    with pytest.raises(UsageError) as caught:
        converter.compile_issue([], title="Empty")
    assert str(caught.value) == ("an issue needs inputs: pass compile_issue() a list of files, folders or "
                                 "Articles, or manifest=")


def test_an_issue_of_read_inputs_without_articles_stays_an_extraction_error(tmp_path: Path) -> None:
    (tmp_path / "menu.html").write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>",
                                        encoding="utf-8")
    with pytest.raises(converter.ExtractionError) as caught:
        converter.compile_issue([tmp_path / "menu.html", tmp_path / "gone.md"], title="Weekly")
    assert not isinstance(caught.value, SourceError)
    assert str(caught.value).startswith("no article could be read, so no issue was written (")


def _manifest(tmp_path: Path, articles: str) -> Path:
    news = tmp_path / "news"
    news.mkdir()
    for n, topic in enumerate(["ferry timetable", "bridge repairs", "harbour fair"], 1):
        body = ARTICLE_MD.replace("ferry timetable", topic).replace("night crossing", f"the {topic}")
        (news / f"news-0{n}.md").write_text(body, encoding="utf-8")
    manifest = tmp_path / "order.toml"
    manifest.write_text(f'title = "Order"\n\n[[sections]]\ntitle = "News"\narticles = {articles}\n\n'
                        '[[sections]]\ntitle = "More"\narticles = ["news/*.md"]\n', encoding="utf-8")
    return manifest


def test_a_glob_after_a_named_lead_story_skips_it(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    manifest = _manifest(tmp_path, '["news/news-03.md", "news/news-*.md"]')
    issue = converter.compile_issue(manifest=manifest)
    assert [(s.title, [a.title for a in s.articles]) for s in issue.sections] == [
        ("News", ["The harbour fair", "The ferry timetable", "The bridge repairs"])]
    assert [r.getMessage() for r in caplog.records if r.levelname == "WARNING"] == []


def test_a_real_duplicate_still_warns(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    manifest = _manifest(tmp_path, '["news/news-03.md", "news/news-*.md", "copy/news-03.md"]')
    (tmp_path / "copy").mkdir()
    (tmp_path / "copy" / "news-03.md").write_bytes((tmp_path / "news" / "news-03.md").read_bytes())
    issue = converter.compile_issue(manifest=manifest)
    assert [a.title for a in issue.articles] == ["The harbour fair", "The ferry timetable", "The bridge repairs"]
    assert [r.getMessage() for r in caplog.records if r.levelname == "WARNING"] == [
        f"{tmp_path}/copy/news-03.md ('The harbour fair'): the same text as {tmp_path}/news/news-03.md "
        "('The harbour fair'); included once"]


def test_one_allowed_folder_given_as_a_str_is_that_folder_not_its_characters(tmp_path: Path) -> None:
    from converter.issue.inputs import expand_inputs
    from converter.policy.confine import Confinement

    rule = Confinement.of(tmp_path / "root", str(tmp_path / "shared"))
    assert rule.allowed == ((tmp_path / "shared").resolve(),)  # not "/", "t", "m", "p" ... ("/" allows all)
    arts = _folder(tmp_path)
    assert expand_inputs(str(arts)) == [arts / "a.md", arts / "b.md"]
