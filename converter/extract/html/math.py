"""Mathematics as text: a reader edition has no formula renderer, so ``<math>`` becomes readable text.

The TeX source a page carries (``<annotation encoding="application/x-tex">``, as KaTeX and MathJax write
it) or its ``alttext`` is kept as a code span, ``\\pi r^2``; MathML without either is read out linearly,
superscripts after ``^`` and subscripts after ``_`` (``<msup><mi>r</mi><mn>2</mn></msup>`` -> ``r^2``).
"""

from __future__ import annotations

from lxml.html import HtmlElement

#: MathML scripts -> the mark written before the second child.
_SCRIPTS = {"msup": "^", "msub": "_"}
#: TeX-like annotation encodings.
_TEX = ("application/x-tex", "tex", "latex", "text/x-latex")


def math_text(element: HtmlElement) -> tuple[str, bool]:
    """The formula's text and whether it is source code (TeX) rather than plain text."""
    for annotation in element.iter("annotation"):
        if (annotation.get("encoding") or "").lower() in _TEX and (annotation.text or "").strip():
            return " ".join(annotation.text.split()), True
    alt = " ".join((element.get("alttext") or "").split())
    if alt:
        return alt, True
    return " ".join(_linear(element).split()), False


def _linear(element: HtmlElement) -> str:
    if element.tag in ("annotation", "annotation-xml"):
        return ""
    children = [c for c in element if isinstance(c.tag, str)]
    if element.tag in _SCRIPTS and len(children) == 2:
        script = _linear(children[1])
        script = script if len(script) == 1 else f"({script})"
        return _linear(children[0]) + _SCRIPTS[element.tag] + script
    if element.tag == "msubsup" and len(children) == 3:
        return f"{_linear(children[0])}_{_linear(children[1])}^{_linear(children[2])}"
    if element.tag == "mfrac" and len(children) == 2:
        return f"({_linear(children[0])})/({_linear(children[1])})"
    if element.tag == "msqrt":
        return "√(" + "".join(_linear(c) for c in children) + ")"
    return (element.text or "") + "".join(_linear(c) + (c.tail or "") for c in children)
