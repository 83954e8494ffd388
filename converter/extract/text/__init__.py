"""Plain-text extraction: the article in a text scrape of a web page (a browser copy or a scraper dump).

The stages, each a module: ``lines`` (non-blank lines and their shape), ``rules`` (named line rules for
page furniture, captions, teasers and metadata lines), ``passes`` (named rules over the whole page: menus,
repeated passages), ``segment`` (where the article runs), ``layout`` (title, sub-heads, paragraphs),
``metadata`` (bylines, dates, issue numbers), ``markdown`` (the body). Every non-blank line ends with a
``Decision`` naming the rule that decided it, for ``--explain``.
"""

from __future__ import annotations

from converter.errors import SourceError
from converter.extract.result import Decision, Extraction
from converter.extract.text.decide import Analysis, relabel
from converter.extract.text.headline import choose_headline, headline_text
from converter.extract.text.layout import choose_subtitle, choose_title, interview_questions, place
from converter.extract.text.lines import Line, split_lines
from converter.extract.text.live import live_blog_entries
from converter.extract.text.markdown import body_blocks, join_blocks
from converter.extract.text.metadata import find_date, find_update, name_under_headline
from converter.extract.text.model import current as current_model
from converter.extract.text.passes import apply_page_passes
from converter.extract.text.rules import PRESS_DATELINE, Decided, Verdict, apply_line_rules
from converter.extract.text.segment import article_span
from converter.extract.text.span import choose_span
from converter.extract.text.unwrap import unwrap
from converter.policy.limits import Limits

#: Verdicts whose lines make the body.
BODY_VERDICTS = ("kept", "heading", "caption")


def extract_text(text: str, *, skip: frozenset[str] = frozenset(), max_lines: int = Limits.max_text_lines,
                 name: str = "<text>") -> Extraction:
    """The article in a text scrape: metadata, Markdown body and a decision for every line.

    ``skip`` names line rules or page passes to switch off (e.g. ``{"navigation_run"}``, or
    ``{"span_model", "line_model", "headline_model"}`` for the rules alone), for experiments.
    Raises ``SourceError`` for a text of more than ``max_lines`` lines (``Limits.max_text_lines``), before
    any rule runs.
    """
    check_line_count(text, max_lines, name)
    unwrapped = unwrap(text)  # hard-wrapped text: its lines joined into paragraphs first
    page = analyse(unwrapped.text, skip)
    lines, decided = page.lines, page.decided
    title_model = current_model("title")
    if title_model is not None and "headline_model" not in skip:
        rules_choice = _rules_headline_and_standfirst(page)
        choose_headline(page, title_model)
        if "standfirst_under_headline" not in skip:
            standfirst_under_headline(page, rules_choice)
    model = current_model()
    if model is not None and "line_model" not in skip:
        relabel(page, model)
    if "live_blog_entries" not in skip:
        live_blog_entries(page)  # after the line model: it drops a live blog's oldest entries by position
    body = join_blocks(body_blocks([(i, v.verdict, v.rule, lines[i].text) for i, v in sorted(decided.items())
                                    if v.verdict in BODY_VERDICTS]))
    metadata = collect_metadata(lines, decided, page.span[1])
    if page.title is not None and decided[page.title].verdict == "title":
        metadata["title"] = headline_text(page, page.title)  # without a site name after a separator
    return Extraction(body=body, metadata=metadata,
                      decisions=unwrapped.spread(tuple(Decision(lines[i].number, lines[i].text, v.verdict, v.rule)
                                                       for i, v in sorted(decided.items()))))


def analyse(text: str, skip: frozenset[str] = frozenset()) -> Analysis:
    """The rule pipeline's judgement of every line: line rules, page passes, article span (the span model's
    choice among candidate runs, when one is in use), layout."""
    lines, decided = judge_lines(text, skip)
    rule_of = {i: v.rule for i, v in decided.items()}
    start, end = article_span(lines, decided)
    span_model = current_model("span")
    if span_model is not None and "span_model" not in skip:
        start, end = choose_span(lines, decided, (start, end), span_model)
    title = choose_title(lines, decided, start)
    choose_subtitle(lines, decided, title)
    for i in range(len(lines)):
        decided[i] = place(lines, decided, i, (start, end), title)
    if "interview_question" not in skip:
        interview_questions(lines, decided)
    return Analysis(lines, decided, rule_of, (start, end), title)


