"""Web archives and folder trees in, a folder of editions out: reading, skipping, converting, resuming."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import textwrap
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from click.testing import CliRunner

from converter.archive.captures import CaptureIndex, update_index
from converter.archive.naming import url_hash, url_name
from converter.archive.pages import skip_by_page, skip_by_url
from converter.archive.resources import ArchiveResources
from converter.archive.run import RunSettings, run_archive
from converter.archive.scheduler import Scheduler, stream
from converter.archive.warc import Broken, scan
from converter.cli import main
from tests.archive_site import (
    BRIDGE,
    BUDGET,
    COPY,
    FESTIVAL,
    HOME,
    MISSING,
    MOVED,
    ROUNDUP,
    SEARCH,
    TAG,
    write_wacz,
    write_warc,
)
from tests.browser import chromium_page

EDITIONS = ["news.example/2024/05/council-budget", "news.example/2024/05/harbour-bridge-reopens",
            "news.example/2024/06/summer-festival"]

SKIPPED = [
    {"source": HOME, "rule": "site_root", "reason": "the site's home page"},
    {"source": MOVED, "rule": "redirect", "reason": f"a redirect (301 Moved Permanently) to {BRIDGE}; the archive "
     "holds no page at this address"},
    {"source": MISSING, "rule": "http_status",
     "reason": "the archive holds only a 404 Not Found response for this address, not a page"},
    {"source": ROUNDUP, "rule": "structured_listing",
     "reason": "its structured data calls it a CollectionPage, not an article"},
    {"source": COPY, "rule": "duplicate", "reason": f"the same page as {FESTIVAL}"},
    {"source": SEARCH, "rule": "listing_path", "reason": "a list of articles (a /search/ address)"},
    {"source": TAG, "rule": "listing_path", "reason": "a list of articles (a /tag/ address)"},
]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("site")
    write_warc(folder / "site.warc.gz")
    write_wacz(folder / "site.wacz")
    return folder


def _files(out: Path) -> list[str]:
    return sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file() and ".converter" not in p.parts)


def _jsonl(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def _convert(*args: str) -> object:
    return CliRunner().invoke(main, ["convert", *args])


# --- reading archives ---------------------------------------------------------------------------------------


def test_scan_gives_every_record_and_goes_on_after_a_broken_one(site: Path) -> None:
    items = list(scan(site / "site.warc.gz"))
    broken = [i for i in items if isinstance(i, Broken)]
    urls = [(i.url, i.kind, i.status) for i in items if not isinstance(i, Broken)]
    assert [b.reason for b in broken] == ["a broken record (its Content-Length does not match its content)"]
    assert (FESTIVAL, "response", 200) in urls  # the record right after the broken one
    assert urls[-1] == (BUDGET, "revisit", 200)
    assert len(urls) == 14
    moved = next(i for i in items if not isinstance(i, Broken) and i.url == MOVED)
    assert (moved.status, moved.refers_to_url) == (301, BRIDGE)  # a redirect's Location, made absolute


def _plain_record(url: str, html: str) -> bytes:
    """A response record of an uncompressed WARC, written by hand as some crawlers do: no payload digest."""
    http = f"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{html}".encode()
    head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {url}\r\nWARC-Date: 2026-11-01T10:00:00Z\r\n"
            f"WARC-Record-ID: <urn:uuid:{url_hash(url)}>\r\nContent-Type: application/http; msgtype=response\r\n"
            f"Content-Length: {len(http)}\r\n\r\n").encode()
    return head + http + b"\r\n\r\n"


def test_pages_of_an_uncompressed_warc_without_digests_are_told_apart(tmp_path: Path) -> None:
    prose = "<p>The council met on Tuesday and debated the {} until late in the evening, residents said.</p>"
    warc = tmp_path / "two.warc"
    warc.write_bytes(_plain_record("http://ex.com/ferry", prose.format("ferry timetable") * 4)
                     + _plain_record("http://ex.com/library", prose.format("library hours") * 4))
    digests = [c.digest for c in scan(warc) if not isinstance(c, Broken)]
    assert len(set(digests)) == 2 and all(d.startswith("sha256:") for d in digests)
    assert "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" not in digests  # not b""


def test_wacz_holds_the_same_captures(site: Path) -> None:
    from_warc = [(c.url, c.kind, c.digest) for c in scan(site / "site.warc.gz") if not isinstance(c, Broken)]
    from_wacz = [(c.url, c.kind, c.digest) for c in scan(site / "site.wacz")]
    assert from_wacz == from_warc
    assert {c.location.member for c in scan(site / "site.wacz")} == {"archive/data.warc.gz"}


def test_revisit_resolves_to_the_original_capture(site: Path, tmp_path: Path) -> None:
    update_index(tmp_path / "i.sqlite", [site / "site.warc.gz"])
    index = CaptureIndex(tmp_path / "i.sqlite")
    latest = next(c for c in index.pages() if c.url == BUDGET)
    assert (latest.kind, latest.date) == ("revisit", "2024-05-27T18:00:00Z")
    original = index.resolve(latest)
    assert original is not None and (original.kind, original.date) == ("response", "2024-05-20T18:00:00Z")


def test_pictures_come_from_the_archive_by_url(site: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    update_index(tmp_path / "i.sqlite", [site / "site.warc.gz"])
    load = ArchiveResources(CaptureIndex(tmp_path / "i.sqlite"), BRIDGE)
    site_path, relative = load("https://news.example/images/bridge.png"), load("media/crane.png")
    assert site_path is not None and site_path.media_type == "image/png" and site_path.data.startswith(b"\x89PNG")
    assert relative is not None and relative.data != site_path.data
    with caplog.at_level(logging.INFO, "converter"):
        assert load("/images/never-captured.jpg") is None
        assert load("/static/site.css") is None  # captured, but not a picture
    messages = [(r.levelno, r.getMessage()) for r in caplog.records]
    assert (logging.INFO, "not read /images/never-captured.jpg: not captured in the archive; the converter works "
            "offline and never fetches from the network") in messages
    assert (logging.WARNING, "blocked /static/site.css: not a PNG, JPEG, GIF or WebP picture") in messages


# --- what is not an article ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("url", "rule"), [
    ("https://a.example/", "site_root"),
    ("https://a.example/index.html", "site_root"),
    ("https://a.example/tag/climate", "listing_path"),
    ("https://a.example/author/jane-doe/", "listing_path"),
    ("https://a.example/news/page/3", "listing_path"),
    ("https://a.example/?s=bridge", "listing_query"),
    ("https://a.example/world/", "folder_front"),
    ("https://a.example/2024/05/tag-team-wins.html", None),
    ("https://a.example/world/2024/05/03/story-slug", None),
    ("https://a.example/news/article?id=123", None),
])
def test_url_rules(url: str, rule: str | None) -> None:
    found = skip_by_url(url)
    assert (found.rule if found else None) == rule


def test_page_rules_name_lists_and_keep_articles() -> None:
    links = "".join(f'<li><a href="/s/{n}">Story number {n} of the day</a></li>' for n in range(30))
    assert skip_by_page(f"<html><body><ul>{links}</ul></body></html>").rule == "link_list"  # type: ignore[union-attr]
    website = '<html><head><meta property="og:type" content="website"></head><body><p>Hello</p></body></html>'
    assert skip_by_page(website).rule == "og_website"  # type: ignore[union-attr]
    article = ('<html><head><script type="application/ld+json">{"@graph": [{"@type": "WebSite"}, '
               '{"@type": "NewsArticle"}]}</script></head><body><p>' + "Words. " * 400 + f"</p><ul>{links}</ul>"
               "</body></html>")
    assert skip_by_page(article) is None


def test_names_mirror_the_url_and_stay_safe() -> None:
    assert url_name("https://News.Example/2024/05/story.html") == "news.example/2024/05/story"
    assert url_name("https://news.example/world/story/") == "news.example/world/story"
    assert url_name("https://news.example/") == "news.example/index"
    query = url_name("https://news.example/article?id=1")
    assert query.startswith("news.example/article-") and query != url_name("https://news.example/article?id=2")
    odd = url_name("https://news.example/a%2F..%2Fb/CON")  # a decoded "/" and a Windows device name
    assert odd == "news.example/a-..-b/CON_-" + url_hash("https://news.example/a%2F..%2Fb/CON")


# --- converting ---------------------------------------------------------------------------------------------


def test_warc_converts_into_editions_a_catalogue_and_an_index(site: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = _convert(str(site / "site.warc.gz"), "--out-dir", str(out), "--to", "md,epub", "--jobs", "1")
    assert result.exit_code == 1  # the broken record is a failure, reported
    assert result.stderr.splitlines()[0].startswith(
        "converter: 3 converted, 0 unchanged, 7 skipped, 1 failed, 1 older captures superseded in ")
    # the Markdown edition's pictures sit beside it (NAME_files/), so it converts again with them
    assert _files(out) == sorted([*(f"{e}.{f}" for e in EDITIONS for f in ("md", "epub")), "catalogue.csv",
                                  "catalogue.jsonl", "failures.jsonl", "index.html", "skipped.jsonl",
                                  *(f"news.example/2024/05/harbour-bridge-reopens_files/{p}.png"
                                    for p in ("bridge", "crane"))])
    bridge = (out / "news.example/2024/05/harbour-bridge-reopens.md").read_text("utf-8")
    assert bridge.startswith(textwrap.dedent("""\
        ---
        title: Harbour bridge reopens after two years of repairs
        author: Mara Quill
        date: '2024-05-14'
        source: https://news.example/2024/05/harbour-bridge-reopens.html
        site: The Harbour Gazette
        language: en
        section: Local
        url: https://news.example/2024/05/harbour-bridge-reopens.html
        retrieved: '2024-05-14T09:00:00Z'
        ---

        # Harbour bridge reopens after two years of repairs

        ::: figure
        ![The bridge](harbour-bridge-reopens_files/bridge.png)

        The bridge swings open for a yacht.
        :::

        ![A crane](harbour-bridge-reopens_files/crane.png)

        The swing bridge over the inner harbour opened"""))
    catalogue = _jsonl(out / "catalogue.jsonl")
    assert [(r["title"], r["date"], r["section"], r["captured"]) for r in catalogue] == [
        ("Council sets a budget with more for libraries", "2024-05-20", "Politics", "2024-05-27T18:00:00Z"),
        ("Harbour bridge reopens after two years of repairs", "2024-05-14", "Local", "2024-05-14T09:00:00Z"),
        ("Summer festival moves to the old fish market", "2024-06-02", "Culture", "2024-06-02T07:00:00Z"),
    ]
    first = catalogue[1]
    assert list(first) == ["id", "title", "authors", "date", "language", "section", "site", "url", "source",
                           "captured", "outputs", "warnings", "confidence"]
    assert first["authors"] == ["Mara Quill"] and first["language"] == "en" and first["url"] == BRIDGE
    assert first["outputs"] == [f"{EDITIONS[1]}.md", f"{EDITIONS[1]}.epub"]
    assert 0.5 < float(first["confidence"]) <= 1  # type: ignore[arg-type]
    csv_lines = (out / "catalogue.csv").read_text("utf-8").splitlines()
    assert csv_lines[0] == "id,title,authors,date,language,section,site,url,source,captured,outputs,warnings,confidence"
    assert len(csv_lines) == 4
    assert _jsonl(out / "skipped.jsonl") == SKIPPED
    broken = next(b for b in scan(site / "site.warc.gz") if isinstance(b, Broken))
    assert _jsonl(out / "failures.jsonl") == [{
        "source": f"{(site / 'site.warc.gz').resolve()}@{broken.location.offset}",
        "reason": "a broken record (its Content-Length does not match its content)"}]
    page = (out / "index.html").read_text("utf-8")
    assert "<title>The Harbour Gazette: catalogue</title>" in page and "http-equiv=\"Content-Security-Policy\"" in page
    assert "news.example/2024/05/harbour-bridge-reopens.epub" in page


def test_wacz_gives_the_same_editions(site: Path, tmp_path: Path) -> None:
    run_archive(RunSettings((site / "site.warc.gz",), tmp_path / "warc", ("md",), jobs=1))
    report = run_archive(RunSettings((site / "site.wacz",), tmp_path / "wacz", ("md",), jobs=1))
    assert (report.converted, report.skipped, report.failed) == (3, 7, 0)
    for edition in EDITIONS:
        assert (tmp_path / "wacz" / f"{edition}.md").read_bytes() == (tmp_path / "warc" / f"{edition}.md").read_bytes()


def test_a_second_run_does_only_what_changed(site: Path, tmp_path: Path) -> None:
    settings = RunSettings((site / "site.wacz",), tmp_path / "out", ("md",), jobs=1)
    run_archive(settings)
    again = run_archive(settings)
    assert (again.converted, again.unchanged, again.skipped) == (0, 3, 7)
    (tmp_path / "out" / f"{EDITIONS[0]}.md").unlink()  # an edition lost: made again, alone
    assert run_archive(settings).converted == 1
    wider = run_archive(RunSettings((site / "site.wacz",), tmp_path / "out", ("md", "epub"), jobs=1))
    assert wider.converted == 3  # other formats: another key
    assert len(_jsonl(tmp_path / "out" / "catalogue.jsonl")) == 3


def test_a_killed_run_resumes_with_no_duplicate_and_nothing_lost(site: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    script = textwrap.dedent(f"""
        import os, signal
        from pathlib import Path
        import converter.archive.state as state
        from converter.archive.run import RunSettings, run_archive
        state.COMMIT_EVERY = 1
        def die(done, total, converted):
            if converted == 2:
                os.kill(os.getpid(), signal.SIGKILL)
        run_archive(RunSettings((Path({str(site / 'site.wacz')!r}),), Path({str(out)!r}), ("md",), jobs=1), die)
    """)
    killed = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=120)
    assert killed.returncode == -9
    assert len([p for p in out.rglob("*.md")]) == 2 and not (out / "catalogue.jsonl").exists()
    resumed = run_archive(RunSettings((site / "site.wacz",), out, ("md",), jobs=1))
    assert (resumed.converted, resumed.unchanged) == (1, 2)
    assert sorted(r["outputs"][0] for r in _jsonl(out / "catalogue.jsonl")) == [f"{e}.md" for e in EDITIONS]
    assert not [p for p in out.rglob("*.part")]


def test_a_folder_tree_is_mirrored(tmp_path: Path) -> None:
    tree = tmp_path / "saved"
    (tree / "2024" / "may").mkdir(parents=True)
    (tree / "2024" / "may" / "ferry.md").write_text("---\ntitle: Ferry times change\n---\n\nThe ferry leaves "
                                                    "at nine from now on.\n", "utf-8")
    (tree / "notes.txt").write_text("Notes on the harbour\n\nThe harbour is busy in summer.\n", "utf-8")
    result = _convert(str(tree), "--out-dir", str(tmp_path / "out"), "--to", "md", "--jobs", "1")
    assert result.exit_code == 0, result.stderr
    assert _files(tmp_path / "out") == ["2024/may/ferry.md", "catalogue.csv", "catalogue.jsonl", "failures.jsonl",
                                        "index.html", "notes.md", "skipped.jsonl"]
    assert "title: Ferry times change" in (tmp_path / "out" / "2024/may/ferry.md").read_text("utf-8")


def test_archives_need_an_out_dir_and_a_known_scheduler(site: Path) -> None:
    result = _convert(str(site / "site.warc.gz"))
    assert (result.exit_code, result.stderr) == (
        2, "converter: error: folders and web archives need --out-dir DIR (one edition per article, mirrored)\n")
    result = _convert(str(site / "site.warc.gz"), "--out-dir", "x", "--scheduler", "yarn")
    assert (result.exit_code, result.stderr) == (
        2, "converter: error: unknown scheduler 'yarn'; use processes, dask-local or dask://HOST:PORT\n")
    result = _convert(str(site / "site.warc.gz"), "--out-dir", "x", "--to", "pdf,docx")
    assert result.exit_code == 2 and "'docx' is not a format" in result.stderr


# --- scheduling ---------------------------------------------------------------------------------------------


def _flaky(item: int) -> int:
    marker = Path(os.environ["FLAKY_DIR"]) / str(item)
    if item == 3 and not marker.exists():
        marker.touch()
        raise RuntimeError("first try fails")
    if item == 5:
        os._exit(9)  # the worker dies, every time
    return item * 10


def test_stream_retries_once_and_survives_a_dying_worker(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from converter.issue.executor import make_executor

    monkeypatch.setenv("FLAKY_DIR", str(tmp_path))
    scheduler = Scheduler("processes", 2, make_executor(2), lambda: make_executor(2))
    try:
        outcomes = {o.item: (o.result, o.error) for o in stream(scheduler, _flaky, range(8))}
    finally:
        assert scheduler.executor is not None
        scheduler.executor.shutdown()
    assert outcomes == {**{i: (i * 10, "") for i in range(8) if i != 5},
                        5: (None, "its worker died while converting it (tried twice, the second time alone)")}


def test_stream_keeps_a_bounded_number_in_flight() -> None:
    submitted: list[int] = []

    def items() -> object:
        for i in range(20):
            submitted.append(i)
            yield i

    with ThreadPoolExecutor(2) as pool:
        scheduler = Scheduler("threads", 2, pool)
        seen = 0
        for _outcome in stream(scheduler, lambda i: i, items()):  # type: ignore[arg-type]
            seen += 1
            assert len(submitted) - seen <= scheduler.window
        assert seen == 20


def _in_child(call: str) -> None:
    """Run ``call`` (code using this module's functions) in a fresh interpreter.

    Dask leaves threads behind in the process that used it (its IO loop, its offload pool), and a process
    with threads renders PDFs in a new interpreter instead of a fork (``converter.render.pdf_worker``),
    which other tests' local functions cannot be sent to: so the Dask tests keep their threads to themselves.
    """
    script = f"import sys; sys.path.insert(0, {str(Path(__file__).parent.parent)!r})\n" \
             f"from pathlib import Path\nfrom tests.test_archive import *\n{call}\n"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-4000:]


def dask_matches_local(tmp_path: Path, source: Path, formats: tuple[str, ...], threads: bool) -> None:
    """The same archive converted here (one process) and on a 2-worker LocalCluster: the same bytes."""
    import converter.archive.scheduler as scheduler

    scheduler.LOCAL_CLUSTER_PROCESSES = not threads
    local = run_archive(RunSettings((source,), tmp_path / "local", formats, jobs=1))
    dask = run_archive(RunSettings((source,), tmp_path / "dask", formats, scheduler="dask-local", jobs=2))
    assert (local.converted, dask.converted) == (3, 3)
    for edition in EDITIONS:
        for fmt in formats:
            assert (tmp_path / "dask" / f"{edition}.{fmt}").read_bytes() == \
                (tmp_path / "local" / f"{edition}.{fmt}").read_bytes(), f"{edition}.{fmt}"
    assert (tmp_path / "dask" / "catalogue.jsonl").read_bytes() == (tmp_path / "local" / "catalogue.jsonl").read_bytes()


def dask_by_address(tmp_path: Path, source: Path) -> None:
    """A running scheduler (a TCP LocalCluster of two thread workers) joined by ``dask://HOST:PORT``."""
    import distributed

    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, protocol="tcp",
                                  dashboard_address=":0") as cluster:
        address = cluster.scheduler_address.removeprefix("tcp://")
        report = run_archive(RunSettings((source,), tmp_path / "out", ("md",), scheduler=f"dask://{address}"))
    assert (report.converted, report.skipped) == (3, 7)
    outputs = sorted(r["outputs"][0] for r in _jsonl(tmp_path / "out" / "catalogue.jsonl"))
    assert outputs == [f"{e}.md" for e in EDITIONS]


