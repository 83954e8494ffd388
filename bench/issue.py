"""Issue compilation on the corpus dev pages: speed against one WeasyPrint document, peak memory,
cached rebuild, reproducibility, and the contents' page numbers checked against the bookmarks.

    .venv/bin/python bench/issue.py [--sizes 25,50,100] [--jobs 2] [--repeat 3]

The speed ratio is taken at the largest size from ``--repeat`` pairs run alternately (ours, then the
single document), and the median of the pairs' ratios is reported with each pair's: the machines are
shared, and a neighbour's load in one run moves one figure by 10-20 %.

Inputs: each corpus page's ``page.html`` when the HTML extractor is installed, else ``innertext.txt``
with the text extractor, else (neither landed yet) ``innertext.txt`` turned into a small Markdown
article here (first line the title, each further line a paragraph) so the rendering side can still be
measured. Every configuration runs in its own process, so peak RSS is its own: ``ru_maxrss`` of the
process (parent) and of its largest child (a worker), both reported.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus"
PYTHON = sys.executable


def corpus_inputs(folder: Path) -> tuple[list[Path], str]:
    """The dev pages as inputs for ``converter issue``, and how they are read."""
    pages = sorted(p for group in ("zyte", "readability") for p in (CORPUS / group).iterdir() if p.is_dir())
    if importlib.util.find_spec("converter.extract.html"):
        return [p / "page.html" for p in pages], "page.html (HTML extractor)"
    if importlib.util.find_spec("converter.extract.text"):
        return [p / "innertext.txt" for p in pages], "innertext.txt (text extractor)"
    inputs = []
    for n, page in enumerate(pages, 1):
        lines = [line.strip() for line in (page / "innertext.txt").read_text("utf-8").splitlines() if line.strip()]
        target = folder / f"{n:03d}-{page.name}.md"
        lines = lines or [page.name]
        title = re.sub(r"[#*_`\[\]<>]", "", lines[0])[:120] or page.name
        target.write_text(f"# {title}\n\n" + "\n\n".join(re.sub(r"^[#>*+-]+\s*", "", x) for x in lines[1:]) + "\n")
        inputs.append(target)
    return inputs, "innertext.txt as Markdown (no extractor landed yet)"


def run_child(*args: str, env: dict[str, str] | None = None) -> dict[str, float]:
    out = subprocess.run([PYTHON, __file__, *args], capture_output=True, text=True, env=env, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def peak() -> dict[str, float]:
    """Peak RSS in MB of this process and of its largest finished child."""
    return {"rss_self": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "rss_child": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}


def child_ours(output: str, jobs: str, cache: str, *inputs: str) -> None:
    """``converter issue`` as the user runs it, timed from start to the written file."""
    from click.testing import CliRunner

    from converter.cli import main

    args = ["issue", *inputs, "-o", output, "--jobs", jobs, "-q", "--title", "Corpus"]
    args += ["--no-cache"] if cache == "-" else ["--cache", cache]
    start = time.perf_counter()
    result = CliRunner().invoke(main, args)
    seconds = time.perf_counter() - start
    if result.exit_code not in (0, 3):
        raise SystemExit(result.output)
    print(json.dumps({"seconds": seconds, **peak()}))


def child_single(output: str, *inputs: str) -> None:
    """WeasyPrint alone on the same issue as one HTML document (extraction not timed)."""
    import weasyprint

    from converter.issue import compile_issue
    from converter.issue.html import issue_page
    from converter.options import RenderOptions

    html = issue_page(compile_issue(inputs, title="Corpus"), RenderOptions(), "print")
    start = time.perf_counter()
    Path(output).write_bytes(weasyprint.HTML(string=html, base_url="about:blank").write_pdf())
    print(json.dumps({"seconds": time.perf_counter() - start, **peak()}))


def contents_check(pdf: Path) -> tuple[int, int]:
    """(articles whose contents number is the page of their bookmark, articles)."""
    from pypdf import PdfReader

    reader = PdfReader(str(pdf))
    articles = [item for item in reader.outline[1] if not isinstance(item, list)]
    starts = [reader.get_destination_page_number(item) + 1 for item in articles]
    first = min(starts)
    text = "\n".join(subprocess.run(["pdftotext", "-layout", "-f", "2", "-l", str(first - 1), str(pdf), "-"],
                                    capture_output=True, text=True, check=True).stdout.splitlines())
    # a contents line: dots (or a title filling its line) before the number; not the footer's lone number
    printed = [int(n) for n in re.findall(r"^[ \t]*\S.*(?:\.|[ \t]{3})[ \t]*(\d+)[ \t]*$", text, re.M)]
    return sum(a == b for a, b in zip(printed, starts, strict=False)), len(starts)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="25,50,100")
    parser.add_argument("--jobs", default="2")
    parser.add_argument("--repeat", type=int, default=3, help="ours/single pairs for the speed ratio")
    args = parser.parse_args()
    if not CORPUS.exists():
        raise SystemExit(f"{CORPUS} is absent: the shared corpus must sit beside the project as ../shared")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        inputs, how = corpus_inputs(work)
        print(f"inputs: {how}; {len(inputs)} pages; jobs {args.jobs}; cpus {os.cpu_count()}")
        sizes = [int(s) for s in args.sizes.split(",")]
        for n in sizes:
            chosen = [str(p) for p in inputs[:n]]
            ours = run_child("ours", str(work / f"ours{n}.pdf"), args.jobs, "-", *chosen)
            single = run_child("single", str(work / f"single{n}.pdf"), *chosen)
            ok, total = contents_check(work / f"ours{n}.pdf")
            print(f"{n:>4} articles: ours {ours['seconds']:.1f} s, single document {single['seconds']:.1f} s, "
                  f"ratio {ours['seconds'] / single['seconds']:.2f}; peak RSS ours {ours['rss_self']:.0f} MB parent "
                  f"+ {ours['rss_child']:.0f} MB largest worker, single {single['rss_self']:.0f} MB; "
                  f"contents right for {ok}/{total} articles")
        chosen = [str(p) for p in inputs[:sizes[-1]]]
        ratios = []
        for _ in range(args.repeat):
            ours = run_child("ours", str(work / "speed.pdf"), args.jobs, "-", *chosen)
            single = run_child("single", str(work / "speed-single.pdf"), *chosen)
            ratios.append((ours["seconds"] / single["seconds"], ours["seconds"], single["seconds"]))
        pairs = ", ".join(f"{r:.2f} ({o:.1f}/{s:.1f} s)" for r, o, s in ratios)
        print(f"speed at {len(chosen)} articles, {args.repeat} alternating pairs: median ratio "
              f"{statistics.median(r for r, _, _ in ratios):.2f}; pairs {pairs}")
        cache = str(work / "cache")
        first = run_child("ours", str(work / "c1.pdf"), args.jobs, cache, *chosen)
        edited = Path(chosen[len(chosen) // 2])
        edited_copy = work / ("edited" + edited.suffix)
        edited_copy.write_bytes(edited.read_bytes().replace(b"\n", b"\n\nAn added line.\n", 1))
        chosen[len(chosen) // 2] = str(edited_copy)
        again = run_child("ours", str(work / "c2.pdf"), args.jobs, cache, *chosen)
        print(f"rebuild after editing one article: {again['seconds']:.1f} s of {first['seconds']:.1f} s, "
              f"ratio {again['seconds'] / first['seconds']:.2f}")
        env = {**os.environ, "SOURCE_DATE_EPOCH": "1714953600"}
        for name in ("r1.pdf", "r2.pdf", "r1.epub", "r2.epub"):
            run_child("ours", str(work / name), args.jobs, "-", *chosen[:25], env=env)
        same = [digest(work / f"r1.{x}") == digest(work / f"r2.{x}") for x in ("pdf", "epub")]
        print(f"reproducible under SOURCE_DATE_EPOCH: pdf {same[0]}, epub {same[1]}")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] in ("ours", "single"):
        {"ours": child_ours, "single": child_single}[sys.argv[1]](*sys.argv[2:])
    else:
        main()
