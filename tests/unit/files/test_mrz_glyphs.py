"""The OCR-B glyph comparison: look-alikes told apart on printed, blurred, JPEG'd lines, and the shipped
glyph sheet still drawn from the font."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFilter

from permit_check.files.inspectors import mrz_glyphs
from permit_check.files.inspectors.passport_mrz import parse_mrz, read_mrz
from tests import passports

pytestmark = pytest.mark.skipif(passports.ocrb_font_path() is None, reason="the OCR-B font (fonts-ocr-b) is missing")

LOOK_ALIKE_LINE = "0O0DQ1I2Z5S6G8B0O6G8B1IELF"


def _printed(text: str, pitch: int, blur: float) -> tuple[np.ndarray, list[float], float]:
    """A line of OCR-B as a scan gives it: ink bright (255 - grey), the centre of every character, the pitch."""
    font = passports._ocrb_at_pitch(pitch)
    advance = font.getlength(text) / len(text)
    line = Image.new("L", (round(advance * (len(text) + 4)), round(pitch * 1.5)), 235)
    ImageDraw.Draw(line).text((advance * 2, round(pitch * 0.2)), text, font=font, fill=15)
    if blur:
        line = line.filter(ImageFilter.GaussianBlur(blur))
    line = passports.jpeg_round_trip(line.convert("RGB"), 60).convert("L")
    centres = [advance * (2 + index + 0.5) for index in range(len(text))]
    return 255 - np.asarray(line), centres, advance


@pytest.mark.parametrize(("pitch", "blur"), [(12, 0.0), (15, 0.8), (20, 0.0), (20, 1.2), (28, 1.5)])
def test_look_alikes_are_told_apart_by_their_glyphs(pitch: int, blur: float) -> None:
    ink, centres, advance = _printed(LOOK_ALIKE_LINE, pitch, blur)
    blur_index = mrz_glyphs.line_blur(ink, advance, [])
    told = ""
    for char, centre in zip(LOOK_ALIKE_LINE, centres, strict=True):
        best = mrz_glyphs.closest(ink, centre, advance, mrz_glyphs.look_alikes(char), blur_index)
        told += best[0] if best else "?"
    assert told == LOOK_ALIKE_LINE


def test_g_and_6_which_weigh_alike_in_a_check_digit_are_told_apart() -> None:
    ink, centres, advance = _printed("G6G66G", 16, 1.0)
    told = [mrz_glyphs.closest(ink, centre, advance, "6G", 1) for centre in centres]
    assert "".join(best[0] for best in told if best) == "G6G66G"
    assert all(best and best[1] > 0.02 for best in told)  # not a coin toss


def test_an_empty_or_tiny_cell_is_not_compared() -> None:
    assert mrz_glyphs.closest(np.zeros((20, 200), np.uint8), 100.0, 3.0, "0O", 1) is None
    assert mrz_glyphs.closest(np.zeros((20, 200), np.uint8), 100.0, 15.0, "0", 1) is None
    assert mrz_glyphs.look_alikes("K") == ""


def test_the_shipped_glyph_sheet_is_the_font_drawn_again() -> None:
    with Image.open(mrz_glyphs.SHEET) as shipped:
        stored = np.asarray(shipped.convert("L"), dtype=np.int16)
    drawn = np.asarray(passports.ocrb_glyph_sheet(), dtype=np.int16)
    assert stored.shape == drawn.shape
    assert np.abs(stored - drawn).mean() < 2.0  # the same glyphs (a FreeType version may shade edges apart)


@pytest.mark.parametrize("layout", ["TD3", "TD2", "TD1"])
def test_a_document_number_with_g_o_and_their_digits_is_read_exactly(layout: str) -> None:
    # The misreads the check digits cannot catch (6 for G) or that used to leave the file illegible (O for 0).
    holder = passports.Holder(number="GO6G0Q8B5", layout=layout, surname="Lee", given_names="Li")
    for damage in ("200 dpi scan", "blur", "small (600 px wide)"):
        reading = read_mrz([passports.damaged(holder, damage, 5)])
        assert reading is not None and reading["check_digits_valid"], damage
        assert reading == parse_mrz(passports.mrz_lines(holder), layout), damage
        assert (reading["number"], reading["surname"], reading["given_names"]) == ("GO6G0Q8B5", "LEE", "LI")
