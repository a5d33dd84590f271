"""Finds and reads the machine-readable zone (MRZ) of passports, ID cards and visas (ICAO 9303).

Finding: on a downscaled grey image, a black-hat filter keeps dark print on light paper, a horizontal
gradient keeps the dense vertical strokes of text, and closing with a wide kernel fuses each line of
characters (and the 2-3 lines of the zone) into one long bar. The bars long and narrow enough to be
an MRZ are cut out of the full-resolution image, straightened by their own angle (skew, a photo at an
angle) and read by Tesseract restricted to the MRZ alphabet. A booklet scanned sideways is found by
looking again at the image turned 90°; upside down by reading the bar turned 180°.

Reading: fillers are told by their chevron shape, the other characters read by Tesseract line by line;
where OCR-B glyphs look alike (0/O/D/Q, 1/I, 2/Z, 5/S, 6/G, 8/B) and the place may hold either, the
cell is compared with the font's glyphs (mrz_glyphs), and so is a letter whose glyph fits its cell badly.
Every ICAO 9303 layout (TD3 passports, TD1 and TD2 cards, MRV-A and MRV-B visas) is parsed and every
check digit is verified (ICAO 9303 Part 3's 7-3-1 rule, computed here). Digit-only fields (dates,
check digits) may have letters OCR confuses with digits corrected. In a field that may hold both (the
document number) only one check digit guards it (the composite weighs its characters as the number's own
does: a wrong change passes one time in ten, and a 9 read as T always), so the check digits change nothing
there: each character must be Tesseract's and the glyphs' reading alike, or the glyphs' clear first choice,
else the number is left unread. A read is only called valid when every check digit holds.
`<` fillers misread as letters are only restored where the layout can only hold fillers (after the
end of the name).
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from PIL import Image

from permit_check.files.inspectors import mrz_countries, mrz_glyphs

# Working size for finding the zone: big enough to keep 2.5 mm characters of an A4 scan apart.
FIND_LONG_SIDE = 1200
# An image whose long side is under SMALL_LONG_SIDE px (a card 400 px wide, a passport photo 280 px wide: a
# character pitch of 5-12 px) is enlarged to ENLARGED_LONG_SIDE before the zone is looked for, and its band
# binarised at CORE_THRESHOLD of the way from Otsu's threshold to the darkest ink, then softened by CRISP_SIGMA
# px (measured on the generated small images: see _crisp). Larger pages never take this path.
SMALL_LONG_SIDE = 800
ENLARGED_LONG_SIDE = 1000
CORE_THRESHOLD = 0.3
CRISP_SIGMA = 0.8
# How much better (sum of its three glyphs' correlations) a known country code must fit than the runner-up to
# replace a code read that is none.
COUNTRY_MARGIN = 0.1
# The smallest character pitch (px, in the image as given) read: a passport page under about 220 px wide.
MIN_PITCH = 4.5
# Height (px) of one MRZ character pitch in the crop given to Tesseract: its sweet spot is ~30 px capitals.
OCR_PITCH_PX = 34
# At most this many readings of candidate zones per page image (each is 2-3 lines of OCR, ~0.1 s):
# a valid MRZ is nearly always among the first few; a page of dense print must not take minutes.
MAX_READINGS = 16
# Heights (px) a line is scaled to for Tesseract, in the order tried: it reads OCR-B as well at 28 px as at
# 36 (measured on the generated set), and a little faster; the other sizes are for a line that fails.
LINE_HEIGHTS = (28, 36, 48)
# Tesseract's time grows with the width of the line it reads: a line given narrowed to 3/4 of its width (OCR-B's
# wide cells still apart) is read in about 25% less time, as exactly; at 0.6 it starts misreading (measured on
# the generated set).
LINE_NARROWED = 0.75
# How much better (in correlation) a glyph must fit than the runner-up to overrule Tesseract's look-alike,
# and to read a cell Tesseract skipped (a wrong letter there could pass unseen: names have no check digit).
OVERRULE_MARGIN = 0.02
UNREAD_MARGIN = 0.05
LETTER_OVERRULE_MARGIN = 0.05
# How much better (in correlation) a glyph must fit a cell of the document number than every other character's to
# be its clear first choice: to overrule Tesseract there, or to settle a cell Tesseract read otherwise.
NUMBER_MARGIN = 0.05
# A letter whose OCR-B glyph correlates with its cell at least this well is taken as Tesseract read it;
# below, another letter must correlate clearly better to replace it. A document number's character fitting this
# well is compared with its glyph's neighbours alone (mrz_glyphs.NEIGHBOURS: no other print fits it over 0.6).
GOOD_FIT = 0.7
# A line whose characters stand taller (or shorter) beside their pitch than OCR-B's by more than this share (a
# phone photo at an angle: 10-20% on the generated photos on a table) is brought back to OCR-B's proportions
# before its glyphs are compared: OCR-B tells O from 0 and B from 8 by their height. The generated scans, blurred
# and at 150 dpi included, measure within 6%.
STRETCH_TOLERANCE = 0.07
# A document number's character and a look-alike whose OCR-B glyphs differ in height by at least HEIGHT_TOLD (0 and O:
# 7-8%, as blurred; not 6 and G, 5%, whose doubt the check digit cannot settle) are told apart by the cell's height
# beside its line's: the look-alike is in doubt, or ruled out, when its height fits better, or worse, by HEIGHT_CLEAR
# (see _taller_or_shorter).
HEIGHT_TOLD = 0.06
HEIGHT_CLEAR = 0.03
# Glyphs are compared on the line shrunk to this pitch (px) when it is larger: OCR-B stays distinct.
GLYPH_PITCH_PX = 14
# At most this many cells Tesseract skipped in a line are read from their glyphs alone.
MAX_SKIPPED = 3
# A zone is at least this many times longer than high (TD1's 3x30 block is the squarest, about 4.5:1).
MIN_ASPECT = 3.0

LAYOUT_SHAPES = {(2, 44): ("TD3", "MRVA"), (2, 36): ("TD2", "MRVB"), (3, 30): ("TD1",)}
_DIGIT_FOR = str.maketrans({"O": "0", "Q": "0", "D": "0", "U": "0", "I": "1", "L": "1", "T": "1", "Z": "2",
                            "S": "5", "G": "6", "B": "8"})
_LETTER_FOR = str.maketrans({"0": "O", "1": "I", "2": "Z", "5": "S", "6": "G", "8": "B"})
# Letters OCR makes of a `<` filler, when its shape did not tell it. Not E: names are made of it (LEE, ELLE),
# and a tail of look-alikes restored as fillers would drop a real last given name.
_FILLER_LOOKALIKES = frozenset("KCXL<")


# --------------------------------------------------------------------------- parsing


# ICAO 9303 Part 3, section 4.9: a character's value is its digit, A=10 ... Z=35, and the filler `<` is 0.
_CHARACTER_VALUE = {**{str(digit): digit for digit in range(10)},
                    **{chr(ord("A") + index): 10 + index for index in range(26)}, "<": 0}
# The weights 7, 3, 1 repeated from the field's first character (ICAO 9303 Part 3, section 4.9).
_WEIGHTS = (7, 3, 1)


def check_digit(field: str) -> str:
    """The ICAO 9303 check digit of `field`: the sum of each character's value times its weight, modulo 10.

    Written here rather than taken from a library: the one well-known package (`mrz`) is GPL-3 and
    permit-check is MIT, and the rule is a few lines, tested against the specimens of Doc 9303.
    "?" for a field with a character that was not read (or is not in the MRZ alphabet): no digit matches it.
    """
    if any(char not in _CHARACTER_VALUE for char in field):
        return "?"
    return str(sum(_CHARACTER_VALUE[char] * _WEIGHTS[index % 3] for index, char in enumerate(field)) % 10)


@dataclass(frozen=True)
class _Layout:
    name: str
    lines: int
    width: int
    # (field name, line, start, end) of every field.
    fields: tuple[tuple[str, int, int, int], ...]
    # (what it checks, line, position, the (line, start, end) spans it covers).
    checks: tuple[tuple[str, int, int, tuple[tuple[int, int, int], ...]], ...]


def _two_line(name: str, width: int, optional_check: bool, composite: bool) -> _Layout:
    fields = (("type", 0, 0, 2), ("issuing_country", 0, 2, 5), ("names", 0, 5, width), ("number", 1, 0, 9),
              ("nationality", 1, 10, 13), ("birth_date", 1, 13, 19), ("sex", 1, 20, 21),
              ("expiry_date", 1, 21, 27))
    checks: list[tuple[str, int, int, tuple[tuple[int, int, int], ...]]] = [
        ("number", 1, 9, ((1, 0, 9),)), ("birth_date", 1, 19, ((1, 13, 19),)), ("expiry_date", 1, 27, ((1, 21, 27),)),
    ]
    if optional_check:
        checks.append(("optional", 1, 42, ((1, 28, 42),)))
    if composite:
        checks.append(("composite", 1, width - 1, ((1, 0, 10), (1, 13, 20), (1, 21, width - 1))))
    return _Layout(name, 2, width, fields, tuple(checks))


LAYOUTS = {
    "TD3": _two_line("TD3", 44, optional_check=True, composite=True),
    "MRVA": _two_line("MRVA", 44, optional_check=False, composite=False),
    "TD2": _two_line("TD2", 36, optional_check=False, composite=True),
    "MRVB": _two_line("MRVB", 36, optional_check=False, composite=False),
    "TD1": _Layout(
        "TD1", 3, 30,
        (("type", 0, 0, 2), ("issuing_country", 0, 2, 5), ("number", 0, 5, 14), ("birth_date", 1, 0, 6),
         ("sex", 1, 7, 8), ("expiry_date", 1, 8, 14), ("nationality", 1, 15, 18), ("names", 2, 0, 30)),
        (("number", 0, 14, ((0, 5, 14),)), ("birth_date", 1, 6, ((1, 0, 6),)), ("expiry_date", 1, 14, ((1, 8, 14),)),
         ("composite", 1, 29, ((0, 5, 30), (1, 0, 7), (1, 8, 15), (1, 18, 29))))),
}


def _digit_positions(layout: _Layout) -> set[tuple[int, int]]:
    """(line, column) of every character that can only be a digit: dates and check digits."""
    spots = {(line, position) for _what, line, position, _spans in layout.checks}
    for name, line, start, end in layout.fields:
        if name in ("birth_date", "expiry_date"):
            spots.update((line, column) for column in range(start, end))
    return spots


# "p": the first character of a 2x44 zone, P for a passport (ICAO 9303 Part 4: a passport's document code
# starts with P, a second letter at the issuer's choice) or V for an MRV-A visa (Part 7). "s": the sex, F or M
# (ICAO 9303 Part 3; unspecified is a filler, told by its shape; X as some issuers print it).
_ALPHABETS = {"d": "0123456789", "l": "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "a": "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ",
              "p": "PV", "s": "FMX", "c": "ABCDEFGHIJKLMNOPQRSTUVWXYZ"}
SEXES = ("F", "M", "X", "<")


@cache
def _line_alphabets(count: int, width: int, line: int) -> str:
    """What each character of line `line` of a zone of `count` lines of `width` may hold in every layout of
    that shape: "d" only a digit (dates, check digits), "l" only a letter (or a filler), "a" either."""
    layouts = [LAYOUTS[name] for name in LAYOUT_SHAPES[(count, width)]]
    kinds = []
    for column in range(width):
        if all((line, column) in _digit_positions(layout) for layout in layouts):
            kinds.append("d")
        elif all((line, column) in _letter_positions(layout) for layout in layouts):
            kinds.append("l")
        else:
            kinds.append("a")
    if (count, width) == (2, 44) and line == 0:
        kinds[0] = "p"
    for column in range(width):  # the sex and the country codes: the same places in every layout of a shape
        if all(_sex_position(layout) == (line, column) for layout in layouts):
            kinds[column] = "s"
        elif all((line, column) in _country_positions(layout) for layout in layouts):
            kinds[column] = "c"
    return "".join(kinds)


def _country_positions(layout: _Layout) -> set[tuple[int, int]]:
    return {(line, column) for name, line, start, end in layout.fields if name in ("issuing_country", "nationality")
            for column in range(start, end)}


def _sex_position(layout: _Layout) -> tuple[int, int]:
    _name, line, start, _end = next(field for field in layout.fields if field[0] == "sex")
    return line, start


def _letter_positions(layout: _Layout) -> set[tuple[int, int]]:
    """Positions that can never hold a digit: document type, countries, sex and the names."""
    spots: set[tuple[int, int]] = set()
    for name, line, start, end in layout.fields:
        if name in ("type", "issuing_country", "nationality", "sex", "names"):
            spots.update((line, column) for column in range(start, end))
    return spots


def _fit(line: str, width: int) -> str:
    """A line read a character or two too long or short, fitted to `width` by its longest `<` run."""
    if len(line) == width:
        return line
    runs = list(re.finditer(r"<{2,}", line))
    if not runs or abs(len(line) - width) > 3:
        return line
    run = max(runs, key=lambda match: match.end() - match.start())
    length = run.end() - run.start() + width - len(line)
    return line[:run.start()] + "<" * max(1, length) + line[run.end():] if length >= 1 else line


def _corrected(lines: list[str], layout: _Layout) -> list[str]:
    digits, letters = _digit_positions(layout), _letter_positions(layout)
    fixed = []
    for index, line in enumerate(lines):
        chars = list(line)
        for column, char in enumerate(chars):
            if (index, column) in digits:
                chars[column] = char.translate(_DIGIT_FOR)
            elif (index, column) in letters:
                chars[column] = char.translate(_LETTER_FOR)
        fixed.append("".join(chars))
    return fixed


def _restore_fillers(names: str) -> str:
    """Fillers read as K/C/X/L after the name's end turned back into `<`.

    A name field holds SURNAME<<GIVEN<NAMES then only fillers: after the surname's `<<`, a second `<<`
    can only start the filler tail, so every character from there on is a filler. A tail that ends
    the field is also restored from its last letter that cannot be a misread filler.
    """
    first = names.find("<<")
    if first < 0:
        return names
    second = names.find("<<", first + 2)
    if second >= 0:
        names = names[:second] + "<" * (len(names) - second)
    # A trailing run mixing `<` and look-alikes (e.g. "<<K<<C<<") is filler too; it starts with a `<`:
    # the E ending MARIE<<< is the name's, and so is a word with an E (MARY<LEE<<<).
    tail = len(names)
    while tail > 0 and names[tail - 1] in _FILLER_LOOKALIKES:
        tail -= 1
    while tail < len(names) and names[tail] != "<":
        tail += 1
    segment = names[tail:]
    if segment.count("<") >= max(2, len(segment) * 2 // 3) and tail > first + 2:
        names = names[:tail] + "<" * len(segment)
    return names


def _date(yymmdd: str, *, expiry: bool) -> str | None:
    if not yymmdd.isdigit():
        return None
    year = int(yymmdd[:2])
    # An expiry is never long past; a birth date is never in the future.
    # The wall clock, not --as-of: a reading does not depend on the day a run counts from (its result is cached
    # across runs), and the century of a birth year only turns on the two-digit year passing today's.
    future = year > dt.date.today().year % 100
    century = (2000 if year < 70 else 1900) if expiry else (1900 if future else 2000)
    try:
        return dt.date(century + year, int(yymmdd[2:4]), int(yymmdd[4:6])).isoformat()
    except ValueError:
        return None


def _names(field: str) -> tuple[str, str]:
    surname, _separator, given = field.partition("<<")
    return (" ".join(surname.replace("<", " ").split()), " ".join(given.replace("<", " ").split()))


def parse_mrz(lines: list[str], layout_name: str) -> dict[str, Any]:
    """The fields of an MRZ already cut into lines of the layout's width, with `check_digits_valid`."""
    layout = LAYOUTS[layout_name]
    lines = _corrected(lines, layout)
    name_field = next(field for field in layout.fields if field[0] == "names")
    _n, name_line, start, end = name_field
    lines[name_line] = lines[name_line][:start] + _restore_fillers(lines[name_line][start:end]) + lines[name_line][end:]
    values = {name: lines[line][begin:stop] for name, line, begin, stop in layout.fields}
    # No check digit covers the document code: a TD3 is a passport only when it starts with P (ICAO 9303 Part 4).
    valid = all(_holds(lines, check) for check in layout.checks) and (layout.name != "TD3" or lines[0][0] == "P") \
        and values["sex"] in SEXES  # no check digit covers the sex either: N read for M is no valid zone
    surname, given_names = _names(values["names"])
    birth, expiry = _date(values["birth_date"], expiry=False), _date(values["expiry_date"], expiry=True)
    return {
        "layout": layout.name,
        "lines": lines,
        "type": values["type"].rstrip("<"),
        "issuing_country": values["issuing_country"].rstrip("<"),
        "surname": surname,
        "given_names": given_names,
        "number": values["number"].rstrip("<"),
        "nationality": values["nationality"].rstrip("<"),
        "birth_date": birth,
        "expiry_date": expiry,
        "sex": values["sex"].replace("<", "X"),
        # A character that could not be read at all ("?") leaves the reading unproven, even in the names.
        "check_digits_valid": bool(valid and birth and expiry and not any("?" in line for line in lines)),
        "unchecked_fields": list(unchecked_fields(layout.name)),
    }


