"""Writes upload files: merges PDFs and images into one PDF, converts images, and shrinks scans.

The only module that writes documents (pypdf and Pillow on the writing side); pack.py decides what
to write. Pages that are scans are re-encoded at about 150 DPI when a file is over the size cap.
Sources come as bytes (pack reads each file once); what the libraries raise on a hostile or damaged
source becomes a SourceTrouble that names the source and the class of trouble, never the library's words.
"""

from __future__ import annotations

import io
import logging
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from PIL import Image, ImageSequence
from pypdf import PdfReader, PdfWriter
from pypdf.errors import LimitReachedError
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject, NumberObject, StreamObject

from permit_check.files.inspectors.image import (
    DATE_TIME,
    DATE_TIME_ORIGINAL,
    EXIF_IFD,
    MAX_PIXELS,
    ORIENTATION,
    register_heif,
    upright,
)

TARGET_DPI = 150
JPEG_QUALITY = 75
POINTS_PER_INCH = 72
# A multi-page image with more pages than this is not a document scan (a passport has a few dozen).
MAX_FRAMES = 50


class SourceTrouble(Exception):
    """A source that cannot be packed: `kind` is "pixels", "frames", "too-complex" or "damaged";
    `source` is its index in the slot's sources (None when the trouble is not one source's)."""

    def __init__(self, kind: str, source: int | None = None) -> None:
        super().__init__(kind)
        self.kind = kind
        self.source = source


@contextmanager
def quiet_libraries() -> Iterator[None]:
    """The scan's pixel cap, and no library warning or log line on the terminal: a pixel-count warning
    becomes a refusal, and pypdf's messages (which quote the file) are dropped."""
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    logger = logging.getLogger("pypdf")
    previous = logger.propagate, logger.level
    logger.propagate = False
    logger.setLevel(logging.CRITICAL + 1)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            yield
    finally:
        logger.propagate, level = previous
        logger.setLevel(level)


@contextmanager
def _reading(source: int | None) -> Iterator[None]:
    """Classifies what the libraries raise while a source is read (memory errors go on to the pool)."""
    try:
        yield
    except SourceTrouble as trouble:
        raise SourceTrouble(trouble.kind, source if trouble.source is None else trouble.source) from None
    except MemoryError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise SourceTrouble("pixels", source) from None
    except (LimitReachedError, RecursionError):
        raise SourceTrouble("too-complex", source) from None
    except Exception:  # noqa: BLE001 - pypdf and Pillow raise anything on damaged files
        raise SourceTrouble("damaged", source) from None


def _image_page(writer: PdfWriter, image: Image.Image, dpi: float, quality: int) -> None:
    """Adds one page showing `image` at `dpi` (JPEG inside, as scanners write)."""
    rgb = image.convert("RGB")
    buffer = io.BytesIO()
    rgb.save(buffer, "JPEG", quality=quality)
    width, height = rgb.size
    page_w, page_h = width * POINTS_PER_INCH / dpi, height * POINTS_PER_INCH / dpi
    page = writer.add_blank_page(page_w, page_h)
    xobject = StreamObject()
    xobject._data = buffer.getvalue()
    xobject.update({
        NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Image"),
        NameObject("/Width"): NumberObject(width), NameObject("/Height"): NumberObject(height),
        NameObject("/ColorSpace"): NameObject("/DeviceRGB"), NameObject("/BitsPerComponent"): NumberObject(8),
        NameObject("/Filter"): NameObject("/DCTDecode"),
    })
    content = DecodedStreamObject()
    content.set_data(f"q {page_w:.2f} 0 0 {page_h:.2f} 0 0 cm /Im0 Do Q".encode())
    page[NameObject("/Contents")] = writer._add_object(content)
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/XObject"): DictionaryObject({NameObject("/Im0"): writer._add_object(xobject)})})


def _image_dpi(image: Image.Image) -> float:
    dpi = image.info.get("dpi")
    try:
        value = float(dpi[0]) if dpi else 0.0
    except (TypeError, ValueError, IndexError):
        value = 0.0
    return value if value >= 50 else 300.0  # a scan that does not say is most likely 300 DPI


def _frames(data: bytes) -> Iterator[Image.Image]:
    """The image's pages one at a time (a bomb of many large frames is never held whole).

    The pages are counted before any is decoded (seeking reads only their headers); Pillow checks
    the pixel cap on the first page only, the others are checked here.
    """
    with Image.open(io.BytesIO(data)) as image:
        try:
            image.seek(MAX_FRAMES)
        except EOFError:
            pass
        else:
            raise SourceTrouble("frames")
        image.seek(0)
        for frame in ImageSequence.Iterator(image):
            if frame.width * frame.height > MAX_PIXELS:
                raise SourceTrouble("pixels")
            yield frame.copy()


