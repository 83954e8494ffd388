"""Saved HTML pages: footnote back links in any language, missing pictures reported, table captions,
``--explain`` rows for what became metadata. Fixtures are written here, in the shapes real pages have."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from click.testing import CliRunner

import converter
from converter.cli import main
from converter.markdown.to_html import render_body

NOTE_PAGE = """<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Die Fähre</title></head><body>
<article><h1>Die Fähre fährt wieder</h1>
<p>Die Fähre nach Kleinort fährt ab Montag wieder im Stundentakt, auch am Wochenende und an allen Feiertagen
im Sommer, teilte die Reederei mit.<sup id="anker-1"><a href="#fussnote-1">1</a></sup></p>
<p>Im Winter bleibt es beim Zweistundentakt, weil zu wenige Fahrgäste die frühen Fähren nutzen, sagt die
Sprecherin der Reederei, und die Mannschaft in der dunklen Jahreszeit kleiner ist.<a id="anker-2"
href="#fussnote-2">2</a></p>
<ol class="footnotes">
<li id="fussnote-1">Außer am 24. Dezember. <a href="#anker-1">Zurück zum Text</a> <a href="#top">Seitenanfang</a></li>
<li id="fussnote-2">Laut Fahrplan 2026. <a href="#anker-2">nach oben</a></li>
</ol></article></body></html>"""


def test_a_back_link_to_the_reference_marker_is_dropped_whatever_its_words(tmp_path: Path) -> None:
    page = tmp_path / "faehre.html"
    page.write_text(NOTE_PAGE, encoding="utf-8")
    body = converter.extract(page).body
    notes = [line for line in body.splitlines() if line.startswith("[^")]
    # The link to the page's top is not a back link to the reference: it stays, as a link.
    assert notes == ["[^1]: Außer am 24. Dezember. [Seitenanfang](#top)", "[^2]: Laut Fahrplan 2026."]
    assert "Zurück" not in body and "nach oben" not in body


FIGURE_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Hives</title></head><body>
<article><h1>Weighing hives in winter</h1>
<p>Once a fortnight I lifted the back of each hive and noted the reading on the scale, which is enough to spot
a colony that is running out of stores before it is too late to feed it.</p>
<figure><img src="pictures/scale.jpg" alt="A scale hooked under a hive"><figcaption>The east hive in
December.</figcaption></figure>
<p>The small colony was the only one that needed feeding, and it took fondant twice before Christmas, which
is less than in the winter before.</p>
<figure><img src="pictures/fondant.jpg" alt="A block of fondant on the frames"></figure>
<p>By February all three colonies were flying on warm afternoons and bringing in the first pollen of the year
from the hazel trees by the canal.</p>
</article></body></html>"""