# The fields of a reading, as parse_mrz names them, with the zone's field each one is read from.
_READING_FIELDS = (("type", "type"), ("issuing_country", "issuing_country"), ("surname", "names"),
                   ("given_names", "names"), ("number", "number"), ("nationality", "nationality"),
                   ("birth_date", "birth_date"), ("expiry_date", "expiry_date"), ("sex", "sex"))


@cache
def unchecked_fields(layout_name: str) -> tuple[str, ...]:
    """The fields of a reading of the layout that no check digit covers (the names, the countries, the sex, the
    document code): a misread there leaves every check digit holding."""
    layout = LAYOUTS[layout_name]
    spans = {name: (line, start, end) for name, line, start, end in layout.fields}
    covered = {(line, column) for _what, _line, _position, parts in layout.checks for line, start, end in parts
               for column in range(start, end)}
    return tuple(reading for reading, field in _READING_FIELDS
                 if not all((spans[field][0], column) in covered for column in range(*spans[field][1:])))


def _holds(lines: list[str], check: tuple[str, int, int, tuple[tuple[int, int, int], ...]]) -> bool:
    _what, line, position, spans = check
    return lines[line][position] == check_digit("".join(lines[span_line][a:b] for span_line, a, b in spans))


def _layouts_for(lines: list[str]) -> Iterator[tuple[list[str], str]]:
    """Every (lines, layout) reading of OCR'd lines: the zone's lines are the last 2-3 long ones."""
    clean = [re.sub(r"[^A-Z0-9<?]", "", line.upper()) for line in lines]
    clean = [line for line in clean if len(line) >= 26]
    for (count, width), names in LAYOUT_SHAPES.items():
        if len(clean) < count:
            continue
        for first in range(len(clean) - count, -1, -1):
            group = [_fit(line, width) for line in clean[first:first + count]]
            if all(len(line) == width for line in group):
                for name in names:
                    if name.startswith("MRV") != group[0].startswith("V"):
                        continue
                    yield group, name


