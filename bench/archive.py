"""The archive run on the corpus dev pages written into a WARC: speed with the process pool and with a
2-worker Dask LocalCluster in the same run, peak memory as the archive grows, and a resumed run.

    .venv/bin/python bench/archive.py [--articles 1000] [--sizes 250,500,1000] [--formats pdf,epub,md] [--jobs 2]

Inputs: every corpus page (``page.html``) as a ``response`` record of ``https://bench.example/...``, repeated
under new addresses until there are ``--articles`` of them (each copy gets a comment with its number, so
the duplicate check does not fold it into the first). Pictures the pages name are not captured: they are
placeholders, as for a page saved "HTML only".

Each configuration runs in its own process, so peak RSS is its own: ``ru_maxrss`` of that process (the
parent: plan, state, results) and of its largest descendant (a worker). Reported:

- articles per second, process pool and LocalCluster (2 workers, processes), at the largest size, and their
  ratio (the Dask overhead); whether the two runs' editions are byte-identical;
- peak memory of the parent and the largest worker at each size, for both (flat means it does not grow
  with the archive);
- a run killed (SIGKILL) when half the articles are converted, then resumed: the resumed run's time
  against a full run's, and that the catalogue holds each article once.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import io
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus"


def corpus_pages() -> list[Path]:
    if not CORPUS.exists():
        sys.exit(f"{CORPUS} is absent: the shared data set must sit beside the project as ../shared")
    return sorted(CORPUS.glob("*/*/page.html"))


def write_warc(path: Path, articles: int) -> None:
    """``articles`` page records from the corpus (repeated under new addresses) into a gzipped WARC."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    pages = corpus_pages()
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for number in range(articles):
            page = pages[number % len(pages)]
            copy = number // len(pages)
            body = page.read_bytes() + f"\n<!-- copy {copy} -->\n".encode()
            url = f"https://bench.example/{page.parent.parent.name}/{copy}/{page.parent.name[:16]}.html"
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            record = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers,
                                               warc_headers_dict={"WARC-Date": "2024-01-01T00:00:00Z"})
            writer.write_record(record)


def child(config: dict[str, object]) -> None:
    """Run one configuration in this process and print its figures as JSON."""
    from converter.archive.run import RunSettings, run_archive

    kill_at = int(config.get("kill_at", 0))  # type: ignore[call-overload]

    def progress(done: int, total: int, converted: int) -> None:
        if kill_at and converted >= kill_at:
            os.kill(os.getpid(), signal.SIGKILL)

    settings = RunSettings((Path(str(config["warc"])),), Path(str(config["out"])),
                           tuple(str(config["formats"]).split(",")), scheduler=str(config["scheduler"]),
                           jobs=int(config["jobs"]))  # type: ignore[call-overload]
    started = time.perf_counter()
    report = run_archive(settings, progress)
    seconds = time.perf_counter() - started
    print(json.dumps({
        "seconds": seconds, "converted": report.converted, "unchanged": report.unchanged,
        "skipped": report.skipped, "failed": report.failed,
        "parent_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "worker_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }))


def run(config: dict[str, object]) -> dict[str, float]:
    """One configuration in its own session; after a kill, its orphaned workers are ended with it."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        child_ = subprocess.Popen([sys.executable, __file__, "--child", json.dumps(config)], stdout=out, stderr=err,
                                  start_new_session=True)
        code = child_.wait()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(child_.pid, signal.SIGKILL)  # a SIGKILLed parent's pool workers would wait for ever
        out.seek(0)
        err.seek(0)
        if code == -signal.SIGKILL:
            return {"killed": 1}
        if code != 0:
            sys.exit(f"configuration {config} failed:\n{err.read()[-3000:]}")
        return json.loads(out.read().strip().splitlines()[-1])


def editions(out: Path) -> dict[str, str]:
    return {str(p.relative_to(out)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(out.rglob("*")) if p.is_file() and p.suffix in (".pdf", ".epub", ".md", ".html")
            and p.name != "index.html"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--sizes", default="", help="sizes for the memory figures (default: quarter, half, all)")
    parser.add_argument("--formats", default="pdf,epub,md")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(json.loads(args.child))
        return
    sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else \
        [args.articles // 4, args.articles // 2, args.articles]
    work = Path(tempfile.mkdtemp(prefix="bench-archive-"))
    try:
        warcs = {}
        for size in sorted(set([*sizes, args.articles])):
            warcs[size] = work / f"corpus-{size}.warc.gz"
            write_warc(warcs[size], size)
        print(f"{args.articles} articles ({len(corpus_pages())} corpus pages, repeated), formats {args.formats}, "
              f"{args.jobs} workers; WARC {warcs[args.articles].stat().st_size / 1e6:.1f} MB", flush=True)
        rows = {}
        for scheduler in ("processes", "dask-local"):
            for size in sizes:
                out = work / f"out-{scheduler}-{size}"
                rows[scheduler, size] = run({"warc": str(warcs[size]), "out": str(out), "formats": args.formats,
                                             "scheduler": scheduler, "jobs": args.jobs})
                r = rows[scheduler, size]
                print(f"{scheduler:>10} {size:>5} articles: {r['seconds']:7.1f} s, "
                      f"{r['converted'] / r['seconds']:5.2f} articles/s, {r['failed']:.0f} failed, {r['skipped']:.0f} "
                      f"skipped; peak RSS parent {r['parent_mb']:.0f} MB, largest worker {r['worker_mb']:.0f} MB",
                      flush=True)
        big = args.articles
        pool, dask = rows["processes", big], rows["dask-local", big]
        same = editions(work / f"out-processes-{big}") == editions(work / f"out-dask-local-{big}")
        print(f"Dask overhead at {big}: {dask['seconds'] / pool['seconds']:.2f} x the process pool's time; "
              f"editions byte-identical: {same}")
        out = work / "out-resumed"
        half = pool["converted"] // 2
        first = run({"warc": str(warcs[big]), "out": str(out), "formats": args.formats, "scheduler": "processes",
                     "jobs": args.jobs, "kill_at": half})
        assert first.get("killed"), "the first run was meant to be killed"
        resumed = run({"warc": str(warcs[big]), "out": str(out), "formats": args.formats, "scheduler": "processes",
                       "jobs": args.jobs})
        catalogue = [json.loads(line) for line in (out / "catalogue.jsonl").read_text().splitlines()]
        ids = [row["id"] for row in catalogue]
        print(f"killed at {half:.0f} converted, resumed: {resumed['seconds']:.1f} s "
              f"({resumed['seconds'] / pool['seconds']:.2f} of a full run), {resumed['converted']:.0f} converted, "
              f"{resumed['unchanged']:.0f} unchanged; catalogue {len(ids)} rows, {len(set(ids))} distinct, "
              f"full run's {pool['converted']:.0f}")
        print(f"per article, process pool: {pool['seconds'] * args.jobs / max(pool['converted'], 1):.2f} "
              f"worker-seconds")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
