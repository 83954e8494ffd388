"""Hyphenation dictionaries: pyphen's eager load against ours (patterns parsed on first use), in-process and
in whole ``converter`` processes.

    .venv/bin/python bench/hyphenation.py [--langs de,hu,nl,en,fr,cs,el,ru]
        [--base DIR [--article PATH] [--runs 5] [--issue-runs 3]]

In-process, for each language: the dictionary's load, best of 5 CPU times, with ``pyphen.HyphDict`` (what
WeasyPrint and main load) and ``converter.render.hyphen_patterns.LazyHyphDict``; then the load and the break
points of 1,000 words made of the dictionary's own patterns (the lazy one parses what they meet).

With ``--base`` (a snapshot of another commit's package and the data it reads: ``git archive main converter
styles templates | tar -x -C DIR``; run ``python -m compileall -q DIR`` too, as for this tree): whole
processes run from a scratch folder (``python -m`` puts the current folder first on the path), alternated,
the base tree's then this tree's; CPU of the process tree (user + system, ``RUSAGE_CHILDREN``), medians.
``converter convert ARTICLE -o x.pdf`` ``--runs`` times (``--article``: e.g. a German page; skipped without
it), and ``converter issue`` of bench/issue.py's 100 corpus pages (``--jobs 2 --no-cache``) ``--issue-runs``
times. Every PDF is written under ``SOURCE_DATE_EPOCH`` and compared byte for byte with the base tree's.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus"


def best_cpu(make: Callable[[], Any], runs: int = 5) -> float:
    """The least CPU seconds of ``runs`` calls."""
    times = []
    for _ in range(runs):
        start = time.process_time()
        make()
        times.append(time.process_time() - start)
    return min(times)


def words_of(hyph: Any, count: int, seed: str) -> list[str]:
    rng = random.Random(seed)
    pieces = sorted({key.strip(".") for key in hyph.patterns} - {""})
    return ["".join(rng.sample(pieces, rng.choice([2, 3]))) for _ in range(count)]


def used(hyph: Any, words: list[str]) -> None:
    for word in words:
        hyph.positions(word)


def in_process(langs: list[str]) -> None:
    import pyphen

    from converter.render.hyphen_patterns import LazyHyphDict

    print(f"load average {os.getloadavg()[0]:.2f}")
    print("| language | patterns | pyphen load | ours | ratio | pyphen load + 1,000 words | ours | ratio |")
    print("|---|---|---|---|---|---|---|---|")
    for lang in langs:
        path = Path(pyphen.LANGUAGES[pyphen.language_fallback(lang)])
        eager = pyphen.HyphDict(path)
        words = words_of(eager, 1000, lang)
        before = best_cpu(lambda path=path: pyphen.HyphDict(path))
        after = best_cpu(lambda path=path: LazyHyphDict(path))
        used_before = best_cpu(lambda path=path, words=words: used(pyphen.HyphDict(path), words))
        used_after = best_cpu(lambda path=path, words=words: used(LazyHyphDict(path), words))
        print(f"| {path.name[5:-4]} | {len(eager.patterns)} | {before * 1000:.0f} ms | {after * 1000:.1f} ms | "
              f"{after / before:.3f} | {used_before * 1000:.0f} ms | {used_after * 1000:.0f} ms | "
              f"{used_after / used_before:.2f} |")
    print(f"load average {os.getloadavg()[0]:.2f}")


def tree_env(tree: Path) -> dict[str, str]:
    return dict(os.environ, PYTHONPATH=str(tree), SOURCE_DATE_EPOCH="1700000000")


def check_tree(tree: Path, work: Path) -> None:
    """Refuse a tree whose package is not the one a command run from ``work`` imports."""
    where = subprocess.run([sys.executable, "-c", "import converter; print(converter.__file__)"], cwd=work,
                           env=tree_env(tree), capture_output=True, text=True, check=True).stdout.strip()
    if not Path(where).is_relative_to(tree) or not (tree / "styles").is_dir():
        raise SystemExit(f"{tree}: its package is not the one imported ({where}), or it lacks styles/")


def timed(command: list[str], tree: Path, work: Path) -> float:
    """CPU seconds of ``command`` (run from ``work`` with ``tree`` first on the path) and every process it
    waited for."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(command, cwd=work, env=tree_env(tree), capture_output=True, text=True, check=False)
    if done.returncode not in (0, 3):  # 3: written without some inputs, reported
        raise SystemExit(f"{' '.join(command[:4])} ... failed: {done.stderr[-2000:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def alternated(name: str, command: Callable[[Path], list[str]], trees: dict[str, Path], runs: int,
               work: Path) -> None:
    """Run ``command(output)`` with each tree in turn, ``runs`` times; print the medians and compare outputs."""
    load = os.getloadavg()[0]
    cpu: dict[str, list[float]] = {label: [] for label in trees}
    for run in range(runs):
        for label, tree in trees.items():
            cpu[label].append(timed(command(work / f"{name}-{label}-{run}.pdf"), tree, work))
    outputs = {label: {(work / f"{name}-{label}-{run}.pdf").read_bytes() for run in range(runs)} for label in trees}
    base, new = (statistics.median(cpu[label]) for label in trees)
    listed = "; ".join(f"{label} " + ", ".join(f"{c:.2f}" for c in cpu[label]) for label in trees)
    print(f"{name}: median CPU base {base:.2f} s, this tree {new:.2f} s, ratio {new / base:.3f} "
          f"(load {load:.2f} -> {os.getloadavg()[0]:.2f}; {listed}); PDFs byte-identical: "
          f"{len(outputs['base'] | outputs['this']) == 1} (distinct PDFs: base {len(outputs['base'])}, this "
          f"{len(outputs['this'])}, both {len(outputs['base'] | outputs['this'])})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--langs", default="de,hu,nl,en,fr,cs,el,ru")
    parser.add_argument("--base", type=Path, help="another commit's code tree (holds converter/)")
    parser.add_argument("--article", type=Path, help="an article to convert to PDF with each tree")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--issue-runs", type=int, default=3)
    args = parser.parse_args()
    in_process(args.langs.split(","))
    if not args.base:
        return
    trees = {"base": args.base.resolve(), "this": REPO}
    converter = [sys.executable, "-m", "converter"]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for tree in trees.values():
            check_tree(tree, work)
        if args.article:
            article = str(args.article.resolve())
            alternated("convert", lambda out: [*converter, "convert", article, "-o", str(out), "-q"],
                       trees, args.runs, work)
        if CORPUS.exists():
            pages = sorted(p / "page.html" for group in ("zyte", "readability") for p in (CORPUS / group).iterdir()
                           if p.is_dir())[:100]
            alternated("issue", lambda out: [*converter, "issue", *map(str, pages), "-o", str(out), "--jobs", "2",
                                             "--no-cache", "-q", "--title", "Corpus"], trees, args.issue_runs, work)
        else:
            print(f"{CORPUS} is absent: no issue measured")


if __name__ == "__main__":
    main()
