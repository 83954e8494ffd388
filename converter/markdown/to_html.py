"""Markdown body -> HTML fragment, with markdown-it-py.

Raw HTML in the Markdown is never passed through as written: the body may come from pages we do not trust.
Each raw piece goes through the sanitiser's allow-list (``markdown.raw_html``): allowed elements are kept,
the rest reduced to text, comments dropped. Bare ``www.`` and ``https://`` addresses become links (linkify).
Our additions, each a small core rule over the token stream:

- ``::: figure`` divs become ``<figure>``; a paragraph holding only a picture is the picture, any other
  paragraph inside is the ``<figcaption>``, with a trailing photo credit wrapped in ``<span class=credit>``;
- links keep only the schemes a reader can follow safely (http, https, mailto, in-page anchors);
  any other link is reduced to its text;
- pictures are embedded as ``data:`` URIs from the Article's resources; a picture that is not
  embedded (a remote URL, offline) becomes a discreet placeholder that keeps its alt text;
- headings get stable ids, so bookmarks and contents can point at them;
- a list item opening with ``[ ]`` or ``[x]`` (a GFM task list) shows a ballot box, ☐ or ☑: a character,
  not a form control, so the PDF and EPUB print it and the sanitiser has nothing to keep;
- a footnote called twice shows the same number at both calls (``[1]``, ``[1]``), as books do, where the
  plugin wrote ``[1]`` and ``[1:1]``; the calls keep their own ids, so each back-link finds its call;
- a call of a footnote that is never defined (``[^nope]``) stays as written, with a warning (an error in
  strict mode): the reader sees what the writer wrote, the writer learns the note is missing.
"""

from __future__ import annotations

import base64
import logging
import re
from collections.abc import Callable, Sequence
from functools import cache
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.footnote import footnote_plugin

from converter.article import Resource
from converter.markdown.captions import CREDIT_WORDS
from converter.markdown.linkify import PrefilteredLinkify
from converter.policy.allow_list import ALLOWED_SCHEMES, is_safe_link  # noqa: F401 (the renderers' name for it)

log = logging.getLogger("converter.render.markdown")

#: markdown-it stops parsing, and silently drops the rest of the document, at this token nesting level
#: (its default is 20: about 7 nested lists). Ours is high enough that ``cap_nesting`` below is what binds.
MAX_NESTING = 200

#: Deepest blockquote markers and indentation columns kept on a line; deeper lines are pulled back to it
#: (their text stays, the extra levels go). 24 quote levels or 32 two-space list levels fit MAX_NESTING.
MAX_QUOTE_MARKERS = 24
MAX_INDENT_COLUMNS = 64

#: A line's leading quote markers (with the spaces between them) and its indentation after them.
_LINE_PREFIX = re.compile(r"^((?:[ \t]*>)*)([ \t]*)", re.M)
#: A line that may be nested past the caps: more than ``MAX_QUOTE_MARKERS`` markers, or an indentation of
#: more than ``MAX_INDENT_COLUMNS // 4`` characters (a tab is at most 4 columns). Searched before the
#: line-by-line ``cap_nesting``: most bodies have none.
_MAY_NEST_DEEP = re.compile(rf"^(?:[ \t]*>){{{MAX_QUOTE_MARKERS + 1}}}"
                            rf"|^(?:[ \t]*>)*[ \t]{{{MAX_INDENT_COLUMNS // 4 + 1}}}", re.M)

#: A photo credit at the end of a caption: "(Pic: ...)", "(Photo: ...)", "Credit: ...", "Photograph: ...".
CREDIT = re.compile(
    rf"(?:\({CREDIT_WORDS}\s*:[^()]*\)"
    rf"|(?<=[.!?]\s){CREDIT_WORDS}\s*:\s*[^.]+\.?)\s*$",
    re.I,
)


