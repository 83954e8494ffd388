"""A text layout's font set-up made once per style (``converter.render.pdf_text_layouts``) gives the PDF the
engine's own per-line set-up gives, byte for byte: in running text with links (underlined, footnoted or
inline), emphasis, code, hyphenation and justification, in a right-to-left article, in two columns; and the
set-up is made once per distinct style, not once per layout."""

from __future__ import annotations

import pytest

from converter import Article, RenderOptions
from converter.render import pdf_layout, pdf_text_layouts
from converter.render.html import render_html
from converter.render.pdf_layout import layout_document, warm
from converter.render.sanitize import sanitize

#: Justified, hyphenated paragraphs with emphasis, code, links and a list: many styles, many line attempts.
BODY = "\n\n".join(
    f"The harbour board's *{n}th* meeting heard the ferry operators' **representatives** explain that the "
    f"night crossing's [timetable](https://ferries.example.org/timetables/{n}) had not changed, although "
    f"`crossing-{n}` was cancelled twice; the councillors asked whether interdepartmental responsibilities "
    f"were understood."
    for n in range(1, 7)
) + "\n\n## The subsidy\n\n- Forty-two sailings a week\n- ~~Sunday~~ Saturday service\n\n> A quoted remark."

CASES = {
    "footnoted links": (Article(title="The ferry board's year", body=BODY, language="en"), RenderOptions()),
    "inline links, two columns, ragged": (Article(title="Quayside works", body=BODY, language="en"),
                                          RenderOptions(columns=2, links="inline", justify=False)),
    "right to left": (Article(title="מועצת הנמל", language="he", direction="rtl",
                              body="המועצה התכנסה ביום שלישי כדי לשמוע את מפעילי המעבורות.\n\n"
                                   "העבודות ברציף יתחילו *במרץ* [לפי התוכנית](https://example.org/plan)."),
                      RenderOptions()),
}


def _pdf(article: Article, options: RenderOptions, cached: bool, monkeypatch: pytest.MonkeyPatch) -> bytes:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1714953600")
    monkeypatch.setattr(pdf_text_layouts, "ENABLED", cached)
    page = sanitize(render_html(article, options, media="print"), options.limits)
    warm(page, options.limits)
    document = layout_document(page, options.limits)
    return document.write_pdf(**page.pdf_output().write_options())


@pytest.mark.parametrize("case", sorted(CASES))
def test_font_setup_once_per_style_gives_the_same_pdf(case: str, monkeypatch: pytest.MonkeyPatch) -> None:
    article, options = CASES[case]
    made: list[object] = []
    original = pdf_text_layouts._font_setup

    def counted(style: object) -> object:
        made.append(style)
        return original(style)

    monkeypatch.setattr(pdf_text_layouts, "_font_setup", counted)
    engine = _pdf(article, options, False, monkeypatch)
    assert not made  # off: the engine's own set-up for every layout
    ours = _pdf(article, options, True, monkeypatch)
    assert ours == engine
    assert ours.startswith(b"%PDF-")


def test_set_up_once_per_distinct_style(monkeypatch: pytest.MonkeyPatch) -> None:
    article, options = CASES["footnoted links"]
    made: list[object] = []
    layouts: list[object] = []
    original_font_setup, original_key = pdf_text_layouts._font_setup, pdf_text_layouts._font_key

    def counted(style: object) -> object:
        made.append(style)
        return original_font_setup(style)

    def counted_key(style: object) -> tuple[object, ...]:  # called once per layout set up
        layouts.append(style)
        return original_key(style)

    monkeypatch.setattr(pdf_text_layouts, "_font_setup", counted)
    monkeypatch.setattr(pdf_text_layouts, "_font_key", counted_key)
    for fonts in pdf_layout._FONT_CONFIGS:  # set-ups kept by the tests before: made again here
        fonts.__dict__.pop("_converter_font_setups", None)
    _pdf(article, options, True, monkeypatch)
    assert len(layouts) > 250  # every line attempt and every drawn line sets a layout up
    assert 0 < len(made) < 40  # the font set-up, once per distinct style (and font configuration)
    assert len({original_key(style) for style in made}) == len(made)


def test_installed_only_on_a_verified_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    import weasyprint
    from weasyprint.text.line_break import Layout

    assert pdf_text_layouts.install()  # this environment's WeasyPrint is a verified one: the tests above check it
    assert Layout.setup is pdf_text_layouts.setup
    monkeypatch.setattr(weasyprint, "__version__", "99.0")
    assert not pdf_text_layouts.install()
