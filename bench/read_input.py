"""CPU of an issue worker's reading: ``read_input`` over the pages ``bench/issue.py`` reads, two code trees.

    python bench/read_input.py --base /tmp/base [--new /tmp/new] [--rounds 4] [--warm 6]

``--base`` and ``--new`` (default: this repository) are code trees holding ``converter/`` (e.g. from
``git archive <commit> converter``). First ``--rounds`` rounds of fresh processes, base then new, each
reading the 60 zyte and 45 readability ``page.html`` once (loop CPU, the process's total with its imports,
median and 90th percentile per page); then one warm process per tree, the loop alternated ``--warm`` times
after a first loop each (first uses of patterns and caches left out). CPU is ``time.process_time``; the
load average is printed with each round, since other work on the machine moves these figures.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus"


def pages(corpus: Path) -> list[str]:
    return [str(p / "page.html") for group in ("zyte", "readability")
            for p in sorted((corpus / group).iterdir()) if p.is_dir()]


def _load() -> str:
    return Path("/proc/loadavg").read_text().split()[0] if Path("/proc/loadavg").exists() else "?"


def _child(corpus: Path, warm: bool) -> None:
    """In the child (the tree on ``PYTHONPATH``): one loop (a JSON line), or a loop per line of input."""
    from converter.issue.compile import read_input

    paths = pages(corpus)
    if warm:
        for _ in sys.stdin:
            start = time.process_time()
            for path in paths:
                read_input(path)
            print(json.dumps({"loop": time.process_time() - start}), flush=True)
        return
    per: list[float] = []
    start = time.process_time()
    for path in paths:
        at = time.process_time()
        read_input(path)
        per.append(time.process_time() - at)
    per.sort()
    print(json.dumps({"loop": time.process_time() - start, "total": time.process_time(),
                      "median": statistics.median(per), "p90": per[int(len(per) * 0.9)]}))


def _command(tree: Path, corpus: Path, warm: bool) -> tuple[list[str], dict[str, str]]:
    args = [sys.executable, __file__, "--corpus", str(corpus), "--child", "warm" if warm else "once"]
    return args, dict(os.environ, PYTHONPATH=str(tree))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", type=Path)
    parser.add_argument("--new", type=Path, default=REPO)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--warm", type=int, default=6)
    parser.add_argument("--child", choices=("once", "warm"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.corpus, args.child == "warm")
        return
    if not args.base:
        parser.error("--base is required")
    if not args.corpus.is_dir():
        sys.exit(f"no corpus at {args.corpus}")
    trees = {"base": args.base.resolve(), "new": args.new.resolve()}
    for n in range(1, args.rounds + 1):
        row = [f"round {n} (load {_load()})"]
        for name, tree in trees.items():
            command, env = _command(tree, args.corpus, warm=False)
            got = json.loads(subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout)
            row.append(f"{name} {got['loop']:.2f} s ({got['total']:.2f}), {got['median'] * 1000:.1f} ms, "
                       f"p90 {got['p90'] * 1000:.1f} ms")
        print(" | ".join(row), flush=True)
    if not args.warm:
        return
    workers = {}
    for name, tree in trees.items():
        command, env = _command(tree, args.corpus, warm=True)
        workers[name] = subprocess.Popen(command, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    loops: dict[str, list[float]] = {name: [] for name in trees}
    for n in range(args.warm + 1):
        for name in (("base", "new") if n % 2 == 0 else ("new", "base")):
            worker = workers[name]
            assert worker.stdin is not None and worker.stdout is not None
            worker.stdin.write("go\n")
            worker.stdin.flush()
            loop = json.loads(worker.stdout.readline())["loop"]
            if n:  # the first loop of each warms it
                loops[name].append(loop)
        if n:
            print(f"warm {n} (load {_load()}): base {loops['base'][-1]:.2f} s, new {loops['new'][-1]:.2f} s, "
                  f"ratio {loops['new'][-1] / loops['base'][-1]:.2f}", flush=True)
    for worker in workers.values():
        assert worker.stdin is not None
        worker.stdin.close()
        worker.wait()
    base, new = statistics.median(loops["base"]), statistics.median(loops["new"])
    print(f"warm medians: base {base:.2f} s, new {new:.2f} s, ratio {new / base:.2f}")


if __name__ == "__main__":
    main()