def make_parser() -> MarkdownIt:
    """The one Markdown dialect we read and write: CommonMark, GFM tables, strikethrough, footnotes,
    definition lists, divs."""
    md = MarkdownIt("commonmark", {"html": True, "linkify": True, "typographer": False,
                                   "maxNesting": MAX_NESTING})
    md.enable(["table", "strikethrough", "linkify"])
    md.linkify = PrefilteredLinkify()
    md.use(footnote_plugin)
    md.add_render_rule("footnote_caption", _footnote_caption)
    md.use(deflist_plugin)
    md.use(container_plugin, name="figure")
    md.validateLink = lambda url: True  # type: ignore[method-assign]  # markdown-it's documented override
    return md


def render_body(body: str, resources: Sequence[Resource] = ()) -> str:
    """The HTML fragment of a Markdown body, pictures embedded from ``resources``."""
    undefined: dict[str, None] = {}
    html = body_parser().render(cap_nesting(body), {_UNDEFINED: undefined,
                                                    _RESOURCES: {r.ref: r for r in resources}})
    for label in undefined:
        log.warning("footnote [^%s] is referenced but never defined; printed as written", label)
    return html


@cache
def body_parser() -> MarkdownIt:
    """``make_parser``'s dialect with our core, render and inline rules: made once, since building a parser
    and its rule chains cost as much as rendering a short article. A render keeps nothing between calls:
    the body's resources travel in its ``env`` (``_RESOURCES``), as its undefined notes do."""
    md = make_parser()
    for name, rule in CORE_RULES:
        md.core.ruler.push(name, _bind(rule))
    md.add_render_rule("image", _render_image)
    md.inline.ruler.before("footnote_ref", "footnote_undefined", _note_undefined_calls)
    return md


#: The env key under which ``_note_undefined_calls`` collects labels (a dict: ordered, each once).
_UNDEFINED = "converter_undefined_footnotes"
#: The env key holding the body's resources by reference (``Resource.ref`` -> ``Resource``).
_RESOURCES = "converter_resources"


def _note_undefined_calls(state: StateInline, silent: bool) -> bool:
    """An inline rule that consumes nothing: it notes a ``[^label]`` the footnote plugin will not take
    (no ``[^label]:`` definition), which then stays text. Runs after the escape and code-span rules, so
    ``\\[^x]`` and `` `[^x]` `` are not calls."""
    src, start = state.src, state.pos
    if not src.startswith("[^", start):
        return False
    end = src.find("]", start + 2, state.posMax)
    label = src[start + 2:end] if end > start + 2 else ""
    if label and not any(c in label for c in " \n"):
        refs = state.env.get("footnotes", {}).get("refs", {})
        found = state.env.get(_UNDEFINED)
        if ":" + label not in refs and found is not None:
            found[label] = None
    return False


def _footnote_caption(self, tokens: list[Token], idx: int, options, env) -> str:
    """``[1]`` at every call of note 1 (the plugin numbers later calls ``[1:1]``, ``[1:2]``)."""
    return f"[{tokens[idx].meta['id'] + 1}]"


def cap_nesting(body: str) -> str:
    """Lines quoted or indented deeper than the caps are pulled back to them, with a warning.

    Past ``maxNesting`` markdown-it drops everything that follows, so 1000 nested quotes would lose
    the article's end; capped, the deep lines join the deepest level kept and every word stays.
    """
    if _MAY_NEST_DEEP.search(body) is None:
        return body
    capped = 0

    def cap(m: re.Match[str]) -> str:
        nonlocal capped
        quotes, indent = m.group(1), m.group(2).expandtabs(4)
        if quotes.count(">") <= MAX_QUOTE_MARKERS and len(indent) <= MAX_INDENT_COLUMNS:
            return m.group(0)
        capped += 1
        return ">" * min(quotes.count(">"), MAX_QUOTE_MARKERS) + (" " if quotes else "") \
            + " " * min(len(indent), MAX_INDENT_COLUMNS)

    text = _LINE_PREFIX.sub(cap, body)
    if capped:
        log.warning("%d lines nested deeper than %d quotes or %d columns were pulled back (text kept)",
                    capped, MAX_QUOTE_MARKERS, MAX_INDENT_COLUMNS)
    return text


