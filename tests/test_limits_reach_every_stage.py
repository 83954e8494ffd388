"""``Limits`` reach loading and extraction, not only rendering: each limit set low refuses what it caps.

The defaults are far above these fixtures, so each test first shows the same input passing without the
low limit (a refusal that would happen anyway proves nothing).
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest

import converter
from converter.errors import SourceError
from converter.issue import compile_issue
from converter.policy.limits import Limits

CASES = Path(__file__).parent / "cases"
PICTURES = CASES / "saved-page-pictures"
MHTML = CASES / "html-mhtml" / "input.mhtml"
TEXT = "The first paragraph of a short article, long enough to be its body.\n"


def test_max_input_bytes_refuses_a_text_given_to_the_library() -> None:
    assert converter.extract(TEXT).body == TEXT.strip()
    with pytest.raises(SourceError, match=r"<string>: is 68 bytes, over the 10 bytes input limit "
                                          r"\(Limits.max_input_bytes\)"):
        converter.extract(TEXT, limits=Limits(max_input_bytes=10))


def test_max_input_bytes_refuses_a_file(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(TEXT)
    assert converter.extract(path).body == TEXT.strip()
    with pytest.raises(SourceError, match=r"a.txt: is 68 bytes, over the 10 bytes input limit"):
        converter.extract(path, limits=Limits(max_input_bytes=10))


def test_max_resource_bytes_refuses_the_saved_picture(caplog: pytest.LogCaptureFixture) -> None:
    page = PICTURES / "page.html"
    assert converter.extract(Path(page)).resource("images/quay.png") is not None
    with caplog.at_level(logging.WARNING, logger="converter"):
        article = converter.extract(Path(page), limits=Limits(max_resource_bytes=100))
    assert article.resources == ()
    assert "over the 100-byte picture limit" in caplog.text


def test_max_image_pixels_refuses_the_saved_picture(caplog: pytest.LogCaptureFixture) -> None:
    page = PICTURES / "page.html"
    with caplog.at_level(logging.WARNING, logger="converter"):
        article = converter.extract(Path(page), limits=Limits(max_image_pixels=100))
    assert article.resources == ()
    assert "over the 100-pixel limit" in caplog.text


def test_max_input_bytes_reaches_the_issue_compiler(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(f"{TEXT}A second paragraph, the one of {name}.\n")
    assert len(compile_issue([tmp_path]).articles) == 2
    issue_ = compile_issue([tmp_path / "a.txt", tmp_path / "b.txt", _big(tmp_path)],
                           limits=Limits(max_input_bytes=200))
    assert [a.body[-17:] for a in issue_.articles] == ["the one of a.txt.", "the one of b.txt."]
    assert [f.reason for f in issue_.failures] == [
        f"{tmp_path / 'big.txt'}: is 748 bytes, over the 200 bytes input limit (Limits.max_input_bytes); "
        "is it really one article?"]


def test_the_picture_limits_reach_an_mhtml_archive(caplog: pytest.LogCaptureFixture) -> None:
    unlimited = converter.extract(MHTML)
    assert unlimited.resources, "the fixture holds a picture"
    with caplog.at_level(logging.WARNING, logger="converter"):
        limited = converter.extract(MHTML, limits=Limits(max_resource_bytes=10))
    assert limited.resources == ()
    assert "picture limit" in caplog.text


def test_the_cover_is_read_under_the_limits(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT)
    cover = tmp_path / "cover.png"
    shutil.copy(PICTURES / "page_files" / "quay.png", cover)
    assert compile_issue([tmp_path / "a.txt"], cover=cover).metadata.cover is not None
    with pytest.raises(converter.UsageError, match=r"cover .*cover\.png: cannot be used"):
        compile_issue([tmp_path / "a.txt"], cover=cover, limits=Limits(max_resource_bytes=10))


def _big(folder: Path) -> Path:
    path = folder / "big.txt"
    path.write_text(TEXT + "More words in a longer paragraph. " * 20)
    return path
