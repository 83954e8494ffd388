"""The headline of a text scrape: the line the body follows, not the first big line.

Every page here is written by us in the shapes real scrapes have: menus and section names above the
headline, a notice about a video, the document title with the site's name at the top, a standfirst
under the headline, teasers for other stories before the article, a breadcrumb trail. The shipped
headline model must pick the headline on each (the model runs on pages of 20 lines or more).
"""

from __future__ import annotations

import pytest

from converter.extract.text import analyse, extract_text
from converter.extract.text.headline import MIN_LINES, headline_view, is_quote_line, page_candidates
from converter.extract.text.metadata import is_date_line

BODY = [
    "The old ferry across the estuary made its last crossing on Sunday morning, watched by a crowd of "
    "several hundred people who had come down to the slipway before dawn.",
    "For ninety years the boat carried farmers, schoolchildren and their bicycles between the two villages, "
    "and the ferry's closure leaves a drive of forty minutes around the head of the estuary.",
    "The council said the ferry's hull could not be repaired at a cost the villages could bear, and that a "
    "new boat would need a new slipway on both banks as well.",
    "Residents have formed a trust to raise the money for a replacement ferry, and say they have already been "
    "promised a third of it by families on both sides of the water.",
    "The ferry's last skipper, who has worked the crossing for twenty-two years, said he would keep the "
    "timetable pinned up in the hut until the new boat arrives.",
]
HEADLINE = "Estuary ferry makes its final crossing after ninety years"
STANDFIRST = "Villagers gathered before dawn to see the boat off, and a trust hopes to replace it within two years."
MENU = ["Home", "News", "Sport", "Business", "Opinion", "Culture", "Travel", "Today's Paper"]


def lines_of(*parts: list[str] | str) -> str:
    out: list[str] = []
    for part in parts:
        out += [part] if isinstance(part, str) else part
    assert len(out) >= MIN_LINES, "the model only runs on whole pages"
    return "\n\n".join(out) + "\n"


def title_of(text: str) -> str:
    return str(extract_text(text).metadata.get("title", ""))


def test_menus_and_notices_above_the_headline_are_not_it() -> None:
    text = lines_of(MENU, ["About this content", "Sign in", "Subscribe",
                           "This video can not be played", "Watch: the last crossing at dawn",
                           HEADLINE, "By Maren Holt", "Sunday 3 March 2024"], BODY,
                    ["Share this article", "More from News", "Contact us", "Terms of use"])
    assert title_of(text) == HEADLINE


def test_notices_between_the_headline_and_the_body_are_not_it() -> None:
    text = lines_of(MENU, ["Sign in", "Subscribe", HEADLINE, "By Maren Holt", "Sunday 3 March 2024",
                           "Watch: the last crossing at dawn", "This video can not be played",
                           "About this content"], BODY, ["Share this article", "Contact us", "Terms of use"])
    assert title_of(text) == HEADLINE


def test_the_document_title_at_the_top_names_the_headline_without_the_site() -> None:
    text = lines_of([f"{HEADLINE} | The Estuary Courier"], MENU, ["Sign in", "Local news"],
                    [HEADLINE, STANDFIRST, "By Maren Holt", "3 March 2024"], BODY, ["Contact us", "Terms of use"])
    result = extract_text(text)
    assert result.metadata["title"] == HEADLINE
    assert result.body.startswith(BODY[0][:40])


def test_a_standfirst_under_the_headline_is_not_the_headline() -> None:
    text = lines_of(MENU, ["Sign in", "Local news", HEADLINE, STANDFIRST, "Maren Holt", "3 March 2024"], BODY,
                    ["Share", "Contact us", "Terms of use"])
    assert title_of(text) == HEADLINE


def test_a_longer_deck_under_the_headline_is_not_the_headline() -> None:
    deck = "Villagers gathered on the slipway before dawn to see the old boat off, and a trust hopes to replace it"
    headline = "Last crossing for the estuary ferry"
    text = lines_of(MENU, ["Sign in", "Local news", headline, deck, "Maren Holt", "3 March 2024"], BODY,
                    ["Share", "Contact us", "Terms of use"])
    assert title_of(text) == headline


def test_a_deck_in_sentence_case_without_its_full_stop_right_under_the_headline_is_not_it() -> None:
    """``is_deck``, loose: a trade site's story prints its headline in sentence case, the deck right under
    it as a sentence without a full stop, then the byline and the service."""
    headline = "Ferry service ends after ninety years"
    deck = "The council said the old ferry hull could not be repaired at a cost the two villages could bear"
    text = lines_of(MENU, ["View all sections", "Home / Local / News / Ferry service ends after ninety...",
                           "March 3, 2024", headline, deck, "By Maren Holt | Harbour News Service", "Print|"],
                    BODY, ["Share", "Contact us", "Terms of use"])
    assert title_of(text) == headline


def test_teasers_for_other_stories_before_the_article_are_not_its_headline() -> None:
    teasers = [
        "Harbour wall repairs to start in spring",
        "The council has approved the money for the work, which will close the quay for six weeks.",
        "Lifeboat crew rescues two walkers cut off by the tide",
        "The pair were stranded on a sandbank for an hour before the crew reached them.",
    ]
    text = lines_of(MENU, ["Latest stories"], teasers, ["Sign in", HEADLINE, "3 March 2024"], BODY,
                    ["Contact us", "Terms of use"])
    assert title_of(text) == HEADLINE