def dask_unreachable(tmp_path: Path, source: Path) -> None:
    import converter.archive.scheduler as scheduler

    scheduler.CONNECT_SECONDS = 1
    result = _convert(str(source), "--out-dir", str(tmp_path / "out"), "--scheduler", "dask://127.0.0.1:9")
    assert result.exit_code == 1  # type: ignore[attr-defined]
    assert result.stderr.startswith(  # type: ignore[attr-defined]
        "converter: error: cannot reach the Dask scheduler at tcp://127.0.0.1:9 (")
    assert result.stderr.endswith("); is it running?\n")  # type: ignore[attr-defined]


@pytest.fixture
def dask() -> None:
    pytest.importorskip("distributed", reason="dask[distributed] is not installed (pip install 'converter[archive]')")


@pytest.mark.usefixtures("dask")
def test_dask_local_cluster_gives_byte_identical_editions(site: Path, tmp_path: Path) -> None:
    """Two Dask workers as threads of one process (a second to start, not ten): the same tasks, the same bytes."""
    _in_child(f"dask_matches_local(Path({str(tmp_path)!r}), Path({str(site / 'site.wacz')!r}), ('md', 'epub'), True)")


@pytest.mark.usefixtures("dask")
def test_a_running_dask_scheduler_is_joined_by_its_address(site: Path, tmp_path: Path) -> None:
    _in_child(f"dask_by_address(Path({str(tmp_path)!r}), Path({str(site / 'site.wacz')!r}))")


