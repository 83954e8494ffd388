"""Markdown input: front matter becomes metadata, the body is kept as written (no extraction), normalised."""

from __future__ import annotations

import re
from collections.abc import Mapping

from converter.article import METADATA_FIELDS
from converter.errors import SourceError
from converter.extract.result import Decision, Extraction
from converter.extract.text import check_line_count
from converter.markdown.frontmatter import split
from converter.markdown.headings import shift_below_headline
from converter.markdown.pictures import picture_targets
from converter.markdown.raw_pictures import raw_pictures_as_markdown
from converter.policy.limits import Limits
from converter.policy.resources import is_remote

_H1 = re.compile(r"\A[ ]{0,3}#[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$")
#: A Setext level-1 underline (``Title`` over ``=====``, the heading style pandoc writes by default).
_SETEXT_H1 = re.compile(r"^ {0,3}=+[ \t]*$", re.M)
#: A line that may be a level-1 heading (ATX ``# x`` or a Setext ``===`` underline): only then is the body parsed.
_H1_ANYWHERE = re.compile(r"^ {0,3}(?:#(?:[ \t]|$)|=+[ \t]*$)", re.M)
_BLANK_RUN = re.compile(r"\n{3,}")
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")


def extract_markdown(text: str, name: str = "<markdown>", max_blocks: int = Limits.max_text_lines,
                     limits: Limits | None = None) -> Extraction:
    """Metadata from the front matter (and a leading ``# headline``), body normalised.

    The headline rules (what pandoc and Hugo authors write): without a front-matter title, a leading
    ``# H1`` is the title; with one, a leading H1 of the same text (case and spacing aside) is that title
    written twice and is dropped, a different one stays in the body as its first heading. A body that
    still holds level-1 headings then has all its headings shifted one level deeper (as pandoc's
    ``--shift-heading-level-by=1``), so the article's outline has the headline alone at the top.

    Raises ``SourceError`` for more than ``max_blocks`` lines (``Limits.max_text_lines``) and for front
    matter that is not YAML, too big or uses aliases (``converter.markdown.frontmatter.split``), and
    for more table cells and links than ``limits.max_input_elements`` (``check_markup_count``).
    """
    check_line_count(text, max_blocks, name)
    check_markup_count(text, (limits or Limits()).max_input_elements, name)
    metadata, body = split(text, name, limits or Limits(), known=METADATA_FIELDS)
    body = raw_pictures_as_markdown(normalise(body))
    title, rest = _leading_title(body)
    if title and not metadata.get("title"):
        metadata["title"], body = title, rest
    elif title and _same_text(title, str(metadata["title"])):
        body = rest
    if _H1_ANYWHERE.search(body):
        body = shift_below_headline(body)
    decisions = tuple(Decision(0, k, "metadata", "front_matter") for k in metadata)
    return Extraction(body=body, metadata=metadata, decisions=decisions)


def front_matter_picture(body: str, metadata: Mapping[str, object]) -> str:
    """Rule ``front_matter_picture``: the lead picture a static-site generator's front matter names
    (``image: pic.png``, Hugo's and Jekyll's themes show it above the article) when it is a local file the
    body does not show already; "" otherwise (none, not a text, on the web or a ``data:`` URI: a web
    picture would only print a placeholder)."""
    image = metadata.get("image")
    if not isinstance(image, str) or not image.strip():
        return ""
    image = image.strip()
    if is_remote(image) or ":" in image.split("/")[0] or image in picture_targets(body, remote=True):
        return ""
    return image


def with_lead_picture(body: str, target: str) -> str:
    """``body`` opening with the picture ``target`` (its own paragraph, no alt text: the front matter gives
    none), where an HTML page's lead picture stands in the body the HTML extractor writes."""
    shown = f"<{target}>" if any(c in target for c in " ()<>") else target
    return f"![]({shown})\n\n{body}" if body else f"![]({shown})"


def check_markup_count(text: str, max_elements: int, name: str) -> None:
    """Refuse Markdown that would make more than ``max_elements`` table cells and links (each ``|`` and
    ``](`` counted: an upper bound, in C), the Markdown side of ``Limits.max_input_elements``. Lines are
    capped already, but one line can hold thousands of cells: the Markdown parser keeps about 1.6 KB of
    tokens for each (200,000 cells in 410 KB of Markdown took 324 MB; 20 MB would take gigabytes).

    Raises ``SourceError`` naming the count and the limit.
    """
    count = text.count("|") + text.count("](")
    if count > max_elements:
        raise SourceError(f"{name}: has {count:,} table cell and link marks ('|' and ']('), over the limit of "
                          f"{max_elements:,} (Limits.max_input_elements); is it really one article?")


def normalise(body: str) -> str:
    """Unix line ends, no trailing white space (but a hard break's two spaces inside a paragraph),
    one blank line at most in a row."""
    lines = body.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    kept = [_trim(line, lines[i + 1] if i + 1 < len(lines) else "") for i, line in enumerate(lines)]
    return _BLANK_RUN.sub("\n\n", "\n".join(kept)).strip()


def _trim(line: str, following: str) -> str:
    hard_break = line.endswith("  ") and line.strip() and following.strip()
    return line.rstrip() + ("  " if hard_break else "")


def _leading_title(body: str) -> tuple[str, str]:
    """A leading level-1 headline (unescaped), ATX (``# headline``) or Setext (``headline`` over ``===``),
    and the body after it."""
    first, _, rest = body.partition("\n")
    m = _H1.match(first)
    if m:
        return _ESCAPED.sub(r"\1", m.group(1)), rest.strip()
    return _leading_setext_title(body)


def _leading_setext_title(body: str) -> tuple[str, str]:
    """A Setext headline that opens the body: CommonMark decides (a ``===`` line under a list item or a
    quotation is not one), asked about the first block only (a Setext heading holds no blank line)."""
    block = body.split("\n\n", 1)[0]
    if not _SETEXT_H1.search(block):
        return "", body
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").parse(block)
    if len(tokens) < 3 or tokens[0].type != "heading_open" or tokens[0].tag != "h1" or tokens[0].markup != "=" \
            or tokens[0].map is None:
        return "", body
    title = " ".join(line.strip() for line in tokens[1].content.splitlines())
    lines = body.split("\n")
    return _ESCAPED.sub(r"\1", title), "\n".join(lines[tokens[0].map[1]:]).strip()


def _same_text(a: str, b: str) -> bool:
    """The same headline, case and spacing aside."""
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()
