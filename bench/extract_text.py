"""Body F1 of plain-text extraction on the corpus dev pages, for both text renderings, and its speed.

    python bench/extract_text.py [--corpus ../shared/corpus] [--per-page] [--worst 12]

For each zyte page, ``innertext.txt`` (a browser copy) and ``dump.txt`` (a scraper dump) go through
``extract_text``; each prediction (``# title`` then the body) is written as ``<id>.md`` to a temporary
folder and scored by the corpus's own ``score.py``. A keep-everything baseline (the input itself) is
written and scored in the same run. The corpus is never copied into the project.
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from converter.extract.text import extract_text  # noqa: E402

KINDS = ("innertext", "dump")


@dataclass(frozen=True)
class Run:
    """One rendering's predictions written to disk, and the time each extraction took."""

    kind: str
    ours: Path
    keep_all: Path
    seconds: tuple[float, ...]


def load_scorer(corpus: Path) -> ModuleType:
    """The corpus's ``score.py`` as a module."""
    spec = importlib.util.spec_from_file_location("corpus_score", corpus / "score.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def predict(corpus: Path, kind: str, out: Path) -> Run:
    """Extract every page of one rendering; write ours and keep-all as ``<id>.md``."""
    ours, keep_all = out / kind / "ours", out / kind / "keep-all"
    ours.mkdir(parents=True)
    keep_all.mkdir(parents=True)
    seconds = []
    for page in sorted(p for p in (corpus / "zyte").iterdir() if (p / f"{kind}.txt").exists()):
        text = (page / f"{kind}.txt").read_text("utf-8")
        start = time.perf_counter()
        result = extract_text(text)
        seconds.append(time.perf_counter() - start)
        markdown = f"# {result.metadata.get('title', '')}\n\n{result.body}\n"
        (ours / f"{page.name}.md").write_text(markdown, "utf-8")
        (keep_all / f"{page.name}.txt").write_text(text, "utf-8")
    return Run(kind, ours, keep_all, tuple(seconds))


def score(scorer: ModuleType, corpus: Path, kind: str, predictions: Path) -> tuple[dict, list]:
    """Aggregate figures and per-page ``(tp, fp, fn, id)`` of a folder of predictions."""
    counts = []
    for page in sorted(p for p in (corpus / "zyte").iterdir() if (p / f"{kind}.txt").exists()):
        pred, _ = scorer.read_prediction(predictions, page.name)
        counts.append((*scorer.page_counts((page / "truth.txt").read_text("utf-8"), pred), page.name))
    return scorer.aggregate([c[:3] for c in counts]), counts


def report(scorer: ModuleType, corpus: Path, run: Run, worst: int) -> None:
    """Print one rendering's figures (and its worst pages when ``worst`` > 0)."""
    ours, pages = score(scorer, corpus, run.kind, run.ours)
    base, _ = score(scorer, corpus, run.kind, run.keep_all)
    ms = [s * 1000 for s in run.seconds]
    print(f"{run.kind:<9} ours: F1 {ours['f1']:.3f}  P {ours['precision']:.3f}  R {ours['recall']:.3f}   "
          f"keep-all: F1 {base['f1']:.3f}  P {base['precision']:.3f}  R {base['recall']:.3f}   "
          f"{statistics.median(ms):.1f} ms/article median, {statistics.mean(ms):.1f} mean, {len(ms)} pages")
    for tp, fp, fn, name in sorted(pages, key=lambda c: c[0] / (c[0] + (c[1] + c[2]) / 2 or 1))[:worst]:
        p, r = scorer.page_precision(tp, fp, fn), scorer.page_recall(tp, fp, fn)
        print(f"    P {p:.2f}  R {r:.2f}  {name}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    parser.add_argument("--per-page", action="store_true", help="list the worst pages of each rendering")
    parser.add_argument("--worst", type=int, default=12, help="how many pages --per-page lists")
    args = parser.parse_args()
    if not (args.corpus / "score.py").exists():
        print(f"skipped: {args.corpus} is absent; the shared corpus must sit beside the project as "
              f"../shared/corpus (or pass --corpus)")
        return 0
    scorer = load_scorer(args.corpus)
    with tempfile.TemporaryDirectory(prefix="extract-text-") as tmp:
        worst = args.worst if args.per_page else 0
        for kind in KINDS:
            report(scorer, args.corpus, predict(args.corpus, kind, Path(tmp)), worst)
    return 0


if __name__ == "__main__":
    sys.exit(main())
