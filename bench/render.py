"""Time of our whole text-to-PDF path over WeasyPrint's own time on our final HTML, in one process.

    .venv/bin/python bench/render.py [--input PATH] [--runs N]

The input defaults to the seed article in ../shared (or the bundled example when that is absent).
Both paths are warmed up first (imports, font loading), then run alternately ``--runs`` times; the
figure is the ratio of the medians, so machine noise hits both sides alike.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEED = REPO.parent / "shared" / "seeds" / "000_6891f99af320f9d1.txt"
EXAMPLE = REPO / "examples" / "harbour-ferry.txt"


def ours(path: Path) -> bytes:
    """Load, extract, build the Article, render HTML and PDF: what ``converter convert -o x.pdf`` does."""
    import converter

    return converter.render(converter.extract(path), "pdf")


def weasyprint_alone(html: str) -> bytes:
    """WeasyPrint's own rendering of the same final HTML, with its default URL fetcher."""
    import weasyprint

    return weasyprint.HTML(string=html, base_url="about:blank").write_pdf()


def final_html(path: Path) -> str:
    import converter
    from converter.render.html import render_html

    return render_html(converter.extract(path), media="print")


def measure(path: Path, runs: int) -> tuple[float, float]:
    html = final_html(path)
    ours(path), weasyprint_alone(html)  # warm-up: imports, fonts, caches
    ours_times, alone_times = [], []
    for _ in range(runs):
        start = time.perf_counter()
        ours(path)
        ours_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        weasyprint_alone(html)
        alone_times.append(time.perf_counter() - start)
    return statistics.median(ours_times), statistics.median(alone_times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--input", type=Path, default=SEED if SEED.exists() else EXAMPLE)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    ours_s, alone_s = measure(args.input, args.runs)
    print(f"input: {args.input.name}  runs: {args.runs}")
    print(f"ours (text -> PDF): {ours_s * 1000:.0f} ms median")
    print(f"WeasyPrint alone on the same HTML: {alone_s * 1000:.0f} ms median")
    print(f"ratio: {ours_s / alone_s:.3f} (target <= 1.15)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
