"""The user's own CSS (``--css``, ``css =`` in the configuration) under the resource policy, in every format.

The PDF engine's fetcher refuses every address, but the HTML and EPUB editions carry the CSS as written,
and a reader opening them would fetch ``@import url(https://...)`` or ``url(file:///etc/...)`` (and
epubcheck fails the book). So the CSS is cleaned once, here, before any edition sees it:

- an ``@import`` rule is removed (the edition is self-contained; paste the rules instead);
- a declaration holding a ``url(...)`` that is not an embedded ``data:`` URI is removed (a remote
  address is never fetched, a file is never read);
- a declaration holding a number beyond ``MAX_NUMBER`` (``transform: scale(1e30)``) is removed: no
  layout needs it, and the PDF engine writes coordinates no reader can parse from it.

Each removal is a warning naming what was removed (so ``--strict`` refuses such CSS); the rest of the
CSS is kept as written.
"""

from __future__ import annotations

import logging
from functools import lru_cache

log = logging.getLogger("converter.policy.css")

#: The largest number a user's declaration may hold (lengths, factors, counts): 100,000 px is 26 m.
MAX_NUMBER = 100_000.0

#: At-rules whose block holds rules (the others hold declarations, like a style rule).
_RULE_BLOCKS = frozenset({"media", "supports", "document", "layer", "container", "scope", "starting-style"})


@lru_cache(maxsize=32)
def clean_user_css(css: str) -> str:
    """``css`` without what the module docstring lists; warns once per distinct stylesheet and process."""
    import tinycss2

    removed: list[str] = []
    cleaned = _serialise_rules(tinycss2.parse_stylesheet(css, skip_comments=True), removed).strip()
    return cleaned if removed else css  # nothing removed: the CSS exactly as written


def _serialise_rules(rules: list[object], removed: list[str]) -> str:
    import tinycss2

    out = []
    for rule in rules:
        kind = getattr(rule, "type", "")
        if kind == "at-rule" and rule.lower_at_keyword == "import":  # type: ignore[attr-defined]
            log.warning("removed @import %s from the user CSS: the editions load no other file or address",
                        _short(tinycss2.serialize(rule.prelude)))  # type: ignore[attr-defined]
            removed.append("@import")
            continue
        if kind == "at-rule":
            prelude = tinycss2.serialize(rule.prelude)  # type: ignore[attr-defined]
            if rule.content is None:  # type: ignore[attr-defined]
                out.append(f"@{rule.at_keyword}{prelude};")  # type: ignore[attr-defined]
                continue
            if rule.lower_at_keyword in _RULE_BLOCKS:  # type: ignore[attr-defined]
                inner = _serialise_rules(tinycss2.parse_rule_list(rule.content, skip_comments=True),  # type: ignore[attr-defined]
                                         removed)
            else:
                inner = _serialise_block(rule.content, removed)  # type: ignore[attr-defined]
            out.append(f"@{rule.at_keyword}{prelude}{{{inner}}}")  # type: ignore[attr-defined]
        elif kind == "qualified-rule":
            out.append(f"{tinycss2.serialize(rule.prelude)}{{{_serialise_block(rule.content, removed)}}}")  # type: ignore[attr-defined]
        # parse errors are dropped, as a browser drops them
    return "\n".join(out)


def _serialise_block(content: list[object], removed: list[str]) -> str:
    """A declaration block (nested at-rules such as ``@page``'s margin boxes kept), cleaned."""
    import tinycss2

    out = []
    for item in tinycss2.parse_blocks_contents(content, skip_comments=True, skip_whitespace=True):
        kind = getattr(item, "type", "")
        if kind == "declaration":
            why = _refusal(item.value)
            if why:
                log.warning("removed '%s' from the user CSS: %s", _short(f"{item.name}: "
                            f"{tinycss2.serialize(item.value).strip()}"), why)
                removed.append(item.name)
                continue
            important = " !important" if item.important else ""
            out.append(f"{item.name}:{tinycss2.serialize(item.value)}{important};")
        elif kind in ("at-rule", "qualified-rule"):
            out.append(_serialise_rules([item], removed))
    return " ".join(out)


def _refusal(tokens: list[object]) -> str:
    """Why a declaration's value may not stay ("" when it may)."""
    for token in _walk(tokens):
        kind = getattr(token, "type", "")
        if kind == "url" and not _embedded(token.value):  # type: ignore[attr-defined]
            return f"url({_short(token.value)}) is not embedded; the editions fetch and read nothing"  # type: ignore[attr-defined]
        if kind == "function" and token.lower_name in ("url", "src"):  # type: ignore[attr-defined]
            target = next((t.value for t in token.arguments if getattr(t, "type", "") == "string"), "")  # type: ignore[attr-defined]
            if not _embedded(target):
                return f"{token.lower_name}({_short(target)}) is not embedded; the editions fetch and read nothing"  # type: ignore[attr-defined]
        if kind in ("number", "dimension", "percentage") and abs(token.value) > MAX_NUMBER:  # type: ignore[attr-defined]
            return f"the value {token.representation} is out of range"  # type: ignore[attr-defined]
    return ""


def _walk(tokens: list[object]) -> list[object]:
    found = []
    for token in tokens:
        found.append(token)
        if getattr(token, "type", "") == "function":
            found.extend(_walk(token.arguments))  # type: ignore[attr-defined]
        elif getattr(token, "type", "") in ("() block", "[] block", "{} block"):
            found.extend(_walk(token.content))  # type: ignore[attr-defined]
    return found


def _embedded(url: str) -> bool:
    return url.strip().lower().startswith("data:")


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 80 else text[:60] + "..." + text[-12:]
