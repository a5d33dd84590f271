"""The OCR-B glyph comparison: look-alikes told apart on printed, blurred, JPEG'd lines, and the shipped
glyph sheet still drawn from the font."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFilter

from permit_check.files.inspectors import mrz_glyphs, passport_mrz
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


ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _every_glyph_ranked(ink: np.ndarray, centre: float, pitch: float, tesseract: str, blur: int) -> tuple[str, str]:
    """A document number's character as ranking all 36 glyphs settles it (passport_mrz._number_character's rule):
    taken where Tesseract and the best glyph agree or the best glyph is clearly first, else in doubt."""
    scores = mrz_glyphs.ranked(ink, centre, pitch, ALPHANUMERIC, range(blur, blur + 1))
    best, second = scores[0], scores[1]
    clear = best[0] - second[0] >= passport_mrz.NUMBER_MARGIN
    if best[1] == tesseract or clear:
        return best[1], ""
    return tesseract, "".join(other for score, other in scores
                              if score >= best[0] - passport_mrz.NUMBER_MARGIN and other != tesseract)


@pytest.mark.parametrize(("pitch", "blur"), [(10, 0.0), (14, 0.8), (20, 1.2), (28, 1.5)])
def test_a_number_character_compared_with_its_rivals_alone_is_settled_as_by_every_glyph(pitch: int,
                                                                                        blur: float) -> None:
    # Tesseract's reading is compared first with the characters it may have been taken for; the answer must be
    # the one ranking every glyph gives, whatever Tesseract read in the cell (right, a rival, or any other).
    ink, centres, advance = _printed(ALPHANUMERIC, pitch, blur)
    blur_index = mrz_glyphs.line_blur(ink, advance, [])
    for char, centre in zip(ALPHANUMERIC, centres, strict=True):
        for tesseract in ALPHANUMERIC:
            expected = _every_glyph_ranked(ink, centre, advance, tesseract, blur_index)
            got = passport_mrz._number_character(ink, centre, advance, tesseract, tesseract, ALPHANUMERIC, blur_index)
            assert got == expected, (char, tesseract)


def test_a_9_that_tesseract_read_as_t_is_not_taken_as_read() -> None:
    # T and 9 weigh alike in a check digit (29 and 9): the glyphs must catch it, quick comparison or not.
    ink, centres, advance = _printed("9T9", 16, 0.8)
    character, doubts = passport_mrz._number_character(ink, centres[0], advance, "T", "T", ALPHANUMERIC, 1)
    assert character == "9" or "9" in doubts


def test_every_character_whose_print_a_glyph_fits_well_is_among_its_neighbours() -> None:
    # A number's character is compared with its glyph's neighbours alone when its glyph fits the cell well: that
    # holds only if no other character's print takes that glyph as well, at any size or blur.
    missing = set()
    for pitch, blur in [(8, 0.0), (10, 0.0), (12, 0.5), (14, 0.0), (14, 0.8), (16, 1.0), (20, 1.2), (28, 1.5),
                        (34, 2.0)]:
        ink, centres, advance = _printed(ALPHANUMERIC, pitch, blur)
        blurs = range(mrz_glyphs.line_blur(ink, advance, []), mrz_glyphs.line_blur(ink, advance, []) + 1)
        for printed, centre in zip(ALPHANUMERIC, centres, strict=True):
            for score, glyph in mrz_glyphs.ranked(ink, centre, advance, ALPHANUMERIC, blurs):
                if glyph != printed and score >= 0.6 and printed not in mrz_glyphs.NEIGHBOURS[glyph]:
                    missing.add((glyph, printed, pitch, blur))
    assert not missing


@pytest.mark.parametrize("taller", [1.0, 1.15, 0.88])
@pytest.mark.parametrize(("pitch", "blur"), [(14, 0.0), (20, 1.0), (28, 1.5)])
def test_a_line_drawn_taller_than_ocr_b_is_measured_so(taller: float, pitch: int, blur: float) -> None:
    # A phone photo at an angle narrows a line more than it shortens it; the glyphs are drawn at OCR-B's own
    # proportions, so the reader must know how much taller the line's characters stand than theirs. The line is
    # printed large and brought down to its size, as a scan or photo of print is (no font hinting at small sizes).
    text = "P4HK3M7W"
    ink, centres, advance = _printed(text, pitch * 4, 0.0)
    size = (round(ink.shape[1] / 4), round(ink.shape[0] * taller / 4))
    line = Image.fromarray(ink).resize(size, Image.Resampling.LANCZOS).filter(ImageFilter.GaussianBlur(blur))
    pitch_px = advance / 4
    known = [(centre / 4, char) for centre, char in zip(centres, text, strict=True)]
    blur_index = mrz_glyphs.line_blur(np.asarray(line), pitch_px, known)
    measured = mrz_glyphs.heights(np.asarray(line), pitch_px, known, blur_index)
    assert mrz_glyphs.line_stretch(measured) == pytest.approx(taller, abs=0.04)


def test_a_line_with_too_few_characters_to_measure_is_not_measured() -> None:
    ink, centres, advance = _printed("P4H", 18, 0.6)
    assert mrz_glyphs.line_stretch(mrz_glyphs.heights(ink, advance, list(zip(centres, "P4H", strict=True)), 1)) is None


def test_a_line_taller_at_one_end_is_measured_along_it() -> None:
    # A photo's perspective: one end of the line stands taller than the other; a digit and a capital differ by
    # 7-11% in height, so the height a cell is compared with must be the line's there, not its average.
    text = "P4HK3M7WA9CNX4HK3M7W"
    ink, centres, advance = _printed(text, 80, 0.0)
    height, width = ink.shape
    # The right end drawn 12% taller than the left (the quad maps the output's corners into the source).
    grow = 0.12 * height
    line = Image.fromarray(ink).transform((width, round(height + grow)), Image.Transform.QUAD,
                                          (0, -grow / 2, 0, height + grow / 2, width, height, width, 0),
                                          resample=Image.Resampling.BICUBIC)
    line = line.resize((width // 4, round((height + grow) / 4)), Image.Resampling.LANCZOS)
    known = [(centre / 4, char) for centre, char in zip(centres, text, strict=True)]
    blur_index = mrz_glyphs.line_blur(np.asarray(line), advance / 4, known)
    along = mrz_glyphs.stretch_along(mrz_glyphs.heights(np.asarray(line), advance / 4, known, blur_index), advance / 4)
    assert along is not None
    at_zero, slope = along
    left, right = at_zero + slope * known[0][0], at_zero + slope * known[-1][0]
    assert right - left == pytest.approx(0.10, abs=0.04)
