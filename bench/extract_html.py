"""HTML extraction on the corpus: cross-validated body F1 per corpus beside three peers, metadata, speed.

    python bench/extract_html.py [--corpus ../shared/corpus] [--folds 5] [--no-peers] [--per-page]
                                 [--meta-only] [--meta-misses] [--speed-only]

Body: every dev page (``page.html``) of zyte, dragnet and l3s goes through ours and, in the same run,
trafilatura (Markdown output), readability-lxml (its summary, one line per block) and jusText (the ``bench``
extra; their outputs are cached under /tmp between runs, see ``bench/corpus_cv.py``); each is scored by the
corpus's ``score.py``. The HTML extractor has no fitted parts, so its figure on each held-out fold is its
cross-validated figure; the lowest and highest of the folds (grouped by site) are printed beside the pooled
figure. Speed: our median and p90 CPU time per page (``time.process_time``, which other users of a shared
machine do not inflate as they do wall time) beside readability-lxml's summary timed on the same pages in
the same loop, with the load average; ``--speed-only`` stops there. Metadata: title on every page with a ``meta.json``
(readability, dragnet, l3s; zyte's pages have no metadata truth), author, date, site and language where
readability's truth has them, scored by ``score_meta.py``'s comparisons, ours beside trafilatura's (its
``extract_metadata``, cached) and readability-lxml's title (its ``short_title``, cached) in the same run.
The metadata rules have no fitted number either, so each figure is its cross-validated one; the lowest and
highest of the site-grouped folds are printed in brackets.
``--meta-only`` runs the metadata part alone (the page's metadata as ``extract_html`` gives it, and its time
per page); ``--meta-misses`` lists every page whose title or author is not the truth's.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

import corpus_cv as cv  # noqa: E402

BODY_CORPORA = ("zyte", "dragnet", "l3s")


def ours(html: str) -> tuple[str, dict]:
    from converter.errors import ConverterError
    from converter.extract.html import extract_html

    try:
        result = extract_html(html)
    except ConverterError:
        return "", {}  # "no article text found": scored as an empty prediction
    return _FIGURE_FENCE.sub("", result.body), dict(result.metadata)


#: The fences of our ``::: figure`` blocks: markup of our Markdown that score.py does not know (it drops
#: headings, images and link targets, the markup peers write); the caption inside stays and is scored.
_FIGURE_FENCE = re.compile(r"^:::(?: figure)?[ \t]*$", re.M)


def readability_summary(html: str) -> None:
    """readability-lxml's article pick, the work at the heart of ours, as the speed reference."""
    from readability import Document

    with contextlib.suppress(Exception):  # a page it cannot read costs what it cost
        Document(html).summary(html_partial=True)


def readability_title(html: str) -> str:
    """readability-lxml's headline: its ``short_title`` (``<title>`` with the site's name cut, or the
    heading that agrees with it); "" where it cannot read the page."""
    from readability import Document

    try:
        return Document(html).short_title() or ""
    except Exception:  # a page it cannot read scores as no title
        return ""


