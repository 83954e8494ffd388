"""Block HTML to Markdown: paragraphs, headings, lists, quotes, code, tables, figures.

``BLOCKS`` is the dispatch table tag -> converter; each converter returns a list of Markdown blocks
(joined by blank lines at the end). Inline content between blocks becomes paragraphs; ``<br><br>``
starts a new paragraph and a single ``<br>`` is a hard line break.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from copy import deepcopy

from lxml.html import HtmlElement

from converter.extract.html.figures import is_credit
from converter.extract.html.footnotes import is_footnote_container
from converter.extract.html.inline import (
    BREAK,
    MAX_DEPTH,
    Context,
    alt_text,
    destination,
    inline,
    inline_element,
    text,
)
from converter.extract.html.tables import table_rows
from converter.markdown.escape import escape_block_start

BlockConverter = Callable[[HtmlElement, Context, int], list[str]]

#: ``<h1>`` and ``<h2>`` both become ``##``: the title is metadata, so the body has no ``#``.
HEADING_LEVELS = {"h1": 2, "h2": 2, "h3": 3, "h4": 4, "h5": 4, "h6": 4}
#: Class words naming a code block's language: ``language-python``, ``lang-js``, ``highlight-source-go``.
_LANGUAGE = re.compile(r"(?:^|\s)(?:language|lang|highlight-source|brush:?)[-\s]?([A-Za-z0-9_+#-]+)")
_PARAGRAPH_BREAK = re.compile(r"[ \t]*\n[ \t]*\n\s*")
_LIST_MARKER = re.compile(r"^(?:- |\d+\. )")


def to_markdown(element: HtmlElement, ctx: Context) -> str:
    """The Markdown of an article's container."""
    return "\n\n".join(b for b in blocks(element, ctx, 0) if b.strip())


def blocks(element: HtmlElement, ctx: Context, depth: int) -> list[str]:
    """A container's blocks: block children by ``BLOCKS``, runs of inline content as paragraphs."""
    if depth > MAX_DEPTH:
        return paragraphs(text(element.text_content()))
    out: list[str] = []
    run = [text(element.text)]
    inline_children: list[HtmlElement] = []
    for child in element:
        if _is_block(child):
            out.extend(paragraphs("".join(run)) or lost_picture(inline_children, ctx))
            out.extend(block_element(child, ctx, depth + 1))
            run, inline_children = [], []
        else:
            run.append(inline_element(child, ctx, depth + 1))
            inline_children.append(child)
        run.append(text(child.tail))
    out.extend(paragraphs("".join(run)) or lost_picture(inline_children, ctx))
    return out


def lost_picture(elements: list[HtmlElement], ctx: Context) -> list[str]:
    """Rule: a picture that stood alone in its paragraph (no ``<figure>``) but whose local file could not be
    read: its alt text as a figure's caption, ``::: figure\nMap of the flooded streets\n:::``, as a
    ``<figure>`` without its picture already gives, so the reader learns what was there (the warning for the
    missing file promises it). A remote picture keeps its link and the renderers show the alt text."""
    images = [img for e in elements for img in e.iter("img")]
    if len(images) != 1:
        return []
    img = images[0]
    shown, alt = ctx.pictures.get(img.get("src") or ""), alt_text(img)
    if not alt or shown is None or shown.target or _linked_away(img) or _alt_not_a_description(img, ctx):
        return []
    return [f"::: figure\n{alt}\n:::"]


def _linked_away(img: HtmlElement) -> bool:
    """A picture inside a link to anything but a larger copy of itself is a banner or a teaser, not a
    figure of the article ("Get alerts now!", another story's thumbnail)."""
    link = next((a for a in img.iterancestors("a")), None)
    return link is not None and not _IMAGE_FILE.search(link.get("href") or "")


_IMAGE_FILE = re.compile(r"\.(?:jpe?g|png|gif|webp|avif|svg|tiff?)(?:[?#]|$)", re.I)
_WORD = re.compile(r"\w+")
#: Alt text with at least this share of its words in the headline is the headline again, not a description.
HEADLINE_SHARE = 0.6


def _alt_not_a_description(img: HtmlElement, ctx: Context) -> bool:
    """Alt text that describes nothing of its own: the same words on another picture of the article (a
    gallery's or a theme's filler), or mostly the headline's words (themes put the headline in every alt)."""
    alt = " ".join((img.get("alt") or "").split())
    root = img.getroottree().getroot()
    if sum(1 for other in root.iter("img") if " ".join((other.get("alt") or "").split()) == alt) > 1:
        return True
    words, headline = _WORD.findall(alt.lower()), set(_WORD.findall(ctx.headline.lower()))
    return bool(words) and sum(w in headline for w in words) >= HEADLINE_SHARE * len(words)