def read_lines(lines: list[str]) -> dict[str, Any] | None:
    """The best MRZ reading of some OCR'd lines: a valid one if any, else the first that parses.

    A look-alike in the document number (an O read for a 0) is never changed here to make the check digits hold:
    one check digit guards the number (the composite weighs its characters alike), so a second slip (a 9 read
    as I beside a 9 read as Q changed to 0) passes as often as one time in ten. Only the glyphs may settle it
    (_number_character)."""
    readings = [parse_mrz(group, layout) for group, layout in _layouts_for(lines)]
    valid = next((reading for reading in readings if reading["check_digits_valid"]), None)
    return valid or (readings[0] if readings else None)


# --------------------------------------------------------------------------- finding and OCR


def _bars(gray: Any, zones: list[dict[str, Any]] | None = None) -> Iterator[Any]:
    """Rotated rectangles of long dark-text bars: lines fused with a tall kernel (spaced lines, a photo
    filling the frame), then a short one (a small card whose MRZ sits close to its photo). The second
    is only looked for when no bar of the first held a valid MRZ (`zones`: those read so far, when the
    reader goes on after the first)."""
    bars = _bars_fused(gray, 21)
    yield from bars
    if zones:
        return
    for bar in _bars_fused(gray, 11):
        if all(abs(bar[0][0] - other[0][0]) + abs(bar[0][1] - other[0][1]) > 10 for other in bars):
            bars.append(bar)
            yield bar


