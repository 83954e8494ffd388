"""The issue's HTML built in the parent process: CPU time of every part's HTML, base tree against this one, and
a dump of every HTML the two write, to compare byte for byte.

    .venv/bin/python bench/part_html.py --base DIR [--repeat 5] [--dump-to OUT]

``DIR`` is a snapshot of another commit's package (``git archive main converter templates styles | tar -x -C
DIR``). The 100 corpus pages ``bench/issue.py`` reads are compiled once (by this tree) into an Issue, pickled;
then each tree, in child processes of its own (``PYTHONPATH``), builds from it:

- the loop ``converter issue`` runs in its parent for the PDF in parts: ``part_job`` for every group of
  ``plan_parts``, then ``front_job`` and ``digits_job``; timed by ``time.process_time`` in a fresh process
  (``cold``: the first loop, with the lazy imports and locale data it loads) and then ``--repeat`` times in
  the same process (``warm``: best and median). The two trees alternate, ``--repeat`` rounds;
- the rebuild's share: a fresh process builds only the part that holds article 52 (the one ``bench/issue.py``
  edits), cold, as a rebuild's parent does;
- with ``--dump-to OUT``: every HTML either tree writes into ``OUT/base`` and ``OUT/new`` (every part with each
  link style, the front matter stamped and numbered, the digits page, the issue's HTML edition for screen and
  print, each article's HTML edition for screen and print), and the two compared file by file.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
#: The article ``bench/issue.py`` edits in its rebuild (the middle one of 100), 0-based.
EDITED = 51


def load(path: str) -> object:
    with open(path, "rb") as handle:
        return pickle.load(handle)


def child_compile(out: str) -> None:
    """Compile the corpus pages into an Issue and pickle it to ``out``."""
    sys.path.insert(0, str(REPO / "bench"))
    from issue import corpus_inputs

    from converter.issue.compile import compile_issue

    with tempfile.TemporaryDirectory() as tmp:
        inputs, _ = corpus_inputs(Path(tmp))
        issue = compile_issue([str(p) for p in inputs[:100]], title="Corpus")
    with open(out, "wb") as handle:
        pickle.dump(issue, handle)


def every_part(issue: object, options: object) -> list[str]:
    from converter.issue.pdf import digits_job, front_job, part_job, plan_parts

    html = [part_job(issue, options, group).html for group in plan_parts(issue)]  # type: ignore[arg-type]
    return [*html, front_job(issue, options, None).html, digits_job(issue, options).html]  # type: ignore[arg-type]


def child_time(pickled: str, repeat: str) -> None:
    """CPU seconds of the parts' loop: the first (cold) and ``repeat`` more in the same process."""
    from converter.options import RenderOptions

    issue, options = load(pickled), RenderOptions()
    start = time.process_time()
    every_part(issue, options)
    cold = time.process_time() - start
    warm = []
    for _ in range(int(repeat)):
        start = time.process_time()
        every_part(issue, options)
        warm.append(time.process_time() - start)
    print(json.dumps({"cold": cold, "warm": warm}))


def child_rebuild(pickled: str) -> None:
    """CPU seconds of the one part holding article ``EDITED``, in a fresh process (a rebuild's parent)."""
    from converter.issue.pdf import part_job, plan_parts
    from converter.options import RenderOptions

    issue = load(pickled)
    group = next(g for g in plan_parts(issue) if EDITED in g)  # type: ignore[arg-type]
    start = time.process_time()
    part_job(issue, RenderOptions(), group)  # type: ignore[arg-type]
    print(json.dumps({"rebuild": time.process_time() - start, "articles": len(group)}))


