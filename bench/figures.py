"""Figures on the corpus dev pages: the share of pages with an in-article figure or caption whose edition keeps it.

    python bench/figures.py [--corpus ../shared/corpus] [--per-page]

The dev pages are the 60 zyte and 45 readability ``page.html``, read by ``converter.extract.html`` as
``converter convert`` reads them (no pictures on disk: a picture stays a remote link). A page *has a
figure* when, between the first and the last of its paragraphs that the edition kept (document order),
it holds a ``<figcaption>`` or an element whose class names a caption (``caption``, ``cutline``,
``legend``) with text, or a ``<figure>`` with a picture. The edition *keeps* a caption when at least 80 %
of the caption's words are in the body (the credit may move into parentheses), and a captionless figure
when its picture's file name is in the body. A page counts as kept when every one of its figures is.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from converter.extract.html import extract_html  # noqa: E402
from converter.extract.html import vocabulary as words  # noqa: E402
from converter.extract.html.images import real_source  # noqa: E402
from converter.extract.html.parse import clean_text, parse_page  # noqa: E402

_WORD = re.compile(r"\w+")
#: A paragraph this long is article text that locates the article in the page.
PARAGRAPH_CHARS = 80
#: Captions shorter than this are labels ("Photo", "1/7"), not captions.
CAPTION_CHARS = 8
#: Share of a caption's words the edition must have.
KEPT_SHARE = 0.8


@dataclass(frozen=True)
class PageFigures:
    page: str
    figures: int
    kept: int


def tokens(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def in_article_figures(html: str, body: str) -> list[tuple[str, str]]:
    """``(kind, text)`` of each figure between the first and last kept paragraph: ``("caption", words)``
    or ``("picture", file name)``."""
    root = parse_page(html)
    kept_text = " ".join(tokens(body))
    order = list(root.iter())
    position = {id(e): i for i, e in enumerate(order)}
    kept = [position[id(p)] for p in root.iter("p")
            if len(clean_text(p.text_content())) >= PARAGRAPH_CHARS
            and " ".join(tokens(p.text_content())) in kept_text]
    if not kept:
        return []
    first, last = min(kept), max(kept)
    found: list[tuple[str, str]] = []
    taken: set[int] = set()
    for element in order[first:last + 1]:
        if not isinstance(element.tag, str) or id(element) in taken:
            continue
        is_caption = element.tag == "figcaption" or bool(words.matches(element, words.CAPTION))
        if is_caption and len(clean_text(element.text_content())) >= CAPTION_CHARS:
            found.append(("caption", clean_text(element.text_content())))
            taken.update(id(d) for d in element.iter())
            figure = next((a for a in element.iterancestors("figure")), None)
            if figure is not None:
                taken.add(id(figure))
        elif element.tag == "figure" and element.find(".//img") is not None:
            caption = next((c for c in element.iter() if c.tag == "figcaption"
                            or (isinstance(c.tag, str) and words.matches(c, words.CAPTION))), None)
            if caption is None:
                name = PurePosixPath(urlsplit(real_source(element.find(".//img"))).path).name
                if name:
                    found.append(("picture", name))
    return found


def is_kept(kind: str, text: str, body: str) -> bool:
    if kind == "picture":
        return text in body
    caption = set(tokens(text))
    return bool(caption) and len(caption & set(tokens(body))) >= KEPT_SHARE * len(caption)


def measure(corpus: Path) -> list[PageFigures]:
    pages = [p for name in ("zyte", "readability") for p in sorted((corpus / name).iterdir())
             if (p / "page.html").exists()]
    results = []
    for page in pages:
        html = (page / "page.html").read_text("utf-8")
        try:
            body = extract_html(html).body
        except Exception as error:  # a page with no article: it keeps nothing
            print(f"    failed on {page.name}: {error}")
            body = ""
        figures = in_article_figures(html, body)
        if figures:
            kept = sum(is_kept(kind, text, body) for kind, text in figures)
            results.append(PageFigures(f"{page.parent.name}/{page.name}", len(figures), kept))
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    parser.add_argument("--per-page", action="store_true", help="list the pages that lose a figure")
    args = parser.parse_args()
    if not (args.corpus / "zyte").exists():
        print(f"skipped: {args.corpus} is absent; the shared corpus must sit beside the project as "
              "../shared/corpus (or pass --corpus)")
        return 0
    results = measure(args.corpus)
    pages_kept = sum(r.kept == r.figures for r in results)
    figures, kept = sum(r.figures for r in results), sum(r.kept for r in results)
    print(f"pages with an in-article figure or caption: {len(results)}; edition keeps all of them: "
          f"{pages_kept} ({pages_kept / max(1, len(results)):.2f}); figures kept {kept}/{figures} "
          f"({kept / max(1, figures):.2f})")
    if args.per_page:
        for r in results:
            if r.kept < r.figures:
                print(f"    {r.kept}/{r.figures}  {r.page}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
