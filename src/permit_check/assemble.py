"""Writes upload files: merges PDFs and images into one PDF, converts images, and shrinks scans.

The only module that writes documents (pypdf and Pillow on the writing side); pack.py decides what
to write. Pages that are scans are re-encoded at about 150 DPI when a file is over the size cap.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

from PIL import Image
from pypdf import PdfReader, PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject, NumberObject, StreamObject

TARGET_DPI = 150
JPEG_QUALITY = 75
POINTS_PER_INCH = 72


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


def _frames(path: Path) -> list[Image.Image]:
    with Image.open(path) as image:
        frames = []
        for index in range(getattr(image, "n_frames", 1)):
            image.seek(index)
            frames.append(image.copy())
        return frames


def _shrunk(image: Image.Image, dpi: float) -> tuple[Image.Image, float]:
    if dpi <= TARGET_DPI:
        return image, dpi
    scale = TARGET_DPI / dpi
    size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    return image.resize(size, Image.Resampling.LANCZOS), TARGET_DPI


def merge_to_pdf(sources: Sequence[tuple[Path, str]], *, shrink: bool) -> bytes:
    """One PDF from PDFs and images, in the given order; with shrink, every image page at ~150 DPI."""
    writer = PdfWriter()
    for path, kind in sources:
        if kind == "pdf":
            reader = PdfReader(path)
            if reader.is_encrypted:
                reader.decrypt("")
            if shrink:
                _append_shrunk(writer, reader)
            else:
                writer.append(reader)
        else:
            for frame in _frames(path):
                dpi = _image_dpi(frame)
                frame, dpi = _shrunk(frame, dpi) if shrink else (frame, dpi)
                _image_page(writer, frame, dpi, JPEG_QUALITY if shrink else 90)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


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


def to_jpeg(path: Path, *, shrink: bool) -> bytes:
    """An image as JPEG (a photo slot takes only JPEG)."""
    frame = _frames(path)[0]
    dpi = _image_dpi(frame)
    if shrink:
        frame, dpi = _shrunk(frame, dpi)
    buffer = io.BytesIO()
    frame.convert("RGB").save(buffer, "JPEG", quality=JPEG_QUALITY if shrink else 92, dpi=(dpi, dpi))
    return buffer.getvalue()
