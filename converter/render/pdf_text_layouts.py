"""A text layout's font set-up done once per style, not once per line: the same Pango layouts, the same PDF.

WeasyPrint makes a new Pango layout (``weasyprint.text.line_break.Layout.setup``) for every attempt at a
line (``split_first_line`` makes two to four per line) and again to draw each line (``reactivate``). Each
time it creates a Pango context, encodes the language, builds a font description from nine properties,
computes the OpenType feature string from eight more and, for underlined text, asks Pango for the font's
metrics (which shapes a sample text). For a given font configuration, all of that depends on the style's
font properties only, and an issue's part has a few dozen distinct ones for thousands of layouts (7,149
set-ups for three parts of the 100-article corpus issue). The engine's set-up took 0.130 s of those parts'
3.5 s CPU, this one 0.050 s: 2.3 % of a part's CPU saved (the same recorded calls timed both ways,
alternating, 2026-12-01; py-spy puts ``setup`` at a sixth of a part, but most of that is the first reading
of the style's font properties, which both ways pay).

``setup`` here keeps, per font configuration and per distinct value of those properties (``_font_key``),
the Pango context (never changed after it is made: a layout only reads it), the language, the font
description (Pango copies it into the layout) and the decoration metrics, and makes only the layout
itself and its attribute list per call, as the engine does, since ``set_text`` changes the list in place.
The layout Pango gets is the same: same context settings, same font description, same attributes.
``tests/test_pdf_text_layouts.py`` checks the PDFs are byte-identical with and without it.

Like ``pdf_footnotes``, it is installed once after the engine is imported (``pdf_layout._patch_engine``)
and only on the WeasyPrint major versions whose ``Layout.setup`` it reproduces (``VERIFIED_MAJORS``).
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from converter.render.engine_patch import engine_verified, replace_method

#: WeasyPrint major versions whose ``Layout.setup`` this module reproduces (``tests/test_pdf_text_layouts.py``);
#: add one only after that test passes on it.
VERIFIED_MAJORS = frozenset({"70"})

#: Off: every layout is set up the engine's way (tests compare the two).
ENABLED = True

#: The engine's own method, for styles whose font properties cannot be a key.
_ORIGINAL: list[Any] = []

#: The style properties ``Layout.setup`` reads, besides ``font_config`` (the cache lives on it).
_FONT_PROPERTIES = ("direction", "font_language_override", "lang", "font_family", "font_style", "font_stretch",
                    "font_weight", "font_size", "font_variant_caps", "font_variation_settings",
                    "text_decoration_line", "font_kerning", "font_variant_ligatures", "font_variant_position",
                    "font_variant_numeric", "font_variant_alternates", "font_variant_east_asian",
                    "font_feature_settings")

#: Reads them all in one C call (the key is made for every layout, thousands per part).
_font_values = itemgetter(*_FONT_PROPERTIES)


@dataclass(frozen=True)
class _FontSetup:
    """What ``Layout.setup`` derives from a style's font properties, made once per distinct value."""

    context: Any
    """The ``PangoContext`` (direction and language set); kept alive by this entry."""
    language: Any
    font_description: Any
    language_text: Any
    """The C string the language was read from, kept alive with it."""
    decoration: tuple[Any, Any, Any, Any, Any] | None
    """``ascent, underline_position, strikethrough_position, underline_thickness,
    strikethrough_thickness`` for decorated text, else ``None``."""
    features: Any
    """The ``PangoAttribute`` of the OpenType features (the engine's own cached one), or ``None``."""


def install() -> bool:
    """Replace ``weasyprint.text.line_break.Layout.setup`` with ``setup``; ``False`` where the engine is not
    a verified version or has no such method (left as it is)."""
    if not engine_verified(VERIFIED_MAJORS):
        return False
    from weasyprint.text.line_break import Layout

    return replace_method(Layout, "setup", setup, _ORIGINAL)


