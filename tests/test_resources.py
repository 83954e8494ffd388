"""The resource policy: what may be read besides the input."""

from __future__ import annotations

import base64
import logging
from pathlib import Path

import pytest

from converter.policy.resources import SEVERITY, Reason, ResourcePolicy

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    page = tmp_path / "page"
    (page / "page_files").mkdir(parents=True)
    (page / "page_files" / "a b.png").write_bytes(PNG)
    (page / "page_files" / "notes.txt").write_text("not a picture")
    (tmp_path / "secret.png").write_bytes(PNG)
    (page / "page_files" / "link.png").symlink_to(tmp_path / "secret.png")
    return page


def test_reads_pictures_inside_the_folder(folder: Path) -> None:
    resource = ResourcePolicy(folder).load("page_files/a%20b.png")
    assert resource is not None
    assert (resource.ref, resource.media_type, resource.data) == ("page_files/a%20b.png", "image/png", PNG)


def test_reads_data_uris_without_a_folder() -> None:
    uri = "data:image/png;base64," + base64.b64encode(PNG).decode()
    resource = ResourcePolicy(None).load(uri)
    assert resource is not None and resource.data == PNG


@pytest.mark.parametrize(("url", "why"), [
    ("../secret.png", "out of the input's folder"),
    ("page_files/..%2F..%2Fsecret.png", "out of the input's folder"),
    ("page_files/link.png", "a symbolic link"),
    ("file:///etc/passwd", "outside the input's folder"),
    ("file://server/share/x.png", "only files beside the input are read"),
    ("ftp://example.org/x.png", "the ftp: scheme is not read"),
    ("javascript:alert(1)", "the javascript: scheme is not read"),
    ("page_files/notes.txt", "not a PNG, JPEG, GIF or WebP picture"),
])
def test_refuses_and_names_what_it_blocked(folder: Path, url: str, why: str,
                                          caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="converter"):
        assert ResourcePolicy(folder).load(url) is None
    assert why in caplog.text
    assert [r.levelno for r in caplog.records] == [logging.WARNING]


@pytest.mark.parametrize(("url", "level", "reason"), [
    ("https://example.org/x.png", logging.INFO, Reason.REMOTE),
    ("http://example.org/x.png", logging.INFO, Reason.REMOTE),
    ("//cdn.example.org/x.png", logging.INFO, Reason.REMOTE),
    ("hmhome.gif", logging.INFO, Reason.NOT_SAVED),  # "Save page as HTML only" keeps no pictures
    ("page_files/gone.png", logging.INFO, Reason.NOT_SAVED),
    ("../secret.png", logging.WARNING, Reason.OUTSIDE),
    ("file:///etc/passwd", logging.WARNING, Reason.OUTSIDE),
    ("file:page_files/gone.png", logging.WARNING, Reason.FILE_URL),  # missing, but nobody saves file: URLs
    ("ftp://example.org/x.png", logging.WARNING, Reason.SCHEME),
    ("page_files/link.png", logging.WARNING, Reason.DISGUISED),
    ("page_files/notes.txt", logging.WARNING, Reason.BROKEN),
])
def test_each_refusal_is_logged_at_its_reasons_level(folder: Path, url: str, level: int, reason: Reason,
                                                      caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG, logger="converter"):
        assert ResourcePolicy(folder).load(url) is None
    assert [r.levelno for r in caplog.records] == [level]
    assert SEVERITY[reason] == level
    assert caplog.records[0].getMessage().startswith("blocked " if level == logging.WARNING else "not read ")


def test_every_reason_has_a_severity() -> None:
    assert set(SEVERITY) == set(Reason)
    assert {r for r in Reason if r.level < logging.WARNING} == {Reason.REMOTE, Reason.NOT_SAVED}


def test_in_memory_input_refuses_a_way_out_as_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG, logger="converter"):
        assert ResourcePolicy(None).load("/etc/passwd") is None
        assert ResourcePolicy(None).load("page_files/x.png") is None
    assert [(r.levelno, "/etc/passwd" in r.getMessage()) for r in caplog.records] == [
        (logging.WARNING, True), (logging.INFO, False)]


def test_in_memory_input_reads_no_file(tmp_path: Path) -> None:
    (tmp_path / "x.png").write_bytes(PNG)
    assert ResourcePolicy(None).load(str(tmp_path / "x.png")) is None
