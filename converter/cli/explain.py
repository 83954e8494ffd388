"""``--explain``: what extraction kept, dropped or moved, line by line, with the rule that decided."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict

from converter.extract.result import Extraction

#: Width of the rule-name column in the text report.
RULE_WIDTH = 26


def explain_text(extraction: Extraction, name: str) -> str:
    """A report a person reads: one line per input line, ``line verdict rule  text``."""
    rows = [f"# {name}: what extraction kept and dropped, and the rule that decided"]
    for d in extraction.decisions:
        text = d.text if len(d.text) <= 90 else d.text[:87] + "..."
        rows.append(f"{d.line:>5} {d.verdict:<8} {d.rule:<{RULE_WIDTH}} {text}")
    kept = sum(d.verdict != "dropped" for d in extraction.decisions)
    # HTML input is judged block by block (its decisions name the article container); text line by line
    unit = "blocks" if any(d.rule.endswith("article_container") for d in extraction.decisions) else "lines"
    dropped = Counter(d.rule for d in extraction.decisions if d.verdict == "dropped")
    why = ", ".join(f"{n} {rule}" for rule, n in dropped.most_common())
    rows.append(f"# {kept} of {len(extraction.decisions)} {unit} kept" + (f"; dropped: {why}" if why else ""))
    return "\n".join(rows) + "\n"


def explain_json(extraction: Extraction, name: str) -> str:
    """The same report as JSON: ``{"input": name, "decisions": [{line, text, verdict, rule}, ...]}``."""
    payload = {"input": name, "decisions": [asdict(d) for d in extraction.decisions]}
    return json.dumps(payload, ensure_ascii=False, indent=1) + "\n"