@pytest.mark.usefixtures("dask")
def test_an_unreachable_dask_scheduler_is_one_line(site: Path, tmp_path: Path) -> None:
    _in_child(f"dask_unreachable(Path({str(tmp_path)!r}), Path({str(site / 'site.wacz')!r}))")


@pytest.mark.slow
@pytest.mark.usefixtures("dask")
def test_dask_worker_processes_give_byte_identical_pdfs(site: Path, tmp_path: Path) -> None:
    _in_child(f"dask_matches_local(Path({str(tmp_path)!r}), Path({str(site / 'site.wacz')!r}), "
              "('md', 'epub', 'pdf'), False)")


# --- the index page in a browser ----------------------------------------------------------------------------


def test_index_page_lists_and_searches_offline_in_a_browser(site: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_archive(RunSettings((site / "site.wacz",), out, ("md",), jobs=1))
    with chromium_page() as (page, requested):
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto((out / "index.html").as_uri())
        assert page.locator("h2").all_inner_texts() == ["2024-06", "2024-05"]
        assert page.locator("h3").all_inner_texts() == ["CULTURE", "LOCAL", "POLITICS"]
        assert page.locator("#count").inner_text() == "3 of 3 articles"
        page.fill("#q", "bridge quill")
        assert page.locator("li > a").all_inner_texts() == ["Harbour bridge reopens after two years of repairs"]
        assert page.locator("#count").inner_text() == "1 of 3 articles"
        assert page.locator("li > a").first.get_attribute("href") == "news.example/2024/05/harbour-bridge-reopens.md"
        page.fill("#q", "nothing-matches")
        assert page.locator("li").count() == 0
    assert errors == []
    assert requested == [(out / "index.html").as_uri()]


@pytest.mark.slow
def test_page_rules_keep_the_corpus_articles() -> None:
    """Every corpus page is an article: the page rules may skip almost none of them (one in 882 when written:
    a short post on a page whose text is two-thirds links)."""
    from converter.load.source import load
    from tests.conftest import CORPUS, need_shared

    pages = sorted(need_shared(CORPUS).glob("*/*/page.html"))
    skipped = [p for p in pages if skip_by_page(load(p).text) is not None]
    assert len(skipped) <= len(pages) // 200, [str(p) for p in skipped]


def test_progress_shows_rate_and_estimate_on_a_terminal_only() -> None:
    import io

    from converter.archive.run import TerminalProgress

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    screen, pipe = Terminal(), io.StringIO()
    shown, silent = TerminalProgress(screen), TerminalProgress(pipe)
    shown.started -= 10  # ten seconds in
    silent.started -= 10
    shown(20, 100, 18)
    silent(20, 100, 18)
    assert screen.getvalue().startswith("\r[20/100] 18 converted, 2.0/s, about 40 s left")
    assert pipe.getvalue() == ""


def test_a_killed_writes_temporary_file_is_removed(tmp_path: Path) -> None:
    from converter.archive.run import remove_partial_writes

    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / ".story.pdf.x1y2.part").write_bytes(b"%PDF-1.7 half")
    (tmp_path / "a" / "b" / "story.md").write_text("kept", "utf-8")
    assert remove_partial_writes(tmp_path) == 1
    assert [p.name for p in (tmp_path / "a" / "b").iterdir()] == ["story.md"]