def setup(self: Any, style: Any) -> None:
    """The engine's ``Layout.setup``: a new Pango layout in ``self.layout`` for ``style``, with its language,
    font description, OpenType features and (for decorated text) the font's line metrics."""
    found = font_setup(style)
    if found is None:
        _ORIGINAL[0](self, style)
        return
    from weasyprint.text.ffi import ffi, gobject, pango

    self.style = style
    self.first_line_direction = 0
    self.language = found.language
    self.layout = ffi.gc(pango.pango_layout_new(found.context), gobject.g_object_unref)
    pango.pango_layout_set_auto_dir(self.layout, False)
    pango.pango_layout_set_font_description(self.layout, found.font_description)
    if found.decoration is None:
        self.ascent = self.underline_position = self.strikethrough_position = None
    else:
        (self.ascent, self.underline_position, self.strikethrough_position, self.underline_thickness,
         self.strikethrough_thickness) = found.decoration
    if found.features is not None:
        attr_list = pango.pango_attr_list_new()  # one per layout: set_text changes it in place
        pango.pango_attr_list_insert(attr_list, found.features)
        pango.pango_layout_set_attributes(self.layout, attr_list)
    return None


def font_setup(style: Any) -> _FontSetup | None:
    """The font set-up for ``style``, made now if its font values are new to its font configuration;
    ``None`` where this module is off or a value cannot be a key (a property value this version does not
    hash): the engine's way then."""
    if not ENABLED:
        return None
    try:
        key = _font_key(style)
        cache = style.font_config.__dict__.setdefault("_converter_font_setups", {})
        found: _FontSetup | None = cache.get(key)
    except TypeError:
        return None
    if found is None:
        found = cache[key] = _font_setup(style)
    return found


def _font_key(style: Any) -> tuple[Any, ...]:
    """The values of ``_FONT_PROPERTIES``; raises ``TypeError`` when one cannot be hashed."""
    key: tuple[Any, ...] = _font_values(style)
    hash(key)
    return key


def _font_setup(style: Any) -> _FontSetup:
    """What the engine's ``Layout.setup`` derives from ``style`` before it makes the layout, made its way
    (WeasyPrint 70's ``text/line_break.py``, in the same order)."""
    from weasyprint.text.constants import LST_TO_ISO, PANGO_DIRECTION
    from weasyprint.text.ffi import FROM_UNITS, ffi, gobject, pango, unicode_to_char_p
    from weasyprint.text.fonts import font_features, get_font_description

    context = ffi.gc(pango.pango_font_map_create_context(style.font_config.font_map), gobject.g_object_unref)
    pango.pango_context_set_round_glyph_positions(context, False)
    pango.pango_context_set_base_dir(context, PANGO_DIRECTION[style["direction"]])
    lang_p = None
    if style["font_language_override"] != "normal":
        lang_p, lang = unicode_to_char_p(LST_TO_ISO.get(style["font_language_override"].lower(),
                                                        style["font_language_override"]))
    elif style["lang"]:
        lang_p, lang = unicode_to_char_p(style["lang"])
    else:
        lang = None
        language = pango.pango_language_get_default()
    if lang:
        language = pango.pango_language_from_string(lang_p)
        pango.pango_context_set_language(context, language)
    assert not isinstance(style["font_family"], str), "font_family should be a list"
    font_description = get_font_description(style)
    decoration = None
    if style["text_decoration_line"] != "none":
        metrics = ffi.gc(pango.pango_context_get_metrics(context, font_description, language),
                         pango.pango_font_metrics_unref)
        decoration = (FROM_UNITS * pango.pango_font_metrics_get_ascent(metrics),
                      FROM_UNITS * pango.pango_font_metrics_get_underline_position(metrics),
                      FROM_UNITS * pango.pango_font_metrics_get_strikethrough_position(metrics),
                      FROM_UNITS * pango.pango_font_metrics_get_underline_thickness(metrics),
                      FROM_UNITS * pango.pango_font_metrics_get_strikethrough_thickness(metrics))
    features = font_features(style["font_kerning"], style["font_variant_ligatures"], style["font_variant_position"],
                             style["font_variant_caps"], style["font_variant_numeric"],
                             style["font_variant_alternates"], style["font_variant_east_asian"],
                             style["font_feature_settings"])
    attribute = None
    if features:
        encoded = ",".join(f"{name} {value}" for name, value in features.items()).encode()
        attribute = style.font_config.font_features.setdefault(encoded, pango.pango_attr_font_features_new(encoded))
    return _FontSetup(context, language, font_description, lang_p, decoration, attribute)