def block_element(element: HtmlElement, ctx: Context, depth: int) -> list[str]:
    """One block child's Markdown blocks (footnote lists are written at the end instead)."""
    if ctx.footnotes and is_footnote_container(element):
        return []
    return BLOCKS.get(element.tag, blocks)(element, ctx, depth)


def paragraphs(run: str) -> list[str]:
    """Inline Markdown cut into paragraphs at ``<br><br>``; single breaks become hard breaks."""
    out = []
    for chunk in _PARAGRAPH_BREAK.split(run):
        lines = [" ".join(line.split()) for line in chunk.split(BREAK)]
        lines = [escape_block_start(line) for line in lines if line]
        if lines:
            out.append("\\\n".join(lines))
    return out


def paragraph(element: HtmlElement, ctx: Context, depth: int) -> list[str]:
    return paragraphs(inline(element, ctx, depth)) or lost_picture([element], ctx)


def heading(element: HtmlElement, ctx: Context, depth: int) -> list[str]:
    """``<h1>``-``<h6>`` -> ``##``-``####``, on one line."""
    content = " ".join(inline(element, ctx, depth).replace(BREAK, " ").split())
    return [f"{'#' * HEADING_LEVELS[element.tag]} {content}"] if content else []


def list_block(element: HtmlElement, ctx: Context, depth: int) -> list[str]:
    """``<ul>``/``<ol>``: one item per ``<li>``, continuation lines indented under the marker."""
    items = [li for li in element if li.tag == "li"]
    if not items:
        return blocks(element, ctx, depth)
    lead = _list_lead(element, items[0], ctx, depth)
    number = _start(element)
    lines = []
    for li in items:
        content = _join_item(blocks(li, ctx, depth + 1))
        if not content:
            continue
        marker = f"{number}. " if element.tag == "ol" else "- "
        lines.append(marker + _indent(content, len(marker)))
        number += 1
    return [*lead, *(["\n".join(lines)] if lines else [])]


def _list_lead(element: HtmlElement, first: HtmlElement, ctx: Context, depth: int) -> list[str]:
    """Text written inside ``<ul>`` before its first ``<li>`` ("Things to bring:"): a paragraph above it."""
    run = [text(element.text)]
    for child in element:
        if child is first:
            break
        run.extend((inline_element(child, ctx, depth + 1), text(child.tail)))
    return paragraphs("".join(run))


def quote(element: HtmlElement, ctx: Context, depth: int) -> list[str]:
    """``<blockquote>``: its blocks, every line behind ``>``."""
    content = "\n\n".join(blocks(element, ctx, depth))
    return ["\n".join(f"> {line}".rstrip() for line in content.split("\n"))] if content else []


def code_block(element: HtmlElement, ctx: Context, depth: int) -> list[str]:
    """``<pre>``: a fenced block, its text as written, with the language its class names."""
    code = element.text_content().strip("\n")
    if not code.strip():
        return []
    fence = "`" * max(3, max((len(m) for m in re.findall(r"`{3,}", code)), default=0) + 1)
    classes = " ".join(e.get("class") or "" for e in (element, *element.iter("code")))
    language = _LANGUAGE.search(classes)
    return [f"{fence}{language.group(1).lower() if language else ''}\n{code}\n{fence}"]


def table(element: HtmlElement, ctx: Context, depth: int) -> list[str]:
    """A data table as a GFM pipe table; a layout table (one column, nested tables) as its blocks."""
    rows = table_rows(element, lambda cell: inline(cell, ctx, depth + 1))
    if rows is None:
        return blocks(element, ctx, depth)
    caption = element.find("caption")
    text = " ".join(inline(caption, ctx, depth).split()) if caption is not None else ""
    if not text:
        return [rows]
    # A captioned table is a figure: the renderers make its paragraph the <figcaption>, styled as a caption.
    return [f"::: figure\n{text}\n\n{rows}\n:::"]


def figure(element: HtmlElement, ctx: Context, depth: int) -> list[str]:
    """``<figure>`` with pictures: a ``::: figure`` div, the pictures then the caption (with credit)."""
    images = list(element.iter("img"))
    if not images:
        return blocks(element, ctx, depth)
    shown = [ctx.pictures.get(img.get("src") or "") for img in images]
    pictures = [f"![{alt_text(img)}]({destination(p.target)})" for img, p in zip(images, shown, strict=True)
                if p is not None and p.target]
    caption = _caption(element, ctx, depth) or ("" if pictures else alt_text(images[0]))
    parts = [*pictures, *([caption] if caption else [])]
    return ["::: figure\n" + "\n\n".join(parts) + "\n:::"] if parts else []


