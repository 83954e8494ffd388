"""Fit the text extractor's line model and headline model from the corpus and write them into the package.

    python bench/train_extractor.py [--corpus ../shared/corpus] [--out converter/extract/model]
                                    [--models span lines title]

Every dev page of every corpus, in both text renderings, goes through the rule pipeline
(``converter.extract.text.analyse``); each line gets its features (``features.py``) and a label: article
text when most of its 4-word shingles (a short line: its whole word sequence) occur in the page's
``truth.txt``. A logistic model is fitted to the labels by Newton's method with an L2 penalty, each page
weighing the same (a line weighs its share of the page's words, as the body-F1 metric counts words);
the kept/dropped transition probabilities of the sequence model are counted from the label sequences.

The headline model (``model/text_title.json``, ``converter.extract.text.headline``): each page's headline
candidates, with their named features, compete in a conditional logit model (a softmax over the page's
candidates) fitted by Newton's method to the marked headline (``meta.json``'s ``title``, compared as
``corpus_cv.title_match`` does). ``--models title`` refits only that file.
Deterministic: same corpus, same file. Needs numpy (the ``bench`` extra); the package reads the result
with plain Python.

The span model (``model/text_span.json``, ``converter.extract.text.span``): each page's candidate article
spans compete in the same kind of conditional logit, the target being the candidates whose words cover
the truth best (word F1 within ``SPAN_TIE`` of the best). It is fitted first, from the rules' verdicts
alone; the line and headline models are then fitted on pages analysed with it (their features read the
span it chose).

``fit(pages)`` is what ``bench/extract_text.py`` calls for each cross-validation fold.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

import corpus_cv as cv  # noqa: E402

from converter.extract.text import analyse  # noqa: E402
from converter.extract.text.model import FORMAT, MODEL_FILES  # noqa: E402

KINDS = ("innertext", "dump")
#: A feature seen on fewer training lines than this gets no weight.
MIN_SUPPORT = 5
#: L2 penalty on the weights (in units of pages: each page's lines weigh 1 in all).
L2 = 1.0
#: Newton steps (the fit converges in fewer; a fixed count keeps it deterministic and bounded).
STEPS = 12
#: How the line model decides in context (``model.decide``); chosen by cross-validation (bench/README.md).
DECODING = {"method": "trim", "neighbour_share": 0.3, "threshold": 0.5, "inner_margin": 0.4}
#: L2 penalty of the headline model (in units of pages; chosen by cross-validation, 0.3 to 3 score alike).
TITLE_L2 = 3.0
#: A line is article text when at least this share of its shingles is in the truth.
LABEL_SHARE = 0.5

#: Span candidates whose word F1 is this close to the best candidate's are all targets.
SPAN_TIE = 0.02
#: L2 penalty of the span model (in units of pages).
SPAN_L2 = 3.0

_rows_cache: dict[tuple[str, str], tuple[list[dict[str, float]], list[int], list[float]]] = {}


def labels(page_lines: list[str], truth: str) -> list[int]:
    """1 for each line whose words are the truth's (see the module docstring), else 0."""
    from converter.extract.text.features import _WORD

    truth_tokens = _WORD.findall(truth)
    shingles = {tuple(truth_tokens[i:i + 4]) for i in range(len(truth_tokens) - 3)}
    joined = " " + " ".join(truth_tokens) + " "
    out = []
    for text in page_lines:
        tokens = _WORD.findall(text)
        if len(tokens) < 4:
            out.append(int(bool(tokens) and f" {' '.join(tokens)} " in joined))
            continue
        grams = [tuple(tokens[i:i + 4]) for i in range(len(tokens) - 3)]
        out.append(int(sum(g in shingles for g in grams) >= LABEL_SHARE * len(grams)))
    return out


def page_rows(page: cv.Page, kind: str) -> tuple[list[dict[str, float]], list[int], list[float]]:
    """Features, labels and weights of one page's lines (computed once per process)."""
    key = (page.key, kind)
    if key not in _rows_cache:
        analysis = analyse(page.source(kind))
        features = analysis.features()
        ys = labels([line.text for line in analysis.lines], page.truth())
        total = sum(max(line.words, 1) for line in analysis.lines) or 1
        ws = [max(line.words, 1) / total for line in analysis.lines]
        _rows_cache[key] = (features, ys, ws)
    return _rows_cache[key]


