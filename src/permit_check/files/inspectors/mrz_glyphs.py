"""Tells apart the MRZ characters OCR confuses (0/O/D/Q, 1/I, 2/Z, 5/S, 6/G, 8/B, E/F/L, I/T, F/P/R) by their
OCR-B shapes. A `<` filler next to a letter is checked the same way (a small C looks like a chevron).

Every MRZ is printed in one fixed font, OCR-B, at one fixed pitch (ten characters per inch), so a
character cell can be compared with the font's own glyphs drawn at the cell's size: the glyphs are
scaled so that their advance equals the line's pitch, blurred as much as the scan is, and slid over
the cell; the best correlation wins. Scale matters: OCR-B's digits stand taller than its capitals (0
against O, 8 against B), and so do proportions: a line photographed at an angle stands taller beside its
pitch than OCR-B (line_stretch measures how much), and is brought back to OCR-B's proportions before it is
compared. This settles what a check digit cannot: G (value 16) and 6 weigh the same modulo 10, so a 6 read
for a G in a document number passes every check digit.

The glyphs ship pre-drawn in ocrb_glyphs.png (one tile per character of GLYPH_ORDER, TILE_ADVANCE px
to the character, on one baseline), drawn from the OCR-B font (Norbert Schwarz's design, free to use,
as Debian's fonts-ocr-b packages it) by tests/passports.py's `ocrb_glyph_sheet`; a test checks that the
sheet still matches the font.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

GLYPH_ORDER = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ<"
# Each tile is TILE_WIDTH x TILE_HEIGHT px, holding one glyph drawn TILE_ADVANCE px to the character.
TILE_ADVANCE = 40
TILE_WIDTH = 48
TILE_HEIGHT = 64
SHEET = Path(__file__).with_name("ocrb_glyphs.png")
# Characters OCR takes for one another on MRZs; the check digits catch most such slips, not all, and
# none in the names (Tesseract reads a softly lit L as E: LEA as EEA; I as T and F as R: LI FEI as LT REI).
LOOK_ALIKES = ("0ODQ", "1IL", "2Z", "5S", "6G", "8B", "EFL", "IT", "FPR")
# For each character, those on whose printed cell its glyph correlates at 0.6 or more (measured on OCR-B lines
# printed at 8 to 34 px to the character, sharp to blurred, JPEG'd: tests/unit/files/test_mrz_glyphs.py holds the
# table to that measure). Elsewhere its glyph fits under 0.6: a good fit (GOOD_FIT) rules those characters out.
NEIGHBOURS = {
    "0": "89BCDGOQU", "1": "35FHILNPTY", "2": "78PRZ", "3": "58ISTX", "4": "9AMQRX", "5": "3689GS",
    "6": "2489ADGKOPQR", "7": "29EFIPTXYZ", "8": "0569ABEFGHKMNPQRSW", "9": "7DOPQRVWY", "A": "468FKMPQRX",
    "B": "089ADFGHMNOPQRUW", "C": "4DFGOQS", "D": "69BOPQR", "E": "8BCFGKPRST", "F": "7AEIKPRTY",
    "G": "04689BCHKNOQRSW", "H": "8ABKMNPQRUW", "I": "137FLTYZ", "J": "LQV", "K": "AFHMNRWXY", "L": "14CEI",
    "M": "BHKNPQRWX", "N": "BHKMPQRWX", "O": "069BCDGPQU", "P": "29BEFHMR", "Q": "49DGHMNOPRW",
    "R": "489ABFHKMNPQWX", "S": "3589FGKQR", "T": "137EFILPYZ", "U": "09BDGHNOQVW", "V": "9DJKOQUWXY",
    "W": "9HKMNPQRVX", "X": "37AFKMNRWY", "Y": "17FITVX", "Z": "47FITXY",
}
# Blurs (Gaussian sigma, in the cell's pixels) the glyphs are compared at: sharp scans to soft photos.
BLURS = (0.0, 0.7, 1.2, 1.8)


def look_alikes(char: str) -> str:
    """The characters `char` is confused with, itself included ("" if none)."""
    return "".join(dict.fromkeys("".join(group for group in LOOK_ALIKES if char in group)))


@cache
def _sheet() -> dict[str, Any]:
    """Each glyph of the sheet as ink (1) on paper (0), cut to its ink with a rim of paper: the paper
    around a glyph is part of its shape (a narrow D must not fit inside a wide O)."""
    import numpy as np
    from PIL import Image

    with Image.open(SHEET) as image:
        sheet = 1 - np.asarray(image.convert("L"), dtype=np.float32) / 255
    glyphs = {}
    for index, char in enumerate(GLYPH_ORDER):
        drawn = sheet[:, index * TILE_WIDTH:(index + 1) * TILE_WIDTH]
        rows, columns = np.nonzero(drawn > 0.05)
        rim = TILE_ADVANCE // 8
        glyphs[char] = drawn[max(0, rows.min() - rim):rows.max() + 1 + rim,
                             max(0, columns.min() - rim):columns.max() + 1 + rim]
    return glyphs


@cache
def _glyph(char: str, pitch_tenths: int, blur_index: int) -> Any:
    """The glyph of `char` scaled to a pitch of pitch_tenths / 10 px and blurred by BLURS[blur_index]."""
    import cv2

    glyph = _sheet()[char]
    scale = pitch_tenths / 10 / TILE_ADVANCE
    height, width = glyph.shape
    small = cv2.resize(glyph, (max(2, round(width * scale)), max(2, round(height * scale))),
                       interpolation=cv2.INTER_AREA)
    sigma = BLURS[blur_index]
    if sigma:
        small = cv2.copyMakeBorder(small, 2, 2, 2, 2, cv2.BORDER_CONSTANT, value=0)
        small = cv2.GaussianBlur(small, (0, 0), sigma)
    return small


def _window(ink: Any, centre: float, pitch: float) -> Any:
    """The strip around one character, with room for a glyph to slide in (a blurred glyph is wider)."""
    import cv2
    import numpy as np

    # The cell is found to within a quarter of the pitch: a wider window only costs time.
    half = round(pitch * 0.6)
    left, right = max(0, round(centre) - half), min(ink.shape[1], round(centre) + half)
    margin = round(pitch * 0.2) + 3
    return cv2.copyMakeBorder(ink[:, left:right].astype(np.float32), margin, margin, margin, margin,
                              cv2.BORDER_REPLICATE)


def _score(window: Any, char: str, pitch: float, blur_index: int) -> float:
    import cv2

    glyph = _glyph(char, round(pitch * 10), blur_index)
    if glyph.shape[0] > window.shape[0] or glyph.shape[1] > window.shape[1]:
        return -1.0
    return float(cv2.minMaxLoc(cv2.matchTemplate(window, glyph, cv2.TM_CCOEFF_NORMED))[1])  # numpy's max: slower


def line_blur(ink: Any, pitch: float, known: list[tuple[float, str]]) -> int:
    """The index in BLURS that best fits the line: the blur at which a few characters read without doubt
    ((centre, character), e.g. letters no other glyph resembles) match their glyphs best."""
    if pitch < 5 or not known:
        return 1
    totals = [0.0] * len(BLURS)
    for centre, char in known[:4]:
        window = _window(ink, centre, pitch)
        for index in range(len(BLURS)):
            totals[index] += _score(window, char, pitch, index)
    return max(range(len(BLURS)), key=lambda index: totals[index])


# The fewest and the most characters a line's proportions are measured on: one character's height is a pixel
# or two off.
MIN_MEASURED, MAX_MEASURED = 5, 20


def _ink_height(profile: Any) -> float | None:
    """The height (px, to a fraction of a pixel) of the ink in a row `profile` (ink bright), between the first and the
    last places where it crosses half way from the paper to its darkest; None when there is no ink."""
    import numpy as np

    ordered = np.sort(profile)  # a strip's few dozen rows: sorting is many times cheaper than np.percentile
    paper, darkest = float(ordered[len(ordered) // 20]), float(ordered[-1])
    if darkest - paper <= 0:
        return None
    half = (paper + darkest) / 2
    rows = np.flatnonzero(profile >= half)
    top, bottom = int(rows[0]), int(rows[-1])

    def crossing(inside: int, outside: int) -> float:  # where the profile crosses `half` between the two rows
        if not 0 <= outside < len(profile):
            return float(inside)
        step = float(profile[inside]) - float(profile[outside])
        return inside + (outside - inside) * (float(profile[inside]) - half) / step if step > 0 else float(inside)

    return crossing(bottom, bottom + 1) - crossing(top, top - 1)


@cache
def _glyph_height(char: str, pitch_tenths: int, blur_index: int) -> float:
    """The height of `char`'s ink as the glyph compared with a cell draws it (see _glyph), in pitches: a blur
    shortens what _ink_height measures, on the glyph as on the line."""
    return (_ink_height(_glyph(char, pitch_tenths, blur_index).max(axis=1)) or 0.0) / (pitch_tenths / 10)


def heights(ink: Any, pitch: float, known: list[tuple[float, str]], blur_index: int) -> list[tuple[float, float]]:
    """(centre, height_ratio) of up to MAX_MEASURED characters read without doubt ((centre, character)) whose cells
    can be measured, each at half its ink's brightness against its glyph at the line's blur (`blur_index`): what
    line_stretch and stretch_along are fitted to."""
    return [(centre, ratio) for centre, char in known[:MAX_MEASURED]
            if (ratio := height_ratio(ink, centre, pitch, char, blur_index)) is not None]


def line_stretch(measured: list[tuple[float, float]]) -> float | None:
    """How many times taller than OCR-B draws them the line's characters stand beside their pitch (`measured`, as
    heights gives it): about 1 on a scan, more on a phone photo at an angle (foreshortening narrows a line more than
    it shortens it: 1.1-1.2 on the generated photos on a table, where a printed O then fitted the taller 0's glyph
    better than its own). None when fewer than MIN_MEASURED characters could be measured."""
    import numpy as np

    return float(np.median([ratio for _x, ratio in measured])) if len(measured) >= MIN_MEASURED else None


def stretch_along(measured: list[tuple[float, float]], pitch: float) -> tuple[float, float] | None:
    """The line's proportions as they change along it, (at x = 0, per pixel of x), fitted to `measured` (as heights
    gives it): a photo's perspective makes one end of a line up to 5% taller than the other, more than a digit's
    height tells it from a capital's by half. None when fewer than MIN_MEASURED characters could be measured, or they
    stand too close together to tell a slope."""
    import numpy as np

    if len(measured) < MIN_MEASURED:
        return None
    xs, ratios = np.array([x for x, _r in measured]), np.array([r for _x, r in measured])
    middle = np.median(ratios)
    kept = np.abs(ratios - middle) <= 3 * max(float(np.median(np.abs(ratios - middle))), 0.01)  # a misread cell
    if np.ptp(xs[kept]) < pitch * 4:
        return float(middle), 0.0
    slope, at_zero = np.polyfit(xs[kept], ratios[kept], 1)
    return float(at_zero), float(slope)


def height_ratio(ink: Any, centre: float, pitch: float, char: str, blur_index: int) -> float | None:
    """How many times taller than `char`'s glyph the ink of the cell centred at x=`centre` stands, its glyph drawn
    at the line's `pitch` and blur; None when the cell has no ink to measure."""
    import numpy as np

    left, right = max(0, round(centre - pitch * 0.4)), min(ink.shape[1], round(centre + pitch * 0.4))
    if right - left < 2 or char not in GLYPH_ORDER:
        return None
    height = _ink_height(ink[:, left:right].max(axis=1).astype(np.float32))
    drawn = _glyph_height(char, round(pitch * 10), blur_index)
    return height / (drawn * pitch) if height and drawn else None


def ranked(ink: Any, centre: float, pitch: float, candidates: str, blurs: range) -> list[tuple[float, str]]:
    """(correlation, character) of each of `candidates` against the character centred at x=`centre` of the
    line strip `ink` (grey, print bright: 255 - grey), best first, each at the best of `blurs`; empty
    when the cell cannot be compared."""
    if pitch < 5 or not candidates:
        return []
    window = _window(ink, centre, pitch)
    scores = sorted(((max(_score(window, char, pitch, index) for index in blurs), char) for char in candidates),
                    reverse=True)
    return scores if scores[0][0] >= 0 else []


def closest(ink: Any, centre: float, pitch: float, candidates: str, blur_index: int) -> tuple[str, float] | None:
    """Which of `candidates` the character centred at x=`centre` of `ink` looks most like at the line's
    blur, with the margin of its correlation over the runner-up's (0 to 2; small means unsure). None when
    there is nothing to choose or compare."""
    if len(candidates) < 2:
        return None
    # Each glyph also at the blurs next to the line's: one character may be softer than the average.
    scores = ranked(ink, centre, pitch, candidates, range(max(0, blur_index - 1), min(len(BLURS), blur_index + 2)))
    return (scores[0][1], scores[0][0] - scores[1][0]) if scores else None
