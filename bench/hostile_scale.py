"""Hostile inputs at scale: does every output stay bounded in time and memory? On demand, not in CI.

    python bench/hostile_scale.py [--out /tmp/hostile-scale] [--timeout 60] [--only SHAPE,...]
                                  [--to md,html,epub,pdf] [--list]

Builds each shape below (sizes as the hostile-input brief names them, most under ``max_input_bytes``),
runs ``converter convert SHAPE -o out.FORMAT`` (a feed: ``--out-dir``; the issue shape: ``converter issue``
of 500 tiny articles) for each output as a child process with a wall-clock timeout (its process group is
killed past it), and prints one row per run:
CPU seconds (user + system of the child and its children, ``os.wait4``), wall seconds, peak RSS
(the largest process of the tree, MB) and the outcome: ``ok`` (exit 0), ``refused`` (exit 1 or 2 with one
line on stderr: the line is shown), ``TIMEOUT``, or ``CRASH`` (any other exit, or a traceback). The machine
is shared, so the load average is printed with the table.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MB = 1024 * 1024
PNG_1PX = ("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")


def _page(body: str, title: str = "Hostile") -> str:
    return (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
            f"{body}</article></body></html>")


def line_20mb() -> tuple[str, str]:
    return "txt", "Title\n\n" + "word " * (19 * MB // 5)


def long_lines() -> tuple[str, str]:
    line = "A long line of prose that goes on and on, " * 8
    return "txt", "Title\n\n" + "\n".join(f"{i} {line}" for i in range(49_000))


def md_list_100k() -> tuple[str, str]:
    return "md", "# List\n\n" + "".join(f"- item {i}\n" for i in range(100_000))


def md_list_45k() -> tuple[str, str]:
    return "md", "# List\n\n" + "".join(f"- item {i}\n" for i in range(45_000))


def md_quotes_10k() -> tuple[str, str]:
    return "md", "# Quotes\n\n" + ">" * 10_000 + " deep\n"


def md_nested_list() -> tuple[str, str]:
    return "md", "# Nested\n\n" + "".join("  " * i + f"- level {i}\n" for i in range(3_000))


def md_footnotes_10k() -> tuple[str, str]:
    refs = "".join(f"Claim {i}.[^{i}] " for i in range(10_000))
    notes = "".join(f"[^{i}]: Note {i}.\n" for i in range(10_000))
    return "md", f"# Notes\n\n{refs}\n\n{notes}"


def md_table_5mb() -> tuple[str, str]:
    row = "| " + " | ".join(f"cell {c}" for c in range(12)) + " |\n"
    rows = row * (5 * MB // len(row))
    return "md", "# Table\n\n" + row + "|" + "---|" * 12 + "\n" + rows


def html_nest_100k() -> tuple[str, str]:
    return "html", _page("<div>" * 100_000 + "deep text" + "</div>" * 100_000)


def html_nest_90k() -> tuple[str, str]:
    return "html", _page("<div>" * 90_000 + "deep text" + "</div>" * 90_000)


def html_tables_100k() -> tuple[str, str]:
    return "html", _page("<table><tr><td>cell</td></tr></table>" * 100_000)


def html_tables_20k() -> tuple[str, str]:
    return "html", _page("".join(f"<table><tr><td>cell {i}</td></tr></table>" for i in range(20_000)))


def html_attrs_1m() -> tuple[str, str]:
    return "html", _page("<p " + " ".join(f"a{i}=1" for i in range(1_000_000)) + ">Text.</p>")


def html_huge_title() -> tuple[str, str]:
    return "html", _page("<p>A short body.</p>", title="Title " * MB)


def html_img_100k() -> tuple[str, str]:
    return "html", _page(f'<p>Pictures.</p><img src="data:image/png;base64,{PNG_1PX}">' * 100_000)


def html_img_20k() -> tuple[str, str]:
    return "html", _page("<p>Pictures.</p>" + f'<img src="data:image/png;base64,{PNG_1PX}" alt="dot">' * 20_000)


def html_headings_50k() -> tuple[str, str]:
    return "html", _page("".join(f"<h2>Heading {i}</h2>Text of part {i}." for i in range(50_000)))


def html_tinyp_1m5() -> tuple[str, str]:
    return "html", _page("<p>a.</p>" * 1_500_000, "Tiny")


def html_links_100k() -> tuple[str, str]:
    return "html", _page("<p>" + " ".join(f'<a href="http://e.com/{i}">l{i}</a>' for i in range(100_000)) + "</p>")


def html_links_50k() -> tuple[str, str]:
    return "html", _page("<p>" + " ".join(f'<a href="http://e.com/{i}">l{i}</a>' for i in range(50_000)) + "</p>")


def html_paragraphs_90k() -> tuple[str, str]:
    return "html", _page("".join(f"<p>Sentence {i} is short.</p>" for i in range(90_000)))


def feed_huge() -> tuple[str, str]:
    body = "<p>" + "Words of a feed entry. " * 60_000 + "</p>"
    items = "".join(f"<item><title>Entry {i}</title><description><![CDATA[{body}]]></description></item>"
                    for i in range(10))
    return "xml", f'<?xml version="1.0"?><rss version="2.0"><channel><title>Feed</title>{items}</channel></rss>'


def book_300() -> tuple[str, str]:
    """Not hostile: a book-length text (32 chapters of 30 paragraphs, about 300 A4 pages) that every
    output, the PDF included, must convert (``converter.render.pdf_estimate`` must not refuse it)."""
    import random

    rng = random.Random(300)
    words = ("the", "harbour", "ferry", "crossed", "river", "morning", "council", "library", "bridge", "quay",
             "tide", "season", "workers", "road", "market", "evening", "station", "window", "letter", "garden",
             "winter", "summer", "north", "south", "old", "new", "long", "short", "small", "great", "early",
             "late", "under", "over", "between", "after", "before", "while", "because", "although", "again",
             "always", "never", "often", "town", "city", "people", "family", "house", "school", "street",
             "water", "light", "stone", "wood", "iron", "boat", "sail")

    def paragraph() -> str:
        sentences = (" ".join(rng.choice(words) for _ in range(rng.randint(8, 20))).capitalize() + "."
                     for _ in range(rng.randint(6, 9)))
        return " ".join(sentences)

    chapters = (f"## Chapter {c}\n\n" + "\n\n".join(paragraph() for _ in range(30)) for c in range(1, 33))
    return "md", "# A Long Book\n\n" + "\n\n".join(chapters) + "\n"


#: Shape name -> builder of (extension, content).
SHAPES: dict[str, Callable[[], tuple[str, str]]] = {f.__name__: f for f in (
    line_20mb, long_lines, md_list_100k, md_list_45k, md_quotes_10k, md_nested_list, md_footnotes_10k,
    md_table_5mb, html_nest_100k, html_nest_90k, html_tables_100k, html_tables_20k, html_attrs_1m,
    html_huge_title, html_img_100k, html_img_20k, html_headings_50k, html_tinyp_1m5, html_links_100k,
    html_links_50k, html_paragraphs_90k, feed_huge, book_300)}
ISSUE = "issue_500"


def _issue_inputs(folder: Path) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(500):
        (folder / f"a{i:03d}.txt").write_text(f"Article {i}\n\nA short paragraph of article {i}.\n")
    return sorted(str(p) for p in folder.iterdir())


def run(cmd: list[str], timeout: float) -> tuple[float, float, float, int | None, str]:
    """(CPU s, wall s, peak RSS MB, exit code or None on timeout, last stderr line)."""
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
                            cwd=REPO)
    timed_out = threading.Event()

    def kill() -> None:
        timed_out.set()
        os.killpg(proc.pid, signal.SIGKILL)

    timer = threading.Timer(timeout, kill)
    timer.start()
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    _, status, usage = os.wait4(proc.pid, 0)
    timer.cancel()
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.monotonic() - start
    lines = [line for line in err.splitlines() if line.strip()]
    last = "TRACEBACK " + lines[-1] if "Traceback" in err else (lines[-1] if lines else "")
    return (usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss / 1024,
            None if timed_out.is_set() else proc.returncode, last)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=Path("/tmp/hostile-scale"))
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--only", default="")
    parser.add_argument("--to", default="md,html,epub,pdf")
    parser.add_argument("--list", action="store_true")
    args = parser.parse_args()
    names = [*SHAPES, ISSUE]
    if args.list:
        print("\n".join(names))
        return
    chosen = args.only.split(",") if args.only else names
    args.out.mkdir(parents=True, exist_ok=True)
    print(f"load average {os.getloadavg()[0]:.1f}; timeout {args.timeout:.0f} s")
    print("| shape | out | input MB | CPU s | wall s | peak MB | outcome |")
    print("|---|---|---|---|---|---|---|")
    for name in chosen:
        if name == ISSUE:
            inputs, size = _issue_inputs(args.out / ISSUE), 0.0
        else:
            ext, content = SHAPES[name]()
            path = args.out / f"{name}.{ext}"
            path.write_text(content, encoding="utf-8")
            inputs, size = [str(path)], path.stat().st_size / MB
        for fmt in args.to.split(","):
            target = args.out / f"{name}.out.{fmt}"
            if target.is_dir():
                shutil.rmtree(target)
            cli = [sys.executable, "-m", "converter"]
            if name == ISSUE:
                cmd = [*cli, "issue", *inputs, "-o", str(target), "--no-cache"]
            elif inputs[0].endswith(".xml"):  # a feed: one output per entry
                cmd = [*cli, "convert", *inputs, "--out-dir", str(target), "--to", fmt]
            else:
                cmd = [*cli, "convert", *inputs, "-o", str(target)]
            cpu, wall, peak, code, last = run(cmd, args.timeout)
            outcome = ("TIMEOUT" if code is None else "ok" if code == 0
                       else f"refused ({code}): {last[:140]}" if code in (1, 2) and "TRACEBACK" not in last
                       else f"CRASH ({code}): {last[:140]}")
            print(f"| {name} | {fmt} | {size:.1f} | {cpu:.1f} | {wall:.1f} | {peak:.0f} | {outcome} |", flush=True)
    print(f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
