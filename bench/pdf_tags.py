"""What tagging costs: the time and size of a tagged PDF (the default) over an untagged one, and of PDF/UA-1,
for one article and for an issue, in one process.

    .venv/bin/python bench/pdf_tags.py [--input PATH] [--runs N]

The input defaults to the seed article in ../shared (or the bundled example when that is absent); the
issue is the golden test issue (tests/cases/issue-basic, five articles, rendered in parts, no cache).
Each variant is warmed up, then the variants run in turn ``--runs`` times; the figures are ratios of
medians against the untagged render of the same run.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEED = REPO.parent / "shared" / "seeds" / "000_6891f99af320f9d1.txt"
EXAMPLE = REPO / "examples" / "harbour-ferry.txt"
ISSUE = REPO / "tests" / "cases" / "issue-basic" / "issue.toml"

VARIANTS = {"untagged": {"pdf_tags": False}, "tagged": {}, "pdf/ua-1": {"pdf_variant": "pdf/ua-1"}}


def main() -> int:
    import converter
    from converter.issue import compile_issue, render_issue

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--input", type=Path, default=SEED if SEED.exists() else EXAMPLE)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    article = converter.extract(args.input)
    issue = compile_issue(manifest=ISSUE)
    subjects: dict[str, Callable[[converter.RenderOptions], bytes]] = {
        "article": lambda options: converter.render(article, "pdf", options=options),
        "issue": lambda options: render_issue(issue, "pdf", options=options),
    }
    for name, make in subjects.items():
        options = {v: converter.RenderOptions(**kw) for v, kw in VARIANTS.items()}  # type: ignore[arg-type]
        sizes = {v: len(make(o)) for v, o in options.items()}  # warm-up
        times: dict[str, list[float]] = {v: [] for v in VARIANTS}
        for _ in range(args.runs):
            for variant, option in options.items():
                start = time.perf_counter()
                make(option)
                times[variant].append(time.perf_counter() - start)
        base = statistics.median(times["untagged"])
        for variant in VARIANTS:
            median = statistics.median(times[variant])
            print(f"{name:8} {variant:9} {median:6.3f} s  x{median / base:4.2f}  {sizes[variant]:>8,} bytes "
                  f"x{sizes[variant] / sizes['untagged']:4.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
