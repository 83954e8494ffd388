"""UTF-16 and UTF-32 of Chinese, Japanese and Korean text saved without a byte order mark: its code units
have no NUL pattern, so it is recognised by its characters (``decoding.cjk_wide_codec``) and never refused
as binary; texts in other encodings and real binaries are not misread as it. Texts written for this test."""

from __future__ import annotations

import io
import random
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from converter.errors import SourceError
from converter.load.decoding import cjk_wide_codec, wide_codec
from converter.load.source import from_bytes
from tests.conftest import run_cli

JAPANESE = ("港の渡し船、四月から運賃値上げ\n\n港湾局は月曜日、渡し船の運賃を四月から八パーセント引き上げると発表した。"
            "燃料費の高騰が理由だという。\n\n利用者からは「毎日の通勤に響く」との声が上がっている。\n")
CHINESE = ("渡轮票价四月起上涨\n\n港务局星期一宣布，渡轮票价将从四月起上涨百分之八。燃料成本上升是主要原因。\n\n"
           "乘客表示：“每天通勤的花费会增加。”\n")
TRADITIONAL = "渡輪票價四月起上漲\n\n港務局星期一宣布，渡輪票價將從四月起上漲百分之八。燃料成本上升是主要原因。\n"
KOREAN = ("항구 여객선 요금 4월부터 인상\n\n항만청은 월요일 여객선 요금을 4월부터 8퍼센트 인상한다고 발표했다. "
          "연료비 상승이 이유다.\n")
TEXTS = {"Japanese": JAPANESE, "Chinese": CHINESE, "Traditional Chinese": TRADITIONAL, "Korean": KOREAN}


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
@pytest.mark.parametrize("language", TEXTS)
def test_cjk_text_in_utf16_or_utf32_without_a_byte_order_mark_is_read(language: str, codec: str) -> None:
    text = TEXTS[language]
    assert wide_codec(text.encode(codec)) == codec
    assert from_bytes(text.encode(codec), name="x.txt").text == text


def test_japanese_utf16_without_a_byte_order_mark_converts_from_the_command_line(tmp_path: Path) -> None:
    (tmp_path / "ja.txt").write_bytes(JAPANESE.encode("utf-16-le"))
    code, _out, err = run_cli("convert", str(tmp_path / "ja.txt"), "-o", str(tmp_path / "ja.md"))
    assert code == 0, err
    assert ("ja.txt has no byte order mark; read it as utf-16-le (its characters are Chinese, Japanese or "
            "Korean)") in err
    assert (tmp_path / "ja.md").read_text("utf-8") == (
        "---\ntitle: 港の渡し船、四月から運賃値上げ\nsource: ja.txt\nlanguage: ja\n---\n\n"
        "# 港の渡し船、四月から運賃値上げ\n\n"
        "港湾局は月曜日、渡し船の運賃を四月から八パーセント引き上げると発表した。燃料費の高騰が理由だという。\n\n"
        "利用者からは「毎日の通勤に響く」との声が上がっている。\n")


#: Each text in UTF-8 and in the legacy encodings of its script.
LEGACY = [("Japanese", c) for c in ("utf-8", "cp932", "euc_jp")] + [("Chinese", c) for c in ("utf-8", "gbk")] \
    + [("Traditional Chinese", c) for c in ("utf-8", "big5")] + [("Korean", c) for c in ("utf-8", "cp949")]


@pytest.mark.parametrize(("language", "codec"), LEGACY)
def test_cjk_text_in_utf8_or_a_legacy_encoding_is_not_taken_for_utf16(language: str, codec: str) -> None:
    data = TEXTS[language].encode(codec)
    assert (wide_codec(data), wide_codec(data * 30)) == (None, None)


def test_english_and_a_few_bytes_are_not_taken_for_cjk_utf16() -> None:
    english = b"The harbour authority said on Monday that ferry fares will rise by eight percent. " * 40
    # ASCII letters paired up as UTF-16 are ideographs; UTF-8 is never read this way (nor a few bytes).
    assert [cjk_wide_codec(x) for x in (english, english[1:], "渡轮".encode("utf-16-le") + b"\n\x00")] == [
        None, None, None]