def _bind(rule: Callable[[list[Token], dict[str, Resource]], None]) -> Callable[[StateCore], None]:
    return lambda state: rule(state.tokens, state.env[_RESOURCES])


def clean_raw_html(tokens: list[Token], _: dict[str, Resource]) -> None:
    """Raw HTML blocks and tags through the allow-list (see ``markdown.raw_html``)."""
    from converter.markdown.raw_html import clean_block, clean_inline

    for tok in tokens:
        if tok.type == "html_block":
            tok.content = clean_block(tok.content)
        for child in tok.children or []:
            if child.type == "html_inline":
                child.content = clean_inline(child.content)


def figures_to_html(tokens: list[Token], _: dict[str, Resource]) -> None:
    """``::: figure`` -> ``<figure>``; picture-only paragraphs unwrapped; other paragraphs -> figcaption."""
    depth = 0
    for i, tok in enumerate(tokens):
        if tok.type == "container_figure_open":
            depth += 1
            tok.tag, tok.info = "figure", ""
            tok.attrs = {}
        elif tok.type == "container_figure_close":
            depth -= 1
            tok.tag = "figure"
        elif depth and tok.type == "paragraph_open":
            _figure_paragraph(tokens, i)


def _figure_paragraph(tokens: list[Token], i: int) -> None:
    inline, close = tokens[i + 1], tokens[i + 2]
    children = [c for c in inline.children or [] if not (c.type == "text" and not c.content.strip())]
    if children and all(c.type in ("image", "softbreak") for c in children):
        tokens[i].hidden = close.hidden = True
        return
    tokens[i].tag = close.tag = "figcaption"
    _mark_credit(inline)


def table_captions(tokens: list[Token], _: dict[str, Resource]) -> None:
    """A ``::: figure`` holding one caption paragraph then one table (what the HTML extractor writes for
    ``<table><caption>``) -> the table with its ``<caption>``, no figure around it."""
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.type == "container_figure_open" and _is_captioned_table(tokens, i):
            close = _closing(tokens, i + 4)
            caption = tokens[i + 1:i + 4]
            for part in (caption[0], caption[2]):
                part.tag = "caption"
            tokens[i:close + 2] = [tokens[i + 4], *caption, *tokens[i + 5:close + 1]]
        i += 1


def _is_captioned_table(tokens: list[Token], i: int) -> bool:
    if len(tokens) < i + 6 or tokens[i + 1].type != "paragraph_open" or tokens[i + 4].type != "table_open":
        return False
    close = _closing(tokens, i + 4)
    return close + 1 < len(tokens) and tokens[close + 1].type == "container_figure_close"


def _closing(tokens: list[Token], i: int) -> int:
    """The index of the token closing the one opened at ``i`` (same nesting level)."""
    level = tokens[i].level
    return next(j for j in range(i + 1, len(tokens)) if tokens[j].level == level and tokens[j].nesting == -1)


def _mark_credit(inline: Token) -> None:
    """Wrap a trailing credit in the caption's last text token in ``<span class="credit">``."""
    children = inline.children or []
    if not children or children[-1].type != "text":
        return
    last = children[-1]
    m = CREDIT.search(last.content)
    if not m:
        return
    before, credit = last.content[: m.start()], last.content[m.start():]
    opening = Token("credit_open", "span", 1, attrs={"class": "credit"})
    closing = Token("credit_close", "span", -1)
    inline.children = [*children[:-1], _text(before), opening, _text(credit), closing]


def _text(content: str) -> Token:
    return Token("text", "", 0, content=content)


def keep_safe_links(tokens: list[Token], _: dict[str, Resource]) -> None:
    """Links whose target is not http, https, mailto or an in-page anchor keep only their text."""
    for tok in tokens:
        if tok.type != "inline" or not tok.children:
            continue
        kept, dropping = [], []
        for child in tok.children:
            if child.type == "link_open":
                safe = is_safe_link(str(child.attrGet("href") or ""))
                dropping.append(not safe)
                if safe:
                    kept.append(child)
            elif child.type == "link_close":
                if not (dropping.pop() if dropping else False):
                    kept.append(child)
            else:
                kept.append(child)
        tok.children = kept


