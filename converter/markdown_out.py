"""Article -> Markdown: YAML front matter, the headline as ``#``, then the body."""

from __future__ import annotations

from converter.article import METADATA_FIELDS, Article
from converter.frontmatter import dump
from converter.markdown_escape import escape_inline


def article_to_markdown(article: Article) -> str:
    """The Markdown edition of ``article``; reading it back gives the same Article."""
    metadata = {field: getattr(article, field) for field in METADATA_FIELDS}
    parts = [dump(metadata)]
    if article.title:
        parts.append(f"# {escape_inline(article.title)}\n")
    if article.body.strip():
        parts.append(article.body.strip() + "\n")
    return "\n".join(parts)