def logistic(rows: list[tuple[list[dict[str, float]], list[int], list[float]]]) -> dict[str, float]:
    """Weights of a logistic model fitted to ``(features, labels, weights)`` groups (Newton, L2)."""
    import numpy as np

    support: Counter[str] = Counter()
    for features, _, _ in rows:
        for f in features:
            support.update(f.keys())
    names = sorted(n for n, c in support.items() if c >= MIN_SUPPORT)
    index = {n: j for j, n in enumerate(names)}
    n_rows = sum(len(r[1]) for r in rows)
    x, y, w = np.zeros((n_rows, len(names))), np.zeros(n_rows), np.zeros(n_rows)
    k = 0
    for features, ys, ws in rows:
        for f, label, weight in zip(features, ys, ws, strict=True):
            for name, value in f.items():
                j = index.get(name)
                if j is not None:
                    x[k, j] = value
            y[k], w[k] = label, weight
            k += 1
    beta = np.zeros(len(names))
    penalty = L2 * np.ones(len(names))
    penalty[index["bias"]] = 0.0
    for _ in range(STEPS):
        p = 1.0 / (1.0 + np.exp(-(x @ beta)))
        gradient = x.T @ (w * (p - y)) + penalty * beta
        hessian = (x * (w * p * (1 - p))[:, None]).T @ x + np.diag(penalty + 1e-6)
        beta -= np.linalg.solve(hessian, gradient)
    return {n: round(float(b), 5) for n, b in zip(names, beta, strict=True) if abs(b) >= 1e-5}


def fit_lines(pages: list[cv.Page]) -> dict:
    """The line model (the shipped file's dict) trained on ``pages``' text renderings."""
    rows = [page_rows(page, kind) for page in pages for kind in KINDS
            if page.has_truth and (page.folder / cv.SOURCE[kind]).exists()]
    transitions = [[1, 1], [1, 1]]  # add-one counts
    positives = n_lines = 0
    for _, ys, _ in rows:
        for a, b in itertools.pairwise(ys):
            transitions[a][b] += 1
        positives += sum(ys)
        n_lines += len(ys)
    return {
        "format": FORMAT,
        "model": "text line model: logistic emissions, two-state HMM decoded with Viterbi",
        "weights": logistic(rows),
        "prior": round(positives / max(n_lines, 1), 5),
        "transitions": [[round(v / sum(row), 5) for v in row] for row in transitions],
        "decoding": DECODING,
        "trained_on": {"pages": sum(p.has_truth for p in pages), "lines": n_lines},
    }


_title_cache: dict[tuple[str, str], tuple[list[dict[str, float]], list[int]]] = {}


def title_rows(page: cv.Page, kind: str, title_ok) -> tuple[list[dict[str, float]], list[int]]:
    """Headline candidates of one page with their features, labelled by the marked headline."""
    key = (page.key, kind)
    if key not in _title_cache:
        from converter.extract.text.headline import headline_text, page_candidates

        analysis = analyse(page.source(kind))
        found = page_candidates(analysis)
        truth = page.meta().get("title") or ""
        ys = [int(title_ok(headline_text(analysis, i), truth)) for i, _ in found]
        _title_cache[key] = ([f for _, f in found], ys)
    return _title_cache[key]


def conditional_logit(groups: list[tuple[list[dict[str, float]], list[int]]], l2: float = TITLE_L2
                      ) -> dict[str, float]:
    """Weights of a conditional logit model: within each group (a page's headline candidates) the
    probability of a candidate is the softmax of its score; the target spreads evenly over the group's
    positives (a headline printed twice). Groups without a positive or with one candidate teach nothing
    and are left out; fitted by Newton's method with an L2 penalty ``l2``. A feature constant
    within every group (``bias``) cancels out and gets no weight."""
    import numpy as np

    groups = [(fs, ys) for fs, ys in groups if any(ys) and len(fs) > 1]
    support: Counter[str] = Counter()
    for features, _ in groups:
        for f in features:
            support.update(f.keys())
    names = sorted(n for n, c in support.items() if c >= MIN_SUPPORT and n != "bias")
    index = {n: j for j, n in enumerate(names)}
    mats = []
    for features, ys in groups:
        x = np.zeros((len(features), len(names)))
        for r, f in enumerate(features):
            for name, value in f.items():
                j = index.get(name)
                if j is not None:
                    x[r, j] = value
        y = np.array(ys, dtype=float)
        mats.append((x, y / y.sum()))
    beta = np.zeros(len(names))
    for _ in range(STEPS):
        gradient = l2 * beta
        hessian = np.diag(np.full(len(names), l2 + 1e-6))
        for x, y in mats:
            s = x @ beta
            p = np.exp(s - s.max())
            p /= p.sum()
            gradient += x.T @ (p - y)
            xp = x.T @ p
            hessian += (x * p[:, None]).T @ x - np.outer(xp, xp)
        beta -= np.linalg.solve(hessian, gradient)
    return {n: round(float(b), 5) for n, b in zip(names, beta, strict=True) if abs(b) >= 1e-5}


_span_cache: dict[tuple[str, str], tuple[list[dict[str, float]], list[int]]] = {}


