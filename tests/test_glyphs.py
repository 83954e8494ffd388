"""The glyph check's shortcut: text made only of ``PACKAGED_CHARACTERS`` reads no font file."""

from __future__ import annotations

import pytest

from converter.render import glyphs
from converter.render.fonts import font_files


def test_packaged_fonts_draw_every_packaged_character() -> None:
    covered = glyphs.coverage(tuple(font_files()))
    undrawn = [f"U+{ord(ch):04X}" for ch in sorted(glyphs.PACKAGED_CHARACTERS)
               if glyphs._needs_glyph(ch) and ord(ch) not in covered]
    assert undrawn == []


def test_latin_text_reads_no_font_file(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(paths: object) -> frozenset[int]:
        raise AssertionError("a font file was read")

    monkeypatch.setattr(glyphs, "coverage", refuse)
    assert glyphs.warn_missing_glyphs("Ferry “Ærø” — 12 € at 9:30…\n\tŁódź", "DejaVu Sans") == []


def test_other_characters_still_read_the_fonts(monkeypatch: pytest.MonkeyPatch,
                                               caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setattr(glyphs, "installed_coverage", lambda: ())  # as on a system with no other font
    assert glyphs.warn_missing_glyphs("The sign said ☃ and Ærø.") == ["☃"]
    assert "no installed font has a glyph for ☃ (U+2603)" in caplog.text
