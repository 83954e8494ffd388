"""Font subsetting without a C parser run per face (``converter.render.pdf_font_arrays``) gives the PDF
the engine's own way gives, byte for byte, and parses the glyph arrays' declaration once, not once per
glyph count."""

from __future__ import annotations

import re

import pytest

from converter import Article, RenderOptions
from converter.render import pdf_font_arrays
from converter.render.html import render_html
from converter.render.pdf_layout import layout_document, warm
from converter.render.sanitize import sanitize

#: Two articles using different numbers of glyphs in regular, italic, bold and code faces.
ARTICLES = (
    Article(title="Tide tables", language="en",
            body="The *harbour* board met on **Tuesday** to hear `ferry` operators.\n\nIt adjourned."),
    Article(title="Quayside works, phase two", language="en",
            body="Contractors (and the council's engineers) said: *piling starts* in **March**; "
                 "`crane-42` is booked.\n\nWork on the slipway — 120 m of it — follows, weather permitting?"),
)


def _pdf(article: Article, monkeypatch: pytest.MonkeyPatch) -> bytes:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1714953600")
    options = RenderOptions()
    page = sanitize(render_html(article, options, media="print"), options.limits)
    warm(page, options.limits)
    document = layout_document(page, options.limits)
    return document.write_pdf(**page.pdf_output().write_options())


def _sized_declarations(ffi: object) -> set[str]:
    parsed = getattr(ffi, "_parsed_types", {})
    return {key for key in parsed if isinstance(key, str) and re.fullmatch(r"hb_codepoint_t\[\d+\]", key)}


def test_open_arrays_give_the_same_pdf_and_parse_once(monkeypatch: pytest.MonkeyPatch) -> None:
    from weasyprint.pdf import fonts

    assert pdf_font_arrays.install()
    patched = fonts.ffi
    assert isinstance(patched, pdf_font_arrays.OpenArrayFFI)
    engine_ffi = patched._ffi
    before = _sized_declarations(engine_ffi)
    ours = [_pdf(article, monkeypatch) for article in ARTICLES]
    assert _sized_declarations(engine_ffi) == before  # no declaration of a fixed length parsed
    assert "hb_codepoint_t[]" in engine_ffi._parsed_types
    monkeypatch.setattr(pdf_font_arrays, "ENABLED", False)
    engine = [_pdf(article, monkeypatch) for article in ARTICLES]
    assert ours == engine
    assert _sized_declarations(engine_ffi) - before  # the engine's own way parses one per glyph count


def test_only_a_fixed_array_with_its_own_length_is_opened() -> None:
    calls: list[tuple[object, object]] = []

    class Recorder:
        def new(self, cdecl: object, init: object = None) -> object:
            calls.append((cdecl, init))
            return None

    ffi = pdf_font_arrays.OpenArrayFFI(Recorder())
    ffi.new("hb_codepoint_t[3]", [1, 2, 3])
    ffi.new("hb_codepoint_t[4]", [1, 2, 3])  # a longer array than its values: left to cffi as it is
    ffi.new("hb_face_t *")
    ffi.new("char[]", b"ab")
    assert calls == [("hb_codepoint_t[]", [1, 2, 3]), ("hb_codepoint_t[4]", [1, 2, 3]),
                     ("hb_face_t *", None), ("char[]", b"ab")]


def test_installed_only_on_a_verified_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    import weasyprint

    assert pdf_font_arrays.install()
    monkeypatch.setattr(weasyprint, "__version__", "99.0")
    assert not pdf_font_arrays.install()
