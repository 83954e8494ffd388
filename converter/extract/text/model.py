"""The learned line model: which lines of a text scrape are article text, decided in context.

A logistic model over named features (``converter.extract.text.features``) gives each line the
probability that it is article text; the lines are then decided together, because boilerplate and
article come in runs: the shipped decoding (``trim``) cuts the rules' article where the model's kept
run begins and ends; neighbour smoothing and a two-state sequence model (an HMM decoded with Viterbi)
are the other choices. The weights and transition probabilities are fitted by
``bench/train_extractor.py`` from the corpus and ship as ``model/text_lines.json``; inference is plain
Python arithmetic.

Only lines the rule pipeline would keep or drop as body text are re-decided; the headline and metadata
lines (bylines, datelines) keep the rules' verdicts.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from importlib import resources

#: The model file shipped in the package.
MODEL_FILE = "text_lines.json"
#: Model format this code reads.
FORMAT = 1
#: Verdicts the model may overturn (the rest are the headline and metadata, decided by rules).
BODY_OR_DROPPED = frozenset({"kept", "heading", "caption", "dropped"})

_override: ContextVar[Mapping | None] = ContextVar("text_line_model", default=None)


#: Model name -> the file it ships in: the line model, the headline model (``headline.py``) and the span model
#: (``span.py``).
MODEL_FILES = {"lines": MODEL_FILE, "title": "text_title.json", "span": "text_span.json"}


@cache
def shipped(name: str = "lines") -> Mapping | None:
    """A model shipped in the package, or None when its file is absent (rules alone then decide)."""
    try:
        data = resources.files("converter.extract.model").joinpath(MODEL_FILES[name]).read_text("utf-8")
    except (FileNotFoundError, ModuleNotFoundError):
        return None
    model = json.loads(data)
    return model if model.get("format") == FORMAT else None


def current(name: str = "lines") -> Mapping | None:
    """The model in use: one set by ``using`` (cross-validation), else the shipped one."""
    bundle = _override.get()
    if bundle is not None and name in bundle:
        return bundle[name]
    return shipped(name)


@contextmanager
def using(bundle: Mapping | None) -> Iterator[None]:
    """Use the models of ``bundle`` (``{"lines": ..., "title": ...}``, dicts in the shipped files' shape)
    inside the block; a name it lacks (or None) keeps the shipped model."""
    token = _override.set(bundle)
    try:
        yield
    finally:
        _override.reset(token)


def score(weights: Mapping[str, float], features: Mapping[str, float]) -> float:
    """The model's log-odds for one line."""
    return sum(weights.get(name, 0.0) * value for name, value in features.items())


def probability(logit: float) -> float:
    if logit >= 0:
        return 1.0 / (1.0 + math.exp(-logit))
    e = math.exp(logit)
    return e / (1.0 + e)


#: How the shipped model decides in context unless its file says otherwise (see ``decide``).
DEFAULT_DECODING = {"method": "hmm", "temperature": 1.0}


def decide(model: Mapping, probabilities: list[float], rules_keep: list[bool] | None = None) -> list[bool]:
    """Kept (True) or dropped for every line, in context, as ``model["decoding"]`` says.

    ``{"method": "smooth", "neighbour_share": a, "threshold": t}``: each posterior is mixed with its two
    neighbours' (``a`` of the weight to them), then kept above ``t``; with ``"margin": m`` the rules'
    verdict (``rules_keep``) stands unless the mixed posterior is beyond ``t ± m``.
    ``{"method": "hmm", "temperature": τ}``: Viterbi over the two states, the transition probabilities
    raised to ``τ`` (below 1: weaker runs).
    ``{"method": "trim", "neighbour_share": a, "threshold": t, "inner_margin": m}``: see ``trim``.
    """
    decoding = model.get("decoding", DEFAULT_DECODING)
    if decoding["method"] == "trim" and rules_keep is not None:
        return trim(smoothed(probabilities, decoding["neighbour_share"]), rules_keep, decoding["threshold"],
                    decoding["inner_margin"])
    if decoding["method"] == "smooth":
        threshold = decoding["threshold"]
        margin = decoding.get("margin", 0.0) if rules_keep is not None else 0.0
        mixed = smoothed(probabilities, decoding["neighbour_share"])
        if margin and rules_keep is not None:
            return [p >= threshold - margin if kept else p > threshold + margin
                    for p, kept in zip(mixed, rules_keep, strict=True)]
        return [p > threshold for p in mixed]
    tau = decoding.get("temperature", 1.0)
    rows = [[v ** tau for v in row] for row in model["transitions"]]
    return decode({"prior": model["prior"], "transitions": [[v / sum(row) for v in row] for row in rows]},
                  probabilities)


def smoothed(probabilities: list[float], share: float) -> list[float]:
    """Each posterior mixed with its two neighbours' (``share`` of the weight to them; the ends unmixed)."""
    n = len(probabilities)
    return [(1 - share) * p + share / 2 * (probabilities[i - 1] + probabilities[i + 1]) if 0 < i < n - 1 else p
            for i, p in enumerate(probabilities)]


def trim(posteriors: list[float], rules_keep: list[bool], threshold: float, inner_margin: float) -> list[bool]:
    """The rules' article, its ends trimmed where the model says boilerplate, its inside left alone unless sure.

    Boilerplate surrounds an article (menus and teasers before it, comments and link lists after it) far
    more often than it interrupts it, and the model is least reliable inside an article of short lines (a
    recipe, a list of results). So the first and last line that both the rules and the model (posterior
    above ``threshold``) keep mark the article; the rules' kept lines outside them are dropped, those inside
    are dropped only with a posterior under ``threshold - inner_margin``. A line the rules dropped stays
    dropped (the model turning such lines into text lost words on every corpus). When the model keeps none
    of the rules' lines, every line is dropped. Posteriors and ``rules_keep`` run over the page's lines.
    """
    anchors = [i for i, (p, kept) in enumerate(zip(posteriors, rules_keep, strict=True)) if kept and p > threshold]
    if not anchors:
        return [False] * len(posteriors)
    first, last = anchors[0], anchors[-1]
    return [kept and first <= i <= last and p >= threshold - inner_margin
            for i, (p, kept) in enumerate(zip(posteriors, rules_keep, strict=True))]


def decode(model: Mapping, probabilities: list[float]) -> list[bool]:
    """The most likely kept/dropped sequence (Viterbi) given each line's posterior of being kept.

    Emissions are posterior / prior (a discriminative model used inside an HMM); ``model["transitions"]``
    is ``[[P(drop|drop), P(keep|drop)], [P(drop|keep), P(keep|keep)]]``.
    """
    if not probabilities:
        return []
    prior = model["prior"]
    log_prior = (math.log(1 - prior), math.log(prior))
    trans = [[math.log(p) for p in row] for row in model["transitions"]]
    tiny = 1e-9

    def emit(p: float) -> tuple[float, float]:
        p = min(max(p, tiny), 1 - tiny)
        return math.log(1 - p) - log_prior[0], math.log(p) - log_prior[1]

    first = emit(probabilities[0])
    best = [log_prior[0] + first[0], log_prior[1] + first[1]]
    back: list[tuple[int, int]] = []
    for p in probabilities[1:]:
        e = emit(p)
        step, new = [], []
        for state in (0, 1):
            a, b = best[0] + trans[0][state], best[1] + trans[1][state]
            step.append(0 if a >= b else 1)
            new.append(max(a, b) + e[state])
        back.append((step[0], step[1]))
        best = new
    state = 0 if best[0] >= best[1] else 1
    path = [state]
    for pointer in reversed(back):
        state = pointer[state]
        path.append(state)
    return [s == 1 for s in reversed(path)]


def top_signals(weights: Mapping[str, float], features: Mapping[str, float], keep: bool, count: int = 2
                ) -> list[str]:
    """The names of the features that pushed hardest towards the decision taken."""
    sign = 1.0 if keep else -1.0
    pushes = sorted(((sign * weights.get(n, 0.0) * v, n) for n, v in features.items() if n != "bias"),
                    reverse=True)
    return [name for push, name in pushes[:count] if push > 0]