def trafilatura_meta(html: str) -> dict:
    import trafilatura

    found = trafilatura.extract_metadata(html)
    if not found:
        return {}
    return {"title": found.title, "authors": [found.author] if found.author else [], "date": found.date,
            "site": found.sitename, "language": getattr(found, "language", None)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    parser.add_argument("--folds", type=int, default=cv.FOLDS)
    parser.add_argument("--no-peers", action="store_true", help="leave the peers out")
    parser.add_argument("--per-page", action="store_true", help="list our worst pages of each corpus")
    parser.add_argument("--worst", type=int, default=8)
    parser.add_argument("--meta-only", action="store_true", help="only the metadata figures")
    parser.add_argument("--meta-misses", action="store_true",
                        help="list every page whose title or author (ours) differs from the truth")
    parser.add_argument("--speed-only", action="store_true",
                        help="only the speed figures (ours and readability-lxml's, CPU time per page)")
    args = parser.parse_args()
    if not (args.corpus / "score.py").exists():
        print(f"skipped: {args.corpus} is absent; the shared corpus must sit beside the project as "
              "../shared/corpus (or pass --corpus)")
        return 0
    scorer = cv.load_scorer(args.corpus)
    pages = [p for p in cv.load_pages(args.corpus, BODY_CORPORA)
             if p.has_truth and (p.folder / "page.html").exists()]
    meta_pages = cv.meta_pages(args.corpus)
    if args.meta_only:
        return metadata(args, meta_pages, {})
    fold_of = cv.assign_folds(pages, args.folds)
    print(f"{len(pages)} pages, {len({p.site for p in pages})} sites, {args.folds} folds grouped by site; "
          "ours has no fitted parts (its score on each held-out fold is its cross-validated score)")
    bodies, found, ms, reference, wall = {}, {}, [], [], []
    for page in pages:
        html = page.source("html")
        start, cpu = time.perf_counter(), time.process_time()
        body, meta = ours(html)
        ms.append((time.process_time() - cpu) * 1000)
        wall.append((time.perf_counter() - start) * 1000)
        bodies[page.key], found[page.key] = f"# t\n\n{body}\n", meta
        if not args.no_peers or args.speed_only:  # the reference timed on the same page, right after ours
            cpu = time.process_time()
            readability_summary(html)
            reference.append((time.process_time() - cpu) * 1000)
    load = os.getloadavg()[0]
    print(f"ours: {statistics.median(ms):.1f} ms/page median CPU time, {_p90(ms):.1f} p90, {statistics.mean(ms):.1f} "
          f"mean; wall {statistics.median(wall):.1f} median (load average {load:.1f})")
    if reference:
        ratio = statistics.median(ms) / statistics.median(reference)
        print(f"readability-lxml (its summary alone): {statistics.median(reference):.1f} ms/page median CPU time, "
              f"{_p90(reference):.1f} p90, {statistics.mean(reference):.1f} mean; ratio of medians {ratio:.2f}")
    if args.speed_only:
        return 0
    for corpus in BODY_CORPORA:
        part = [p for p in pages if p.corpus == corpus]
        print(f" {corpus} ({len(part)} pages)")
        rows = [(p, bodies[p.key]) for p in part]
        print(cv.format_row("ours", cv.score_table(scorer, rows), cv.fold_spread(scorer, rows, fold_of)))
        if not args.no_peers:
            for name in cv.PEERS:
                peer = [(p, "# t\n\n" + cv.peer_prediction(name, p, "html")) for p in part]
                print(cv.format_row(name, cv.score_table(scorer, peer)))
        if args.per_page:
            from extract_text import worst_pages

            worst_pages(scorer, rows, args.worst)
    return metadata(args, meta_pages, found)


def _p90(values: list[float]) -> float:
    return sorted(values)[int(len(values) * 0.9)]


def metadata(args: argparse.Namespace, meta_pages: list, found: dict[str, dict]) -> int:
    """The metadata figures per corpus and field, ours and trafilatura's (``found``: ours already read),
    with the spread over folds of the metadata pages grouped by site."""
    fold_of = cv.assign_folds(meta_pages, args.folds)
    print("metadata (accuracy; pages with that field in the truth; [lowest-highest site-grouped fold]):")
    meta_scorer = cv.load_meta_scorer(args.corpus)
    ms = []
    for page in meta_pages:
        if page.key not in found:
            start = time.process_time()
            found[page.key] = ours(page.source("html"))[1]
            ms.append((time.process_time() - start) * 1000)
    if ms:
        print(f"  (ours: {statistics.median(ms):.1f} ms/page median CPU time for the whole extraction)")
    cv.meta_report(meta_scorer, found, meta_pages, "ours", fold_of)
    if args.meta_misses:
        meta_misses(meta_scorer, found, meta_pages)
    if not args.no_peers:
        import json

        theirs = {p.key: json.loads(cv.cached("peer-trafilatura-meta", p, "html",
                                              lambda p=p: json.dumps(trafilatura_meta(p.source("html")),
                                                                     default=str)))
                  for p in meta_pages}
        cv.meta_report(meta_scorer, theirs, meta_pages, "trafilatura", fold_of)
        titles = {p.key: {"title": cv.cached("peer-readability-title", p, "html",
                                             lambda p=p: readability_title(p.source("html")))}
                  for p in meta_pages}
        cv.meta_report(meta_scorer, titles, meta_pages, "readability-lxml", fold_of, ("title",))
    return 0


def meta_misses(meta_scorer, found: dict[str, dict], pages: list) -> None:
    """Every page whose title (``corpus_cv.title_match``) or author (token F1 below 1) is not the truth's:
    the page, ours and the truth, to sort the misses into shapes."""
    title_ok = cv.title_match(meta_scorer)
    for page in pages:
        meta, ours_ = page.meta(), found.get(page.key, {})
        if meta.get("title") and not title_ok(ours_.get("title"), meta["title"]):
            print(f"  title  {page.key}: {ours_.get('title', '')!r} | truth {meta['title']!r}")
        if meta.get("byline"):
            f1 = meta_scorer.token_f1(ours_.get("authors"), meta["byline"])
            if f1 < 1:
                print(f"  author {page.key} ({f1:.2f}): {list(ours_.get('authors', ()))!r} | truth "
                      f"{' '.join(meta['byline'].split())!r}")


if __name__ == "__main__":
    sys.exit(main())
