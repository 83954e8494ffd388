"""The doors around the resource policy: a library in a service, running in a stranger's folder.

Each leak is tested by planting a secret and looking for it in every output (PDF streams decompressed);
each refusal by its one-line message.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from hostile_helpers import SECRET, pdf_haystack

import converter
from converter import Article, RenderOptions, render
from converter.cli.app import main
from converter.errors import ExtractionError, UsageError
from converter.policy.confine import OutsideError
from converter.render.templating import TemplateError

ARTICLE_MD = "# A harbour story\n\nThe ferry left at dawn with twelve passengers and a dog.\n"


def _all_outputs(article: Article, options: RenderOptions | None = None) -> str:
    """Every edition of ``article`` as one searchable text (the PDF with every stream decompressed)."""
    import io
    import zipfile

    texts = [render(article, fmt, options=options).decode("utf-8") for fmt in ("md", "html")]
    texts.append(pdf_haystack(render(article, "pdf", options=options)))
    with zipfile.ZipFile(io.BytesIO(render(article, "epub", options=options))) as epub:
        texts.extend(epub.read(name).decode("utf-8", "replace") for name in epub.namelist())
    return "\n".join(texts)


# --- 1. Library inputs cannot be confused -------------------------------------------------------------

@pytest.mark.parametrize("form", ["absolute", "relative", "file URL"])
def test_a_string_naming_a_file_is_text_never_the_file(secret: Path, form: str,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(secret.parent)
    name = {"absolute": str(secret), "relative": "secret.txt", "file URL": secret.as_uri()}[form]
    with pytest.raises(ExtractionError, match=r"^<string>: no article text found") as caught:
        converter.extract(name)  # one line of text is no article; the file is never opened
    assert SECRET not in str(caught.value)
    article = converter.extract(name, kind="markdown")
    assert article.title == name or name in article.body
    assert SECRET not in _all_outputs(article)


def test_a_file_is_read_only_as_a_path_or_with_path(tmp_path: Path) -> None:
    page = tmp_path / "a.md"
    page.write_text(ARTICLE_MD)
    assert converter.extract(page).title == "A harbour story"
    assert converter.extract(path=str(page)).title == "A harbour story"
    assert converter.extract_all(path=page)[0].title == "A harbour story"
    with pytest.raises(UsageError, match="not both"):
        converter.extract(ARTICLE_MD, path=page)
    with pytest.raises(UsageError, match="must be text"):
        converter.extract(12)  # type: ignore[arg-type]


# --- 2. Templates are data: sandboxed, confined, errors with file and line ----------------------------

def _templates(folder: Path, body: str, name: str = "article.html.j2") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(body)
    return folder


@pytest.mark.parametrize(("body", "message"), [
    ('{% include "../secret.txt" %}', "template '../secret.txt' not found"),
    ("{% include '/' ~ page.language %}", "not found"),
    ("{{ ''.__class__.__mro__[1].__subclasses__() }}", "unsafe"),
    ("{{ article.__class__.__init__.__globals__ }}", "unsafe"),
    ("{{ 'x' * 10000000000 }}", "a repetition of 10,000,000,000 items (at most 1,000,000)"),
    ("{{ 9 ** 9999999 }}", "an exponent of 9999999"),
], ids=["include ..", "include absolute", "mro escape", "globals escape", "string bomb", "power bomb"])
def test_user_templates_cannot_read_files_or_reach_python(tmp_path: Path, body: str, message: str) -> None:
    folder = _templates(tmp_path / "tpl", "<p>{{ article.title }}</p>\n" + body)
    with pytest.raises(TemplateError, match="template") as caught:
        render(Article(title="T", body="x"), "html", options=RenderOptions(template_dir=folder))
    assert message in str(caught.value)
    assert SECRET not in str(caught.value)


def test_a_symlink_in_the_template_folder_is_refused(tmp_path: Path, secret: Path) -> None:
    folder = _templates(tmp_path / "tpl", '{% include "leak.html.j2" %}')
    (folder / "leak.html.j2").symlink_to(secret)
    with pytest.raises(TemplateError, match="symbolic link"):
        render(Article(title="T", body="x"), "html", options=RenderOptions(template_dir=folder))


@pytest.mark.parametrize(("body", "line", "message"), [
    ("<p>\n{% if %}\n", 2, "line 2: Expected an expression"),
    ("<p>\n\n{{ article.nothing_here }}\n", 3, "line 3: 'converter.article.Article object' has no attribute"),
    ('{% include "article.html.j2" %}', 1, "includes itself without end"),
    ('{% include "missing.html.j2" %}', 1, "template 'missing.html.j2' not found"),
], ids=["syntax", "undefined", "recursive", "missing"])
def test_template_errors_name_the_users_file_and_line(tmp_path: Path, body: str, line: int, message: str) -> None:
    folder = _templates(tmp_path / "tpl", body)
    with pytest.raises(TemplateError) as caught:
        render(Article(title="T", body="x"), "html", options=RenderOptions(template_dir=folder))
    assert message in str(caught.value)
    if "not found" not in message:
        assert f"template {folder / 'article.html.j2'}, line {line}" in str(caught.value)


def test_a_sandboxed_user_template_still_renders(tmp_path: Path) -> None:
    folder = _templates(tmp_path / "tpl", '<h1 class="house">{{ article.title | upper }}</h1>'
                                          '{% include "colophon.html.j2" %}')
    html = render(Article(title="Harbour", body="x"), "html", options=RenderOptions(template_dir=folder))
    assert b'<h1 class="house">HARBOUR</h1>' in html


def _stranger_folder(tmp_path: Path, secret: Path) -> Path:
    """A downloaded folder: a converter.toml naming its own templates, which try to leak the secret."""
    folder = tmp_path / "downloaded"
    folder.mkdir()
    (folder / "converter.toml").write_text('template = "tpl"\ntheme = "modern"\n')
    _templates(folder / "tpl", "{% include 'leak.html.j2' %}")
    (folder / "tpl" / "leak.html.j2").symlink_to(secret)
    (folder / "a.md").write_text(ARTICLE_MD)
    return folder


def test_a_config_owned_by_someone_else_is_ignored_with_one_warning(tmp_path: Path, secret: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _stranger_folder(tmp_path, secret)
    monkeypatch.chdir(folder)
    owner = os.stat(folder).st_uid
    monkeypatch.setattr(os, "geteuid", lambda: owner + 1)  # the user running the command is not its owner
    result = CliRunner().invoke(main, ["convert", "a.md", "-o", "a.html"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (f"converter: warning: {folder / 'converter.toml'}: it is owned by user {owner}, not by "
                             f"you (user {owner + 1}), so it is ignored and the defaults are used (only your own "
                             "configuration is read; see SECURITY.md)\n")
    html = (folder / "a.html").read_text()
    assert "A harbour story" in html and SECRET not in html


def test_a_template_folder_owned_by_someone_else_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                            caplog: pytest.LogCaptureFixture) -> None:
    from converter.cli import config as config_module

    folder = tmp_path / "mine"
    _templates(folder / "tpl", "<p>house</p>")
    (folder / "converter.toml").write_text('template = "tpl"\n')
    real_stat = os.stat

    def stat(path: object, *args: object, **kwargs: object) -> os.stat_result:
        info = real_stat(path, *args, **kwargs)  # type: ignore[arg-type]
        if Path(str(path)) == folder / "tpl":
            return os.stat_result((info.st_mode, info.st_ino, info.st_dev, info.st_nlink, info.st_uid + 1,
                                   *tuple(info)[5:]))
        return info

    monkeypatch.setattr(config_module.os, "stat", stat)
    with caplog.at_level(logging.WARNING, logger="converter"):
        found = config_module.find_config(folder)
    assert "template" not in found.values
    assert "template folder" in caplog.text and "the converter's own templates are used" in caplog.text


def test_an_own_config_with_a_leaking_template_fails_in_one_line(tmp_path: Path, secret: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _stranger_folder(tmp_path, secret)
    monkeypatch.chdir(folder)
    result = CliRunner().invoke(main, ["convert", "a.md", "-o", "a.html"])
    assert result.exit_code == 1
    assert len(result.stderr.splitlines()) == 1 and "symbolic link" in result.stderr
    assert SECRET not in result.stderr and not (folder / "a.html").exists()


# --- 3. One confinement rule for paths the user did not type -----------------------------------------

@pytest.fixture
def issue_folder(secret: Path) -> Path:
    """``page/`` with two articles; ``secret.txt`` beside it, outside."""
    page = secret.parent / "page"
    (page / "1-ferry.md").write_text(ARTICLE_MD)
    (page / "2-market.md").write_text("# Market day\n\nStalls opened early along the quay.\n")
    return page


def _manifest(folder: Path, articles: str, cover: str = "") -> Path:
    path = folder / "issue.toml"
    path.write_text(f'title = "Weekly"\n{cover}\n[[sections]]\ntitle = "News"\narticles = [{articles}]\n')
    return path


def _issue(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["issue", "--no-cache", "--jobs", "1", *args])
    return result.exit_code, result.stderr


@pytest.mark.parametrize(("articles", "cover", "message"), [
    ('"../secret.txt"', "", "article '../secret.txt': leaves the folder"),
    ('"../*.txt"', "", "pattern '../*.txt': leaves the folder"),
    ('"/**/secret.txt"', "", "pattern '/**/secret.txt': leaves the folder"),
    ('"*.md"', 'cover = "../secret.txt"', "cover '../secret.txt': leaves the folder"),
    ('{ path = "../secret.txt", title = "x" }', "", "article '../secret.txt': leaves the folder"),
], ids=["path ..", "glob ..", "absolute glob", "cover ..", "table path"])
def test_manifest_paths_out_of_its_folder_are_refused(issue_folder: Path, articles: str, cover: str,
                                                      message: str) -> None:
    manifest = _manifest(issue_folder, articles, cover)
    out = issue_folder / "issue.md"
    code, stderr = _issue("--manifest", str(manifest), "-o", str(out))
    assert code == 2
    assert len(stderr.splitlines()) == 1 and message in stderr and "--allow-outside DIR" in stderr
    assert not out.exists()


def test_a_symlink_out_named_by_the_manifest_is_refused(issue_folder: Path, secret: Path) -> None:
    (issue_folder / "0-leak.md").symlink_to(secret)
    out = issue_folder / "issue.md"
    code, stderr = _issue("--manifest", str(_manifest(issue_folder, '"0-leak.md", "1-ferry.md"')), "-o", str(out))
    assert code == 2 and "is a symbolic link out of the folder" in stderr
    code, stderr = _issue("--manifest", str(_manifest(issue_folder, '"*.md"')), "-o", str(out))
    assert code == 0, stderr
    assert "0-leak.md: is a symbolic link out of the folder" in stderr and "left out" in stderr
    assert SECRET not in out.read_text() and "Market day" in out.read_text()


def test_allow_outside_widens_the_rule_for_a_folder_the_user_types(issue_folder: Path, secret: Path) -> None:
    notes = secret.parent / "notes.md"
    notes.write_text(f"# Shared notes\n\nThe notes for the crew were kept in the harbour office. {SECRET}\n")
    out = issue_folder / "issue.md"
    manifest = _manifest(issue_folder, '"../notes.md", "1-ferry.md"')
    code, stderr = _issue("--manifest", str(manifest), "-o", str(out), "--allow-outside", str(secret.parent))
    assert code == 0, stderr
    assert SECRET in out.read_text()


@pytest.mark.parametrize("plant", ["file symlink", "folder symlink", "hard link"])
def test_a_folder_input_is_walked_without_following_links_out(issue_folder: Path, secret: Path, plant: str) -> None:
    outside = secret.parent / "elsewhere"
    outside.mkdir()
    secret.write_text(f"# Leaked\n\n{SECRET}\n")
    (outside / "leak.txt").write_text(f"# Leaked\n\n{SECRET}\n")
    if plant == "file symlink":
        (issue_folder / "0-leak.txt").symlink_to(secret)
    elif plant == "folder symlink":
        (issue_folder / "0-sub").symlink_to(outside, target_is_directory=True)
    else:
        (issue_folder / "0-leak.txt").hardlink_to(secret)
    out = secret.parent / "issue.md"
    code, stderr = _issue(str(issue_folder), "-o", str(out))
    assert code == 0, stderr
    expected = {"file symlink": "is a symbolic link out of the folder", "folder symlink": "links to folders are "
                "not followed", "hard link": "has 2 hard links, so it may be another name"}[plant]
    assert expected in stderr and "left out" in stderr
    assert SECRET not in out.read_text() and "Market day" in out.read_text()


def test_a_hard_linked_picture_is_blocked(secret: Path, caplog: pytest.LogCaptureFixture) -> None:
    import base64

    png = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/"
                           "PchI7wAAAABJRU5ErkJggg==")
    secret.write_bytes(png + SECRET.encode())
    page = secret.parent / "page"
    (page / "pic.png").hardlink_to(secret)
    (page / "a.html").write_text("<html><head><title>Harbour</title></head><body><article><h1>Harbour</h1>"
                                 "<p>" + "The ferry left at dawn with twelve passengers. " * 5 + "</p>"
                                 '<img src="pic.png" alt="boat"></article></body></html>')
    with caplog.at_level(logging.WARNING, logger="converter"):
        article = converter.extract(page / "a.html")
    assert "blocked pic.png: a file with 2 hard links" in caplog.text
    assert not article.resources and SECRET not in _all_outputs(article)


def test_confinement_rule_as_a_library(tmp_path: Path) -> None:
    from converter.policy.confine import Confinement

    rule = Confinement.of(tmp_path)
    assert rule.check("a/b.md", "article") == tmp_path.resolve() / "a" / "b.md"
    with pytest.raises(OutsideError, match="leaves the folder"):
        rule.check("a/../../b.md", "article")
    assert Confinement.of(tmp_path / "x", [tmp_path]).check("../b.md", "article") == tmp_path.resolve() / "x/../b.md"


def test_a_manifest_glob_does_not_loop_through_symlinked_folders(issue_folder: Path) -> None:
    """Two links to "." made ``glob.glob("**")`` walk 2 ** 40 paths; the manifest's glob enters no link."""
    (issue_folder / "a").symlink_to(".", target_is_directory=True)
    (issue_folder / "b").symlink_to(".", target_is_directory=True)
    (issue_folder / ".hidden.md").write_text("# Hidden\n\nNot an article of the issue.\n")
    out = issue_folder / "issue.md"
    code, stderr = _issue("--manifest", str(_manifest(issue_folder, '"**/*.md"')), "-o", str(out))
    assert code == 0, stderr
    text = out.read_text()
    assert text.count("# A harbour story") == 1 and "Market day" in text and "Hidden" not in text
