"""Plain-text extraction: golden cases written by us, named rules, and the record for --explain."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from converter.language import detect_language
from converter.text_extract import extract_text
from converter.text_extract.lines import split_lines
from converter.text_extract.rules import apply_line_rules

CASES = sorted(p for p in (Path(__file__).parent / "cases").glob("text-*") if p.is_dir())


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_golden_case(case: Path) -> None:
    result = extract_text((case / "input.txt").read_text("utf-8"))
    assert result.body + "\n" == (case / "expected_body.md").read_text("utf-8")
    meta = {k: list(v) if isinstance(v, tuple) else v for k, v in result.metadata.items()}
    assert meta == json.loads((case / "expected_meta.json").read_text("utf-8"))


def test_every_non_blank_line_has_a_decision() -> None:
    text = (CASES[0] / "input.txt").read_text("utf-8")
    result = extract_text(text)
    numbered = [n for n, line in enumerate(text.splitlines(), 1) if line.strip()]
    assert [d.line for d in result.decisions] == numbered
    assert all(d.rule for d in result.decisions)


@pytest.mark.parametrize(("lines", "verdicts"), [
    (["A teaser title", "A teaser title", "Read More"], ["teaser_card"] * 3),
    (["The quay at dawn", "The quay at dawn (Photo: Tomas Brand)"], ["doubled_caption", "doubled_caption"]),
    (["This article is over 3 years old"], ["age_notice"]),
    (["Issue 512"], ["issue_number"]),
    (["By Ann Lee and Bo Chen"], ["byline"]),
    (["Updated: 14 January 2025"], ["dateline"]),
    (["6 min read"], ["reading_time"]),
    (["Advertisement"], ["advertisement_vocabulary"]),
    (["Accept all cookies"], ["consent_vocabulary"]),
    (["© 2024 Example Media Ltd"], ["copyright_line"]),
    (["34 comments"], ["comment_count"]),
])
def test_named_rules(lines: list[str], verdicts: list[str]) -> None:
    decided = apply_line_rules(split_lines("\n".join(lines)))
    assert [decided[i].rule for i in range(len(lines))] == verdicts


def test_a_long_line_without_a_full_stop_stays_a_paragraph() -> None:
    text = ("A headline for the test\n\n" + "This is a first paragraph that is long enough to count as text. " * 3
            + "\n\nDowning Street and the military are accusing the ministry of negligence in preparations for it\n\n"
            + "And a closing paragraph that also reads like ordinary article text for the reader.\n")
    body = extract_text(text).body
    assert "\n\nDowning Street and the military are accusing the ministry of negligence in preparations for it\n\n" \
        in body


def test_empty_and_whitespace_input_give_an_empty_body() -> None:
    assert extract_text("").body == ""
    assert extract_text(" \n\t\n").decisions == ()


@pytest.mark.parametrize(("text", "language"), [
    ("The ferry is one of the oldest in the country and it was saved by the town.", "en"),
    ("Le bac est le plus ancien du pays et il a été sauvé par les habitants de la ville.", "fr"),
    ("Die Fähre ist die älteste im Land und sie wurde von der Stadt und den Bürgern gerettet.", "de"),
    ("El ferry es el más antiguo del país y fue salvado por los vecinos de la ciudad.", "es"),
    ("Паром был спасён жителями города.", "ru"),
    ("フェリーは町の人々によって救われた。", "ja"),
    ("ok", ""),
])
def test_detect_language(text: str, language: str) -> None:
    assert detect_language(text) == language