def embed_images(tokens: list[Token], by_ref: dict[str, Resource]) -> None:
    """Point each picture at its embedded bytes, or mark it as missing (rendered as a placeholder)."""
    for tok in tokens:
        for child in tok.children or []:
            if child.type != "image":
                continue
            src = str(child.attrGet("src") or "")
            # markdown-it percent-encodes what it reads (<my pic.png> -> my%20pic.png); the ref is as written
            resource = by_ref.get(src) or by_ref.get(unquote(src))
            if resource is None or not decodes(resource):
                child.meta["missing"] = True
            else:
                child.attrSet("src", data_uri(resource))


def decodes(resource: Resource) -> bool:
    """Whether a picture's pixels decode; one that does not is a warning and a placeholder, never the end of
    the edition (the PDF engine would stop on a PNG header with no image data behind it)."""
    if resource.media_type == "image/svg+xml":
        return True
    from converter.policy.picture_check import decode_problem

    problem = decode_problem(resource.data)
    if problem:
        log.warning("picture %s cannot be decoded (%s); a placeholder is shown instead", resource.ref, problem)
    return not problem


#: A task list item's opening: ``[ ]``, ``[x]`` or ``[X]`` then a space (GFM).
_TASK = re.compile(r"^\[([ xX])\][ \t]+")
#: The boxes shown for an open and a done task.
TASK_BOXES = {" ": "\u2610", "x": "\u2611", "X": "\u2611"}


def task_lists(tokens: list[Token], _: dict[str, Resource]) -> None:
    """``- [ ] to do`` / ``- [x] done`` -> the item opens with ☐ / ☑ (class ``task`` on the ``<li>``)."""
    for i, tok in enumerate(tokens[:-2]):
        if tok.type != "list_item_open" or tokens[i + 1].type != "paragraph_open":
            continue
        children = tokens[i + 2].children or []
        if children and children[0].type == "text" and (m := _TASK.match(children[0].content)):
            children[0].content = f"{TASK_BOXES[m.group(1)]} {children[0].content[m.end():]}"
            tok.attrSet("class", "task")


def heading_ids(tokens: list[Token], _: dict[str, Resource]) -> None:
    """Give each heading an id (``h-1``, ``h-2`` ...) so contents and bookmarks can link to it."""
    n = 0
    for tok in tokens:
        if tok.type == "heading_open" and not tok.attrGet("id"):
            n += 1
            tok.attrSet("id", f"h-{n}")


def data_uri(resource: Resource) -> str:
    """A ``data:`` URI holding the resource's bytes."""
    return f"data:{resource.media_type};base64,{base64.b64encode(resource.data).decode('ascii')}"


def _render_image(self, tokens: list[Token], idx: int, options, env) -> str:
    tok = tokens[idx]
    alt = self.renderInlineAsText(tok.children or [], options, env)
    if tok.meta.get("missing"):
        label = escape_html(alt) if alt else "picture"
        return f'<span class="picture-missing" role="img" aria-label="{label}">{label}</span>'
    src = escape_html(str(tok.attrGet("src")))
    title = str(tok.attrGet("title") or "")  # ![a](p.png "t"): kept as the picture's title, not a caption
    shown = f' title="{escape_html(title)}"' if title else ""
    return f'<img src="{src}" alt="{escape_html(alt)}"{shown}>'


def escape_html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


#: The core rules, in the order they run after markdown-it's own.
CORE_RULES: tuple[tuple[str, Callable[[list[Token], dict[str, Resource]], None]], ...] = (
    ("clean_raw_html", clean_raw_html),
    ("figures_to_html", figures_to_html),
    ("table_captions", table_captions),
    ("keep_safe_links", keep_safe_links),
    ("embed_images", embed_images),
    ("task_lists", task_lists),
    ("heading_ids", heading_ids),
)
