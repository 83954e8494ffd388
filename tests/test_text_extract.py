"""Plain-text extraction: golden cases written by us, named rules, and the record for --explain."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from converter.extract.language import detect_language
from converter.extract.text import extract_text
from converter.extract.text.layout import is_subhead
from converter.extract.text.lines import split_lines
from converter.extract.text.passes import apply_page_passes
from converter.extract.text.rules import apply_line_rules

CASES = sorted(p for p in (Path(__file__).parent / "cases").glob("text-*") if p.is_dir())


#: Cases whose body is right but whose headline is not yet: a headline over a one-sentence standfirst over a
#: byline gives the standfirst as the title (fresh-user trial 3, finding 1; a rule for it cost the corpus's
#: cross-validated titles and was not merged). Their expected metadata is the right one, kept as the goal.
HEADLINE_OVER_STANDFIRST = frozenset({"text-recipe"})


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_golden_case(case: Path) -> None:
    result = extract_text((case / "input.txt").read_text("utf-8"))
    assert result.body + "\n" == (case / "expected_body.md").read_text("utf-8")
    meta = {k: list(v) if isinstance(v, tuple) else v for k, v in result.metadata.items()}
    expected = json.loads((case / "expected_meta.json").read_text("utf-8"))
    if case.name in HEADLINE_OVER_STANDFIRST and meta != expected:
        assert meta["title"] == expected["subtitle"]  # the known miss, and only it
        pytest.xfail("headline over standfirst over byline: the standfirst is taken for the title")
    assert meta == expected


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_every_non_blank_line_has_a_decision(case: Path) -> None:
    text = (case / "input.txt").read_text("utf-8")
    result = extract_text(text)
    numbered = [n for n, line in enumerate(text.splitlines(), 1) if line.strip()]
    assert [d.line for d in result.decisions] == numbered
    assert all(d.rule for d in result.decisions)


@pytest.mark.parametrize(("lines", "verdicts"), [
    (["A teaser title", "A teaser title", "Read More"], ["teaser_card"] * 3),
    (["The quay at dawn", "The quay at dawn (Photo: Tomas Brand)"], ["repeated_line", "credited_caption"]),
    (["The quay at dawn", "The quay at dawn. Photograph: Tomas Brand"], ["repeated_line", "credited_caption"]),
    (["Read more", "Ferry fares to rise in spring", "Why the quay bus keeps running late"], ["teaser_list"] * 3),
    (["Lire aussi", "Les petits ports face au prix du gazole"], ["teaser_list"] * 2),
    (["À lire aussi :", "Les petits ports face au prix du gazole", "Un quai neuf pour le bac"], ["teaser_list"] * 3),
    (["Lesen Sie auch", "Die Fähre fährt wieder nach Fahrplan"], ["teaser_list"] * 2),
    (["Recommended", "Ferry fares to rise in spring", "Why the quay bus keeps running late"], ["teaser_list"] * 3),
    (["Read more: Ferry fares to rise in spring"], ["teaser_link"]),
    (["ALSO READ | Why the quay bus keeps running late"], ["teaser_link"]),
    (["See also: The harbour at night"], ["teaser_link"]),
    (["Related: Ferry fares to rise in spring"], ["teaser_link"]),
    (["Lire aussi : Les petits ports face au prix du gazole"], ["teaser_link"]),
    (["Lesen Sie auch: Die Fähre fährt wieder nach Fahrplan"], ["teaser_link"]),
    (["Leer más: El ferry vuelve a salir a su hora"], ["teaser_link"]),
    (["Read more – Ferry fares to rise in spring"], ["teaser_link"]),
    (["The ferry leaves the quay at dawn, before the fish market opens.", "Photograph: Tomas Brand/The Courier"],
     ["caption_above_credit", "credited_caption"]),
    (["Die Fähre legt im Morgengrauen am Kai an.", "Foto: Malte Berg/Tagblatt"],
     ["caption_above_credit", "credited_caption"]),
    (["Der Kai im Morgengrauen.", "Bild: Malte Berg"], ["caption_above_credit", "credited_caption"]),
    (["Recevez notre newsletter"], ["newsletter_vocabulary"]),
    (["Inscrivez-vous à la newsletter"], ["newsletter_vocabulary"]),
    (["Jetzt Newsletter abonnieren"], ["newsletter_vocabulary"]),
    (["Suscríbete a nuestro boletín"], ["newsletter_vocabulary"]),
    (["Inscrivez-vous à notre newsletter pour recevoir chaque matin les nouvelles du port et de la région."],
     ["newsletter_call_to_action"]),
    (["This article is over 3 years old"], ["status_vocabulary"]),
    (["Issue 512"], ["issue_number"]),
    (["By Ann Lee and Bo Chen"], ["byline"]),
    (["Updated: 14 January 2025"], ["dateline"]),
    (["6 min read"], ["reading_time"]),
    (["Advertisement"], ["advertisement_vocabulary"]),
    (["Accept all cookies"], ["consent_vocabulary"]),
    (["© 2024 Example Media Ltd"], ["copyright_line"]),
    (["34 comments"], ["comment_count"]),
    (["Leave a Reply"], ["comment_section"]),
    (["Ann Lee on May 3, 2024 at 4:47 pm said:"], ["comment_section"]),
    (["32M ago"], ["relative_time"]),
    (["Published 2 hours ago"], ["relative_time"]),
    (["We use cookies to improve your experience on this site; you can opt out at any time."],
     ["consent_call_to_action"]),
    (["https://example.org/images/lead.jpg"], ["bare_address"]),
    (["Previous Post"], ["post_navigation_vocabulary"]),
    (["Previous post: The harbour at night", "Next Post Why the ferry runs late"], ["post_link", "post_link"]),
    (["{ 12 comments… read them below or add one }"], ["comment_section"]),
    (["Enlarge This Image"], ["picture_control"]),
    (["View Slideshow"], ["picture_control"]),
    (["Image 3 of 12"], ["picture_control"]),
    (["* * *"], ["separator_line"]),
    (["————————————"], ["separator_line"]),
    (["Nathan 07.16.12 at 21:35"], ["comment_stamp"]),
    (["Paul A. Rubin 07.23.12 at 15:27"], ["comment_stamp"]),
    (["Jermaine 07 Nov 12"], ["comment_stamp"]),
    (["ann_lee | Posted at 12:57pm"], ["comment_stamp"]),
    (["Our museum is open every day of the week from April to October:", "Mondays from ten to four",
      "Weekends from nine to six"], ["introduced_list", "introduced_list"]),
    (["★★★★☆"], ["rating_line"]),
    (["Rating: 4/5"], ["rating_line"]),
    (["Our score: 8 out of 10"], ["rating_line"]),
    (["Lena Fischer / Environment correspondent"], ["byline"]),
    (["Lena Fischer, Environment correspondent"], ["byline"]),
    (["Lena Fischer", "Environment correspondent"], ["byline", "byline_role"]),
    (["Interview by Daniel Shaw"], ["byline"]),
    (["Words by Daniel Shaw"], ["byline"]),
    (["Arne Lind, boatbuilder, born 3 March 1935; died 14 November 2026"], ["life_dates"]),
    (["LONDON, 3 March 2026 —"], ["press_dateline"]),
    (["Media contact", "Joanna Price, Press Office", "press@example.org", "+44 1632 960 123"],
     ["contact_block"] * 4),
    (["ENDS"], ["release_end"]),
    (["- Ends -"], ["release_end"]),
])
def test_named_rules(lines: list[str], verdicts: list[str]) -> None:
    decided = apply_line_rules(split_lines("\n".join(lines)))
    assert [decided[i].rule for i in sorted(decided)] == verdicts


@pytest.mark.parametrize("line", [
    "El boletín oficial publicó ayer la nueva tarifa del ferry para los vecinos de la isla.",
    "Related to the harbour fire",
    "More",
    "Roll out the cookie dough and cut out the cookies with a round cutter, then bake them for ten minutes.",
])
def test_article_lines_with_one_furniture_word_stay_undecided(line: str) -> None:
    # One newsletter word in a sentence is not a call to action; "Related" opening a title and a bare
    # "More" (a menu's last item) are no header over a list of other stories.
    lines = split_lines(f"{line}\nFerry fares to rise in spring\nWhy the quay bus keeps running late")
    assert apply_line_rules(lines) == {}


@pytest.mark.parametrize("text", [
    # A paragraph longer than a caption above a credit line stays the article's.
    "The harbour master opened the new quay on a windy morning, and the fishing boats that had waited outside "
    "the breakwater all night came in one after another while the crew and their families watched.\n"
    "Photo: Tomas Brand",
    # A short line with a blank line between it and the credit is no caption of that picture.
    "The ferry leaves the quay at dawn, before the fish market opens.\n\nPhotograph: Tomas Brand",
    # A title above a gallery link is a teaser's; a figure's source under a sentence is no photo credit.
    "Ferry timetables for the winter season\nPHOTOS: The island ferry through the years",
    "The fare rose by a fifth in three years.\nSource: Eastport Ferry Company annual report",
    # "Read more" in a sentence, or followed by a whole paragraph, is no teaser link.
    "Read more about the new timetable on the council's website before you travel.",
    "Related: the council said on Monday that fares for islanders would stay at last year's level for the whole "
    "of the coming season, while visitors would pay two dollars more per crossing from May onwards.",
])
def test_lines_that_only_look_like_a_caption_or_a_teaser_link_stay_undecided(text: str) -> None:
    decided = apply_line_rules(split_lines(text))
    assert all(v.rule not in ("caption_above_credit", "teaser_link") for v in decided.values())
    assert 0 not in decided


def test_a_teaser_link_is_never_a_subhead() -> None:
    # Between two paragraphs, title-like: without its rule the layout would make it a "##" sub-head.
    lines = split_lines("The island ferry company will keep fares for residents at last year's level.\n"
                        "Read more: Ferry company posts first profit in a decade\n"
                        "The board said the higher fares would raise about a million dollars a year.")
    assert not is_subhead(lines, 1)
    body = extract_text("\n".join(line.text for line in lines)).body
    assert body == ("The island ferry company will keep fares for residents at last year's level.\n\n"
                    "The board said the higher fares would raise about a million dollars a year.")


def test_a_caption_and_its_credit_line_make_one_figure() -> None:
    text = ("The harbour master opened the new quay on a windy morning in front of the crew and their families.\n"
            "Die Fähre legt im Morgengrauen am Kai an.\n"
            "Foto: Malte Berg/Tagblatt\n"
            "Fishing boats had waited outside the breakwater for most of the night before it opened to them.")
    assert extract_text(text).body == (
        "The harbour master opened the new quay on a windy morning in front of the crew and their families.\n\n"
        "::: figure\nDie Fähre legt im Morgengrauen am Kai an. Foto: Malte Berg/Tagblatt\n:::\n\n"
        "Fishing boats had waited outside the breakwater for most of the night before it opened to them.")


def test_a_paragraph_above_a_read_more_list_is_the_articles() -> None:
    # The last sentence before a "Read more" header is not a teaser's title (it ends with a full stop);
    # the titles under the header, up to the blank line, are; the paragraph after it is the article's.
    text = ("The council voted 31 to 9 to build the bridge over the river after a long debate on Monday.\n\n"
            "One councillor said it was \"a vanity project for people who already have every advantage\".\n\n"
            "Read more\nRing road resurfacing pushed back to autumn\nWhy the town's buses keep running late\n\n"
            "Construction is due to start next spring, subject to a final review of the riverbank habitat.\n")
    decided = apply_line_rules(split_lines(text))
    assert {i: v.rule for i, v in decided.items()} == {2: "teaser_list", 3: "teaser_list", 4: "teaser_list"}


def test_page_pass_drops_paragraphs_run_together_and_cut_copies() -> None:
    first = "The harbour master opened the new quay on a windy morning in front of the crew."
    second = "Fishing boats had waited outside the breakwater for most of the night before it."
    cut = "The harbour master opened the new..."
    lines = split_lines("\n".join([first, second, f"{first} {second}", cut]))
    decided = {}
    apply_page_passes(lines, decided)
    assert {i: v.rule for i, v in decided.items()} == {2: "repeated_passage", 3: "repeated_passage"}


def test_a_line_repeated_exactly_is_not_a_copy() -> None:
    question = "What kind of cooking do you like best at home, and why that one?"
    lines = split_lines("\n".join([question, "Fish, always, because my father was a fisherman.", question]))
    decided = {}
    apply_page_passes(lines, decided)
    assert decided == {}


def test_a_rule_can_be_switched_off_by_name() -> None:
    text = "A headline for a test page\n\n" + PARAGRAPH + "\n\nAdvertisement\n\n" + PARAGRAPH + "\n"
    assert "Advertisement" not in extract_text(text).body
    decisions = extract_text(text, skip=frozenset({"furniture_vocabulary"})).decisions
    assert "advertisement_vocabulary" not in {d.rule for d in decisions}


PARAGRAPH = "This is a first paragraph that is long enough to count as text, and it ends like one. " * 2
LACKS_PERIOD = "Ministers and the army are accusing the ministry of negligence in its preparations for it"


def test_a_long_line_without_a_full_stop_stays_a_paragraph() -> None:
    text = (f"A headline for the test\n\n{PARAGRAPH}\n\n{LACKS_PERIOD}\n\n"
            "And a closing paragraph that also reads like ordinary article text for the reader.\n")
    assert f"\n\n{LACKS_PERIOD}\n\n" in extract_text(text).body


def test_crlf_tabs_and_non_breaking_spaces_read_as_plain_lines() -> None:
    text = f"A headline\tfor the test\r\n\r\n{PARAGRAPH}\r\n\u00a0\r\nThe\u00a0end of it, said plainly.\r\n"
    result = extract_text(text)
    assert result.metadata["title"] == "A headline for the test"
    assert result.body == f"{PARAGRAPH.strip()}\n\nThe end of it, said plainly."
    assert [d.line for d in result.decisions] == [1, 3, 5]


def test_a_huge_single_line_and_a_long_page_are_fast() -> None:
    import time

    start = time.perf_counter()
    assert extract_text("word " * 200_000).body.startswith("word word")
    extract_text("\n".join(["Menu", "Home", PARAGRAPH, "Read More", "A short title line"] * 800))
    extract_text("Sign up\nEnter your email address\nSubscribe\n" * 2000)  # one run of box lines, no box
    # A guard against quadratic work (minutes on these inputs), not a speed figure (that is bench/'s): about
    # 0.5 s on an idle machine, so the bound holds on a shared one at any load.
    assert time.perf_counter() - start < 10.0


def test_empty_and_whitespace_input_give_an_empty_body() -> None:
    assert extract_text("").body == ""
    assert extract_text(" \n\t\n").decisions == ()


@pytest.mark.parametrize(("text", "language"), [
    ("The ferry is one of the oldest in the country and it was saved by the town.", "en"),
    ("Le bac est le plus ancien du pays et il a été sauvé par les habitants de la ville.", "fr"),
    ("Die Fähre ist die älteste im Land und sie wurde von der Stadt und den Bürgern gerettet.", "de"),
    ("El ferry es el más antiguo del país y fue salvado por los vecinos de la ciudad.", "es"),
    ("Паром был спасён жителями города.", "ru"),
    ("フェリーは町の人々によって救われた。", "ja"),
    ("ok", ""),
])
def test_detect_language(text: str, language: str) -> None:
    assert detect_language(text) == language


# Sign-up boxes inside the article (passes.sign_up_boxes); the golden cases text-sign-up-box-{en,de,fr} hold
# whole pages. These pin what is a box and what only looks like one.
_BEFORE = "The harbour board met on Monday to discuss the winter timetable for the island ferry.\n\n"
_AFTER = "\n\nThe board will publish the new timetable in the first week of December, after a vote."


def _body(middle: str) -> str:
    return extract_text(_BEFORE + middle + _AFTER).body


@pytest.mark.parametrize("box", [
    "Sign up to our newsletter\nEnter your email address\nSubscribe",
    "Advertisement\n\nNewsletter\nThe day's news from the coast, in your inbox every morning.\nSign up",
    "Anzeige\n\nNewsletter\nJeden Morgen die wichtigsten Nachrichten per E-Mail.\nJetzt anmelden",
    "Newsletter\nRecevez l'essentiel de l'actualité.\nVotre adresse e-mail\nJe m’inscris",
    "Boletín\nTu correo electrónico\nSuscríbete",
    "Iscriviti alla newsletter\nIl tuo indirizzo email\nIscriviti",
    "Nieuwsbrief\nJe e-mailadres\nAanmelden",
    "Newsletter\nSeu e-mail\nInscreva-se",
])
def test_a_sign_up_box_goes_as_a_block_and_the_article_goes_on(box: str) -> None:
    assert _body(box) == _BEFORE.strip() + _AFTER


def test_a_consent_sentence_in_a_box_does_not_end_the_article() -> None:
    # Alone, "you consent ... privacy policy" is a wall the article never crosses (consent_call_to_action).
    box = "Sign up for our weekly email\nSubscribe\nBy subscribing you consent to our privacy policy."
    assert _body(box) == _BEFORE.strip() + _AFTER


@pytest.mark.parametrize(("line", "rule"), [
    ("Subscribe", "newsletter_vocabulary"), ("Anzeige", "ad_label"), ("Publicité", "ad_label"),
    ("- Werbung -", "ad_label"), ("Publicidad", "ad_label"),
])
def test_a_lone_call_or_ad_label_is_dropped_never_a_heading(line: str, rule: str) -> None:
    result = extract_text(_BEFORE + line + _AFTER)
    assert result.body == _BEFORE.strip() + _AFTER
    assert [d.rule for d in result.decisions if d.text == line] == [rule]


@pytest.mark.parametrize("middle", [
    # Ad labels alone make no box: the paragraph between two of them is the article's.
    "Advertisement\n\nThe ferry will run every two hours.\n\nAdvertisement",
    # A bulleted list about email is article text.
    "- Never share your email address\n- Unsubscribe from lists you never read\n- Sign up with a spare address",
    # One box phrase in a paragraph is no box.
    "Readers of the board's newsletter were told about the change in October.",
])
def test_what_only_looks_like_a_box_stays(middle: str) -> None:
    kept = [line for line in middle.split("\n") if line and line != "Advertisement"]
    body = _body(middle)
    assert all(line in body for line in kept)
    assert all(d.rule != "sign_up_box" for d in extract_text(_BEFORE + middle + _AFTER).decisions)


@pytest.mark.parametrize("line", ["Doors open at 7:30", "The meeting starts on 12.3.24", "Halfway - 1:13:13",
                                  "07.14.12 at 15:54"])
def test_a_time_in_the_text_is_no_comment_stamp(line: str) -> None:
    # A stamp is a name (a handle, or capitalised words) and then only a date or time in figures.
    assert all(v.rule != "comment_stamp" for v in apply_line_rules(split_lines(line)).values())


def test_a_rule_between_sections_is_bridged_and_no_menu() -> None:
    # Sub-heads between rules ("————") are no menu of three short lines, and the article goes on past them.
    text = ("The harbour board met on Monday to discuss the winter timetable for the island ferry.\n\n"
            "————\nThe vote\n————\n\n"
            "The board will publish the new timetable in the first week of December, after a vote.")
    result = extract_text(text)
    assert result.body == ("The harbour board met on Monday to discuss the winter timetable for the island ferry."
                           "\n\n## The vote\n\nThe board will publish the new timetable in the first week of "
                           "December, after a vote.")
    assert [d.rule for d in result.decisions if d.text == "————"] == ["separator_line"] * 2


# Lists under an introducing line (rules.introduced_list); the golden case text-list-after-label holds the
# whole shapes (a blank line under the label, a 2-word label over bullets, long bulleted sentences).
def _list_rules(text: str) -> list[str]:
    lines = split_lines(text)
    decided = apply_line_rules(lines)
    return [decided[i].rule if i in decided else "" for i in range(len(lines))]


def test_a_list_may_stand_a_blank_line_under_its_sentence() -> None:
    text = "The harbour board lists its dates for the spring:\n\nMonday 7 April\nTuesday 15 April\n"
    assert _list_rules(text) == ["", "introduced_list", "introduced_list"]


def test_a_short_label_introduces_only_bulleted_items() -> None:
    bulleted = "BUG FIXES:\n- The winter drift of up to 4 centimetres is gone.\n- The display no longer freezes.\n"
    assert _list_rules(bulleted) == ["", "introduced_list", "introduced_list"]
    assert _list_rules("More from the harbour:\nNew buoys for the channel\nWhy the pier lights flicker\n")[1:] \
        == ["", ""]


@pytest.mark.parametrize("text", [
    "Related to this story:\nNew buoys for the outer channel\nWhy the pier lights flicker\n",
    "See other posts tagged with these words:\nharbour,\nbuoys,\npier\n",
    "Fill in your details below to reply:\nName (required)\nLeave a Reply\n",
])
def test_furniture_over_short_lines_makes_no_list(text: str) -> None:
    assert "introduced_list" not in _list_rules(text)


def test_a_box_printed_twice_on_the_page_is_no_list() -> None:
    box = "Buy the harbour guide from these shops:\nQuay Books\nThe Chart Room\n"
    assert "introduced_list" not in _list_rules(box + "The Harbour Guide\n" + box)


def test_a_sub_head_the_line_model_kept_keeps_its_paragraph() -> None:
    """The line model drops the last paragraph before a teaser list by its position while it keeps the
    paragraph's head; ``paragraph_under_kept_head`` gives the head its text back. Nothing else moves."""
    from converter.extract.text.decide import Analysis, keep_paragraphs_under_kept_heads
    from converter.extract.text.rules import Verdict

    lines = split_lines("10. Tren de la Fresa, Spain\nThe strawberry train runs on weekends in spring, with "
                        "strawberries on board.\nRead more\nShort line that is not a sentence at all\n")
    dropped = Verdict("dropped", "line_model_dropped (position, starts_upper)")
    page = Analysis(lines, {0: Verdict("heading", "subhead_between_paragraphs"), 1: dropped, 2: dropped,
                            3: dropped}, {}, (0, 1), None)
    keep_paragraphs_under_kept_heads(page)
    assert [page.decided[i] for i in range(4)] == [Verdict("heading", "subhead_between_paragraphs"),
                                                   Verdict("kept", "paragraph_under_kept_head"), dropped, dropped]


