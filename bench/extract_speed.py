"""Extraction CPU time of two code trees, alternating, on the same corpus pages: is a speed change faster?

    python bench/extract_speed.py --base /tmp/base [--new DIR] [--kinds html,innertext,dump] [--rounds 4]
                                  [--pages 120] [--corpus ../shared/corpus]

Each round runs every kind once with each tree (``--base``, a snapshot of the package's parent folder from
``git archive <commit> converter``, and ``--new``, default this repository), the order of the trees
swapped every round, each run in a child process of its own. A child extracts ``--pages`` inputs spread
over the sorted corpus (``page.html`` through ``extract_html``, the text renderings through
``extract_text``), each once untimed (imports and caches warm) and once timed in CPU time of the process
(``time.process_time``, which other users of a shared machine inflate less than wall time). Printed per run:
median, p90 and mean milliseconds per page, and the load average; at the end, each tree's median of its
round medians and the ratio new / base. ``--paired``: both trees in one process instead (the package's
modules swapped between calls), each page run by each tree in turn, order alternating, best of two; the
medians, means and the median of the per-page ratios (less noise on a busy machine). Run
``bench/same_output.py`` for the outputs.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / ".." / "shared" / "corpus"
SOURCE = {"html": "page.html", "innertext": "innertext.txt", "dump": "dump.txt"}


def child(corpus: Path, kind: str, pages: int, tree: Path) -> list[float]:
    """Milliseconds of CPU per page, the package imported from ``tree``."""
    sys.path.insert(0, str(tree))
    from converter.errors import ConverterError
    from converter.extract.html import extract_html
    from converter.extract.text import extract_text

    assert Path(sys.modules["converter"].__file__).resolve().is_relative_to(tree.resolve())
    paths = sorted(corpus.glob(f"*/*/{SOURCE[kind]}"))
    paths = paths[::max(1, len(paths) // pages)][:pages]
    run = extract_html if kind == "html" else extract_text
    ms = []
    for path in paths:
        source = path.read_text("utf-8")
        for timed in (False, True):
            start = time.process_time()
            with contextlib.suppress(ConverterError):  # a page without an article costs what it cost
                run(source)
            if timed:
                ms.append((time.process_time() - start) * 1000)
    return ms


def _package_modules() -> dict[str, object]:
    return {k: m for k, m in sys.modules.items() if k == "converter" or k.startswith("converter.")}


def _use(modules: dict[str, object]) -> None:
    for k in list(_package_modules()):
        del sys.modules[k]
    sys.modules.update(modules)  # type: ignore[arg-type]


def paired(corpus: Path, kind: str, pages: int, trees: dict[str, Path]) -> None:
    """Both trees in this process: per page, each tree's best of two runs, the order alternating."""
    import importlib

    loaded = {}
    for name, tree in trees.items():
        _use({})
        sys.path.insert(0, str(tree))
        errors = importlib.import_module("converter.errors")
        module = importlib.import_module("converter.extract.html" if kind == "html" else "converter.extract.text")
        sys.path.remove(str(tree))
        loaded[name] = [getattr(module, "extract_html" if kind == "html" else "extract_text"),
                        errors.ConverterError, _package_modules()]
    paths = sorted(corpus.glob(f"*/*/{SOURCE[kind]}"))
    sources = [p.read_text("utf-8") for p in paths[::max(1, len(paths) // pages)][:pages]]

    def timed(name: str, source: str) -> float:
        run, error, modules = loaded[name]
        _use(modules)
        start = time.process_time()
        with contextlib.suppress(error):
            run(source)
        return (time.process_time() - start) * 1000

    for name in trees:  # warm: every page once, and the modules imported on the way join the tree's set
        for source in sources:
            timed(name, source)
        loaded[name][2] = _package_modules()
    ms: dict[str, list[float]] = {"base": [], "new": []}
    for n, source in enumerate(sources):
        for name in ("base", "new") if n % 2 else ("new", "base"):
            ms[name].append(min(timed(name, source), timed(name, source)))
    ratios = [new / base for base, new in zip(ms["base"], ms["new"], strict=True) if base > 0]
    print(f"{kind} ({len(sources)} pages, paired): base median {statistics.median(ms['base']):.1f} ms CPU, mean "
          f"{statistics.mean(ms['base']):.1f}; new median {statistics.median(ms['new']):.1f}, mean "
          f"{statistics.mean(ms['new']):.1f}; median ratio {statistics.median(ratios):.2f}, total ratio "
          f"{sum(ms['new']) / sum(ms['base']):.2f} (load average {os.getloadavg()[0]:.1f})", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=Path)
    parser.add_argument("--new", type=Path, default=REPO)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--kinds", default="html,innertext,dump")
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--pages", type=int, default=120)
    parser.add_argument("--paired", action="store_true", help="both trees in one process, page by page")
    parser.add_argument("--child", nargs=2, metavar=("KIND", "TREE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"skipped: {args.corpus} is absent; the shared corpus must sit beside the project as ../shared/corpus")
        return 0
    if args.child:
        print(json.dumps(child(args.corpus, args.child[0], args.pages, Path(args.child[1]))))
        return 0
    if not args.base:
        parser.error("--base is required")
    trees = {"base": args.base.resolve(), "new": args.new.resolve()}
    for kind in args.kinds.split(","):
        if args.paired:
            paired(args.corpus, kind, args.pages, trees)
            continue
        medians: dict[str, list[float]] = {"base": [], "new": []}
        for r in range(args.rounds):
            for name in ("base", "new") if r % 2 == 0 else ("new", "base"):
                load = os.getloadavg()[0]
                command = [sys.executable, __file__, "--corpus", str(args.corpus), "--pages", str(args.pages),
                           "--child", kind, str(trees[name])]
                out = subprocess.run(command, check=True, capture_output=True, text=True)
                ms = json.loads(out.stdout)
                medians[name].append(statistics.median(ms))
                print(f"{kind} round {r} {name}: median {statistics.median(ms):.1f} ms CPU, p90 "
                      f"{statistics.quantiles(ms, n=10)[-1]:.1f}, mean {statistics.mean(ms):.1f} ({len(ms)} pages; "
                      f"load average {load:.1f})", flush=True)
        base, new = (statistics.median(medians[n]) for n in ("base", "new"))
        print(f"{kind}: base {base:.1f} ms, new {new:.1f} ms (medians of the round medians), ratio {new / base:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
