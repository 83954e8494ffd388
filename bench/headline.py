"""Cross-validated headline accuracy of the text extractor, and the pages it misses, classified.

    python bench/headline.py [--corpus ../shared/corpus] [--folds 5] [--misses] [--corpora readability l3s]

A quick loop for the headline model alone (``converter/extract/text/headline.py``): every page with a
marked headline (``meta.json``'s ``title``: readability, dragnet, l3s), in both text renderings, is
analysed once with the shipped span model; the headline model is refitted for each of the 5 site-grouped
folds (``bench/corpus_cv.py``) on the other folds' candidates and scores its own fold's pages. The span
model is not refitted per fold here (``bench/extract_text.py`` refits all three and gives the figures
reported in bench/README.md; the two agree within a page or two). ``--misses`` lists every page whose
headline is wrong, with a class:

- ``not_in_text``: no line of the rendering is the marked headline (its title only in ``<title>``);
- ``not_candidate``: a line is, but it is not among the candidates (a rule named it furniture, or it
  stands outside the window around the article span);
- ``wrong_pick``: it is a candidate and the model preferred another (the one picked is printed).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

import corpus_cv as cv  # noqa: E402
import train_extractor as te  # noqa: E402

from converter.extract.text import analyse  # noqa: E402
from converter.extract.text.headline import headline_text, page_candidates  # noqa: E402
from converter.extract.text.model import score  # noqa: E402

KINDS = ("innertext", "dump")
TITLED = ("readability", "dragnet", "l3s")


def page_view(page: cv.Page, kind: str, title_ok) -> dict:
    """One rendering's candidates (features, texts, labels) and whether any line is the headline."""
    analysis = analyse(page.source(kind))
    truth = page.meta().get("title") or ""
    found = page_candidates(analysis)
    texts = [headline_text(analysis, i) for i, _ in found]
    in_text = any(title_ok(line.text, truth) or title_ok(headline_text(analysis, j), truth)
                  for j, line in enumerate(analysis.lines))
    rules_title = headline_text(analysis, analysis.title) if analysis.title is not None else ""
    return {"features": [f for _, f in found], "texts": texts, "truth": truth, "in_text": in_text,
            "ys": [int(title_ok(t, truth)) for t in texts], "short": len(analysis.lines) < 20,
            "rules_title": rules_title}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    parser.add_argument("--folds", type=int, default=cv.FOLDS)
    parser.add_argument("--misses", action="store_true", help="list every page whose headline is wrong")
    parser.add_argument("--corpora", nargs="+", default=list(TITLED))
    parser.add_argument("--l2", type=float, default=te.TITLE_L2)
    args = parser.parse_args()
    if not (args.corpus / "score_meta.py").exists():
        print(f"skipped: {args.corpus} is absent")
        return 0
    title_ok = cv.title_match(cv.load_meta_scorer(args.corpus))
    every = cv.load_pages(args.corpus)
    fold_of = cv.assign_folds(every, args.folds)
    pages = [p for p in every if p.corpus in TITLED and p.meta().get("title")]
    views = {(p.key, kind): page_view(p, kind, title_ok) for p in pages for kind in KINDS
             if (p.folder / cv.SOURCE[kind]).exists()}
    right: dict[tuple[str, str], list[int]] = defaultdict(list)
    classes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for fold in range(args.folds):
        train = [(v["features"], v["ys"]) for (key, _), v in views.items() if fold_of[key] != fold]
        weights = te.conditional_logit(train, args.l2)
        for page in pages:
            if fold_of[page.key] != fold:
                continue
            for kind in KINDS:
                v = views.get((page.key, kind))
                if v is None:
                    continue
                if v["short"] or not v["features"]:
                    pick = v["rules_title"]
                else:
                    best = max(range(len(v["features"])), key=lambda r: (score(weights, v["features"][r]), -r))
                    pick = v["texts"][best]
                ok = title_ok(pick, v["truth"])
                right[(page.corpus, kind)].append(int(ok))
                if ok:
                    continue
                what = ("not_in_text" if not v["in_text"] else "wrong_pick" if any(v["ys"]) else "not_candidate")
                classes[(page.corpus, kind)][what] += 1
                if args.misses and page.corpus in args.corpora:
                    print(f"{kind:<9} {page.key:<48} {what:<13} got {pick[:70]!r}\n{'':<72}want {v['truth'][:70]!r}")
    for corpus in TITLED:
        cells = []
        for kind in KINDS:
            r = right.get((corpus, kind))
            if r:
                c = classes[(corpus, kind)]
                cells.append(f"{kind} {sum(r) / len(r):.3f} ({len(r)}; misses: " +
                             ", ".join(f"{k} {n}" for k, n in sorted(c.items())) + ")")
        print(f"{corpus:<12} " + "  ".join(cells))
    return 0


if __name__ == "__main__":
    sys.exit(main())
