"""The page images of a scan: an image file's frames, or the pictures inside a scanned PDF's pages.

Only what OCR needs: each picture as Pillow decodes it, under the same pixel limit as the image
inspector, at most MAX_PAGES pages, turned upright as a viewer shows it (a photo's EXIF Orientation, a PDF
page's /Rotate). A picture that cannot be decoded is skipped, never raised; pages left out by the limits are
told to the caller's `skipped` list, so that a finding says they were not checked rather than missing.
"""

from __future__ import annotations

import contextlib
import io
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from PIL import Image

from permit_check.files.inspectors.image import MAX_PIXELS, register_heif, upright

# A passport has a few dozen pages; its bio-data page is among the first.
MAX_PAGES = 40
# Pictures smaller than this are logos or stamps, never a page.
MIN_SIDE = 200
# A page scanned at 600 DPI is 35 million pixels: more is not a page worth reading (and OCR would crawl).
MAX_PAGE_PIXELS = 40_000_000


@dataclass(frozen=True)
class Skipped:
    """Pages a reader could not check: `page` was over the pixel cap ("pixels", `limit` in millions of pixels),
    or every page from `page` on was past the page limit ("pages", `limit` pages). Numbers only: nothing of the
    document's content."""

    why: str
    page: int
    limit: int


def page_images(path: Path | IO[bytes], kind: str, mode: str = "RGB", *, max_pages: int | None = None,
                skipped: list[Skipped] | None = None) -> Iterator[Image.Image]:
    """Every page image of the file's first `max_pages` pages (MAX_PAGES), in order, upright, in `mode` ("RGB",
    or "L" for a reader that only needs grey). Pages the limits leave out are added to `skipped` (when given)."""
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    max_pages = MAX_PAGES if max_pages is None else max_pages
    told = skipped if skipped is not None else []
    if kind == "pdf":
        yield from _pdf_images(path, mode, max_pages, told)
        return
    if kind == "heic":
        register_heif()  # pillow-heif's opener, in the worker that reads the photo
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            with Image.open(path) as image:
                frames = getattr(image, "n_frames", 1)
                if frames > max_pages:
                    told.append(Skipped("pages", max_pages + 1, max_pages))
                for frame in range(min(frames, max_pages)):
                    image.seek(frame)
                    if image.width * image.height > MAX_PAGE_PIXELS:
                        told.append(Skipped("pixels", frame + 1, MAX_PAGE_PIXELS // 1_000_000))
                        continue
                    yield upright(image).convert(mode)
        except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
            return


def _pdf_images(path: Path | IO[bytes], mode: str, max_pages: int, skipped: list[Skipped]) -> Iterator[Image.Image]:
    from pypdf.errors import PyPdfError

    from permit_check.files.inspectors.pdf import _open, _quiet_pypdf, first_pages

    with _quiet_pypdf():
        try:
            reader, _facts, trouble = _open(path)
            if reader is None or trouble:
                return
            # One page past the limit is looked for, never counted whole: a page tree can be hostile.
            for number, page in enumerate(first_pages(reader, max_pages + 1), start=1):
                if number > max_pages:
                    skipped.append(Skipped("pages", number, max_pages))
                    break
                with contextlib.suppress(Exception):  # a damaged picture on one page must not hide the others
                    jpegs = _plain_jpegs(page)
                    pictures = _jpeg_pictures(jpegs, mode) if jpegs is not None else _decoded_pictures(page, mode)
                    turn = _page_turn(page)
                    for picture in pictures:
                        if picture is None:
                            skipped.append(Skipped("pixels", number, MAX_PAGE_PIXELS // 1_000_000))
                        else:
                            yield picture.transpose(turn) if turn is not None else picture
        except (PyPdfError, OSError, ValueError, KeyError, RecursionError):
            return


def _page_turn(page: Any) -> Image.Transpose | None:
    """How a page's pictures must be turned to be seen as the page is shown: its /Rotate, in quarter turns
    clockwise (a scanner's sideways page is often stored upright-for-the-scanner and rotated by the viewer)."""
    try:
        degrees = int(page.get("/Rotate", 0) or 0) % 360
    except (TypeError, ValueError):
        return None
    return {90: Image.Transpose.ROTATE_270, 180: Image.Transpose.ROTATE_180,
            270: Image.Transpose.ROTATE_90}.get(degrees)


def _decoded_pictures(page: Any, mode: str) -> Iterator[Image.Image | None]:
    """The page's pictures as pypdf decodes them (any filter and colour space); None for one over the pixel cap."""
    for picture in page.images:
        if _pixels(picture) > MAX_PAGE_PIXELS:
            yield None
            continue
        image = picture.image
        if image is not None and min(image.size) >= MIN_SIDE:
            yield image.convert(mode)


def _plain_jpegs(page: Any) -> list[Any] | None:
    """The page's picture streams when every one is a plain JPEG (a scanner's page), else None.

    A scan's page is nearly always one JPEG: Pillow decodes it straight from the PDF's bytes, and in grey
    when only grey is wanted, at a fraction of the cost of pypdf's general decoding (which also re-encodes
    each picture). Anything else (other filters, CMYK, decode arrays, pictures inside forms) is left to pypdf.
    """
    from pypdf.generic import ArrayObject, DictionaryObject, StreamObject

    resources = page.get("/Resources")
    resources = resources.get_object() if resources is not None else None
    xobjects = resources.get("/XObject") if isinstance(resources, DictionaryObject) else None
    xobjects = xobjects.get_object() if xobjects is not None else None
    if not isinstance(xobjects, DictionaryObject) or not xobjects:
        return None
    streams = []
    for reference in xobjects.values():
        stream = reference.get_object()
        if not isinstance(stream, StreamObject) or stream.get("/Subtype") != "/Image":
            return None
        colours = stream.get("/ColorSpace")
        colours = colours.get_object() if colours is not None else None
        icc = isinstance(colours, ArrayObject) and len(colours) == 2 and colours[0] == "/ICCBased"
        if (stream.get("/Filter") != "/DCTDecode" or "/Decode" in stream or "/SMask" in stream
                or not (colours in ("/DeviceRGB", "/DeviceGray") or icc)):
            return None
        streams.append(stream)
    return streams


def _jpeg_pictures(streams: list[Any], mode: str) -> Iterator[Image.Image | None]:
    """The page's JPEG pictures, decoded by Pillow; None for one over the pixel cap."""
    for stream in streams:
        if _stated_pixels(stream) > MAX_PAGE_PIXELS:
            yield None
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            image = Image.open(io.BytesIO(stream.get_data()))
            # The size the JPEG itself states, checked before its pixels are decoded.
            if image.width * image.height > MAX_PAGE_PIXELS:
                yield None
                continue
            if image.format != "JPEG" or min(image.size) < MIN_SIDE:
                continue
            image.draft(mode, image.size)  # decodes straight to grey: no colour is converted, then dropped
            image.load()
        yield image if image.mode == mode else image.convert(mode)


def _stated_pixels(stream: Any) -> int:
    try:
        return int(stream["/Width"]) * int(stream["/Height"])
    except (KeyError, TypeError, ValueError):
        return 0


def _pixels(picture: object) -> int:
    """The picture's size as its PDF dictionary states it, before anything is decoded."""
    info = getattr(picture, "indirect_reference", None)
    stream = info.get_object() if info is not None else None
    return _stated_pixels(stream) if stream is not None else 0