def _bars_fused(gray: Any, tall: int) -> list[Any]:
    """Rotated rectangles ((cx, cy), (w, h), angle) of long dark-text bars, longest first."""
    import cv2
    import numpy as np

    height, width = gray.shape
    unit = max(width, height) / FIND_LONG_SIDE
    rect = cv2.getStructuringElement(cv2.MORPH_RECT, (max(3, round(13 / unit)), max(3, round(5 / unit))))
    square = cv2.getStructuringElement(cv2.MORPH_RECT, (max(3, round(21 / unit)), max(3, round(tall / unit))))
    smooth = cv2.GaussianBlur(gray, (3, 3), 0)
    blackhat = cv2.morphologyEx(smooth, cv2.MORPH_BLACKHAT, rect)
    gradient = np.absolute(cv2.Sobel(blackhat, cv2.CV_32F, 1, 0, ksize=-1))
    low, high, _at_low, _at_high = cv2.minMaxLoc(gradient)
    stretch = 255 / max(1.0, high - low)  # to 0-255, in one pass (numpy's arithmetic took four)
    gradient = cv2.convertScaleAbs(gradient, alpha=stretch, beta=-low * stretch)
    gradient = cv2.morphologyEx(gradient, cv2.MORPH_CLOSE, rect)
    _t, binary = cv2.threshold(gradient, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    binary = cv2.morphologyEx(binary, cv2.MORPH_CLOSE, square)
    binary = cv2.erode(binary, np.ones((3, 3), np.uint8), iterations=2)
    contours, _h = cv2.findContours(binary, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    bars = []
    for contour in contours:
        (cx, cy), (w, h), angle = cv2.minAreaRect(contour)
        if h > w:  # minAreaRect's angle convention: make `w` the long side
            w, h, angle = h, w, angle - 90
        angle = (angle + 90) % 180 - 90  # the turn that levels the bar, in [-90, 90): the flip is tried later
        if h < 4 or w < h * MIN_ASPECT or w < width * 0.2:
            continue
        bars.append(((cx, cy), (w, h), angle))
    bars.sort(key=lambda bar: -bar[1][0])
    return bars[:4]


def _crop(gray: Any, bar: Any, scale: float) -> Any:
    """The bar cut from the full image (coordinates times `scale`), level, with a margin."""
    import cv2

    (cx, cy), (w, h), angle = bar
    cx, cy, w, h = cx * scale, cy * scale, w * scale, h * scale
    margin = h * 0.35 + 4
    out_w, out_h = round(w + 2 * margin), round(h + 2 * margin)
    matrix = cv2.getRotationMatrix2D((cx, cy), angle, 1.0)
    matrix[0, 2] += out_w / 2 - cx
    matrix[1, 2] += out_h / 2 - cy
    return cv2.warpAffine(gray, matrix, (out_w, out_h), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_REPLICATE)


def _flattened(crop: Any) -> Any:
    """The band with its lighting divided out (uneven light, glare), as dark ink on white."""
    import cv2
    import numpy as np

    size = max(15, crop.shape[0] // 2) | 1
    background = cv2.morphologyEx(crop, cv2.MORPH_CLOSE, np.ones((size, size), np.uint8))
    return np.clip(crop.astype(np.float32) * 255 / np.maximum(background, 1), 0, 255).astype(np.uint8)


def _text_rows(ink: Any) -> list[tuple[int, int]]:
    """(top, bottom) of every line of text in a binary band, from its row profile."""
    profile = ink.sum(axis=1) / 255
    threshold = max(2.0, float(profile.max()) * 0.12)
    rows, top = [], None
    for y, count in enumerate([*profile.tolist(), 0.0]):
        if count > threshold and top is None:
            top = y
        elif count <= threshold and top is not None:
            rows.append((top, y))
            top = None
    tallest = max((bottom - top for top, bottom in rows), default=0)
    return [(top, bottom) for top, bottom in rows if bottom - top >= tallest * 0.5]


def _glyphs(strip: Any) -> list[tuple[int, int, int, int]]:
    """(x, y, w, h) of the characters of one binary text line, left to right (broken glyphs joined)."""
    import cv2

    count, _labels, stats, _c = cv2.connectedComponentsWithStats(strip, connectivity=8)
    height, width = strip.shape[:2]
    # Ink touching the strip's left or right end is no character: the band is cut with a margin around the zone,
    # so it is the page's edge or the table beside it (a card photographed on a table: its edge, taken for a
    # first glyph, shifted every cell of the line by one).
    boxes = sorted((int(x), int(y), int(w), int(h)) for x, y, w, h, area in stats[1:count]
                   if h >= height * 0.3 and area >= height * height * 0.02 and x > 0 and x + w < width)
    joined: list[tuple[int, int, int, int]] = []
    for x, y, w, h in boxes:
        if joined and x < joined[-1][0] + joined[-1][2] - min(w, joined[-1][2]) * 0.5:
            px, py, pw, ph = joined[-1]
            top, bottom = min(py, y), max(py + ph, y + h)
            joined[-1] = (px, top, max(px + pw, x + w) - px, bottom - top)
        else:
            joined.append((x, y, w, h))
    return joined


def _cells(glyphs: list[tuple[int, int, int, int]], count: int) -> list[tuple[int, int]] | None:
    """The `count` character cells (x from, x to) of a fixed-pitch line, fitted to its glyphs."""
    import numpy as np

    if not count * 0.6 <= len(glyphs) <= count * 1.2:
        return None
    if len(glyphs) == count:
        return [(x, x + w) for x, _y, w, _h in glyphs]
    left, right = glyphs[0][0], glyphs[-1][0] + glyphs[-1][2]
    pitch = (right - left) / (count - 0.25)
    centres = np.array([x + w / 2 for x, _y, w, _h in glyphs])
    index = np.clip(np.round((centres - left - pitch / 2) / pitch), 0, count - 1)
    if len(set(index.tolist())) >= 2:
        pitch, offset = np.polyfit(index, centres, 1)
    else:
        offset = left + pitch / 2
    return [(round(offset + (k - 0.5) * pitch), round(offset + (k + 0.5) * pitch)) for k in range(count)]


def _is_filler(glyph: Any) -> bool:
    """Whether a binary glyph is the `<` chevron. Its left side is only the tip, at mid-height (K, X, L, E
    run to the top and bottom there, and C's round back is tall); its right side only the two arm ends."""
    import numpy as np

    rows, columns = np.flatnonzero(glyph.any(axis=1)), np.flatnonzero(glyph.any(axis=0))
    if len(columns) == 0:
        return True
    glyph = glyph[rows[0]:rows[-1] + 1, columns[0]:columns[-1] + 1] > 0
    height, width = glyph.shape
    if width < 3 or height < 5:
        return False
    band = max(1, height * 3 // 10)
    quarter = max(1, width // 4)
    left, right = glyph[:, :quarter], glyph[:, width - quarter:]

    def share(block: Any) -> float:  # the part of `block` that is ink (count_nonzero: many times faster than mean)
        return float(np.count_nonzero(block)) / max(1, int(block.size))

    left_ends = share(left[:band]) + share(left[height - band:])
    left_rows = np.flatnonzero(left.any(axis=1))
    tip = (left_rows[-1] - left_rows[0] + 1) / height if len(left_rows) else 1.0
    right_middle = share(right[band:height - band])
    right_ends = min(share(right[:band]), share(right[height - band:]))
    return bool(left_ends < 0.04 and tip < 0.5 and right_middle < 0.08 and right_ends > 0.1)


def _fillers(ink: Any, cells: list[tuple[int, int]]) -> list[bool]:
    width = ink.shape[1]
    return [_is_filler(ink[:, max(0, a):max(a + 1, min(width, b))]) for a, b in cells]


def _read_line(gray: Any, cells: list[tuple[int, int]], fillers: list[bool], alphabets: str, size: int,
               small: bool = False, zone_stretch: float | None = None) -> tuple[str, float | None]:
    """The characters of one MRZ line: `<` from the glyph shapes, the rest from Tesseract's symbols read
    at `size` px high, checked against the OCR-B glyphs (`alphabets`: what each cell may hold, as in
    _line_alphabets; `small` and `zone_stretch`, and what is returned: see _settled)."""
    page = gray.copy()
    for (a, b), filler in zip(cells, fillers, strict=True):
        if filler:
            page[:, max(0, a):max(0, b)] = 255
    found: dict[int, tuple[float, str]] = {}
    centres = [(a + b) / 2 for a, b in cells]
    starts, ends = [a for a, _b in cells], [b for _a, b in cells]
    merged: list[tuple[list[int], float, float, str]] = []
    for left, right, confidence, text in _symbols(page, size):
        # The cells the symbol covers more than half of (those it meets found by bisection: cells are in order).
        spanned = [k for k in range(bisect.bisect_right(ends, left), bisect.bisect_left(starts, right))
                   if not fillers[k] and min(right, ends[k]) - max(left, starts[k]) > (ends[k] - starts[k]) / 2]
        if len(spanned) > 1:
            merged.append((spanned, (left + right) / 2, confidence, text))
            continue
        cell = _nearest(centres, (left + right) / 2)
        if cell not in found or confidence > found[cell][0]:
            found[cell] = (confidence, text)
    for spanned, centre, confidence, text in merged:
        # Two neighbours Tesseract took for one symbol (SJ read as one J, over both cells): each is read again on its
        # own, so that each cell still has Tesseract's reading to set beside its glyph's. Failing that, the symbol
        # goes to the cell nearest its centre, as any other.
        apart = _read_apart(page, [cells[k] for k in spanned], size)
        for cell, char in zip(spanned, apart, strict=True) if apart else [(_nearest(centres, centre), text)]:
            if cell not in found or (not apart and confidence > found[cell][0]):
                found[cell] = (confidence, char)
    return _settled(gray, cells, fillers, {k: char for k, (_confidence, char) in found.items()}, alphabets, small,
                    zone_stretch)


def _symbols(page: Any, size: int, psm: int = 7) -> Iterator[tuple[float, float, float, str]]:
    """(left, right, confidence, character) of each symbol Tesseract reads on the grey line `page` scaled to `size`
    px high and narrowed (LINE_NARROWED), x in `page`'s pixels; `psm` 10 for a single character."""
    import cv2
    import tesserocr

    from permit_check.files.inspectors.ocr import engine

    height, width = page.shape[:2]
    factor = size / max(1, height)
    across = factor * LINE_NARROWED
    page = cv2.resize(page, (max(1, round(width * across)), max(1, round(height * factor))),
                      interpolation=cv2.INTER_CUBIC if factor > 1 else cv2.INTER_AREA)
    page = cv2.copyMakeBorder(page, 12, 12, 12, 12, cv2.BORDER_CONSTANT, value=255)
    with engine("eng", psm=psm, whitelist=MRZ_LETTERS_DIGITS) as api:
        api.SetImageBytes(page.tobytes(), page.shape[1], page.shape[0], 1, page.shape[1])  # grey, no PNG between
        api.Recognize()
        iterator = api.GetIterator()
        level = tesserocr.RIL.SYMBOL
        for symbol in tesserocr.iterate_level(iterator, level):
            try:
                text = symbol.GetUTF8Text(level)
            except RuntimeError:  # nothing recognised on the line at all (tesserocr raises rather than say "")
                return
            box = symbol.BoundingBox(level)
            if text and box is not None:
                yield (box[0] - 12) / across, (box[2] - 12) / across, symbol.Confidence(level), text[0]


def _read_apart(page: Any, cells: list[tuple[int, int]], size: int) -> str | None:
    """Tesseract's reading of each of `cells` of the grey line `page` cut out on its own, as a single character,
    or None unless it reads one character in each."""
    read = ""
    for a, b in cells:
        rim = max(1, (b - a) // 6)
        symbols = list(_symbols(page[:, max(0, a - rim):min(page.shape[1], b + rim)], size, psm=10))
        if len(symbols) != 1:
            return None
        read += symbols[0][3]
    return read


def _nearest(centres: list[float], x: float) -> int:
    """The index of the cell centre (in increasing order) nearest to `x`."""
    after = bisect.bisect_left(centres, x)
    if after == 0:
        return 0
    if after == len(centres):
        return after - 1
    return after if centres[after] - x < x - centres[after - 1] else after - 1


def _settled(gray: Any, cells: list[tuple[int, int]], fillers: list[bool], read: dict[int, str],
             alphabets: str, small: bool = False, zone_stretch: float | None = None) -> tuple[str, float | None]:
    """The line's characters: Tesseract's, except where its glyph says otherwise among the characters
    OCR confuses (a G read as 6 in a document number), and a cell it skipped read from its glyph alone.
    In a `small` print, a character of the document number is only kept where its glyph agrees. With the
    characters, the line's proportions as measured on it (see mrz_glyphs.line_stretch; None when too few of its
    characters tell them): a line that cannot be measured takes another line's of the zone (`zone_stretch`)."""
    import cv2

    centres = [(a + b) / 2 for a, b in cells]
    pitch = (centres[-1] - centres[0]) / max(1, len(cells) - 1)
    ink = 255 - gray
    if pitch > GLYPH_PITCH_PX:  # glyphs compared at a small size: as exact, and many times cheaper
        factor = GLYPH_PITCH_PX / pitch
        ink = cv2.resize(ink, (max(1, round(ink.shape[1] * factor)), max(1, round(ink.shape[0] * factor))),
                         interpolation=cv2.INTER_AREA)
        centres, pitch = [centre * factor for centre in centres], GLYPH_PITCH_PX
    # Many cells skipped: not an MRZ line (or not legible at this size); reading them one by one from
    # their glyphs would only cost time.
    skipped = sum(1 for k, filler in enumerate(fillers) if not filler and k not in read)
    known = [(centres[k], char) for k, char in read.items() if not mrz_glyphs.look_alikes(char)]
    blur = mrz_glyphs.line_blur(ink, pitch, known)
    # Its proportions are measured on every character whose height is known for sure: those no other glyph
    # resembles, and, whatever Tesseract read there, a digit where only a digit goes and a letter where only a letter
    # goes (OCR-B's digits share one height, its capitals another).
    sure = [(centres[k], char) for k, char in read.items() if not fillers[k] and (
        not mrz_glyphs.look_alikes(char) or (alphabets[k] == "d" and char.isdigit())
        or (alphabets[k] in "lc" and char.isalpha()))]
    # A small print's strokes are redrawn by its enlargement (_crisp), and its heights measure 5-10% off either way:
    # it is not rescaled (its number is only taken where Tesseract and the glyphs agree anyway), though its cells'
    # heights beside one another still tell a digit from a capital.
    heights = mrz_glyphs.heights(ink, pitch, sure, blur)
    measured = mrz_glyphs.line_stretch(heights)
    stretch = measured or zone_stretch or 1.0
    if not small and abs(stretch - 1) > STRETCH_TOLERANCE:  # the glyphs are drawn at OCR-B proportions: so is the line
        ink = cv2.resize(ink, (ink.shape[1], max(1, round(ink.shape[0] / stretch))), interpolation=cv2.INTER_AREA)
        stretch = 1.0
        heights = mrz_glyphs.heights(ink, pitch, sure, blur)  # measured again on the line as it now is
    # Along the line, for telling a digit from a capital by its height (see _taller_or_shorter).
    along = mrz_glyphs.stretch_along(heights, pitch) or (stretch, 0.0)
    chars: list[str] = []
    doubts: dict[int, str] = {}
    for k, filler in enumerate(fillers):
        allowed = _ALPHABETS[alphabets[k]]
        char = "<" if filler else read.get(k, "")
        if filler and alphabets[k] != "d" and _next_to_a_letter(fillers, k):
            # A filler told by its shape at a word's edge may be a small C (P<CAN read P<<AN): compared
            # with the glyphs, a letter must fit clearly better than the chevron to replace it.
            char = _verified(ink, centres[k], pitch, "<", "<" + allowed.replace("0123456789", ""), blur,
                             UNREAD_MARGIN)
        if not char:
            # A narrow letter (I, L) alone between fillers is sometimes skipped by Tesseract in a line, and so is
            # a filler whose shape was not told (a small print), where a filler may go.
            candidates = allowed if alphabets[k] == "d" else allowed + "<"
            scores = mrz_glyphs.ranked(ink, centres[k], pitch, candidates, range(blur, blur + 1)) \
                if skipped <= MAX_SKIPPED else []
            char = scores[0][1] if len(scores) > 1 and scores[0][0] - scores[1][0] >= UNREAD_MARGIN else "?"
        elif not filler and char not in allowed and alphabets[k] in "dps":
            # A character the place cannot hold (S read for the 3 of a small print, R for a passport's P, N for
            # the M of the sex): the one it may hold whose glyph fits best; check digits still have the last word.
            best = mrz_glyphs.closest(ink, centres[k], pitch, allowed, blur)
            char = best[0] if best else char
        elif not filler and alphabets[k] != "d" and char in _FILLER_LOOKALIKES and _filler_after_all(
                ink, centres[k], pitch, char, blur):
            # A filler whose shape was not told (a soft, small print): Tesseract's K, C or X is a letter no check
            # digit sees (K and U weigh 0 modulo 10), so the glyphs decide, and only clearly.
            char = "<"
        elif not filler and alphabets[k] != "d":
            candidates = "".join(other for other in mrz_glyphs.look_alikes(char) if other in allowed)
            best = mrz_glyphs.closest(ink, centres[k], pitch, candidates, blur)
            # Where only letters go (names: no check digit looks), a glyph overrules Tesseract only clearly.
            if best and best[1] >= (LETTER_OVERRULE_MARGIN if alphabets[k] in "lc" else OVERRULE_MARGIN) and not (
                    alphabets[k] == "a" and check_digit(best[0]) != check_digit(char)
                    and not _recognised(ink, centres[k], pitch, best[0], allowed, blur)):
                # In a document number, a look-alike the check digits tell from Tesseract's (Z and 2, not G and 6)
                # replaces it only when its glyph fits the cell best of all it may hold; else Tesseract's reading
                # stands and the check digits judge it (a card photographed on a table: its Z fitted the 2's glyph
                # better than the Z's, and the 4's and 7's better than either).
                char = best[0]
            if alphabets[k] in "lc" and char in allowed:
                char = _verified(ink, centres[k], pitch, char, allowed, blur)
        if small and not filler and alphabets[k] == "a" and char in allowed:
            # Only one check digit guards a document number (the composite weighs its characters alike), and a
            # small print's misreads are alike at every size (SJ471805 read JJ471B05, valid): Tesseract and the
            # glyphs must agree on each of its characters, or it is left unread.
            scores = mrz_glyphs.ranked(ink, centres[k], pitch, allowed, range(blur, blur + 1))
            char = char if scores and scores[0][1] == char else "?"
        if not filler and alphabets[k] == "a" and char in allowed:
            char, doubts[k] = _number_character(ink, centres[k], pitch, read.get(k, ""), char, allowed, blur)
            taller, ruled_out = _taller_or_shorter(ink, centres[k], pitch, char, allowed, blur,
                                                   along[0] + along[1] * centres[k])
            doubts[k] = "".join(other for other in doubts[k] if other not in ruled_out) + taller
        chars.append(char)
    _unsure_unread(chars, doubts)
    _known_countries(ink, centres, pitch, chars, alphabets, blur)
    return "".join(chars), measured


def _number_character(ink: Any, centre: float, pitch: float, tesseract: str, char: str, allowed: str,
                      blur: int) -> tuple[str, str]:
    """A character of a field that may hold letters and digits (the document number), as the glyphs confirm it,
    and the characters left in doubt beside it ("" when none).

    One check digit guards a document number (the composite weighs its characters as the number's own does), and
    it cannot tell a 9 from a T (9 and 29 weigh alike), nor two slips that cancel out: a character is taken as
    read only where Tesseract and the glyphs agree, or where the glyphs clearly prefer it to every other
    character; else the characters whose glyphs fit as well are in doubt (see _unsure_unread)."""
    if char == tesseract:
        # Most cells: Tesseract's reading fits its glyph well, so the cell holds it or one of its glyph's neighbours
        # (no other character's print fits it as well); when it fits clearly better than each of them, and than
        # those the check digit cannot tell from it, ranking all 36 glyphs would settle the same (and that was most
        # of the reading's glyph work).
        few = mrz_glyphs.ranked(ink, centre, pitch, char + _number_rivals(char, allowed), range(blur, blur + 1))
        if few and few[0][1] == char and few[0][0] >= GOOD_FIT and few[0][0] - few[1][0] >= NUMBER_MARGIN:
            return char, ""
    # At the line's blur only: as exact on the generated set as at the blurs beside it too, in a third of the time.
    scores = mrz_glyphs.ranked(ink, centre, pitch, allowed, range(blur, blur + 1))
    if not scores:
        return char, allowed
    best, second = scores[0], scores[1] if len(scores) > 1 else (-1.0, "")
    clear = best[0] - second[0] >= NUMBER_MARGIN
    if best[1] == char and (char == tesseract or clear):
        return char, ""
    if clear:  # the glyph's clear first choice, over Tesseract's (a 9 read as T: no check digit sees it)
        return best[1], ""
    return char, "".join(other for score, other in scores if score >= best[0] - NUMBER_MARGIN and other != char)


def _taller_or_shorter(ink: Any, centre: float, pitch: float, char: str, allowed: str, blur: int,
                       stretch: float) -> tuple[str, str]:
    """The look-alikes of a document number's `char` that its height beside the line's there (`stretch`, as
    stretch_along fits it) fits clearly better: OCR-B's digits stand 7-11% taller than the capitals they
    look like (0 and O, 8 and B, 2 and Z, 1 and I). The glyphs weigh shape and height together, and a line only
    5% taller than OCR-B's (a photo at an angle) made the O fit the 0's glyph better than its own: every O of
    OO1234567 was read 0, and the slips cancelled out in the check digit. A cell's height beside its own line's
    does not depend on the photo's proportions. With them, the look-alikes its height rules out as clearly (a
    glyph's doubt between O and 0 that the height settles)."""
    own = mrz_glyphs.height_ratio(ink, centre, pitch, char, blur)
    if own is None:
        return "", ""
    taller = ruled_out = ""
    for other in mrz_glyphs.look_alikes(char):
        drawn = mrz_glyphs.height_ratio(ink, centre, pitch, other, blur) if other in allowed else None
        if drawn is None or other.isdigit() == char.isdigit() or abs(drawn / own - 1) < HEIGHT_TOLD:
            continue
        if abs(drawn / stretch - 1) + HEIGHT_CLEAR < abs(own / stretch - 1):
            taller += other
        elif abs(own / stretch - 1) + HEIGHT_CLEAR < abs(drawn / stretch - 1):
            ruled_out += other
    return taller, ruled_out


@cache
def _number_rivals(char: str, allowed: str) -> str:
    """The characters of `allowed` a document number's `char` may have been read for: its glyph's neighbours, its
    look-alikes, and those of the same weight that the check digit would not tell from it (T for 9: 29 and 9)."""
    return "".join(other for other in allowed if other != char and (
        other in mrz_glyphs.NEIGHBOURS.get(char, "") or other in mrz_glyphs.look_alikes(char)
        or check_digit(other) == check_digit(char)))


def _unsure_unread(chars: list[str], doubts: dict[int, str]) -> None:
    """The characters of the line's number left unread ("?") where its check digit could not tell what was read
    from what was printed: more than one in doubt (two slips may cancel out), or one whose rivals in doubt weigh
    the same in the check digit."""
    unsure = [k for k, rivals in doubts.items() if rivals]
    if len(unsure) > 1 or any(check_digit(other) == check_digit(chars[k]) for k in unsure for other in doubts[k]):
        for k in unsure:
            chars[k] = "?"


def _known_countries(ink: Any, centres: list[float], pitch: float, chars: list[str], alphabets: str,
                     blur: int) -> None:
    """Each country code of the line (issuing state, nationality) that is no code (OHN, INO: no check digit
    covers them) replaced by the known code its glyphs fit best, when clearly best; else left as read."""
    for match in re.finditer("c+", alphabets):
        cells = range(match.start(), match.end())
        if mrz_countries.is_code("".join(chars[k] for k in cells)):
            continue
        fits = []
        for k in cells:
            scores = mrz_glyphs.ranked(ink, centres[k], pitch, _ALPHABETS["c"] + "<", range(blur, blur + 1))
            if not scores:
                return
            fits.append({char: score for score, char in scores})
        ranked = sorted(((sum(fit[char] for fit, char in zip(fits, code.ljust(len(cells), "<"), strict=True)), code)
                         for code in mrz_countries.CODES), reverse=True)
        if ranked[0][0] - ranked[1][0] >= COUNTRY_MARGIN:
            for k, char in zip(cells, ranked[0][1].ljust(len(cells), "<"), strict=True):
                chars[k] = char


def _recognised(ink: Any, centre: float, pitch: float, char: str, allowed: str, blur: int) -> bool:
    """Whether `char`'s glyph fits the cell best of every character of `allowed` (at the blurs `closest` tries)."""
    scores = mrz_glyphs.ranked(ink, centre, pitch, allowed, range(max(0, blur - 1), min(len(mrz_glyphs.BLURS),
                                                                                         blur + 2)))
    return bool(scores) and scores[0][1] == char


def _filler_after_all(ink: Any, centre: float, pitch: float, char: str, blur: int) -> bool:
    """Whether the cell Tesseract read as `char` (a letter OCR makes of a filler) is the `<` chevron's glyph."""
    best = mrz_glyphs.closest(ink, centre, pitch, "<" + char, blur)
    return bool(best and best[0] == "<" and best[1] >= UNREAD_MARGIN)


def _next_to_a_letter(fillers: list[bool], k: int) -> bool:
    return (k > 0 and not fillers[k - 1]) or (k + 1 < len(fillers) and not fillers[k + 1])


def _verified(ink: Any, centre: float, pitch: float, char: str, allowed: str, blur: int,
              margin: float = 0.1) -> str:
    """`char` as read where no check digit looks (names, countries, the filler told by its shape), unless
    its glyph fits the cell poorly and another of `allowed` fits it better by `margin` (a short name
    alone on its line: LI read as NE; a small C taken for a filler: P<CAN read as P<<AN)."""
    own = mrz_glyphs.ranked(ink, centre, pitch, char, range(blur, blur + 1))
    if not own or own[0][0] >= GOOD_FIT:
        return char
    scores = mrz_glyphs.ranked(ink, centre, pitch, allowed, range(blur, blur + 1))
    return scores[0][1] if scores and scores[0][0] - own[0][0] >= margin else char


MRZ_LETTERS_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"


# One line of a zone hypothesis: its grey strip, character cells, which cells are fillers, and what
# each cell may hold (as _line_alphabets says).
_LineCells = tuple[Any, list[tuple[int, int]], list[bool], str]


def _band_readings(crop: Any, enlarged: float = 1.0) -> Iterator[list[str]]:
    """Readings of a straightened band: first once for each plausible layout (line count and width,
    the closest to the glyphs counted first), then again at other sizes for those that fail. `enlarged`:
    how many times the image the band was cut from was enlarged (a small image: see _crisp)."""
    import cv2

    flat = _flattened(crop)
    threshold, ink = cv2.threshold(flat, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    if enlarged > 1:
        flat, ink = _crisp(flat, threshold)
    rows = _text_rows(ink)
    shapes: list[tuple[float, int, int, list[tuple[Any, Any, list[tuple[int, int]]]]]] = []
    for count, width in LAYOUT_SHAPES:
        if len(rows) < count:
            continue
        strips, misfit = [], 0.0
        for top, bottom in rows[-count:]:
            pad = max(1, (bottom - top) // 8)
            strip_ink = ink[max(0, top - pad):bottom + pad]
            glyphs = _glyphs(strip_ink)
            cells = _cells(glyphs, width)
            if cells is None:
                break
            misfit += abs(len(glyphs) - width) / width
            strips.append((strip_ink, flat[max(0, top - pad):bottom + pad], cells))
        # Characters printed smaller than MIN_PITCH px are not read: OCR-B's 0/D/O and 8/B/3 are no longer told
        # apart there, and a reading of guesses may pass a check digit by chance (one in ten).
        if len(strips) == count and _pitch(strips[0][2]) / enlarged >= MIN_PITCH:
            shapes.append((misfit / count, count, width, strips))
    shapes.sort(key=lambda shape: shape[0])
    # Tesseract's confusions (O/0, S/5, G/6) depend on the scale: a reading that fails its check digits
    # is tried again at other sizes, then character by character by majority. Fillers are told only
    # for the shapes actually read (the closest one is nearly always right).
    hypotheses: dict[int, list[_LineCells] | None] = {}
    passes: list[list[list[str]]] = [[] for _ in shapes]
    for size in LINE_HEIGHTS:
        for index, (_misfit, count, width, strips) in enumerate(shapes):
            if index not in hypotheses:
                found = [(gray, cells, _fillers(strip_ink, cells), _line_alphabets(count, width, line))
                         for line, (strip_ink, gray, cells) in enumerate(strips)]
                # Every MRZ has fillers, and an upside-down `<` is no filler: without one this is not an
                # MRZ (or not this way up), and the slow part, OCR, is spared.
                hypotheses[index] = found if any(any(fillers) for _g, _c, fillers, _a in found) else None
            lines = hypotheses[index]
            if lines is None:
                continue
            reading = _read_zone(lines, size, enlarged > 1)
            if enlarged > 1 and reading not in passes[index]:
                # A small print is only taken as read when two sizes read it alike: at a pitch of 5 px a reading
                # of guesses can pass a check digit (one in ten), and two guesses seldom agree.
                passes[index].append(reading)
                continue
            passes[index].append(reading)
            yield reading
    if enlarged > 1:
        return
    for readings in passes:
        if readings:
            yield [_vote(versions) for versions in zip(*readings, strict=True)]


def _read_zone(lines: list[_LineCells], size: int, small: bool) -> list[str]:
    """The zone's lines read (as _read_line reads one), the line with the most digit-only places first (the dates):
    a line too short of characters whose height is known for sure (a card's first line: its number, its country)
    takes that line's proportions."""
    order = sorted(range(len(lines)), key=lambda line: -lines[line][3].count("d"))
    reading: dict[int, str] = {}
    zone_stretch = None
    for line in order:
        gray, cells, fillers, alphabets = lines[line]
        reading[line], measured = _read_line(gray, cells, fillers, alphabets, size, small, zone_stretch)
        zone_stretch = zone_stretch or measured
    return [reading[line] for line in range(len(lines))]


def _pitch(cells: list[tuple[int, int]]) -> float:
    """The character pitch (px) of a line cut into `cells`."""
    return (cells[-1][1] - cells[0][0]) / len(cells)


def _crisp(flat: Any, otsu: float) -> tuple[Any, Any]:
    """(grey, binary ink) of a band enlarged from a small image. Enlarging spreads each stroke into a soft rim:
    Otsu's threshold, between paper and that rim, fills the chevrons in (no filler is told) and fattens the
    letters; a darker one keeps the strokes' cores. The grey then given to Tesseract and to the glyphs is that
    ink softened a little (its edges are not jagged), where the blurred grey had L read as C and E as B."""
    import cv2
    import numpy as np

    darkest = float(np.percentile(flat, 5))
    _t, ink = cv2.threshold(flat, otsu - CORE_THRESHOLD * (otsu - darkest), 255, cv2.THRESH_BINARY_INV)
    return cv2.GaussianBlur(255 - ink, (0, 0), CRISP_SIGMA), ink


def _vote(versions: tuple[str, ...]) -> str:
    """Each character as most readings of the line have it (the first reading breaks ties)."""
    from collections import Counter

    return "".join(Counter(chars).most_common(1)[0][0] if Counter(chars).most_common(1)[0][1] > 1 else chars[0]
                   for chars in zip(*versions, strict=True))


def _read_image(image: Image.Image, zones: list[dict[str, Any]] | None = None) -> tuple[dict[str, Any] | None, bool]:
    """(best reading, whether any MRZ-like bar was seen) of one page image. With `zones`, every bar is read
    rather than stopping at the first valid zone, and each bar's valid zone is added to it."""
    import cv2
    import numpy as np

    gray = np.asarray(image if image.mode == "L" else image.convert("L"))  # a scan's page is decoded to grey
    budget = MAX_READINGS
    height, width = gray.shape
    # A small image (a card photographed from afar, a thumbnail): enlarged so that its zone has the pixels the
    # zone finding, the cutting into cells and the filler shapes need; Tesseract and the glyphs read it as any.
    enlarged = ENLARGED_LONG_SIDE / max(width, height) if max(width, height) < SMALL_LONG_SIDE else 1.0
    if enlarged > 1:
        width, height = round(width * enlarged), round(height * enlarged)
        gray = cv2.resize(gray, (width, height), interpolation=cv2.INTER_CUBIC)
    scale = max(1.0, max(width, height) / FIND_LONG_SIDE)
    small = _shrunk(gray, (round(width / scale), round(height / scale)))
    invalid: list[dict[str, Any]] = []
    for turn in (0, 90):
        if turn and zones:  # the upright look found zones: the page is not sideways
            break
        if turn:  # the page turned only when the upright look found nothing (a booklet scanned sideways)
            gray, small = cv2.rotate(gray, cv2.ROTATE_90_CLOCKWISE), cv2.rotate(small, cv2.ROTATE_90_CLOCKWISE)
        for bar in _bars(small, zones):
            crop = _crop(gray, bar, scale)
            for lines in _bar_readings(crop, enlarged):
                budget -= 1
                if budget < 0:  # a page full of MRZ-like print: give up rather than crawl
                    return (zones[0], True) if zones else _last_resort(invalid)
                result = read_lines(lines)
                if result is None:
                    continue
                if result["check_digits_valid"]:
                    if zones is None:
                        return result, True
                    zones.append(result)
                    break  # this bar is read: on to the next
                invalid.append(result)
    return (zones[0], True) if zones else _last_resort(invalid)


def _bar_readings(crop: Any, enlarged: float = 1.0) -> Iterator[list[str]]:
    """The band's readings as cut, then turned half a turn (a page upside down); `enlarged` as _band_readings."""
    import cv2

    yield from _band_readings(crop, enlarged)
    yield from _band_readings(cv2.rotate(crop, cv2.ROTATE_180), enlarged)


def _last_resort(invalid: list[dict[str, Any]]) -> tuple[dict[str, Any] | None, bool]:
    """When no reading was valid: the first reading (invalid), else nothing."""
    best = invalid[0] if invalid else None
    return best, best is not None


def _shrunk(gray: Any, size: tuple[int, int]) -> Any:
    """`gray` brought down to `size`: halved by Gaussian pyramid steps while that keeps it about as large (the
    cheapest shrink that averages, not skips, pixels), then the rest, a factor under 2, by bilinear
    interpolation. A 200 DPI page in a seventh of the time of one area resize (INTER_AREA is slow at
    fractional factors, and at 2 when a side is odd), for the same zones found."""
    import cv2

    while gray.shape[1] / 2 >= size[0] * 0.95 and gray.shape[0] / 2 >= size[1] * 0.95:
        gray = cv2.pyrDown(gray)
    return cv2.resize(gray, size, interpolation=cv2.INTER_LINEAR)


def read_mrz(images: Iterable[Image.Image]) -> dict[str, Any] | None:
    """The MRZ of the first page image that has a valid one; else the best invalid read; else None."""
    best = None
    for image in images:
        result, _seen = _read_image(image)
        if result is not None and result["check_digits_valid"]:
            return result
        best = best or result
    return best


def read_mrzs(images: Iterable[Image.Image]) -> list[dict[str, Any]]:
    """Every valid machine-readable zone on the page images, each document once, in page order (a passport and a
    visa page, two cards photographed together); without any valid one, the best invalid read alone; [] when
    none. The first is the zone read_mrz gives. Every page is looked at: unlike read_mrz, this does not stop at
    the first valid zone."""
    zones: list[dict[str, Any]] = []
    best = None
    for image in images:
        found: list[dict[str, Any]] = []
        result, _seen = _read_image(image, found)
        zones.extend(zone for zone in found if all(_document(zone) != _document(other) for other in zones))
        best = best or result
    return zones or ([best] if best is not None else [])


def _document(zone: dict[str, Any]) -> tuple[Any, ...]:
    """What tells one document's zone from another's: the fields its check digits protect (a name misread in
    one reading of the same zone does not make it another document)."""
    return tuple(zone.get(key) for key in ("type", "issuing_country", "number", "birth_date", "expiry_date",
                                           "nationality"))
