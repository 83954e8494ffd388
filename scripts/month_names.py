"""Write the month-name table ``converter/extract/month_names.json`` from CLDR (through the installed Babel).

    .venv/bin/python scripts/month_names.py

The table holds, for every language of ``bylines.DATE_LANGUAGES``, what ``bylines.cldr_month_names`` gives:
lower-cased name -> month number, in Babel's order (the first reading of a name wins, so order matters).
Deterministic: the same Babel writes the same bytes. ``tests/test_bylines.py`` checks the shipped table
against the installed Babel; run this again when Babel's CLDR changes.
"""

from __future__ import annotations

import json
from pathlib import Path

from converter.extract.bylines import DATE_LANGUAGES, MONTH_NAMES_FILE, cldr_month_names

TABLE = Path(__file__).resolve().parent.parent / "converter" / "extract" / MONTH_NAMES_FILE


def table() -> dict[str, dict[str, int]]:
    return {language: cldr_month_names(language) for language in DATE_LANGUAGES}


def main() -> None:
    TABLE.write_text(json.dumps(table(), ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"wrote {TABLE} ({TABLE.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
