"""A scan's page images as the OCR readers get them: the pictures drawn on its pages, decoded once."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageChops, ImageFile, ImageStat
from pypdf import PdfReader

from permit_check.files.inspectors import page_images as pages
from tests import docfactory as make


def _page(seed: int) -> Image.Image:
    return make.scan_image(900, 1200, seed=seed)


def test_a_scans_pages_come_in_grey_as_pypdf_shows_them() -> None:
    data = make.searchable_scan_pdf([(_page(1), ["PASSPORT"]), (_page(2), ["page two"])])
    grey = list(pages.page_images(io.BytesIO(data), "pdf", mode="L"))
    shown = [picture.image.convert("L") for page in PdfReader(io.BytesIO(data)).pages for picture in page.images]
    assert [image.mode for image in grey] == ["L", "L"]
    assert [image.size for image in grey] == [image.size for image in shown] == [(900, 1200)] * 2
    for ours, theirs in zip(grey, shown, strict=True):
        assert ImageStat.Stat(ImageChops.difference(ours, theirs)).mean[0] < 1.0


def test_colour_is_kept_for_readers_that_want_it() -> None:
    data = make.searchable_scan_pdf([(_page(3), ["words"])])
    assert [image.mode for image in pages.page_images(io.BytesIO(data), "pdf")] == ["RGB"]


def test_a_picture_bigger_than_its_pdf_says_is_not_decoded(monkeypatch: pytest.MonkeyPatch) -> None:
    """The JPEG's own header is checked before its pixels are decoded: a dictionary that understates the size
    does not get a page past the pixel cap."""
    data = make.searchable_scan_pdf([(_page(4), ["words"])])
    monkeypatch.setattr(pages, "MAX_PAGE_PIXELS", 900 * 1200 - 1)
    monkeypatch.setattr(pages, "_stated_pixels", lambda stream: 1)
    decoded: list[object] = []
    monkeypatch.setattr(ImageFile.ImageFile, "load", lambda self: decoded.append(self))
    assert list(pages.page_images(io.BytesIO(data), "pdf", mode="L")) == []
    assert decoded == []