def test_an_ingredient_list_needs_its_head_and_short_lines() -> None:
    """``recipe_parts`` reads "Ingredients" and the lines right under it; a menu without the head, or a
    head over sentences, stays the menu pass's."""
    menu = "Ingredients\nRecipes\nDinner\nBaking\n\nFlour is the heart of every loaf of bread we bake here.\n"
    text = ("Ingredients\n500g strong white flour\n75g caster sugar\n1 egg\n\n"
            "Mix everything in a large bowl and knead it for ten minutes until smooth.\n")
    result = extract_text(text)
    assert result.body.splitlines()[:4] == ["## Ingredients", "", "- 500g strong white flour", "- 75g caster sugar"]
    rules = {d.text: d.rule for d in extract_text(menu).decisions}
    assert rules["Dinner"] == "navigation_run"


@pytest.mark.parametrize("line", ["Contact", "Helen Marsh, Eastwick", "Marit Olsen",
                                  "Rating agencies cut the bank to 3/5"])
def test_shapes_near_the_new_rules_stay_undecided(line: str) -> None:
    # A menu's "Contact" heads no contact block without details under it; a letter's signature names a
    # place, not a job; a sentence about ratings is no score.
    assert apply_line_rules(split_lines(f"{line}\nFerry fares to rise in spring")) == {}


def test_a_byline_value_names_the_writer_without_by() -> None:
    decided = apply_line_rules(split_lines("Lena Fischer\nEnvironment correspondent"))
    assert decided[0].value == ("Lena Fischer",)
    decided = apply_line_rules(split_lines("Interview by Daniel Shaw"))
    assert decided[0].value == ("Daniel Shaw",)