def span_rows(page: cv.Page, kind: str) -> tuple[list[dict[str, float]], list[int]]:
    """Candidate spans of one page with their features, labelled 1 when their word F1 against the truth is
    within ``SPAN_TIE`` of the best candidate's (a page whose best candidate covers nothing teaches nothing)."""
    key = (page.key, kind)
    if key not in _span_cache:
        from converter.extract.text import judge_lines
        from converter.extract.text.segment import article_span
        from converter.extract.text.span import MIN_LINES, page_spans

        lines, decided = judge_lines(page.source(kind))
        if len(lines) < MIN_LINES:
            _span_cache[key] = ([], [])
            return _span_cache[key]
        ys = labels([line.text for line in lines], page.truth())
        body = [line.words if i not in decided or decided[i].verdict in ("kept", "caption", "heading") else 0
                for i, line in enumerate(lines)]
        truth_words = sum(w for w, y in zip(body, ys, strict=True) if y)
        found = page_spans(lines, decided, article_span(lines, decided))
        f1s = []
        for (s, e), _ in found:
            tp = sum(body[i] for i in range(s, e + 1) if ys[i])
            fp = sum(body[i] for i in range(s, e + 1) if not ys[i])
            f1s.append(2 * tp / (2 * tp + fp + (truth_words - tp)) if tp else 0.0)
        best = max(f1s, default=0.0)
        _span_cache[key] = ([f for _, f in found], [int(best > 0 and f >= best - SPAN_TIE) for f in f1s])
    return _span_cache[key]


def fit_span(pages: list[cv.Page]) -> dict:
    """The span model trained on ``pages``' text renderings."""
    rows = [span_rows(page, kind) for page in pages for kind in KINDS
            if page.has_truth and (page.folder / cv.SOURCE[kind]).exists()]
    return {"format": FORMAT, "model": "text span model: conditional logit, best candidate span wins",
            "weights": conditional_logit(rows, SPAN_L2),
            "trained_on": {"pages": sum(p.has_truth for p in pages), "groups": sum(len(r[0]) > 1 for r in rows)}}


def fit_title(pages: list[cv.Page], title_ok) -> dict:
    """The headline model trained on the marked headlines of ``pages`` (``meta.json``'s ``title``)."""
    rows = [title_rows(page, kind, title_ok) for page in pages for kind in KINDS
            if page.meta().get("title") and (page.folder / cv.SOURCE[kind]).exists()]
    return {"format": FORMAT, "model": "text headline model: conditional logit, best candidate wins",
            "weights": conditional_logit(rows), "trained_on": {"pages": len(rows) // len(KINDS)}}


def fit(pages: list[cv.Page], root: Path | None = None, models: tuple[str, ...] = ("span", "lines", "title")) -> dict:
    """The named models (all by default), as the ``{"span": ..., "lines": ..., "title": ...}`` bundle
    ``model.using`` takes. The line and headline models are fitted on pages analysed with the span model
    (the one fitted here, else the shipped one)."""
    from converter.extract.text.model import shipped, using

    bundle: dict = {}
    if "span" in models:
        bundle["span"] = fit_span(pages)
    span = bundle["span"] if "span" in bundle else shipped("span")
    tag = json.dumps(span, sort_keys=True)
    global _span_tag
    if tag != _span_tag:  # the line and headline features read the span: drop those of another span model
        _rows_cache.clear()
        _title_cache.clear()
        _span_tag = tag
    with using({"span": span}):
        if "lines" in models:
            bundle["lines"] = fit_lines(pages)
        if "title" in models:
            meta_scorer = cv.load_meta_scorer(root or REPO.parent / "shared" / "corpus")
            bundle["title"] = fit_title(pages, cv.title_match(meta_scorer))
    return bundle


#: The span model the cached line and headline rows were computed with.
_span_tag: str | None = None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    parser.add_argument("--out", type=Path, default=REPO / "converter" / "extract" / "model",
                        help="folder the model files are written to")
    parser.add_argument("--models", nargs="+", choices=sorted(MODEL_FILES), default=sorted(MODEL_FILES),
                        help="fit and write only these models (default: all)")
    args = parser.parse_args()
    if not (args.corpus / "score.py").exists():
        print(f"skipped: {args.corpus} is absent")
        return 1
    pages = cv.load_pages(args.corpus)
    # Features come from the rule pipeline alone (``analyse`` runs no model).
    bundle = fit(pages, args.corpus, tuple(args.models))
    for name, model in bundle.items():
        out = args.out / MODEL_FILES[name]
        text = json.dumps(model, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
        out.write_text(text, "utf-8")
        print(f"{out}: {len(model['weights'])} weights, trained on {model['trained_on']}; "
              f"sha1 {hashlib.sha1(text.encode()).hexdigest()[:12]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
