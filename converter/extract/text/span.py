"""Which run of lines is the article, when a page offers several: candidate spans judged by a learned model.

The maximum-weight run (``segment.article_span``) counts words, so on a page whose article is short it
picks whatever long run the page also holds: the thread of reader comments under a two-paragraph blog
entry, a sidebar of teasers, another post of the same blog. The article, though, has a shape no other run
on the page has: it begins right under the headline's byline or dateline, it ends where the comments
begin, and no comment stamps ("Ann on May 3, 2024 at 4:47 pm", "Reply") stand between its paragraphs.

So the rules' span is one candidate among a few (``candidate_spans``): the best run before each place
where comments begin, the run that follows each byline or dateline (and that run stopped at the next
one), and the best runs of the page with the better ones set aside. Each candidate gets named features
(``span_features``) and the candidates compete in a conditional logit (a softmax over the page's
candidates, as the headline model's do), fitted by ``bench/train_extractor.py --models span`` to the
candidates that cover the marked article best; the model ships as ``model/text_span.json``. Pages under
``MIN_LINES`` lines keep the rules' span.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from converter.extract.text.lines import Line
from converter.extract.text.model import score
from converter.extract.text.rules import Decided
from converter.extract.text.segment import END_RULES, HEADER_RULES, best_run, span_weights

#: Pages with fewer lines keep the rules' span (a pasted article has one run; see ``decide.MIN_LINES``).
MIN_LINES = 40
#: A run that follows a byline or dateline starts within this many lines under it (share buttons between).
HEADER_REACH = 6
#: How many of the page's best runs, each found with the better ones set aside, are candidates.
ALTERNATIVE_RUNS = 3
#: Rules of the lines that stamp a reader's comment (as ``features.STAMP_RULES``).
STAMP_RULES = frozenset({"byline", "dateline", "reading_time", "comment_count", "comment_section",
                         "status_vocabulary", "comment_stamp"})
#: Rules of the lines where reader comments begin.
COMMENT_RULES = frozenset({"comment_section", "comment_count"})
#: Comments seen this many lines after a span's end count as "the comments follow it".
COMMENTS_AFTER = 12

Span = tuple[int, int]


def run_from(weights: list[float], start: int) -> tuple[float, Span]:
    """The heaviest run that starts at ``start``: its total and ``(start, end)`` (it never crosses a wall)."""
    best, best_end, total = -math.inf, start, 0.0
    for i in range(start, len(weights)):
        if weights[i] == -math.inf:
            break
        total += weights[i]
        if total > best:
            best, best_end = total, i
    return best, (start, best_end)


#: A lede over the header is a paragraph of at least this many words.
LEDE_WORDS = 8


def lede_over(lines: list[Line], decided: Decided, header: int) -> int | None:
    """The article's opening paragraph printed between the headline and its byline or dateline ("A smaller
    tablet will arrive in September, ..." / "by Ann Lee" / "July 24, 2012"): the line right above the header
    (above a run of header lines), when it is an undecided paragraph (a sentence of ``LEDE_WORDS`` words or
    more) with a headline-like line right above it. Its index, else None."""
    k = header - 1
    while k >= 0 and k in decided and decided[k].rule in HEADER_RULES:
        k -= 1
    if k < 1 or k in decided or k - 1 in decided:
        return None
    line = lines[k]
    if line.sentence and line.words >= LEDE_WORDS and lines[k - 1].headline_like:
        return k
    return None


def candidate_spans(weights: list[float], decided: Decided, rules_span: Span,
                    lines: list[Line] | None = None) -> list[Span]:
    """The rules' span first, then the other runs the article might be (without repeats); with ``lines``,
    also each run under a header started at the lede above it (``lede_over``)."""
    found: list[Span] = [rules_span]
    for i in sorted(i for i, v in decided.items() if v.rule in END_RULES):
        total, span = best_run(weights[:i])
        if total > 0:
            found.append(span)
    headers = sorted(i for i, v in decided.items() if v.rule in HEADER_RULES)
    for k, h in enumerate(headers):
        following = headers[k + 1] if k + 1 < len(headers) else len(weights)
        for j in range(h + 1, min(h + 1 + HEADER_REACH, len(weights))):
            if weights[j] == -math.inf:
                break
            if weights[j] > 0:
                # The run under the header, and the same run stopped at the next byline or dateline: a
                # short entry flows into the thread of comments under it, each stamped with a date.
                lede = lede_over(lines, decided, h) if lines is not None else None
                for limit in (len(weights), following):
                    total, span = run_from(weights[:limit], j)
                    if total > 0:
                        found.append(span)
                        if lede is not None:
                            found.append((lede, span[1]))
                break
    masked = list(weights)
    for _ in range(ALTERNATIVE_RUNS):
        total, (s, e) = best_run(masked)
        if total <= 0 or e < s:
            break
        found.append((s, e))
        masked[s:e + 1] = [-math.inf] * (e + 1 - s)
    unique: list[Span] = []
    for span in found:
        if span[1] >= span[0] and span not in unique:
            unique.append(span)
    return unique


def span_features(lines: list[Line], decided: Decided, weights: list[float], span: Span, rules_span: Span,
                  best_total: float, marks: tuple[list[int], list[int]] | None = None) -> dict[str, float]:
    """Named features of one candidate span (see the module docstring for the shapes they read). ``marks``:
    the page's ``span_marks``, when the caller has them already (they are the same for every span)."""
    s, e = span
    n = len(lines)
    inside = range(s, e + 1)
    total = sum(weights[i] for i in inside)
    words = sum(lines[i].words for i in inside if i not in decided or decided[i].verdict == "kept")
    prose = [lines[i].sentence and lines[i].words >= 8 and i not in decided for i in inside]
    stamps = sum(1 for i in inside if i in decided and decided[i].rule in STAMP_RULES)
    f: dict[str, float] = {
        "rules_span": float(span == rules_span),
        "log_weight": math.log1p(max(total, 0.0)),
        "weight_share": total / best_total if best_total > 0 else 0.0,
        "log_words": math.log1p(words),
        "log_lines": math.log1p(e - s + 1),
        "prose_share": sum(prose) / (e - s + 1),
        "start_position": s / max(n - 1, 1),
        "end_position": e / max(n - 1, 1),
        "first_words": math.log1p(lines[s].words),
    }
    if stamps:
        f["log_stamps_inside"] = math.log1p(stamps)
    # What stands just above the start: a byline or dateline (the article's header), a headline-like line.
    for d in range(1, HEADER_REACH + 1):
        j = s - d
        if j < 0:
            break
        v = decided.get(j)
        if v is not None and v.rule in HEADER_RULES:
            f["header_above"] = 1.0
            f["header_gap"] = float(d - 1)
            if v.rule == "byline":  # an article's header names its writer; a comment's stamp is often a date
                f["byline_above"] = 1.0
            break
        if v is None and lines[j].title_like and d <= 2:
            f["title_like_above"] = 1.0
    if s + 1 < n and s not in decided and s + 1 in decided and decided[s + 1].rule in HEADER_RULES:
        f["lede_over_header"] = 1.0  # the span opens on a paragraph printed above the byline (``lede_over``)
    comments, headers = marks if marks is not None else span_marks(decided)
    if any(i < s for i in comments):
        f["comments_before"] = 1.0
    if any(e < i <= e + COMMENTS_AFTER for i in comments):
        f["comments_follow"] = 1.0
    headers_before = sum(1 for i in headers if i < s)
    if headers_before:
        f["log_headers_before"] = math.log1p(headers_before)
        # Prose between the page's first byline or dateline and the span: a thread under an article has the
        # article's paragraphs above it, the article itself none.
        between = sum(lines[i].words for i in range(headers[0] + 1, s)
                      if i not in decided and lines[i].sentence and lines[i].words >= 8)
        if between:
            f["log_prose_after_first_header"] = math.log1p(between)
    return f


