"""Line rules: each recognises one shape of page furniture or article structure.

``LINE_RULES`` runs in order over every line not yet decided; the first rule that answers decides.
A rule returns a ``Verdict`` for the line (and may decide its neighbours, e.g. a teaser card's three
lines). Rules never name a site: they read shapes every page shares.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from converter.extract import bylines
from converter.extract.text import metadata as meta
from converter.extract.text.lines import Line
from converter.extract.text.vocabulary import (
    call_to_action_of,
    is_ad_label,
    is_related_header,
    is_related_link,
    mentions_related,
    vocabulary_of,
)
from converter.markdown.captions import CREDIT_WORDS

#: "Read More", "Continue reading", "Read the full story" under a teaser's title.
TEASER_CALL = re.compile(
    r"^(?:read more|continue reading|read the (?:full )?(?:story|article)|more)\s*[›»>→]*$", re.I)
#: A photo credit: "(Pic: X)", "(Photo: X)", "Photo: X", "Credit: X", "Image: X", "Photograph: X".
CREDIT = re.compile(rf"\({CREDIT_WORDS}\s*[:/]|^{CREDIT_WORDS}\s*:|"
                    r"\b(?:photo|photograph|image|picture)\s*:\s*\S", re.I)
#: "32M ago", "2 hours ago", "Published 1 day ago": the age of a teaser in a list of other stories.
RELATIVE_TIME = re.compile(
    r"^(?:(?:published|updated|posted)\s+)?\d{1,3}\s*"
    r"(?:[mhd]|mins?|minutes?|hrs?|hours?|days?|weeks?|months?|years?)\s+ago$", re.I)
#: Where reader comments begin: "12 Comments", "3 thoughts on ...", "{ 94 comments… read them below }",
#: "Leave a Reply", "Comments are closed".
COMMENT_SECTION = re.compile(
    r"^[\[({]?\s*(?:\d+\s+(?:comments?|responses?|replies|thoughts)\b|leave a (?:reply|comment)\b|"
    r"comments are closed|join the discussion|add a comment|post a comment)", re.I)
#: A comment's header: "Ann on May 3, 2024 at 4:47 pm said:", "Bo says:".
COMMENT_HEADER = re.compile(r"\b(?:said|says|wrote|writes)\s*:$", re.I)
#: A link to the blog's previous or next entry, with its title: "Previous post: The kingdom of this world",
#: "Next Post Six ways to rest", "« Previous: Adds BBM support".
POST_LINK = re.compile(r"^[«‹<←]?\s*(?:previous|next|older|newer)(?: (?:post|entry|article|story)\b|\s*[:»›>→])",
                       re.I)
#: A web address on its own (hidden metadata a scraper dump keeps).
WEB_ADDRESS = re.compile(r"^(?:https?://|www\.)\S+$", re.I)
#: List items without bullets are at most this many words (a longer line is a paragraph lacking its period).
LIST_ITEM_WORDS = 12
#: Bullets a scrape keeps in front of list items.
BULLET = re.compile(r"^[•·▪◦‣●○\-*–]\s+")


@dataclass(frozen=True)
class Verdict:
    """What a rule decided for one line."""

    verdict: str
    rule: str
    value: object = None
    """What a metadata rule found (a date, names, an issue number)."""


Decided = dict[int, Verdict]
Rule = Callable[[list[Line], int, Decided], Verdict | None]


def separator_line(lines: list[Line], i: int, decided: Decided) -> Verdict | None:
    """A line with no letter or digit: a rule between sections ("* * *", "————", "~~~"). Dropped; the article
    span passes over it at no cost (``segment``), and it neither makes nor breaks a menu (``passes``)."""
    return None if any(map(str.isalnum, lines[i].text)) else Verdict("dropped", "separator_line")


#: A review's score in stars ("★★★★☆", "★★★½", "4/5 ★★★★☆"): three or more star glyphs, maybe a figure.
STARS = re.compile(r"^(?=(?:[^★☆✩✪✫✬✭✮✯⭐]*[★☆✩✪✫✬✭✮✯⭐]){3})[★☆✩✪✫✬✭✮✯⭐½\s\d/().]+$")
#: A review's score with its label: "Rating: 4/5", "Our score: 8 out of 10", "Verdict: 3.5/5 stars".
RATING = re.compile(r"^(?:(?:our|overall|the)\s+)?(?:rating|score|verdict|stars)\s*[:\-–—]?\s*\d{1,3}(?:[.,]\d)?"
                    r"\s*(?:/|out of)\s*\d{1,3}(?:\s*stars?)?\.?(?:\s*[★☆✩✪✫✬✭✮✯⭐½]+)?$", re.I)


def rating_line(lines: list[Line], i: int, decided: Decided) -> Verdict | None:
    """A review's score: stars alone (``STARS``, which has no letter, so ``separator_line`` would drop it) or
    a labelled score ("Rating: 4/5", ``RATING``, which reads as a sub-head). Kept as one line of the body."""
    text = lines[i].text
    return Verdict("kept", "rating_line") if STARS.match(text) or RATING.match(text) else None


#: An obituary's closing line of life dates: "Arne Lind, boatbuilder, born 3 March 1935; died 14 November 2026".
LIFE_DATES = re.compile(r"\bborn\b[^;]*?\d[^;]*[;,–—-]\s*died\b", re.I)


def life_dates(lines: list[Line], i: int, decided: Decided) -> Verdict | None:
    """An obituary's life dates ("..., born 3 March 1935; died 14 November 2026", ``LIFE_DATES``): the end
    of the article, not its dateline (it holds two dates, neither the page's)."""
    return Verdict("kept", "life_dates") if lines[i].words <= 40 and LIFE_DATES.search(lines[i].text) else None


#: A name and the writer's job on one line: "Lena Fischer / Environment correspondent", "Lena Fischer, Reporter".
_NAME_ROLE_SEPARATOR = re.compile(r"\s*(?:\s/|\s\||,|\s[–—-])\s+")


def unmarked_byline(lines: list[Line], i: int, decided: Decided) -> Verdict | None:
    """A byline without "By": a name alone (``metadata.is_name_alone``) and the writer's job on the next
    line ("Lena Fischer" / "Environment correspondent", ``bylines.is_role_line``) or after a separator on the
    same line ("Lena Fischer / Environment correspondent", "Lena Fischer, Environment correspondent"). The
    name is a ``byline``, its job line a ``byline_role``; both leave the body."""
    text = lines[i].text
    parts = _NAME_ROLE_SEPARATOR.split(text, maxsplit=1)
    if (len(parts) == 2 and meta.is_name_alone(parts[0]) and bylines.is_role_line(parts[1])
            and _set_apart(lines, i, i)):  # not a staff box's line ("Path Publishing" / "Ann Lee, Editor")
        names = bylines.clean_names(parts[0])
        return Verdict("metadata", "byline", names) if names else None
    nxt = lines[i + 1] if i + 1 < len(lines) else None
    if (nxt is None or nxt.number != lines[i].number + 1 or i + 1 in decided or not meta.is_name_alone(text)
            or not bylines.is_role_line(nxt.text) or meta.BYLINE.match(nxt.text) or not _set_apart(lines, i, i + 1)):
        # (a headline over "By staff writers" is no name over a job)
        return None
    names = bylines.clean_names(text)
    if not names:
        return None
    decided[i + 1] = Verdict("metadata", "byline_role")
    return Verdict("metadata", "byline", names)


def _set_apart(lines: list[Line], first: int, last: int) -> bool:
    """Lines ``first`` to ``last`` stand apart from a menu: a blank line (or the page's edge) above, and below
    a blank line, the page's end or a date ("Updated 2 hours ago"); a menu runs its short lines on."""
    above = first == 0 or lines[first - 1].number < lines[first].number - 1
    below = (last + 1 >= len(lines) or lines[last + 1].number > lines[last].number + 1
             or bool(RELATIVE_TIME.match(lines[last + 1].text)) or meta.is_date_line(lines[last + 1].text))
    return above and below


#: The head of a press release's contact block: "Media contact", "Press enquiries:", "For more information,
#: contact:" (not "Contact" alone, a menu's link).
CONTACT_HEAD = re.compile(r"^(?:(?:media|press|news|newsroom|investor|journalist)s?\s+(?:contacts?|enquiries|inquiries|"
                          r"relations|office)|(?:for\s+(?:further|more)\s+information|further\s+information)"
                          r"(?:,?\s+(?:please\s+)?contact)?)\s*:?$", re.I)
#: A contact's e-mail address or telephone number.
CONTACT_DETAIL = re.compile(r"\S+@\S+\.\w+|(?:\+|\b0)\d[\d ()./-]{6,}\d|\b(?:tel|phone|mobile|t|m)\s*[:.]\s*\+?\d",
                            re.I)
#: A contact block has at most this many lines under its head, each at most ``CONTACT_LINE_WORDS`` words.
CONTACT_LINES = 8
CONTACT_LINE_WORDS = 12


def contact_block(lines: list[Line], i: int, decided: Decided) -> Verdict | None:
    """A press release's contact block: its head (``CONTACT_HEAD``) and the short lines right under it (a
    name, a phone number, an e-mail address), one of them a contact detail (``CONTACT_DETAIL``). Part of the
    release: the head a sub-head, the lines kept; the span counts their words (``segment.COUNTED_RULES``)."""
    if not CONTACT_HEAD.match(lines[i].text):
        return None
    block = []
    for j in range(i + 1, min(i + 1 + CONTACT_LINES, len(lines))):
        gap = lines[j].number - lines[j - 1].number
        if gap > (2 if j == i + 1 else 1) or lines[j].words > CONTACT_LINE_WORDS or j in decided:
            break
        block.append(j)
    if not any(CONTACT_DETAIL.search(lines[j].text) for j in block):
        return None
    for j in block:
        decided[j] = Verdict("kept", "contact_block")
    return Verdict("heading", "contact_block")


#: The mark that ends a press release's text: "ENDS", "- Ends -", "-30-" ("###" is a ``separator_line``).
RELEASE_END = re.compile(r"^(?:[-–—\s]*ends[-–—\s]*|\s*-30-\s*)$", re.I)


def release_end(lines: list[Line], i: int, decided: Decided) -> Verdict | None:
    """"ENDS", "-30-": the end mark of a press release, between its text and its contact block. Dropped, and
    neutral to the article span (``segment.NEUTRAL_RULES``): the contact block after it is the release's."""
    return Verdict("dropped", "release_end") if RELEASE_END.match(lines[i].text) else None


def teaser_card(lines: list[Line], i: int, decided: Decided) -> Verdict | None:
    """A title printed twice (or once) and then "Read More": a card linking to another article. A title
    does not end with a full stop: a paragraph's last sentence above a "Read more" header
    (``teaser_list``) is the article's."""
    call = i + 2 if i + 2 < len(lines) and lines[i].text == lines[i + 1].text else i + 1
    if (call < len(lines) and TEASER_CALL.match(lines[call].text) and lines[i].words <= 20
            and not _ends_with_full_stop(lines[i].text)):
        for j in range(i, call + 1):
            decided[j] = Verdict("dropped", "teaser_card")
        return decided[i]
    return None


#: At most this many teaser titles follow a "Read more" / "Related" header in one list.
TEASER_LIST_ITEMS = 8


def teaser_list(lines: list[Line], i: int, decided: Decided) -> Verdict | None:
    """A "Read more" / "Related" / "See also" / "Lire aussi" header (a phrase of ``vocabulary.RELATED``) alone
    on its line, then the titles of other stories on the lines right below it (no blank line between; short,
    not ending with a full stop): the header and the titles go. The list ends at a blank line, a sentence or
    a long line."""
    if not is_related_header(lines[i].text):  # the related vocabulary's; not a bare "More" (a menu's item)
        return None
    end = i + 1
    while (end < len(lines) and end - i <= TEASER_LIST_ITEMS and lines[end].number == lines[end - 1].number + 1
           and 2 <= lines[end].words <= 16 and not _ends_with_full_stop(lines[end].text)):
        end += 1
    if end == i + 1:
        return None
    for j in range(i + 1, end):
        decided[j] = Verdict("dropped", "teaser_list")
    return Verdict("dropped", "teaser_list")


def teaser_link(lines: list[Line], i: int, decided: Decided) -> Verdict | None:
    """A call to read another story and its title on one line, in the middle of the text: "Read more: <title>",
    "ALSO READ | <title>", "See also: <title>", "Lire aussi : <title>", "Lesen Sie auch: <title>" (a phrase of
    ``vocabulary.RELATED``, then ``:``, ``|`` or a dash, then a short title). Never a sub-head."""
    return Verdict("dropped", "teaser_link") if is_related_link(lines[i].text) else None


def _ends_with_full_stop(text: str) -> bool:
    return text.rstrip("\"'”’»)").endswith((".", "!", "…"))


def credited_caption(lines: list[Line], i: int, decided: Decided) -> Verdict | None:
    """A short line carrying a photo credit ("... (Photo: X)")."""
    line = lines[i]
    # Every shape of ``CREDIT`` holds a ":" or a "/": a line with neither is not searched.
    credited = line.words <= 40 and (":" in line.text or "/" in line.text) and CREDIT.search(line.text)
    return Verdict("caption", "credited_caption") if credited else None


#: A photo credit alone on its line: "Photograph: A. Lee/The Courier", "Foto: M. Berg", "Bild: dpa" (not
#: "Source:", which as often names where a paragraph's figures come from).
CREDIT_LINE = re.compile(r"^(?:pic|picture|photo|photograph|image|credit|illustration|foto|bild)s?\s*:\s*\S", re.I)
#: A credit line is at most this many words (more is a caption that starts with "Photo:").
CREDIT_LINE_WORDS = 12
#: A caption above a credit line is at most this many words (a paragraph above a picture is usually longer).
CAPTION_WORDS = 30


def caption_above_credit(lines: list[Line], i: int, decided: Decided) -> Verdict | None:
    """A short sentence directly followed by a photo credit line: the picture's caption, then its credit
    ("Scaffolding wraps the bridge." / "Photograph: A. Lee/The Courier"). The credit line is a
    ``credited_caption``; the Markdown puts both in one figure. The caption ends with a full stop (a title
    above "PHOTOS: <gallery>" is a teaser's). Not a line the credit repeats (a ``repeated_line``), nor a
    list item."""
    if i + 1 >= len(lines):
        return None
    line, nxt = lines[i], lines[i + 1]
    if (nxt.number == line.number + 1 and CREDIT_LINE.match(nxt.text) and nxt.words <= CREDIT_LINE_WORDS
            and 3 <= line.words <= CAPTION_WORDS and _ends_with_full_stop(line.text)
            and not CREDIT.search(line.text) and not BULLET.match(line.text) and not nxt.text.startswith(line.text)):
        return Verdict("caption", "caption_above_credit")
    return None


#: A line the next one repeats with more after it is a first copy when it has this many words (a headline
#: or a caption, not a paragraph quoted and then discussed).
REPEATED_PREFIX_WORDS = range(3, 21)


def repeated_line(lines: list[Line], i: int, decided: Decided) -> Verdict | None:
    """The same line twice in a row, the second maybe longer: drop the first copy.

    A headline printed as link and as heading; a caption printed as the picture's text and again with
    its credit ("The quay at dawn" / "The quay at dawn (Photo: T. Brand)" or "The quay at dawn. Photograph:
    T. Brand", the second then a ``credited_caption``)."""
    if i + 1 >= len(lines):
        return None
    text, nxt = lines[i].text, lines[i + 1].text
    if text == nxt or (lines[i].words in REPEATED_PREFIX_WORDS and nxt.startswith(text)
                       and nxt[len(text):len(text) + 1] in (" ", ".", ",", ":", ";")):
        return Verdict("dropped", "repeated_line")
    return None


def issue_number(lines: list[Line], i: int, decided: Decided) -> Verdict | None:
    """A short line naming the periodical's issue ("Issue 2770")."""
    m = meta.ISSUE.search(lines[i].text) if lines[i].words <= 10 else None
    if m:
        return Verdict("metadata", "issue_number", m.group("issue"))
    return None


def reading_time(lines: list[Line], i: int, decided: Decided) -> Verdict | None:
    """"5 min read", alone or on a dateline: the date is kept as metadata."""
    line = lines[i]
    if line.words <= 14 and meta.READING_TIME.search(line.text):
        return Verdict("metadata", "reading_time", meta.find_date(line.text))
    return None


def comment_count(lines: list[Line], i: int, decided: Decided) -> Verdict | None:
    """"12 comments", "Comments (3)"."""
    return Verdict("dropped", "comment_count") if meta.COMMENT_COUNT.match(lines[i].text) else None


def byline(lines: list[Line], i: int, decided: Decided) -> Verdict | None:
    """"By Maren Ellis", "By A and B | Reporter"."""
    names = meta.byline_names(lines[i].text)
    return Verdict("metadata", "byline", names) if names else None


def dateline(lines: list[Line], i: int, decided: Decided) -> Verdict | None:
    """A short line that is a date ("14 January 2025", "Nov 18, 2019 at 9:24 pm ET")."""
    line = lines[i]
    if line.text[:1] in "—–":
        return None  # "— Ann Lee (@ann) May 3, 2024": the signature of a quoted post, part of the text
    if (not line.sentence or line.words <= 6) and meta.is_dateline(line.text, line.words):
        if PRESS_DATELINE.match(line.text) and line.text.endswith(("—", "–", "-")):
            # "LONDON, 3 March 2026 —" on its own line: the opening of the release's first paragraph
            return Verdict("kept", "press_dateline", meta.find_date(line.text))
        return Verdict("metadata", "dateline", meta.find_date(line.text))
    return None


#: A press release's dateline: a place in capitals or capitalised words, a comma, a date, then a dash ("LONDON,
#: 3 March 2026 —", "Eastwick, 24 November 2026 – Valley Water today announced ...").
PRESS_DATELINE = re.compile(r"^[A-ZÀ-Þ][\w.'’-]*(?:\s+[A-ZÀ-Þ][\w.'’-]*){0,3},\s+[^–—]{6,30}?\s*[—–-](?:\s|$)")


#: A comment's stamp: who wrote it, then when, in figures ("Nathan 07.16.12 at 21:35", "Jermaine 07 Nov 12",
#: "Ed Cara Friday 2:45PM", "Ann Lee | Posted at 1:13pm"): a numeric date, a day, short month and two-digit
#: year, or a time, maybe both, and nothing after them.
_STAMP_DATE = (r"(?:\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d\d)|"
               r"\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?\s+\d\d(?:\d\d)?)")
_STAMP_TIME = r"\d{1,2}:\d\d(?:\s*[ap]\.?m\.?)?"
COMMENT_STAMP = re.compile(
    rf"^(?P<who>[^\d]*?[^\W\d_][^\d]*?)\s*[|,@·–-]?\s*(?:(?:posted\s+)?(?:on|at|@)\s+)?"
    rf"(?:{_STAMP_DATE}(?:,?\s*(?:at|@|-)?\s*{_STAMP_TIME})?|{_STAMP_TIME})$", re.I)
#: How every comment stamp ends: a date's or a time's last figure, or a time's "am"/"p.m." after it.
_STAMP_END = re.compile(r"\d(?:\s*[ap]\.?m\.?)?$", re.I)
#: A comment stamp's name part has at most this many words.
STAMP_NAME_WORDS = 4
#: A comment stamp line has at most this many words (a date and a time in figures count up to six).
STAMP_LINE_WORDS = 12


def comment_stamp(lines: list[Line], i: int, decided: Decided) -> Verdict | None:
    """A name (at most ``STAMP_NAME_WORDS`` words) and a date or time in figures, nothing else: the stamp
    over a reader's comment. A thread repeats it before each comment; an article's dateline names a month in
    full (``dateline``), and a byline starts with "By" (``byline``)."""
    text = lines[i].text
    # The pattern's lazy name part backtracks on every line; only a line ending as a stamp ends (a figure, or
    # a time's am/pm) can match it, so the others are not tried.
    m = COMMENT_STAMP.match(text) if lines[i].words <= STAMP_LINE_WORDS and _STAMP_END.search(text) else None
    if m is None:
        return None
    who = [w for w in re.split(r"[\s|,@·–-]+", m.group("who")) if w and w.lower() not in ("posted", "by")]
    # A name: one handle ("phpguy"), or words that all start with a capital ("Paul A. Rubin"); not a phrase
    # of the text ("Doors open at 7:30").
    if 0 < len(who) <= STAMP_NAME_WORDS and (len(who) == 1 or all(w[:1].isupper() for w in who)):
        return Verdict("dropped", "comment_stamp")
    return None


def relative_time(lines: list[Line], i: int, decided: Decided) -> Verdict | None:
    """"32M ago", "Published 1 day ago": the age stamp of a teaser in a list of other stories."""
    return Verdict("dropped", "relative_time") if RELATIVE_TIME.match(lines[i].text) else None


def comment_section(lines: list[Line], i: int, decided: Decided) -> Verdict | None:
    """"12 Comments", "Leave a Reply", "Ann on May 3, 2024 at 4:47 pm said:": reader comments begin."""
    line = lines[i]
    header = line.words <= 16 and line.text.endswith(":") and COMMENT_HEADER.search(line.text)  # ends "said:"
    if header or (line.words <= 12 and COMMENT_SECTION.match(line.text)):
        return Verdict("dropped", "comment_section")
    return None


def call_to_action(lines: list[Line], i: int, decided: Decided) -> Verdict | None:
    """A sentence holding two phrases of one call-to-action vocabulary ("We use cookies ... consent")."""
    name = call_to_action_of(lines[i].text) if lines[i].words <= 60 else None
    return Verdict("dropped", f"{name}_call_to_action") if name else None


#: An introducing line has at least this many words ("The update brings:")...
INTRO_WORDS = 4
#: ... or this many, a label ("NEW FEATURES:"), when every item is bulleted (a label over unbulleted short
#: lines is as often a sidebar's header: "More Celeb Beauty:").
LABEL_WORDS = 2
#: The first item may stand this many line numbers below the introducing line (up to two blank lines: a
#: browser copy sets a list apart from the sentence over it, the items themselves then follow line by line).
INTRO_GAP = 3
#: An introducing line over a list of tags, not of the article's items: "Tags:", "See other posts tagged:".
TAG_INTRO = re.compile(r"\btag(?:s|ged)\b", re.I)
#: A bulleted item is at most this many words and may end with a full stop (a bullet already marks it as an
#: item; a list of full sentences, "- Camera functionality has been improved.").
BULLET_ITEM_WORDS = 60


def introduced_list(lines: list[Line], i: int, decided: Decided) -> Verdict | None:
    """A line ending with ":" followed by two or more short lines: a list, its items kept.

    The introducing line is a sentence of at least ``INTRO_WORDS`` words, or a label of ``LABEL_WORDS`` over
    bulleted items; never furniture ("Share this:", "Related to this story:", "See posts tagged:"). The first
    item may stand after a blank line or two (``INTRO_GAP``), the others on consecutive lines. Items are at
    most ``LIST_ITEM_WORDS`` words without a final full stop, or bulleted (``BULLET_ITEM_WORDS``). Not a list
    whose items mostly stand elsewhere on the page too: a sidebar printing the same box several times ("Buy
    it from these retailers:" / "Barnes & Noble" under every book)."""
    line = lines[i]
    if (not line.text.endswith(":") or line.words < LABEL_WORDS or vocabulary_of(line.text)
            or mentions_related(line.text) or TAG_INTRO.search(line.text)):
        return None
    items = list(_list_items(lines, i + 1))
    if len(items) < 2 or 2 * sum(_printed_twice(lines, j) for j in items) > len(items):
        return None
    if line.words < INTRO_WORDS and not all(BULLET.match(lines[j].text) for j in items):
        return None
    for j in items:
        decided[j] = Verdict("kept", "introduced_list")
    return None


def _printed_twice(lines: list[Line], i: int) -> bool:
    """Line ``i``'s text stands on another line of the page too."""
    text = lines[i].text
    return any(line.text == text for k, line in enumerate(lines) if k != i)


def _list_items(lines: list[Line], first: int):
    """Indices of the list items under ``lines[first - 1]`` (see ``introduced_list``)."""
    j = first
    while j < len(lines) and lines[j].number - lines[j - 1].number <= (INTRO_GAP if j == first else 1):
        text, words = lines[j].text, lines[j].words
        bulleted = BULLET.match(text) is not None
        item = (words <= BULLET_ITEM_WORDS if bulleted
                else words <= LIST_ITEM_WORDS and not text.endswith(".") and not text.endswith(":"))
        if not item or vocabulary_of(text) or COMMENT_SECTION.match(text):
            break
        yield j
        j += 1


def bare_address(lines: list[Line], i: int, decided: Decided) -> Verdict | None:
    """A line that is only a web address or a file path ("https://example.org/logo.png")."""
    text = lines[i].text
    return Verdict("dropped", "bare_address") if " " not in text and WEB_ADDRESS.match(text) else None


def post_link(lines: list[Line], i: int, decided: Decided) -> Verdict | None:
    """"Previous post: <title>", "Next: <title> »": the links between a blog's entries, under the entry."""
    return Verdict("dropped", "post_link") if lines[i].words <= 25 and POST_LINK.match(lines[i].text) else None


def furniture_vocabulary(lines: list[Line], i: int, decided: Decided) -> Verdict | None:
    """A short line made mostly of share, newsletter, related, donation, consent, ad or menu words."""
    line = lines[i]
    if line.words > 14:
        return None
    name = vocabulary_of(line.text)
    return Verdict("dropped", f"{name}_vocabulary") if name else None


def ad_label(lines: list[Line], i: int, decided: Decided) -> Verdict | None:
    """The label over an advertisement alone on its line, in any language: "Anzeige", "Publicité",
    "Publicidad", "- Werbung -" (``vocabulary.AD_LABELS``; the English ones are the advertisement
    vocabulary's already)."""
    return Verdict("dropped", "ad_label") if is_ad_label(lines[i].text) else None


#: The controls of a picture or a slideshow, alone on their line: "Enlarge This Image", "View Slideshow",
#: "Click to enlarge", "Image 3 of 12", "1 / 5", "Hide caption".
PICTURE_CONTROL = re.compile(
    r"^(?:enlarge(?: this)? (?:image|photo|picture)|click (?:here )?to enlarge|view (?:the )?(?:slideshow|gallery|"
    r"full gallery|larger image)|(?:launch|open|start) (?:the )?(?:slideshow|gallery)|see all photos|"
    r"view all photos|next slide|previous slide|(?:hide|show|toggle) caption|"
    r"(?:image|photo|slide|picture)s?\s*\d{1,3}\s*(?:of|/)\s*\d{1,3}|\d{1,3}\s*(?:of|/)\s*\d{1,3}\s*(?:images|photos))$",
    re.I)


def picture_control(lines: list[Line], i: int, decided: Decided) -> Verdict | None:
    """A picture's or slideshow's control alone on its line (``PICTURE_CONTROL``): the buttons a scrape
    keeps from a gallery inside the article."""
    return Verdict("dropped", "picture_control") if PICTURE_CONTROL.match(lines[i].text) else None


_COPYRIGHT = re.compile(r"^copyright\b", re.I)
_ALL_RIGHTS_RESERVED = re.compile(r"\ball rights reserved\b", re.I)


def copyright_line(lines: list[Line], i: int, decided: Decided) -> Verdict | None:
    """"© 2025 The Courier", "Copyright 2025 ..."."""
    if lines[i].words > 40:
        return None
    text = lines[i].text
    if text.startswith("©") or _COPYRIGHT.match(text) or _ALL_RIGHTS_RESERVED.search(text):
        return Verdict("dropped", "copyright_line")
    return None


#: The rules, in the order they run; the first to answer decides a line.
LINE_RULES: tuple[tuple[str, Rule], ...] = (
    ("rating_line", rating_line),  # before separator_line: stars hold no letter
    ("separator_line", separator_line),
    ("teaser_card", teaser_card),
    ("teaser_list", teaser_list),
    ("introduced_list", introduced_list),
    ("teaser_link", teaser_link),
    ("credited_caption", credited_caption),
    ("caption_above_credit", caption_above_credit),
    ("issue_number", issue_number),
    ("reading_time", reading_time),
    ("comment_count", comment_count),
    ("comment_section", comment_section),
    ("relative_time", relative_time),
    ("byline", byline),
    ("unmarked_byline", unmarked_byline),
    ("life_dates", life_dates),  # before dateline: its two dates are no dateline
    ("dateline", dateline),
    ("contact_block", contact_block),
    ("release_end", release_end),
    ("comment_stamp", comment_stamp),
    ("copyright_line", copyright_line),
    ("bare_address", bare_address),
    ("furniture_vocabulary", furniture_vocabulary),
    ("ad_label", ad_label),
    ("picture_control", picture_control),
    ("post_link", post_link),
    ("call_to_action", call_to_action),
    ("repeated_line", repeated_line),
)


def apply_line_rules(lines: list[Line], skip: frozenset[str] = frozenset()) -> Decided:
    """Run ``LINE_RULES`` (less those named in ``skip``) over every line; undecided lines are left out."""
    rules = [rule for name, rule in LINE_RULES if name not in skip]
    decided: Decided = {}
    for i in range(len(lines)):
        if i in decided:
            continue
        for rule in rules:
            verdict = rule(lines, i, decided)
            if verdict is not None:
                decided[i] = verdict
                break
    return decided
