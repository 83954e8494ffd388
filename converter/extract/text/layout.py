"""The article's layout once its span is known: the headline, sub-heads and paragraphs.

Every line a rule left undecided is placed here: before the span it is page furniture, after it a
footer; inside it a sub-head (a short title-like line standing before a paragraph) or a paragraph.
"""

from __future__ import annotations

from converter.extract.dates import is_time_stamp
from converter.extract.text.lines import Line
from converter.extract.text.metadata import is_date_line, is_stamped_name
from converter.extract.text.rules import Decided, Verdict
from converter.extract.text.segment import HEADER_RULES, SENTENCE_WORDS
from converter.extract.text.vocabulary import is_related_link

#: Sub-heads are at most this many words.
HEADING_WORDS = 12
#: Captions this many lines before the article's first paragraph still belong to it.
CAPTION_REACH = 6
#: A standfirst is at most this many words.
STANDFIRST_WORDS = 40
#: A paragraph this long needs no final full stop to follow a sub-head.
PARAGRAPH_WORDS = 12


def choose_title(lines: list[Line], decided: Decided, start: int) -> int | None:
    """The headline: a title-like line before the article, preferring one printed twice, then the nearest;
    never a line that only dates the page (``metadata.is_date_line``), which often stands nearest, nor a
    name with its age after it ("Ann Lee • 8h", ``metadata.is_stamped_name``)."""
    candidates = [i for i in range(start) if i not in decided and lines[i].headline_like and lines[i].words >= 3
                  and not is_date_line(lines[i].text) and not is_stamped_name(lines[i].text)
                  and not is_time_stamp(lines[i].text)]
    repeated = [i for i in candidates if i - 1 in decided and decided[i - 1].rule == "repeated_line"]
    pool = repeated or candidates
    chosen = pool[-1] if pool else None
    if chosen is not None and chosen - 1 in candidates and lines[chosen - 1].words < lines[chosen].words:
        chosen -= 1  # headline over standfirst: the shorter line above is the headline (``choose_subtitle``)
    if chosen is not None:
        decided[chosen] = Verdict("title", "headline_before_article")
    return chosen


def choose_subtitle(lines: list[Line], decided: Decided, title: int | None) -> None:
    """The standfirst: one sentence right under the headline and right above the byline or dateline (the
    sentence maybe without its full stop when longer than the headline)."""
    if title is None or title + 2 >= len(lines) or title + 1 in decided:
        return
    nxt, after = lines[title + 1], decided.get(title + 2)
    # a standfirst set without its full stop reads as a second, longer headline line, or as a sentence that
    # lost its full stop ("A count by volunteers found ... since records began", over "Lena Fischer")
    standfirst_like = nxt.sentence or (nxt.words > lines[title].words and (nxt.headline_like or nxt.text[:1].isupper()))
    if standfirst_like and nxt.words <= STANDFIRST_WORDS and after is not None and after.rule in HEADER_RULES:
        decided[title + 1] = Verdict("metadata", "standfirst")


def place(lines: list[Line], decided: Decided, i: int, span: tuple[int, int], title: int | None) -> Verdict:
    """The final verdict of line ``i``: a rule's, or its place relative to the article span."""
    start, end = span
    if i in decided:
        v = decided[i]
        outside = v.verdict in ("caption", "kept") and not (start - CAPTION_REACH <= i <= end)
        return Verdict("dropped", f"{v.rule}_outside_article") if outside else v
    if i < start:
        return Verdict("dropped", "before_article")
    if i > end:
        return Verdict("dropped", "after_article")
    if title is not None and lines[i].text == lines[title].text:
        return Verdict("dropped", "repeated_headline")
    if is_subhead(lines, i):
        return Verdict("heading", "subhead_between_paragraphs")
    return Verdict("kept", "article_text")


def is_subhead(lines: list[Line], i: int) -> bool:
    """A short title-like line followed by a paragraph of text (maybe across a rule between sections); never
    a teaser link ("Read more: <title>")."""
    line = lines[i]
    if (not line.title_like or is_related_link(line.text) or line.words > HEADING_WORDS
            or (line.text.endswith("?") and line.words > 8)):
        return False
    j = i + 1
    while j < len(lines) and not any(map(str.isalnum, lines[j].text)):
        j += 1  # a rule between the sub-head and its paragraph ("————", ``rules.separator_line``)
    nxt = lines[j] if j < len(lines) else None
    return nxt is not None and nxt.words >= SENTENCE_WORDS and (nxt.sentence or nxt.words >= PARAGRAPH_WORDS)


#: An interview's question is at most this many words (a question with its context: "The Salt Road is set in
#: the 1950s. How much research did you do?").
QUESTION_WORDS = 30
#: A page whose sub-heads hold this many questions is an interview: its other questions are heads too.
INTERVIEW_QUESTIONS = 2


def interview_questions(lines: list[Line], decided: Decided) -> None:
    """An interview's questions as sub-heads (rule ``interview_question``): on a page where at least
    ``INTERVIEW_QUESTIONS`` sub-heads are questions, a paragraph ending with "?" of at most ``QUESTION_WORDS``
    words between two paragraphs is a question too, though longer than a sub-head or holding two sentences."""
    asked = [i for i, v in decided.items() if v.verdict == "heading" and lines[i].text.endswith("?")]
    if len(asked) < INTERVIEW_QUESTIONS:
        return
    for i, v in list(decided.items()):
        if (v.rule == "article_text" and lines[i].text.endswith("?") and lines[i].words <= QUESTION_WORDS
                and 0 < i < len(lines) - 1 and decided[i - 1].verdict == "kept"
                and decided[i + 1].rule == "article_text" and lines[i + 1].sentence
                and lines[i + 1].words >= SENTENCE_WORDS and not lines[i + 1].text.endswith("?")):
            decided[i] = Verdict("heading", "interview_question")
