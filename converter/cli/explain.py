"""``--explain``: what extraction kept, dropped or moved, line by line, with the rule that decided."""

from __future__ import annotations

import json
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
    rows.append(f"# {kept} of {len(extraction.decisions)} lines kept")
    return "\n".join(rows) + "\n"


def explain_json(extraction: Extraction, name: str) -> str:
    """The same report as JSON: ``{"input": name, "decisions": [{line, text, verdict, rule}, ...]}``."""
    payload = {"input": name, "decisions": [asdict(d) for d in extraction.decisions]}
    return json.dumps(payload, ensure_ascii=False, indent=1) + "\n"
