"""Fuzzing the extractors and the Markdown renderer: any input ends in a result or a ConverterError, fast."""

from __future__ import annotations

import contextlib
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from converter.errors import ConverterError
from converter.extract.html import extract_html
from converter.extract.text import extract_text
from converter.markdown.to_html import render_body

#: Fragments that steer random text toward the constructs parsers trip on.
MARKUP = st.sampled_from([
    "<", ">", "&", "&#0;", "&#x110000;", "<!--", "-->", "<![CDATA[", "]]>", "<!DOCTYPE x [", "<!ENTITY e 'x'>",
    "<div>", "</div>", "<p>", "<table><tr><td>", "<a href='javascript:x'>", "<img src=file:///etc/passwd>",
    "<svg><image href=http://127.0.0.1/>", "> ", "- ", "1. ", "    ", "```", "|a|b|\n|-|-|\n", "::: figure\n",
    ":::\n", "[x](", ")", "![y](", "[^1]", "\n\n", "#", "*", "_", "\\", "\x00", "\ufeff", "\u202e", "\ud7ff",
])
TEXTS = st.lists(st.one_of(MARKUP, st.text(max_size=40)), max_size=60).map("".join)

FUZZ = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _call_or_converter_error(function, *args: object) -> None:
    with contextlib.suppress(ConverterError):
        function(*args)


@FUZZ
@given(TEXTS)
def test_markdown_renderer(body: str) -> None:
    html = render_body(body)
    lowered = html.lower()
    assert "<script" not in lowered and 'href="javascript' not in lowered and 'src="file' not in lowered


@pytest.mark.parametrize("extractor", [extract_text, extract_html], ids=["text", "html"])
def test_extractors(extractor: Callable[[str], object]) -> None:

    @FUZZ
    @given(TEXTS)
    def run(text: str) -> None:
        _call_or_converter_error(extractor, text)

    run()

