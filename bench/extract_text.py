"""Body F1 of plain-text extraction on the corpus dev pages, for both text renderings, and its speed.

    .venv/bin/python bench/extract_text.py [--corpus ../shared/corpus] [--per-page]

For each zyte page, ``innertext.txt`` (a browser copy) and ``dump.txt`` (a scraper dump) go through
``extract_text``; the predictions (``# title`` then the body) are scored by the corpus's own
``score.py``. A keep-everything baseline is scored in the same run.
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
KINDS = ("innertext", "dump")


def load_scorer(corpus: Path):
    spec = importlib.util.spec_from_file_location("corpus_score", corpus / "score.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def run(corpus: Path, kind: str, per_page: bool) -> None:
    from converter.text_extract import extract_text

    scorer = load_scorer(corpus)
    pages = sorted(p for p in (corpus / "zyte").iterdir() if (p / f"{kind}.txt").exists())
    pairs, keep_all, times, rows = [], [], [], []
    for page in pages:
        text = (page / f"{kind}.txt").read_text("utf-8")
        start = time.perf_counter()
        result = extract_text(text)
        times.append(time.perf_counter() - start)
        md = f"# {result.metadata.get('title', '')}\n\n{result.body}\n"
        truth = (page / "truth.txt").read_text("utf-8")
        pred = scorer.md_to_text(md)
        pairs.append((truth, pred))
        keep_all.append((truth, text))
        rows.append((scorer.page_counts(truth, pred), page.name))
    ours, base = scorer.score_pairs(pairs)[0], scorer.score_pairs(keep_all)[0]
    print(f"{kind:<9} ours: F1 {ours['f1']:.3f}  P {ours['precision']:.3f}  R {ours['recall']:.3f}   "
          f"keep-all: F1 {base['f1']:.3f}   {statistics.median(times) * 1000:.1f} ms/article median, "
          f"{statistics.mean(times) * 1000:.1f} mean, {len(pages)} pages")
    if per_page:
        for counts, name in sorted(rows, key=lambda r: r[0][0])[:12]:
            p, r = scorer.page_precision(*counts), scorer.page_recall(*counts)
            print(f"    P {p:.2f} R {r:.2f}  {name}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    parser.add_argument("--per-page", action="store_true", help="list the worst pages")
    args = parser.parse_args()
    if not (args.corpus / "score.py").exists():
        print(f"{args.corpus} is absent: the shared corpus must sit beside the project as ../shared/corpus")
        return 0
    with tempfile.TemporaryDirectory():
        for kind in KINDS:
            run(args.corpus, kind, args.per_page)
    return 0


if __name__ == "__main__":
    sys.exit(main())
