"""Bidirectional-text controls: what metadata and body text may keep of them.

Unicode's explicit controls change the order characters are shown in. The embeddings (LRE U+202A, RLE
U+202B), overrides (LRO U+202D, RLO U+202E) and isolates (LRI U+2066, RLI U+2067, FSI U+2068) each open a
run that PDF (U+202C) or PDI (U+2069) closes; an override shows the characters after it in the order it
forces, so a title ``"\u202egpj.exe"`` reads as ``exe.jpg`` and a file name built from it lies about its
type. The marks (LRM U+200E, RLM U+200F, ALM U+061C) only set the direction of the neutral characters
beside them and reorder nothing; Arabic and Hebrew text needs them, so they always stay.

- Metadata (title, authors, site ...): overrides go, and so does any embedding or isolate not closed in
  the same field (and any closer without an opener): one line of text has no need of them.
- Body text: legitimate runs stay, but every run still open at the end of a line is closed there, so no
  override reaches the next paragraph, whatever renders it (a Markdown viewer, an EPUB reader, a PDF
  text layer); closers without an opener go.
- File names: ``converter.render.writing.safe_filename`` removes every format character, these included.
"""

from __future__ import annotations

import re

#: Controls that open a run, and the closer that ends it.
OPENERS: dict[str, str] = {
    "\u202a": "\u202c", "\u202b": "\u202c", "\u202d": "\u202c", "\u202e": "\u202c",  # LRE RLE LRO RLO -> PDF
    "\u2066": "\u2069", "\u2067": "\u2069", "\u2068": "\u2069",  # LRI RLI FSI -> PDI
}

#: The overrides: never kept in metadata.
OVERRIDES = frozenset("\u202d\u202e")

#: The closers.
CLOSERS = frozenset("\u202c\u2069")

#: Any explicit control: text without one is returned as it is, unscanned.
_ANY_CONTROL = re.compile("[\u202a-\u202e\u2066-\u2069]")


def clean_metadata(text: str) -> str:
    """``text`` (one metadata value) without overrides, and without embeddings or isolates it does not
    close itself (nor closers it does not open); marks (LRM, RLM, ALM) are kept."""
    if not _ANY_CONTROL.search(text):
        return text
    return _balanced("".join(ch for ch in text if ch not in OVERRIDES), close_open_runs=False)


def close_runs_per_line(text: str) -> str:
    """``text`` (a body, any number of lines) with every run still open at the end of a line closed there,
    innermost first, and every closer that closes nothing removed. Balanced text is returned unchanged."""
    if not _ANY_CONTROL.search(text):
        return text
    return "\n".join(_balanced(line, close_open_runs=True) if _ANY_CONTROL.search(line) else line
                     for line in text.split("\n"))


def _balanced(line: str, *, close_open_runs: bool) -> str:
    """``line`` with unmatched closers dropped and open runs closed at its end (``close_open_runs``) or
    their openers dropped. A PDF closes the innermost embedding or override unless an isolate is open inside
    it (then it closes nothing); a PDI closes the innermost isolate and every run opened inside it, as the
    Unicode bidi algorithm (UAX #9, rules X6a and X7) reads them."""
    out: list[str] = []
    stack: list[tuple[str, int]] = []  # (opener, its index in out)
    for ch in line:
        if ch in OPENERS:
            stack.append((ch, len(out)))
            out.append(ch)
        elif ch == "\u202c":
            if stack and OPENERS[stack[-1][0]] == "\u202c":
                stack.pop()
                out.append(ch)
        elif ch == "\u2069":
            if any(OPENERS[opener] == "\u2069" for opener, _ in stack):
                while stack:
                    opener, index = stack.pop()
                    if OPENERS[opener] == "\u2069":
                        break
                    _end_run(out, opener, index, close_open_runs)
                out.append(ch)
        else:
            out.append(ch)
    while stack:
        opener, index = stack.pop()
        _end_run(out, opener, index, close_open_runs)
    return "".join(out)


def _end_run(out: list[str], opener: str, index: int, close: bool) -> None:
    """Close the open run that ``opener`` at ``out[index]`` started (append its closer), or drop the opener
    (an empty string keeps the other indexes valid)."""
    if close:
        out.append(OPENERS[opener])
    else:
        out[index] = ""
