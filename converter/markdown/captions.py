"""Conventions of a figure's caption in our Markdown (``::: figure`` blocks), shared by the extractors that
recognise captions and the renderer that marks their credit."""

#: The words that open a photo credit ("Photo: ...", "(Pic: ...)"), as a regex alternation: one list for the
#: text extractor (a caption line carrying a credit) and for rendering (a caption's trailing credit).
CREDIT_WORDS = r"(?:pic|picture|photo|photograph|image|credit|source|illustration|foto|bild)s?"
