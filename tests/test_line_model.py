"""The learned layer of the text extractor: the shipped model files, sequence decoding, named signals."""

from __future__ import annotations

import math

import pytest

from converter.extract.text import analyse, extract_text
from converter.extract.text import model as line_model
from converter.extract.text.features import page_features, thread_counts

PARAGRAPH = ("The harbour board met on Tuesday evening and agreed, after a long debate, that the old quay "
             "would be repaired before the winter storms arrive.")


@pytest.mark.parametrize("name", ["lines", "title", "span"])
def test_the_shipped_models_load_and_are_small(name: str) -> None:
    model = line_model.shipped(name)
    assert model is not None and model["format"] == line_model.FORMAT
    assert 10 <= len(model["weights"]) <= 400
    assert all(isinstance(w, float) for w in model["weights"].values())


def test_viterbi_keeps_a_run_and_bridges_one_doubtful_line() -> None:
    model = {"prior": 0.3, "transitions": [[0.95, 0.05], [0.1, 0.9]]}
    posteriors = [0.05, 0.1, 0.9, 0.95, 0.25, 0.9, 0.92, 0.05, 0.02]
    assert line_model.decode(model, posteriors) == [False, False, True, True, True, True, True, False, False]
    assert line_model.decode(model, []) == []


def test_trimming_cuts_the_rules_article_at_the_models_run_and_keeps_its_inside() -> None:
    rules_keep = [False, True, True, True, True, True, True, False]
    posteriors = [0.9, 0.2, 0.8, 0.3, 0.05, 0.7, 0.3, 0.9]
    # Line 1 is before the model's first kept line, 6 after its last: trimmed. Inside, 3 (0.3) stays and
    # 4 (0.05, under 0.5 - 0.4) goes; lines the rules dropped (0, 7) stay dropped whatever the model says.
    assert line_model.trim(posteriors, rules_keep, 0.5, 0.4) == [
        False, False, True, True, False, True, False, False]
    assert line_model.trim([0.2, 0.3], [True, True], 0.5, 0.4) == [False, False]
    assert line_model.smoothed([0.0, 1.0, 0.0], 0.5) == [0.0, 0.5, 0.0]


def test_features_carry_the_rules_names_and_the_shape_of_the_line() -> None:
    page = analyse(f"Alpha\nBeta\nGamma\nA headline of the day\n{PARAGRAPH}\n{PARAGRAPH} Again.\n")
    features = page_features(page.lines, page.decided, page.rule_of, page.span, page.title)
    assert features[0]["rule:navigation_run"] == 1.0 and features[0]["in_span"] == 0.0
    assert features[4]["verdict:kept"] == 1.0 and features[4]["sentence_end"] == 1.0
    assert features[4]["stop_density"] > 0.3


def test_a_model_that_drops_everything_says_which_signals_decided() -> None:
    text = f"A headline of the day\n{PARAGRAPH}\n{PARAGRAPH} Again.\n" + "".join(
        f"{PARAGRAPH} Line {n}.\n" for n in range(40))
    drop_all = {"format": 1, "weights": {"bias": -9.0, "sentence_end": -1.0}, "prior": 0.5,
                "transitions": [[0.5, 0.5], [0.5, 0.5]]}
    with line_model.using({"lines": drop_all, "title": None}):
        result = extract_text(text)
    assert result.body == ""
    assert [d.rule for d in result.decisions][1:] == ["line_model_dropped (sentence_end)"] * 42
    assert extract_text(text, skip=frozenset({"line_model", "headline_model"})).body.startswith("The harbour")


def test_a_thread_of_reader_comments_is_counted_after_the_article() -> None:
    # Each comment under the article opens with its writer's stamp ("Bo Chen on May 3, 2024 at 4:47 pm",
    # "Reply") or the writer's name alone between paragraphs; the line model reads how many stand before a
    # line, and whether a "Comments" header does. The article's own byline, above its first paragraph,
    # counts for nothing.
    comment = "I read this twice and I still think the harbour board should have listened to the crews."
    text = "\n".join([
        "By Ann Lee", PARAGRAPH, PARAGRAPH + " Again.", "Comments",
        "Bo Chen on May 3, 2024 at 4:47 pm", comment, "Reply",
        "Cy Diaz on May 4, 2024 at 9:02 am", comment + " Twice.", "Dee", comment + " Thrice.",
    ])
    page = analyse(text)
    prose = [float(line.sentence and line.words >= 8) for line in page.lines]
    assert thread_counts(page.lines, page.rule_of, prose, page.span[0]) == (
        [0, 0, 0, 0, 1, 2, 2, 3, 4, 4, 4], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1])
    features = page_features(page.lines, page.decided, page.rule_of, page.span, page.title)
    assert "log_stamps_before" not in features[3] and features[5]["log_stamps_before"] == pytest.approx(math.log(3))
    assert [i for i, f in enumerate(features) if f.get("after_comment_header")] == list(range(4, 11))


def test_a_run_of_headlines_is_measured_and_a_sub_head_is_not_one() -> None:
    from converter.extract.text.features import title_run_lengths
    from converter.extract.text.lines import split_lines

    lines = split_lines("\n".join([PARAGRAPH, "Repairs Begin On The North Quay", PARAGRAPH,
                                   "8 Best Harbours For A Winter Walk", "Why The Pier Lights Flicker At Night",
                                   "New Buoys Mark The Outer Channel", PARAGRAPH]))
    assert title_run_lengths(lines) == [0, 1, 0, 3, 3, 3, 0]


def test_the_lede_above_a_byline_is_found_only_under_a_headline() -> None:
    from converter.extract.text import judge_lines
    from converter.extract.text.span import lede_over

    lede = "A smaller ferry will join the harbour fleet in September, the board said on Tuesday."
    lines, decided = judge_lines("\n".join(["The Harbour Gets A Second Ferry", lede, "By Ann Lee", PARAGRAPH]))
    assert decided[2].rule == "byline" and lede_over(lines, decided, 2) == 1
    lines, decided = judge_lines("\n".join([PARAGRAPH, lede, "By Ann Lee", PARAGRAPH]))
    assert lede_over(lines, decided, 2) is None