def test_a_missing_picture_is_a_warning_and_keeps_its_caption_or_alt_text(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    page = tmp_path / "hives.html"
    page.write_text(FIGURE_PAGE, encoding="utf-8")
    with caplog.at_level(logging.INFO, logger="converter"):
        body = converter.extract(page).body
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    tail = "no such file beside the page; the output shows its caption or alt text instead"
    assert warnings == [f"missing pictures/scale.jpg: {tail}", f"missing pictures/fondant.jpg: {tail}"]
    assert "::: figure\nThe east hive in December.\n:::" in body
    assert "::: figure\nA block of fondant on the frames\n:::" in body


LONE_PICTURES = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Hives</title></head><body>
<article><h1>Weighing hives in winter</h1>
<p>Once a fortnight I lifted the back of each hive and noted the reading on the scale, which is enough to spot
a colony that is running out of stores before it is too late to feed it.</p>
<p><img src="pictures/scale.jpg" alt="A scale hooked under a hive"></p>
<p>The small colony was the only one that needed feeding, and it took fondant twice before Christmas, which
is less than in the winter before.</p>
<div><a href="/shop/"><img src="pictures/banner.png" alt="Fondant half price this week"></a></div>
<img src="pictures/theme.jpg" alt="Weighing hives in winter"><img src="pictures/theme2.jpg" alt="Hives">
<p>By February all three colonies were flying on warm afternoons and bringing in the first pollen of the year
from the hazel trees by the canal.</p>
<img src="pictures/hives.jpg" alt="Hives">
<p><img src="pictures/lead.jpg" alt="Weighing hives in winter image"></p>
</article></body></html>"""


def test_a_missing_picture_outside_a_figure_keeps_its_alt_text_unless_it_describes_nothing(
        tmp_path: Path) -> None:
    page = tmp_path / "hives.html"
    page.write_text(LONE_PICTURES, encoding="utf-8")
    body = converter.extract(page).body
    figures = [block for block in body.split("\n\n") if block.startswith("::: figure")]
    # A banner inside a link elsewhere, two pictures in one run, an alt text used twice, the headline again:
    # none is described.
    assert figures == ["::: figure\nA scale hooked under a hive\n:::"]


def test_the_cli_prints_the_missing_picture_and_exits_0(tmp_path: Path) -> None:
    page = tmp_path / "hives.html"
    page.write_text(FIGURE_PAGE, encoding="utf-8")
    result = CliRunner().invoke(main, ["convert", str(page), "-o", str(tmp_path / "out.md")])
    assert result.exit_code == 0, result.output
    tail = "no such file beside the page; the output shows its caption or alt text instead"
    assert result.stderr.splitlines() == [f"converter: warning: missing pictures/scale.jpg: {tail}",
                                          f"converter: warning: missing pictures/fondant.jpg: {tail}"]


TABLE_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Tides</title></head><body>
<article><h1>Spring tides at the harbour</h1>
<p>The harbour master publishes the spring tides a month ahead, and the ones below are the highest of the
year, so the lower car park by the slipway will be closed on those mornings.</p>
<table><caption>Highest tides in <em>March</em></caption>
<thead><tr><th>Day</th><th>Time</th><th>Height (m)</th></tr></thead>
<tr><td>Tuesday</td><td>07:12</td><td>6.1</td></tr><tr><td>Wednesday</td><td>07:58</td><td>6.3</td></tr></table>
<p>Boat owners are asked to check their moorings the evening before, as in other years, and to keep the
slipway clear for the lifeboat crew.</p>
</article></body></html>"""

TABLE_MARKDOWN = """::: figure
Highest tides in *March*

| Day | Time | Height (m) |
| --- | --- | --- |
| Tuesday | 07:12 | 6.1 |
| Wednesday | 07:58 | 6.3 |
:::"""


def test_a_table_caption_is_the_tables_caption_not_a_body_paragraph(tmp_path: Path) -> None:
    page = tmp_path / "tides.html"
    page.write_text(TABLE_PAGE, encoding="utf-8")
    body = converter.extract(page).body
    assert TABLE_MARKDOWN in body
    html = render_body(TABLE_MARKDOWN)
    assert html.startswith("<table>\n<caption>Highest tides in <em>March</em></caption>\n<thead>")
    assert "<figure" not in html and "<p>" not in html


def test_a_figure_with_a_table_and_more_stays_a_figure() -> None:
    html = render_body("::: figure\nCaption\n\n| a | b |\n| --- | --- |\n| 1 | 2 |\n\nMore\n:::")
    assert "<figure" in html and "<caption>" not in html


EXPLAIN_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bridge reopens - Valley Post</title>
<meta property="og:site_name" content="Valley Post">
<meta name="author" content="Ruth Okonkwo-Berg"></head><body>
<div class="brand">Valley Post</div>
<article><header><h1>The river bridge reopens on Monday</h1>
<p class="byline">By Ruth Okonkwo-Berg · 3 March 2026</p></header>
<div class="entry-content">
<p>The river bridge reopens to cars on Monday after eleven months of repairs to its piers, the county said,
two weeks later than planned because of the winter floods.<sup id="r1"><a href="#n1">1</a></sup></p>
<p>Buses return to their old route on the same day, and the temporary ferry stops running at the end of the
week, once the last of the scaffolding has been taken down.</p>
</div></article>
<aside class="notes"><ol><li id="n1">The piers were last repaired in 1987. <a href="#r1">Back to text</a></li>
</ol></aside>
</body></html>"""


def test_explain_records_the_headline_byline_site_and_notes_as_what_they_became(tmp_path: Path) -> None:
    from converter.extract.html import extract_html

    decisions = extract_html(EXPLAIN_PAGE).decisions
    rows = [(d.line, d.verdict, d.rule, d.text) for d in decisions]
    assert rows == [
        (4, "metadata", "site_name", "Valley Post"),
        (5, "title", "title_heading", "The river bridge reopens on Monday"),
        (6, "metadata", "byline_block", "By Ruth Okonkwo-Berg · 3 March 2026"),
        (8, "kept", "article_container", "The river bridge reopens to cars on Monday after eleven months of "
                                         "repairs to its"),
        (10, "kept", "article_container", "Buses return to their old route on the same day, and the temporary "
                                          "ferry stops r"),
        (13, "footnote", "footnote", "The piers were last repaired in 1987. Back to text"),
    ]


def test_a_picture_without_an_address_is_left_out_not_a_crash():
    """An ``<image href>`` outside an SVG (which the HTML parser reads as an ``<img>`` without ``src``) has
    no picture to load: the page's text comes through (found by the extractors' fuzz test)."""
    first = "The ferry left the harbour at dawn with forty passengers aboard and a cargo of timber. " * 3
    second = "By noon the wind had risen, and the captain turned back toward the breakwater. " * 3
    page = (f"<html><body><article><h1>Dawn crossing</h1><p>{first}</p><image href='http://127.0.0.1/x.png'>"
            f"<p>{second}</p></article></body></html>")
    article = converter.extract(page, kind="html")
    assert article.body == f"{first.strip()}\n\n{second.strip()}"


EDITION_SOURCE = """---
title: The Quay Vote
---

