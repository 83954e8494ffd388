"""Limits that keep a hostile input from exhausting time, memory or the PDF engine.

Each limit is documented where it is defined and can be changed through ``RenderOptions.limits``.
What a limit removes is always reported as a warning, never dropped silently; a limit that cannot be
met by reshaping the document (time, memory, pages) stops the render with a ``RenderError``.

The calibration notes give the measurement each default comes from (WeasyPrint 70, one core of a
2-core machine); SECURITY.md has the same table for users.
"""

from __future__ import annotations

from dataclasses import dataclass

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Caps applied while reading and rendering; defaults fit any real article with a wide margin."""

    max_input_bytes: int = 20 * MB
    """Largest input file read. A long article is well under 1 MB of text; a saved page a few MB."""
    max_input_elements: int = 100_000
    """Most elements a saved page (HTML, MHTML, a feed entry's content) may have; more is refused after
    a count in a stream (memory of one path of the tree), before any tree is built or rule runs, whatever
    the output. The largest page of our 882-page corpus has 8,124 (median 549). Extraction is linear in
    elements at about 50 us each (100,000 tiny paragraphs: 5 s of CPU, 155 MB), so the cap keeps any
    page within seconds and a few hundred MB; 1.5 million tiny paragraphs (13.5 MB, under
    ``max_input_bytes``) took over 500 s and 1.3 GB before."""
    max_element_attributes: int = 1_000
    """Most attributes one element of a saved page may have; a page with more is refused before it is
    parsed. libxml2 checks each attribute against the ones before it: 10,000 on one element take 0.3 s a
    parse, 100,000 half a minute (and a page is parsed three times), 1,000,000 hours. The corpus's
    most is 70."""
    max_text_lines: int = 50_000
    """Most lines a text scrape or a Markdown file may have; more is refused before any rule runs. A long
    article is 1,000 to 5,000 lines; the text rules take about 6 s for 50,000 short lines (about 0.13 ms
    a line), so a 20 MB file of ten million one-word lines would take half an hour and gigabytes."""
    max_front_matter_bytes: int = 64 * 1024
    """Largest YAML front matter block read (ours is a few hundred bytes)."""
    max_yaml_nodes: int = 2_000
    """Most YAML nodes (keys, values, list items) in front matter. Aliases (``*name``) are refused
    outright: front matter never needs them, and nested aliases expand exponentially (billion laughs)."""
    max_feed_entries: int = 1_000
    """Most entries read from one feed; the rest are left out with a warning. Each entry is converted
    (about 4 ms for a short one), so 60,000 entries would take minutes."""
    max_resource_bytes: int = 15 * MB
    """Largest picture embedded, in bytes (before decoding)."""
    max_image_pixels: int = 50_000_000
    """Most pixels a picture may claim in its header (50 MP: a 8000 x 6000 photo; about 200 MB decoded).
    Checked before any decoder runs, so a small file claiming 100000 x 100000 is refused unread."""
    max_depth: int = 48
    """Deepest element nesting handed to WeasyPrint, counted from ``<html>``. WeasyPrint raises
    RecursionError at about 130 nested blocks; deeper structure is flattened (text kept, line breaks
    between former blocks)."""
    max_elements: int = 20_000
    """Most elements handed to WeasyPrint (about 1.3 ms each with our print CSS: 6,000 paragraphs take 8 s;
    more under load), so a page at the cap still renders well inside ``pdf_seconds``. Past it, inline
    formatting is removed first; a document still over it is refused."""
    max_table_cells: int = 2_000
    """Most cells in one table; a bigger table becomes one paragraph per row (cells joined by " | ")."""
    max_word_chars: int = 64
    """Longest run of characters without a break opportunity; longer words (URLs, base64, "aaaa...") get
    a zero-width space every this many characters so the line breaker never has to split them itself."""
    max_pages: int = 2_000
    """Most pages a PDF may have. A long page (500,000 characters of text or more) is refused before it is
    laid out when an estimate of its pages is over this by 10 % (``converter.render.pdf_estimate``):
    layout runs at 10 to 30 pages a CPU second, so 19 MB of text (about 6,000 pages) used to run into
    ``pdf_seconds`` instead."""
    pdf_seconds: float = 120.0
    """Longest a PDF (an article's, or one part of an issue's) may take to lay out and write, wall-clock; the
    isolated child process that renders every PDF is killed past it."""
    pdf_memory_bytes: int = 2048 * MB
    """Address space of the isolated child process that renders every PDF (``RLIMIT_AS``)."""
