"""Plain-text extraction: the article in a text scrape of a web page (a browser copy or a scraper dump).

The stages, each a module: ``lines`` (non-blank lines and their shape), ``rules`` (named rules for page
furniture, captions, teasers and metadata lines), ``segment`` (where the article runs), ``metadata``
(bylines, dates, issue numbers), ``markdown`` (the body). Every non-blank line ends with a ``Decision``
naming the rule that decided it, for ``--explain``.
"""

from __future__ import annotations

from converter.extraction import Decision, Extraction
from converter.text_extract.lines import Line, split_lines
from converter.text_extract.markdown import block, join_blocks
from converter.text_extract.metadata import find_date
from converter.text_extract.rules import Decided, Verdict, apply_line_rules, navigation_runs
from converter.text_extract.segment import SENTENCE_WORDS, article_span

#: Sub-heads are at most this many words.
HEADING_WORDS = 12
#: Captions this many lines before the article's first paragraph still belong to it.
CAPTION_REACH = 6


def extract_text(text: str) -> Extraction:
    """The article in a text scrape: metadata, Markdown body and a decision for every line."""
    lines = split_lines(text)
    decided = apply_line_rules(lines)
    navigation_runs(lines, decided)
    start, end = article_span(lines, decided)
    title = choose_title(lines, decided, start)
    for i, _line in enumerate(lines):
        if i not in decided:
            decided[i] = place(lines, i, start, end, title)
        elif decided[i].verdict == "caption" and not (start - CAPTION_REACH <= i <= end):
            decided[i] = Verdict("dropped", "caption_outside_article")
    body = join_blocks([block(v.verdict, lines[i].text) for i, v in sorted(decided.items())
                        if v.verdict in ("kept", "heading", "caption")])
    return Extraction(body=body, metadata=collect_metadata(lines, decided, end),
                      decisions=tuple(Decision(lines[i].number, lines[i].text, v.verdict, v.rule)
                                      for i, v in sorted(decided.items())))


def choose_title(lines: list[Line], decided: Decided, start: int) -> int | None:
    """The headline: a title-like line before the article, preferring one printed twice, then the nearest."""
    candidates = [i for i in range(start) if i not in decided and lines[i].title_like and lines[i].words >= 3]
    repeated = [i for i in candidates if i > 0 and decided.get(i - 1, Verdict("", "")).rule == "repeated_line"]
    chosen = (repeated or candidates or [None])[-1]
    if chosen is not None:
        decided[chosen] = Verdict("title", "headline_before_article")
    return chosen


def place(lines: list[Line], i: int, start: int, end: int, title: int | None) -> Verdict:
    """An undecided line: outside the article it goes; inside, a sub-head or a paragraph."""
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
    """A short title-like line followed by a paragraph of text."""
    line = lines[i]
    if not line.title_like or line.words > HEADING_WORDS or (line.text.endswith("?") and line.words > 8):
        return False
    nxt = lines[i + 1] if i + 1 < len(lines) else None
    return nxt is not None and nxt.words >= SENTENCE_WORDS and (nxt.sentence or nxt.words >= 12)


def collect_metadata(lines: list[Line], decided: Decided, end: int) -> dict[str, object]:
    """Title, authors, date and issue from the decided lines (the first of each, before the article ends)."""
    found: dict[str, object] = {}
    for i, v in sorted(decided.items()):
        if v.verdict == "title":
            found.setdefault("title", lines[i].text)
        elif v.rule == "byline" and i <= end:
            found.setdefault("authors", v.value)
            if find_date(lines[i].text):  # "Posted by A on March 3, 2024"
                found.setdefault("date", find_date(lines[i].text))
        elif v.rule in ("dateline", "reading_time") and v.value and i <= end:
            found.setdefault("date", v.value)
        elif v.rule == "issue_number":
            found.setdefault("issue", v.value)
    language = _language(" ".join(lines[i].text for i, v in decided.items() if v.verdict == "kept"))
    if language:
        found["language"] = language
    return found


def _language(text: str) -> str:
    from converter.language import detect_language

    return detect_language(text)
