"""Issue compilation on the corpus dev pages: wall and CPU time against one WeasyPrint document, peak
memory, a rebuild after a real edit, reproducibility, and the contents' numbers checked against the bookmarks.

    .venv/bin/python bench/issue.py [--sizes 25,50,100] [--jobs 2] [--repeat 3] [--tagged-yardstick]

Both sides are whole processes started by documented commands, so anyone can check the claim:

- ours: ``converter issue INPUTS -o issue.pdf --jobs N --no-cache -q``;
- the yardstick: ``converter issue INPUTS -o one.html --media print -q`` (not timed: it writes the issue's
  print HTML as one document, pictures and CSS inside), then ``python -m weasyprint one.html one.pdf``
  (with ``--tagged-yardstick``, ``weasyprint --pdf-tags``: a tagged PDF, the kind ours is by default;
  tagging costs WeasyPrint about a tenth more CPU on this issue).

Each is timed by wall clock and by CPU (user + system of the whole process tree: our workers and render
children included, from ``RUSAGE_CHILDREN``). The ratios are taken at the largest size from ``--repeat``
pairs run alternately; the median of the pairs is reported with each pair's and the load average before
and after, since the machines are shared and a neighbour's load moves one figure by 10-20 %. The rebuild
edits one article's body (a sentence added to its first paragraph) and checks that the PDF changed.

Inputs: each corpus page's ``page.html`` when the HTML extractor is installed, else ``innertext.txt``
with the text extractor, else (neither landed yet) ``innertext.txt`` turned into a small Markdown
article here (first line the title, each further line a paragraph) so the rendering side can still be
measured. Every configuration runs in its own process, so peak RSS is its own: the largest process of the
tree, ``RUSAGE_CHILDREN``'s ``ru_maxrss`` (Linux keeps the largest of every descendant that was waited for:
the parent, the pool's workers and each part's render child, which are all waited for; checked against
each process's ``VmHWM`` sampled from /proc during a run: the same figure, a render child's).
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
CONVERTER = [PYTHON, "-m", "converter"]


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
    """Run one configuration in its own process, so its peak RSS figures are its own."""
    out = subprocess.run([PYTHON, __file__, *args], capture_output=True, text=True, env=env, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def timed(command: list[str], env: dict[str, str] | None = None) -> dict[str, float]:
    """Wall and CPU seconds of ``command`` and every process it started, and the largest one's peak RSS (MB)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 3):  # 3: written without some inputs, reported
        raise SystemExit(f"{' '.join(command[:4])} ... failed: {done.stderr[-2000:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"seconds": seconds, "cpu": cpu, "rss": after.ru_maxrss / 1024}


def child_ours(output: str, jobs: str, cache: str, *inputs: str) -> None:
    """``converter issue`` as the user runs it, a whole process."""
    args = [*CONVERTER, "issue", *inputs, "-o", output, "--jobs", jobs, "-q", "--title", "Corpus"]
    args += ["--no-cache"] if cache == "-" else ["--cache", cache]
    print(json.dumps(timed(args, dict(os.environ))))


def child_single(output: str, tags: str, *inputs: str) -> None:
    """WeasyPrint alone on the issue's print HTML as one document, made by ``converter issue --media print``;
    tagged when ``tags`` is "tags"."""
    html = str(Path(output).with_suffix(".html"))
    subprocess.run([*CONVERTER, "issue", *inputs, "-o", html, "--media", "print", "--no-cache", "-q",
                    "--title", "Corpus"], check=False)
    flags = ["--pdf-tags"] if tags == "tags" else []
    print(json.dumps(timed([PYTHON, "-m", "weasyprint", "-q", *flags, html, output])))


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


def edit_body(path: Path) -> bytes:
    """The page with a sentence added before the first words of its article's first paragraph (as the
    converter extracts it), so the edit lands in the body, not in a menu or the page's head."""
    import converter

    sentence = b"The editor added this sentence to the article after it was first printed. "
    page = path.read_bytes()
    paragraphs = [p for p in converter.extract(path).body.split("\n\n") if len(p) > 80 and p[0].isalnum()]
    for paragraph in paragraphs:
        anchor = " ".join(paragraph.split()[:4]).encode("utf-8")
        if anchor in page:
            return page.replace(anchor, sentence + anchor, 1)
    return page.replace(b"<p>", b"<p>" + sentence, 1)


def edit_one(chosen: list[str], folder: Path) -> tuple[int, Path]:
    """The index of the article edited (the middle one, else the next whose edit reaches its extracted body:
    an extractor may drop a sentence it finds out of place) and the edited copy."""
    import converter

    folder.mkdir()
    for index in [*range(len(chosen) // 2, len(chosen)), *range(len(chosen) // 2)]:
        source = Path(chosen[index])
        copy = folder / f"{index}-{source.name}"
        copy.write_bytes(edit_body(source))
        try:
            if "The editor added this sentence" in converter.extract(copy).body:
                return index, copy
        except converter.ConverterError:
            pass
    raise SystemExit("no article's body took the edit")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="25,50,100")
    parser.add_argument("--jobs", default="2")
    parser.add_argument("--repeat", type=int, default=3, help="ours/single pairs for the speed ratio")
    parser.add_argument("--tagged-yardstick", action="store_true",
                        help="the one document tagged (weasyprint --pdf-tags), as our PDF is by default")
    args = parser.parse_args()
    tags = "tags" if args.tagged_yardstick else "-"
    if not CORPUS.exists():
        raise SystemExit(f"{CORPUS} is absent: the shared corpus must sit beside the project as ../shared")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        inputs, how = corpus_inputs(work)
        print(f"inputs: {how}; {len(inputs)} pages; jobs {args.jobs}; cpus {os.cpu_count()}; one document "
              f"{'tagged' if tags == 'tags' else 'untagged'}")
        sizes = [int(s) for s in args.sizes.split(",")]
        for n in sizes:
            chosen = [str(p) for p in inputs[:n]]
            ours = run_child("ours", str(work / f"ours{n}.pdf"), args.jobs, "-", *chosen)
            single = run_child("single", str(work / f"single{n}.pdf"), tags, *chosen)
            ok, total = contents_check(work / f"ours{n}.pdf")
            print(f"{n:>4} articles: ours {ours['seconds']:.1f} s wall / {ours['cpu']:.1f} s CPU, one document "
                  f"{single['seconds']:.1f} s / {single['cpu']:.1f} s; ratios wall "
                  f"{ours['seconds'] / single['seconds']:.2f}, CPU {ours['cpu'] / single['cpu']:.2f}; "
                  f"largest process ours {ours['rss']:.0f} MB, one document {single['rss']:.0f} MB "
                  f"(ratio {ours['rss'] / single['rss']:.2f}); "
                  f"contents right for {ok}/{total} articles")
        chosen = [str(p) for p in inputs[:sizes[-1]]]
        pairs = []
        load = os.getloadavg()[0]
        for _ in range(args.repeat):
            ours = run_child("ours", str(work / "speed.pdf"), args.jobs, "-", *chosen)
            single = run_child("single", str(work / "speed-single.pdf"), tags, *chosen)
            pairs.append((ours, single))
        wall = [o["seconds"] / s["seconds"] for o, s in pairs]
        cpu = [o["cpu"] / s["cpu"] for o, s in pairs]
        listed = ", ".join(f"{w:.2f}/{c:.2f}" for w, c in zip(wall, cpu, strict=True))
        print(f"at {len(chosen)} articles, {args.repeat} alternating pairs (load average {load:.2f} before, "
              f"{os.getloadavg()[0]:.2f} after): median wall ratio {statistics.median(wall):.2f}, median CPU "
              f"ratio {statistics.median(cpu):.2f}; pairs wall/CPU {listed}")
        cache = str(work / "cache")
        first = run_child("ours", str(work / "c1.pdf"), args.jobs, cache, *chosen)
        middle, edited_copy = edit_one(chosen, work / "edited")
        chosen[middle] = str(edited_copy)
        again = run_child("ours", str(work / "c2.pdf"), args.jobs, cache, *chosen)
        changed = digest(work / "c1.pdf") != digest(work / "c2.pdf")
        print(f"rebuild after editing article {middle + 1}'s body: {again['seconds']:.1f} s of "
              f"{first['seconds']:.1f} s, "
              f"ratio {again['seconds'] / first['seconds']:.2f} (CPU {again['cpu'] / first['cpu']:.2f}); "
              f"the PDF changed: {changed}")
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
