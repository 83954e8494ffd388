"""Render: an ``Article`` to HTML (``html``), PDF (``pdf``, in the capped worker ``pdf_worker``) and EPUB
(``epub``), with the themes, fonts, templates and the sanitiser they share; ``writing`` writes files atomically.
"""
