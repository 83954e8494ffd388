"""Features of each line of a text scrape, for the learned line model (``converter.extract.text.model``).

A line is described by the named rules' judgement of it (which rule decided it, the verdict the rule
pipeline reached, whether it sits in the article span) and by shallow text features of the kind the
field's line classifiers use (Kohlschütter et al., "Boilerplate Detection using Shallow Text Features",
2010): length, sentence punctuation, stop-word density, capitals and digits, its position on the page,
how often it repeats, and the same for its neighbours. Every feature has a name, so ``--explain`` can say
which signals decided a line. Features are sparse: a mapping of name to value, absent means 0.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable

from converter.extract.text.lines import Line
from converter.extract.text.rules import BULLET, Verdict

_WORD = re.compile(r"\w+")
_PUNCT = re.compile(r"[,.;:!?]")
#: The commonest function words of the corpus's languages (a density of them marks running prose).
_STOP_TEXT = """
a an the and or but of to in on at for with from by as is are was were be been has have had it its this that
these those he she they we you i his her their our not no so if than then there which who what when where
will would can could should may also into about after over more most such only other some any all one
der die das und oder aber von zu im in am an auf für mit aus bei als ist sind war waren hat haben ein eine
einer es er sie wir nicht auch dass wie noch nach über den dem des sich
le la les et ou mais de du des un une en dans sur pour par avec est sont était été a ont il elle ils nous
vous que qui ne pas plus au aux ce cette ces son sa ses leur
el los las y o pero del al en con por para es son fue ha han un una que se no más su sus lo como
il lo gli e o ma di da in con per è sono stato ha hanno un una che non più suo sua
o os as e ou mas do da dos das em no na com por para é são foi tem um uma que não mais seu sua
de het een en of maar van in op voor met door is zijn was heeft hebben dat die niet ook
"""
STOP_WORDS = frozenset(_STOP_TEXT.split())

#: Word-count bins (upper bounds) a line falls in; one indicator feature each.
WORD_BINS = (1, 3, 6, 10, 16, 25, 40)


def line_shape(line: Line) -> dict[str, float]:
    """Shallow features of one line by itself."""
    text = line.text
    tokens = _WORD.findall(text)
    n = max(len(tokens), 1)
    letters = sum(map(str.isalpha, text)) or 1  # map over str methods: the hot loop of the extractor
    f: dict[str, float] = {
        "log_words": math.log1p(line.words),
        "sentence_end": float(line.sentence),
        "title_like": float(line.title_like),
        "stop_density": sum(t.lower() in STOP_WORDS for t in tokens) / n,
        "punct_density": len(_PUNCT.findall(text)) / n,
        "comma_density": text.count(",") / n,
        "upper_ratio": sum(map(str.isupper, text)) / letters,
        "digit_ratio": sum(map(str.isdigit, text)) / max(len(text), 1),
        "starts_upper": float(text[:1].isupper()),
        "starts_lower": float(text[:1].islower()),
        "ends_colon": float(text.endswith(":")),
        "ends_question": float(text.endswith("?")),
        "bullet": float(bool(BULLET.match(text))),
        "separator": float(any(s in text for s in ("|", "»", "›", "•", " / "))),
        "has_at_or_url": float("@" in text or "http" in text or "www." in text),
        "quote_start": float(text[:1] in "\"“‘'«„"),
    }
    for bound in WORD_BINS:
        if line.words <= bound:
            f[f"words_le_{bound}"] = 1.0
            break
    else:
        f["words_gt_40"] = 1.0
    return f


def page_features(lines: list[Line], decided: dict[int, Verdict], rule_of: dict[int, str],
                  span: tuple[int, int], title: int | None, only: set[int] | None = None
                  ) -> list[dict[str, float]]:
    """Features of every line of a page (with ``only``: of those lines, the others get ``{}``).

    ``decided`` holds the rule pipeline's final verdict of each line, ``rule_of`` the name of the named
    rule or page pass that decided it before the layout placed it (absent when none did), ``span`` the
    article span ``(start, end)``, ``title`` the headline's index.
    """
    n = len(lines)
    wanted: Iterable[int] = range(n) if only is None else {j for i in only for j in (i - 1, i, i + 1)
                                                            if 0 <= j < n}
    shape_of = {i: line_shape(lines[i]) for i in wanted}
    shapes = [shape_of.get(i, {}) for i in range(n)]
    counts = Counter(line.text for line in lines)
    start, end = span
    prose = [float(line.sentence and line.words >= 8) for line in lines]
    stamps, names = thread_counts(lines, rule_of, prose, start)
    header = first_comment_header(lines, prose, start)
    title_runs = title_run_lengths(lines)
    out: list[dict[str, float]] = []
    for i, line in enumerate(lines):
        if only is not None and i not in only:
            out.append({})
            continue
        f = {"bias": 1.0, **shapes[i]}
        v = decided.get(i)
        if v is not None:
            f[f"verdict:{v.verdict}"] = 1.0
        if i in rule_of:
            f[f"rule:{rule_of[i]}"] = 1.0
        inside = start <= i <= end
        f["in_span"] = float(inside)
        if not inside and end >= start:
            gap = start - i if i < start else i - end
            f["log_span_distance"] = math.log1p(gap)
        f["position"] = i / max(n - 1, 1)
        f["repeated"] = float(counts[line.text] > 1)
        if title is not None:
            f["after_title"] = float(i > title)
        for offset, tag in ((-1, "prev"), (1, "next")):
            j = i + offset
            if 0 <= j < n:
                f[f"{tag}_log_words"] = shapes[j]["log_words"]
                f[f"{tag}_sentence_end"] = shapes[j]["sentence_end"]
                f[f"{tag}_stop_density"] = shapes[j]["stop_density"]
                f[f"{tag}_in_span"] = float(start <= j <= end)
            else:
                f[f"{tag}_none"] = 1.0
        window = prose[max(0, i - 3):i] + prose[i + 1:i + 4]
        f["neighbour_prose"] = sum(window) / max(len(window), 1)
        if stamps[i]:
            f["log_stamps_before"] = math.log1p(stamps[i])
        if names[i]:
            f["log_names_before"] = math.log1p(names[i])
        if title_runs[i] >= TITLE_RUN:
            f["log_title_run"] = math.log1p(title_runs[i])
        if header is not None and i > header:
            f["after_comment_header"] = 1.0
        out.append(f)
    return out


#: Title-like lines in a row that make a list of headlines (``title_run_lengths``).
TITLE_RUN = 3


def title_run_lengths(lines: list[Line]) -> list[int]:
    """For every line, the length of the run of consecutive title-like lines it stands in (0 for a line that
    is not title-like): a list of other stories' headlines ("8 Best Cities to Find Cloud Jobs" / "15 Hot
    Hybrid Notebooks" / ...), which a site prints under its article or beside it, is such a run; an article
    has a sub-head between paragraphs, seldom three title-like lines together."""
    out = [0] * len(lines)
    i = 0
    while i < len(lines):
        if not lines[i].title_like:
            i += 1
            continue
        j = i
        while j + 1 < len(lines) and lines[j + 1].title_like:
            j += 1
        out[i:j + 1] = [j - i + 1] * (j - i + 1)
        i = j + 1
    return out


#: A header over reader comments alone on its line: "Comments", "Reader comments:", "Responses".
COMMENT_HEADER = re.compile(r"^(?:reader |user )?(?:comments|responses)\s*:?$", re.I)


def first_comment_header(lines: list[Line], prose: list[float], start: int) -> int | None:
    """The first "Comments" header after the article's first paragraph (the first at or after ``start``)."""
    seen_prose = False
    for i in range(max(start, 0), len(lines)):
        if prose[i]:
            seen_prose = True
        elif seen_prose and lines[i].words <= 2 and COMMENT_HEADER.match(lines[i].text):
            return i
    return None