def rule(element: HtmlElement, ctx: Context, depth: int) -> list[str]:
    return ["* * *"]


def term(element: HtmlElement, ctx: Context, depth: int) -> list[str]:
    """``<dt>`` outside a definition list: the term, in bold."""
    content = " ".join(inline(element, ctx, depth).split())
    return [f"**{content}**"] if content else []


def definition_list(element: HtmlElement, ctx: Context, depth: int) -> list[str]:
    """``<dl>``: each term on its line, each definition under it behind ``:`` (the deflist syntax that
    ``markdown.to_html`` renders back as ``<dl>``); a ``<dl>`` without terms is its blocks."""
    entries = [child for child in element if child.tag in ("dt", "dd")]
    if not any(e.tag == "dt" for e in entries):
        return blocks(element, ctx, depth)
    out: list[str] = []
    current: list[str] = []
    for entry in entries:
        if entry.tag == "dt":
            content = " ".join(inline(entry, ctx, depth).replace(BREAK, " ").split())
            if current and current[-1].startswith(": "):
                out.append("\n".join(current))
                current = []
            if content:
                current.append(escape_block_start(content))
        else:
            definition = "\n\n".join(blocks(entry, ctx, depth + 1))
            if definition and current:
                current.append(": " + _indent(definition, 2))
            elif definition:
                out.append(definition)
    if current:
        out.append("\n".join(current))
    return [b for b in out if b.strip()]


def _caption(element: HtmlElement, ctx: Context, depth: int) -> str:
    """The ``<figcaption>`` text, its credit lines (marked by ``figures``, or class ``credit``) in parentheses."""
    found = element.find(".//figcaption")
    if found is None:
        return ""
    caption = deepcopy(found)  # the credit is taken out of a copy: the page stays as it was
    credits = [c for c in caption.iter() if c is not caption and is_credit(c)]
    credits = [c for c in credits if not any(a in credits for a in c.iterancestors())]
    credit = " ".join(" ".join(inline(c, ctx, depth).replace(BREAK, " ").split()) for c in credits)
    for c in credits:
        c.drop_tree()
    content = " ".join(inline(caption, ctx, depth).replace(BREAK, " ").split())
    if credit and credit not in content:
        content = f"{content} ({credit.strip('()')})" if content else credit
    return escape_block_start(content)


def _is_block(element: HtmlElement) -> bool:
    """A block child: a tag in ``BLOCKS``, or an unknown element (``<my-card>``) holding blocks."""
    if not isinstance(element.tag, str):
        return False
    if element.tag in BLOCKS:
        return True
    return element.tag not in PHRASING and any(isinstance(c.tag, str) and c.tag in BLOCKS for c in element)


def _join_item(item_blocks: list[str]) -> str:
    """A list item's blocks: a nested list right under its line, other blocks a blank line apart."""
    joined = ""
    for block in item_blocks:
        sep = "" if not joined else "\n" if _LIST_MARKER.match(block) else "\n\n"
        joined += sep + block
    return joined


def _indent(content: str, width: int) -> str:
    return "\n".join(line if i == 0 or not line else " " * width + line
                     for i, line in enumerate(content.split("\n")))


def _start(element: HtmlElement) -> int:
    start = (element.get("start") or "").strip()
    return int(start) if start.isdigit() and len(start) < 9 else 1


#: Elements that are text inside a paragraph, never a block of their own.
PHRASING = frozenset(("a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "del", "dfn", "em",
                      "font", "i", "img", "ins", "kbd", "mark", "q", "s", "samp", "small", "span", "strike",
                      "strong", "sub", "sup", "time", "tt", "u", "var", "wbr", "label"))

#: Tag -> block converter; other block-level tags (``div``, ``section``, ``li`` ...) are containers.
BLOCKS: dict[str, BlockConverter] = {
    "p": paragraph, "h1": heading, "h2": heading, "h3": heading, "h4": heading, "h5": heading, "h6": heading,
    "ul": list_block, "ol": list_block, "blockquote": quote, "pre": code_block, "table": table,
    "figure": figure, "hr": rule, "dt": term, "dl": definition_list,
    **{tag: blocks for tag in ("div", "section", "article", "main", "header", "footer", "aside", "body",
                               "center", "details", "summary", "address", "hgroup", "dd", "li",
                               "figcaption", "form", "fieldset", "nav", "picture", "caption")},
}
