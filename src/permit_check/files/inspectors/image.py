"""Inspects images with Pillow (imported only in the workers that look at pixels: this reader, the OCR and
passport-zone readers in files/inspectors/ -- ocr.py, passport_mrz.py, mrz_glyphs.py, page_images.py -- and the
writer files/assemble.py): pixel size, colour mode, DPI, format.

HEIC/HEIF photos (an iPhone's default) are read through pillow-heif, whose opener is registered
only where an image of that kind is read: in the workers, never in the parent process.
"""

from __future__ import annotations

import datetime as dt
import warnings
from functools import cache
from pathlib import Path
from typing import Any

from PIL import Image, ImageOps, UnidentifiedImageError

from permit_check.errors import EnvironmentProblem
from permit_check.files.inspectors import opened, readable
from permit_check.files.inspectors.problems import problem
from permit_check.i18n import N_

# Pillow refuses images above this many pixels (decompression-bomb guard); a 600 dpi A4 scan
# is about 35 million pixels, so 180 million leaves room for any honest scan.
MAX_PIXELS = 180_000_000
COLOUR_MODES = frozenset({"RGB", "RGBA", "CMYK", "YCbCr", "LAB", "HSV", "P"})
# EXIF Orientation: how the stored pixels must be turned to be seen upright (phones store a portrait shot as
# a landscape picture with Orientation 6 or 8). Values 5 to 8 are quarter turns: width and height swap.
ORIENTATION = 0x0112
TURNED = frozenset({2, 3, 4, 5, 6, 7, 8})
QUARTER_TURNS = frozenset({5, 6, 7, 8})


@cache
def register_heif() -> None:
    """Lets Pillow open HEIC/HEIF files (once per process)."""
    try:
        import pillow_heif
    except ImportError as error:
        raise EnvironmentProblem(N_("pillow-heif is not installed ({error}); install it with 'pip install "
                                    "pillow-heif' to read HEIC photos"),
                                 error=error) from error
    pillow_heif.register_heif_opener()


def open_image(path: Path, kind: str) -> Image.Image:
    """The image at `path`, decoded, under the pixel cap (HEIC through pillow-heif)."""
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    if kind == "heic":
        register_heif()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        with Image.open(path) as img:
            img.load()
            return upright(img) if orientation(img) in TURNED else img.copy()


def orientation(image: Image.Image) -> int:
    """The image's EXIF Orientation (1, upright, when it has none or a damaged one)."""
    try:
        value = image.getexif().get(ORIENTATION, 1)
    except Exception:  # noqa: BLE001 - a damaged EXIF block only loses the orientation
        return 1
    return value if isinstance(value, int) else 1


def upright(image: Image.Image) -> Image.Image:
    """The image as its EXIF Orientation says it is seen (a new image), or the image itself when it is upright.
    OCR and the MRZ reader need the text upright; the photo checks judge the picture as it is displayed."""
    if orientation(image) not in TURNED:
        return image
    try:
        return ImageOps.exif_transpose(image)
    except Exception:  # noqa: BLE001 - a damaged EXIF block: the pixels as stored
        return image


def inspect_image(source: Path | bytes, kind: str = "") -> dict[str, Any]:
    """Facts about an image, given its path or its bytes already read; a damaged or absurd image becomes a
    `problem`."""
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    if kind == "heic":
        register_heif()
    try:
        with warnings.catch_warnings():
            # Pillow warns about odd tags in damaged files; the finding says what matters instead.
            warnings.simplefilter("ignore")
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(readable(source)) as img:
                # The size as the photo is displayed (by IRCC's portal, a browser or a viewer): a portrait
                # phone shot stored sideways with its EXIF Orientation is a portrait photo.
                turned = orientation(img) in QUARTER_TURNS
                facts = {
                    "format": img.format,
                    "width": img.height if turned else img.width,
                    "height": img.width if turned else img.height,
                    "mode": img.mode,
                    "colour": img.mode in COLOUR_MODES,
                    "dpi": _dpi(img.info.get("dpi")),
                    "frames": getattr(img, "n_frames", 1),
                    # JPEG and HEIF keep EXIF in their header; PNG would be decoded whole to look for it.
                    "taken": _taken(img) if img.format in ("JPEG", "HEIF") else None,
                }
            if facts["format"] == "JPEG":
                if not _ends_with_eoi(source):
                    # No end marker: cut short, or data appended (phones add a video to "motion photos").
                    # Decoding at 1/8 size reads every byte and tells which, at a fraction of the cost.
                    with Image.open(readable(source)) as img:
                        img.draft("RGB", (max(1, img.width // 8), max(1, img.height // 8)))
                        img.load()
            else:
                # Checks the structure (PNG chunks and their checksums) without decoding pixels;
                # Pillow allows it only on a freshly opened image.
                with Image.open(readable(source)) as img:
                    img.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return {"problem": problem("too-large", N_("the image claims more pixels than any scan or photo has"))}
    except MemoryError:
        return {"problem": problem("too-large", N_("reading the image needs more memory than allowed"))}
    except UnidentifiedImageError as error:
        return {"problem": problem("damaged", N_("the image cannot be decoded"), error)}
    except Exception as error:  # noqa: BLE001 - Pillow raises TypeError, KeyError... on damaged files
        # Pillow's message only decides the kind; the finding says it in permit-check's own words.
        if "truncated" in str(error).lower():
            return {"image": {}, "problem": problem("truncated", N_("the image file is truncated"), error)}
        return {"image": {}, "problem": problem("damaged", N_("the image cannot be decoded"), error)}
    return {"image": facts}


EXIF_IFD = 0x8769
DATE_TIME_ORIGINAL = 36867
DATE_TIME = 306


def _taken(img: Image.Image) -> str | None:
    """The day the photo was taken (EXIF 'YYYY:MM:DD hh:mm:ss'), as ISO, when the file says so."""
    try:
        exif = img.getexif()
        raw = exif.get_ifd(EXIF_IFD).get(DATE_TIME_ORIGINAL) or exif.get(DATE_TIME)
    except (OSError, ValueError, TypeError, KeyError, SyntaxError):
        return None
    if not isinstance(raw, str) or len(raw) < 10:
        return None
    try:
        return dt.date(int(raw[0:4]), int(raw[5:7]), int(raw[8:10])).isoformat()
    except ValueError:
        return None


def _ends_with_eoi(source: Path | bytes) -> bool:
    """A complete JPEG ends with the End Of Image marker (FF D9), give or take trailing padding: read from the file
    (its last bytes only) or from the bytes already read."""
    with opened(source) as handle:
        size = handle.seek(0, 2)
        handle.seek(max(0, size - 64))
        return handle.read().rstrip(b"\x00\r\n\t ").endswith(b"\xff\xd9")


def _dpi(value: Any) -> list[float] | None:
    if not isinstance(value, tuple) or len(value) != 2:
        return None
    try:
        return [round(float(value[0]), 1), round(float(value[1]), 1)]
    except (TypeError, ValueError):
        return None
