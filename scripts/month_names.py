"""Write the month-name table ``converter/extract/month_names.json`` and the weekday-name table
``converter/extract/weekday_names.json`` from CLDR (through the installed Babel).

    .venv/bin/python scripts/month_names.py

The table holds, for every language of ``bylines.DATE_LANGUAGES``, what ``bylines.cldr_month_names`` gives:
lower-cased name -> month number, in Babel's order (the first reading of a name wins, so order matters);
the weekday table what ``bylines.cldr_weekday_names`` gives, a list of names for each language.
Deterministic: the same Babel writes the same bytes. ``tests/test_bylines.py`` checks the shipped tables
against the installed Babel; run this again when Babel's CLDR changes.
"""

from __future__ import annotations

import json
from pathlib import Path

from converter.extract.bylines import (
    DATE_LANGUAGES,
    MONTH_NAMES_FILE,
    WEEKDAY_NAMES_FILE,
    cldr_month_names,
    cldr_weekday_names,
)

TABLE = Path(__file__).resolve().parent.parent / "converter" / "extract" / MONTH_NAMES_FILE
WEEKDAYS = TABLE.with_name(WEEKDAY_NAMES_FILE)


def table() -> dict[str, dict[str, int]]:
    return {language: cldr_month_names(language) for language in DATE_LANGUAGES}


def weekday_table() -> dict[str, list[str]]:
    return {language: cldr_weekday_names(language) for language in DATE_LANGUAGES}


def main() -> None:
    for path, content in ((TABLE, table()), (WEEKDAYS, weekday_table())):
        path.write_text(json.dumps(content, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
        print(f"wrote {path} ({path.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
