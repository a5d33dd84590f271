"""Passport bio-data pages, ID cards and visas with a valid MRZ in OCR-B, and the damage real scans have.

The MRZ text is laid out as ICAO 9303 parts 4-7 say, with check digits computed apart from the
reader's own, so every check digit is right by construction; the page is drawn at a chosen DPI in the
OCR-B font (Debian's fonts-ocr-b), then damaged as scanners and phones damage it: low resolution,
blur, skew, JPEG artefacts, uneven light, a photo of the page lying on a table, the booklet turned
90/180/270 degrees.
Everything is deterministic for a given seed.
"""

from __future__ import annotations

import io
import random
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont, ImageOps

OCRB_PATHS = (Path("/usr/share/fonts/opentype/ocr-b/OCRB.otf"), Path("/usr/share/fonts/truetype/ocr-b/OCRB.ttf"))
LABEL_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")

# Document sizes in millimetres (ICAO 9303 parts 4-7) and MRZ lines x characters.
LAYOUTS = {
    "TD3": ((125.0, 88.0), 2, 44),
    "TD2": ((105.0, 74.0), 2, 36),
    "TD1": ((85.6, 54.0), 3, 30),
    "MRVA": ((120.0, 80.0), 2, 44),
    "MRVB": ((105.0, 74.0), 2, 36),
}
MRZ_PITCH_MM = 2.54  # ten characters per inch


def ocrb_font_path() -> Path | None:
    return next((path for path in OCRB_PATHS if path.exists()), None)


@dataclass(frozen=True)
class Holder:
    """What the MRZ says, as a person would write it (accents allowed: the generator transliterates)."""

    surname: str = "Doe"
    given_names: str = "Jane Marie"
    number: str = "AB1234567"
    country: str = "CAN"
    nationality: str = "CAN"
    birth_date: str = "900115"  # YYMMDD
    sex: str = "F"
    expiry_date: str = "320310"
    layout: str = "TD3"


# ICAO 9303 part 3 transliterations that are not simply "drop the accent".
_ICAO_LETTERS = str.maketrans({"Ä": "AE", "Ö": "OE", "Ü": "UE", "Ø": "OE", "Æ": "AE", "ß": "SS", "Œ": "OE",
                               "Þ": "TH", "Ð": "D", "Ł": "L", "Đ": "D", "'": "", "-": " ", "’": ""})


def icao_name(name: str) -> str:
    """A name as an MRZ writes it: upper case A-Z, accents transliterated, separators as spaces."""
    import unicodedata

    folded = unicodedata.normalize("NFKD", name.upper().translate(_ICAO_LETTERS))
    ascii_only = "".join(char for char in folded if "A" <= char <= "Z" or char == " ")
    return " ".join(ascii_only.split())


def _fitted(surname: str, given_names: str, width: int) -> tuple[str, str]:
    """Surname and given names cut (given names first) to fit the MRZ name field, as ICAO truncates."""
    surname, given_names = icao_name(surname), icao_name(given_names)
    surname = surname[:width - 3] if given_names else surname[:width - 2]
    room = width - len(surname) - 2
    return surname, given_names[:max(0, room)].rstrip()


def icao_check_digit(field: str) -> str:
    """ICAO 9303 Part 3 section 4.9, written apart from the reader's so that the two check each other:
    base-36 value of each character (`<` is 0), weights 7-3-1, sum modulo 10."""
    return str(sum(int(char.replace("<", "0"), 36) * (7, 3, 1)[index % 3] for index, char in enumerate(field)) % 10)


def _names_field(surname: str, given_names: str, width: int) -> str:
    field = surname.replace(" ", "<") + "<<" + given_names.replace(" ", "<")
    return field[:width].ljust(width, "<")


