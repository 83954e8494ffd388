"""Reader comments, kept on request: taken out before the article is located, appended after it."""

from __future__ import annotations

from lxml.html import HtmlElement

from converter.extract.html import vocabulary as words


def take_comments(body: HtmlElement) -> list[HtmlElement]:
    """Detach the outermost comment sections (class or id ``comments``, ``discussion`` ...) from the page.

    Article scorers treat comment threads as boilerplate, so they are set aside before scoring and
    written after the article under a "Comments" heading.
    """
    sections = []
    stack = list(body)
    while stack:
        element = stack.pop(0)
        if not isinstance(element.tag, str):
            continue
        if words.matches(element, words.COMMENTS) and element.tag not in ("a", "span", "button"):
            sections.append(element)
        else:
            stack.extend(element)
    for section in sections:
        section.drop_tree()
    return sections