The chair cited a survey[^survey] and a report.[^hm]

[^survey]: Surveyed by the Harbour Trust.
[^hm]: Presented on 20 November.

Members spoke for three hours before the vote was taken, and every one of them said the plan was late.

| Item | Cost | Share | Note |
|:-----|-----:|:-----:|------|
| Dredging | 2,100 | 50% | first |
| Lights | 300 | 7% | later |
"""


def test_our_own_html_edition_reads_back_with_its_footnotes_and_table_alignment(tmp_path: Path) -> None:
    """Trial 5, #4: markdown-it's markers (``<sup class="footnote-ref">``, which the scorer drops for its
    "foot") stay in the text as ``[^1]``, the back links make no notes of their own ("[^3]: \\[1\\]"),
    and a column's ``style="text-align:right"`` is its ``---:``."""
    (tmp_path / "vote.md").write_text(EDITION_SOURCE, "utf-8")
    converter.render(converter.extract(tmp_path / "vote.md"), "html", tmp_path / "vote.html")
    back = converter.extract(tmp_path / "vote.html")
    assert back.body == (
        "The chair cited a survey[^1] and a report.[^2]\n\n"
        "Members spoke for three hours before the vote was taken, and every one of them said the plan was late.\n\n"
        "| Item | Cost | Share | Note |\n| :--- | ---: | :---: | --- |\n"
        "| Dredging | 2,100 | 50% | first |\n| Lights | 300 | 7% | later |\n\n"
        "[^1]: Surveyed by the Harbour Trust.\n[^2]: Presented on 20 November.")


def test_a_column_whose_cells_disagree_or_span_has_no_alignment() -> None:
    page = ("<html><body><article><h1>Tides</h1><p>" + "The tide tables for the week ahead, as the harbour "
            "master gives them every Friday. " * 3 + "</p><table>"
            '<tr><th align="right">Day</th><th style="text-align: center">High</th><th colspan="2">Low</th></tr>'
            '<tr><td align="left">Mon</td><td align="center">06:10</td><td align="right">12:20</td><td>a</td></tr>'
            '<tr><td>Tue</td><td>06:50</td><td align="right">13:00</td><td>b</td></tr>'
            "</table></article></body></html>")
    body = converter.extract(page.encode()).body
    assert body.endswith("| Day | High | Low |  |\n| --- | :---: | ---: | --- |\n"
                         "| Mon | 06:10 | 12:20 | a |\n| Tue | 06:50 | 13:00 | b |")
