"""One article, text to PDF, as whole processes: ``converter convert`` against WeasyPrint alone on our HTML.

    .venv/bin/python bench/render.py [--input PATH] [--runs N]

The yardstick is produced and run by documented commands: ``converter convert IN --media print -o x.html``
(the HTML the PDF is laid out from; not timed), then ``python -m weasyprint x.html x.pdf`` (timed). Ours is
``converter convert IN -o y.pdf`` (timed): interpreter start, imports, extraction, the isolated render child.
Both run alternately ``--runs`` times after one warm-up each (the OS file cache); the figures are the
medians of wall time and of CPU time (user + system of the whole process tree, from ``RUSAGE_CHILDREN``),
with the machine's load average before and after, since the machines are shared.

The input defaults to the seed article in ../shared (or the bundled example when that is absent).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEED = REPO.parent / "shared" / "seeds" / "000_6891f99af320f9d1.txt"
EXAMPLE = REPO / "examples" / "harbour-ferry.txt"
CONVERTER = [sys.executable, "-m", "converter"]


def timed(command: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the command and every process it started and waited for)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def measure(source: Path, runs: int, work: Path) -> dict[str, list[tuple[float, float]]]:
    html = work / "print.html"
    subprocess.run([*CONVERTER, "convert", str(source), "--media", "print", "-o", str(html), "-q"], check=True)
    commands = {
        "ours": [*CONVERTER, "convert", str(source), "-o", str(work / "ours.pdf"), "-q"],
        "weasyprint": [sys.executable, "-m", "weasyprint", "-q", str(html), str(work / "alone.pdf")],
    }
    for command in commands.values():  # warm-up: the OS file cache, font caches
        timed(command)
    results: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            results[name].append(timed(command))
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--input", type=Path, default=SEED if SEED.exists() else EXAMPLE)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        results = measure(args.input, args.runs, Path(tmp))
    load_after = os.getloadavg()[0]
    wall = {name: statistics.median(w for w, _ in runs) for name, runs in results.items()}
    cpu = {name: statistics.median(c for _, c in runs) for name, runs in results.items()}
    print(f"input: {args.input.name}  runs: {args.runs}  cpus: {os.cpu_count()}  "
          f"load average: {load_before:.2f} before, {load_after:.2f} after")
    for name in results:
        print(f"{name:>10}: wall {wall[name] * 1000:.0f} ms, CPU {cpu[name] * 1000:.0f} ms (medians)")
    print(f"ratio ours / WeasyPrint alone: wall {wall['ours'] / wall['weasyprint']:.3f}, "
          f"CPU {cpu['ours'] / cpu['weasyprint']:.3f} (target <= 1.15)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