def child_dump(pickled: str, out: str) -> None:
    """Every HTML the tree writes for the issue and its articles, one file each, into ``out``."""
    from converter.issue.html import issue_page
    from converter.issue.pdf import front_job
    from converter.options import RenderOptions
    from converter.render.html import render_html

    issue = load(pickled)
    folder = Path(out)
    folder.mkdir(parents=True)
    for style in ("footnotes", "inline", "endnotes", "hidden"):
        for n, html in enumerate(every_part(issue, RenderOptions(links=style))):
            (folder / f"part-{style}-{n:02d}.html").write_text(html, "utf-8")
    pages = {f"a{n}": 3 + n for n in range(1, len(issue.articles) + 1)}  # type: ignore[attr-defined]
    (folder / "front-numbered.html").write_text(front_job(issue, RenderOptions(), pages).html, "utf-8")  # type: ignore[arg-type]
    for media in ("screen", "print"):
        (folder / f"issue-{media}.html").write_text(issue_page(issue, RenderOptions(), media), "utf-8")  # type: ignore[arg-type]
        for n, article in enumerate(issue.articles):  # type: ignore[attr-defined]
            (folder / f"article-{media}-{n:03d}.html").write_text(render_html(article, RenderOptions(), media), "utf-8")


def run_child(base: str | None, *args: str) -> dict[str, object]:
    env = dict(os.environ)
    if base:
        env["PYTHONPATH"] = base
    done = subprocess.run([PYTHON, __file__, *args], capture_output=True, text=True, env=env, check=False)
    if done.returncode:
        raise SystemExit(f"{' '.join(args[:1])} failed ({'base' if base else 'new'}): {done.stderr[-3000:]}")
    lines = done.stdout.strip().splitlines()
    return json.loads(lines[-1]) if lines else {}


def compare(base: Path, new: Path) -> tuple[int, list[str]]:
    names = sorted({p.name for p in base.iterdir()} | {p.name for p in new.iterdir()})
    differ = [n for n in names if not (base / n).exists() or not (new / n).exists()
              or (base / n).read_bytes() != (new / n).read_bytes()]
    return len(names), differ


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True, help="a snapshot of the package to compare with")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--dump-to", help="write every HTML of both trees here and compare them")
    args = parser.parse_args()
    base = str(Path(args.base).resolve())
    with tempfile.TemporaryDirectory() as tmp:
        pickled = str(Path(tmp) / "issue.pickle")
        run_child(None, "compile", pickled)
        if args.dump_to:
            out = Path(args.dump_to)
            run_child(base, "dump", pickled, str(out / "base"))
            run_child(None, "dump", pickled, str(out / "new"))
            total, differ = compare(out / "base", out / "new")
            print(f"HTML files compared: {total}; differing: {len(differ)} {differ[:10]}")
        rounds: dict[str, list[dict[str, object]]] = {"base": [], "new": []}
        load_before = os.getloadavg()[0]
        for _ in range(args.repeat):
            for name, tree in (("base", base), ("new", None)):
                figures = run_child(tree, "time", pickled, str(args.repeat))
                figures.update(run_child(tree, "rebuild", pickled))
                rounds[name].append(figures)
        print(f"load average {load_before:.2f} before, {os.getloadavg()[0]:.2f} after; {args.repeat} rounds, "
              "base and new alternating; CPU seconds (time.process_time)")
        for name, results in rounds.items():
            warm = [w for r in results for w in r["warm"]]  # type: ignore[attr-defined]
            cold = [float(r["cold"]) for r in results]  # type: ignore[arg-type]
            rebuild = [float(r["rebuild"]) for r in results]  # type: ignore[arg-type]
            print(f"{name:>4}: parts' loop warm best {min(warm):.3f} median {statistics.median(warm):.3f}; "
                  f"cold best {min(cold):.3f} median {statistics.median(cold):.3f}; "
                  f"edited part ({results[0]['articles']} articles) cold best {min(rebuild):.3f} "
                  f"median {statistics.median(rebuild):.3f}")


if __name__ == "__main__":
    commands = {"compile": child_compile, "time": child_time, "rebuild": child_rebuild, "dump": child_dump}
    if len(sys.argv) > 1 and sys.argv[1] in commands:
        commands[sys.argv[1]](*sys.argv[2:])
    else:
        main()
