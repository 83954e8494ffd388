"""Saved web pages: the page's visible text, block by block, then the plain-text rules; metadata from the head.

This first reader keeps the structure a text scrape has (one block a line) and lets the named rules of
``converter.text_extract`` find the article, so HTML input already gets the same cleaning; pictures,
links and tables are not carried over yet.
"""

from __future__ import annotations

import email
import email.policy
from collections.abc import Callable
from pathlib import Path

from converter.article import Resource
from converter.errors import ExtractionError, SourceError
from converter.extraction import Extraction
from converter.html_extract.metadata import page_metadata
from converter.html_extract.text import page_lines, parse


def extract_html(html: str, *, base_dir: Path | None = None,
                 load_resource: Callable[[str], Resource | None] | None = None,
                 keep_comments: bool = False) -> Extraction:
    """The article of a saved page: its visible text through the text rules, metadata from the head."""
    from converter.text_extract import extract_text

    root = parse(html)
    head = page_metadata(root)  # before page_lines, which drops the head from the tree
    lines = page_lines(root)
    if not lines:
        raise ExtractionError("no article text found in the page; is it the saved article page?")
    found = extract_text("\n\n".join(lines))
    metadata = {**found.metadata, **head}
    return Extraction(body=found.body, metadata=metadata, decisions=found.decisions)


def extract_mhtml(data: bytes, *, keep_comments: bool = False) -> Extraction:
    """An ``.mhtml`` archive: the first HTML part, decoded by its declared charset."""
    message = email.message_from_bytes(data, policy=email.policy.default)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            return extract_html(part.get_content(), keep_comments=keep_comments)
    raise SourceError("the MHTML archive holds no HTML page")
