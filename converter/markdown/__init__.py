"""The shared Markdown format: escaping, YAML front matter, writing an Article, and Markdown to HTML."""
