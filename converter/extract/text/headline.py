"""The headline of a text scrape: the line the body follows, chosen by a learned score.

Every short line near the top of the article span is a candidate. Each gets named features (how far it
stands before the body, whether a byline or dateline follows it, how many of its words come back in the
opening paragraphs, whether the page prints it twice or with a site name after a separator, its shape);
a logistic model fitted by ``bench/train_extractor.py`` on the corpus's marked headlines (shipped as
``model/text_title.json``) scores them and the best one is the headline. A site name printed after
" | " or " - " is cut from the chosen line when the rest is itself a headline-sized line.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping

from converter.extract.text.decide import Analysis
from converter.extract.text.model import probability, score, top_signals
from converter.extract.text.rules import Verdict
from converter.extract.text.segment import HEADER_RULES

#: Candidates stand at most this many lines before the article span (menus above are further away).
REACH = 40
#: A headline is 2 to this many words.
MOST_WORDS = 30
#: Opening lines of the body whose words a headline's words are looked up in.
LEAD_LINES = 4
_WORD = re.compile(r"\w+")
#: "Headline | Site", "Headline - Site", "Headline :: Site", "Headline » Section".
SITE_SUFFIX = re.compile(r"\s+(?:\||-|—|–|::|»)\s+[^|—–:»]{2,40}$")


def candidates(page: Analysis) -> list[int]:
    """Indices of the lines that could be the headline."""
    start, end = page.span
    if end < start:
        return []  # no article text: no headline either (the page is refused as no article)
    last = min(end, start + 2)
    return [i for i in range(max(0, start - REACH), last + 1)
            if 2 <= page.lines[i].words <= MOST_WORDS and not page.lines[i].text.endswith(",")
            and not (page.lines[i].sentence and not page.lines[i].text.endswith(("?", "!")))
            and page.decided[i].rule not in HEADER_RULES]


def candidate_features(page: Analysis, i: int, lead: Counter[str], counts: Counter[str]) -> dict[str, float]:
    """Named features of candidate line ``i``."""
    lines, start = page.lines, page.span[0]
    line = lines[i]
    text = line.text
    words = [w.lower() for w in _WORD.findall(text)]
    long_words = [w for w in words if len(w) > 3]
    letters = sum(ch.isalpha() for ch in text) or 1
    f: dict[str, float] = {
        "bias": 1.0,
        "log_words": math.log1p(line.words),
        "few_words": float(line.words <= 3),
        "title_like": float(line.title_like),
        "sentence_end": float(line.sentence),
        "ends_question": float(text.endswith("?")),
        "upper_ratio": sum(ch.isupper() for ch in text) / letters,
        "digit_ratio": sum(ch.isdigit() for ch in text) / max(len(text), 1),
        "site_suffix": float(bool(SITE_SUFFIX.search(text))),
        "colon": float(":" in text),
        "lead_overlap": (sum(w in lead for w in long_words) / len(long_words)) if long_words else 0.0,
        "repeated": float(counts[text] > 1),
        "prefix_of_other": float(any(o.text != text and o.text.startswith(text)
                                     for o in lines[max(0, i - REACH):i + REACH])),
        "rules_headline": float(page.decided[i].verdict == "title"),
        "in_span": float(i >= start),
        "log_before_start": math.log1p(max(start - i, 0)),
        "next_header": float(i + 1 < len(lines) and page.decided[i + 1].rule in HEADER_RULES),
        "next_header2": float(i + 2 < len(lines) and page.decided[i + 2].rule in HEADER_RULES),
        "first_line": float(i == 0),
    }
    rule = page.rule_of.get(i)
    if rule:
        f[f"rule:{rule}"] = 1.0
    f[f"verdict:{page.decided[i].verdict}"] = 1.0
    return f


def page_candidates(page: Analysis) -> list[tuple[int, dict[str, float]]]:
    """Every candidate with its features."""
    start = max(page.span[0], 0)
    lead: Counter[str] = Counter()
    for line in page.lines[start:start + LEAD_LINES]:
        lead.update(w.lower() for w in _WORD.findall(line.text) if len(w) > 3)
    counts = Counter(line.text for line in page.lines)
    return [(i, candidate_features(page, i, lead, counts)) for i in candidates(page)]


def choose_headline(page: Analysis, model: Mapping) -> None:
    """Make the best-scoring candidate the headline (in place); the rules' choice gives way."""
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
