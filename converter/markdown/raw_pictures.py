"""Pictures written as raw HTML in a Markdown body (``<img>``, ``<figure>``, ``<picture>``) rewritten as
Markdown pictures, so they are read through the resource policy, copied beside a Markdown edition and
embedded in every other one, like ``![alt](src)``.

Rules, each on what the Markdown parser calls raw HTML (a tag inside a code block or span is text):

- a raw HTML block that holds pictures and no other text (its ``<figcaption>`` aside) becomes one
  Markdown picture per ``<img>``; inside a ``<figure>`` with a caption, a ``::: figure`` block with the
  caption's text under the picture (the form the HTML extractor writes);
- a paragraph of nothing but tags (``<picture>`` opens no HTML block) is read as such a block;
- an ``<img>`` tag inside a paragraph becomes ``![alt](src)`` in place;
- any other raw picture (inside a block that also holds text) is left to the allow-list, which shows its
  alt text and says so (``markdown.raw_html``).

A ``<picture>``'s ``<source>`` is ignored: its ``<img src>`` is the picture every reader can show.
"""

from __future__ import annotations

import re

from lxml import html as lxml_html
from lxml.html import HtmlElement
from markdown_it.token import Token

from converter.markdown.escape import escape_inline

_IMG_TAG = re.compile(r"<img\b", re.I)


def raw_pictures_as_markdown(body: str) -> str:
    """``body`` with its raw HTML pictures written as Markdown pictures (see the module)."""
    if not _IMG_TAG.search(body):
        return body
    from converter.markdown.to_html import make_parser

    lines = body.split("\n")
    for token in reversed(make_parser().parse(body)):  # from the end: replaced blocks keep earlier maps valid
        if token.map is None:
            continue
        start, end = token.map
        if token.type == "html_block" and _IMG_TAG.search(token.content):
            markdown = _block_as_markdown(token.content)
            if markdown is not None:
                lines[start:end] = markdown.split("\n")
        elif token.type == "inline" and _only_tags(token.children or []):
            markdown = _block_as_markdown("\n".join(lines[start:end]))  # <picture> opens no HTML block
            if markdown is not None:
                lines[start:end] = markdown.split("\n")
        elif token.type == "inline":
            for child in token.children or []:
                if child.type == "html_inline" and _IMG_TAG.match(child.content):
                    picture = _img_markdown(_element(child.content))
                    if picture:
                        _replace_first(lines, start, end, child.content, picture)
    return "\n".join(lines)


def _only_tags(children: list[Token]) -> bool:
    """A paragraph of nothing but raw tags (``<picture><source ...><img ...></picture>``), one an ``<img>``."""
    return any(c.type == "html_inline" and _IMG_TAG.match(c.content) for c in children) and all(
        c.type in ("html_inline", "softbreak") or (c.type == "text" and not c.content.strip()) for c in children)


def _block_as_markdown(block: str) -> str | None:
    """A picture-only HTML block as Markdown, or ``None`` when it holds other text (see the module)."""
    root = _fragment(block)
    if root is None:
        return None
    captions = root.findall(".//figcaption")
    caption_text = sum(len(c.text_content().strip()) for c in captions)
    if len(root.text_content().strip()) > caption_text:
        return None
    parts = []
    for img in root.iter("img"):
        picture = _img_markdown(img)
        if not picture:
            continue
        figure = next((a for a in img.iterancestors("figure")), None)
        caption = figure.find(".//figcaption") if figure is not None else None
        text = " ".join(caption.text_content().split()) if caption is not None else ""
        parts.append(f"::: figure\n{picture}\n\n{escape_inline(text)}\n:::" if text else picture)
    return "\n\n".join(parts) if parts else None


def _img_markdown(img: HtmlElement | None) -> str:
    """``![alt](src)`` of an ``<img>``, the target in angle brackets when it holds spaces or brackets."""
    if img is None:
        return ""
    src = (img.get("src") or "").strip()
    if not src:
        return ""
    alt = " ".join((img.get("alt") or "").split()).replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
    target = f"<{src}>" if any(c in src for c in " ()<>") else src
    return f"![{alt}]({target})"


def _fragment(html: str) -> HtmlElement | None:
    try:
        return lxml_html.fragment_fromstring(html, create_parent="div")
    except Exception:  # lxml's parser errors (nothing but a comment) have no common class to name
        return None


def _element(tag: str) -> HtmlElement | None:
    root = _fragment(tag)
    return root.find(".//img") if root is not None else None


def _replace_first(lines: list[str], start: int, end: int, old: str, new: str) -> None:
    for i in range(start, end):
        if old in lines[i]:
            lines[i] = lines[i].replace(old, new, 1)
            return
