"""The page images of a scan: an image file's frames, or the pictures inside a scanned PDF's pages.

Only what OCR needs: each picture as Pillow decodes it, under the same pixel limit as the image
inspector, at most MAX_PAGES pages. A picture that cannot be decoded is skipped, never raised.
"""

from __future__ import annotations

import contextlib
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from PIL import Image

from permit_check.files.inspectors.image import MAX_PIXELS

# A passport has a few dozen pages; its bio-data page is among the first.
MAX_PAGES = 40
# Pictures smaller than this are logos or stamps, never a page.
MIN_SIDE = 200
# A page scanned at 600 DPI is 35 million pixels: more is not a page worth reading (and OCR would crawl).
MAX_PAGE_PIXELS = 40_000_000


def page_images(path: Path | IO[bytes], kind: str) -> Iterator[Image.Image]:
    """Every page image of the file, in order."""
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    if kind == "pdf":
        yield from _pdf_images(path)
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            with Image.open(path) as image:
                for frame in range(min(getattr(image, "n_frames", 1), MAX_PAGES)):
                    image.seek(frame)
                    if image.width * image.height <= MAX_PAGE_PIXELS:
                        yield image.convert("RGB")
        except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
            return


def _pdf_images(path: Path | IO[bytes]) -> Iterator[Image.Image]:
    from pypdf.errors import PyPdfError

    from permit_check.files.inspectors.pdf import _open, _quiet_pypdf, first_pages

    with _quiet_pypdf():
        try:
            reader, _facts, trouble = _open(path)
            if reader is None or trouble:
                return
            for page in first_pages(reader, MAX_PAGES):
                with contextlib.suppress(Exception):  # a damaged picture on one page must not hide the others
                    for picture in page.images:
                        if _pixels(picture) > MAX_PAGE_PIXELS:
                            continue
                        image = picture.image
                        if image is not None and min(image.size) >= MIN_SIDE:
                            yield image.convert("RGB")
        except (PyPdfError, OSError, ValueError, KeyError, RecursionError):
            return


def _pixels(picture: object) -> int:
    """The picture's size as its PDF dictionary states it, before anything is decoded."""
    info = getattr(picture, "indirect_reference", None)
    stream = info.get_object() if info is not None else None
    try:
        return int(stream["/Width"]) * int(stream["/Height"]) if stream is not None else 0
    except (KeyError, TypeError, ValueError):
        return 0