def _png() -> bytes:
    out = io.BytesIO()
    Image.effect_noise((64, 64), 40).save(out, "PNG")
    return out.getvalue()


def _pdf() -> bytes:
    out = io.BytesIO()
    Image.effect_noise((64, 64), 40).convert("RGB").save(out, "PDF")
    return out.getvalue()


def _zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("noise.bin", random.Random(1).randbytes(3000))
        archive.writestr("ja.txt", JAPANESE * 10)
    return out.getvalue()


@pytest.mark.parametrize("data", [_png(), _pdf(), _zip(), random.Random(2).randbytes(6000)],
                         ids=["PNG", "PDF", "ZIP", "random bytes"])
def test_a_binary_is_not_taken_for_cjk_utf16_and_is_still_refused(data: bytes) -> None:
    assert wide_codec(data) is None
    with pytest.raises(SourceError, match=r"^x\.txt: looks like a binary file"):
        from_bytes(data, name="x.txt")


def test_random_bytes_of_any_size_are_not_taken_for_cjk_utf16() -> None:
    rng = random.Random(3)
    hits = [n for n in (32, 40, 64, 100, 300, 1000, 4096) * 150 if wide_codec(rng.randbytes(n))]
    assert hits == []


def _nul_pattern_reference(data: bytes) -> str | None:
    """``nul_pattern_codec``'s rule as written before its NUL count shortcut: every unit looked at."""
    from converter.load.decoding import _UNIT, WIDE_SAMPLE, WIDE_SHARE, _decodes

    sample = data[:WIDE_SAMPLE]
    for codec, low, high in (("utf-32-le", slice(0, 2), slice(2, 4)), ("utf-32-be", slice(2, 4), slice(0, 2)),
                             ("utf-16-le", slice(0, 1), slice(1, 2)), ("utf-16-be", slice(1, 2), slice(0, 1))):
        size = _UNIT[codec]
        units = [sample[i:i + size] for i in range(0, len(sample) - size + 1, size)]
        if len(units) < 2:
            continue
        fitting = sum(1 for u in units if any(u[low]) and not any(u[high]))
        if fitting >= WIDE_SHARE * len(units) and _decodes(sample[:len(units) * size], codec):
            return codec
    return None


def test_the_nul_count_shortcut_gives_what_every_unit_looked_at_gives() -> None:
    """A sample with too few NULs for the rule's share is passed over without looking at its units; texts
    at the share's edge (NULs in 60 to 80 % of the units, in every codec's places) and random bytes get the
    same answer as the rule applied unit by unit."""
    from converter.load.decoding import nul_pattern_codec

    rng = random.Random(18)
    english = "The ferry fares rise by eight per cent from April, the port authority said on Monday.\n" * 4
    samples = [b"", b"\x00", b"a\x00", b"<html>\x00</html>", english.encode("utf-8")]
    for codec in ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"):
        other = "\U0001f600" if "32" in codec else "\u0436"  # a unit without the codec's NUL pattern
        for share in (0.6, 0.68, 0.7, 0.72, 0.8):
            chars = list(english)
            for i in rng.sample(range(len(chars)), round(len(chars) * (1 - share))):
                chars[i] = other
            samples.append("".join(chars).encode(codec))
        samples.append(english[:3].encode(codec))
    samples += [bytes(rng.randrange(256) for _ in range(rng.randrange(1, 600))) for _ in range(300)]
    samples += [bytes(rng.choice((0, 0, rng.randrange(256))) for _ in range(rng.randrange(1, 300))) for _ in range(300)]
    answers = [nul_pattern_codec(s) for s in samples]
    assert answers == [_nul_pattern_reference(s) for s in samples]
    assert answers[5:9] == [None, None, "utf-16-le", "utf-16-le"]  # 60 and 68 % of the units fit; 70, 72 % do
