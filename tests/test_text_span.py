"""The span model: which run of lines is the article when a page offers several (``extract.text.span``)."""

from __future__ import annotations

import math

from converter.extract.text import extract_text, judge_lines
from converter.extract.text.rules import Verdict
from converter.extract.text.segment import article_span
from converter.extract.text.span import candidate_spans, choose_span, page_spans, run_from

ENTRY = ("The ferry to the outer islands will run twice a day from Monday, the harbour office said.",
         "Tickets bought for the old timetable stay valid until the end of the month.")
COMMENT = ("I have taken that ferry for twenty years and the crews have always been kind to us, whatever "
           "the weather and whatever the timetable said that morning, so I hope the change works for them.")


def _blog_page() -> str:
    """A two-paragraph entry under its byline, then a long thread of comments, each under a name and a date."""
    menu = ["Home", "News", "Islands", "Weather", "Contact"]
    head = ["Ferry timetable changes on Monday", "By Ann Lee", *ENTRY, "Share", "Tweet", "Email"]
    thread = []
    for n in range(12):
        thread += [f"Reader {n}", f"May {n + 3}, 2024 at 4:{10 + n} pm", f"{COMMENT} Number {n}.", "Reply"]
    return "\n".join([*menu, *head, *thread, "Search", "About us"]) + "\n"


#: A hand-made span model: a run under a byline, without comment stamps inside.
TRUSTS_BYLINE = {"weights": {"header_above": 5.0, "log_stamps_inside": -5.0}}


def test_run_from_stops_at_its_heaviest_end_and_never_crosses_a_wall() -> None:
    assert run_from([5.0, -8.0, 2.0, 9.0, -1.0], 0) == (8.0, (0, 3))
    assert run_from([5.0, -math.inf, 20.0], 0) == (5.0, (0, 0))


def test_candidates_are_the_rules_span_the_run_under_a_byline_and_the_pages_best_runs() -> None:
    weights = [-8.0, 12.0, 10.0, -30.0, -30.0, 30.0, -1.0, 30.0, -10.0]
    decided = {0: Verdict("metadata", "byline"), 3: Verdict("dropped", "share_vocabulary"),
               4: Verdict("dropped", "share_vocabulary"), 8: Verdict("dropped", "share_vocabulary")}
    # The rules' span comes first; under the byline runs 1-2; the best run is 5-7, with it set aside 1-2.
    assert candidate_spans(weights, decided, (5, 7)) == [(5, 7), (1, 2)]
    # A dateline at 6 (a comment's stamp): the run under the byline also stops before it.
    decided[6] = Verdict("metadata", "dateline")
    weights[3:5] = [-1.0, -1.0]
    assert candidate_spans(weights, decided, (1, 7)) == [(1, 7), (1, 5), (7, 7)]


def test_a_model_that_trusts_the_byline_picks_the_short_entry_over_the_thread() -> None:
    lines, decided = judge_lines(_blog_page())
    rules_span = article_span(lines, decided)
    entry = next(i for i, line in enumerate(lines) if line.text == ENTRY[0])
    assert rules_span[0] == entry and rules_span[1] > entry + 10  # the rules alone run on into the thread
    spans = [span for span, _ in page_spans(lines, decided, rules_span)]
    assert (entry, entry + 1) in spans
    assert choose_span(lines, decided, rules_span, TRUSTS_BYLINE) == (entry, entry + 1)
    assert choose_span(lines[:30], decided, (0, 29), TRUSTS_BYLINE) == (0, 29)


def test_the_shipped_models_keep_the_entry_and_leave_the_thread_out() -> None:
    result = extract_text(_blog_page())
    assert result.body == "\n\n".join(ENTRY)
    assert result.metadata["title"] == "Ferry timetable changes on Monday"
    rules_only = extract_text(_blog_page(), skip=frozenset({"span_model", "line_model", "headline_model"}))
    assert "twenty years" in rules_only.body
