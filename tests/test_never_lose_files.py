"""Issue 19: never lose a user's file. Each careless call that used to replace an input is refused with
exit 2 and one line naming both files, the input byte-identical afterwards; device paths are written
into, never replaced; the cache cannot serve another folder's pictures nor fail on a damaged entry;
pictures that cannot be decoded are placeholders; a killed issue leaves no process behind.
"""

from __future__ import annotations

import io
import os
import re
import signal
import struct
import subprocess
import sys
import time
import zipfile
import zlib
from pathlib import Path

import pypdf
import pytest

from converter.issue.cache import MAGIC, Cache
from converter.issue.executor import WorkerPool, available_cpus, make_executor, worker_count
from tests.conftest import run_cli

REFUSED = "; nothing was written (choose another name, an input is never overwritten)"

PAGE = ("<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
        "<p>{title} opens the story with a paragraph long enough to be kept as the article's text.</p>"
        "{picture}<p>A second paragraph of {title} closes it.</p></article></body></html>")


def page(title: str, picture: str = "") -> str:
    return PAGE.format(title=title, picture=picture)


cli = run_cli  # the converter through click's runner, in a folder: exit code, stdout, stderr


def converter(*args: str, cwd: Path, **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    """Run the converter as a real process (standard streams as the caller sets them)."""
    return subprocess.run([sys.executable, "-m", "converter", *args], cwd=cwd, timeout=120, check=False,
                          **kwargs)  # type: ignore[call-overload]


def broken_png() -> bytes:
    """45 bytes: a PNG signature, a sound 10x10 header, and no image data at all."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 10, 10, 8, 2, 0, 0, 0)) + chunk(b"IEND", b"")


def png(colour: tuple[int, int, int]) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 6), colour).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def work(tmp_path: Path) -> Path:
    (tmp_path / "x.txt").write_text("Ferry news\n\nThe ferry runs again this winter, the harbour office says.\n")
    (tmp_path / "x.md").write_text("# Other\n\nA Markdown article that must survive every careless call.\n")
    return tmp_path


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# --- no input overwritten -------------------------------------------------------------------------------


def test_out_dir_over_another_input_is_refused(work: Path) -> None:
    before = snapshot(work)
    code, _, err = cli("convert", "x.txt", "x.md", "--out-dir", ".", "--to", "md", cwd=work)
    assert (code, err) == (2, f"converter: error: the edition x.md is the input x.md{REFUSED}\n")
    assert snapshot(work) == before


def test_explain_json_over_the_input_is_refused(work: Path) -> None:
    before = snapshot(work)
    code, _, err = cli("convert", "x.md", "--explain-json", "x.md", "-o", "o.html", cwd=work)
    assert (code, err) == (2, f"converter: error: --explain-json x.md is the input x.md{REFUSED}\n")
    assert snapshot(work) == before


@pytest.mark.parametrize("notes", [True, False])
def test_debug_dir_never_replaces_the_saved_page_or_a_users_file(work: Path, notes: bool) -> None:
    (work / "article.html").write_text(page("Saved page"))
    if notes:
        (work / "article.md").write_text("# My own notes\n\nNot the converter's.\n")
    before = snapshot(work)
    code, _, err = cli("convert", "article.html", "--debug-dir", ".", "-o", "o.pdf", cwd=work)
    assert code == 2
    assert err == (f"converter: error: --debug-dir .: it already holds {'article.md' if notes else 'article.html'}, "
                   "which the converter did not write; give a new or empty folder (nothing was written)\n")
    assert snapshot(work) == before


def test_debug_dir_of_ours_is_reused_and_an_output_inside_it_is_refused(work: Path) -> None:
    assert cli("convert", "x.md", "--debug-dir", "stages", "-o", "o.md", cwd=work)[0] == 0
    assert cli("convert", "x.md", "--debug-dir", "stages", "-o", "o.md", cwd=work)[0] == 0  # ours: replaced
    code, _, err = cli("convert", "x.md", "--debug-dir", "stages", "-o", "stages/article.md", cwd=work)
    assert (code, err) == (2, "converter: error: --debug-dir stages/article.md and the output stages/article.md "
                              "are the same file; choose another name\n")


@pytest.mark.parametrize("link", ["hard", "symbolic"])
def test_an_output_linked_to_the_input_is_refused(work: Path, link: str) -> None:
    (os.link if link == "hard" else os.symlink)("x.md" if link == "symbolic" else work / "x.md", work / "other.md")
    before = snapshot(work)
    code, _, err = cli("convert", "x.md", "-o", "other.md", cwd=work)
    assert (code, err) == (2, f"converter: error: the output other.md is the input x.md{REFUSED}\n")
    assert snapshot(work) == before


def test_standard_output_appended_to_the_input_is_refused(work: Path) -> None:
    before = (work / "x.md").read_bytes()
    with (work / "x.md").open("ab") as out:
        done = converter("convert", "x.md", cwd=work, stdout=out, stderr=subprocess.PIPE)
    assert done.returncode == 2
    assert done.stderr.decode() == f"converter: error: standard output is the input x.md{REFUSED}\n"
    assert (work / "x.md").read_bytes() == before


@pytest.fixture
def saved(tmp_path: Path) -> Path:
    folder = tmp_path / "saved"
    folder.mkdir()
    for n in (1, 2):
        (folder / f"page{n}.html").write_text(page(f"Story {n}"))
    (folder / "a.md").write_text("# Notes\n\nA Markdown article inside the saved folder, an input too.\n")
    return folder


def test_issue_output_inside_the_input_folder_is_refused(saved: Path) -> None:
    before = snapshot(saved)
    code, _, err = cli("issue", "saved", "-o", "saved/a.md", "--no-cache", cwd=saved.parent)
    assert (code, err) == (2, f"converter: error: the output saved/a.md is the input saved/a.md{REFUSED}\n")
    assert snapshot(saved) == before


def test_issue_output_named_by_the_manifest_is_refused(saved: Path) -> None:
    (saved / "issue.toml").write_text('title = "Weekly"\n[[sections]]\ntitle = "All"\narticles = ["*.html", "a.md"]\n')
    before = snapshot(saved)
    code, _, err = cli("issue", "--manifest", "saved/issue.toml", "-o", "saved/a.md", "--no-cache",
                       cwd=saved.parent)
    # the manifest's paths are resolved against its folder (and confined to it): named as resolved
    assert (code, err) == (2, f"converter: error: the output saved/a.md is the input {saved.resolve()}/a.md{REFUSED}\n")
    assert snapshot(saved) == before


def test_individual_editions_never_go_into_the_input_folder(saved: Path) -> None:
    before = snapshot(saved)
    code, _, err = cli("issue", "saved", "-o", "saved.html", "--individual", "--no-cache", cwd=saved.parent)
    assert code == 2
    assert err == ("converter: error: --individual would write the articles' editions into saved, which holds "
                   "the input saved/a.md; name the output elsewhere (nothing was written)\n")
    assert snapshot(saved) == before
    assert not (saved.parent / "saved.html").exists()


# --- devices and standard output ------------------------------------------------------------------------


@pytest.mark.skipif(not os.path.islink("/dev/stdout"), reason="needs /dev/stdout as a link (Linux)")
def test_dev_stdout_is_written_into_never_replaced(work: Path) -> None:
    with (work / "captured.md").open("wb") as out:
        done = converter("convert", "x.md", "-o", "/dev/stdout", cwd=work, stdout=out, stderr=subprocess.PIPE)
    assert (done.returncode, done.stderr) == (0, b"")
    assert (work / "captured.md").read_text().endswith("# Other\n\nA Markdown article that must survive every "
                                                       "careless call.\n")
    assert os.path.islink("/dev/stdout")


@pytest.mark.skipif(not os.path.isdir("/dev/fd"), reason="needs /dev/fd")
def test_dev_fd_n_is_written_through_the_open_descriptor(work: Path) -> None:
    read, write = os.pipe()
    done = subprocess.run([sys.executable, "-m", "converter", "convert", "x.md", "-o", f"/dev/fd/{write}"],
                          cwd=work, pass_fds=(write,), capture_output=True, timeout=60, check=False)
    os.close(write)
    with os.fdopen(read, "rb") as fh:
        assert fh.read().decode().startswith("---\ntitle: Other\n")
    assert done.returncode == 0


# --- the cache ------------------------------------------------------------------------------------------


def picture_colours(html: str) -> list[tuple[int, int, int]]:
    from base64 import b64decode

    from PIL import Image

    found = re.findall(r'src="data:image/png;base64,([^"]+)"', html)
    return [Image.open(io.BytesIO(b64decode(data))).convert("RGB").getpixel((0, 0)) for data in found]


def test_identical_pages_in_two_folders_keep_their_own_pictures(tmp_path: Path) -> None:
    for name, colour in (("red", (200, 0, 0)), ("blue", (0, 0, 200))):
        (tmp_path / name).mkdir()
        (tmp_path / name / "page.html").write_text(page("Same page", '<img src="photo.png" alt="the photo">'))
        (tmp_path / name / "photo.png").write_bytes(png(colour))
    for name in ("red", "blue"):
        assert cli("issue", name, "-o", f"{name}.html", "--cache", "cache", "--jobs", "1", cwd=tmp_path)[0] == 0
    assert picture_colours((tmp_path / "red.html").read_text()) == [(200, 0, 0)]
    assert picture_colours((tmp_path / "blue.html").read_text()) == [(0, 0, 200)]
    (tmp_path / "blue" / "photo.png").unlink()  # deleted since: the cached extraction is stale
    assert cli("issue", "blue", "-o", "again.html", "--cache", "cache", "--jobs", "1", cwd=tmp_path)[0] == 0
    again = (tmp_path / "again.html").read_text()
    assert picture_colours(again) == [] and "Same page opens the story" in again


def test_markdown_beside_a_saved_page_leaves_its_picture_folder_untouched(tmp_path: Path) -> None:
    """``page.md`` next to a browser's ``page.html`` + ``page_files/``: the Markdown's picture folder is the
    page's own; its pictures are the same bytes and are left as they are (never rewritten)."""
    (tmp_path / "page_files").mkdir()
    picture = tmp_path / "page_files" / "photo.png"
    picture.write_bytes(png((0, 120, 0)))
    (tmp_path / "page.html").write_text(page("Saved page", '<img src="page_files/photo.png" alt="the photo">'))
    before = picture.stat()
    assert cli("convert", "page.html", "-o", "page.md", cwd=tmp_path)[0] == 0
    assert "![the photo](page_files/photo.png)" in (tmp_path / "page.md").read_text()
    after = picture.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def entries(cache: Path, kind: str) -> list[Path]:
    return sorted(p for p in (cache / kind).rglob("*") if p.is_file())


@pytest.fixture
def cached_issue(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for n in (1, 2):
        (folder / f"p{n}.html").write_text(page(f"Story {n}"))
    code, _, err = cli("issue", "in", "-o", "first.pdf", "--cache", "cache", "--jobs", "1", cwd=tmp_path)
    assert (code, err) == (0, "")
    return tmp_path


def rebuild(folder: Path) -> tuple[int, str, bool]:
    """Build the issue again from the cache: exit code, standard error, whether both articles are in it."""
    code, _, err = cli("issue", "in", "-o", "again.pdf", "--cache", "cache", "--jobs", "1", cwd=folder)
    text = " ".join(" ".join(p.extract_text().split()) for p in pypdf.PdfReader(folder / "again.pdf").pages)
    return code, err, all(f"Story {n} opens the story" in text for n in (1, 2))


def test_garbage_cache_entries_are_rebuilt_and_reported_once(cached_issue: Path) -> None:
    damaged = entries(cached_issue / "cache", "articles") + entries(cached_issue / "cache", "pdf-parts")
    for path in damaged:
        path.write_bytes(b"garbage")
    code, err, complete = rebuild(cached_issue)
    assert code == 0 and complete
    assert err == f"converter: note: {len(damaged)} damaged cache entries were found in cache and rebuilt\n"
    assert rebuild(cached_issue)[:2] == (0, "")  # rebuilt: the next run is clean


def test_a_truncated_pdf_part_is_rebuilt(cached_issue: Path) -> None:
    for path in entries(cached_issue / "cache", "pdf-parts"):
        path.write_bytes(path.read_bytes()[:-500])
    code, err, complete = rebuild(cached_issue)
    assert code == 0 and complete and "damaged cache entries" in err


def test_entries_with_a_sound_checksum_but_wrong_content_are_misses(cached_issue: Path) -> None:
    """A part whose record claims a wrong page count, an article record missing a field: stored with a
    valid checksum (as a buggy writer would), they are still refused on read."""
    cache = Cache(cached_issue / "cache")
    for path in entries(cached_issue / "cache", "pdf-parts"):
        payload = path.read_bytes().split(b"\n", 2)[2]
        head, _, pdf = payload.partition(b"\n")
        cache.put("pdf-parts", path.name, head.replace(b'"pages": ', b'"pages": 7') + b"\n" + pdf)
    for path in entries(cached_issue / "cache", "articles"):
        payload = path.read_bytes().split(b"\n", 2)[2]
        cache.put("articles", path.name, re.sub(rb'"title": "[^"]*", ', b"", payload))
    assert (cached_issue / "cache" / "articles").exists()
    code, err, complete = rebuild(cached_issue)
    assert code == 0 and complete and "damaged cache entries" in err


def test_an_entry_is_checksummed() -> None:
    assert MAGIC.startswith(b"converter-cache")


# --- workers --------------------------------------------------------------------------------------------


def test_jobs_are_capped_at_the_cpu_count_with_a_note(work: Path) -> None:
    cpus = available_cpus()
    assert worker_count(100_000) == (cpus, f"--jobs 100000 lowered to {cpus}, the number of CPUs (more workers "
                                           "only use more memory)")
    assert worker_count(1) == (1, "")
    (work / "converter.toml").write_text("jobs = 100000\n")
    code, _, err = cli("issue", "x.md", "-o", "issue.md", "--no-cache", cwd=work)
    assert code == 0
    assert err == f"converter: note: --jobs 100000 lowered to {cpus}, the number of CPUs (more workers only use " \
                  "more memory)\n"


def _mark_preloaded() -> None:
    os.environ["CONVERTER_TEST_PRELOADED_IN"] = str(os.getpid())


def test_the_preload_runs_here_once_and_the_workers_inherit_it(monkeypatch) -> None:
    """What a pool's preload loads (for a PDF, the PDF engine) is loaded once, in this process, before the
    workers start, and every worker has it without loading it again."""
    import multiprocessing

    if available_cpus() < 2 or multiprocessing.get_start_method() != "fork":
        pytest.skip("workers are not forked here")
    monkeypatch.delenv("CONVERTER_TEST_PRELOADED_IN", raising=False)
    pool = WorkerPool(2, preload=_mark_preloaded)
    assert "CONVERTER_TEST_PRELOADED_IN" not in os.environ  # nothing before the first task
    try:
        seen = {pool.submit(os.getenv, "CONVERTER_TEST_PRELOADED_IN").result() for _ in range(4)}
    finally:
        pool.shutdown()
    assert seen == {str(os.getpid())}


def test_tasks_that_read_start_before_the_preload_which_runs_while_they_work(monkeypatch) -> None:
    """Inside ``reading()`` the workers start at once without the preload; it runs here once the batch is
    submitted (``run_tasks``), and the workers of the tasks after the block inherit it."""
    import multiprocessing

    from converter.issue.executor import run_tasks

    if available_cpus() < 2 or multiprocessing.get_start_method() != "fork":
        pytest.skip("workers are not forked here")
    monkeypatch.delenv("CONVERTER_TEST_PRELOADED_IN", raising=False)
    pool = WorkerPool(2, preload=_mark_preloaded)
    try:
        with pool.reading():
            read = {value for _, value in run_tasks(pool, os.getenv, ["CONVERTER_TEST_PRELOADED_IN"] * 2)}
            assert os.environ["CONVERTER_TEST_PRELOADED_IN"] == str(os.getpid())  # run here, while they read
        after = {pool.submit(os.getenv, "CONVERTER_TEST_PRELOADED_IN").result() for _ in range(4)}
    finally:
        pool.shutdown()
    assert read == {None}
    assert after == {str(os.getpid())}


def test_workers_start_with_the_first_task() -> None:
    pool = make_executor(2)
    if not isinstance(pool, WorkerPool):
        pytest.skip("one CPU: no pool")
    assert pool._pool is None  # nothing submitted, nothing started
    assert pool.submit(os.getpid).result() != os.getpid()
    pool.shutdown()


def descendants(pid: int) -> set[int]:
    """Every live process below ``pid`` (from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if fields[0] != "Z":
                children.setdefault(int(fields[1]), []).append(int(entry.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def alive(pids: set[int]) -> set[int]:
    live = set()
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            live.add(pid)
    return live


@pytest.fixture
def long_issue(tmp_path: Path) -> Path:
    if not Path("/proc/self/stat").exists() or available_cpus() < 2:
        pytest.skip("needs /proc and two CPUs (a pool of workers)")
    folder = tmp_path / "long"
    folder.mkdir()
    body = "".join(f"<p>Paragraph {n} of a long article, with words enough to be kept and laid out.</p>"
                   for n in range(400))
    for n in range(4):
        (folder / f"a{n}.html").write_text(f"<html><body><article><h1>Article {n}</h1>{body}</article></body></html>")
    return tmp_path


def start_issue(folder: Path) -> tuple[subprocess.Popen[bytes], set[int]]:
    """Start an issue with two workers; return it once its workers are running."""
    process = subprocess.Popen([sys.executable, "-m", "converter", "issue", "long", "-o", "long.pdf", "--jobs", "2",
                                "--no-cache"], cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while len(workers := pool_workers(process.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(workers) >= 2, "the workers never started"
    return process, workers


def pool_workers(pid: int) -> set[int]:
    """The live children of ``pid`` that run this interpreter (its pool's workers; not a program it ran,
    such as the ``ldconfig -p`` the PDF engine's import runs before the workers start)."""
    found = set()
    for child in descendants(pid):
        try:
            stat = Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()
            command = Path(f"/proc/{child}/cmdline").read_bytes().split(b"\0")[0]
        except OSError:
            continue
        if int(stat[1]) == pid and command == sys.executable.encode():
            found.add(child)
    return found


def wait_gone(pids: set[int], seconds: float = 5) -> set[int]:
    deadline = time.monotonic() + seconds
    while alive(pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    return alive(pids)


def test_a_killed_issue_leaves_no_process_behind(long_issue: Path) -> None:
    process, workers = start_issue(long_issue)
    process.kill()  # SIGKILL: the parent gets no chance to clean up
    process.wait()
    assert wait_gone(workers) == set()
    assert not (long_issue / "long.pdf").exists()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the parent-death signal is Linux's")
def test_the_parent_death_signal_is_one_system_call_and_starts_no_process() -> None:
    """Every render child and pool worker asks for it; looking libc up by name (``find_library``) ran
    ``ldconfig -p``, a fork of a process of 150 MB, for each of them."""
    script = (
        "import ctypes, signal, subprocess\n"
        "def refused(*args, **kwargs): raise AssertionError('a process was started')\n"
        "subprocess.Popen = refused\n"
        "from converter.render.pdf_worker import parent_death_signal\n"
        "assert parent_death_signal(signal.SIGUSR1)\n"
        "asked = ctypes.c_int()\n"
        "ctypes.CDLL(None).prctl(2, ctypes.byref(asked), 0, 0, 0)  # PR_GET_PDEATHSIG\n"
        "print(asked.value)\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert (done.returncode, done.stdout.strip()) == (0, str(int(signal.SIGUSR1))), done.stderr


def test_sigterm_stops_an_issue_like_ctrl_c(long_issue: Path) -> None:
    process, workers = start_issue(long_issue)
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=30)
    assert process.returncode == 128 + signal.SIGTERM
    assert b"Traceback" not in err and b"internal error" not in err
    assert wait_gone(workers) == set()
    assert not [p.name for p in long_issue.iterdir() if p.name.startswith(".long.pdf")]  # no temporary file left


# --- pictures that cannot be decoded --------------------------------------------------------------------


@pytest.fixture
def broken_picture(tmp_path: Path) -> Path:
    (tmp_path / "bad.png").write_bytes(broken_png())
    (tmp_path / "page.html").write_text(page("Broken picture", '<img src="bad.png" alt="a lost harbour view">'))
    return tmp_path


WARNING = ("converter: warning: picture images/bad.png cannot be decoded (cannot load this image); a placeholder "
           "is shown instead\n")


def test_an_undecodable_picture_is_a_placeholder_in_html_and_pdf(broken_picture: Path) -> None:
    assert len(broken_png()) == 45
    code, _, err = cli("convert", "page.html", "-o", "page.pdf", cwd=broken_picture)
    assert (code, err) == (0, WARNING)
    text = "".join(p.extract_text() for p in pypdf.PdfReader(broken_picture / "page.pdf").pages)
    assert "a lost harbour view" in text and "A second paragraph of Broken picture" in text
    code, _, err = cli("convert", "page.html", "-o", "out.html", cwd=broken_picture)
    assert (code, err) == (0, WARNING)
    assert ('<span class="picture-missing" role="img" aria-label="a lost harbour view">a lost harbour view</span>'
            in (broken_picture / "out.html").read_text())


def test_an_undecodable_picture_is_a_placeholder_in_epub_and_markdown(broken_picture: Path) -> None:
    code, _, err = cli("convert", "page.html", "-o", "page.epub", cwd=broken_picture)
    assert (code, err) == (0, WARNING)
    with zipfile.ZipFile(broken_picture / "page.epub") as book:
        chapter = book.read("EPUB/article-1.xhtml").decode()
        assert not [name for name in book.namelist() if name.startswith("EPUB/images/a1-")]
    assert 'class="picture-missing"' in chapter and "a lost harbour view" in chapter
    code, _, _ = cli("convert", "page.html", "-o", "out.md", cwd=broken_picture)  # kept beside it, as it was
    assert code == 0 and "![a lost harbour view](out_files/bad.png)" in (broken_picture / "out.md").read_text()
    assert (broken_picture / "out_files" / "bad.png").read_bytes() == broken_png()


def test_an_undecodable_picture_never_takes_an_issue_down(broken_picture: Path) -> None:
    for n in range(4):
        (broken_picture / f"good{n}.html").write_text(page(f"Good story {n}"))
    code, _, err = cli("issue", ".", "-o", "../issue.pdf", "--no-cache", "--jobs", "1", cwd=broken_picture)
    assert (code, err) == (0, WARNING)
    text = "".join(p.extract_text() for p in pypdf.PdfReader(broken_picture.parent / "issue.pdf").pages)
    assert all(f"Good story {n} opens the story" in text for n in range(4))
    assert "Broken picture opens the story" in text and "a lost harbour view" in text


def test_a_forked_child_never_runs_the_parents_stop_handler() -> None:
    # A SIGTERM landing between a worker's fork and its own set-up ran the parent's handler inside the
    # interpreter's after-fork hooks ("Exception ignored ... Traceback" on stderr): stop signals are held
    # across the fork, and the child starts with the default action and the parent's signal mask.
    import os

    from converter.cli.signals import terminate_like_interrupt

    before = signal.pthread_sigmask(signal.SIG_BLOCK, set())
    with terminate_like_interrupt():
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:
            state = (signal.getsignal(signal.SIGTERM) == signal.SIG_DFL,
                     signal.pthread_sigmask(signal.SIG_BLOCK, set()) == before)
            os.write(write_end, repr(state).encode())
            os._exit(0)
        os.close(write_end)
        child = os.read(read_end, 100)
        os.close(read_end)
        os.waitpid(pid, 0)
        assert signal.pthread_sigmask(signal.SIG_BLOCK, set()) == before  # the parent's mask is back too
    assert child == b"(True, True)"


def test_a_stop_signal_held_across_a_fork_stops_the_parent_after_the_hook() -> None:
    # A SIGTERM that arrived while a fork held it was delivered when the parent's hook restored the mask:
    # raised inside the hook, it was printed ("Exception ignored ... Traceback") and lost, and the issue
    # ran on to its end. It is raised again in the main thread just after the hook.
    import os
    import time

    from converter.cli.signals import Terminated, terminate_like_interrupt, unblock_after_fork

    stopped = None
    with pytest.raises(Terminated) as raised, terminate_like_interrupt():
        mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})
        os.kill(os.getpid(), signal.SIGTERM)  # arrives while held, as during a fork
        unblock_after_fork(mask)  # the hook: must not raise
        stopped = "hook returned"
        time.sleep(5)
    assert stopped == "hook returned"
    assert raised.value.signum == signal.SIGTERM


def test_a_stop_signal_during_the_pdf_code_loading_waits_for_its_end() -> None:
    # A SIGTERM that landed while pikepdf's compiled module initialised became "internal error: ImportError:
    # pikepdf's extension library failed to import" (exit 70), or aborted the process (SIGABRT): it now
    # takes effect when the loading ends, as a clean stop.
    import os

    from converter.cli.signals import Terminated, held, terminate_like_interrupt

    steps = []
    with pytest.raises(Terminated) as raised, terminate_like_interrupt():
        with held():
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(0.1)  # the main thread runs the handler at its next check (another thread may take it)
            steps.append("loading went on")
        steps.append("after the block")  # never reached: the held signal is raised as the block ends
    assert steps == ["loading went on"]
    assert raised.value.signum == signal.SIGTERM
    before = signal.signal(signal.SIGINT, signal.default_int_handler)  # Ctrl-C's own, whatever ran before
    try:
        with pytest.raises(KeyboardInterrupt), held():
            os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C held the same way
            time.sleep(0.1)
        assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # the handlers are put back
    finally:
        signal.signal(signal.SIGINT, before)
