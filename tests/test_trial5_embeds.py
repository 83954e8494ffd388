"""Trial 5's Markdown findings: an embedded player (``<iframe>`` video) is kept as a link to its address in
every edition, not dropped silently; ``<details><summary>`` prints its summary as a block of its own."""

from __future__ import annotations

import io
import logging

import pytest
from pypdf import PdfReader

import converter

EMBED_MD = """---
title: Storm on the coast
---

The storm reached the quay at noon and the harbour wall held.

<iframe src="https://www.youtube.com/embed/abc123" width="560" height="315" title="Storm footage"></iframe>

A second clip <iframe src="https://player.vimeo.com/video/77"></iframe> was filmed from the ferry.

<video controls>
<source src="https://example.org/clip.mp4" type="video/mp4">Your browser cannot play it
</video>

<iframe srcdoc="<p>hi</p>"></iframe>

Last paragraph.
"""


def test_an_embedded_player_becomes_a_link_to_its_address(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="converter")
    html = converter.render(converter.extract(EMBED_MD), "html").decode()
    assert '<p>Video: <a href="https://www.youtube.com/embed/abc123">Storm footage</a></p>' in html
    assert ('A second clip Video: <a href="https://player.vimeo.com/video/77">https://player.vimeo.com/video/77</a>'
            " was filmed from the ferry.") in html
    assert '<p>Video: <a href="https://example.org/clip.mp4">https://example.org/clip.mp4</a></p>' in html
    assert "iframe" not in html and "Your browser" not in html and "srcdoc" not in html
    assert [r.getMessage() for r in caplog.records] == [
        "embedded page (<iframe>) without a web address is left out"]


def test_the_embed_link_is_in_the_pdf_text() -> None:
    with converter.strict(False):
        pdf = converter.render(converter.extract(EMBED_MD.split("<video")[0]), "pdf")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Video: Storm footage" in text
    assert "https://www.youtube.com/embed/abc123" in text  # the printed link (footnote) a reader can type
