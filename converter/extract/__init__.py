"""Extract: a ``Source`` to an ``Extraction`` (metadata, structured Markdown body, the reason for each decision).

One extractor per input kind: ``text`` (scrapes), ``html`` (saved pages, with ``html.mhtml`` for MHTML),
``feed`` (RSS/Atom), ``markdown`` (our own format read back).
"""