def mrz_lines(holder: Holder) -> list[str]:
    """The MRZ lines for `holder` as ICAO 9303 parts 4-7 lay them out, every check digit right."""
    width = {"TD3": 44, "MRVA": 44, "TD2": 36, "MRVB": 36, "TD1": 30}[holder.layout]
    cd = icao_check_digit
    number = holder.number.ljust(9, "<")
    # ICAO 9303 writes an unspecified sex (X on the page) as a filler in the MRZ.
    birth, sex, expiry = holder.birth_date, holder.sex.replace("X", "<"), holder.expiry_date
    if holder.layout == "TD1":
        surname, given_names = _fitted(holder.surname, holder.given_names, 30)
        first = f"I<{holder.country}{number}{cd(number)}".ljust(30, "<")
        second = f"{birth}{cd(birth)}{sex}{expiry}{cd(expiry)}{holder.nationality}".ljust(29, "<")
        second += cd(first[5:30] + second[0:7] + second[8:15] + second[18:29])
        return [first, second, _names_field(surname, given_names, 30)]
    surname, given_names = _fitted(holder.surname, holder.given_names, width - 5)
    first = ("P<" if holder.layout == "TD3" else "I<" if holder.layout == "TD2" else "V<") + holder.country
    first += _names_field(surname, given_names, width - 5)
    second = f"{number}{cd(number)}{holder.nationality}{birth}{cd(birth)}{sex}{expiry}{cd(expiry)}"
    if holder.layout == "TD3":
        optional = "<" * 14
        second += optional + cd(optional)
    elif holder.layout == "TD2":
        second += "<" * 7
    if holder.layout in ("TD3", "TD2"):  # the composite check digit: visas have none
        second += cd(second[0:10] + second[13:20] + second[21:])
    return [first, second.ljust(width, "<")]


def printed_fields(holder: Holder) -> dict[str, str]:
    """What a reader must find in `holder`'s MRZ, worked out from the holder, not by parsing the MRZ:
    names as the MRZ spells and truncates them, dates as YYYY-MM-DD, an unspecified sex as X."""
    width = {"TD3": 39, "MRVA": 39, "TD2": 31, "MRVB": 31, "TD1": 30}[holder.layout]
    surname, given_names = _fitted(holder.surname, holder.given_names, width)

    def iso(yymmdd: str, century: int) -> str:
        return f"{century + int(yymmdd[:2])}-{yymmdd[2:4]}-{yymmdd[4:]}"

    return {"type": {"TD3": "P", "TD2": "I", "TD1": "I"}.get(holder.layout, "V"),
            "issuing_country": holder.country, "surname": " ".join(surname.split()),
            "given_names": " ".join(given_names.split()),
            "number": holder.number, "nationality": holder.nationality,
            "birth_date": iso(holder.birth_date, 1900 if int(holder.birth_date[:2]) >= 30 else 2000),
            "sex": holder.sex.replace("<", "X"), "expiry_date": iso(holder.expiry_date, 2000)}


def _font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path), size)


def _ocrb_at_pitch(pitch_px: float) -> ImageFont.FreeTypeFont:
    """OCR-B at the size whose characters advance by `pitch_px` (the MRZ's fixed 2.54 mm)."""
    path = ocrb_font_path()
    if path is None:
        raise RuntimeError("the OCR-B font is missing: apt-get install fonts-ocr-b")
    probe = _font(path, 100)
    advance = probe.getlength("<" * 10) / 10
    return _font(path, max(4, round(100 * pitch_px / advance)))