def _shrunk(image: Image.Image, dpi: float) -> tuple[Image.Image, float]:
    if dpi <= TARGET_DPI:
        return image, dpi
    scale = TARGET_DPI / dpi
    size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    return image.resize(size, Image.Resampling.LANCZOS), TARGET_DPI


def _allow_heif(kinds: Sequence[str]) -> None:
    """HEIC sources need pillow-heif's opener; it is registered here, in the worker that builds the slot."""
    if "heic" in kinds:
        register_heif()


def merge_to_pdf(sources: Sequence[tuple[bytes, str]], *, shrink: bool) -> bytes:
    """One PDF from PDFs and images, in the given order; with shrink, every image page at ~150 DPI."""
    _allow_heif([kind for _, kind in sources])
    writer = PdfWriter()
    for index, (data, kind) in enumerate(sources):
        with _reading(index):
            _append_source(writer, data, kind, shrink=shrink)
    buffer = io.BytesIO()
    with _reading(None):
        writer.write(buffer)
    return buffer.getvalue()


def _append_source(writer: PdfWriter, data: bytes, kind: str, *, shrink: bool) -> None:
    if kind == "pdf":
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            reader.decrypt("")
        if shrink:
            _append_shrunk(writer, reader)
        else:
            writer.append(reader)
        return
    for frame in _frames(data):
        dpi = _image_dpi(frame)
        frame, dpi = _shrunk(frame, dpi) if shrink else (frame, dpi)
        _image_page(writer, frame, dpi, JPEG_QUALITY if shrink else 90)


def _append_shrunk(writer: PdfWriter, reader: PdfReader) -> None:
    """Scanned pages (one image filling the page) are re-encoded at ~150 DPI; other pages are copied."""
    for page in reader.pages:
        images = list(page.images)
        if len(images) != 1:
            writer.add_page(page)
            continue
        image = images[0].image
        if image is None:
            writer.add_page(page)
            continue
        width_inches = float(page.mediabox.width) / POINTS_PER_INCH or 1.0
        dpi = image.width / width_inches
        shrunk, dpi = _shrunk(image, dpi)
        _image_page(writer, shrunk, dpi, JPEG_QUALITY)


def to_jpeg(data: bytes, *, shrink: bool, kind: str = "") -> bytes:
    """An image as JPEG (a photo slot takes only JPEG), with its EXIF: the day the photo was taken is what the
    photo's age is judged by. The pixels are turned as its Orientation says, which then says upright (1)."""
    _allow_heif([kind])
    with _reading(0):
        frame = next(_frames(data))
        turned = upright(frame)  # before the EXIF is changed: the Orientation it reads is the photo's own
        exif = _kept_exif(frame)
        frame = turned
        dpi = _image_dpi(frame)
        if shrink:
            frame, dpi = _shrunk(frame, dpi)
        rgb = frame.convert("RGB")
        quality = JPEG_QUALITY if shrink else 92
        for block in (exif, _dates_only(exif), b""):
            buffer = io.BytesIO()
            try:
                rgb.save(buffer, "JPEG", quality=quality, dpi=(dpi, dpi), exif=block)
            except ValueError:  # an EXIF block over JPEG's 64 KB (a camera's maker notes): its dates are kept
                continue
            break
    return buffer.getvalue()


def _kept_exif(image: Image.Image) -> Image.Exif:
    """The image's EXIF with the Orientation set to upright (the pixels are turned before they are written);
    an empty one when it has none or a damaged one."""
    try:
        exif = image.getexif()
        exif.get_ifd(EXIF_IFD)  # loaded now, so that it is written with the rest
        if ORIENTATION in exif:
            exif[ORIENTATION] = 1
        exif.tobytes()  # a damaged block fails here, not in the writer
    except Exception:  # noqa: BLE001 - Pillow raises anything on a damaged EXIF block: only the EXIF is lost
        return Image.Exif()
    return exif


def _dates_only(exif: Image.Exif) -> Image.Exif:
    """Only when the photo was taken, from `exif`."""
    dates = Image.Exif()
    if DATE_TIME in exif:
        dates[DATE_TIME] = exif[DATE_TIME]
    original = exif.get_ifd(EXIF_IFD).get(DATE_TIME_ORIGINAL)
    if original is not None:
        dates.get_ifd(EXIF_IFD)[DATE_TIME_ORIGINAL] = original
    return dates
