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


def test_pages_left_out_by_the_limits_are_told() -> None:
    """A reader that finds nothing must know which pages it never saw: past the page limit, or over the pixel cap."""
    data = make.searchable_scan_pdf([(_page(5), ["one"]), (_page(6), ["two"]), (_page(7), ["three"])])
    skipped: list[pages.Skipped] = []
    assert len(list(pages.page_images(io.BytesIO(data), "pdf", max_pages=2, skipped=skipped))) == 2
    assert skipped == [pages.Skipped("pages", 3, 2)]
    skipped = []
    assert len(list(pages.page_images(io.BytesIO(data), "pdf", skipped=skipped))) == 3
    assert skipped == []


def test_a_page_over_the_pixel_cap_is_told(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pages, "MAX_PAGE_PIXELS", 1_000_000)  # the pages are 900 x 1200
    data = make.searchable_scan_pdf([(_page(8), ["one"])])
    skipped: list[pages.Skipped] = []
    assert list(pages.page_images(io.BytesIO(data), "pdf", skipped=skipped)) == []
    assert skipped == [pages.Skipped("pixels", 1, 1)]
    tiff = io.BytesIO()
    _page(9).save(tiff, "TIFF")
    skipped = []
    assert list(pages.page_images(io.BytesIO(tiff.getvalue()), "tiff", skipped=skipped)) == []
    assert skipped == [pages.Skipped("pixels", 1, 1)]


@pytest.mark.parametrize("degrees", [90, 180, 270])
def test_a_pages_rotate_turns_its_picture_as_a_viewer_shows_it(degrees: int) -> None:
    upright = _page(10)
    stored = upright.rotate(degrees, expand=True)  # turned back by the page's /Rotate (degrees clockwise)
    data = make.with_page_rotation(make.searchable_scan_pdf([(stored, ["words"])]), degrees)
    (shown,) = pages.page_images(io.BytesIO(data), "pdf", mode="L")
    assert shown.size == upright.size
    assert ImageStat.Stat(ImageChops.difference(shown, upright.convert("L"))).mean[0] < 8.0  # JPEG loss; turned: 60