def test_a_page_is_read_in_the_charset_its_http_headers_declare(caplog: pytest.LogCaptureFixture) -> None:
    from converter.pipeline import extract_page

    text = "Le café du port rouvre après l'été; les pêcheurs y reviennent chaque matin avant l'aube. " * 6
    page = f"<html><head><title>Le café rouvre</title></head><body><article><p>{text}</p></article></body></html>"
    article, _ = extract_page(page.encode("iso-8859-1"), "https://port.example/cafe.html", None,
                              captured="2024-02-01T10:00:00Z", charset="iso-8859-1")
    assert article.body.startswith("Le café du port rouvre après l'été; les pêcheurs")
    assert (article.url, article.source, article.retrieved) == (
        "https://port.example/cafe.html", "https://port.example/cafe.html", "2024-02-01T10:00:00Z")
    assert not [r for r in caplog.records if "a guess" in r.getMessage()]  # declared, not guessed
    extract_page(page.encode("iso-8859-1"), "https://port.example/cafe.html", None)
    assert [r for r in caplog.records if "a guess" in r.getMessage()]


def test_an_out_dir_that_cannot_be_made_is_one_line_and_exit_1(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "story.md").write_text("# Ferry\n\nThe ferry runs again from Monday, the council said.\n")
    (tmp_path / "afile").write_text("")
    result = _convert(str(tmp_path / "in"), "--out-dir", str(tmp_path / "afile" / "sub"), "--to", "md")
    assert result.exit_code == 1  # type: ignore[attr-defined]
    assert result.output == (  # type: ignore[attr-defined]
        f"converter: error: {tmp_path / 'afile' / 'sub'}: cannot be written (Not a directory); check the folder's "
        "permissions and free space, or choose another --out-dir (nothing was converted)\n")