@pytest.mark.parametrize("crumbs", [f"Home > News > {HEADLINE}", f"You are here: Home » Local » {HEADLINE}"])
def test_a_breadcrumb_ending_in_the_headline_is_not_the_headline(crumbs: str) -> None:
    text = lines_of(MENU, [crumbs, "Sign in", HEADLINE, "By Maren Holt", "3 March 2024"], BODY,
                    ["Contact us", "Terms of use"])
    assert title_of(text) == HEADLINE


@pytest.mark.parametrize("text, dated", [
    ("08/01/2008 11:13", True), ("Posted on: 17-01-2008", True), ("October 28, 2012", True),
    ("Thursday, January 3, 2008 - 12:01 PM", True), ("Estuary ferry makes its final crossing", False),
    ("Ferry timetable for 2008 - October 28, 2012 - Estuary Trust", False), ("Windows 8", False),
])
def test_a_line_that_only_dates_the_page_is_never_a_candidate(text: str, dated: bool) -> None:
    """A date and at most three words around it ("Posted on: 17-01-2008") is a date line, never the
    headline; a headline with a date in it stays a candidate."""
    assert is_date_line(text) is dated


@pytest.mark.parametrize("text, quote", [
    ("XYZ HOLDINGS INC. 225.86 -12.99 -5.44%", True), ("Dow +1.2% Nasdaq -0.4%", True),
    ("Shares fall 5.4% as ferry operator warns on profits", False), ("Estuary ferry fares up 12-15%", False),
    ("Windows 8.1 - the review", False),
])
def test_a_line_of_market_figures_is_never_a_candidate(text: str, quote: bool) -> None:
    """Two signed figures make a quote line (a ticker), never the headline; a headline's figures have no sign."""
    assert is_quote_line(text) is quote


def test_the_explain_record_names_the_headline_signals() -> None:
    text = lines_of(MENU, ["About this content", "Sign in", HEADLINE, "By Maren Holt", "3 March 2024"], BODY,
                    ["Contact us", "Terms of use"])
    [decision] = [d for d in extract_text(text).decisions if d.verdict == "title"]
    assert decision.text == HEADLINE
    assert decision.rule.startswith(("headline_model (", "headline_before_article"))


STANDFIRST_UNSTOPPED = "Villagers gathered before dawn to see the boat off and a trust hopes to replace it soon"
STAMPS = "Published 3 March 2024, 07:30 GMT | Updated 3 March 2024, 11:05 GMT"


@pytest.mark.parametrize("header", [
    [HEADLINE, "By Maren Holt", STAMPS],
    [HEADLINE, STANDFIRST_UNSTOPPED, "By Maren Holt", STAMPS],
    [HEADLINE, STANDFIRST_UNSTOPPED, "By Maren Holt", "Published 3 March 2024, 07:30 GMT"],
])
def test_a_page_that_starts_with_its_headline_keeps_it_over_the_stamps_and_the_standfirst(
        header: list[str]) -> None:
    """The headline on the first line, then (a standfirst without its full stop,) the byline and a dateline
    of publication and update: neither the dateline nor the longer standfirst is the headline. A short page
    (fewer lines than the headline model needs: the layout rules choose)."""
    result = extract_text("\n\n".join([*header, *BODY]) + "\n")
    assert result.metadata.get("title") == HEADLINE
    assert result.metadata.get("date") == "2024-03-03"
    assert result.metadata.get("subtitle", STANDFIRST_UNSTOPPED) == STANDFIRST_UNSTOPPED
    assert STAMPS not in result.body and HEADLINE not in result.body


INITIALISM_HEADLINE = "Estuary ferry makes its final crossing on the coast of N.Y.C."


def test_a_final_initialism_does_not_end_a_sentence_for_the_headline_model() -> None:
    page = analyse(lines_of(MENU, ["Travel", INITIALISM_HEADLINE, "By Maren Holt", "Sunday 3 March 2024"], BODY,
                            ["Share this article", "Contact us", "Terms of use"]))
    i = next(j for j, line in enumerate(page.lines) if line.text == INITIALISM_HEADLINE)
    assert page.lines[i].sentence  # the rules read its final full stop as a sentence's
    view = headline_view(page)
    assert not view.lines[i].sentence and view.lines[i].headline_like
    assert all(view.lines[j] is line for j, line in enumerate(page.lines) if j != i)
    features = dict(page_candidates(page))[i]
    assert (features["full_stop"], features["sentence_end"], features["headline_like"]) == (0.0, 0.0, 1.0)
    assert title_of(lines_of(MENU, ["Travel", INITIALISM_HEADLINE, "By Maren Holt", "Sunday 3 March 2024"], BODY,
                             ["Share this article", "Contact us", "Terms of use"])) == INITIALISM_HEADLINE
    plain = analyse(lines_of(MENU, ["Travel", HEADLINE, "By Maren Holt", "Sunday 3 March 2024"], BODY,
                             ["Share this article", "Contact us", "Terms of use"]))
    assert headline_view(plain) is plain


def test_byline_below_names_the_line_over_the_byline_not_a_label_or_a_caption_under_it() -> None:
    caption = "Photo: the ferry at the slipway"
    page = analyse(lines_of(MENU, ["Travel", "Sign in", "Subscribe", "Share this article", "Print", HEADLINE,
                                   STANDFIRST, "By Maren Holt", "Sunday 3 March 2024", caption], BODY,
                            ["More from News", "Contact us", "Terms of use"]))
    text_of = {page.lines[i].text: f["byline_below"] for i, f in page_candidates(page)}
    assert text_of[HEADLINE] == 1.0  # over a standfirst (one paragraph) over the byline
    assert text_of[caption] == 0.0  # under it
