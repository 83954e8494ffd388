"""Article -> Markdown: YAML front matter, the headline as ``#``, then the body."""

from __future__ import annotations

from dataclasses import fields
from typing import TYPE_CHECKING

from converter.markdown.escape import escape_inline
from converter.markdown.frontmatter import dump

if TYPE_CHECKING:  # the Article module calls this one; it imports nothing back at run time
    from converter.article import Article


def article_to_markdown(article: Article) -> str:
    """The Markdown edition of ``article``; reading it back gives the same Article.

    The front matter holds every metadata field in the Article's own order (``METADATA_FIELDS``).
    """
    metadata = {f.name: getattr(article, f.name) for f in fields(article)
                if f.name not in ("body", "resources", "input_path")}
    parts = [dump(metadata)]
    if article.title:
        parts.append(f"# {escape_inline(article.title)}\n")
    if article.body.strip():
        parts.append(article.body.strip() + "\n")
    return "\n".join(parts)