def span_marks(decided: Decided) -> tuple[list[int], list[int]]:
    """The page's comment lines (``COMMENT_RULES``) and, in order, its bylines and datelines (``HEADER_RULES``)."""
    return ([i for i, v in decided.items() if v.rule in COMMENT_RULES],
            sorted(i for i, v in decided.items() if v.rule in HEADER_RULES))


def page_spans(lines: list[Line], decided: Decided, rules_span: Span) -> list[tuple[Span, dict[str, float]]]:
    """Every candidate span of a page with its features (the rules' span first)."""
    weights = span_weights(lines, decided)
    spans = candidate_spans(weights, decided, rules_span, lines)
    best_total = max((sum(weights[s:e + 1]) for s, e in spans), default=0.0)
    marks = span_marks(decided)  # once for the page, not once for each span
    return [(span, span_features(lines, decided, weights, span, rules_span, best_total, marks)) for span in spans]


def choose_span(lines: list[Line], decided: Decided, rules_span: Span, model: Mapping) -> Span:
    """The candidate span the model scores highest (the rules' span on a short page or a tie)."""
    if len(lines) < MIN_LINES or rules_span[1] < rules_span[0]:
        return rules_span
    weights = model["weights"]
    best, best_score = rules_span, -math.inf
    for span, features in page_spans(lines, decided, rules_span):
        s = score(weights, features)
        if s > best_score:
            best, best_score = span, s
    return best