#: Rules of the lines that head or close a reader's comment: who wrote it and when, "Reply", a count.
STAMP_RULES = frozenset({"byline", "dateline", "reading_time", "comment_count", "comment_section",
                         "status_vocabulary", "comment_stamp"})


def thread_counts(lines: list[Line], rule_of: dict[int, str], prose: list[float], start: int
                  ) -> tuple[list[int], list[int]]:
    """For every line, how many comment stamps and name lines stand between the article's first paragraph
    (the first at or after ``start``, the span's) and it: a thread of reader comments repeats a stamp ("Ann
    on May 3, 2024 at 4:47 pm", "Reply") or the writer's name alone on a line (one to three words, a
    paragraph on either side) before each comment, where an article has at most a byline. Lines before
    that paragraph count 0."""
    n = len(lines)
    stamps, names = [0] * n, [0] * n
    seen_prose = False
    s = m = 0
    for i in range(max(start, 0), n):
        line = lines[i]
        stamps[i], names[i] = s, m
        if prose[i]:
            seen_prose = True
            continue
        if not seen_prose:
            continue
        if rule_of.get(i) in STAMP_RULES:
            s += 1
        elif (line.words <= 3 and not line.sentence and i not in rule_of and 0 < i < n - 1
              and prose[i - 1] and (prose[i + 1] or lines[i + 1].sentence)):
            m += 1
    return stamps, names