def test_a_record_the_archive_cuts_short_is_a_failure_not_a_cut_article(tmp_path: Path) -> None:
    prose = "<p>The town library reopened on Saturday after an eighteen-month refit, the council said.</p>"
    whole = _plain_record("http://ex.com/ferry", prose.replace("library", "ferry") * 4)
    cut = _plain_record("http://ex.com/library", prose * 4)[:-200]  # the download stopped early
    (tmp_path / "cut.warc").write_bytes(whole + cut)
    result = _convert(str(tmp_path / "cut.warc"), "--out-dir", str(tmp_path / "out"), "--to", "md")
    assert result.exit_code == 1  # type: ignore[attr-defined]  # a batch with a failure
    assert [p.name for p in (tmp_path / "out").rglob("*.md")] == ["ferry.md"]
    [failure] = _jsonl(tmp_path / "out" / "failures.jsonl")
    assert failure["source"] == "http://ex.com/library"
    assert str(failure["reason"]).endswith("the record is cut short (the archive ends before the length its header "
                                           "gives); the page is left out, not converted in part")


def test_a_folder_batch_says_which_links_it_leaves_out(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "story.md").write_text("# Ferry\n\nThe ferry runs again from Monday, the council said.\n")
    (tmp_path / "secret.txt").write_text("not an article\n")
    (folder / "leak.txt").symlink_to(tmp_path / "secret.txt")
    result = CliRunner().invoke(main, ["convert", str(folder), "--out-dir", str(tmp_path / "out"), "--to", "md"])
    assert result.exit_code == 0, result.output
    assert (f"converter: warning: file {folder / 'leak.txt'}: is a symbolic link out of the folder {folder} "
            f"(to {tmp_path / 'secret.txt'})") in result.output
    assert [p.name for p in (tmp_path / "out").rglob("*.md")] == ["story.md"]