def _rules_headline_and_standfirst(page: Analysis) -> tuple[int, int, Verdict, Verdict] | None:
    """The rules' headline and the standfirst under it (``layout.choose_subtitle``) with their verdicts."""
    t = page.title
    if t is None or t + 1 >= len(page.lines) or page.decided[t + 1].rule != "standfirst":
        return None
    return t, t + 1, page.decided[t], page.decided[t + 1]


#: A standfirst the headline model took for the headline gives way to the rules' headline only when longer than
#: any headline (``lines.Line.headline_like``'s 16 words): "GWT 2.5 Final is here!" under "Google Web Toolkit
#: Blog" is the headline, under a blog's name.
STANDFIRST_GUARD_WORDS = 16


def standfirst_under_headline(page: Analysis, rules_choice: tuple[int, int, Verdict, Verdict] | None) -> None:
    """The rules' headline and standfirst stand when the headline model took the standfirst for the headline
    (rule ``standfirst_under_headline``): a line longer than the headline right under it and right above the
    byline or dateline, longer than any headline (``STANDFIRST_GUARD_WORDS``), is its deck,
    however much it reads like a headline above a byline to the model."""
    if rules_choice is None:
        return
    title, standfirst, title_verdict, standfirst_verdict = rules_choice
    if page.title != standfirst or page.lines[standfirst].words <= STANDFIRST_GUARD_WORDS:
        return  # a headline-sized line under a shorter one is as often the headline under a site's or blog's name
    page.decided[title] = Verdict(title_verdict.verdict, "standfirst_under_headline")
    page.decided[standfirst] = standfirst_verdict
    page.title = title


def judge_lines(text: str, skip: frozenset[str] = frozenset()) -> tuple[list[Line], Decided]:
    """The lines of ``text`` and the verdicts of the line rules and page passes (lines they left undecided
    are absent): what the article span is chosen from."""
    lines = split_lines(text)
    decided = apply_line_rules(lines, skip)
    apply_page_passes(lines, decided, skip)
    return lines, decided


def check_line_count(text: str, max_lines: int, name: str) -> None:
    """Refuse a text of more than ``max_lines`` lines (counted without splitting it, in one pass).

    Raises ``SourceError`` past ``max_lines`` lines, before any rule runs.
    """
    count = text.count("\n") + text.count("\r") - text.count("\r\n") + 1
    if count > max_lines:
        raise SourceError(f"{name}: has {count:,} lines, over the limit of {max_lines:,} "
                          "(Limits.max_text_lines); is it really one article?")


def collect_metadata(lines: list[Line], decided: Decided, end: int) -> dict[str, object]:
    """Title, authors, date and issue from the decided lines (the first of each, before the article ends)."""
    found: dict[str, object] = {}
    for i, v in sorted(decided.items()):
        if v.verdict == "title":
            found.setdefault("title", lines[i].text)
        elif v.rule == "standfirst":
            found.setdefault("subtitle", lines[i].text)
        elif v.rule == "byline" and i <= end:
            found.setdefault("authors", v.value)
            if find_date(lines[i].text):  # "Posted by A on March 3, 2024"
                found.setdefault("date", find_date(lines[i].text))
        elif v.rule in ("dateline", "reading_time", "press_dateline") and v.value and i <= end:
            found.setdefault("date", v.value)
            if find_update(lines[i].text):  # "Updated 12 March 2025": the date stays what it was
                found.setdefault("updated", find_update(lines[i].text))
        elif v.rule == "issue_number":
            found.setdefault("issue", v.value)
    if "date" not in found:
        found.update(_release_date(lines, decided))
    title = next((i for i, v in sorted(decided.items()) if v.verdict == "title"), None)
    if "authors" not in found and title is not None:
        names = name_under_headline(lines, decided, title)  # a byline without a marker ("Ann Lee" / "8h")
        if names:
            found["authors"] = names
    language = _language(" ".join(lines[i].text for i, v in decided.items() if v.verdict == "kept"))
    if language:
        found["language"] = language
    return found


def _release_date(lines: list[Line], decided: Decided) -> dict[str, object]:
    """The date of a press release's dateline opening its first paragraph ("Eastwick, 24 November 2026 –
    Valley Water today announced ..."), as ``{"date": ISO}``; empty when the first paragraph has none."""
    first = next((i for i, v in sorted(decided.items()) if v.verdict == "kept"), None)
    opening = PRESS_DATELINE.match(lines[first].text) if first is not None else None
    if opening is None:
        return {}
    date = find_date(opening.group())
    return {"date": date} if date else {}


def _language(text: str) -> str:
    from converter.extract.language import detect_language

    return detect_language(text)