def ocrb_glyph_sheet() -> Image.Image:
    """The reader's OCR-B glyph sheet (permit_check/files/inspectors/ocrb_glyphs.png), drawn from the font:
    every glyph at the same size and on the same baseline, one tile each. To draw it again:
    .venv/bin/python -c "from tests.passports import ocrb_glyph_sheet as s; s().save('PATH', optimize=True)"."""
    from permit_check.files.inspectors import mrz_glyphs

    font = _ocrb_at_pitch(mrz_glyphs.TILE_ADVANCE)
    width, height = mrz_glyphs.TILE_WIDTH, mrz_glyphs.TILE_HEIGHT
    sheet = Image.new("L", (width * len(mrz_glyphs.GLYPH_ORDER), height), 255)
    draw = ImageDraw.Draw(sheet)
    for index, char in enumerate(mrz_glyphs.GLYPH_ORDER):
        draw.text((index * width + (width - mrz_glyphs.TILE_ADVANCE) // 2, height * 0.85), char, font=font,
                  fill=0, anchor="ls")
    return sheet


def document_page(holder: Holder, *, dpi: int = 300, seed: int = 0, with_mrz: bool = True,
                  lines: list[str] | None = None) -> Image.Image:
    """The bio-data page (or card, or visa) alone, at `dpi`: labels, a photo, the MRZ at the bottom
    (`lines` in place of the holder's own, to print a damaged or forged one)."""
    rng = random.Random(seed)
    (width_mm, height_mm), _count, _chars = LAYOUTS[holder.layout]
    px = dpi / 25.4
    width, height = round(width_mm * px), round(height_mm * px)
    tint = (rng.randint(225, 245), rng.randint(225, 240), rng.randint(210, 235))
    page = Image.new("RGB", (width, height), tint)
    draw = ImageDraw.Draw(page)
    # A faint guilloche: wavy security print behind the data, which the MRZ reader must ignore.
    for offset in range(0, height, max(3, round(4 * px))):
        colour = (tint[0] - 25, tint[1] - 15, tint[2] - 5)
        zigzag = max(1, round(9 * px))
        points = [(x, offset + 6 * px * ((x // zigzag) % 2)) for x in range(0, width, max(1, round(3 * px)))]
        draw.line(points, fill=colour, width=1)
    label = _font(LABEL_FONT, max(6, round(1.6 * px)))
    value = _font(LABEL_FONT, max(7, round(2.6 * px)))
    title = "PASSPORT / PASSEPORT" if holder.layout == "TD3" else (
        "VISA" if holder.layout.startswith("MRV") else "IDENTITY CARD / CARTE D'IDENTITÉ")
    draw.text((round(6 * px), round(3 * px)), title, font=value, fill=(30, 40, 90))
    photo = (round(5 * px), round(11 * px), round(5 * px + width_mm * 0.26 * px), round(height_mm * 0.62 * px))
    draw.rectangle(photo, fill=(150 + rng.randint(-20, 20), 140, 130))
    draw.ellipse((photo[0] + (photo[2] - photo[0]) * 0.2, photo[1] + (photo[3] - photo[1]) * 0.12,
                  photo[2] - (photo[2] - photo[0]) * 0.2, photo[1] + (photo[3] - photo[1]) * 0.7), fill=(95, 80, 70))
    x0 = photo[2] + round(5 * px)
    rows = [("Surname / Nom", holder.surname.upper()), ("Given names / Prénoms", holder.given_names.upper()),
            ("Nationality / Nationalité", holder.nationality), ("Date of birth / Date de naissance",
                                                                 _printed_date(holder.birth_date)),
            ("Sex / Sexe", holder.sex), ("Date of expiry / Date d'expiration", _printed_date(holder.expiry_date)),
            ("Passport No. / N° de passeport", holder.number)]
    y = round(11 * px)
    step = round((height_mm * 0.62 - 11) / len(rows) * px)
    for caption, text in rows:
        draw.text((x0, y), caption, font=label, fill=(60, 60, 90))
        draw.text((x0, y + round(1.9 * px)), text, font=value, fill=(15, 15, 20))
        y += step
    if with_mrz:
        lines = lines or mrz_lines(holder)
        font = _ocrb_at_pitch(MRZ_PITCH_MM * px)
        line_gap = round(4.4 * px) if holder.layout != "TD1" else round(4.0 * px)
        top = height - round(3 * px) - line_gap * len(lines)
        for index, line in enumerate(lines):
            draw.text((round((width_mm - len(line) * MRZ_PITCH_MM) / 2 * px), top + index * line_gap), line,
                      font=font, fill=(12, 12, 12))
    return page


def _printed_date(yymmdd: str) -> str:
    months = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
    return f"{yymmdd[4:6]} {months[int(yymmdd[2:4]) - 1]} {yymmdd[0:2]}"


# --------------------------------------------------------------------------- damage


def on_scanner_bed(page: Image.Image, *, dpi: int, seed: int) -> Image.Image:
    """The page on a white A4 scan, placed off-centre, as a flatbed scanner sees a passport."""
    rng = random.Random(seed)
    width, height = round(210 / 25.4 * dpi), round(297 / 25.4 * dpi)
    sheet = Image.new("RGB", (width, height), (246, 246, 244))
    x = rng.randint(0, max(0, width - page.width))
    y = rng.randint(0, max(0, height // 2 - page.height // 2))
    sheet.paste(page, (x, y))
    return sheet


def together_on_scanner_bed(pages: list[Image.Image], *, dpi: int, seed: int) -> Image.Image:
    """Several documents scanned at once, one under the other on a white A4 scan (a passport and a visa page,
    two people's passports laid on the glass together)."""
    rng = random.Random(seed)
    width, height = round(210 / 25.4 * dpi), round(297 / 25.4 * dpi)
    sheet = Image.new("RGB", (width, height), (246, 246, 244))
    y = rng.randint(round(0.2 * dpi), round(0.6 * dpi))
    for page in pages:
        sheet.paste(page, (rng.randint(0, max(0, width - page.width)), y))
        y += page.height + rng.randint(round(0.3 * dpi), round(0.8 * dpi))
    return sheet


def blurred(image: Image.Image, radius: float) -> Image.Image:
    return image.filter(ImageFilter.GaussianBlur(radius))


def rotated(image: Image.Image, degrees: float, background: tuple[int, int, int] = (246, 246, 244)) -> Image.Image:
    if degrees in (90, 180, 270):
        return image.transpose({90: Image.Transpose.ROTATE_90, 180: Image.Transpose.ROTATE_180,
                                270: Image.Transpose.ROTATE_270}[int(degrees)])
    return image.rotate(degrees, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=background)


def uneven_light(image: Image.Image, *, seed: int, strength: float = 0.55) -> Image.Image:
    """A lamp on one side: brightness falls from one corner to the other (and a soft glare spot)."""
    rng = random.Random(seed)
    gradient = Image.linear_gradient("L").resize(image.size)
    if rng.random() < 0.5:
        gradient = gradient.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    gradient = gradient.rotate(rng.choice((0, 90, 180, 270)))
    low = round(255 * (1 - strength))
    shade = gradient.point(lambda level: low + (255 - low) * level // 255)
    return Image.composite(image, Image.new("RGB", image.size, (0, 0, 0)), shade)


def jpeg_round_trip(image: Image.Image, quality: int) -> Image.Image:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality)
    buffer.seek(0)
    with Image.open(buffer) as decoded:
        return decoded.convert("RGB")


def on_table(page: Image.Image, *, seed: int) -> Image.Image:
    """A phone photo of the page on a wooden table: perspective, a turned page, wood around it."""
    rng = random.Random(seed)
    width, height = round(page.width * 1.45), round(page.height * 1.6)
    table = Image.new("RGB", (width, height), (120, 84, 52))
    draw = ImageDraw.Draw(table)
    for y in range(0, height, 6):
        shade = rng.randint(-18, 18)
        draw.line([(0, y), (width, y + rng.randint(-8, 8))], fill=(120 + shade, 84 + shade, 52 + shade // 2), width=3)
    x0, y0 = (width - page.width) // 2, (height - page.height) // 2
    table.paste(page, (x0, y0))
    # Perspective: the far edge of the page looks narrower than the near one.
    squeeze = page.width * rng.uniform(0.04, 0.09)
    tilt = rng.uniform(-3, 3)
    quad = (x0 - squeeze, y0, x0 - squeeze * 0.3, y0 + page.height, x0 + page.width + squeeze * 0.3,
            y0 + page.height, x0 + page.width + squeeze, y0)
    warped = table.transform(table.size, Image.Transform.QUAD, quad, resample=Image.Resampling.BICUBIC,
                             fillcolor=(110, 78, 48))
    return uneven_light(rotated(warped, tilt, (110, 78, 48)), seed=seed, strength=0.35)


def downscaled(image: Image.Image, factor: float) -> Image.Image:
    return image.resize((max(1, round(image.width * factor)), max(1, round(image.height * factor))),
                        Image.Resampling.LANCZOS)


# --------------------------------------------------------------------------- the varied set

SURNAMES = ["Doe", "Nguyễn", "O'Brien", "García Márquez", "Müller-Lüdenscheidt", "Øster", "Li",
            "Van der Berg", "Abdulrahman Al-Hashimi Bin Khalid Al-Maktoum", "Zoë", "Ferreira", "Kowalczyk",
            "Ng", "Dubois", "Çelik", "Şahin", "Björk", "Eriksson", "Kim", "Ramírez", "Okonkwo", "Mbappé"]
GIVEN = ["Jane Marie", "Élise", "Seán Patrick", "José Luis", "", "Ana", "Wei", "Christopher Alexander Maximilian",
         "Zoë", "Kwame", "Anne-Sophie", "Ahmed", "Mỹ Linh", "Léa", "Ömer", "Ingrid", "Min-jun", "Ifeoma"]
# Names made of letters OCR confuses with a filler or with one another (E/F/L/K/C/X, I/T, F/R): no check
# digit protects a name, so the reader must get these right by itself.
LOOK_ALIKE_SURNAMES = ["Lee", "Ellis", "Fee", "Li", "Beck"]
LOOK_ALIKE_GIVEN = ["Lee", "Elle", "Effie Lee", "Felle", "Eliel", "Ellie", "Fei", "Alex", "Rex", "Beck", "Mary Lee",
                    "Jo Ellie"]
COUNTRIES = ["CAN", "FRA", "IND", "PHL", "NGA", "MEX", "CHN", "BRA", "GBR", "USA", "ESP", "VNM", "TUR", "KOR"]
LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ"


def varied_holder(seed: int, layout: str = "TD3", *, surnames: list[str] = SURNAMES,
                  given: list[str] = GIVEN) -> Holder:
    """A holder drawn by `seed`, with names drawn from `surnames` and `given`."""
    rng = random.Random(seed)
    number = "".join(rng.choice(LETTERS) for _ in range(rng.randint(1, 2)))
    number += "".join(rng.choice("0123456789") for _ in range(9 - len(number) - rng.randint(0, 1)))
    country = rng.choice(COUNTRIES)
    return Holder(surname=rng.choice(surnames), given_names=rng.choice(given), number=number, country=country,
                  nationality=country if rng.random() < 0.8 else rng.choice(COUNTRIES),
                  birth_date=f"{rng.randint(50, 99):02d}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}",
                  sex=rng.choice("MFX<" if layout == "TD3" else "MF"),
                  expiry_date=f"{rng.randint(27, 36):02d}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}",
                  layout=layout)


def _scan(dpi: int) -> Callable[[Holder, int], Image.Image]:
    def make(holder: Holder, seed: int) -> Image.Image:
        return on_scanner_bed(document_page(holder, dpi=dpi, seed=seed), dpi=dpi, seed=seed)
    return make


def _with(kind: Callable[[Image.Image, random.Random], Image.Image], dpi: int = 300,
          ) -> Callable[[Holder, int], Image.Image]:
    def make(holder: Holder, seed: int) -> Image.Image:
        return kind(document_page(holder, dpi=dpi, seed=seed), random.Random(seed))
    return make


TINY = "small (200-400 px wide)"
# Every damage kind of the benchmark: name -> how to make an image of `holder` with it.
DAMAGE: dict[str, Callable[[Holder, int], Image.Image]] = {
    "clean 300 dpi scan": _scan(300),
    "200 dpi scan": _scan(200),
    "150 dpi scan": _scan(150),
    "blur": _with(lambda page, rng: blurred(page, rng.uniform(1.0, 1.6)), 200),
    "skew ±5°": _with(lambda page, rng: rotated(page, rng.choice((-1, 1)) * rng.uniform(1.5, 5.0)), 200),
    "JPEG quality 40": _with(lambda page, rng: jpeg_round_trip(page, 40), 200),
    "uneven light": _with(lambda page, rng: uneven_light(page, seed=rng.randint(0, 999)), 200),
    "photo on a table": _with(lambda page, rng: on_table(page, seed=rng.randint(0, 999)), 220),
    "rotated 90°": _with(lambda page, rng: rotated(page, 90), 200),
    "rotated 180°": _with(lambda page, rng: rotated(page, 180), 200),
    "rotated 270°": _with(lambda page, rng: rotated(page, 270), 200),
    "small (600 px wide)": _with(lambda page, rng: downscaled(page, 600 / page.width), 300),
    # A web specimen, a thumbnail, a card photographed from afar: a character pitch of 4-12 px. Not every one is
    # legible (a passport page under 220 px wide is not read): the benchmark measures this kind, and the MRZ
    # unit tests read small pages at chosen sizes.
    TINY: _with(lambda page, rng: downscaled(page, rng.uniform(200, 400) / page.width), 300),
}


def cover_page(holder: Holder, *, dpi: int = 200, seed: int = 0) -> Image.Image:
    """The booklet's (or card's, or visa's) outside: a dark cover, a title and an emblem; no zone."""
    rng = random.Random(seed)
    (width_mm, height_mm), _count, _chars = LAYOUTS[holder.layout]
    px = dpi / 25.4
    width, height = round(width_mm * px), round(height_mm * px)
    page = Image.new("RGB", (width, height), rng.choice(((25, 35, 70), (90, 20, 30), (20, 60, 40), (30, 30, 30))))
    draw = ImageDraw.Draw(page)
    gold = (200, 170, 90)
    draw.text((width // 2, round(12 * px)), holder.country, font=_font(LABEL_FONT, round(4 * px)), fill=gold,
              anchor="mm")
    draw.ellipse((width // 2 - round(14 * px), height // 2 - round(14 * px), width // 2 + round(14 * px),
                  height // 2 + round(14 * px)), outline=gold, width=max(1, round(0.8 * px)))
    draw.text((width // 2, height - round(14 * px)), "PASSPORT / PASSEPORT", font=_font(LABEL_FONT, round(3 * px)),
              fill=gold, anchor="mm")
    return page


def stamps_page(holder: Holder, *, dpi: int = 200, seed: int = 0) -> Image.Image:
    """An inner page of the booklet: entry and exit stamps, some text, no zone."""
    rng = random.Random(seed)
    (width_mm, height_mm), _count, _chars = LAYOUTS[holder.layout]
    px = dpi / 25.4
    page = Image.new("RGB", (round(width_mm * px), round(height_mm * px)), (238, 234, 222))
    draw = ImageDraw.Draw(page)
    font = _font(LABEL_FONT, round(2.4 * px))
    for _stamp in range(rng.randint(2, 4)):
        x, y = rng.uniform(5, width_mm - 40) * px, rng.uniform(5, height_mm - 25) * px
        ink = rng.choice(((40, 60, 150), (150, 40, 50), (40, 110, 60)))
        draw.rounded_rectangle((x, y, x + 34 * px, y + 20 * px), radius=round(3 * px), outline=ink,
                               width=max(1, round(0.5 * px)))
        draw.text((x + 3 * px, y + 3 * px), f"{rng.choice(COUNTRIES)} ADMITTED", font=font, fill=ink)
        when = f"{rng.randint(15, 26)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
        draw.text((x + 3 * px, y + 10 * px), _printed_date(when), font=font, fill=ink)
    return page


def multi_page_scan(holder: Holder, seed: int) -> bytes:
    """`holder`'s document in a scanned PDF of several pages, as applicants send a passport: the cover first, then,
    in a random order, the page with the holder's zone, a visa page with a zone of its own (a visa another
    country issued to the same person; for a holder whose document is itself a visa, a page of stamps instead),
    and a page of stamps; each page on an A4 scan at 150 or 200 DPI, in a JPEG. The holder's zone is the one a
    scan must take for the file: a passport's or a card's before a visa's."""
    rng = random.Random(seed)
    dpi = rng.choice((150, 200))
    if holder.layout.startswith("MRV"):
        other = stamps_page(holder, dpi=dpi, seed=seed + 1)
    else:
        issuer = rng.choice([code for code in COUNTRIES if code != holder.country])
        visa = replace(holder, layout="MRVA", country=issuer,
                       number="".join(rng.choice(LETTERS + "0123456789") for _ in range(9)),
                       expiry_date=f"{rng.randint(27, 30):02d}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}")
        other = document_page(visa, dpi=dpi, seed=seed + 1)
    inner = [document_page(holder, dpi=dpi, seed=seed), other, stamps_page(holder, dpi=dpi, seed=seed + 2)]
    rng.shuffle(inner)
    pages = [cover_page(holder, dpi=dpi, seed=seed), *inner]
    return scanned_pdf([on_scanner_bed(page, dpi=dpi, seed=seed + index) for index, page in enumerate(pages)],
                       dpi=dpi, quality=rng.choice((60, 75, 85)))


MULTI_PAGE_PDF = "MRZ in a scanned multi-page PDF"
# Damage kinds whose document is a file, not one image: name -> the file's bytes for `holder` (a PDF, read as a
# scan reads one: its page images, every page, the passport's or card's zone before a visa's).
SCANNED_FILES: dict[str, Callable[[Holder, int], bytes]] = {MULTI_PAGE_PDF: multi_page_scan}


def scanned_pdf(pages: list[Image.Image], *, dpi: int = 200, quality: int = 80) -> bytes:
    """A scanned PDF: one JPEG per page, no text layer."""
    from pypdf import PdfWriter

    from tests.docfactory import _add_image_page, _finish, jpeg_bytes

    writer = PdfWriter()
    for page in pages:
        _add_image_page(writer, jpeg_bytes(page.convert("RGB"), quality=quality, dpi=dpi), page.width, page.height,
                        dpi)
    return _finish(writer, None, None, None, None)


def passport_scan(holder: Holder, *, dpi: int = 200, seed: int = 0) -> Image.Image:
    """The bio-data page as a flatbed scanner gives it: on a white A4 sheet."""
    return on_scanner_bed(document_page(holder, dpi=dpi, seed=seed), dpi=dpi, seed=seed)


def damaged(holder: Holder, damage: str, seed: int) -> Image.Image:
    return DAMAGE[damage](holder, seed)


def with_layout(holder: Holder, layout: str) -> Holder:
    return replace(holder, layout=layout)


def grey(image: Image.Image) -> Image.Image:
    return ImageOps.grayscale(image)


# --------------------------------------------------------------------------- scanned letters


def letter_page(text: str, *, dpi: int = 200) -> Image.Image:
    """A printed letter on A4 at `dpi`: 11 pt text, wrapped to the margins, as a scanner sees it."""
    import textwrap

    width, height = round(210 / 25.4 * dpi), round(297 / 25.4 * dpi)
    page = Image.new("RGB", (width, height), (250, 250, 247))
    draw = ImageDraw.Draw(page)
    font = _font(LABEL_FONT, round(11 / 72 * dpi))
    margin, y = round(25 / 25.4 * dpi), round(30 / 25.4 * dpi)
    for paragraph in text.splitlines():
        for line in textwrap.wrap(paragraph, 80) or [""]:
            draw.text((margin, y), line, font=font, fill=(25, 25, 30))
            y += round(16 / 72 * dpi)
    return page


def letter_photo(text: str, *, seed: int = 0) -> Image.Image:
    """A phone photo of the printed letter: slightly turned, lit from one side, saved as a JPEG would be."""
    page = rotated(letter_page(text, dpi=200), random.Random(seed).uniform(-2.0, 2.0), (120, 84, 52))
    return jpeg_round_trip(uneven_light(page, seed=seed, strength=0.3), 70)


def speckled(image: Image.Image, *, amount: float = 0.03, seed: int = 0) -> Image.Image:
    """Salt-and-pepper specks over `amount` of the pixels, as a dirty scanner glass or a fax leaves them:
    Tesseract reads such a page upright, but with low confidence (about 72 of 100, against 95 clean)."""
    rng = random.Random(seed)
    speckles = image.copy()
    pixels = speckles.load()
    assert pixels is not None
    for _ in range(int(image.width * image.height * amount)):
        level = rng.choice((0, 255))
        pixels[rng.randrange(image.width), rng.randrange(image.height)] = (level, level, level)
    return speckles


def poor_letter_scan(text: str, *, pages: int, dpi: int = 150, seed: int = 0) -> bytes:
    """A letter of `pages` pages scanned on a dirty scanner: each page the letter's text, speckled, in an
    image-only PDF."""
    return scanned_pdf([speckled(letter_page(text, dpi=dpi), seed=seed + page) for page in range(pages)], dpi=dpi,
                       quality=60)
