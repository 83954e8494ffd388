"""Dates and name lists in the article's language: the English written without Babel is Babel's English."""

from __future__ import annotations

import datetime

import pytest

from converter.render.direction import language_direction
from converter.render.localise import PLAIN_ENGLISH, format_date, join_names, numbering_system

babel_dates = pytest.importorskip("babel.dates")
babel_lists = pytest.importorskip("babel.lists")

DAYS = [datetime.date(2021, 9, 1), datetime.date(1999, 12, 31), datetime.date(2024, 2, 29)]
NAMES = [["Ann"], ["Ann", "Bo"], ["Ann", "Bo", "Cy"], ["Ann", "Bo", "Cy", "Di"]]


@pytest.mark.parametrize("tag", [*PLAIN_ENGLISH, "EN", "en_GB", "en-US ", ""])
def test_plain_english_is_what_babel_writes(tag: str) -> None:
    locale = {"en-us": "en_US"}.get(tag.strip().replace("_", "-").lower(), "en_GB")
    for day in DAYS:
        assert format_date(day.isoformat(), tag) == babel_dates.format_date(day, "long", locale=locale)
    for names in NAMES:
        assert join_names(names, tag) == babel_lists.format_list(names, locale=locale)
    assert numbering_system(tag) == "latn"


def test_other_languages_still_go_through_babel() -> None:
    assert format_date("2021-09-01", "fr") == "1 septembre 2021"
    assert format_date("2021-09-01", "en-CA") == babel_dates.format_date(DAYS[0], "long", locale="en_CA")
    assert join_names(["A", "B", "C"], "de") == "A, B und C"
    assert format_date("2021-09-01", "fa").endswith("۱۴۰۰") or "۲۰۲۱" in format_date("2021-09-01", "fa")


@pytest.mark.parametrize(("tag", "direction"), [("en", "ltr"), ("en-GB", "ltr"), ("en_001", "ltr"),
                                                ("ar", "rtl"), ("he-IL", "rtl"), ("fr", "ltr")])
def test_language_direction(tag: str, direction: str) -> None:
    assert language_direction(tag) == direction
