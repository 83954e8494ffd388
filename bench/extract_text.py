"""Cross-validated body F1 of plain-text extraction, per corpus and rendering, beside three peers.

    python bench/extract_text.py [--corpus ../shared/corpus] [--folds 5] [--shipped] [--per-page] [--speed N]

Every dev page of zyte, readability, dragnet and l3s, in both text renderings (``innertext.txt``, a
browser copy; ``dump.txt``, a scraper dump), goes through ``extract_text``. The learned line model is
refitted for each of ``--folds`` folds grouped by site (``bench/corpus_cv.py``): the pages of one fold
are extracted with a model trained on the other folds only, so no page is scored by a model that saw its
site. ``--shipped`` scores the model shipped in the package instead (trained on every page: not a
cross-validated figure, for comparison only). The peers (trafilatura, readability-lxml, jusText; the
``bench`` extra) get each line as a ``<p>`` of an HTML page, and a keep-everything baseline is scored in
the same run; ``--speed N`` times ours and each peer on the same N pages of each rendering (median CPU
milliseconds per article). Figures are score.py's (pooled over the out-of-fold predictions), with the
lowest and highest fold. Predictions are written as ``# title`` then the body, as score.py expects.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

import corpus_cv as cv  # noqa: E402

from converter.extract.text import extract_text  # noqa: E402

KINDS = ("innertext", "dump")


def ours_out_of_fold(pages: list[cv.Page], fold_of: dict[str, int], kind: str, folds: int, shipped: bool,
                     rules: bool = False) -> tuple[dict[str, str], dict[str, dict], list[float]]:
    """Our Markdown for every page of one rendering, each from a model that never saw its fold."""
    from converter.extract.text import model as line_model

    out, found, seconds = {}, {}, []
    for fold in range(folds):
        scored = [p for p in pages if fold_of[p.key] == fold]
        if not scored:
            continue
        fitted = None if shipped or rules else fit_without(pages, fold_of, fold)
        skip = frozenset({"line_model", "span_model"}) if rules else frozenset()
        for page in scored:
            text = page.source(kind)
            start = time.perf_counter()
            with line_model.using(fitted):
                result = extract_text(text, skip=skip)
            seconds.append(time.perf_counter() - start)
            out[page.key] = f"# {result.metadata.get('title', '')}\n\n{result.body}\n"
            found[page.key] = dict(result.metadata)
    return out, found, seconds


def speed(pages: list[cv.Page], kind: str, sample: int, peers: bool) -> None:
    """Median time per article of ours (shipped model) and of each peer on the same ``sample`` pages.

    CPU time of this process (``time.process_time``), which a busy machine inflates less than wall time
    (also printed for ours). Every page is run once untimed first, so imports and caches are warm.
    """
    step = max(1, len(pages) // sample)
    texts = [p.source(kind) for p in pages[::step][:sample]]
    runners: dict[str, Callable[[str], object]] = {"ours": extract_text}
    if peers:
        runners |= {name: (lambda text, run=run: run(cv.lines_as_html(text))) for name, run in cv.PEERS.items()}
    cells = []
    for name, run in runners.items():
        cpu, wall = [], []
        for text in texts:
            try:
                run(text)  # warm
                w, c = time.perf_counter(), time.process_time()
                run(text)
                cpu.append(time.process_time() - c)
                wall.append(time.perf_counter() - w)
            except Exception:
                continue  # a peer that fails on a page is left out of its timing
        extra = f" (wall {statistics.median(wall) * 1000:.1f})" if name == "ours" and wall else ""
        cells.append(f"{name} {statistics.median(cpu) * 1000:.1f}{extra}" if cpu else f"{name} -")
    print(f" speed, ms CPU per article, median of {len(texts)} pages: " + ", ".join(cells)
          + f"; load average {os.getloadavg()[0]:.1f}")


def fit_without(pages: list[cv.Page], fold_of: dict[str, int], fold: int) -> dict:
    """The line model trained on every page outside ``fold`` (both text renderings)."""
    import train_extractor

    return train_extractor.fit([p for p in pages if fold_of[p.key] != fold])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    parser.add_argument("--folds", type=int, default=cv.FOLDS)
    parser.add_argument("--shipped", action="store_true", help="score the shipped model (not cross-validated)")
    parser.add_argument("--rules", action="store_true",
                        help="the rules alone, no line or span model (nothing fitted)")
    parser.add_argument("--no-peers", action="store_true", help="leave the peers out")
    parser.add_argument("--per-page", action="store_true", help="list the worst pages of each corpus")
    parser.add_argument("--worst", type=int, default=8)
    parser.add_argument("--speed", type=int, default=60, metavar="N",
                        help="time ours and the peers on N pages of each rendering (0: no timing)")
    args = parser.parse_args()
    if not (args.corpus / "score.py").exists():
        print(f"skipped: {args.corpus} is absent; the shared corpus must sit beside the project as "
              f"../shared/corpus (or pass --corpus)")
        return 0
    scorer = cv.load_scorer(args.corpus)
    meta_scorer = cv.load_meta_scorer(args.corpus)
    pages = cv.load_pages(args.corpus)
    fold_of = cv.assign_folds(pages, args.folds)
    how = ("rules alone (nothing fitted: its score per fold is its cross-validated score)" if args.rules
           else "shipped model (NOT cross-validated)" if args.shipped else "line model refitted per fold")
    print(f"{len(pages)} pages, {len({p.site for p in pages})} sites, {args.folds} folds grouped by site; "
          f"ours: {how}")
    for kind in KINDS:
        have = [p for p in pages if (p.folder / cv.SOURCE[kind]).exists()]
        ours, found, seconds = ours_out_of_fold(have, fold_of, kind, args.folds, args.shipped, args.rules)
        ms = [s * 1000 for s in seconds]
        print(f"\n{kind}: ours {statistics.median(ms):.1f} ms/article median, {statistics.mean(ms):.1f} mean "
              f"(wall, during the cross-validated run)")
        if args.speed:
            speed(have, kind, args.speed, not args.no_peers)
        for corpus in cv.CORPORA:
            part = [p for p in have if p.corpus == corpus and p.has_truth]
            if not part:
                continue
            print(f" {corpus} ({len(part)} pages)")
            rows = [(p, ours[p.key]) for p in part]
            print(cv.format_row("ours", cv.score_table(scorer, rows), cv.fold_spread(scorer, rows, fold_of)))
            if not args.no_peers:
                for name in cv.PEERS:
                    peer = [(p, "# t\n\n" + cv.peer_prediction(name, p, kind)) for p in part]
                    print(cv.format_row(name, cv.score_table(scorer, peer)))
            keep = [(p, "# t\n\n" + p.source(kind)) for p in part]
            print(cv.format_row("keep everything", cv.score_table(scorer, keep)))
            if args.per_page:
                worst_pages(scorer, rows, args.worst)
        print(f" {kind} metadata (accuracy; pages with that field in the truth):")
        cv.meta_report(meta_scorer, found, [p for p in have if (p.folder / "meta.json").exists()], "ours", fold_of)
    return 0


def worst_pages(scorer, rows: list[tuple[cv.Page, str]], worst: int) -> None:
    scored = []
    for page, pred in rows:
        tp, fp, fn = scorer.page_counts(page.truth(), scorer.md_to_text(pred))
        scored.append((tp / (tp + (fp + fn) / 2 or 1), scorer.page_precision(tp, fp, fn),
                       scorer.page_recall(tp, fp, fn), page.key))
    for _, p, r, key in sorted(scored)[:worst]:
        print(f"      P {p:.2f}  R {r:.2f}  {key}")


if __name__ == "__main__":
    sys.exit(main())
