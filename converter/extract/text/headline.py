"""The headline of a text scrape: the line the body follows, chosen by a learned score.

The headline is not the first big line of a page: menus, section names ("Today's Paper"), notices and
teasers for other stories stand above it. It is the short line the article's body follows, often
across a byline, a dateline or a standfirst, whose words come back in that body. Every short line in a
window around the start of the article span is a candidate; each gets named features of those shapes:

- ``body_follows`` / ``log_gap``: how soon the first paragraph (a sentence of eight words or more) comes
  after it, and whether only header lines (byline, dateline, reading time, a standfirst, a caption)
  stand between;
- ``log_run_after`` / ``run_share``: how long the run of paragraphs that follows it is, alone and as a
  share of the longest run any candidate has (a teaser's blurb is one paragraph, the article is many);
- ``next_overlap`` / ``body_overlap``: how many of its words come back in the paragraphs right after it
  and anywhere in the article span;
- ``in_menu``: it stands in a run of short lines (a menu is a run of short lines);
- ``byline_below``: a byline or a dateline follows it within a few lines (a headline stands over its
  byline; a section's name above the headline and a gallery's caption under the byline do not);
- ``page_title`` / ``site_suffix``: the page prints it again with a site name after a separator
  ("Headline | Site", as a document title at the top of many scrapes), or it carries one itself;
- its shape (length, title or sentence case, capitals, digits, a final full stop) and the rules'
  judgement of it; a final full stop that closes an initialism ("... Underneath N.Y.C.") does not make
  a line a sentence here (``headline_view``).

A conditional logit model (each page's candidates compete; fitted by ``bench/train_extractor.py`` on the
corpus's marked headlines, shipped as ``model/text_title.json``) scores them and the best one is the
headline. A site name printed after " | " or " - " is cut from the chosen line when what stands before it
is itself a headline-sized line and the page prints that part alone or the suffix is a run of at most
four words.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import replace

from converter.extract.dates import is_time_stamp
from converter.extract.text.decide import Analysis
from converter.extract.text.lines import Line
from converter.extract.text.metadata import is_date_line, is_stamped_name, other_words
from converter.extract.text.model import probability, score, top_signals
from converter.extract.text.rules import Verdict
from converter.extract.text.segment import HEADER_RULES

#: Texts of fewer lines keep the rules' headline (see ``choose_headline``).
MIN_LINES = 20
#: Candidates stand at most this many lines before the article span (menus above are further away) ...
REACH = 40
#: ... or this many lines inside it (the span often opens with a teaser or a blurb above the headline).
AHEAD = 25
#: A headline is 2 to this many words.
MOST_WORDS = 30
#: A candidate ending like a sentence is at most this many words (a headline may end with a full stop).
SENTENCE_HEADLINE_WORDS = 16
#: A paragraph line: a sentence of at least this many words, or a line of LONG_WORDS words.
PARAGRAPH_WORDS = 8
LONG_WORDS = 20
#: Lines after a candidate whose words its words are looked up in (``next_overlap``).
NEXT_LINES = 8
#: Lines of the run of paragraphs after a candidate whose words its words are looked up in (``run_overlap``).
RUN_LINES = 12
#: Lines looked at around a candidate for a run of short lines (``in_menu``).
MENU_REACH = 3
#: A site's name is at most this many words (``named_in_copyright``: the copyright line names it).
SITE_NAME_WORDS = 6
#: A line that opens with a verb of the page's controls ("Go to Google News", "View all", "Verify your
#: Comment", "Click here", "Load more"): a link or a button, not a headline.
UI_VERB = re.compile(r"^(?:go to|view|see all|see more|click|tap|verify|download|load|show|sign (?:in|up)|log ?in|"
                     r"subscribe|follow us|join|leave a|post a|add a|mouseover|hover|back to|return to|"
                     r"more (?:news|stories|from|on|in))\b", re.I)
#: An arrow at either end of a line: a link to another page ("All Interviews→", "« Previous", "Next ›").
ARROW = re.compile(r"^\s*[«‹←<]|[»›→>]\s*$")
#: A label (``PageView.label_of``) is at most this many words, and its headline this many lines away.
LABEL_WORDS = 5
LABEL_REACH = 8
#: Lines at the top of a page where a document title ("Headline | Site") may stand.
TOP_LINES = 3
#: Rules whose lines are never the headline: metadata under it, and furniture named by its words or shape
#: (none of them named a marked headline on the corpus's 1,546 text renderings; a teaser card is the
#: headline of another article, a doubled caption a picture's).
NOT_HEADLINE_RULES = frozenset({
    "byline", "reading_time", "issue_number", "navigation_vocabulary", "related_vocabulary",
    "newsletter_vocabulary", "newsletter_call_to_action", "status_vocabulary", "consent_vocabulary",
    "donation_vocabulary", "advertisement_vocabulary", "post_navigation_vocabulary", "comment_count",
    "comment_section", "relative_time", "bare_address", "copyright_line", "teaser_card", "teaser_list",
    "repeated_passage", "sign_up_box", "separator_line", "comment_stamp", "picture_control", "ad_label"})
_WORD = re.compile(r"\w+")
_LONG_WORD = re.compile(r"\w{4,}")
#: A number written with a sign, a change in a price or an index ("-12.99", "+5.4%", "−0.3").
_SIGNED_FIGURE = re.compile(r"(?<![\w.])[+\-−]\d+(?:[.,]\d+)?%?")
#: A quote line has at least this many signed figures (``is_quote_line``).
QUOTE_FIGURES = 2
#: A breadcrumb trail: "Home > News > Headline", "You are here: Home » Comics » Headline", "A / B / C".
BREADCRUMB = re.compile(r"^(?:you are (?:here|in)\s*:\s*)?home\b\s*[>»›/|]|(?:\S\s+[>»›/]\s+\S.*){2}", re.I)
#: Words of a posting's metadata line: "Posted on: ...", "Published: ...", "by ...", "Filed under ...".
POSTING = re.compile(r"\b(?:posted|published|updated|filed|written|by)\b\s*(?::|on\b|in\b|by\b|[A-Z@])", re.I)
#: A name: two to four capitalised words, maybe followed by ", Organisation" ("Jane Roe, Daily Planet").
NAME = re.compile(r"^[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){1,3}(?:,\s*[A-Z][\w'’. -]{1,40})?$")
#: Separators between the items of a menu printed on one line.
SEPARATORS = re.compile(r"\s[|•·]\s")
#: The last part of a line after a separator (a breadcrumb's last step, a headline after a site name).
BREADCRUMB_TAIL = re.compile(r"\s(?:[>»›/|:-])\s+([^>»›/|]{8,})$")
#: "Headline | Site", "Headline - Site", "Headline :: Site", "Headline » Section".
SITE_SUFFIX = re.compile(r"\s+(?:\||-|—|–|::|»)\s+[^|—–:»]{2,40}$")


def candidates(page: Analysis) -> list[int]:
    """Indices of the lines that could be the headline."""
    start, end = page.span
    if end < start:
        return []  # no article text: no headline either (the page is refused as no article)
    last = min(end, start + AHEAD)
    return [i for i in range(max(0, start - REACH), last + 1) if is_candidate(page, i)]


def is_candidate(page: Analysis, i: int) -> bool:
    """A short line that does not end with a comma, nor is a long sentence, a byline or a list item."""
    line = page.lines[i]
    if not 2 <= line.words <= MOST_WORDS or line.text.endswith(",") or line.text[:1] in "•·▪◦‣●○*":
        return False
    if line.sentence and line.words > SENTENCE_HEADLINE_WORDS and not line.text.endswith(("?", "!")):
        return False
    if is_dated_only(line.text) or is_quote_line(line.text) or is_stamped_name(line.text) or is_time_stamp(line.text):
        return False
    rule = page.rule_of.get(i, page.decided[i].rule)
    return (rule not in NOT_HEADLINE_RULES and not rule.endswith("_call_to_action")
            and not is_caption_copy(page, i))


def is_dated_only(text: str) -> bool:
    """A date line (``metadata.is_date_line``) with at most ``DATED_OTHER_WORDS`` words that do not date it:
    "October 28, 2012", "Posted on: 17-01-2008 | Comments". A headline may carry its date ("The Briefing,
    Thursday, November 8, 2012", "AWS Week in Review - October 29, 2012": a series' title and its day)."""
    return is_date_line(text) and other_words(text) <= DATED_OTHER_WORDS


#: See ``is_dated_only``.
DATED_OTHER_WORDS = 1


def is_quote_line(text: str) -> bool:
    """A line of market figures (*a quote line*): ``QUOTE_FIGURES`` or more numbers written with a sign, a
    price's or an index's change ("XYZ HOLDINGS INC. 225.86 -12.99 -5.44%", "Dow +1.2% Nasdaq -0.4%").
    A stock ticker beside a business story is never its headline; a headline's figures have no sign."""
    return len(_SIGNED_FIGURE.findall(text)) >= QUOTE_FIGURES


def is_caption_copy(page: Analysis, i: int) -> bool:
    """A caption printed twice: the next line repeats this one with a photo credit after it."""
    nxt = i + 1
    return (nxt < len(page.lines) and page.rule_of.get(nxt) == "credited_caption"
            and page.lines[nxt].text.startswith(page.lines[i].text))


def is_paragraph(line: Line) -> bool:
    """A line of running text: a sentence of ``PARAGRAPH_WORDS`` words or more, or a long line."""
    return (line.sentence and line.words >= PARAGRAPH_WORDS) or line.words >= LONG_WORDS


class PageView:
    """What every candidate's features read from the page, computed once per page."""

    def __init__(self, page: Analysis) -> None:
        lines = page.lines
        self.page = page
        self.paragraph = [is_paragraph(line) for line in lines]
        # Length of the run of paragraphs (header lines and short lines between them allowed, up to two
        # in a row) that starts at each line: the body a candidate would head.
        n = len(lines)
        self.run = [0] * (n + 1)
        gap = [0] * (n + 1)
        for i in range(n - 1, -1, -1):
            if self.paragraph[i]:
                self.run[i], gap[i] = self.run[i + 1] + lines[i].words, 0
            elif gap[i + 1] < 2 and self.run[i + 1]:
                self.run[i], gap[i] = self.run[i + 1], gap[i + 1] + 1
        self.next_paragraph = [n] * (n + 1)
        for i in range(n - 1, -1, -1):
            self.next_paragraph[i] = i if self.paragraph[i] else self.next_paragraph[i + 1]
        start, end = page.span
        self.body_words = Counter(long_words(" ".join(lines[j].text for j in range(max(start, 0), end + 1)
                                                      if self.paragraph[j])))
        self._words: dict[int, frozenset[str]] = {}
        self.counts = Counter(line.text for line in lines)
        self.folded_page = "\n".join(line.text.casefold() for line in lines)
        # "Headline | Site" lines, without the site: at the top of the page (a document title) and anywhere.
        suffixed = [(j, line.text[:m.start()].casefold()) for j, line in enumerate(lines)
                    if line.words <= MOST_WORDS + 10 and (m := SITE_SUFFIX.search(line.text))]
        self.top_titles = {head for j, head in suffixed if j < TOP_LINES}
        self.suffixed = {head for _, head in suffixed}
        self.candidates: set[int] = set()
        self.texts = {line.text.casefold() for line in lines if 2 <= line.words <= MOST_WORDS}
        self.copyright = " ".join(lines[j].text.casefold() for j, rule in page.rule_of.items()
                                  if rule == "copyright_line")
        # A breadcrumb's last step, cut short by the page ("Home / News / Mobile networks nearing normal.").
        self.trail_ends: list[str] = [
            step for line in lines if BREADCRUMB.search(line.text) and (m := BREADCRUMB_TAIL.search(line.text))
            and len(_WORD.findall(step := m.group(1).casefold().rstrip(" .…"))) >= 3]

    def named_by_trail(self, i: int) -> bool:
        """A breadcrumb elsewhere on the page ends with this line (or the start of it, cut short)."""
        folded = self.page.lines[i].text.casefold()
        return any(folded.startswith(end) and folded != end + "." for end in self.trail_ends)

    def label_of(self, i: int) -> bool:
        """A short line (a section's or a topic's name, a kicker) whose whole text a longer candidate near it
        holds: "Windows 8" above "Battle of the Windows 8 Start Buttons"."""
        lines = self.page.lines
        if lines[i].words > LABEL_WORDS:
            return False
        folded = lines[i].text.casefold()
        near = range(max(0, i - LABEL_REACH), min(len(lines), i + LABEL_REACH + 1))
        return any(j in self.candidates and lines[j].words > lines[i].words
                   and holds_words(lines[j].text.casefold(), folded)
                   for j in near if j != i)

    def paragraph_words(self, first: int, stop: int) -> set[str]:
        """The long words of the paragraph lines in ``range(first, stop)``."""
        out: set[str] = set()
        for j in range(first, min(stop, len(self.paragraph))):
            if self.paragraph[j]:
                if j not in self._words:
                    self._words[j] = frozenset(long_words(self.page.lines[j].text))
                out |= self._words[j]
        return out


def holds_words(text: str, words: str) -> bool:
    """``words`` stands in ``text`` as whole words: no letter, digit or "_" (a character of ``\\w``) glued to
    it on either side; what ``re.search(rf"(?<!\\w){re.escape(words)}(?!\\w)", text)`` finds, without
    compiling a pattern for each pair of lines (``str.isalnum`` is ``re``'s test of ``\\w``, less the "_")."""
    start = text.find(words)
    while start >= 0:
        end = start + len(words)
        if ((start == 0 or not _word_char(text[start - 1]))
                and (end == len(text) or not _word_char(text[end]))):
            return True
        start = text.find(words, start + 1)
    return False


def _word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def long_words(text: str) -> list[str]:
    """The words of more than three letters, lower-cased (short words are mostly function words)."""
    return _LONG_WORD.findall(text.lower())


def candidate_features(view: PageView, i: int, best_run: int) -> dict[str, float]:
    """Named features of candidate line ``i`` (see the module docstring)."""
    page = view.page
    lines, (start, end) = page.lines, page.span
    line = lines[i]
    text = line.text
    own_words = long_words(text)
    letters = sum(map(str.isalpha, text)) or 1
    first_para = view.next_paragraph[i + 1]
    between = range(i + 1, min(first_para, len(lines)))
    header_only = all(page.rule_of.get(j) in HEADER_RULES or page.decided[j].rule == "standfirst"
                      or page.decided[j].verdict == "caption" for j in between)
    run_after = view.run[first_para] if first_para < len(lines) else 0
    following = view.paragraph_words(i + 1, i + 1 + NEXT_LINES)
    run_words = view.paragraph_words(first_para, first_para + RUN_LINES)
    own = Counter(own_words) if view.paragraph[i] and start <= i <= end else Counter()
    in_body = [view.body_words[w] - own[w] for w in own_words]
    share = 1 / len(own_words) if own_words else 0.0
    cased = [w for w in _WORD.findall(text) if len(w) > 3 and w[:1].isalpha()]
    near = range(max(0, i - MENU_REACH), min(len(lines), i + MENU_REACH + 1))
    short_near = sum(1 for j in near if j != i and lines[j].words <= 5 and not lines[j].sentence)
    folded = text.casefold()
    tail = BREADCRUMB_TAIL.search(text)
    previous = i - 1
    while previous >= 0 and (page.rule_of.get(previous) in HEADER_RULES or page.decided[previous].verdict == "caption"):
        previous -= 1
    f: dict[str, float] = {
        "bias": 1.0,
        "log_words": math.log1p(line.words),
        "few_words": float(line.words <= 3),
        "many_words": float(line.words > 16),
        "title_like": float(line.title_like),
        "headline_like": float(line.headline_like),
        "sentence_end": float(line.sentence),
        "full_stop": float(text.endswith(".") and line.sentence),  # not an initialism's (``headline_view``)
        "ends_question": float(text.endswith("?")),
        "title_case": (sum(w[0].isupper() for w in cased) / len(cased)) if cased else 0.0,
        "upper_ratio": sum(map(str.isupper, text)) / letters,
        "digit_ratio": sum(map(str.isdigit, text)) / max(len(text), 1),
        "site_suffix": float(bool(SITE_SUFFIX.search(text))),
        "colon": float(":" in text),
        "body_follows": float(header_only and first_para < len(lines)),
        "next_is_paragraph": float(first_para == i + 1),
        "log_gap": math.log1p(max(first_para - i - 1, 0)),
        "log_run_after": math.log1p(run_after),
        "run_share": run_after / best_run if best_run else 0.0,
        "best_run": float(best_run > 0 and run_after == best_run),
        "next_overlap": sum(w in following for w in own_words) * share,
        "run_overlap": sum(w in run_words for w in own_words) * share,
        "body_overlap": sum(c > 0 for c in in_body) * share,
        "log_body_hits": math.log1p(sum(in_body) * share),
        "in_menu": short_near / (len(near) - 1 or 1),
        "repeated": float(view.counts[text] > 1),
        "log_quoted": math.log1p(view.folded_page.count(folded) - view.counts[text]) if line.words >= 3 else 0.0,
        "page_title": float(folded in view.top_titles),
        "titled_elsewhere": float(folded in view.suffixed and not SITE_SUFFIX.search(text)),
        "breadcrumb": float(bool(BREADCRUMB.search(text))),
        "named_by_trail": float(view.named_by_trail(i)),
        "label_of_nearby": float(view.label_of(i)),
        "named_in_copyright": float(line.words <= SITE_NAME_WORDS and bool(view.copyright)
                                    and holds_words(view.copyright, folded)),
        "ui_verb": float(bool(UI_VERB.match(text))),
        "arrow": float(bool(ARROW.search(text))),
        "deck_under_headline": float(is_deck(page, i)),
        "headline_over_deck": float(heads_deck(page, i, first_para)),
        "ends_with_other": float(tail is not None and tail.group(1).casefold() in view.texts),
        "under_headline": float(previous >= 0 and lines[previous].title_like and line.sentence
                                and previous in view.candidates),
        "prev_headline_like": float(i > 0 and lines[i - 1].headline_like and not lines[i - 1].sentence),
        "next_headline_like": float(i + 1 < len(lines) and lines[i + 1].headline_like
                                    and not lines[i + 1].sentence),
        "prev_is_sentence": float(i > 0 and lines[i - 1].sentence),
        "separators": math.log1p(len(SEPARATORS.findall(text))),
        "name_like": float(is_name_like(line)),
        "next_name_like": float(i + 1 < len(lines) and is_name_like(lines[i + 1])),
        "header_after_name": float(i + 2 < len(lines) and is_name_like(lines[i + 1])
                                   and page.rule_of.get(i + 2) in HEADER_RULES),
        "next_longer_headline": float(i + 1 < len(lines) and lines[i + 1].headline_like
                                      and lines[i + 1].words > line.words),
        "prev_shorter_headline": float(i > 0 and lines[i - 1].headline_like and not lines[i - 1].sentence
                                       and lines[i - 1].words < line.words),
        "deck_below": float(i + 1 < len(lines) and lines[i + 1].headline_like and lines[i + 1].words > line.words
                            and view.next_paragraph[i + 2] - (i + 1) <= 3),
        "under_shorter_headline": float(i > 0 and lines[i - 1].headline_like and not lines[i - 1].sentence
                                        and 2 <= lines[i - 1].words < line.words and first_para - i <= 3),
        "posting_words": float(bool(POSTING.search(text))),
        "all_caps": float(text.upper() == text and letters > 3),
        "page_position": i / len(lines),
        "rules_headline": float(page.decided[i].verdict == "title"),
        "in_span": float(i >= start),
        "log_before_start": math.log1p(max(start - i, 0)),
        "log_after_start": math.log1p(max(i - start, 0)),
        "next_header": float(i + 1 < len(lines) and page.rule_of.get(i + 1) in HEADER_RULES),
        "first_line": float(i == 0),
        "after_end": float(i > end),
        "byline_below": float(byline_below(view, i)),
    }
    rule = page.rule_of.get(i)
    if rule:
        f[f"rule:{rule}"] = 1.0
    f[f"verdict:{page.decided[i].verdict}"] = 1.0
    return f


def byline_below(view: PageView, i: int) -> bool:
    """A header line (a byline, a dateline, a reading time: ``HEADER_RULES``) follows line ``i`` within
    ``BYLINE_REACH`` lines, with at most ``BYLINE_PARAGRAPHS`` paragraph line between (a standfirst or a
    caption): a headline stands over its byline; a section's name, a teaser above the article or a
    gallery's caption under the byline does not (``byline_below``)."""
    page = view.page
    paragraphs = 0
    for j in range(i + 1, min(len(page.lines), i + BYLINE_REACH + 1)):
        if page.rule_of.get(j) in HEADER_RULES:
            return True
        if view.paragraph[j]:
            paragraphs += 1
            if paragraphs > BYLINE_PARAGRAPHS:
                return False
    return False


#: See ``byline_below`` (reach and paragraphs chosen on the corpus's cross-validated headlines: 12 lines
#: with two paragraphs cost dragnet's, 6 with none gained less).
BYLINE_REACH = 8
BYLINE_PARAGRAPHS = 1


def is_deck(page: Analysis, i: int) -> bool:
    """A deck (a standfirst set as a second headline): a line of ``DECK_WORDS`` words or more under a
    shorter headline-sized line (``HEADLINE_WORDS`` words or more, not a sentence, not a menu's) with
    only short lines between (a byline, a dateline, share buttons: no paragraph), at most ``DECK_REACH``
    lines up."""
    lines = page.lines
    line = lines[i]
    if line.words < DECK_WORDS or line.words > SENTENCE_HEADLINE_WORDS * 2:
        return False
    loose = not (line.headline_like or line.sentence)  # a deck in sentence case without its full stop
    for j in range(i - 1, max(-1, i - DECK_REACH - 1), -1):
        above = lines[j]
        if is_paragraph(above) or (loose and j < i - 1):
            return False  # a loose deck stands right under its headline
        if (above.headline_like and not above.sentence and HEADLINE_WORDS <= above.words < line.words
                and page.rule_of.get(j) not in FURNITURE_RULES):
            return True
    return False


def heads_deck(page: Analysis, i: int, first_para: int) -> bool:
    """A headline-sized line with a deck (``is_deck``) under it before the body's first paragraph."""
    line = page.lines[i]
    if not (line.headline_like and not line.sentence and line.words >= HEADLINE_WORDS):
        return False
    return any(page.lines[j].words > line.words and is_deck(page, j)
               for j in range(i + 1, min(first_para + 1, i + DECK_REACH + 1, len(page.lines))))


#: A deck is at least this many words, at most ``DECK_REACH`` lines under a headline of at least
#: ``HEADLINE_WORDS``; what a menu's rules named is never that headline.
DECK_WORDS = 10
HEADLINE_WORDS = 4
DECK_REACH = 12
FURNITURE_RULES = NOT_HEADLINE_RULES | {"navigation_run", "share_vocabulary", "teaser_link", "post_link"}


def is_name_like(line: Line) -> bool:
    """A line that reads as a person's name (a byline without "By"), not a headline."""
    return line.words <= 8 and not line.sentence and bool(NAME.match(line.text)) and not any(
        w.lower() in NAME_STOP for w in line.text.split()[:4])


#: Words that are in headlines but not in names.
NAME_STOP = frozenset({"the", "a", "an", "of", "to", "in", "on", "for", "and", "with", "at", "is", "are", "new",
                       "how", "why", "what", "from"})


#: A line that ends with an initialism ("... on What's Underneath N.Y.C.", "... in the U.S."): its last full
#: stop closes the initialism, not a sentence.
INITIALISM_END = re.compile(r"(?<![\w.])(?:[A-Z]\.){2,}$")


def headline_view(page: Analysis) -> Analysis:
    """``page`` as the headline model reads it: a line ending with an initialism (``INITIALISM_END``) does
    not end like a sentence (so "Manhole Fires ... Underneath N.Y.C." is headline-like and no paragraph).
    The lines are new objects only where that changes them; the verdicts are the page's own."""
    if not any(line.sentence and INITIALISM_END.search(line.text) for line in page.lines):
        return page
    lines = [replace(line, sentence=False) if line.sentence and INITIALISM_END.search(line.text) else line
             for line in page.lines]
    return replace(page, lines=lines)


def page_candidates(page: Analysis) -> list[tuple[int, dict[str, float]]]:
    """Every candidate with its features."""
    page = headline_view(page)
    found = candidates(page)
    if not found:
        return []
    view = PageView(page)
    view.candidates = set(found)
    runs = [view.run[view.next_paragraph[i + 1]] if view.next_paragraph[i + 1] < len(page.lines) else 0
            for i in found]
    best_run = max(runs)
    return [(i, candidate_features(view, i, best_run)) for i in found]


def headline_text(page: Analysis, i: int) -> str:
    """Line ``i`` as the headline: without a site name after a separator (see the module docstring)."""
    text = page.lines[i].text
    m = SITE_SUFFIX.search(text)
    if not m:
        return text
    head = text[:m.start()].rstrip()
    suffix_words = len(_WORD.findall(m.group()))
    if len(_WORD.findall(head)) >= 3 and (suffix_words <= 4 or any(line.text == head for line in page.lines)):
        return head
    return text


def choose_headline(page: Analysis, model: Mapping) -> None:
    """Make the best-scoring candidate the headline (in place); the rules' choice gives way, except on a
    short text (under ``MIN_LINES`` lines: an article already cleaned, whose first title-like line the
    rules take, if any), where the model, fitted on whole web pages, would read the first line as a
    site's name or a one-paragraph text as its own headline."""
    if len(page.lines) < MIN_LINES:
        return
    scored = [(score(model["weights"], f), -i, i, f) for i, f in page_candidates(page)]
    if not scored:
        return
    logit, _, best, features = max(scored)
    if page.decided[best].verdict == "title" or probability(logit) < model.get("threshold", 0.0):
        return
    for i, v in list(page.decided.items()):
        if v.verdict == "title":
            page.decided[i] = Verdict("dropped", "headline_candidate_not_chosen")
    signals = ", ".join(top_signals(model["weights"], features, True))
    page.decided[best] = Verdict("title", f"headline_model ({signals})")
    page.title = best
