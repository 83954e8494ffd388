"""The learned line model's hook into the text extractor: re-decide body lines in context.

The rule pipeline (line rules, page passes, article span, layout) judges every line first; its
judgement becomes features of the line model, which then decides, for the whole page at once, which
lines are article text. A line the model moves is recorded with the signals that moved it
(``line_model_kept (in_span, log_words)``), so ``--explain`` still says why.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from converter.extract.text.features import page_features
from converter.extract.text.layout import is_subhead
from converter.extract.text.lines import Line
from converter.extract.text.model import BODY_OR_DROPPED, decide, probability, score, top_signals
from converter.extract.text.rules import Decided, Verdict

#: Pages with fewer lines than this are left to the rules: a short text is an article already cleaned (a
#: pasted story), and the model, fitted on whole web pages, reads its last paragraph as a page's footer.
MIN_LINES = 40
#: Rules whose lines are figure captions when kept.
CAPTION_RULES = frozenset({"credited_caption", "caption_above_credit"})


@dataclass
class Analysis:
    """The rule pipeline's view of a page: its lines, their verdicts, and what the verdicts rest on."""

    lines: list[Line]
    decided: Decided
    """Final verdict of every line index (rules, then layout)."""
    rule_of: dict[int, str]
    """Name of the line rule or page pass that decided a line before the layout placed it."""
    span: tuple[int, int]
    """The article span ``(start, end)``, inclusive; ``(0, -1)`` when none."""
    title: int | None
    """Index of the headline line."""

    def features(self, only: set[int] | None = None) -> list[dict[str, float]]:
        return page_features(self.lines, self.decided, self.rule_of, self.span, self.title, only)


def relabel(page: Analysis, model: Mapping) -> None:
    """Let ``model`` decide kept/dropped for every body-or-dropped line of ``page`` (in place)."""
    if len(page.lines) < MIN_LINES:
        return
    weights = model["weights"]
    rules_keep = [page.decided[i].verdict in ("kept", "heading", "caption") for i in range(len(page.lines))]
    # Trimming reads the posteriors of the rules' kept lines and, for smoothing, of their neighbours only.
    trims = model.get("decoding", {}).get("method") == "trim"
    n = len(page.lines)
    features = page.features({j for i in range(n) if rules_keep[i] for j in (i - 1, i, i + 1) if 0 <= j < n}
                             if trims else None)
    keep = decide(model, [probability(score(weights, f)) for f in features], rules_keep)
    for i in range(len(page.lines)):
        v = page.decided[i]
        if v.verdict not in BODY_OR_DROPPED or keep[i] == (v.verdict != "dropped"):
            continue
        signals = ", ".join(top_signals(weights, features[i], keep[i]))
        if keep[i]:
            verdict = ("caption" if page.rule_of.get(i) in CAPTION_RULES
                       else "heading" if is_subhead(page.lines, i) else "kept")
            page.decided[i] = Verdict(verdict, f"line_model_kept ({signals})")
        else:
            page.decided[i] = Verdict("dropped", f"line_model_dropped ({signals})")
    keep_paragraphs_under_kept_heads(page)


def keep_paragraphs_under_kept_heads(page: Analysis) -> None:
    """A sub-head the model kept keeps its paragraph (rule ``paragraph_under_kept_head``): the model drops
    the last paragraph before a teaser list or a footer by its position, leaving its head alone ("10. Tren
    de la Fresa, Spain" without its text). Only a paragraph no rule decided, of ``HEAD_PARAGRAPH_WORDS``
    words or more ending like a sentence, right under the head."""
    for i in range(1, len(page.lines)):
        line, v = page.lines[i], page.decided[i]
        if (v.rule.startswith("line_model_dropped") and i not in page.rule_of
                and page.decided[i - 1].verdict == "heading" and line.sentence
                and line.words >= HEAD_PARAGRAPH_WORDS):
            page.decided[i] = Verdict("kept", "paragraph_under_kept_head")


#: See ``keep_paragraphs_under_kept_heads``.
HEAD_PARAGRAPH_WORDS = 8

